// What the API answers about platform governance (SPEC §8.1–§8.3): complaints (rows and the detail
// every complaint command answers with), a shop's governance (points against the thresholds,
// sanctions, the deposit) and its deposit ledger.
import { z } from 'zod';
import { COMPLAINT_ACTIONS, COMPLAINT_CLOSED_REASONS, COMPLAINT_DEADLINE_KINDS, COMPLAINT_KINDS, COMPLAINT_STATUSES, COMPLAINT_SUB_KINDS, EVIDENCE_KINDS, EVIDENCE_PARTIES, ROLES, SHOP_STATUSES } from './enums.ts';
import { CurrencyCode, cursorPage, Fen, IsoInstant, listOf } from './primitives.ts';

const SUB_KINDS = Object.values(COMPLAINT_SUB_KINDS).flat() as [string, ...string[]];

/** A row of GET /v1/complaints; labels in the caller's language (Accept-Language). */
export const ComplaintRow = z.strictObject({
  id: z.string(),
  shop: z.string(),
  order: z.string(),
  buyer: z.string(),
  kind: z.enum(COMPLAINT_KINDS as [string, ...string[]]),
  sub_kind: z.enum(SUB_KINDS),
  kind_label: z.string(),
  sub_kind_label: z.string(),
  status: z.enum(COMPLAINT_STATUSES),
  status_label: z.string(),
  /** Points the complaint counts against the shop now (SPEC §8.1). */
  points: z.number().int(),
  /** The merchant let `complaint_response` pass: judged on the buyer's evidence alone. */
  merchant_silent: z.boolean(),
  closed_reason: z.enum(COMPLAINT_CLOSED_REASONS).nullable(),
  filed_at: IsoInstant,
  deadline: z.strictObject({ kind: z.enum(COMPLAINT_DEADLINE_KINDS), due_at: IsoInstant }).nullable(),
});
export type ComplaintRow = z.infer<typeof ComplaintRow>;

/** GET /v1/complaints: nearest running deadline first, then filed time. */
export const ComplaintPage = cursorPage(ComplaintRow);
export type ComplaintPage = z.infer<typeof ComplaintPage>;

export const ComplaintEvidence = z.strictObject({ party: z.enum(EVIDENCE_PARTIES), kind: z.enum(EVIDENCE_KINDS), description: z.string().nullable(), at: IsoInstant });

/** An entry of a complaint's history, in the caller's language. */
export const ComplaintTimelineEntry = z.strictObject({
  at: IsoInstant,
  type: z.string(),
  actor: z.strictObject({ role: z.enum(ROLES), id: z.string().optional() }),
  text: z.string(),
});

/** GET /v1/complaints/:complaint, and the answer of every complaint command. */
export const ComplaintDetail = z.strictObject({
  ...ComplaintRow.shape,
  note: z.string().nullable(),
  evidence: z.array(ComplaintEvidence),
  response: z.strictObject({ note: z.string().nullable(), at: IsoInstant }).nullable(),
  ruling: z.strictObject({ outcome: z.enum(['upheld', 'dismissed']), note: z.string().nullable(), at: IsoInstant }).nullable(),
  appeal: z.strictObject({ reason: z.string(), at: IsoInstant, outcome: z.enum(['accepted', 'rejected']).nullable() }).nullable(),
  timeline: z.array(ComplaintTimelineEntry),
  /** What the caller may send now (POST /v1/complaints/:complaint/:command). */
  actions: z.array(z.enum(COMPLAINT_ACTIONS)),
});
export type ComplaintDetail = z.infer<typeof ComplaintDetail>;

export const Sanction = z.strictObject({
  kind: z.enum(['restriction', 'closure', 'deposit_restriction']),
  /** The points threshold that brought it; null for a deposit not topped up in time. */
  threshold: z.number().int().nullable(),
  from: IsoInstant,
  /** A restriction's end; null for a closure (until reopened) and a deposit restriction (until topped up). */
  until: IsoInstant.nullable(),
  ended_at: IsoInstant.nullable(),
});

/** GET /v1/shops/:shop/governance (and the answer of a top-up or a reopening). */
export const ShopGovernance = z.strictObject({
  shop: z.string(),
  /** The calendar year (platform time zone) the points count in. */
  year: z.number().int(),
  points: z.number().int(),
  thresholds: z.array(z.strictObject({ points: z.number().int(), sanction: z.enum(['restriction', 'closure']), days: z.number().int().nullable() })),
  status: z.enum(SHOP_STATUSES),
  restricted_until: IsoInstant.nullable(),
  sanctions: z.array(Sanction),
  deposit: z.strictObject({ currency: CurrencyCode, required: Fen, balance: Fen, shortfall: Fen, topup_due_at: IsoInstant.nullable() }),
  open_complaints: z.number().int(),
});
export type ShopGovernance = z.infer<typeof ShopGovernance>;

/** GET /v1/shops/:shop/deposit/ledger: every payment in and every debit, oldest first. */
export const DepositLedgerEntry = z.strictObject({
  at: IsoInstant,
  kind: z.enum(['topup', 'debit']),
  /** opening | topup for a payment in; compensation | recovery for a debit. */
  reason: z.string(),
  /** SPEC §13: the shop's currency. */
  currency: CurrencyCode,
  /** Positive minor units; `kind` says which way. */
  amount: Fen,
  balance_after: Fen,
  ref: z.string().nullable(),
});
export const DepositLedger = listOf(DepositLedgerEntry);
export type DepositLedger = z.infer<typeof DepositLedger>;
