// What the API answers about shop metrics and the governance cycle (SPEC §8.4–§8.5): one shop's
// numbers with its category's averages and its rank, a category's shops side by side (platform),
// daily series for charts, the facts behind a number, and CSV exports of both views.
import { z } from 'zod';
import { METRIC_COUNTERS } from '../domain/metrics/facts.ts';
import { METRIC_NAMES } from '../domain/metrics/compute.ts';
import { SELLER_METRICS } from '../domain/policy.ts';
import { SHOP_STATUSES } from './enums.ts';
import { IsoInstant } from './primitives.ts';

export { METRIC_NAMES, RATE_METRICS, type MetricName } from '../domain/metrics/compute.ts';
export { METRIC_COUNTERS, type MetricCounter } from '../domain/metrics/facts.ts';

/** Every §8.4 metric: rates are fractions with 4 decimals; null on a zero denominator. */
export const MetricValues = z.strictObject(Object.fromEntries(METRIC_NAMES.map((n) => [n, z.number().nullable()])) as Record<(typeof METRIC_NAMES)[number], z.ZodNullable<z.ZodNumber>>);
export type MetricValues = z.infer<typeof MetricValues>;

/** SPEC §8.5: a notice (站内信) of the governance cycle. */
export const GovernanceNoticeView = z.strictObject({
  period_end: IsoInstant,
  rate: z.number(),
  average: z.number(),
  volume: z.number().int(),
  rank: z.number().int(),
  watch_until: IsoInstant,
});

/** GET /v1/shops/:shop/metrics */
export const ShopMetrics = z.strictObject({
  shop: z.string(),
  category: z.string(),
  pack: z.string(),
  /** The window ends here, exclusive. */
  at: IsoInstant,
  from: IsoInstant,
  window_days: z.number().int(),
  min_orders: z.number().int(),
  paid: z.number().int(),
  /** Counted in the category average (at least `min_orders` paid in the window). */
  counted: z.boolean(),
  metrics: MetricValues,
  category_average: MetricValues,
  /** Rank in the category by each metric, highest first, among the shops counted; null when not counted. */
  rank: z.strictObject(Object.fromEntries(METRIC_NAMES.map((n) => [n, z.number().int().nullable()])) as Record<(typeof METRIC_NAMES)[number], z.ZodNullable<z.ZodNumber>>),
  category_shops: z.number().int(),
  status: z.enum(SHOP_STATUSES),
  restricted_until: IsoInstant.nullable(),
  watched: z.boolean(),
  notices: z.array(GovernanceNoticeView),
});
export type ShopMetrics = z.infer<typeof ShopMetrics>;

/** GET /v1/metrics/categories/:category (platform) */
export const CategoryMetrics = z.strictObject({
  category: z.string(),
  pack: z.string(),
  at: IsoInstant,
  window_days: z.number().int(),
  min_orders: z.number().int(),
  sort: z.enum(METRIC_NAMES),
  average: MetricValues,
  shops: z.array(
    z.strictObject({
      shop: z.string(),
      /** Position in this ordering (1 = highest value of `sort`). */
      position: z.number().int(),
      paid: z.number().int(),
      counted: z.boolean(),
      metrics: MetricValues,
      status: z.enum(SHOP_STATUSES),
      watched: z.boolean(),
    }),
  ),
});
export type CategoryMetrics = z.infer<typeof CategoryMetrics>;

/** GET /v1/shops/:shop/metrics/series: each metric as it stood at the end of each day. */
export const MetricSeries = z.strictObject({
  shop: z.string(),
  window_days: z.number().int(),
  days: z.array(z.strictObject({ day: z.string(), metrics: MetricValues, average: MetricValues })),
});
export type MetricSeries = z.infer<typeof MetricSeries>;

/** GET /v1/shops/:shop/metrics/facts?counter=: the events behind a number, in the window. */
export const MetricFacts = z.strictObject({
  shop: z.string(),
  counter: z.enum(METRIC_COUNTERS),
  /** value: milliseconds for durations (refund_done, first_response), the rating for csat, else 0. */
  data: z.array(
    z.strictObject({ at: IsoInstant, order: z.string(), case: z.string().nullable(), complaint: z.string().nullable(), ticket: z.string().nullable(), value: z.number() }),
  ),
});
export type MetricFacts = z.infer<typeof MetricFacts>;

/** CSV exports: text/csv, a header row and one row per shop or day. */
export const MetricsCsv = {
  description: 'CSV (UTF-8, header row)',
  content: { 'text/csv': { schema: z.string() } },
};

export { SELLER_METRICS, type SellerMetric } from '../domain/policy.ts';

/** SPEC §13: one seller performance metric over its own window, against its ceiling. */
export const SellerMetricView = z.strictObject({
  metric: z.enum(SELLER_METRICS),
  /** A fraction with 4 decimals; null on a zero denominator. */
  rate: z.number().nullable(),
  numerator: z.number().int(),
  denominator: z.number().int(),
  /** The target is a rate under this percentage. */
  max_pct: z.number(),
  window_days: z.number().int(),
  /** At or above the ceiling. */
  missed: z.boolean(),
  /** Since when a notice stands for it (the review that found it missed); null when none. */
  noticed_at: IsoInstant.nullable(),
});

/** GET /v1/shops/:shop/performance (SPEC §13, packs with seller performance targets) */
export const SellerPerformance = z.strictObject({
  shop: z.string(),
  pack: z.string(),
  at: IsoInstant,
  metrics: z.array(SellerMetricView),
});
export type SellerPerformance = z.infer<typeof SellerPerformance>;
