// The audit trail over HTTP (issue 19 item 5). Every platform action and every admin action of
// any caller (keys, webhook endpoints, policy overrides, return address, sandbox clocks) that
// succeeded is recorded with the principal, the key id, the client address and the instant — by
// route pattern, so routes added later (service desk, automation, ...) are recorded too. Written
// before the answer is sent; request bodies are kept with their secrets redacted.
// GET /v1/audit: the platform reads it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalName } from '../app/audit-trail.ts';
import type { Engine } from '../app/engine.ts';
import type { Refusal } from '../domain/errors.ts';
import { formatInstant } from '../domain/calendar.ts';
import { AuditPage, ErrorBody } from '../contract/index.ts';

type Send = (req: FastifyRequest, reply: FastifyReply, r: Refusal) => FastifyReply;

/** Admin routes: audited whoever calls them (a shop managing its keys, hooks, policy, sandbox). */
const ADMIN = /^\/v1\/(api-keys|webhook-endpoints|buyer-tokens|sandbox)(\/|$)|^\/v1\/shops\/:shop\/(policy|return-address)$/;
const SECRET_FIELD = /secret|token|password|key$/i;
const MAX_DETAILS = 4000;

function redacted(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  return Object.fromEntries(Object.entries(body as Record<string, unknown>).map(([k, v]) => [k, SECRET_FIELD.test(k) ? '[redacted]' : v]));
}

/** The key id of an API key credential (`sk_<id>_…`, `pk_<id>_…`); null for a buyer token. */
export const keyIdOf = (authorization: string | undefined) => /^Bearer (?:sk|pk)_([0-9a-f]+)_/.exec(authorization ?? '')?.[1] ?? null;

export function auditRoutes(raw: FastifyInstance, engine: Engine, tz: string, send: Send): void {
  const app = raw.withTypeProvider<ZodTypeProvider>();

  app.addHook('onSend', async (req, reply, payload) => {
    const route = req.routeOptions.url ?? '';
    if (!req.principal || ['GET', 'HEAD', 'OPTIONS'].includes(req.method) || reply.statusCode >= 400 || !route.startsWith('/v1/')) return payload;
    if (req.principal.kind !== 'platform' && !ADMIN.test(route)) return payload;
    const params = (req.params ?? {}) as Record<string, string>;
    const body = redacted(req.body);
    const shop = params.shop ?? (body && typeof body === 'object' && typeof (body as { shop?: unknown }).shop === 'string' ? (body as { shop: string }).shop : '_platform');
    let details: Record<string, unknown> = { status: reply.statusCode, params, body: body ?? null };
    if (JSON.stringify(details).length > MAX_DETAILS) details = { status: reply.statusCode, params, body: '[too large to keep]' };
    await engine.recordAction({
      shopId: shop,
      principal: principalName(req.principal),
      keyId: keyIdOf(req.headers.authorization),
      address: req.ip,
      action: `${req.method} ${route}`,
      target: req.url.split('?')[0]!,
      details,
    });
    return payload;
  });

  app.get(
    '/v1/audit',
    { schema: { tags: ['audit'], querystring: z.object({ after: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(500).default(100) }).strict(), response: { 200: AuditPage, '4xx': ErrorBody } } },
    async (req, reply) => {
      const rows = await engine.auditTrail(req.principal, req.query.after, req.query.limit);
      if ('ok' in rows) return send(req, reply, rows);
      return {
        data: rows.map((r) => ({ seq: r.seq, at: formatInstant(r.at, tz), shop: r.shopId, principal: r.principal, key_id: r.keyId, address: r.address, action: r.action, target: r.target, details: r.details, prev_hash: r.prevHash, hash: r.hash })),
        next_after: rows.length === req.query.limit ? rows.at(-1)!.seq : null,
      };
    },
  );
}
