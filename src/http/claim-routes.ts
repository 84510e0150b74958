// The claims API (SPEC §13, pack amazon-us): the buyer of an order files an A-to-z Guarantee claim,
// the seller a SAFE-T claim on a refunded return; the seller responds and appeals, the platform
// rules. Tenancy as everywhere: what the caller may not see does not exist (404).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CLAIM_ARGS, CLAIM_FOLLOW_UPS, toClaimCommand } from '../app/claims/schemas.ts';
import { claimDetail, claimRow } from '../app/claims/views.ts';
import type { Engine } from '../app/engine.ts';
import { actorOf, type Principal } from '../app/principal.ts';
import type { ClaimCommand } from '../domain/claim/commands.ts';
import type { ClaimState } from '../domain/claim/types.ts';
import { refuse, type Refusal } from '../domain/errors.ts';
import type { Policy } from '../domain/policy.ts';
import type { Instant } from '../domain/types.ts';
import { CLAIM_KINDS, CLAIM_STATUSES, ClaimDetail, ClaimPage, ErrorBody } from '../contract/index.ts';
import { language } from './errors.ts';
import { idParam } from './input.ts';

type Send = (req: FastifyRequest, reply: FastifyReply, r: Refusal) => FastifyReply;

const notFound = (what: string) => refuse('not_found', what, '资源不存在', `no such ${what}`, { resource: what });
const commaList = (allowed: readonly string[]) =>
  z
    .string()
    .max(300)
    .optional()
    .refine((s) => s === undefined || s.split(',').every((x) => allowed.includes(x)), `among ${allowed.join(', ')}, comma-separated`);

export function claimRoutes(raw: FastifyInstance, engine: Engine, tz: string, send: Send): void {
  const app = raw.withTypeProvider<ZodTypeProvider>();
  const lang = (req: FastifyRequest) => language(req.headers['accept-language']);

  async function detail(req: FastifyRequest, c: ClaimState, p: Principal, after?: { policy: Policy; at: Instant }) {
    const inputs = await engine.claimDetailInputs(p, c, after);
    return inputs ? claimDetail(inputs, actorOf(p), lang(req), tz) : null;
  }

  // SPEC §13: the buyer files `atoz_claim`, the seller `safet_claim`, on an order they can see.
  for (const [path, name] of [
    ['atoz-claims', 'atoz_claim'],
    ['safet-claims', 'safet_claim'],
  ] as const) {
    app.post(
      `/v1/shops/:shop/orders/:order/${path}`,
      {
        schema: {
          params: z.object({ shop: idParam, order: idParam }),
          body: CLAIM_ARGS[name].extend({ id: idParam.optional() }),
          tags: ['claims'],
          response: { 201: ClaimDetail, '4xx': ErrorBody },
        },
      },
      async (req, reply) => {
        const { shop, order } = req.params;
        const { id, ...args } = req.body as { id?: string } & Record<string, unknown>;
        const p = req.principal;
        if (!(await engine.orderFor(p, shop, order))) return send(req, reply, notFound('order'));
        const body = toClaimCommand(name, args);
        if ('ok' in body) return send(req, reply, body);
        const claimId = id ?? `Z${engine.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`.toUpperCase();
        const r = await engine.claimCommand({ ...body, claimId, actor: actorOf(p) } as ClaimCommand, { shopId: shop, orderId: order });
        if (!r.ok) return send(req, reply, r);
        const d = await detail(req, r.claim, p, r);
        return d ? reply.status(201).send(d) : send(req, reply, notFound('claim'));
      },
    );
  }

  // The claims queue: the platform's all, a shop's its own, a buyer's their own.
  app.get(
    '/v1/claims',
    {
      schema: {
        tags: ['claims'],
        querystring: z
          .object({
            kind: commaList(CLAIM_KINDS),
            status: commaList(CLAIM_STATUSES),
            shop: idParam.optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            cursor: z.string().max(300).optional(),
          })
          .strict(),
        response: { 200: ClaimPage, '4xx': ErrorBody },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const page = await engine.listClaims(req.principal, { shop: q.shop, kinds: q.kind?.split(','), statuses: q.status?.split(','), limit: q.limit, cursor: q.cursor });
      if ('ok' in page) return send(req, reply, page);
      return { data: page.claims.map((c) => claimRow(c, lang(req), tz)), next_cursor: page.nextCursor };
    },
  );

  app.get('/v1/claims/:claim', { schema: { params: z.object({ claim: idParam }), tags: ['claims'], response: { 200: ClaimDetail, '4xx': ErrorBody } } }, async (req, reply) => {
    const c = await engine.claimFor(req.principal, req.params.claim);
    if (!c) return send(req, reply, notFound('claim'));
    return (await detail(req, c, req.principal)) ?? send(req, reply, notFound('claim'));
  });

  for (const name of CLAIM_FOLLOW_UPS) {
    app.post(
      `/v1/claims/:claim/${name}`,
      {
        schema: {
          params: z.object({ claim: idParam }),
          body: (CLAIM_ARGS[name] as z.ZodType).optional(),
          tags: ['claims'],
          response: { 200: ClaimDetail, '4xx': ErrorBody },
        },
      },
      async (req, reply) => {
        const p = req.principal;
        const c = await engine.claimFor(p, req.params.claim);
        if (!c) return send(req, reply, notFound('claim'));
        const body = toClaimCommand(name, req.body ?? {});
        if ('ok' in body) return send(req, reply, body);
        const r = await engine.claimCommand({ ...body, claimId: c.id, actor: actorOf(p) } as ClaimCommand, { shopId: c.shopId });
        if (!r.ok) return send(req, reply, r);
        return (await detail(req, r.claim, p, r)) ?? send(req, reply, notFound('claim'));
      },
    );
  }
}
