// SPEC §8.4 reads: one shop's metrics with its category's averages and its rank, a category's
// shops side by side, daily series for charts, the facts behind a number. Each read takes the
// caller's principal: a shop sees its own numbers and its category's averages (never another
// shop's); the platform sees every shop.
import { addDaysToDate, localDateOf, startOfLocalDay } from '../../domain/calendar.ts';
import { refuse, type Refusal } from '../../domain/errors.ts';
import { categoryAverages, metricsOf, METRIC_NAMES, rankIn, windowOf, type CategoryMember, type MetricName, type ShopMetrics } from '../../domain/metrics/compute.ts';
import { SAMPLE_COUNTERS, type MetricCounter, type MetricFact } from '../../domain/metrics/facts.ts';
import { seriesOf } from '../../domain/metrics/series.ts';
import type { Policy } from '../../domain/policy.ts';
import { pointsAt } from '../../domain/shop/status.ts';
import type { Instant, LocalDate } from '../../domain/types.ts';
import { loadForCommand } from '../../store/event-store.ts';
import { loadShopGovernance } from '../../store/governance.ts';
import { dailyRollups, factsIn, governanceStates, shopsForMetrics, windowTotals } from '../../store/metrics.ts';
import type { ShopState } from '../../domain/shop/types.ts';
import type { EngineCore } from '../engine-core.ts';
import { canSee, type Principal } from '../principal.ts';

export interface MetricsQuery {
  /** The instant the window ends at (exclusive); default now on the shop's clock. */
  at?: Instant;
  /** Days of the window; default the pack's `metrics_window`. */
  windowDays?: number;
}

export interface ShopMetricsView {
  shop: string;
  category: string;
  pack: string;
  at: Instant;
  from: Instant;
  windowDays: number;
  minOrders: number;
  paid: number;
  /** Counted in its category's average (SPEC §8.4: at least `metrics_min_orders` paid). */
  counted: boolean;
  metrics: ShopMetrics;
  categoryAverage: ShopMetrics;
  /** Rank in the category by each metric, highest first, among the shops counted. */
  rank: Record<MetricName, number | null>;
  categoryShops: number;
  /** The shop's governance (status, watch, notices), null before it has a stream. */
  governance: ShopState | null;
}

export interface CategoryRow {
  shop: string;
  governance: ShopState | null;
  paid: number;
  counted: boolean;
  metrics: ShopMetrics;
}

const MAX_WINDOW = 366;
const notFound = (shopId: string) => refuse('not_found', 'shop', `店铺 ${shopId} 不存在`, `no shop ${shopId}`, { shop: shopId });

