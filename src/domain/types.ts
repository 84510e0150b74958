// Canonical codes of SPEC.md. Every list here is the single source the schemas, the decider
// and the console labels are built from.

/** Milliseconds since the Unix epoch (UTC). The domain never reads a clock: instants arrive. */
export type Instant = number;
/** A local calendar date `YYYY-MM-DD` in the platform time zone. */
export type LocalDate = string;
/**
 * Money in integer minor units of the order's or shop's currency: fen (分) for CNY, cents for
 * USD (SPEC §13). The currency travels beside the amount (`currency` on shops, orders, cases,
 * ledger entries); `src/domain/currency.ts` keeps two currencies from being added.
 */
export type Fen = number;

/** SPEC §13: the currencies a pack may name (ISO 4217). */
export const CURRENCIES = ['CNY', 'USD'] as const;
export type Currency = (typeof CURRENCIES)[number];

export const ROLES = ['buyer', 'merchant', 'platform', 'system'] as const;
export type Role = (typeof ROLES)[number];

/** Who sends a command: the role and, for buyer and merchant, whose (buyer id or shop id). */
export interface Actor {
  role: Role;
  id?: string;
}

export const CASE_TYPES = ['refund_only', 'return_refund', 'exchange', 'repair', 'reship'] as const;
export type CaseType = (typeof CASE_TYPES)[number];
/** Case types whose goods go back to the merchant once agreed (SPEC §4 `agree`: a return address is needed). */
export const RETURN_TYPES = ['return_refund', 'exchange', 'repair'] as const satisfies readonly CaseType[];

export const REASONS = [
  'out_of_stock',
  'late_shipment',
  'wrong_order_info',
  'no_longer_needed',
  'not_received',
  'damaged',
  'wrong_or_missing_item',
  'counterfeit',
  'not_as_described',
  'quality_issue',
  'no_reason_7d',
  'size_or_color',
  'invoice_issue',
  'shipping_fee_refund',
  'needs_repair',
] as const;
export type Reason = (typeof REASONS)[number];

export const LIABILITIES = ['merchant', 'buyer', 'carrier', 'none'] as const;
export type Liability = (typeof LIABILITIES)[number];

