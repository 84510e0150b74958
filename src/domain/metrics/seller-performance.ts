// SPEC §13 seller performance (amazon-us): four rates over their own rolling windows, each against
// the pack's ceiling, on the same facts and daily rollups as the §8.4 shop metrics.
import type { SellerMetric, SellerPerformanceTargets } from '../policy.ts';
import { SELLER_METRICS } from '../policy.ts';
import { ratio4 } from './compute.ts';
import type { MetricCounter } from './facts.ts';

/** Names of the metrics, as Amazon's Account Health shows them in English. */
export const SELLER_METRIC_LABELS: Record<SellerMetric, { zh: string; en: string }> = {
  order_defect_rate: { zh: '订单缺陷率', en: 'order defect rate' },
  return_dissatisfaction_rate: { zh: '退货不满意率', en: 'return dissatisfaction rate' },
  late_shipment_rate: { zh: '迟发率', en: 'late shipment rate' },
  cancel_rate: { zh: '取消率', en: 'cancellation rate' },
};

/**
 * What each rate counts: numerator and denominator counters (summed over the metric's window);
 * `less` is taken off the numerator.
 */
export const SELLER_METRIC_COUNTERS: Record<SellerMetric, { numerator: MetricCounter; less?: MetricCounter; denominator: MetricCounter }> = {
  // Orders with a defect / orders paid, 60 d. Negative feedback and chargebacks are not modelled:
  // the defect counted is an A-to-z claim granted against the seller, less those reversed on appeal
  // (docs/decisions.md).
  order_defect_rate: { numerator: 'atoz_granted', less: 'atoz_reversed', denominator: 'paid' },
  // Returns answered late or rejected wrongly / returns applied, 30 d.
  return_dissatisfaction_rate: { numerator: 'return_dissatisfied', denominator: 'return_applied' },
  // Orders shipped after their ship-by time / orders shipped, 30 d.
  late_shipment_rate: { numerator: 'shipped_late', denominator: 'shipped' },
  // Orders the seller could not fulfil / orders paid, 7 d.
  cancel_rate: { numerator: 'seller_cancelled', denominator: 'paid' },
};

export interface SellerMetricValue {
  metric: SellerMetric;
  /** A fraction, half up at 4 decimals; null on a zero denominator. */
  rate: number | null;
  numerator: number;
  denominator: number;
  /** The ceiling in percent: the target is a rate under it. */
  maxPct: number;
  windowDays: number;
  /** The rate is at or above the ceiling (SPEC §13 "ODR < 1 %": 1 % itself misses the target). */
  missed: boolean;
}

/** Counts of a window's counters, as the rollups give them. */
export type CounterCounts = (counter: MetricCounter) => number;

/**
 * The four metrics from the counts of each metric's window (`countsFor(days)`). The comparison
 * with the ceiling is exact (integers): numerator / denominator ≥ maxPct / 100.
 */
export function sellerPerformanceOf(targets: SellerPerformanceTargets, countsFor: (windowDays: number) => CounterCounts): SellerMetricValue[] {
  return SELLER_METRICS.map((metric) => {
    const { max_pct: maxPct, window_days: windowDays } = targets[metric];
    const counts = countsFor(windowDays);
    const { numerator: nc, less, denominator: dc } = SELLER_METRIC_COUNTERS[metric];
    const numerator = Math.max(0, counts(nc) - (less ? counts(less) : 0));
    const denominator = counts(dc);
    // maxPct may have one decimal (cancel rate 2.5 %): compare in tenths of a percent.
    const missed = denominator > 0 && numerator * 1000 >= Math.round(maxPct * 10) * denominator;
    return { metric, rate: ratio4(numerator, denominator), numerator, denominator, maxPct, windowDays, missed };
  });
}

/** The distinct window lengths the targets need (one rollup read each). */
export const performanceWindows = (targets: SellerPerformanceTargets): number[] => [...new Set(SELLER_METRICS.map((m) => targets[m].window_days))];
