// How a metric reads (SPEC §8.4): rates as percentages, hours and counts as numbers, null as "—";
// and which counter holds the events behind each metric (the drill-down).
import type { MetricCounter, MetricName } from '../../../src/contract/index.ts';
import { RATE_METRICS } from '../../../src/contract/index.ts';

export const isRate = (m: MetricName) => (RATE_METRICS as readonly string[]).includes(m);

export function formatMetric(m: MetricName, v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  return isRate(m) ? `${(v * 100).toFixed(2)}%` : String(Math.round(v * 100) / 100);
}

/** The facts behind a metric's numerator, null for points (they come from complaints' rulings). */
export const COUNTER_OF: Record<MetricName, MetricCounter | null> = {
  refund_rate: 'applied_in_sale',
  dispute_rate: 'escalated',
  intervention_rate: 'intervention',
  intervention_volume: 'intervention',
  quality_refund_rate: 'applied_quality',
  avg_refund_hours: 'refund_done',
  first_response_p50: 'first_response',
  first_response_p90: 'first_response',
  complaint_points: null,
  ticket_sla_breach_rate: 'ticket_breached',
  csat_avg: 'csat',
};

/** SPEC §10.1: a satisfaction score is better high; every other metric is better low. */
export const HIGHER_IS_BETTER: readonly MetricName[] = ['csat_avg'];
