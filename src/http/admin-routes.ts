// Routes around the case: the case queue (filters, cursor pagination), API keys and buyer tokens,
// shop policy overrides, webhook endpoints and the events feed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ID_PATTERN, idParam } from './input.ts';
import type { Engine } from '../app/engine.ts';
import { caseView } from '../app/views.ts';
import { formatInstant, parseInstant } from '../domain/calendar.ts';
import { refuse, type Refusal } from '../domain/errors.ts';
import type { CaseState } from '../domain/state.ts';
import { CASE_STATUSES, CASE_TYPES, PHASES, REASONS } from '../domain/types.ts';
import { addEndpoint, PLATFORM, readOutbox } from '../store/outbox.ts';
import { iso } from '../store/time.ts';
import { createApiKey, issueBuyerToken, revokeApiKey, SCOPES, type Principal } from './auth.ts';
import { ApiKeyCreated, BuyerToken, CasePage, Eligibility, ErrorBody, EventsFeed, NoContent, ShopPolicySet, WebhookEndpointCreated, WebhookEndpoints } from '../contract/index.ts';
import { looselyTyped } from './reply-schema.ts';

type Send = (req: FastifyRequest, reply: FastifyReply, r: Refusal) => FastifyReply;

const instant = z.string().refine((s) => parseInstant(s) !== null, 'an ISO-8601 instant with an offset');
const platformOnly = refuse('forbidden', 'platform_only', '仅平台可操作', 'only the platform may do this', {});

