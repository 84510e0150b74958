// The service-desk API (SPEC §10.1, §10.5): tickets (a buyer or the merchant opens one, on an
// order or a case or neither; the parties talk, resolve, reopen, rate; the platform once it is
// escalated), a shop's quick replies and carrier claims, and each party's notifications. Tenancy
// as everywhere: what the caller may not see does not exist (404).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notificationView } from '../app/desk/notification-view.ts';
import { TICKET_ARGS, TICKET_FOLLOW_UPS, toTicketCommand } from '../app/desk/schemas.ts';
import { ticketDetail, ticketRow } from '../app/desk/views.ts';
import type { Engine } from '../app/engine.ts';
import { actorOf, type Principal } from '../app/principal.ts';
import { refuse, type Refusal } from '../domain/errors.ts';
import type { Policy } from '../domain/policy.ts';
import { placeholdersOf } from '../domain/ticket/quick-reply.ts';
import type { TicketCommand } from '../domain/ticket/commands.ts';
import { TICKET_STATUSES, type TicketState } from '../domain/ticket/types.ts';
import { formatInstant } from '../domain/calendar.ts';
import type { Instant } from '../domain/types.ts';
import { CarrierClaims, CaseMessages, ErrorBody, NotificationPage, QuickReplies, TicketDetail, TicketPage } from '../contract/index.ts';
import { language } from './errors.ts';
import { idParam } from './input.ts';

type Send = (req: FastifyRequest, reply: FastifyReply, r: Refusal) => FastifyReply;

const notFound = (what: string) => refuse('not_found', what, '资源不存在', `no such ${what}`, { resource: what });

