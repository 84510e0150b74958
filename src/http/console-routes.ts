// What the web console needs beyond the case API: who the caller is (/v1/me), order lists for the
// buyer portal, shops with their policy in force, the demo identities of the sign-in page, and the
// built console itself at / (any other non-API page answers index.html: the console routes itself).
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Engine } from '../app/engine.ts';
import { builtinPacks } from '../app/packs.ts';
import { parseInstant } from '../domain/calendar.ts';
import { refuse, type Refusal } from '../domain/errors.ts';
import { describeValue, PARAM_NAMES, resolvePolicy, versionAt } from '../domain/policy.ts';
import { parseOverrides } from '../domain/policy-schema.ts';
import type { CaseState, OrderState } from '../domain/state.ts';
import { ORDER_STATUSES } from '../domain/types.ts';
import { orderDetail } from './case-detail.ts';
import { ID_PATTERN, idParam } from './input.ts';
import { ErrorBody, Me, OrderPage, ShopList, ShopPolicy } from '../contract/index.ts';
import { looselyTyped } from './reply-schema.ts';

type Send = (req: FastifyRequest, reply: FastifyReply, r: Refusal) => FastifyReply;

export interface DemoIdentity {
  role: 'platform' | 'shop' | 'buyer';
  id: string;
  name: string;
  pack?: string;
  token: string;
}

export interface ConsoleOptions {
  /** The built console (dist/console); not served when absent or not built. */
  dir?: string;
  /** Demo only: the identities the sign-in page offers (credentials, so never in production). */
  demoIdentities?: () => DemoIdentity[];
}

