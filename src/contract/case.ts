// What the API answers about a case: the case view (the queue's rows) and the case detail every
// case command answers with (src/http/case-detail.ts): money, the caller's actions, the timeline in
// words, claimed lines, offer, evidence, requests and burdens of proof, ruling, return and parcel.
import { z } from 'zod';
import {
  BURDEN_SITUATIONS,
  CASE_COMMAND_NAMES,
  CASE_DEADLINE_KINDS,
  CASE_PARTIES,
  CASE_STATUSES,
  CASE_TYPES,
  CLOSED_REASONS,
  EVIDENCE_KINDS,
  EVIDENCE_MODES,
  EVIDENCE_PARTIES,
  LABEL_PAYERS,
  LIABILITIES,
  PHASES,
  REASONS,
  ROLES,
  RULING_OUTCOMES,
  SHIPPING_PAYERS,
} from './enums.ts';
import { CurrencyCode, cursorPage, Fen, IsoInstant, MediaType } from './primitives.ts';

/** A case as every list shows it (src/app/views.ts caseView). */
export const CaseView = z.strictObject({
  id: z.string(),
  order: z.string(),
  shop: z.string(),
  buyer: z.string(),
  status: z.enum(CASE_STATUSES),
  type: z.enum(CASE_TYPES),
  reason: z.enum(REASONS),
  phase: z.enum(PHASES),
  /** SPEC §13: the currency of every amount of the case (its order's). */
  currency: CurrencyCode,
  amount: Fen,
  refunded: Fen,
  return_shipping_payer: z.enum(SHIPPING_PAYERS),
  return_shipping_reimbursed: Fen,
  liability: z.enum(LIABILITIES),
  closed_reason: z.enum(CLOSED_REASONS).nullable(),
  deadline: z.strictObject({ kind: z.enum(CASE_DEADLINE_KINDS), due: IsoInstant }).nullable(),
  /** SPEC §10.2: the automation rule that agreed to the case (its id; `instant_refund`: the platform's), or null. */
  automated_by: z.string().nullable(),
  /** SPEC §13: the prepaid return label of a return the platform authorized (cost in minor units), or null. */
  label: z.strictObject({ carrier: z.string(), tracking: z.string(), cost: Fen }).nullable(),
  /** SPEC §13: who pays the label: the seller for seller-fault reasons, else the buyer (deducted from the refund). */
  label_payer: z.enum(LABEL_PAYERS).nullable(),
  /** The case's stream version: send it as `If-Match` to act on exactly this state. */
  version: z.number().int(),
});
export type CaseView = z.infer<typeof CaseView>;

/** A claimed line's product (the order line's SKU and title). */
export const CaseProduct = z.strictObject({ sku: z.string(), title: z.string().nullable() });

/** A row of GET /v1/cases (the queue): the case, when applied, and the products it claims. */
export const CaseSummary = z.strictObject({ ...CaseView.shape, applied_at: IsoInstant, products: z.array(CaseProduct) });
export type CaseSummary = z.infer<typeof CaseSummary>;

/** GET /v1/cases: newest first, or nearest deadline first. */
export const CasePage = cursorPage(CaseSummary);
export type CasePage = z.infer<typeof CasePage>;

export const CaseMoney = z.strictObject({
  currency: CurrencyCode,
  amount: Fen,
  goods: Fen,
  shipping_fee: Fen,
  /** The most this case can refund (SPEC §5). */
  refundable: Fen,
  return_shipping_payer: z.enum(SHIPPING_PAYERS),
  return_shipping_reimbursed: Fen,
  insurer_claim: Fen,
  deductions: Fen,
  refunded: Fen,
  refund_pending: Fen.nullable(),
  refund_due_at: IsoInstant.nullable(),
  order_compensation: Fen,
  /** An exchange for a dearer item: the difference the buyer owes the merchant (recorded, not collected). */
  buyer_owes: Fen,
  /** Who pays the pending refund: the merchant's side, or the platform paying first (先行赔付, SPEC §6). */
  refund_paid_by: z.enum(['merchant', 'platform']).nullable(),
});

/** Words in both languages (a warning the console shows as it is). */
export const Words = z.strictObject({ zh: z.string(), en: z.string() });

/**
 * Who will pay the return leg and the most that payer covers (the merchant: SPEC §5 `return_shipping_cap`;
 * the insurer: the insured amount),
 * told to the buyer before they ship; null when the case sends nothing back.
 */
export const ReturnShippingTerms = z.strictObject({ payer: z.enum(SHIPPING_PAYERS), cap: Fen.nullable() });

