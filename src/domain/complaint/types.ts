// SPEC §8.1 rule complaints (规则投诉): the canonical codes and the state of one complaint. A
// complaint is its own aggregate (one stream per complaint); what it needs of the order arrives
// as `ComplaintOrderFacts`.
import type { Deadline } from '../state.ts';
import type { EvidenceItem, Instant } from '../types.ts';

/** SPEC §8.1 table: the kinds and their sub-kinds. */
export const COMPLAINT_SUB_KINDS = {
  breach_of_promise: ['refused_invoice', 'refused_trade', 'unfulfilled_promise', 'campaign_violation'],
  misdescription: ['severe', 'affects_use', 'minor'],
} as const;
export type ComplaintKind = keyof typeof COMPLAINT_SUB_KINDS;
export type ComplaintSubKind = (typeof COMPLAINT_SUB_KINDS)[ComplaintKind][number];
export const COMPLAINT_KINDS = Object.keys(COMPLAINT_SUB_KINDS) as ComplaintKind[];

/** Points if upheld, per kind and sub-kind (pack parameter `complaint_points`). */
export type ComplaintPointsTable = {
  [K in ComplaintKind]: Record<(typeof COMPLAINT_SUB_KINDS)[K][number], number>;
};

export function isSubKindOf(kind: ComplaintKind, sub: string): sub is ComplaintSubKind {
  return (COMPLAINT_SUB_KINDS[kind] as readonly string[]).includes(sub);
}

export function pointsFor(table: ComplaintPointsTable, kind: ComplaintKind, sub: ComplaintSubKind): number {
  return (table[kind] as Record<string, number>)[sub] ?? 0;
}

/** SPEC §8.1 statuses. */
export const COMPLAINT_STATUSES = ['filed', 'under_review', 'upheld', 'dismissed', 'withdrawn', 'appealed', 'reversed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** Durable deadlines of a complaint: the merchant's answer, then the platform's review. */
export const COMPLAINT_DEADLINE_KINDS = ['complaint_response', 'complaint_review'] as const;
export type ComplaintDeadlineKind = (typeof COMPLAINT_DEADLINE_KINDS)[number];

/** Why a complaint ended without a platform ruling (SPEC §8.1: `merchant_silent`). */
export const COMPLAINT_CLOSED_REASONS = ['merchant_silent'] as const;
export type ComplaintClosedReason = (typeof COMPLAINT_CLOSED_REASONS)[number];

export type ComplaintOutcome = 'upheld' | 'dismissed';
export type AppealOutcome = 'accepted' | 'rejected';

/**
 * What the complaint decider needs to know about the order (SPEC §8.1 window and one-per-kind
 * rule). The app reads it from the order aggregate and the complaints index of the order.
 */
export interface ComplaintOrderFacts {
  orderId: string;
  shopId: string;
  buyerId: string;
  placedAt: Instant;
  /** A case on the order is open now: the window stays open while it is. */
  caseOpen: boolean;
  /** Every complaint already filed on the order, whatever its status (withdrawn included). */
  complaints: { id: string; kind: ComplaintKind; status: ComplaintStatus }[];
}

export interface ComplaintParty {
  evidence: EvidenceItem[];
  note: string | null;
  at: Instant;
}

export interface ComplaintState {
  id: string;
  orderId: string;
  shopId: string;
  buyerId: string;
  kind: ComplaintKind;
  subKind: ComplaintSubKind;
  status: ComplaintStatus;
  filedAt: Instant;
  /** The buyer's complaint: their evidence and note. */
  filing: ComplaintParty;
  /** The merchant's answer, null while none (or never: `merchantSilent`). */
  response: ComplaintParty | null;
  /** SPEC §8.1: the merchant let `complaint_response` pass; judged on the buyer's evidence. */
  merchantSilent: boolean;
  underReviewAt: Instant | null;
  ruling: { outcome: ComplaintOutcome; by: 'platform' | 'system'; at: Instant; note: string | null } | null;
  /** Points the complaint counts against the shop now (0 unless upheld or appealed). */
  points: number;
  closedReason: ComplaintClosedReason | null;
  appeal: { reason: string; evidence: EvidenceItem[]; at: Instant; outcome: AppealOutcome | null; ruledAt: Instant | null } | null;
  /** Times the platform was reminded that its review is overdue. */
  reviewReminders: number;
  deadline: Deadline<ComplaintDeadlineKind> | null;
  policyVersions: string[];
  version: number;
}

/** A complaint and the order facts a command on it may need. */
export interface ComplaintContext {
  complaint: ComplaintState | null;
  /** Needed by `complain` (window, parties, one per kind); optional for the other commands. */
  order: ComplaintOrderFacts | null;
}