export function createMetricsReads(core: EngineCore) {
  const { db, clock, shopNow, shopPolicy } = core;

  /** The shop, its policy at the instant asked and the window. */
  async function context(shopId: string, q: MetricsQuery): Promise<{ policy: Policy; at: Instant; windowDays: number; category: string; pack: string } | Refusal> {
    const { shop } = await loadForCommand(db, shopId, '');
    if (!shop) return notFound(shopId);
    const at = q.at ?? shopNow(shop, clock.now());
    const policy = shopPolicy(shop, shopId, at);
    if ('ok' in policy) return policy;
    const windowDays = q.windowDays ?? policy.params.metrics_window;
    if (!Number.isInteger(windowDays) || windowDays < 1 || windowDays > MAX_WINDOW) {
      return refuse('validation', 'window', `统计窗口须为 1–${MAX_WINDOW} 天`, `the window must be 1–${MAX_WINDOW} days`, { field: 'window' });
    }
    const listing = (await shopsForMetrics(db, { shopId }))[0];
    return { policy, at, windowDays, category: listing?.category ?? 'general', pack: shop.policy_pack };
  }

  /** Every shop of a category (and pack) with its window's metrics; complaint points left out. */
  async function members(pack: string, category: string, at: Instant, windowDays: number, tz: string): Promise<CategoryMember[]> {
    const shops = await shopsForMetrics(db, { pack, category });
    const { from, to } = windowOf(at, windowDays, tz);
    const totals = await windowTotals(db, shops.map((s) => s.shopId), from, to, tz);
    return shops.map((s) => {
      const t = totals.get(s.shopId)!;
      // Complaint points come from each shop's governance, not from the window: not read here.
      return { shopId: s.shopId, paid: t.sums.paid.n, metrics: { ...metricsOf(t, 0), complaint_points: null } };
    });
  }

  /** SPEC §8.4: one shop's metrics at an instant, with its category's averages and its rank. */
  async function shopMetrics(p: Principal, shopId: string, q: MetricsQuery = {}): Promise<ShopMetricsView | Refusal> {
    if (p.kind === 'buyer' || !canSee(p, { shopId })) return notFound(shopId);
    const c = await context(shopId, q);
    if ('ok' in c) return c;
    const tz = c.policy.calendar.timeZone;
    const all = await members(c.pack, c.category, c.at, c.windowDays, tz);
    // A sandbox shop is in no category's average: its own numbers only.
    let me = all.find((m) => m.shopId === shopId);
    if (!me) {
      const { from, to } = windowOf(c.at, c.windowDays, tz);
      const t = (await windowTotals(db, [shopId], from, to, tz)).get(shopId)!;
      me = { shopId, paid: t.sums.paid.n, metrics: metricsOf(t, 0) };
    }
    const gov = (await loadShopGovernance(db, shopId))?.state;
    const min = c.policy.params.metrics_min_orders;
    const average = { ...categoryAverages(all, min), complaint_points: null };
    const rank = Object.fromEntries(METRIC_NAMES.map((n) => [n, n === 'complaint_points' ? null : rankIn(all, shopId, n, min)])) as Record<MetricName, number | null>;
    return {
      shop: shopId,
      category: c.category,
      pack: c.pack,
      at: c.at,
      from: windowOf(c.at, c.windowDays, tz).from,
      windowDays: c.windowDays,
      minOrders: min,
      paid: me.paid,
      counted: me.paid >= min,
      metrics: { ...me.metrics, complaint_points: gov ? pointsAt(gov, c.at, tz) : 0 },
      categoryAverage: average,
      rank,
      categoryShops: all.filter((m) => m.paid >= min).length,
      governance: gov ?? null,
    };
  }

  /** SPEC §8.4 for the platform: every shop of a category, sorted by a metric (highest first). */
  async function categoryMetrics(p: Principal, category: string, q: MetricsQuery & { pack?: string; sort?: MetricName } = {}): Promise<{ category: string; pack: string; at: Instant; windowDays: number; minOrders: number; sort: MetricName; average: ShopMetrics; shops: CategoryRow[] } | Refusal> {
    if (p.kind !== 'platform') return refuse('forbidden', 'platform_only', '仅平台可查看类目全部店铺', 'only the platform sees every shop of a category', {});
    const shops = await shopsForMetrics(db, { category, ...(q.pack ? { pack: q.pack } : {}) });
    if (shops.length === 0) return refuse('not_found', 'category', `类目 ${category} 没有店铺`, `no shop in category ${category}`, { category });
    const pack = q.pack ?? shops[0]!.pack;
    const c = await context(shops.find((s) => s.pack === pack)!.shopId, q);
    if ('ok' in c) return c;
    const tz = c.policy.calendar.timeZone;
    const all = await members(pack, category, c.at, c.windowDays, tz);
    const min = c.policy.params.metrics_min_orders;
    const sort = q.sort ?? 'intervention_rate';
    const value = (m: CategoryMember) => m.metrics[sort] ?? -Infinity;
    const states = await governanceStates(db, all.map((m) => m.shopId));
    const rows = [...all]
      .sort((a, b) => value(b) - value(a) || (a.shopId < b.shopId ? -1 : 1))
      .map((m) => ({ shop: m.shopId, paid: m.paid, counted: m.paid >= min, metrics: m.metrics, governance: states.get(m.shopId) ?? null }));
    return { category, pack, at: c.at, windowDays: c.windowDays, minOrders: min, sort, average: { ...categoryAverages(all, min), complaint_points: null }, shops: rows };
  }

  /**
   * Daily series: each metric as it stood at the end of each of the last `days` days before `at`,
   * the shop's and its category's average, for charts.
   */
  async function shopSeries(p: Principal, shopId: string, q: MetricsQuery & { days?: number } = {}): Promise<{ shop: string; windowDays: number; days: { day: LocalDate; metrics: ShopMetrics; average: ShopMetrics }[] } | Refusal> {
    if (p.kind === 'buyer' || !canSee(p, { shopId })) return notFound(shopId);
    const c = await context(shopId, q);
    if ('ok' in c) return c;
    const n = q.days ?? 90;
    if (!Number.isInteger(n) || n < 1 || n > MAX_WINDOW) return refuse('validation', 'days', `天数须为 1–${MAX_WINDOW}`, `days must be 1–${MAX_WINDOW}`, { field: 'days' });
    const tz = c.policy.calendar.timeZone;
    const lastDay = addDaysToDate(localDateOf(c.at, tz), -1);
    const days: LocalDate[] = Array.from({ length: n }, (_, i) => addDaysToDate(lastDay, i - n + 1));
    const firstNeeded = addDaysToDate(days[0]!, 1 - c.windowDays);
    const shops = (await shopsForMetrics(db, { pack: c.pack, category: c.category })).map((s) => s.shopId);
    const rollups = await dailyRollups(db, shops, firstNeeded, lastDay);
    const samples = await factsIn(db, shops, SAMPLE_COUNTERS, startOfLocalDay(firstNeeded, tz), c.at);
    const per = new Map<string, { rollups: typeof rollups; samples: MetricFact[] }>(shops.map((s) => [s, { rollups: [], samples: [] }]));
    for (const r of rollups) per.get(r.shopId)?.rollups.push(r);
    for (const f of samples) per.get(f.shopId)?.samples.push(f);
    const seriesBy = new Map([...per].map(([s, d]) => [s, seriesOf(days, c.windowDays, d.rollups, d.samples, tz)]));
    const min = c.policy.params.metrics_min_orders;
    const mine = seriesBy.get(shopId) ?? seriesOf(days, c.windowDays, [], [], tz);
    return {
      shop: shopId,
      windowDays: c.windowDays,
      days: mine.map((d, i) => ({
        day: d.day,
        metrics: d.metrics,
        average: { ...categoryAverages([...seriesBy].map(([s, ser]) => ({ shopId: s, paid: ser[i]!.paid, metrics: ser[i]!.metrics })), min), complaint_points: null },
      })),
    };
  }

  /** The facts behind a number (e.g. the interventions that made the 介入率), for one shop's window. */
  async function metricFacts(p: Principal, shopId: string, counter: MetricCounter, q: MetricsQuery = {}): Promise<{ shop: string; counter: MetricCounter; facts: { at: Instant; order: string; ref: string; value: number }[] } | Refusal> {
    if (p.kind === 'buyer' || !canSee(p, { shopId })) return notFound(shopId);
    const c = await context(shopId, q);
    if ('ok' in c) return c;
    const { from, to } = windowOf(c.at, c.windowDays, c.policy.calendar.timeZone);
    const facts = await factsIn(db, [shopId], [counter], from, to);
    return { shop: shopId, counter, facts: facts.map((f) => ({ at: f.at, order: f.orderId, ref: f.ref, value: f.value })) };
  }

  return { shopMetrics, categoryMetrics, shopSeries, metricFacts };
}