export const CASE_STATUSES = [
  'requested',
  'offer_pending',
  'rejected',
  'awaiting_return',
  'return_in_transit',
  'awaiting_reship',
  'reship_in_transit',
  'refunding',
  'in_arbitration',
  'completed',
  'closed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
/** The terminal statuses (SPEC §4): nothing is left to do on a case in one of these. */
export const DONE_STATUSES = ['completed', 'closed'] as const;
export type OpenCaseStatus = Exclude<CaseStatus, (typeof DONE_STATUSES)[number]>;

export const CLOSED_REASONS = ['cancelled', 'buyer_inactive', 'ruled_for_seller', 'evidence_timeout'] as const;
export type ClosedReason = (typeof CLOSED_REASONS)[number];

export const LINE_FLAGS = [
  'customized',
  'perishable',
  'digital',
  'periodical',
  'hygiene_opened',
  'virtual',
  'no_reason_excluded',
] as const;
export type LineFlag = (typeof LINE_FLAGS)[number];

export const ORDER_STATUSES = ['pending_payment', 'paid', 'shipped', 'completed', 'closed'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const EVIDENCE_KINDS = [
  'photo',
  'video',
  'chat_log',
  'shipping_receipt',
  'delivery_receipt',
  'third_party_signing_certificate',
  'invoice',
  'brand_authorization',
  'inspection_report',
  'purchase_receipt',
  'customs_declaration',
  'courier_rejection_certificate',
  'other',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const CASE_DEADLINE_KINDS = [
  'merchant_response',
  'offer_reply',
  'buyer_after_reject',
  'buyer_return_shipment',
  'merchant_receipt',
  'merchant_reship',
  'buyer_confirm',
  'evidence',
  // SPEC §13: the seller refunds (or refuses) within this of the return's delivery to them.
  'refund_after_receipt',
] as const;
export type CaseDeadlineKind = (typeof CASE_DEADLINE_KINDS)[number];

export const ORDER_DEADLINE_KINDS = ['payment', 'ship_by', 'auto_confirm'] as const;
export type OrderDeadlineKind = (typeof ORDER_DEADLINE_KINDS)[number];

export const RULING_OUTCOMES = ['buyer', 'seller', 'partial'] as const;
export type RulingOutcome = (typeof RULING_OUTCOMES)[number];

export const SHIPPING_PAYERS = ['buyer', 'merchant', 'insurer', 'none'] as const;
export type ShippingPayer = (typeof SHIPPING_PAYERS)[number];

export const PHASES = ['in_sale', 'after_sale'] as const;
export type Phase = (typeof PHASES)[number];

/** The parties who give evidence, and the two a request or a burden of proof can fall on. */
export const EVIDENCE_PARTIES = ['buyer', 'merchant', 'platform'] as const;
export const CASE_PARTIES = ['buyer', 'merchant'] as const;
export type CaseParty = (typeof CASE_PARTIES)[number];
/** `any`: one of the kinds is enough; `all`: every kind is needed (SPEC §7). */
export const EVIDENCE_MODES = ['any', 'all'] as const;
export type EvidenceMode = (typeof EVIDENCE_MODES)[number];
/** What a merchant may keep back from a refund when the return arrives (SPEC §5). */
export const DEDUCTION_KINDS = ['restocking_fee', 'lost_shipping'] as const;
/** SPEC §13: who pays a prepaid return label (the seller for seller-fault reasons, else the buyer). */
export const LABEL_PAYERS = ['buyer', 'merchant'] as const;
export type LabelPayer = (typeof LABEL_PAYERS)[number];
/** SPEC §13: the state the seller records a buyer-fault return came back in (a restocking fee needs one). */
export const RETURN_CONDITIONS = ['used', 'damaged_by_buyer', 'incomplete'] as const;
export type ReturnCondition = (typeof RETURN_CONDITIONS)[number];
/** SPEC §13: a prepaid return label from the label provider (cost in minor units of the pack's currency). */
export interface ReturnLabel {
  carrier: string;
  tracking: string;
  cost: Fen;
}
export type DeductionKind = (typeof DEDUCTION_KINDS)[number];
/** What an API key may do: `read` (GET only) and `write`. */
export const KEY_SCOPES = ['read', 'write'] as const;

export interface EvidenceItem {
  kind: EvidenceKind;
  description?: string;
  /** Content hash (sha256 hex) when the item is a stored file; optional for declared items. */
  sha256?: string;
  /** Who gave it and when: filled by the decider from the command. */
  party: (typeof EVIDENCE_PARTIES)[number];
  at: Instant;
}

/** Default liability of each reason (SPEC §2). */
export const REASON_LIABILITY: Record<Reason, Liability> = {
  out_of_stock: 'merchant',
  late_shipment: 'merchant',
  wrong_order_info: 'buyer',
  no_longer_needed: 'buyer',
  not_received: 'merchant',
  damaged: 'merchant',
  wrong_or_missing_item: 'merchant',
  counterfeit: 'merchant',
  not_as_described: 'merchant',
  quality_issue: 'merchant',
  no_reason_7d: 'buyer',
  size_or_color: 'buyer',
  invoice_issue: 'merchant',
  shipping_fee_refund: 'merchant',
  needs_repair: 'merchant',
};

/** Whether agreeing to a case of this type sends the goods back (RETURN_TYPES). */
export const returnsGoods = (t: CaseType): boolean => (RETURN_TYPES as readonly CaseType[]).includes(t);

export function isOpenStatus(s: CaseStatus): s is OpenCaseStatus {
  return !(DONE_STATUSES as readonly CaseStatus[]).includes(s);
}
