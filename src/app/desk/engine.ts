// The service desk in the application layer (SPEC §10.1): ticket commands with the order facts
// `open_ticket` needs, deadline firing, quick replies. Each command is one transaction: the
// ticket's events, projection, deadlines, carrier-claim ledger rows, webhook messages and
// notifications together.
import { refuse, type Refusal } from '../../domain/errors.ts';
import type { Policy } from '../../domain/policy.ts';
import type { TicketCommand } from '../../domain/ticket/commands.ts';
import { decideTicket } from '../../domain/ticket/decide.ts';
import type { TicketEvent } from '../../domain/ticket/events.ts';
import { evolveTicketAll } from '../../domain/ticket/evolve.ts';
import { checkQuickReply } from '../../domain/ticket/quick-reply.ts';
import type { TicketFacts, TicketState } from '../../domain/ticket/types.ts';
import type { Actor, Instant } from '../../domain/types.ts';
import type { Sql } from '../../store/db.ts';
import { ConflictError, loadForCommand, locateCase, markStale, releaseLease, type DueDeadline } from '../../store/event-store.ts';
import { isUniqueViolation } from '../../store/unique-violation.ts';
import { deleteQuickReply, listQuickReplies, saveQuickReply } from '../../store/quick-replies.ts';
import { appendTickets, loadTicket, loadTickets, type TicketDecided } from '../../store/tickets.ts';
import { storeTicketFile, ticketFilesPresent, type TicketFileInput } from '../../store/ticket-files.ts';
import { attemptTransaction } from '../attempt.ts';
import type { EngineCore } from '../engine-core.ts';
import { withTicketMetrics } from '../metrics/record.ts';
import { deriveTicket, ticketOfSubject } from './notify.ts';

export type TicketResult = { ok: true; ticket: TicketState; events: TicketEvent[]; policy: Policy; at: Instant } | Refusal;

/** Where `open_ticket` opens a ticket: the shop, and the order or case it is about (both optional). */
export interface TicketTarget {
  shopId?: string;
  orderId?: string;
  caseId?: string;
}

const SYSTEM: Actor = { role: 'system' };
const TICKET_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