/** An entry of the history in words, both languages (src/app/timeline.ts). */
export const TimelineEntry = z.strictObject({
  version: z.number().int(),
  at: IsoInstant,
  /** The domain event's type, e.g. `CaseApplied`. */
  type: z.string(),
  actor: z.strictObject({ role: z.enum(ROLES), id: z.string().optional() }),
  zh: z.string(),
  en: z.string(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const ClaimedLine = z.strictObject({ line: z.string(), sku: z.string().nullable(), title: z.string().nullable(), quantity: z.number().int(), share: Fen });

/** `amount`: a refund offer's amount, or an exchange's price difference refunded; `buyer_owes`: an exchange's difference the buyer pays. */
export const Offer = z.strictObject({ type: z.enum(CASE_TYPES), amount: Fen, buyer_owes: Fen, note: z.string().nullable() });
export type Offer = z.infer<typeof Offer>;

/** An item of evidence on the case; `url` and `content_type` once its file is uploaded. */
export const CaseEvidence = z.strictObject({
  kind: z.enum(EVIDENCE_KINDS),
  description: z.string().nullable(),
  sha256: z.string().nullable(),
  party: z.enum(EVIDENCE_PARTIES),
  at: IsoInstant,
  url: z.string().nullable(),
  content_type: MediaType.nullable(),
});
export type CaseEvidence = z.infer<typeof CaseEvidence>;

export const EvidenceRequest = z.strictObject({
  id: z.string(),
  party: z.enum(CASE_PARTIES),
  kinds: z.array(z.enum(EVIDENCE_KINDS)),
  mode: z.enum(EVIDENCE_MODES),
  due: IsoInstant,
  /** The party bears the burden of proof for it (SPEC §7). */
  burden: z.boolean(),
  open: z.boolean(),
  /** What the party gave already meets it. */
  met: z.boolean(),
});
export type EvidenceRequest = z.infer<typeof EvidenceRequest>;

/** SPEC §7: who must prove what here, and whether what they gave so far meets it. */
export const Burden = z.strictObject({
  party: z.enum(CASE_PARTIES),
  kinds: z.array(z.enum(EVIDENCE_KINDS)),
  mode: z.enum(EVIDENCE_MODES),
  situation: z.enum(BURDEN_SITUATIONS),
  met: z.boolean(),
});
export type Burden = z.infer<typeof Burden>;

export const Parcel = z.strictObject({ carrier: z.string(), tracking: z.string(), at: IsoInstant });

/** `note`: the platform's reason, shown to both parties. */
export const Ruling = z.strictObject({ outcome: z.enum(RULING_OUTCOMES), liability: z.enum(LIABILITIES), amount: Fen.nullable(), by: z.enum(['platform', 'system']), note: z.string().nullable() });

/** GET /v1/cases/:case, and the answer of every case command. */
export const CaseDetail = z.strictObject({
  ...CaseView.shape,
  applied_at: IsoInstant,
  money: CaseMoney,
  /** What the caller may do now (SPEC §4 table). */
  actions: z.array(z.enum(CASE_COMMAND_NAMES)),
  /** When escalation opens, while it is not yet allowed (SPEC §4 escalation_after). */
  escalate_from: IsoInstant.nullable(),
  /** Issue 16: the merchant's last refusal (reject, or refuse_return of a parcel) with its reason; null if none. */
  latest_refusal: z.strictObject({ kind: z.enum(['reject', 'refuse_return']), reason: z.string(), at: IsoInstant }).nullable(),
  timeline: z.array(TimelineEntry),
  lines: z.array(ClaimedLine),
  note: z.string().nullable(),
  offer: Offer.nullable(),
  escalated: z.boolean(),
  evidence: z.array(CaseEvidence),
  evidence_requests: z.array(EvidenceRequest),
  burdens: z.array(Burden),
  return_address: z.string().nullable(),
  return_shipping: ReturnShippingTerms.nullable(),
  return_shipment: z
    .strictObject({
      /** A code of `CARRIERS` (older cases may hold what the buyer typed). */
      carrier: z.string(),
      carrier_name: z.string().nullable(),
      tracking: z.string(),
      shipping_cost: Fen,
      at: IsoInstant,
      /** The buyer corrected it once (`correct_tracking`). */
      corrected: z.boolean(),
      /** The tracking number does not look like the carrier's usual ones (shown to the merchant and the platform). */
      format_warning: Words.nullable(),
    })
    .nullable(),
  replacement: Parcel.nullable(),
  ruling: Ruling.nullable(),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

/** A case command's answer: the detail as the command left it; the timeline and the latest refusal (both read from the history) only with ?expand=timeline (issue 18). */
export const CaseCommandResult = CaseDetail.extend({ timeline: z.array(TimelineEntry).optional(), latest_refusal: CaseDetail.shape.latest_refusal.optional() });

/** `?expand=timeline` on a case command: the answer carries the timeline too. */
export const CommandExpand = z.object({ expand: z.enum(['timeline']).optional() });
