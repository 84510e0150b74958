// Input schemas of the claim commands (SPEC §13), shared by scenario files and the HTTP API: raw JSON
// in, domain commands out, or a `validation` refusal naming the field.
import { z } from 'zod';
import type { ClaimCommand } from '../../domain/claim/commands.ts';
import { CLAIM_APPEAL_OUTCOMES, CLAIM_OUTCOMES, CLAIM_REASONS } from '../../domain/claim/types.ts';
import { refuse, type Refusal } from '../../domain/errors.ts';
import { EVIDENCE_KINDS } from '../../domain/types.ts';

const str = () => z.string().refine((s) => !s.includes('\u0000') && (s as string & { isWellFormed(): boolean }).isWellFormed(), 'contains a NUL character or invalid Unicode');
const evidence = z
  .array(z.object({ kind: z.enum(EVIDENCE_KINDS), description: str().max(2000).optional(), sha256: z.string().regex(/^[0-9a-f]{64}$/).optional() }).strict())
  .max(50);
const note = str().max(2000);
const amount = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const caseId = str().min(1).max(64);

/** The body of each claim command, as the scenario steps name their args (docs/decisions.md). */
export const CLAIM_ARGS = {
  atoz_claim: z.object({ reason: z.enum(CLAIM_REASONS), amount: amount.optional(), case: caseId.optional(), evidence: evidence.optional(), note: note.optional() }).strict(),
  safet_claim: z.object({ reason: z.enum(CLAIM_REASONS), case: caseId, amount: amount.optional(), evidence: evidence.default([]), note: note.optional() }).strict(),
  withdraw_claim: z.object({}).strict(),
  respond_claim: z.object({ response: z.enum(['refund', 'contest']), evidence: evidence.default([]), note: note.optional() }).strict(),
  rule_claim: z.object({ outcome: z.enum(CLAIM_OUTCOMES), note: note.optional() }).strict(),
  appeal_claim: z.object({ reason: str().max(2000), evidence: evidence.default([]) }).strict(),
  rule_claim_appeal: z.object({ outcome: z.enum(CLAIM_APPEAL_OUTCOMES), note: note.optional() }).strict(),
} as const;
export type ClaimCommandName = keyof typeof CLAIM_ARGS;
export const CLAIM_COMMAND_NAMES = Object.keys(CLAIM_ARGS) as ClaimCommandName[];
/** The commands sent on an existing claim (`POST /v1/claims/:claim/:command`). */
export const CLAIM_FOLLOW_UPS = CLAIM_COMMAND_NAMES.filter((n) => n !== 'atoz_claim' && n !== 'safet_claim') as Exclude<ClaimCommandName, 'atoz_claim' | 'safet_claim'>[];

export type ClaimBody = ClaimCommand extends infer C ? (C extends ClaimCommand ? Omit<C, 'claimId' | 'actor'> : never) : never;

/** Raw args → a claim command without its id and actor, or a `validation` refusal. */
export function toClaimCommand(name: ClaimCommandName, raw: unknown): ClaimBody | Refusal {
  const parsed = CLAIM_ARGS[name].safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || 'args';
    return refuse('validation', field, `字段 ${field} 无效: ${issue.message}`, `invalid ${field}: ${issue.message}`, { field });
  }
  const { case: kase, ...a } = parsed.data as Record<string, unknown> & { case?: string };
  return { kind: name, ...a, ...(kase !== undefined ? { caseId: kase } : {}) } as ClaimBody;
}
