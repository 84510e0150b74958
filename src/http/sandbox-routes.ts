// Sandbox tenants with test clocks (Stripe-style): a sandbox shop's clock moves only when the
// integrator advances it, and advancing fires its deadlines exactly as `aftersale simulate` does,
// so a 48-hour auto-agree can be watched in a second.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from './input.ts';
import type { Engine } from '../app/engine.ts';
import { formatInstant, parseInstant } from '../domain/calendar.ts';
import { refuse, type Refusal } from '../domain/errors.ts';
import { ErrorBody, SandboxAdvanced, SandboxClock, SandboxShop } from '../contract/index.ts';

type Send = (req: FastifyRequest, reply: FastifyReply, r: Refusal) => FastifyReply;

const instant = z.string().refine((s) => parseInstant(s) !== null, 'an ISO-8601 instant with an offset');

export function sandboxRoutes(raw: FastifyInstance, engine: Engine, tz: string, send: Send): void {
  const app = raw.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/v1/sandbox/shops',
    {
      schema: {
        tags: ['sandbox'],
        body: z
          .object({ id: idParam, pack: idParam, category: z.string().max(64).default('general'), overrides: z.record(z.string(), z.unknown()).default({}), start: instant.optional() })
          .strict(),
        response: { 201: SandboxShop, '4xx': ErrorBody },
      },
    },
    async (req, reply) => {
      if (req.principal.kind !== 'platform') return send(req, reply, refuse('forbidden', 'platform_only', '仅平台可创建沙箱店铺', 'only the platform creates sandbox shops', {}));
      const b = req.body;
      // A live shop never becomes a sandbox (the engine refuses it: `validation` on id).
      const start = b.start ? parseInstant(b.start)! : engine.now();
      const r = await engine.createSandboxShop({ id: b.id, pack: b.pack, category: b.category, overrides: b.overrides }, start);
      if (!r.ok) return send(req, reply, r);
      const key = await engine.createKey(b.id, 'sandbox');
      return reply.status(201).send({ shop: b.id, key, now: formatInstant(start, tz) });
    },
  );

  const shopOf = (req: FastifyRequest, shop: string | undefined): string | null =>
    req.principal.kind === 'shop' ? req.principal.shopId : req.principal.kind === 'platform' ? (shop ?? null) : null;

  app.get('/v1/sandbox/clock', { schema: { tags: ['sandbox'], querystring: z.object({ shop: idParam.optional() }).strict(), response: { 200: SandboxClock, '4xx': ErrorBody } } }, async (req, reply) => {
    const shop = shopOf(req, req.query.shop);
    const at = shop ? await engine.sandboxClock(shop) : null;
    if (!shop || at === null) return send(req, reply, refuse('not_found', 'sandbox', '没有测试时钟', 'no test clock for this caller', {}));
    return { shop, now: formatInstant(at, tz) };
  });

  app.post(
    '/v1/sandbox/clock',
    { schema: { tags: ['sandbox'], body: z.object({ shop: idParam.optional(), to: instant.optional(), advance_seconds: z.number().int().min(0).max(400 * 86_400).optional() }).strict(), response: { 200: SandboxAdvanced, '4xx': ErrorBody } } },
    async (req, reply) => {
      const shop = shopOf(req, req.body.shop);
      if (!shop) return send(req, reply, refuse('not_found', 'sandbox', '没有测试时钟', 'no test clock for this caller', {}));
      const now = await engine.sandboxClock(shop);
      if (now === null) return send(req, reply, refuse('not_found', 'sandbox', '没有测试时钟', 'no test clock for this caller', {}));
      if ((req.body.to === undefined) === (req.body.advance_seconds === undefined)) {
        return send(req, reply, refuse('validation', 'to', '请给出 to 或 advance_seconds 之一', 'give exactly one of to or advance_seconds', { field: 'to' }));
      }
      const to = req.body.to ? parseInstant(req.body.to)! : now + req.body.advance_seconds! * 1000;
      const r = await engine.advanceSandbox(shop, to);
      if ('ok' in r) return send(req, reply, r);
      return { shop, now: formatInstant(r.now, tz), fired: r.fired };
    },
  );
}