export function deskRoutes(raw: FastifyInstance, engine: Engine, tz: string, send: Send): void {
  const app = raw.withTypeProvider<ZodTypeProvider>();
  const lang = (req: FastifyRequest) => language(req.headers['accept-language']);

  /** A ticket's detail for the caller; after a command, with the policy and instant it was decided at. */
  async function detail(req: FastifyRequest, t: TicketState, p: Principal, after?: { policy: Policy; at: Instant }) {
    const inForce = after ?? (await engine.ticketPolicy(t));
    return inForce ? ticketDetail(t, actorOf(p), inForce.policy, inForce.at, lang(req)) : null;
  }

  // SPEC §10.1: a buyer (on their order or case, or to a shop) or the merchant (on its order) opens a ticket.
  app.post(
    '/v1/tickets',
    {
      schema: {
        body: TICKET_ARGS.open_ticket.extend({ id: idParam.optional(), shop: idParam.optional(), order: idParam.optional(), case: idParam.optional() }),
        tags: ['tickets'],
        response: { 201: TicketDetail, '4xx': ErrorBody },
      },
    },
    async (req, reply) => {
      const { id, shop: shopGiven, order, case: caseId, ...args } = req.body;
      const p = req.principal;
      let shop = shopGiven ?? (p.kind === 'shop' ? p.shopId : undefined);
      // What the caller names must be theirs to see: the case, the order, the shop.
      if (caseId) {
        const c = await engine.caseFor(p, caseId);
        if (!c || (shop && c.shopId !== shop) || (order && c.orderId !== order)) return send(req, reply, notFound('case'));
        shop = c.shopId;
      }
      if (order) {
        if (!shop) return send(req, reply, refuse('validation', 'shop', '请指定订单所属店铺', 'name the shop of the order', { field: 'shop' }));
        if (!(await engine.orderFor(p, shop, order))) return send(req, reply, notFound('order'));
      }
      if (!shop) return send(req, reply, refuse('validation', 'shop', '请指定店铺', 'name the shop the ticket is for', { field: 'shop' }));
      if (p.kind === 'shop' && p.shopId !== shop) return send(req, reply, notFound('shop'));
      const body = toTicketCommand('open_ticket', args);
      if ('ok' in body) return send(req, reply, body);
      const ticketId = id ?? `T${engine.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`.toUpperCase();
      const r = await engine.ticketCommand({ ...body, ticketId, actor: actorOf(p) } as TicketCommand, { shopId: shop, orderId: order, caseId });
      if (!r.ok) return send(req, reply, r.code === 'not_found' && r.details.rule === 'shop' ? notFound('shop') : r);
      const d = await detail(req, r.ticket, p, r);
      return d ? reply.status(201).send(d) : send(req, reply, notFound('ticket'));
    },
  );

  // The queue: the platform's all (its escalated ones with ?escalated=true), a shop's its own, a buyer's their own.
  app.get(
    '/v1/tickets',
    {
      schema: {
        tags: ['tickets'],
        querystring: z
          .object({
            status: z
              .string()
              .max(100)
              .optional()
              .refine((s) => s === undefined || s.split(',').every((x) => (TICKET_STATUSES as readonly string[]).includes(x)), `statuses among ${TICKET_STATUSES.join(', ')}, comma-separated`),
            shop: idParam.optional(),
            escalated: z.enum(['true', 'false']).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            cursor: z.string().max(300).optional(),
          })
          .strict(),
        response: { 200: TicketPage, '4xx': ErrorBody },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const page = await engine.listTickets(req.principal, { shop: q.shop, statuses: q.status?.split(','), escalated: q.escalated === undefined ? undefined : q.escalated === 'true', limit: q.limit, cursor: q.cursor });
      if ('ok' in page) return send(req, reply, page);
      return { data: page.tickets.map((t) => ticketRow(t, lang(req), tz)), next_cursor: page.nextCursor };
    },
  );

  app.get('/v1/tickets/:ticket', { schema: { params: z.object({ ticket: idParam }), tags: ['tickets'], response: { 200: TicketDetail, '4xx': ErrorBody } } }, async (req, reply) => {
    const t = await engine.ticketFor(req.principal, req.params.ticket);
    if (!t) return send(req, reply, notFound('ticket'));
    return (await detail(req, t, req.principal)) ?? send(req, reply, notFound('ticket'));
  });

  for (const name of TICKET_FOLLOW_UPS) {
    app.post(
      `/v1/tickets/:ticket/${name}`,
      {
        schema: { params: z.object({ ticket: idParam }), body: (TICKET_ARGS[name] as z.ZodType).optional(), tags: ['tickets'], response: { 200: TicketDetail, '4xx': ErrorBody } },
      },
      async (req, reply) => {
        const p = req.principal;
        const t = await engine.ticketFor(p, req.params.ticket);
        if (!t) return send(req, reply, notFound('ticket'));
        const body = toTicketCommand(name, req.body ?? {});
        if ('ok' in body) return send(req, reply, body);
        const r = await engine.ticketCommand({ ...body, ticketId: t.id, actor: actorOf(p) } as TicketCommand, { shopId: t.shopId });
        if (!r.ok) return send(req, reply, r);
        return (await detail(req, r.ticket, p, r)) ?? send(req, reply, notFound('ticket'));
      },
    );
  }

  // Issue 13: the case's conversation — buyer, merchant, and the platform once involved — kept in
  // the case's hash-chained history (CaseMessagePosted events).
  async function caseMessages(caseId: string) {
    const events = await engine.caseHistory(caseId);
    return events.flatMap((x) => {
      const e = x.data;
      if (e.type !== 'CaseMessagePosted') return [];
      const attachments = e.attachments.map((a) => ({
        kind: a.kind,
        description: a.description ?? null,
        sha256: a.sha256 ?? null,
        url: a.sha256 ? `/v1/cases/${encodeURIComponent(caseId)}/evidence/${a.sha256}` : null,
      }));
      return [{ seq: x.stream_version, from: e.party, text: e.text, attachments, at: formatInstant(e.at, tz) }];
    });
  }

  app.get('/v1/cases/:case/messages', { schema: { params: z.object({ case: idParam }), tags: ['cases'], response: { 200: CaseMessages, '4xx': ErrorBody } } }, async (req, reply) => {
    const c = await engine.caseFor(req.principal, req.params.case);
    if (!c) return send(req, reply, notFound('case'));
    return { data: await caseMessages(c.id) };
  });

  app.post(
    '/v1/cases/:case/messages',
    {
      schema: {
        params: z.object({ case: idParam }),
        body: z.object({ text: TICKET_ARGS.reply.shape.message, attachments: TICKET_ARGS.reply.shape.attachments }).strict(),
        tags: ['cases'],
        response: { 201: CaseMessages, '4xx': ErrorBody },
      },
    },
    async (req, reply) => {
      const p = req.principal;
      const c = await engine.caseFor(p, req.params.case);
      if (!c) return send(req, reply, notFound('case'));
      const r = await engine.caseCommand({ kind: 'post_message', caseId: c.id, text: req.body.text, attachments: req.body.attachments }, actorOf(p), { shopId: c.shopId, orderId: c.orderId });
      if (!r.ok) return send(req, reply, r);
      return reply.status(201).send({ data: await caseMessages(c.id) });
    },
  );

  const shopParams = z.object({ shop: idParam });
  const quickReplies = async (shop: string) =>
    (await engine.quickReplies(shop)).map((q) => ({ name: q.name, text: q.text, placeholders: placeholdersOf(q.text), updated_at: formatInstant(q.updatedAt, tz) }));

  // SPEC §10.1 quick replies (快捷回复): the shop's own templates (the shop and the platform).
  app.get('/v1/shops/:shop/quick-replies', { schema: { params: shopParams, tags: ['tickets'], response: { 200: QuickReplies, '4xx': ErrorBody } } }, async (req, reply) => {
    if (!(await engine.quickRepliesFor(req.principal, req.params.shop))) return send(req, reply, notFound('shop'));
    return { data: await quickReplies(req.params.shop) };
  });

  app.put(
    '/v1/shops/:shop/quick-replies/:name',
    {
      schema: {
        params: z.object({ shop: idParam, name: z.string().min(1).max(40) }),
        body: z.object({ text: z.string().max(1000) }).strict(),
        tags: ['tickets'],
        response: { 200: QuickReplies, '4xx': ErrorBody },
      },
    },
    async (req, reply) => {
      const { shop, name } = req.params;
      if (req.principal.kind !== 'shop' || !(await engine.deskShop(req.principal, shop))) return send(req, reply, notFound('shop'));
      // SPEC §10.3: a template offering money for a good review (好评返现) is refused (policy_violation).
      const r = await engine.putQuickReply(shop, name, req.body.text);
      if (!r.ok) return send(req, reply, r);
      return { data: await quickReplies(shop) };
    },
  );

  app.delete(
    '/v1/shops/:shop/quick-replies/:name',
    { schema: { params: z.object({ shop: idParam, name: z.string().min(1).max(40) }), tags: ['tickets'], response: { 200: QuickReplies, '4xx': ErrorBody } } },
    async (req, reply) => {
      const { shop, name } = req.params;
      if (req.principal.kind !== 'shop' || !(await engine.deskShop(req.principal, shop))) return send(req, reply, notFound('shop'));
      if (!(await engine.removeQuickReply(shop, name))) return send(req, reply, notFound('quick reply'));
      return { data: await quickReplies(shop) };
    },
  );

  // SPEC §10.1: the shop's carrier claims, open ones first, with what was claimed and recovered.
  app.get('/v1/shops/:shop/carrier-claims', { schema: { params: shopParams, tags: ['tickets'], response: { 200: CarrierClaims, '4xx': ErrorBody } } }, async (req, reply) => {
    const c = await engine.carrierClaimsFor(req.principal, req.params.shop);
    if (!c) return send(req, reply, notFound('shop'));
    return {
      data: c.claims.map((x) => ({
        id: x.claimId,
        ticket: x.ticketId,
        order: x.orderId,
        kind: x.kind as 'lost' | 'damaged',
        carrier: x.carrier,
        tracking: x.tracking,
        amount: x.amount,
        recovered: x.recovered,
        claimed_at: formatInstant(x.claimedAt, tz),
        settled_at: x.settledAt === null ? null : formatInstant(x.settledAt, tz),
      })),
      open_amount: c.open,
      claimed: c.claimed,
      recovered: c.recovered,
    };
  });

  // SPEC §10.5: the caller's own notifications, newest first, with the unread count.
  app.get(
    '/v1/notifications',
    {
      schema: {
        tags: ['notifications'],
        querystring: z.object({ unread: z.enum(['true', 'false']).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }).strict(),
        response: { 200: NotificationPage, '4xx': ErrorBody },
      },
    },
    async (req) => {
      const r = await engine.notificationsFor(req.principal, { unreadOnly: req.query.unread === 'true', limit: req.query.limit });
      return { data: r.rows.map((n) => notificationView(n, lang(req), tz)), unread: r.unread };
    },
  );

  app.post(
    '/v1/notifications/read',
    {
      schema: {
        tags: ['notifications'],
        body: z.object({ ids: z.array(z.string().min(1).max(300)).max(500).optional() }).strict(),
        response: { 200: NotificationPage, '4xx': ErrorBody },
      },
    },
    async (req) => {
      await engine.readNotifications(req.principal, req.body.ids ?? 'all');
      const r = await engine.notificationsFor(req.principal, { limit: 50 });
      return { data: r.rows.map((n) => notificationView(n, lang(req), tz)), unread: r.unread };
    },
  );
}