export async function consoleRoutes(raw: FastifyInstance, engine: Engine, tz: string, send: Send, opts: ConsoleOptions): Promise<void> {
  const app = raw.withTypeProvider<ZodTypeProvider>();
  const notFound = (what: string) => refuse('not_found', what, '资源不存在', `no such ${what}`, { resource: what });

  app.get('/v1/me', { schema: { tags: ['auth'], response: { 200: looselyTyped(Me), '4xx': ErrorBody } } }, async (req) => {
    const p = req.principal;
    return p.kind === 'platform' ? { kind: 'platform' } : p.kind === 'shop' ? { kind: 'shop', shop: p.shopId } : { kind: 'buyer', buyer: p.buyerId };
  });

  // Orders, most recently changed first: a buyer's own, a shop's own, or any for the platform.
  app.get(
    '/v1/orders',
    {
      schema: {
        tags: ['orders'],
        querystring: z
          .object({
            shop: idParam.optional(),
            buyer: idParam.optional(),
            status: z.enum(ORDER_STATUSES).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            cursor: z.string().max(300).optional(),
          })
          .strict(),
        response: { 200: OrderPage, '4xx': ErrorBody },
      },
    },
    async (req, reply) => {
      const p = req.principal;
      const f = req.query;
      const where: string[] = [];
      const params: unknown[] = [];
      const add = (sql: string, v: unknown) => where.push(sql.replace('?', `$${params.push(v)}`));
      if (p.kind === 'shop') add('shop_id = ?', p.shopId);
      if (p.kind === 'buyer') add('buyer_id = ?', p.buyerId);
      if (f.shop) add('shop_id = ?', f.shop);
      if (f.buyer) add('buyer_id = ?', f.buyer);
      if (f.status) add('status = ?', f.status);
      if (f.cursor) {
        let c: [string, string, string];
        try {
          c = JSON.parse(Buffer.from(f.cursor, 'base64url').toString('utf8'));
          // parseInstant, not Date.parse: years 0 or +275760 parse in JavaScript but not in the database.
          if (!Array.isArray(c) || c.length !== 3 || !c.every((x) => typeof x === 'string') || parseInstant(c[0]) === null || !ID_PATTERN.test(c[1]) || !ID_PATTERN.test(c[2])) {
            throw new Error();
          }
        } catch {
          return send(req, reply, refuse('validation', 'cursor', '分页游标无效', 'invalid cursor', { field: 'cursor' }));
        }
        where.push(`(updated_at, shop_id, order_id) < ($${params.push(c[0])}::timestamptz, $${params.push(c[1])}, $${params.push(c[2])})`);
      }
      const r = await engine.db.query<{ state: OrderState; updated_at: Date | string }>(
        `SELECT state, updated_at FROM orders ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY updated_at DESC, shop_id DESC, order_id DESC LIMIT ${f.limit + 1}`,
        params,
      );
      const page = r.rows.slice(0, f.limit);
      // The cases of the page's orders in one query (each order's shard key is its shop).
      const cases = page.length
        ? await engine.db.query<{ state: CaseState }>(
            `SELECT state FROM cases WHERE (shop_id, order_id) IN (${page.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(', ')}) ORDER BY applied_at`,
            page.flatMap((x) => [x.state.shopId, x.state.id]),
          )
        : { rows: [] };
      const last = page.at(-1);
      return {
        data: page.map((x) => orderDetail(x.state, cases.rows.map((c) => c.state).filter((c) => c.shopId === x.state.shopId && c.orderId === x.state.id), tz)),
        next_cursor: r.rows.length > f.limit && last ? Buffer.from(JSON.stringify([new Date(last.updated_at).toISOString(), last.state.shopId, last.state.id])).toString('base64url') : null,
      };
    },
  );

  const shopRows = (shop?: string) =>
    engine.db.query<{ shop_id: string; category: string; policy_pack: string; overrides: Record<string, unknown> }>(
      `SELECT shop_id, category, policy_pack, overrides FROM shops ${shop ? 'WHERE shop_id = $1' : ''} ORDER BY shop_id`,
      shop ? [shop] : [],
    );

  app.get('/v1/shops', { schema: { tags: ['policy'], response: { 200: ShopList, '4xx': ErrorBody } } }, async (req, reply) => {
    const p = req.principal;
    if (p.kind === 'buyer') return send(req, reply, refuse('forbidden', 'shops', '买家不能列出店铺', 'buyers cannot list shops', {}));
    const r = await shopRows(p.kind === 'shop' ? p.shopId : undefined);
    return { data: r.rows.map((s) => ({ id: s.shop_id, category: s.category, pack: s.policy_pack, overrides: s.overrides })) };
  });

  // The policy in force for a shop: every parameter with the pack's value and source, and the
  // shop's override where it has one (SPEC §9).
  app.get('/v1/shops/:shop/policy', { schema: { tags: ['policy'], params: z.object({ shop: idParam }), response: { 200: ShopPolicy, '4xx': ErrorBody } } }, async (req, reply) => {
    const p = req.principal;
    const { shop } = req.params;
    if (p.kind === 'buyer' || (p.kind === 'shop' && p.shopId !== shop)) return send(req, reply, notFound('shop'));
    const row = (await shopRows(shop)).rows[0];
    const pack = row && builtinPacks().get(row.policy_pack);
    if (!row || !pack) return send(req, reply, notFound('shop'));
    const overrides = parseOverrides(row.overrides);
    if ('ok' in overrides) return send(req, reply, overrides);
    const now = Date.now();
    const v = versionAt(pack, now);
    const inForce = resolvePolicy(pack, now, overrides);
    return {
      shop,
      pack: pack.id,
      pack_name: pack.name,
      category: row.category,
      version: v.version,
      overrides: row.overrides,
      parameters: PARAM_NAMES.map((n) => ({
        name: n,
        pack_value: describeValue(v.params[n]),
        value: describeValue(inForce.params[n]),
        overridden: n in overrides,
        source: v.sources[n] ?? null,
      })),
    };
  });

  if (opts.demoIdentities) {
    const identities = opts.demoIdentities;
    app.get('/demo/identities', { schema: { hide: true } }, async () => ({ data: identities() }));
  }

  const dir = opts.dir;
  if (dir && existsSync(join(dir, 'index.html'))) {
    await raw.register(fastifyStatic, { root: dir, prefix: '/', index: ['index.html'], maxAge: 0 });
  }
}

/** A request the console answers with its index.html: a GET for a page, not the API. */
export const isConsolePage = (req: FastifyRequest) =>
  (req.method === 'GET' || req.method === 'HEAD') && !req.url.startsWith('/v1/') && !req.url.startsWith('/demo/') && (req.headers.accept ?? '').includes('text/html');
