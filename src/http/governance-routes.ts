// The governance API (SPEC §8.1–§8.3): rule complaints (a buyer files one on their order; the
// merchant answers and appeals; the platform rules), a shop's governance (points, sanctions, the
// deposit), its deposit ledger, top-ups and the platform's reopening of a closed shop. Tenancy as
// everywhere: what the caller may not see does not exist (404).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Engine } from '../app/engine.ts';
import { COMPLAINT_ARGS, COMPLAINT_FOLLOW_UPS, toComplaintCommand } from '../app/governance/schemas.ts';
import { complaintDetail, complaintRow, governanceView, ledgerView } from '../app/governance/views.ts';
import { actorOf, type Principal } from '../app/principal.ts';
import type { ComplaintCommand } from '../domain/complaint/commands.ts';
import { COMPLAINT_STATUSES, type ComplaintState } from '../domain/complaint/types.ts';
import { refuse, type Refusal } from '../domain/errors.ts';
import type { Policy } from '../domain/policy.ts';
import type { Instant } from '../domain/types.ts';
import { ComplaintDetail, ComplaintPage, DepositLedger, ErrorBody, ShopGovernance } from '../contract/index.ts';
import { language } from './errors.ts';
import { idParam } from './input.ts';

type Send = (req: FastifyRequest, reply: FastifyReply, r: Refusal) => FastifyReply;

const notFound = (what: string) => refuse('not_found', what, '资源不存在', `no such ${what}`, { resource: what });

