// Shop governance events, one stream per shop. Events that change the shop's status at their
// instant carry the status it has then (`to`); later, time alone may change it (a restriction
// runs out), so the status is always derived with `shopStatusAt`.
import type { Deadline } from '../state.ts';
import type { Fen, Instant } from '../types.ts';
import type { DepositDebitReason, GovernanceNotice, PerformanceMeasure, ShopDeadlineKind, ShopStatus } from './types.ts';

interface OnShop {
  at: Instant;
  shopId: string;
}

export type ShopEvent =
  | (OnShop & { type: 'ShopRegistered'; category: string | null; depositRequired: Fen | null })
  | (OnShop & { type: 'DepositRequirementSet'; amount: Fen | null })
  | (OnShop & { type: 'PointsRecorded'; complaintId: string; points: number; ruledAt: Instant; year: number; yearTotal: number })
  | (OnShop & { type: 'PointsRemoved'; complaintId: string; points: number; reversedAt: Instant; year: number; yearTotal: number })
  | (OnShop & {
      type: 'SanctionApplied';
      year: number;
      threshold: number;
      sanction: 'restriction' | 'closure';
      from: Instant;
      /** The end of a restriction; null for a closure (until `reopen_shop`). */
      until: Instant | null;
      to: ShopStatus;
    })
  /** SPEC §8.5 step 1: intervention_rate above the category average at a period end. */
  | (OnShop & GovernanceNotice & { type: 'GovernanceNoticeSent' })
  | (OnShop & {
      /** SPEC §8.5 step 2: watched, still above the average, top 3 by 介入量: 7 d restriction. */
      type: 'CycleRestrictionApplied';
      periodEnd: Instant;
      from: Instant;
      until: Instant;
      to: ShopStatus;
    })
  | (OnShop & { type: 'RestrictionEnded'; restrictionId: string; reason: 'expired' | 'reversal'; to: ShopStatus })
  | (OnShop & { type: 'ShopReopened'; note: string | null; to: ShopStatus })
  | (OnShop & { type: 'DepositToppedUp'; amount: Fen; opening: boolean; reference: string | null; balance: Fen })
  | (OnShop & { type: 'DepositDebited'; amount: Fen; reason: DepositDebitReason; reference: string; balance: Fen })
  | (OnShop & { type: 'DepositShortfallNoticed'; balance: Fen; required: Fen; dueAt: Instant })
  | (OnShop & { type: 'DepositShortfallCleared'; balance: Fen; required: Fen })
  | (OnShop & { type: 'DepositRestrictionImposed'; balance: Fen; required: Fen; to: ShopStatus })
  | (OnShop & { type: 'DepositRestrictionLifted'; balance: Fen; required: Fen; to: ShopStatus })
  /** SPEC §13: a seller performance target missed (the notice); sent once until it is met again. */
  | (OnShop & PerformanceMeasure & { type: 'PerformanceNoticeSent' })
  /** SPEC §13: a missed target met again at a review. */
  | (OnShop & PerformanceMeasure & { type: 'PerformanceTargetMet' })
  | (OnShop & { type: 'ShopDeadlineStarted'; deadline: Deadline<ShopDeadlineKind> })
  | (OnShop & { type: 'ShopDeadlineCleared'; kind: ShopDeadlineKind })
  | (OnShop & { type: 'ShopDeadlineExpired'; kind: ShopDeadlineKind; dueAt: Instant });

export type ShopEventType = ShopEvent['type'];
