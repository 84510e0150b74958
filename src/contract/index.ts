// The API's contract: the codes it speaks (enums.ts, the domain's own lists) and a zod schema for
// every answer it sends. The server serializes with these schemas (`schema.response` of each route),
// the OpenAPI document at /openapi.json is generated from them, the HTTP tests parse every answer
// with them, and the console imports the types inferred from them. Imports src/domain only.
export * from './enums.ts';
export * from './primitives.ts';
export * from './errors.ts';
export * from './order.ts';
export * from './case.ts';
export * from './evidence.ts';
export * from './policy.ts';
export * from './admin.ts';
export * from './governance.ts';
export * from './audit.ts';
export * from './automation.ts';
export * from './metrics.ts';
export * from './desk.ts';
export * from './workday.ts';
export * from './claim.ts';