export function adminRoutes(raw: FastifyInstance, engine: Engine, tokenSecret: string, tz: string, send: Send): void {
  const app = raw.withTypeProvider<ZodTypeProvider>();
  const mayManageShop = (p: Principal, shop: string) => p.kind === 'platform' || (p.kind === 'shop' && p.shopId === shop);

  // The queue: newest first, or nearest deadline first (the merchant workbench).
  app.get(
    '/v1/cases',
    {
      schema: {
        tags: ['cases'],
        querystring: z
          .object({
            shop: idParam.optional(),
            buyer: idParam.optional(),
            // One status or several, comma-separated (the workbench's "open" = every status but completed/closed).
            status: z
              .string()
              .max(300)
              .refine((v) => v.split(',').every((x) => (CASE_STATUSES as readonly string[]).includes(x)), `case statuses separated by commas: ${CASE_STATUSES.join(', ')}`)
              .optional(),
            type: z.enum(CASE_TYPES).optional(),
            reason: z.enum(REASONS).optional(),
            phase: z.enum(PHASES).optional(),
            deadline_before: instant.optional(),
            deadline_after: instant.optional(),
            q: z.string().max(64).optional(),
            sort: z.enum(['applied', 'deadline']).default('applied'),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            cursor: z.string().max(200).optional(),
          })
          .strict(),
        response: { 200: CasePage, '4xx': ErrorBody },
      },
    },
    async (req, reply) => {
      const f = req.query;
      const p = req.principal;
      const where: string[] = [];
      const params: unknown[] = [];
      const add = (sql: string, v: unknown) => where.push(sql.replace('?', `$${params.push(v)}`));
      // Tenancy first: a shop sees its shop, a buyer their own cases, whatever the filters say.
      if (p.kind === 'shop') add('shop_id = ?', p.shopId);
      if (p.kind === 'buyer') add('buyer_id = ?', p.buyerId);
      if (f.shop) add('shop_id = ?', f.shop);
      if (f.buyer) add('buyer_id = ?', f.buyer);
      if (f.status) add('status = ANY(?::text[])', f.status.split(','));
      if (f.type) add('type = ?', f.type);
      if (f.reason) add('reason = ?', f.reason);
      if (f.phase) add('phase = ?', f.phase);
      if (f.deadline_before) add('deadline_due < ?', new Date(parseInstant(f.deadline_before)!).toISOString());
      if (f.deadline_after) add('deadline_due >= ?', new Date(parseInstant(f.deadline_after)!).toISOString());
      if (f.q) {
        const i = params.push(`%${f.q.replace(/[%_\\]/g, '')}%`);
        where.push(`(case_id ILIKE $${i} OR order_id ILIKE $${i})`);
      }
      const byDeadline = f.sort === 'deadline';
      const key = byDeadline ? "coalesce(deadline_due, 'infinity'::timestamptz)" : 'applied_at';
      if (f.cursor) {
        let c: [string, string];
        try {
          c = JSON.parse(Buffer.from(f.cursor, 'base64url').toString('utf8'));
          if (!Array.isArray(c) || c.length !== 2 || typeof c[1] !== 'string' || typeof c[0] !== 'string') throw new Error();
          if (!ID_PATTERN.test(c[1]) || (c[0] !== 'infinity' && parseInstant(c[0]) === null)) throw new Error();
        } catch {
          return send(req, reply, refuse('validation', 'cursor', '分页游标无效', 'invalid cursor', { field: 'cursor' }));
        }
        where.push(`(${key}, case_id) ${byDeadline ? '>' : '<'} ($${params.push(c[0])}::timestamptz, $${params.push(c[1])})`);
      }
      const r = await engine.db.query<{ state: CaseState; k: Date; case_id: string }>(
        `SELECT state, ${key} AS k, case_id FROM cases ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY ${key} ${byDeadline ? 'ASC' : 'DESC'}, case_id ${byDeadline ? 'ASC' : 'DESC'} LIMIT ${f.limit + 1}`,
        params,
      );
      const page = r.rows.slice(0, f.limit);
      const last = page.at(-1);
      return {
        data: page.map((x) => ({ ...caseView(x.state, tz), applied_at: formatInstant(x.state.appliedAt, tz) })),
        next_cursor:
          r.rows.length > f.limit && last ? Buffer.from(JSON.stringify([isFinite(new Date(last.k).getTime()) ? new Date(last.k).toISOString() : 'infinity', last.case_id])).toString('base64url') : null,
      };
    },
  );

  app.get(
    '/v1/shops/:shop/orders/:order/eligibility',
    { schema: { tags: ['orders'], params: z.object({ shop: idParam, order: idParam }), response: { 200: Eligibility, '4xx': ErrorBody } } },
    async (req, reply) => {
      const { shop, order } = req.params;
      const o = await engine.getOrder(shop, order);
      const p = req.principal;
      if (!o || !(mayManageShop(p, shop) || (p.kind === 'buyer' && p.buyerId === o.buyerId))) {
        return send(req, reply, refuse('not_found', 'order', '订单不存在', 'no such order', {}));
      }
      const lang = (req.headers['accept-language'] ?? '').toLowerCase().startsWith('en') ? 'en' : 'zh';
      const items = (await engine.preview(shop, order))!;
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
    { schema: { tags: ['auth'], body: z.object({ shop: idParam, label: z.string().max(100).default(''), scopes: z.array(z.enum(SCOPES)).min(1).default([...SCOPES]) }).strict(), response: { 201: looselyTyped(ApiKeyCreated), '4xx': ErrorBody } } },
    async (req, reply) => {
      if (req.principal.kind !== 'platform') return send(req, reply, platformOnly);
      const key = await createApiKey(engine.db, req.body.shop, req.body.label, Date.now(), req.body.scopes);
      // Shown once: only its hash is kept.
      return reply.status(201).send({ shop: req.body.shop, key, key_id: key.split('_')[1], scopes: req.body.scopes });
    },
  );

  app.delete('/v1/api-keys/:shop/:key_id', { schema: { tags: ['auth'], params: z.object({ shop: idParam, key_id: idParam }), response: { 204: NoContent, '4xx': ErrorBody } } }, async (req, reply) => {
    if (!mayManageShop(req.principal, req.params.shop)) return send(req, reply, platformOnly);
    const done = await revokeApiKey(engine.db, req.params.shop, req.params.key_id, Date.now());
    return done ? reply.status(204).send() : send(req, reply, refuse('not_found', 'api_key', '密钥不存在', 'no such key', {}));
  });

  app.post(
    '/v1/buyer-tokens',
    { schema: { tags: ['auth'], body: z.object({ buyer: idParam, ttl_seconds: z.number().int().min(60).max(30 * 86_400).default(86_400) }).strict(), response: { 201: BuyerToken, '4xx': ErrorBody } } },
    async (req, reply) => {
      if (req.principal.kind !== 'platform') return send(req, reply, platformOnly);
      const expires = Date.now() + req.body.ttl_seconds * 1000;
      return reply.status(201).send({ buyer: req.body.buyer, token: issueBuyerToken(tokenSecret, req.body.buyer, expires), expires_at: iso(expires) });
    },
  );

  // SPEC §9: a shop may override a parameter only towards the buyer (policy_violation otherwise).
  app.put(
    '/v1/shops/:shop/policy',
    { schema: { tags: ['policy'], params: z.object({ shop: idParam }), body: z.object({ pack: idParam, category: z.string().max(64).default('general'), overrides: z.record(z.string(), z.unknown()).default({}) }).strict(), response: { 200: ShopPolicySet, '4xx': ErrorBody } } },
    async (req, reply) => {
      const { shop } = req.params;
      if (!mayManageShop(req.principal, shop)) return send(req, reply, refuse('forbidden', 'shop', '不能修改其他店铺', 'not your shop', {}));
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
      await addEndpoint(engine.db, { shopId: b.shop, endpointId: b.id, url: b.url, secret: b.secret, maxAttempts: b.max_attempts }, Date.now());
      return reply.status(201).send({ shop: b.shop, id: b.id, url: b.url, max_attempts: b.max_attempts });
    },
  );

  app.get('/v1/webhook-endpoints', { schema: { tags: ['webhooks'], querystring: z.object({ shop: idParam.optional() }).strict(), response: { 200: WebhookEndpoints, '4xx': ErrorBody } } }, async (req, reply) => {
    const p = req.principal;
    if (p.kind === 'buyer') return send(req, reply, refuse('forbidden', 'webhooks', '买家不能管理回调', 'buyers have no webhook endpoints', {}));
    const shop = p.kind === 'shop' ? p.shopId : (req.query.shop ?? null);
    // Secrets are never shown again.
    const r = await engine.db.query<{ shop_id: string; endpoint_id: string; url: string; active: boolean; max_attempts: number }>(
      'SELECT shop_id, endpoint_id, url, active, max_attempts FROM webhook_endpoints WHERE ($1::text IS NULL OR shop_id = $1) ORDER BY shop_id, endpoint_id',
      [shop],
    );
    return { data: r.rows.map((x) => ({ shop: x.shop_id, id: x.endpoint_id, url: x.url, active: x.active, max_attempts: x.max_attempts })) };
  });

  app.delete('/v1/webhook-endpoints/:shop/:id', { schema: { tags: ['webhooks'], params: z.object({ shop: idParam, id: idParam }), response: { 204: NoContent, '4xx': ErrorBody } } }, async (req, reply) => {
    const { shop, id } = req.params;
    const p = req.principal;
    if (!(p.kind === 'platform' || (p.kind === 'shop' && p.shopId === shop))) return send(req, reply, refuse('not_found', 'webhook_endpoint', '回调不存在', 'no such endpoint', {}));
    // Deactivated, not deleted: its past deliveries keep their endpoint.
    const r = await engine.db.query('UPDATE webhook_endpoints SET active = false WHERE shop_id = $1 AND endpoint_id = $2 AND active', [shop, id]);
    return (r.affectedRows ?? 0) > 0 ? reply.status(204).send() : send(req, reply, refuse('not_found', 'webhook_endpoint', '回调不存在', 'no such endpoint', {}));
  });

  // The events feed: what webhooks deliver, for pulling instead.
  app.get(
    '/v1/events',
    { schema: { tags: ['webhooks'], querystring: z.object({ after: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(500).default(100), shop: idParam.optional() }).strict(), response: { 200: looselyTyped(EventsFeed), '4xx': ErrorBody } } },
    async (req, reply) => {
      const p = req.principal;
      if (p.kind === 'buyer') return send(req, reply, refuse('forbidden', 'events', '买家不能读取事件流', 'buyers cannot read the events feed', {}));
      const shop = p.kind === 'shop' ? p.shopId : req.query.shop;
      const rows = await readOutbox(engine.db, req.query.after, req.query.limit, shop);
      return { data: rows.map((r) => ({ id: r.id, shop: r.shopId, stream: r.streamId, type: r.type, created_at: iso(r.createdAt), data: r.payload })), next_after: rows.at(-1)?.id ?? req.query.after };
    },
  );
}
