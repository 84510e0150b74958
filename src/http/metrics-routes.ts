// The metrics API (SPEC §8.4–§8.5): a shop's numbers against its category's average with its rank,
// daily series for charts, the events behind a number, the platform's category view, and CSV
// exports. A shop sees its own numbers and its category's averages, never another shop's.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Engine } from '../app/engine.ts';
import type { Principal } from '../app/principal.ts';
import { categoryCsv, categoryRowsView, sellerPerformanceView, seriesCsv, shopMetricsView } from '../app/metrics/views.ts';
import { formatInstant, parseInstant } from '../domain/calendar.ts';
import { subjectOf } from '../domain/metrics/facts.ts';
import type { Refusal } from '../domain/errors.ts';
import { CategoryMetrics, ErrorBody, METRIC_COUNTERS, METRIC_NAMES, MetricFacts, MetricSeries, MetricsCsv, SellerPerformance, ShopMetrics } from '../contract/index.ts';
import { idParam } from './input.ts';

type Send = (req: FastifyRequest, reply: FastifyReply, r: Refusal) => FastifyReply;

const instant = z
  .string()
  .max(40)
  .refine((s) => parseInstant(s) !== null, 'an ISO-8601 instant with an offset')
  .optional();
const windowQuery = {
  at: instant.describe('the window ends here, exclusive (default now)'),
  window: z.coerce.number().int().min(1).max(366).optional().describe('days of the window (default the pack’s metrics_window)'),
};
const seriesQuery = z.object({ ...windowQuery, days: z.coerce.number().int().min(1).max(366).default(90) });
const categoryQuery = z.object({ ...windowQuery, sort: z.enum(METRIC_NAMES).default('intervention_rate'), pack: idParam.optional() });
const q = (x: { at?: string; window?: number }) => ({ ...(x.at ? { at: parseInstant(x.at)! } : {}), ...(x.window ? { windowDays: x.window } : {}) });
const isRefusal = (x: object): x is Refusal => 'ok' in x && (x as { ok: unknown }).ok === false;

export function metricsRoutes(raw: FastifyInstance, engine: Engine, tz: string, send: Send): void {
  const app = raw.withTypeProvider<ZodTypeProvider>();
  const shopParams = z.object({ shop: idParam });
  const csv = (reply: FastifyReply, name: string, body: string) =>
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).send(body);

  app.get('/v1/shops/:shop/metrics', { schema: { params: shopParams, querystring: z.object(windowQuery), tags: ['metrics'], response: { 200: ShopMetrics, '4xx': ErrorBody } } }, async (req, reply) => {
    const m = await engine.shopMetrics(req.principal, req.params.shop, q(req.query));
    return isRefusal(m) ? send(req, reply, m) : shopMetricsView(m, tz);
  });

  // SPEC §13: the seller performance of a shop on a marketplace with targets (amazon-us).
  app.get('/v1/shops/:shop/performance', { schema: { params: shopParams, querystring: z.object({ at: windowQuery.at }), tags: ['metrics'], response: { 200: SellerPerformance, '4xx': ErrorBody } } }, async (req, reply) => {
    const v = await engine.sellerPerformance(req.principal, req.params.shop, q(req.query));
    return isRefusal(v) ? send(req, reply, v) : sellerPerformanceView(v);
  });

  async function series(p: Principal, shop: string, query: z.infer<typeof seriesQuery>) {
    const s = await engine.shopSeries(p, shop, { ...q(query), days: query.days });
    return isRefusal(s) ? s : { shop: s.shop, window_days: s.windowDays, days: s.days };
  }
  app.get('/v1/shops/:shop/metrics/series', { schema: { params: shopParams, querystring: seriesQuery, tags: ['metrics'], response: { 200: MetricSeries, '4xx': ErrorBody } } }, async (req, reply) => {
    const s = await series(req.principal, req.params.shop, req.query);
    return isRefusal(s) ? send(req, reply, s) : s;
  });
  app.get('/v1/shops/:shop/metrics/series.csv', { schema: { params: shopParams, querystring: seriesQuery, tags: ['metrics'], response: { 200: MetricsCsv, '4xx': ErrorBody } } }, async (req, reply) => {
    const s = await series(req.principal, req.params.shop, req.query);
    return isRefusal(s) ? send(req, reply, s) : csv(reply, `metrics-${s.shop}.csv`, seriesCsv(s.days));
  });

  app.get(
    '/v1/shops/:shop/metrics/facts',
    { schema: { params: shopParams, querystring: z.object({ ...windowQuery, counter: z.enum(METRIC_COUNTERS) }), tags: ['metrics'], response: { 200: MetricFacts, '4xx': ErrorBody } } },
    async (req, reply) => {
      const f = await engine.metricFacts(req.principal, req.params.shop, req.query.counter, q(req.query));
      if (isRefusal(f)) return send(req, reply, f);
      return { shop: f.shop, counter: f.counter, data: f.facts.map((x) => ({ at: formatInstant(x.at, tz), order: x.order, ...subjectOf(x.ref), value: x.value })) };
    },
  );

  async function category(p: Principal, name: string, query: z.infer<typeof categoryQuery>) {
    const c = await engine.categoryMetrics(p, name, { ...q(query), sort: query.sort, ...(query.pack ? { pack: query.pack } : {}) });
    if (isRefusal(c)) return c;
    return {
      category: c.category,
      pack: c.pack,
      at: formatInstant(c.at, tz),
      window_days: c.windowDays,
      min_orders: c.minOrders,
      sort: c.sort,
      average: c.average,
      shops: categoryRowsView(c.shops, c.at, tz),
    };
  }
  const categoryParams = z.object({ category: idParam });
  app.get('/v1/metrics/categories/:category', { schema: { params: categoryParams, querystring: categoryQuery, tags: ['metrics'], response: { 200: CategoryMetrics, '4xx': ErrorBody } } }, async (req, reply) => {
    const c = await category(req.principal, req.params.category, req.query);
    return 'ok' in c ? send(req, reply, c) : c;
  });
  app.get('/v1/metrics/categories/:category/export.csv', { schema: { params: categoryParams, querystring: categoryQuery, tags: ['metrics'], response: { 200: MetricsCsv, '4xx': ErrorBody } } }, async (req, reply) => {
    const c = await category(req.principal, req.params.category, req.query);
    return 'ok' in c ? send(req, reply, c) : csv(reply, `metrics-${c.category}.csv`, categoryCsv(c.shops));
  });
}
