// SPEC §8.2–§8.3 shop governance: violation points per calendar year, the sanctions they bring,
// and the deposit account. One aggregate (one stream) per shop; its status is derived at an
// instant (`shopStatusAt`), since restrictions end by time.
import type { Deadline } from '../state.ts';
import type { SellerMetricValue } from '../metrics/seller-performance.ts';
import type { SellerMetric } from '../policy.ts';
import type { Fen, Instant } from '../types.ts';

export const SHOP_STATUSES = ['active', 'restricted', 'closed'] as const;
export type ShopStatus = (typeof SHOP_STATUSES)[number];

/** Durable deadlines of a shop: the end of a restriction, the deposit top-up (SPEC §8.2, §8.3). */
export const SHOP_DEADLINE_KINDS = ['restriction_end', 'deposit_topup'] as const;
export type ShopDeadlineKind = (typeof SHOP_DEADLINE_KINDS)[number];

/** SPEC §8.3: what a debit of the deposit pays for. */
export const DEPOSIT_DEBIT_REASONS = ['compensation', 'recovery'] as const;
export type DepositDebitReason = (typeof DEPOSIT_DEBIT_REASONS)[number];

/** Points of one upheld complaint, counted in the calendar year (platform zone) of its ruling. */
export interface PointsEntry {
  complaintId: string;
  points: number;
  at: Instant;
  year: number;
  /** The instant of the reversal that took them off, if any. */
  removedAt: Instant | null;
}

/** A restriction applied by a points threshold (SPEC §8.2): from the crossing until `until`. */
export interface Restriction {
  id: string;
  year: number;
  threshold: number;
  from: Instant;
  until: Instant;
  /** What imposed it: a points threshold (SPEC §8.2) or the governance cycle (§8.5; threshold 0). */
  cause?: 'points' | 'governance_cycle';
  /** Set when it ended: by time, or at once by a reversal under its threshold. */
  endedAt: Instant | null;
  endReason: 'expired' | 'reversal' | null;
}

export interface DepositEntry {
  kind: 'opening' | 'topup' | DepositDebitReason;
  /** Signed: a top-up adds, a debit takes away. */
  amount: Fen;
  at: Instant;
  reference: string | null;
  balance: Fen;
}

export interface DepositAccount {
  balance: Fen;
  /** Every payment in and every debit, never dropped (SPEC §8.3: the ledger never loses a debit). */
  ledger: DepositEntry[];
  /** A shortfall noticed and its top-up due time; null when none is running. */
  shortfall: { since: Instant; dueAt: Instant } | null;
  /** The top-up came too late: restricted from then until the balance is back at the required amount. */
  restrictedSince: Instant | null;
}

/** SPEC §8.5: a notice for an intervention_rate above the category average at a period end. */
export interface GovernanceNotice {
  periodEnd: Instant;
  rate: number;
  average: number;
  volume: number;
  rank: number;
  /** Watched from the notice until here (the next period end). */
  watchUntil: Instant;
}

/** SPEC §13: a seller performance target missed, from the review that found it until it is met again. */
export interface PerformanceAlert {
  since: Instant;
  rate: number;
  maxPct: number;
  windowDays: number;
}

/** SPEC §13: one metric as a performance review measured it (src/domain/metrics/seller-performance.ts). */
export type PerformanceMeasure = SellerMetricValue;

export interface ShopState {
  id: string;
  /** The shop's main category: picks `deposit_required` from the pack. */
  category: string | null;
  /** A deposit requirement given to this shop, over the pack's (SPEC §8.3). */
  ownDepositRequired: Fen | null;
  points: PointsEntry[];
  /** Thresholds already applied, per calendar year: each applies once a year (SPEC §8.2). */
  crossed: Record<number, number[]>;
  restrictions: Restriction[];
  /** Closed by the closure threshold until the platform reopens it. */
  closure: { at: Instant; year: number; threshold: number } | null;
  /** Closures and reopenings in order, for the record. */
  closures: { at: Instant; reopenedAt: Instant | null }[];
  deposit: DepositAccount;
  /**
   * SPEC §8.5 governance notices (站内信), oldest first: each watches the shop until the next period
   * end. Absent on states stored before the governance cycle existed.
   */
  notices?: GovernanceNotice[];
  /** SPEC §13: the seller performance targets missed now, by metric. Absent before the first review. */
  performance?: Partial<Record<SellerMetric, PerformanceAlert>>;
  deadlines: Record<ShopDeadlineKind, Deadline<ShopDeadlineKind> | null>;
  version: number;
}
