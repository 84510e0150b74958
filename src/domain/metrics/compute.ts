// SPEC §8.4 shop metrics as pure arithmetic: the window, the totals a window holds, the metrics
// they give (rates rounded half up to 4 decimals, null on a zero denominator, percentiles by
// nearest rank), and the category average over the shops with enough paid orders.
import { addCalendarDays, addDaysToDate, localDateOf, startOfLocalDay } from '../calendar.ts';
import type { Instant, LocalDate } from '../types.ts';
import { isSummed, METRIC_COUNTERS, type MetricCounter, type MetricFact } from './facts.ts';

export const METRIC_NAMES = [
  'refund_rate',
  'dispute_rate',
  'intervention_rate',
  'intervention_volume',
  'quality_refund_rate',
  'avg_refund_hours',
  'first_response_p50',
  'first_response_p90',
  'complaint_points',
  // SPEC §10.1: the service desk's numbers, over the same window.
  'ticket_sla_breach_rate',
  'csat_avg',
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];
export type ShopMetrics = Record<MetricName, number | null>;
/** The metrics that are fractions (SPEC §8.4 "Rates" of orders, §10.1 of tickets), shown as percentages. */
export const RATE_METRICS = ['refund_rate', 'dispute_rate', 'intervention_rate', 'quality_refund_rate', 'ticket_sla_breach_rate'] as const satisfies readonly MetricName[];

export interface Sum {
  n: number;
  total: number;
}
/** What one shop's window holds: per summed counter a count and a total; the samples one by one. */
export interface WindowTotals {
  sums: Record<MetricCounter, Sum>;
  /** Distinct orders with an intervention in the window (SPEC §8.4 介入量). */
  interventionOrders: number;
  /** Milliseconds from apply to first response, of the responses in the window. */
  firstResponses: number[];
}

export const emptySums = (): Record<MetricCounter, Sum> => Object.fromEntries(METRIC_COUNTERS.map((c) => [c, { n: 0, total: 0 }])) as Record<MetricCounter, Sum>;

/** SPEC §8.4: the rolling window of `days` days ending at `at`, exclusive: [from, at). */
export function windowOf(at: Instant, days: number, tz: string): { from: Instant; to: Instant } {
  return { from: addCalendarDays(at, -days, tz), to: at };
}

/**
 * A window cut at the platform zone's midnights: the whole days inside it (their rollups are
 * summed) and the two partial ends (read from the facts themselves). A window inside one day is
 * all `head`.
 */
export function splitWindow(from: Instant, to: Instant, tz: string): { head: [Instant, Instant]; days: LocalDate[]; tail: [Instant, Instant] } {
  const fromDay = localDateOf(from, tz);
  const firstWhole = startOfLocalDay(fromDay, tz) === from ? fromDay : addDaysToDate(fromDay, 1);
  const lastEndDay = localDateOf(to, tz); // the whole days end at this day's midnight
  const a = startOfLocalDay(firstWhole, tz);
  const b = startOfLocalDay(lastEndDay, tz);
  if (a >= b) return { head: [from, to], days: [], tail: [to, to] };
  const days: LocalDate[] = [];
  for (let d = firstWhole; d < lastEndDay; d = addDaysToDate(d, 1)) days.push(d);
  return { head: [from, a], days, tail: [b, to] };
}

/** Adds facts in [from, to) to totals (the samples' distinct orders are kept in `orders`). */
export function addFacts(t: WindowTotals, facts: readonly MetricFact[], from: Instant, to: Instant, orders: Set<string>, summed = true): void {
  for (const f of facts) {
    if (f.at < from || f.at >= to) continue;
    if (isSummed(f.counter)) {
      if (!summed) continue;
      t.sums[f.counter].n += 1;
      t.sums[f.counter].total += f.value;
    } else if (f.counter === 'intervention') {
      orders.add(f.orderId);
      t.interventionOrders = orders.size;
    } else if (f.counter === 'first_response') {
      t.firstResponses.push(f.value);
    }
  }
}

/** The pure recount: a shop's window totals straight from its facts. */
export function totalsFromFacts(facts: readonly MetricFact[], from: Instant, to: Instant): WindowTotals {
  const t: WindowTotals = { sums: emptySums(), interventionOrders: 0, firstResponses: [] };
  addFacts(t, facts, from, to, new Set());
  return t;
}

