// What the API answers about SPEC §13 marketplace claims (A-to-z Guarantee, SAFE-T): rows, and the
// detail every claim command answers with. Amounts are minor units of `currency`.
import { z } from 'zod';
import { CLAIM_ACTIONS } from '../domain/claim/commands.ts';
import { CLAIM_APPEAL_OUTCOMES, CLAIM_DEADLINE_KINDS, CLAIM_KINDS, CLAIM_LEDGER_KINDS, CLAIM_OUTCOMES, CLAIM_REASONS, CLAIM_STATUSES } from '../domain/claim/types.ts';
import { CURRENCIES, EVIDENCE_KINDS, EVIDENCE_PARTIES, ROLES } from '../domain/types.ts';
import { cursorPage, Fen, IsoInstant } from './primitives.ts';

export { CLAIM_ACTIONS, CLAIM_KINDS, CLAIM_LEDGER_KINDS, CLAIM_REASONS, CLAIM_STATUSES };

/** A row of GET /v1/claims; labels in the caller's language (Accept-Language). */
export const ClaimRow = z.strictObject({
  id: z.string(),
  kind: z.enum(CLAIM_KINDS),
  kind_label: z.string(),
  shop: z.string(),
  order: z.string(),
  case: z.string().nullable(),
  buyer: z.string(),
  reason: z.enum(CLAIM_REASONS),
  reason_label: z.string(),
  status: z.enum(CLAIM_STATUSES),
  status_label: z.string(),
  /** Minor units claimed, in `currency`. */
  amount: Fen,
  currency: z.enum(CURRENCIES),
  /** The seller let `seller_response` (72 h) pass: the platform rules without their answer. */
  seller_silent: z.boolean(),
  filed_at: IsoInstant,
  deadline: z.strictObject({ kind: z.enum(CLAIM_DEADLINE_KINDS), due_at: IsoInstant }).nullable(),
});
export type ClaimRow = z.infer<typeof ClaimRow>;

/** GET /v1/claims: nearest running deadline first, then filed time. */
export const ClaimPage = cursorPage(ClaimRow);
export type ClaimPage = z.infer<typeof ClaimPage>;

const LEDGER_ACCOUNTS = ['buyer_credit', 'merchant_account', 'platform_funds'] as const;

/** GET /v1/claims/:claim, and the answer of every claim command. */
export const ClaimDetail = z.strictObject({
  ...ClaimRow.shape,
  note: z.string().nullable(),
  /** What the claim's window was counted from (signature, estimated delivery, return issue, refund). */
  basis: z.strictObject({ kind: z.enum(['signed', 'estimated_delivery', 'return_issue', 'refund']), at: IsoInstant, case: z.string().nullable() }),
  evidence: z.array(z.strictObject({ party: z.enum(EVIDENCE_PARTIES), kind: z.enum(EVIDENCE_KINDS), description: z.string().nullable(), at: IsoInstant })),
  response: z.strictObject({ kind: z.enum(['refund', 'contest']), note: z.string().nullable(), at: IsoInstant }).nullable(),
  ruling: z.strictObject({ outcome: z.enum(CLAIM_OUTCOMES), note: z.string().nullable(), at: IsoInstant }).nullable(),
  appeal: z.strictObject({ reason: z.string(), at: IsoInstant, outcome: z.enum(CLAIM_APPEAL_OUTCOMES).nullable() }).nullable(),
  /** The money the claim moved: one double entry each in the ledger (credit receives, debit pays). */
  ledger: z.array(
    z.strictObject({
      kind: z.enum(CLAIM_LEDGER_KINDS),
      label: z.string(),
      amount: Fen,
      currency: z.enum(CURRENCIES),
      credit: z.enum(LEDGER_ACCOUNTS),
      debit: z.enum(LEDGER_ACCOUNTS),
      at: IsoInstant,
    }),
  ),
  timeline: z.array(z.strictObject({ at: IsoInstant, type: z.string(), actor: z.strictObject({ role: z.enum(ROLES), id: z.string().optional() }) })),
  /** What the caller may send now (POST /v1/claims/:claim/:command). */
  actions: z.array(z.enum(CLAIM_ACTIONS)),
});
export type ClaimDetail = z.infer<typeof ClaimDetail>;
