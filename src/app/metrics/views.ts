// The API's shape of the metrics reads (src/contract/metrics.ts) and their CSV exports.
import { formatInstant } from '../../domain/calendar.ts';
import { METRIC_NAMES, type ShopMetrics } from '../../domain/metrics/compute.ts';
import { shopStatusAt, watchedAt } from '../../domain/shop/status.ts';
import type { ShopState } from '../../domain/shop/types.ts';
import type { Instant } from '../../domain/types.ts';
import type { SellerPerformanceView } from './performance.ts';
import type { CategoryRow, ShopMetricsView } from './reads.ts';

function governanceOf(s: ShopState | null, now: Instant, tz: string) {
  const st = s ? shopStatusAt(s, now) : null;
  return {
    status: st?.status ?? ('active' as const),
    restricted_until: st?.restrictedUntil ? formatInstant(st.restrictedUntil, tz) : null,
    watched: s ? watchedAt(s, now) : false,
  };
}

export function shopMetricsView(m: ShopMetricsView, tz: string) {
  const at = (x: Instant) => formatInstant(x, tz);
  return {
    shop: m.shop,
    category: m.category,
    pack: m.pack,
    at: at(m.at),
    from: at(m.from),
    window_days: m.windowDays,
    min_orders: m.minOrders,
    paid: m.paid,
    counted: m.counted,
    metrics: m.metrics,
    category_average: m.categoryAverage,
    rank: m.rank,
    category_shops: m.categoryShops,
    ...governanceOf(m.governance, m.at, tz),
    notices: (m.governance?.notices ?? [])
      .filter((n) => n.periodEnd <= m.at)
      .map((n) => ({ period_end: at(n.periodEnd), rate: n.rate, average: n.average, volume: n.volume, rank: n.rank, watch_until: at(n.watchUntil) })),
  };
}

/** SPEC §13: a shop's seller performance, instants in its marketplace's zone. */
export function sellerPerformanceView(v: SellerPerformanceView) {
  const at = (x: Instant) => formatInstant(x, v.timeZone);
  return {
    shop: v.shop,
    pack: v.pack,
    at: at(v.at),
    metrics: v.metrics.map((m) => {
      const alert = v.alerts[m.metric];
      return { metric: m.metric, rate: m.rate, numerator: m.numerator, denominator: m.denominator, max_pct: m.maxPct, window_days: m.windowDays, missed: m.missed, noticed_at: alert ? at(alert.since) : null };
    }),
  };
}

export function categoryRowsView(rows: readonly CategoryRow[], now: Instant, tz: string) {
  return rows.map((r, i) => {
    const g = governanceOf(r.governance, now, tz);
    return { shop: r.shop, position: i + 1, paid: r.paid, counted: r.counted, metrics: r.metrics, status: g.status, watched: g.watched };
  });
}

/** A CSV cell: quoted when it holds a comma, a quote or a line break (RFC 4180). */
const cell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
export const csvOf = (header: readonly string[], rows: readonly (readonly unknown[])[]): string => [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';

const values = (m: ShopMetrics) => METRIC_NAMES.map((n) => m[n]);

/** The category view as CSV: one row per shop, in the view's order. */
export function categoryCsv(rows: ReturnType<typeof categoryRowsView>): string {
  return csvOf(['position', 'shop', 'paid', 'counted', 'status', 'watched', ...METRIC_NAMES], rows.map((r) => [r.position, r.shop, r.paid, r.counted, r.status, r.watched, ...values(r.metrics)]));
}

/** A shop's daily series as CSV: one row per day, the shop's values then the category's. */
export function seriesCsv(days: readonly { day: string; metrics: ShopMetrics; average: ShopMetrics }[]): string {
  return csvOf(['day', ...METRIC_NAMES, ...METRIC_NAMES.map((n) => `category_average_${n}`)], days.map((d) => [d.day, ...values(d.metrics), ...values(d.average)]));
}