/** Half up at 4 decimals of num/den, exactly (integers, BigInt): null on a zero denominator. */
export function ratio4(num: number | bigint, den: number | bigint): number | null {
  const n = BigInt(num);
  const d = BigInt(den);
  if (d === 0n) return null;
  const sign = (n < 0n) !== (d < 0n) ? -1n : 1n;
  const [an, ad] = [n < 0n ? -n : n, d < 0n ? -d : d];
  const scaled = (an * 20_000n + ad) / (2n * ad); // floor(x·10⁴ + ½)
  return Number(sign * scaled) / 10_000;
}

const HOUR_MS = 3_600_000;
/** Hours of a millisecond count, half up at 4 decimals. */
export const hours4 = (ms: number): number => ratio4(Math.round(ms), HOUR_MS)!;

/** Nearest rank: the smallest value with at least p % of the values at or below it. */
export function nearestRank(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p * sorted.length) / 100));
  return sorted[rank - 1]!;
}

/** SPEC §8.4: the metrics of a window's totals (and the year's complaint points). */
export function metricsOf(t: WindowTotals, complaintPoints: number): ShopMetrics {
  const paid = t.sums.paid.n;
  const refund = t.sums.refund_done;
  const csat = t.sums.csat;
  const p50 = nearestRank(t.firstResponses, 50);
  const p90 = nearestRank(t.firstResponses, 90);
  return {
    refund_rate: ratio4(t.sums.applied_in_sale.n, paid),
    dispute_rate: ratio4(t.sums.escalated.n, paid),
    intervention_rate: ratio4(t.interventionOrders, t.sums.completed.n),
    intervention_volume: t.interventionOrders,
    quality_refund_rate: ratio4(t.sums.applied_quality.n, paid),
    avg_refund_hours: refund.n === 0 ? null : ratio4(Math.round(refund.total), refund.n * HOUR_MS),
    first_response_p50: p50 === null ? null : hours4(p50),
    first_response_p90: p90 === null ? null : hours4(p90),
    complaint_points: complaintPoints,
    // SPEC §10.1: tickets whose first breach fell in the window / tickets opened in the window.
    ticket_sla_breach_rate: ratio4(t.sums.ticket_breached.n, t.sums.ticket_opened.n),
    // The mean of the ratings given in the window, half up at 4 decimals like the rates.
    csat_avg: ratio4(csat.total, csat.n),
  };
}

export interface CategoryMember {
  shopId: string;
  /** Orders paid in the window: SPEC §8.4 counts a shop in its category's average from `metrics_min_orders`. */
  paid: number;
  metrics: ShopMetrics;
}

export const qualifies = (m: CategoryMember, minOrders: number): boolean => m.paid >= minOrders;

/**
 * SPEC §8.4: the category average of a metric is the mean of the shops' values over the shops of
 * the category with at least `minOrders` orders paid in the window (a shop without a value — a
 * zero denominator — is left out), half up at 4 decimals; null when no shop counts.
 */
export function categoryAverages(members: readonly CategoryMember[], minOrders: number): ShopMetrics {
  const counted = members.filter((m) => qualifies(m, minOrders));
  const out = {} as ShopMetrics;
  for (const name of METRIC_NAMES) {
    const values = counted.map((m) => m.metrics[name]).filter((v): v is number => v !== null);
    // Values carry at most 4 decimals: as integers of 10⁻⁴ the sum is exact.
    const sum = values.reduce((s, v) => s + Math.round(v * 10_000), 0);
    out[name] = values.length === 0 ? null : ratio4(sum, values.length * 10_000);
  }
  return out;
}

/**
 * A shop's rank in its category by a metric, highest first (1 = the highest value), among the
 * shops counted in the average; ties share a rank (1 + the number of shops strictly above).
 * Null when the shop is not counted or has no value.
 */
export function rankIn(members: readonly CategoryMember[], shopId: string, name: MetricName, minOrders: number): number | null {
  const counted = members.filter((m) => qualifies(m, minOrders) && m.metrics[name] !== null);
  const me = counted.find((m) => m.shopId === shopId);
  if (!me) return null;
  return 1 + counted.filter((m) => m.metrics[name]! > me.metrics[name]!).length;
}
