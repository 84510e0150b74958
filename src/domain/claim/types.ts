// SPEC §13 marketplace claims (pack `amazon-us`): the A-to-z Guarantee claim a buyer files when the
// item did not arrive or is not as described and the seller did not resolve it, and the SAFE-T claim
// a seller files when a refunded return came back damaged or empty. A claim is its own aggregate
// (one stream per claim, `claim:<id>`); what it needs of the order and its cases arrives as
// `ClaimOrderFacts`, read by the app.
import type { Deadline } from '../state.ts';
import type { Currency, EvidenceItem, Fen, Instant } from '../types.ts';

export const CLAIM_KINDS = ['atoz_claim', 'safet_claim'] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

/** SPEC §13: an A-to-z claim is for an item that did not arrive or is not as described. */
export const ATOZ_REASONS = ['not_received', 'not_as_described'] as const;
/** SPEC §13: a SAFE-T claim is for a return that came back damaged or empty, or never came back. */
export const SAFET_REASONS = ['returned_damaged', 'returned_empty', 'not_returned'] as const;
export const CLAIM_REASONS = [...ATOZ_REASONS, ...SAFET_REASONS] as const;
export type ClaimReason = (typeof CLAIM_REASONS)[number];

/**
 * Statuses. An A-to-z claim starts `filed` (the seller's `seller_response` runs); a SAFE-T claim
 * starts `under_review` (the platform decides it). Ends: `resolved_by_seller` (the seller refunded
 * in full), the three rulings, `reimbursed` (SAFE-T), `withdrawn`, and `reversed` (appeal upheld).
 */
export const CLAIM_STATUSES = [
  'filed',
  'under_review',
  'resolved_by_seller',
  'granted_against_seller',
  'granted_platform_funded',
  'denied',
  'appealed',
  'reversed',
  'reimbursed',
  'withdrawn',
] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const ATOZ_OUTCOMES = ['granted_against_seller', 'granted_platform_funded', 'denied'] as const;
export const SAFET_OUTCOMES = ['reimbursed', 'denied'] as const;
export const CLAIM_OUTCOMES = ['granted_against_seller', 'granted_platform_funded', 'reimbursed', 'denied'] as const;
export type ClaimOutcome = (typeof CLAIM_OUTCOMES)[number];
export const CLAIM_APPEAL_OUTCOMES = ['upheld', 'denied'] as const;
export type ClaimAppealOutcome = (typeof CLAIM_APPEAL_OUTCOMES)[number];

/** SPEC §13: the seller's 72 h to respond to an A-to-z claim; the only durable deadline of a claim. */
export const CLAIM_DEADLINE_KINDS = ['claim_seller_response'] as const;
export type ClaimDeadlineKind = (typeof CLAIM_DEADLINE_KINDS)[number];

/**
 * The money a claim moves, one double entry in the `ledger` (SPEC §6 shape): `credit` receives,
 * `debit` pays. Amounts in minor units of the claim's currency.
 */
export const CLAIM_LEDGER_KINDS = ['atoz_seller_refund', 'atoz_seller_debit', 'atoz_platform_reimbursement', 'atoz_appeal_reversal', 'safet_reimbursement'] as const;
export type ClaimLedgerKind = (typeof CLAIM_LEDGER_KINDS)[number];
export type LedgerAccount = 'buyer_credit' | 'merchant_account' | 'platform_funds';
export interface ClaimMoney {
  kind: ClaimLedgerKind;
  amount: Fen;
  credit: LedgerAccount;
  debit: LedgerAccount;
}

/**
 * docs/decisions.md (SPEC §13 is silent): an order not signed for is taken as delivered this many
 * days after shipment (after `ship_by` while unshipped) — the "latest estimated delivery date".
 */
export const EXPECTED_DELIVERY_DAYS = 7;

/** Where the claim's window is counted from (recorded on the claim). */
export interface ClaimBasis {
  kind: 'signed' | 'estimated_delivery' | 'return_issue' | 'refund';
  at: Instant;
  /** The case of a return issue or of a SAFE-T refund. */
  caseId: string | null;
}

/** What a claim needs of one case of its order. */
export interface ClaimCaseFacts {
  id: string;
  status: string;
  type: string;
  appliedAt: Instant;
  /** Minor units refunded on the case so far. */
  refunded: Fen;
  /** When the case ended with its refund (completed); null while none. */
  refundedAt: Instant | null;
  /** A return was asked for (return_refund). */
  isReturn: boolean;
}

/** What filing a claim needs to know about the order (the app reads it from the order aggregate). */
export interface ClaimOrderFacts {
  orderId: string;
  shopId: string;
  buyerId: string;
  currency: Currency;
  paidAt: Instant | null;
  shipBy: Instant | null;
  shippedAt: Instant | null;
  signedAt: Instant | null;
  /** What is left to refund on the order (paid − refunded), minor units. */
  refundable: Fen;
  cases: ClaimCaseFacts[];
  /** Every claim already filed on the order, whatever its status. */
  claims: { id: string; kind: ClaimKind; caseId: string | null; status: ClaimStatus }[];
}

export interface ClaimParty {
  evidence: EvidenceItem[];
  note: string | null;
  at: Instant;
}

export interface ClaimState {
  id: string;
  kind: ClaimKind;
  orderId: string;
  shopId: string;
  buyerId: string;
  caseId: string | null;
  reason: ClaimReason;
  status: ClaimStatus;
  /** Minor units claimed. */
  amount: Fen;
  currency: Currency;
  filedAt: Instant;
  basis: ClaimBasis;
  filing: ClaimParty;
  response: (ClaimParty & { kind: 'refund' | 'contest' }) | null;
  /** SPEC §13: the seller let `seller_response` pass; the platform rules without their answer. */
  sellerSilent: boolean;
  ruling: { outcome: ClaimOutcome; at: Instant; note: string | null } | null;
  appeal: { reason: string; evidence: EvidenceItem[]; at: Instant; outcome: ClaimAppealOutcome | null; ruledAt: Instant | null } | null;
  /** The money the claim moved, in order (each is one double entry in the ledger). */
  money: (ClaimMoney & { at: Instant })[];
  deadline: Deadline<ClaimDeadlineKind> | null;
  policyVersions: string[];
  version: number;
}

/** A claim and the order facts filing needs. */
export interface ClaimContext {
  claim: ClaimState | null;
  /** Needed to file; null for the commands on an existing claim. */
  order: ClaimOrderFacts | null;
}
