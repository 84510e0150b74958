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
import type { DemoIdentity } from '../app/demo-identities.ts';
import { refuse, type Refusal } from '../domain/errors.ts';
import { describeValue, PARAM_NAMES } from '../domain/policy.ts';
import { ORDER_STATUSES } from '../domain/types.ts';
import { orderDetail } from './case-detail.ts';
import { idParam } from './input.ts';
import { ErrorBody, Me, OrderPage, ShopList, ShopPolicy, ShopReturnAddress } from '../contract/index.ts';

type Send = (req: FastifyRequest, reply: FastifyReply, r: Refusal) => FastifyReply;

export type { DemoIdentity };

export interface ConsoleOptions {
  /** The built console (dist/console); not served when absent or not built. */
  dir?: string;
  /** Demo only: the identities the sign-in page offers (credentials, so never in production). */
  demoIdentities?: () => DemoIdentity[];
}

export async function consoleRoutes(raw: FastifyInstance, engine: Engine, tz: string, send: Send, opts: ConsoleOptions): Promise<void> {
  const app = raw.withTypeProvider<ZodTypeProvider>();
  const notFound = (what: string) => refuse('not_found', what, '资源不存在', `no such ${what}`, { resource: what });

  app.get('/v1/me', { schema: { tags: ['auth'], response: { 200: Me, '4xx': ErrorBody } } }, async (req) => {
    const p = req.principal;
    if (p.kind === 'platform') return { kind: 'platform' as const };
    if (p.kind === 'buyer') return { kind: 'buyer' as const, buyer: p.buyerId };
    // SPEC §13: the console formats money, dates and picks its first language by the shop's market.
    const m = await engine.shopMarket(p.shopId);
    return { kind: 'shop' as const, shop: p.shopId, currency: m?.currency ?? ('CNY' as const), time_zone: m?.timeZone ?? tz };
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
            sort: z.enum(['changed', 'placed']).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            cursor: z.string().max(300).optional(),
          })
          .strict(),
        response: { 200: OrderPage, '4xx': ErrorBody },
      },
    },
    async (req, reply) => {
      const f = req.query;
      const page = await engine.listOrders(req.principal, { shop: f.shop, buyer: f.buyer, status: f.status, sort: f.sort, limit: f.limit, cursor: f.cursor });
      if ('ok' in page) return send(req, reply, page);
      return { data: page.orders.map((x) => orderDetail(x.order, x.cases, tz, page.shopNames.get(x.order.shopId) ?? null)), next_cursor: page.nextCursor };
    },
  );

  app.get('/v1/shops', { schema: { tags: ['policy'], response: { 200: ShopList, '4xx': ErrorBody } } }, async (req, reply) => {
    const p = req.principal;
    if (p.kind === 'buyer') return send(req, reply, refuse('forbidden', 'shops', '买家不能列出店铺', 'buyers cannot list shops', {}));
    const shops = await engine.shopsFor(p);
    return { data: shops.map((s) => ({ id: s.shopId, category: s.category, pack: s.pack, currency: s.currency, overrides: s.overrides, return_address: s.returnAddress, name: s.name })) };
  });

  // The address a shop takes goods back at: an agree that names none uses it (SPEC §4). The
  // platform or the shop itself; another shop's key is told there is no such shop.
  app.put(
    '/v1/shops/:shop/return-address',
    { schema: { tags: ['policy'], params: z.object({ shop: idParam }), body: z.object({ return_address: z.string().max(2000) }).strict(), response: { 200: ShopReturnAddress, '4xx': ErrorBody } } },
    async (req, reply) => {
      const r = await engine.setReturnAddress(req.principal, req.params.shop, req.body.return_address);
      return 'ok' in r ? send(req, reply, r) : r;
    },
  );

  // The policy in force for a shop: every parameter with the pack's value and source, and the
  // shop's override where it has one (SPEC §9).
  app.get('/v1/shops/:shop/policy', { schema: { tags: ['policy'], params: z.object({ shop: idParam }), response: { 200: ShopPolicy, '4xx': ErrorBody } } }, async (req, reply) => {
    const { shop } = req.params;
    // On the shop's clock (a sandbox's test clock), with the engine's packs.
    const found = await engine.shopPolicyInForce(req.principal, shop);
    if (!found) return send(req, reply, notFound('shop'));
    if ('ok' in found) return send(req, reply, found);
    const { shop: row, pack, version: v, inForce, overridden: overrides } = found;
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
