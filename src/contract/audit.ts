// The audit trail over HTTP (issue 19 item 5): GET /v1/audit, platform only.
import { z } from 'zod';

export const AuditEntry = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    shop: z.string(),
    principal: z.string(),
    key_id: z.string().nullable(),
    address: z.string(),
    action: z.string(),
    target: z.string(),
    details: z.record(z.string(), z.unknown()),
    prev_hash: z.string(),
    hash: z.string(),
  })
  .strict();
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditPage = z.object({ data: z.array(AuditEntry), next_after: z.number().int().nullable() }).strict();
export type AuditPage = z.infer<typeof AuditPage>;
