// Operating the server: Prometheus metrics (`/metrics`) and the per-key request limit (429
// `rate_limited`). Counters are this process's own (Prometheus scrapes every process); the limit's
// counts live in the database, so every process of a deployment enforces the same budget.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Engine } from '../app/engine.ts';
import { refuse, type Refusal } from '../domain/errors.ts';
import { principalName } from '../app/principal.ts';

type Send = (req: FastifyRequest, reply: FastifyReply, r: Refusal) => FastifyReply;

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

export function opsRoutes(app: FastifyInstance, engine: Engine, send: Send, opts: { requestsPerMinute?: number } = {}): void {
  const requests = new Map<string, number>();
  const durations = new Map<string, number[]>(); // per route: bucket counts, then sum and count
  const started = new WeakMap<FastifyRequest, number>();

  app.addHook('onRequest', async (req) => {
    started.set(req, performance.now());
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    const key = `${req.method} ${route} ${reply.statusCode}`;
    requests.set(key, (requests.get(key) ?? 0) + 1);
    const seconds = (performance.now() - (started.get(req) ?? performance.now())) / 1000;
    const d = durations.get(`${req.method} ${route}`) ?? Array(BUCKETS.length + 2).fill(0);
    BUCKETS.forEach((b, i) => {
      if (seconds <= b) d[i]++;
    });
    d[BUCKETS.length] += seconds;
    d[BUCKETS.length + 1]++;
    durations.set(`${req.method} ${route}`, d);
  });

  // Runs after authentication (registered later): counts per key per minute.
  const limit = opts.requestsPerMinute;
  if (limit) {
    app.addHook('preHandler', async (req, reply) => {
      if (!req.url.startsWith('/v1/') || !req.principal) return;
      const { count, retryAfterMs } = await engine.countRequest(principalName(req.principal));
      if (count > limit) {
        reply.header('retry-after', String(Math.ceil(retryAfterMs / 1000)));
        return send(req, reply, refuse('rate_limited', 'requests_per_minute', '请求过于频繁, 请稍后再试', 'too many requests: wait for the next minute', { limit }));
      }
    });
  }

  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
    const lines: string[] = ['# TYPE aftersale_http_requests_total counter'];
    for (const [k, v] of requests) {
      const [method, route, status] = k.split(' ');
      lines.push(`aftersale_http_requests_total{method="${method}",route="${route}",status="${status}"} ${v}`);
    }
    lines.push('# TYPE aftersale_http_request_duration_seconds histogram');
    for (const [k, d] of durations) {
      const [method, route] = k.split(' ');
      const labels = `method="${method}",route="${route}"`;
      BUCKETS.forEach((b, i) => lines.push(`aftersale_http_request_duration_seconds_bucket{${labels},le="${b}"} ${d[i]}`));
      lines.push(`aftersale_http_request_duration_seconds_bucket{${labels},le="+Inf"} ${d[BUCKETS.length + 1]}`);
      lines.push(`aftersale_http_request_duration_seconds_sum{${labels}} ${d[BUCKETS.length]}`);
      lines.push(`aftersale_http_request_duration_seconds_count{${labels}} ${d[BUCKETS.length + 1]}`);
    }
    // From the database: what every process sees the same way.
    const x = await engine.gauges();
    lines.push('# TYPE aftersale_deadlines_due gauge', `aftersale_deadlines_due ${x.due}`);
    lines.push('# TYPE aftersale_deadlines_late gauge', `aftersale_deadlines_late ${x.late}`);
    lines.push('# TYPE aftersale_outbox_backlog gauge', `aftersale_outbox_backlog ${x.backlog}`);
    lines.push('# TYPE aftersale_outbox_dead gauge', `aftersale_outbox_dead ${x.dead}`);
    lines.push('# TYPE aftersale_refunds_pending gauge', `aftersale_refunds_pending ${x.refunds}`);
    return reply.type('text/plain; version=0.0.4').send(`${lines.join('\n')}\n`);
  });
}
