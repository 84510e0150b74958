// SPEC §11: every refusal, whatever the route, is `{error: {code, message, details}}`; the message
// in the language asked for, `details.rule` naming the rule or field that refused.
import { z } from 'zod';
import { ERROR_CODES } from './enums.ts';
import { JsonObject } from './primitives.ts';

export const Refusal = z.strictObject({ code: z.enum(ERROR_CODES), message: z.string(), details: JsonObject });
export const ErrorBody = z.strictObject({ error: Refusal }).meta({ description: 'A refusal (SPEC §11)' });
export type ErrorBody = z.infer<typeof ErrorBody>;
