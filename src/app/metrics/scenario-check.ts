// FORMAT.md `shop` checks `metrics` and `category_average` (SPEC §8.4): the shop's numbers at the
// simulated clock's instant, as the platform reads them. Only the metrics a file names are
// compared, each to 4 decimals.
import { METRIC_NAMES, type ShopMetrics } from '../../domain/metrics/compute.ts';
import type { Engine } from '../engine.ts';

/** The named metrics, rounded to 4 decimals; a name that is no metric shows as `(unknown metric)`. */
function project(found: ShopMetrics, expected: unknown): unknown {
  if (expected === null || typeof expected !== 'object') return found;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(expected)) {
    const v = (METRIC_NAMES as readonly string[]).includes(k) ? found[k as keyof ShopMetrics] : '(unknown metric)';
    out[k] = typeof v === 'number' ? Math.round(v * 10_000) / 10_000 : v;
  }
  return out;
}

const rounded = (x: unknown): unknown =>
  x !== null && typeof x === 'object' ? Object.fromEntries(Object.entries(x).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v * 10_000) / 10_000 : v])) : x;

export async function metricsFields(engine: Engine, shopId: string, fields: Record<string, unknown>): Promise<Record<string, unknown>> {
  const m = await engine.shopMetrics({ kind: 'platform' }, shopId);
  if (!m || 'ok' in m) return { metrics: `(no metrics: ${m && 'ok' in m ? m.message.en : 'no shop'})`, category_average: '(no metrics)' };
  if (fields.metrics !== undefined) fields.metrics = rounded(fields.metrics);
  if (fields.category_average !== undefined) fields.category_average = rounded(fields.category_average);
  return { metrics: project(m.metrics, fields.metrics), category_average: project(m.categoryAverage, fields.category_average) };
}

/**
 * SPEC §13 `performance` (the named seller metrics' rates, 4 decimals) and `performance_notices`
 * (the metrics whose notice stands, sorted), at the simulated clock's instant.
 */
export async function performanceFields(engine: Engine, shopId: string, fields: Record<string, unknown>): Promise<Record<string, unknown>> {
  const v = await engine.sellerPerformance({ kind: 'platform' }, shopId);
  if ('ok' in v) return { performance: `(no performance: ${v.message.en})`, performance_notices: `(no performance: ${v.message.en})` };
  const rates = Object.fromEntries(v.metrics.map((m) => [m.metric, m.rate]));
  const wanted = fields.performance;
  const performance =
    wanted !== null && typeof wanted === 'object'
      ? Object.fromEntries(Object.keys(wanted).map((k) => [k, k in rates ? rates[k] : '(unknown metric)']))
      : rates;
  if (wanted !== undefined) fields.performance = rounded(wanted);
  return { performance: rounded(performance), performance_notices: Object.keys(v.alerts).sort() };
}