export function createDesk(core: EngineCore) {
  const { db, clock, shopNow, shopPolicy } = core;

  const attempt = <T>(fn: (tx: Sql) => Promise<T | Refusal>) => attemptTransaction(db, fn);

  /** The facts `open_ticket` decides on: the order's buyer and paid amount, the case on that order. */
  async function openFacts(tx: Sql, target: TicketTarget, at?: Instant): Promise<{ facts: TicketFacts; policy: Policy; now: Instant } | Refusal> {
    let { shopId, orderId } = target;
    const caseId = target.caseId ?? null;
    if (caseId) {
      const where = await locateCase(tx, caseId, shopId);
      if (!where || (orderId && where.orderId !== orderId)) return refuse('not_found', 'case', `售后单 ${caseId} 不存在`, `no case ${caseId}`, { case: caseId });
      [shopId, orderId] = [where.shopId, where.orderId];
    }
    if (!shopId) return refuse('validation', 'shop', '工单需指定店铺或订单', 'a ticket names its shop (or an order of it)', { field: 'shop' });
    const { shop, order } = await loadForCommand(tx, shopId, orderId ?? '');
    const now = at ?? shopNow(shop, clock.now());
    const policy = shopPolicy(shop, shopId, now);
    if ('ok' in policy) return policy;
    const o = order?.ctx.order;
    if (orderId && !o) return refuse('not_found', 'order', `订单 ${orderId} 不存在`, `no order ${orderId}`, { order: orderId });
    const paid = o ? o.lines.reduce((s, l) => s + l.paidAmount, 0) + o.shippingFee : 0;
    const facts: TicketFacts = { shopId, order: o ? { id: o.id, buyerId: o.buyerId, paid, carrier: o.carrier, tracking: o.tracking } : null, caseId };
    return { facts, policy, now };
  }

  /** A ticket command; `open_ticket` names its shop (or order, or case), the others find it from the ticket. */
  async function ticketCommand(cmd: TicketCommand, target: TicketTarget = {}, opts: { at?: Instant } = {}): Promise<TicketResult> {
    return attempt((tx) => decideIn(tx, cmd, target, opts));
  }

  /** Decides a ticket command and appends its events in the caller's transaction. */
  async function decideIn(tx: Sql, cmd: TicketCommand, target: TicketTarget, opts: { at?: Instant }): Promise<TicketResult> {
    {
      let loaded = null;
      let facts: TicketFacts | null = null;
      let policy: Policy;
      let at: Instant;
      if (cmd.kind === 'open_ticket') {
        if (!TICKET_ID.test(cmd.ticketId)) return refuse('validation', 'ticket_id', '工单号只能包含字母、数字和 _ . : -', 'a ticket id is letters, digits and _ . : - (at most 64)', { field: 'id' });
        // Ticket ids name a ticket everywhere (the API addresses tickets by id alone).
        if (await loadTicket(tx, cmd.ticketId)) return refuse('validation', 'ticket_id', `工单号 ${cmd.ticketId} 已被使用`, `ticket id ${cmd.ticketId} is taken`, { field: 'id' });
        // A new ticket has no files yet: its photos come with a reply once it exists.
        const named = filesNamed(cmd);
        if (named.length) {
          return refuse('validation', 'attachment', '新工单还没有附件: 请先开工单, 再上传文件并在回复中附上', 'a new ticket has no files yet: open it, then upload the file and attach it to a reply', { field: 'attachments', sha256: named[0] });
        }
        const f = await openFacts(tx, target, opts.at);
        if ('ok' in f) return f;
        ({ facts, policy, now: at } = f);
      } else {
        loaded = await loadTicket(tx, cmd.ticketId, target.shopId);
        if (!loaded) return refuse('not_found', 'ticket', '工单不存在', 'no such ticket', { ticket: cmd.ticketId });
        const { shop } = await loadForCommand(tx, loaded.state.shopId, '');
        at = opts.at ?? shopNow(shop, clock.now());
        const p = shopPolicy(shop, loaded.state.shopId, at);
        if ('ok' in p) return p;
        policy = p;
        const unknown = await unknownAttachment(tx, cmd, loaded.state);
        if (unknown) return unknown;
      }
      const decision = decideTicket(cmd, { ticket: loaded?.state ?? null, facts }, policy, at);
      if (!decision.ok) return decision;
      if (decision.events.length === 0) return { ok: true, ticket: loaded!.state, events: [], policy, at };
      const next = evolveTicketAll(loaded?.state ?? null, decision.events)!;
      // The ticket's metric facts (SPEC §10.1 → §8.4) go in the same statement as its events.
      await appendTickets(tx, [withTicketMetrics({ loaded, next, events: decision.events, actor: cmd.actor }, policy)], clock.now(), deriveTicket);
      return { ok: true, ticket: next, events: decision.events, policy, at };
    }
  }

  /** The content hashes a command's attachments name (declared items without a file name none). */
  const filesNamed = (cmd: TicketCommand): string[] => ('attachments' in cmd ? (cmd.attachments ?? []).flatMap((a) => (a.sha256 ? [a.sha256] : [])) : []);

  /** SPEC §10.1 / §11: an attachment naming a file must name one uploaded to this ticket. */
  async function unknownAttachment(tx: Sql, cmd: TicketCommand, t: TicketState): Promise<Refusal | null> {
    const named = filesNamed(cmd);
    if (named.length === 0) return null;
    const present = await ticketFilesPresent(tx, t.shopId, t.id, named);
    const missing = named.find((h) => !present.has(h));
    if (!missing) return null;
    return refuse('validation', 'attachment', `附件 ${missing} 不是工单 ${t.id} 上传的文件: 请先上传`, `attachment ${missing} is no file uploaded to ticket ${t.id}: upload it first (POST /v1/tickets/${t.id}/attachments)`, {
      field: 'attachments',
      sha256: missing,
    });
  }

  /** Stores a file for a ticket (the caller checked it may). */
  const storeTicketAttachment = (f: TicketFileInput) => storeTicketFile(db, f, clock.now());

  const expiry = (d: DueDeadline): TicketCommand => ({
    kind: 'fire_ticket_deadline',
    ticketId: ticketOfSubject(d.subject).replace(/^ticket:/, ''),
    deadline: d.kind as never,
    dueAt: d.dueAt,
    actor: SYSTEM,
  });

  /** Fires a ticket deadline at its due instant: 'retry' on a concurrent change, 'stale' when it no longer runs. */
  async function fireTicket(d: DueDeadline): Promise<'fired' | 'stale' | 'retry'> {
    const r = await ticketCommand(expiry(d), { shopId: d.shopId }, { at: d.dueAt });
    if (!r.ok) return r.code === 'conflict' ? 'retry' : 'stale';
    return r.events.length ? 'fired' : 'stale';
  }

  /**
   * Fires deadlines of distinct tickets in one transaction (the runner's fast path for a burst of
   * SLA breaches). If any ticket changed meanwhile the batch is rolled back and each deadline is
   * fired on its own instead; the ones that no longer run are marked stale.
   */
  async function fireTicketBatch(ds: readonly DueDeadline[]): Promise<number> {
    let outcome: { fired: number; stale: DueDeadline[] };
    try {
      outcome = await db.transaction(async (tx) => {
        // One read of the chunk's tickets, one of each shop; decided in memory; one write per table.
        const idOf = (d: DueDeadline) => ticketOfSubject(d.subject).replace(/^ticket:/, '');
        const loaded = await loadTickets(tx, ds.map((d) => ({ shopId: d.shopId, ticketId: idOf(d) })));
        const shops = new Map<string, Awaited<ReturnType<typeof loadForCommand>>['shop']>();
        const stale: DueDeadline[] = [];
        const decided: TicketDecided[] = [];
        for (const d of ds) {
          const l = loaded.get(`${d.shopId}\u0000${idOf(d)}`);
          if (!shops.has(d.shopId)) shops.set(d.shopId, (await loadForCommand(tx, d.shopId, '')).shop);
          const policy = shopPolicy(shops.get(d.shopId)!, d.shopId, d.dueAt);
          const decision = l && !('ok' in policy) ? decideTicket(expiry(d), { ticket: l.state, facts: null }, policy, d.dueAt) : null;
          if (!l || !decision?.ok || decision.events.length === 0) stale.push(d);
          else decided.push(withTicketMetrics({ loaded: l, next: evolveTicketAll(l.state, decision.events)!, events: decision.events, actor: SYSTEM }, policy as Policy));
        }
        await appendTickets(tx, decided, clock.now(), deriveTicket);
        return { fired: decided.length, stale };
      });
    } catch (e) {
      if (!(e instanceof ConflictError) && !isUniqueViolation(e)) throw e;
      let fired = 0;
      for (const d of ds) {
        const one = await fireTicket(d);
        if (one === 'fired') fired++;
        else if (one === 'retry') await releaseLease(db, d);
        else await markStale(db, d, clock.now());
      }
      return fired;
    }
    for (const d of outcome.stale) await markStale(db, d, clock.now());
    return outcome.fired;
  }

  /** SPEC §10.1: a shop's quick replies; a template offering money for a review is refused (policy_violation). */
  async function putQuickReply(shopId: string, name: string, text: string): Promise<{ ok: true } | Refusal> {
    const bad = checkQuickReply(name, text);
    if (bad) return bad;
    await saveQuickReply(db, shopId, name.trim(), text, clock.now());
    return { ok: true };
  }
  const quickReplies = (shopId: string) => listQuickReplies(db, shopId);
  const removeQuickReply = (shopId: string, name: string) => deleteQuickReply(db, shopId, name);

  const getTicket = async (ticketId: string, shopId?: string) => (await loadTicket(db, ticketId, shopId))?.state ?? null;

  return { ticketCommand, storeTicketAttachment, fireTicket, fireTicketBatch, getTicket, putQuickReply, quickReplies, removeQuickReply };
}

export type Desk = ReturnType<typeof createDesk>;
