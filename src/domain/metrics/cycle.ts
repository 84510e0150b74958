// SPEC §8.5 the governance cycle (Pinduoduo 介入率治理) at a period end, as a pure verdict over the
// shops of one pack: who gets a notice and is watched for the next period, who is restricted.
import { categoryAverages, rankIn, type CategoryMember } from './compute.ts';

export interface CycleShop extends CategoryMember {
  category: string;
  /** Watched through the period that ends now (a notice at the previous period end). */
  watched: boolean;
}

export interface CycleVerdict {
  shopId: string;
  /** Step 2: watched, still above the average, top 3 by 介入量 in its category. */
  restrict: boolean;
  rate: number;
  average: number;
  volume: number;
  rank: number;
}

/** Restricted when ranking this high or higher by intervention_volume (SPEC §8.5 "top 3"). */
export const TOP_RANKS = 3;

/**
 * Step 1: every shop with at least `minOrders` paid in the window whose intervention_rate is above
 * its category's average gets a notice (and is watched for the next period). Step 2: of those, a
 * shop that was already watched and ranks in the top 3 of its category by intervention_volume is
 * restricted. A shop with no verdict is not watched next period (back at or under the average).
 */
export function governanceCycle(shops: readonly CycleShop[], minOrders: number): CycleVerdict[] {
  const byCategory = new Map<string, CycleShop[]>();
  for (const s of shops) byCategory.set(s.category, [...(byCategory.get(s.category) ?? []), s]);
  const verdicts: CycleVerdict[] = [];
  for (const members of byCategory.values()) {
    const average = categoryAverages(members, minOrders).intervention_rate;
    if (average === null) continue;
    for (const s of members) {
      const rate = s.metrics.intervention_rate;
      if (s.paid < minOrders || rate === null || !(rate > average)) continue;
      const rank = rankIn(members, s.shopId, 'intervention_volume', minOrders)!;
      verdicts.push({ shopId: s.shopId, restrict: s.watched && rank <= TOP_RANKS, rate, average, volume: s.metrics.intervention_volume ?? 0, rank });
    }
  }
  return verdicts.sort((a, b) => (a.shopId < b.shopId ? -1 : a.shopId > b.shopId ? 1 : 0));
}