export function governanceRoutes(raw: FastifyInstance, engine: Engine, tz: string, send: Send): void {
  const app = raw.withTypeProvider<ZodTypeProvider>();
  const lang = (req: FastifyRequest) => language(req.headers['accept-language']);

  /** A complaint's detail for the caller; after a command, with the policy and instant it was decided at. */
  async function detail(req: FastifyRequest, c: ComplaintState, p: Principal, after?: { policy: Policy; at: Instant }) {
    const inputs = await engine.complaintDetailInputs(p, c, after);
    return inputs ? complaintDetail(inputs, actorOf(p), lang(req), tz) : null;
  }

  async function governance(p: Principal, shop: string) {
    const g = await engine.shopGovernanceFor(p, shop);
    return g ? governanceView(g, tz) : null;
  }

  // SPEC §8.1: the buyer of an order files a rule complaint against its shop.
  app.post(
    '/v1/shops/:shop/orders/:order/complaints',
    {
      schema: {
        params: z.object({ shop: idParam, order: idParam }),
        body: COMPLAINT_ARGS.complain.extend({ id: idParam.optional() }),
        tags: ['complaints'],
        response: { 201: ComplaintDetail, '4xx': ErrorBody },
      },
    },
    async (req, reply) => {
      const { shop, order } = req.params;
      const { id, ...args } = req.body;
      const p = req.principal;
      if (!(await engine.orderFor(p, shop, order))) return send(req, reply, notFound('order'));
      const body = toComplaintCommand('complain', args);
      if ('ok' in body) return send(req, reply, body);
      const complaintId = id ?? `K${engine.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`.toUpperCase();
      const r = await engine.complaintCommand({ ...body, complaintId, actor: actorOf(p) } as ComplaintCommand, { shopId: shop, orderId: order });
      if (!r.ok) return send(req, reply, r);
      const d = await detail(req, r.complaint, p, r);
      return d ? reply.status(201).send(d) : send(req, reply, notFound('complaint'));
    },
  );

  // The complaint queue: the platform's all, a shop's its own, a buyer's their own.
  app.get(
    '/v1/complaints',
    {
      schema: {
        tags: ['complaints'],
        querystring: z
          .object({
            status: z
              .string()
              .max(300)
              .optional()
              .refine((s) => s === undefined || s.split(',').every((x) => (COMPLAINT_STATUSES as readonly string[]).includes(x)), `statuses among ${COMPLAINT_STATUSES.join(', ')}, comma-separated`),
            shop: idParam.optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            cursor: z.string().max(300).optional(),
          })
          .strict(),
        response: { 200: ComplaintPage, '4xx': ErrorBody },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const page = await engine.listComplaints(req.principal, { shop: q.shop, statuses: q.status?.split(','), limit: q.limit, cursor: q.cursor });
      if ('ok' in page) return send(req, reply, page);
      return { data: page.complaints.map((c) => complaintRow(c, lang(req), tz)), next_cursor: page.nextCursor };
    },
  );

  app.get(
    '/v1/complaints/:complaint',
    { schema: { params: z.object({ complaint: idParam }), tags: ['complaints'], response: { 200: ComplaintDetail, '4xx': ErrorBody } } },
    async (req, reply) => {
      const c = await engine.complaintFor(req.principal, req.params.complaint);
      if (!c) return send(req, reply, notFound('complaint'));
      return (await detail(req, c, req.principal)) ?? send(req, reply, notFound('complaint'));
    },
  );

  for (const name of COMPLAINT_FOLLOW_UPS) {
    app.post(
      `/v1/complaints/:complaint/${name}`,
      {
        schema: {
          params: z.object({ complaint: idParam }),
          body: (COMPLAINT_ARGS[name] as z.ZodType).optional(),
          tags: ['complaints'],
          response: { 200: ComplaintDetail, '4xx': ErrorBody },
        },
      },
      async (req, reply) => {
        const p = req.principal;
        const c = await engine.complaintFor(p, req.params.complaint);
        if (!c) return send(req, reply, notFound('complaint'));
        const body = toComplaintCommand(name, req.body ?? {});
        if ('ok' in body) return send(req, reply, body);
        const r = await engine.complaintCommand({ ...body, complaintId: c.id, actor: actorOf(p) } as ComplaintCommand, { shopId: c.shopId });
        if (!r.ok) return send(req, reply, r);
        return (await detail(req, r.complaint, p, r)) ?? send(req, reply, notFound('complaint'));
      },
    );
  }

  const shopParams = z.object({ shop: idParam });

  // SPEC §8.2–§8.3: the shop's points this year, sanctions and deposit (the shop itself or the platform).
  app.get('/v1/shops/:shop/governance', { schema: { params: shopParams, tags: ['governance'], response: { 200: ShopGovernance, '4xx': ErrorBody } } }, async (req, reply) => {
    return (await governance(req.principal, req.params.shop)) ?? send(req, reply, notFound('shop'));
  });

  app.get('/v1/shops/:shop/deposit/ledger', { schema: { params: shopParams, tags: ['governance'], response: { 200: DepositLedger, '4xx': ErrorBody } } }, async (req, reply) => {
    const rows = await engine.depositLedgerFor(req.principal, req.params.shop);
    return rows ? ledgerView(rows, tz) : send(req, reply, notFound('shop'));
  });

  // A payment into the deposit (the shop, or the platform recording it).
  app.post(
    '/v1/shops/:shop/deposit/topup',
    {
      schema: {
        params: shopParams,
        body: z.object({ amount: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER), reference: z.string().max(200).optional() }).strict(),
        tags: ['governance'],
        response: { 200: ShopGovernance, '4xx': ErrorBody },
      },
    },
    async (req, reply) => {
      const p = req.principal;
      if (!(await engine.shopGovernanceFor(p, req.params.shop))) return send(req, reply, notFound('shop'));
      const r = await engine.shopCommand(req.params.shop, { kind: 'deposit_topup', amount: req.body.amount, ...(req.body.reference ? { reference: req.body.reference } : {}) }, actorOf(p));
      if (!r.ok) return send(req, reply, r);
      return (await governance(p, req.params.shop)) ?? send(req, reply, notFound('shop'));
    },
  );

  // SPEC §8.2: a closure is lifted only by the platform.
  app.post(
    '/v1/shops/:shop/reopen',
    {
      schema: { params: shopParams, body: z.object({ note: z.string().max(2000).optional() }).strict().optional(), tags: ['governance'], response: { 200: ShopGovernance, '4xx': ErrorBody } },
    },
    async (req, reply) => {
      const p = req.principal;
      if (!(await engine.shopGovernanceFor(p, req.params.shop))) return send(req, reply, notFound('shop'));
      const r = await engine.shopCommand(req.params.shop, { kind: 'reopen_shop', ...(req.body?.note ? { note: req.body.note } : {}) }, actorOf(p));
      if (!r.ok) return send(req, reply, r);
      return (await governance(p, req.params.shop)) ?? send(req, reply, notFound('shop'));
    },
  );
}
