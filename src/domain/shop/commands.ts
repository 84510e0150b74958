// SPEC §8.2–§8.3 shop commands. Points come from complaint rulings and reversals: the app feeds
// them with `record_points` / `remove_points` (see `shopCommandsFor`), at the ruling's instant.
import type { Actor, Fen, Instant, Role } from '../types.ts';
import type { DepositDebitReason, PerformanceMeasure, ShopDeadlineKind } from './types.ts';

export type ShopCommand = (
  | { kind: 'register_shop'; category?: string | null; depositRequired?: Fen | null; deposit?: Fen }
  | { kind: 'set_deposit_required'; amount: Fen | null }
  | { kind: 'record_points'; complaintId: string; points: number; at: Instant }
  | { kind: 'remove_points'; complaintId: string; at: Instant }
  | { kind: 'deposit_topup'; amount: Fen; reference?: string }
  | { kind: 'deposit_debit'; amount: Fen; reason: DepositDebitReason; reference: string }
  | { kind: 'reopen_shop'; note?: string }
  | { kind: 'fire_shop_deadline'; deadline: ShopDeadlineKind; dueAt: Instant }
  | {
      /** SPEC §8.5: the governance cycle's verdict on this shop at a period end (src/domain/metrics/cycle.ts). */
      kind: 'governance_verdict';
      periodEnd: Instant;
      watchUntil: Instant;
      restrict: boolean;
      rate: number;
      average: number;
      volume: number;
      rank: number;
    }
  | {
      /** SPEC §13: the daily seller performance review's measures of this shop (src/app/metrics/performance.ts). */
      kind: 'performance_review';
      reviewedAt: Instant;
      measures: PerformanceMeasure[];
    }
) & { shopId: string; actor: Actor };

/** Who may send each command: the platform governs; a merchant may only pay into its deposit. */
export const SHOP_COMMAND_ROLES: Record<ShopCommand['kind'], readonly Role[]> = {
  register_shop: ['platform', 'system'],
  set_deposit_required: ['platform'],
  record_points: ['platform', 'system'],
  remove_points: ['platform', 'system'],
  deposit_topup: ['merchant', 'platform', 'system'],
  deposit_debit: ['platform', 'system'],
  reopen_shop: ['platform'],
  fire_shop_deadline: ['system'],
  governance_verdict: ['system'],
  performance_review: ['system'],
};
