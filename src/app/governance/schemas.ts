// Input schemas of the governance commands (SPEC §8; FORMAT.md "Governance, tickets, automation"),
// shared by scenario files and the HTTP API: raw JSON in, domain commands out, or a `validation`
// refusal naming the field.
import { z } from 'zod';
import type { ComplaintCommand } from '../../domain/complaint/commands.ts';
import { COMPLAINT_KINDS } from '../../domain/complaint/types.ts';
import { refuse, type Refusal } from '../../domain/errors.ts';
import { EVIDENCE_KINDS } from '../../domain/types.ts';

const str = () => z.string().refine((s) => !s.includes('\u0000') && (s as string & { isWellFormed(): boolean }).isWellFormed(), 'contains a NUL character or invalid Unicode');
const evidence = z
  .array(z.object({ kind: z.enum(EVIDENCE_KINDS), description: str().max(2000).optional(), sha256: z.string().regex(/^[0-9a-f]{64}$/).optional() }).strict())
  .max(50);
const note = str().max(2000);

/** The body of each complaint command, as FORMAT.md's table names its args. */
export const COMPLAINT_ARGS = {
  complain: z.object({ kind: z.enum(COMPLAINT_KINDS as [string, ...string[]]), sub_kind: str().min(1).max(64), evidence: evidence.optional(), note: note.optional() }).strict(),
  withdraw_complaint: z.object({}).strict(),
  respond_complaint: z.object({ evidence: evidence.default([]), note: note.optional() }).strict(),
  rule_complaint: z.object({ outcome: z.enum(['upheld', 'dismissed']), note: note.optional() }).strict(),
  appeal: z.object({ reason: str().max(2000), evidence: evidence.default([]) }).strict(),
  rule_appeal: z.object({ outcome: z.enum(['accepted', 'rejected']), note: note.optional() }).strict(),
} as const;
export type ComplaintCommandName = keyof typeof COMPLAINT_ARGS;
export const COMPLAINT_COMMAND_NAMES = Object.keys(COMPLAINT_ARGS) as ComplaintCommandName[];
/** The commands sent on an existing complaint (`POST /v1/complaints/:complaint/:command`). */
export const COMPLAINT_FOLLOW_UPS = COMPLAINT_COMMAND_NAMES.filter((n) => n !== 'complain') as Exclude<ComplaintCommandName, 'complain'>[];

export const SHOP_EVENT_NAMES = ['deposit_topup', 'reopen_shop'] as const;
export type ShopEventName = (typeof SHOP_EVENT_NAMES)[number];
export const SHOP_EVENT_ARGS = {
  deposit_topup: z.object({ amount: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER), reference: str().max(200).optional() }).strict(),
  reopen_shop: z.object({ note: note.optional() }).strict(),
} as const;

function invalid(error: z.ZodError): Refusal {
  const issue = error.issues[0]!;
  const field = issue.path.join('.') || 'args';
  return refuse('validation', field, `字段 ${field} 无效: ${issue.message}`, `invalid ${field}: ${issue.message}`, { field });
}

type Body = ComplaintCommand extends infer C ? (C extends ComplaintCommand ? Omit<C, 'complaintId' | 'actor'> : never) : never;

/** Raw args → a complaint command without its id and actor, or a `validation` refusal. */
export function toComplaintCommand(name: ComplaintCommandName, raw: unknown): Body | Refusal {
  const parsed = COMPLAINT_ARGS[name].safeParse(raw ?? {});
  if (!parsed.success) return invalid(parsed.error);
  const a = parsed.data as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- shape checked by the schema above
  switch (name) {
    case 'complain':
      return { kind: 'complain', complaintKind: a.kind, subKind: a.sub_kind, evidence: a.evidence, note: a.note };
    default:
      return { kind: name, ...a } as Body;
  }
}

export function toShopEvent(name: ShopEventName, raw: unknown): { kind: 'deposit_topup'; amount: number; reference?: string } | { kind: 'reopen_shop'; note?: string } | Refusal {
  const parsed = SHOP_EVENT_ARGS[name].safeParse(raw ?? {});
  if (!parsed.success) return invalid(parsed.error);
  return { kind: name, ...(parsed.data as object) } as never;
}
