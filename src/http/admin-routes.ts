// Routes around the case: the case queue (filters, cursor pagination), API keys and buyer tokens,
// shop policy overrides, webhook endpoints and the events feed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from './input.ts';
import { caseFilterOf, caseFilterQuery } from './case-list-query.ts';
import type { Engine } from '../app/engine.ts';
import { caseView } from '../app/views.ts';
import { formatInstant } from '../domain/calendar.ts';
import { refuse, type Refusal } from '../domain/errors.ts';
import { PLATFORM } from '../store/outbox.ts';
import { iso } from '../store/time.ts';
import { canSee, SCOPES } from '../app/principal.ts';
import { ApiKeyCreated, BuyerToken, CasePage, Eligibility, ErrorBody, EventsFeed, NoContent, ShopPolicySet, WebhookEndpointCreated, WebhookEndpoints } from '../contract/index.ts';

type Send = (req: FastifyRequest, reply: FastifyReply, r: Refusal) => FastifyReply;

const platformOnly = refuse('forbidden', 'platform_only', '仅平台可操作', 'only the platform may do this', {});

export function adminRoutes(raw: FastifyInstance, engine: Engine, tokenSecret: string, tz: string, send: Send): void {
  const app = raw.withTypeProvider<ZodTypeProvider>();

  // The queue: newest first, or nearest deadline first (the merchant workbench).
  app.get(
    '/v1/cases',
    {
      schema: {
        tags: ['cases'],
        querystring: z
          .object({
            ...caseFilterQuery,
            limit: z.coerce.number().int().min(1).max(200).default(50),
            cursor: z.string().max(200).optional(),
          })
          .strict(),
        response: { 200: CasePage, '4xx': ErrorBody },
      },
    },
    async (req, reply) => {
      const f = req.query;
      // Tenancy is the engine's (a shop sees its shop, a buyer their own cases, whatever the filters say).
      const page = await engine.listCases(req.principal, { ...caseFilterOf(f), limit: f.limit, cursor: f.cursor });
      if ('ok' in page) return send(req, reply, page);
      return {
        data: page.cases.map((c) => ({ ...caseView(c, tz, page.currencies.get(c.shopId) ?? 'CNY'), applied_at: formatInstant(c.appliedAt, tz), products: page.products.get(c.id) ?? [] })),
        next_cursor: page.nextCursor,
      };
    },
  );

  app.get(
    '/v1/shops/:shop/orders/:order/eligibility',
    { schema: { tags: ['orders'], params: z.object({ shop: idParam, order: idParam }), response: { 200: Eligibility, '4xx': ErrorBody } } },
    async (req, reply) => {
      const { shop, order } = req.params;
      // On the shop's clock (a sandbox's test clock), with the engine's packs.
      const items = await engine.eligibility(req.principal, shop, order);
      if (!items) return send(req, reply, refuse('not_found', 'order', '订单不存在', 'no such order', {}));
      const lang = (req.headers['accept-language'] ?? '').toLowerCase().startsWith('en') ? 'en' : 'zh';
      return {
        order,
        options: items.map((i) => ({
          type: i.type,
          reason: i.reason,
          eligible: i.eligible,
          until: i.until === null ? null : formatInstant(i.until, tz),
          refusal: i.refusal ? { code: i.refusal.code, message: i.refusal.message[lang], details: i.refusal.details } : null,
        })),
      };
    },
  );

  app.post(
    '/v1/api-keys',
    { schema: { tags: ['auth'], body: z.object({ shop: idParam, label: z.string().max(100).default(''), scopes: z.array(z.enum(SCOPES)).min(1).default([...SCOPES]) }).strict(), response: { 201: ApiKeyCreated, '4xx': ErrorBody } } },
    async (req, reply) => {
      if (req.principal.kind !== 'platform') return send(req, reply, platformOnly);
      const key = await engine.createKey(req.body.shop, req.body.label, req.body.scopes);
      // Shown once: only its hash is kept.
      return reply.status(201).send({ shop: req.body.shop, key, key_id: key.split('_')[1]!, scopes: req.body.scopes });
    },
  );

  app.delete('/v1/api-keys/:shop/:key_id', { schema: { tags: ['auth'], params: z.object({ shop: idParam, key_id: idParam }), response: { 204: NoContent, '4xx': ErrorBody } } }, async (req, reply) => {
    if (!canSee(req.principal, { shopId: req.params.shop })) return send(req, reply, platformOnly);
    const done = await engine.revokeKey(req.params.shop, req.params.key_id);
    return done ? reply.status(204).send() : send(req, reply, refuse('not_found', 'api_key', '密钥不存在', 'no such key', {}));
  });

  app.post(
    '/v1/buyer-tokens',
    { schema: { tags: ['auth'], body: z.object({ buyer: idParam, ttl_seconds: z.number().int().min(60).max(30 * 86_400).default(86_400) }).strict(), response: { 201: BuyerToken, '4xx': ErrorBody } } },
    async (req, reply) => {
      if (req.principal.kind !== 'platform') return send(req, reply, platformOnly);
      const { token, expiresAt } = engine.buyerToken(tokenSecret, req.body.buyer, req.body.ttl_seconds * 1000);
      return reply.status(201).send({ buyer: req.body.buyer, token, expires_at: iso(expiresAt) });
    },
  );

  // SPEC §9: a shop may override a parameter only towards the buyer (policy_violation otherwise).
  app.put(
    '/v1/shops/:shop/policy',
    { schema: { tags: ['policy'], params: z.object({ shop: idParam }), body: z.object({ pack: idParam, category: z.string().max(64).default('general'), overrides: z.record(z.string(), z.unknown()).default({}) }).strict(), response: { 200: ShopPolicySet, '4xx': ErrorBody } } },
    async (req, reply) => {
      const { shop } = req.params;
      if (!canSee(req.principal, { shopId: shop })) return send(req, reply, refuse('forbidden', 'shop', '不能修改其他店铺', 'not your shop', {}));
      const r = await engine.upsertShop({ id: shop, pack: req.body.pack, category: req.body.category, overrides: req.body.overrides });
      if (!r.ok) return send(req, reply, r);
      return { shop, pack: req.body.pack, overrides: req.body.overrides };
    },
  );

  app.post(
    '/v1/webhook-endpoints',
    { schema: { tags: ['webhooks'], body: z.object({ shop: idParam, id: idParam, url: z.string().url().max(500).regex(/^https?:\/\//), secret: z.string().min(16).max(200), max_attempts: z.number().int().min(1).max(20).default(8) }).strict(), response: { 201: WebhookEndpointCreated, '4xx': ErrorBody } } },
    async (req, reply) => {
      const b = req.body;
      const allowed = req.principal.kind === 'platform' || (req.principal.kind === 'shop' && req.principal.shopId === b.shop && b.shop !== PLATFORM);
      if (!allowed) return send(req, reply, refuse('forbidden', 'shop', '不能为其他店铺注册回调', 'not your shop', {}));
      const refused = await engine.addWebhookEndpoint({ shopId: b.shop, endpointId: b.id, url: b.url, secret: b.secret, maxAttempts: b.max_attempts });
      if (refused) return send(req, reply, refused);
      return reply.status(201).send({ shop: b.shop, id: b.id, url: b.url, max_attempts: b.max_attempts });
    },
  );

  app.get('/v1/webhook-endpoints', { schema: { tags: ['webhooks'], querystring: z.object({ shop: idParam.optional() }).strict(), response: { 200: WebhookEndpoints, '4xx': ErrorBody } } }, async (req, reply) => {
    const p = req.principal;
    if (p.kind === 'buyer') return send(req, reply, refuse('forbidden', 'webhooks', '买家不能管理回调', 'buyers have no webhook endpoints', {}));
    const shop = p.kind === 'shop' ? p.shopId : (req.query.shop ?? null);
    // Secrets are never shown again.
    const rows = await engine.webhookEndpoints(shop);
    return { data: rows.map((x) => ({ shop: x.shopId, id: x.endpointId, url: x.url, active: x.active, max_attempts: x.maxAttempts })) };
  });

  app.delete('/v1/webhook-endpoints/:shop/:id', { schema: { tags: ['webhooks'], params: z.object({ shop: idParam, id: idParam }), response: { 204: NoContent, '4xx': ErrorBody } } }, async (req, reply) => {
    const { shop, id } = req.params;
    const p = req.principal;
    if (!canSee(p, { shopId: shop })) return send(req, reply, refuse('not_found', 'webhook_endpoint', '回调不存在', 'no such endpoint', {}));
    // Deactivated, not deleted: its past deliveries keep their endpoint.
    return (await engine.deactivateWebhookEndpoint(shop, id)) ? reply.status(204).send() : send(req, reply, refuse('not_found', 'webhook_endpoint', '回调不存在', 'no such endpoint', {}));
  });

  // The events feed: what webhooks deliver, for pulling instead.
  app.get(
    '/v1/events',
    { schema: { tags: ['webhooks'], querystring: z.object({ after: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(500).default(100), shop: idParam.optional() }).strict(), response: { 200: EventsFeed, '4xx': ErrorBody } } },
    async (req, reply) => {
      const p = req.principal;
      if (p.kind === 'buyer') return send(req, reply, refuse('forbidden', 'events', '买家不能读取事件流', 'buyers cannot read the events feed', {}));
      const shop = p.kind === 'shop' ? p.shopId : req.query.shop;
      const rows = await engine.eventsFeed(req.query.after, req.query.limit, shop);
      return { data: rows.map((r) => ({ id: r.id, shop: r.shopId, stream: r.streamId, type: r.type, created_at: iso(r.createdAt), data: r.payload as Record<string, unknown> })), next_after: rows.at(-1)?.id ?? req.query.after };
    },
  );
}
