// SPEC §10.1 service tickets in the store: the stream (ticket:<id>, hash-chained in
// governance_events), the projection (tickets), the carrier-claim ledger, the tickets' durable
// deadlines (one row per running kind, subject ticket:<id>:<kind>), their outbox messages and
// notifications — all in the caller's transaction.
import type { TicketEvent } from '../domain/ticket/events.ts';
import { TICKET_DEADLINE_KINDS, type TicketState } from '../domain/ticket/types.ts';
import type { Actor, Instant } from '../domain/types.ts';
import type { Sql } from './db.ts';
import { ConflictError } from './event-store.ts';
import { factCtes, type DatedFact } from './metrics.ts';
import { StreamRows } from './stream-rows.ts';
import type { Loaded } from './governance.ts';
import { writeNotifications, type NotificationRow } from './notifications.ts';
import { writeOutbox, type OutboxMessage } from './outbox.ts';
import { iso, toMs } from './time.ts';

export const ticketStream = (ticketId: string) => `ticket:${ticketId}`;
export const ticketDeadlineSubject = (ticketId: string, kind: string) => `ticket:${ticketId}:${kind}`;

type Row = { state: TicketState; version: number; last_hash: string | null };

/** A ticket by id (of one shop, when given). */
export async function loadTicket(sql: Sql, ticketId: string, shopId?: string): Promise<Loaded<TicketState> | null> {
  const r = await sql.query<Row>(`SELECT state, version, last_hash FROM tickets WHERE ticket_id = $1 AND ($2::text IS NULL OR shop_id = $2)`, [ticketId, shopId ?? null]);
  const x = r.rows[0];
  return x ? { state: x.state, version: x.version, lastHash: x.last_hash } : null;
}

/** What the app derives from each event: a webhook message and the notifications it causes. */
export type TicketDerive = (t: TicketState, e: TicketEvent, streamVersion: number) => { webhook: { type: string; payload: unknown } | null; notifications: NotificationRow[] };

/** One ticket's decided events, with the state it was loaded in (null: a new ticket). */
export interface TicketDecided {
  loaded: Loaded<TicketState> | null;
  next: TicketState;
  events: readonly TicketEvent[];
  actor: Actor;
  /** SPEC §10.1 → §8.4: the metric facts of these events, written in the same statement as the events. */
  facts?: readonly DatedFact[];
}

/**
 * Appends the events of several tickets (a burst of SLA expiries fires many at once) with their
 * projections, deadlines, ledger rows, outbox messages and notifications, one statement per table
 * for all of them. A projection that moved since it was loaded throws ConflictError.
 */
export async function appendTickets(tx: Sql, items: readonly TicketDecided[], recordedAt: Instant, derive: TicketDerive): Promise<void> {
  const live = items.filter((x) => x.events.length > 0);
  if (live.length === 0) return;
  const now = iso(recordedAt);
  const rows = new StreamRows();
  const messages: OutboxMessage[] = [];
  const notes: NotificationRow[] = [];
  const saved: { item: TicketDecided; version: number; hash: string | null }[] = [];
  for (const item of live) {
    const { next } = item;
    const streamId = ticketStream(next.id);
    let version = item.loaded?.version ?? 0;
    let prev = item.loaded?.lastHash ?? null;
    const actorJson = JSON.stringify(item.actor);
    for (const e of item.events) {
      version++;
      const occurredAt = iso(e.at);
      prev = rows.add(next.shopId, streamId, version, e, actorJson, now, prev);
      const d = derive(next, e, version);
      if (d.webhook) messages.push({ shopId: next.shopId, orderId: next.orderId ?? '', streamId, type: d.webhook.type, payload: d.webhook.payload });
      notes.push(...d.notifications);
      if (e.type === 'CarrierClaimed') {
        await tx.query(
          `INSERT INTO carrier_claims (shop_id, claim_id, ticket_id, order_id, kind, carrier, tracking, amount, claimed_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
          [next.shopId, e.claimId, next.id, next.orderId, e.kind, e.carrier, e.tracking, e.amount, occurredAt],
        );
      } else if (e.type === 'CarrierClaimSettled') {
        await tx.query(`UPDATE carrier_claims SET recovered = $3, settled_at = $4 WHERE shop_id = $1 AND claim_id = $2`, [next.shopId, e.claimId, e.recovered, occurredAt]);
      }
    }
    saved.push({ item, version, hash: prev });
  }
  const facts = live.flatMap((x) => x.facts ?? []);
  // The facts (and their daily rollups) ride in front of the events insert: no extra round trip.
  const withFacts = facts.length ? `WITH ${factCtes(facts, (v) => `$${rows.params.push(v)}`)} ` : '';
  await tx.query(withFacts + rows.sql(), rows.params);
  await saveTickets(tx, saved, now);
  await syncTicketDeadlines(tx, live, now);
  await writeOutbox(tx, messages, recordedAt);
  await writeNotifications(tx, notes, recordedAt);
}

/** The nearest running SLA deadline (the queue's order); the close is not an SLA. */
export function slaDue(t: TicketState): Instant | null {
  const due = [t.deadlines.ticket_first_response, t.deadlines.ticket_resolution].filter((d) => d !== null).map((d) => d!.dueAt);
  return due.length ? Math.min(...due) : null;
}

/** New tickets are inserted one by one; the others are rewritten in one statement, each at the version it was loaded in. */
async function saveTickets(tx: Sql, saved: readonly { item: TicketDecided; version: number; hash: string | null }[], now: string): Promise<void> {
  const updates: Record<string, unknown>[] = [];
  for (const { item, version, hash } of saved) {
    const t = item.next;
    const due = slaDue(t);
    if (item.loaded === null) {
      const r = await tx.query(
        `INSERT INTO tickets (shop_id, ticket_id, order_id, case_id, buyer_id, kind, status, escalated, sla_due, opened_at, updated_at, version, last_hash, state)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14) ON CONFLICT (shop_id, ticket_id) DO NOTHING`,
        [t.shopId, t.id, t.orderId, t.caseId, t.buyerId, t.kind, t.status, t.escalated, due === null ? null : iso(due), iso(t.openedAt), now, version, hash, JSON.stringify(t)],
      );
      if (r.affectedRows !== 1) throw new ConflictError(`ticket ${t.id} changed concurrently`);
    } else {
      updates.push({ shop_id: t.shopId, ticket_id: t.id, status: t.status, escalated: t.escalated, sla_due: due === null ? null : iso(due), version, hash, state: t, base: item.loaded.version });
    }
  }
  if (updates.length === 0) return;
  const r = await tx.query(
    `UPDATE tickets t SET status = v.status, escalated = v.escalated, sla_due = v.sla_due, updated_at = $2::timestamptz, version = v.version, last_hash = v.hash, state = v.state
     FROM jsonb_to_recordset($1::jsonb) AS v(shop_id text, ticket_id text, status text, escalated boolean, sla_due timestamptz, version integer, hash text, state jsonb, base integer)
     WHERE t.shop_id = v.shop_id AND t.ticket_id = v.ticket_id AND t.version = v.base`,
    [JSON.stringify(updates), now],
  );
  if (r.affectedRows !== updates.length) throw new ConflictError(`a ticket changed concurrently`);
}

/** The deadline rows follow the tickets' running deadlines, one subject per kind: ended ones, then started ones, one statement each. */
async function syncTicketDeadlines(tx: Sql, items: readonly TicketDecided[], now: string): Promise<void> {
  const ended: Record<string, unknown>[] = [];
  const started: Record<string, unknown>[] = [];
  for (const { loaded, next, events } of items) {
    for (const kind of TICKET_DEADLINE_KINDS) {
      const b = loaded?.state.deadlines[kind] ?? null;
      const a = next.deadlines[kind];
      if (b && a && b.dueAt === a.dueAt) continue;
      const subject = ticketDeadlineSubject(next.id, kind);
      if (b) {
        const fired = events.some((e) => e.type === 'TicketDeadlineExpired' && e.kind === kind && e.dueAt === b.dueAt);
        ended.push({ shop_id: next.shopId, subject, kind, due_at: iso(b.dueAt), status: fired ? 'fired' : 'cancelled' });
      }
      if (a) started.push({ shop_id: next.shopId, subject, kind, due_at: iso(a.dueAt), policy_version: a.policyVersion, remind_at: a.remindAt ? iso(a.remindAt) : null });
    }
  }
  if (ended.length) {
    await tx.query(
      `UPDATE deadlines d SET status = v.status, fired_at = CASE WHEN v.status = 'fired' THEN $2::timestamptz END
       FROM jsonb_to_recordset($1::jsonb) AS v(shop_id text, subject text, kind text, due_at timestamptz, status text)
       WHERE d.shop_id = v.shop_id AND d.order_id = '' AND d.subject = v.subject AND d.kind = v.kind AND d.due_at = v.due_at AND d.status = 'pending'`,
      [JSON.stringify(ended), now],
    );
  }
  if (started.length) {
    await tx.query(
      `INSERT INTO deadlines (shop_id, order_id, subject, kind, due_at, policy_version, status, created_at, remind_at, aggregate)
       SELECT v.shop_id, '', v.subject, v.kind, v.due_at, v.policy_version, 'pending', $2::timestamptz, v.remind_at, 'ticket'
       FROM jsonb_to_recordset($1::jsonb) AS v(shop_id text, subject text, kind text, due_at timestamptz, policy_version text, remind_at timestamptz)
       ON CONFLICT (shop_id, order_id, subject, kind, due_at) DO UPDATE SET status = 'pending', fired_at = NULL, lease_until = NULL,
         policy_version = EXCLUDED.policy_version, remind_at = EXCLUDED.remind_at, reminded_at = NULL`,
      [JSON.stringify(started), now],
    );
  }
}

/** Tickets by (shop, id), as they were committed: the runner's batch loads a chunk at once. */
export async function loadTickets(sql: Sql, keys: readonly { shopId: string; ticketId: string }[]): Promise<Map<string, Loaded<TicketState>>> {
  const r = await sql.query<Row & { shop_id: string; ticket_id: string }>(
    `SELECT t.shop_id, t.ticket_id, t.state, t.version, t.last_hash FROM tickets t
     JOIN jsonb_to_recordset($1::jsonb) AS k(shop_id text, ticket_id text) ON t.shop_id = k.shop_id AND t.ticket_id = k.ticket_id`,
    [JSON.stringify(keys.map((k) => ({ shop_id: k.shopId, ticket_id: k.ticketId })))],
  );
  return new Map(r.rows.map((x) => [`${x.shop_id}\u0000${x.ticket_id}`, { state: x.state, version: x.version, lastHash: x.last_hash }]));
}

export interface TicketQuery {
  shop?: string;
  buyer?: string;
  statuses?: string[];
  escalated?: boolean;
  limit: number;
  /** Keyset: the last row's (sla_due or 'infinity', opened_at, ticket_id). */
  after?: { due: string; opened: string; id: string };
}

/** Tickets by nearest SLA deadline (none last), then opened time, then id: the merchant's queue. */
export async function queryTickets(sql: Sql, q: TicketQuery): Promise<{ rows: TicketState[]; next: { due: string; opened: string; id: string } | null }> {
  const params: unknown[] = [];
  const where: string[] = [];
  const add = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (q.shop !== undefined) where.push(`shop_id = ${add(q.shop)}`);
  if (q.buyer !== undefined) where.push(`buyer_id = ${add(q.buyer)}`);
  if (q.statuses?.length) where.push(`status = ANY(${add(q.statuses)}::text[])`);
  if (q.escalated !== undefined) where.push(`escalated = ${add(q.escalated)}`);
  const key = `coalesce(sla_due, 'infinity'::timestamptz)`;
  if (q.after) where.push(`(${key}, opened_at, ticket_id) > (${add(q.after.due)}::timestamptz, ${add(q.after.opened)}::timestamptz, ${add(q.after.id)})`);
  const r = await sql.query<{ state: TicketState; due: Date | string | null; opened_at: Date; ticket_id: string }>(
    `SELECT state, sla_due AS due, opened_at, ticket_id FROM tickets ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY ${key}, opened_at, ticket_id LIMIT ${add(q.limit + 1)}`,
    params,
  );
  const rows = r.rows.slice(0, q.limit);
  const last = rows.at(-1);
  const next = r.rows.length > q.limit && last ? { due: last.due === null ? 'infinity' : iso(toMs(last.due)), opened: iso(toMs(last.opened_at)), id: last.ticket_id } : null;
  return { rows: rows.map((x) => x.state), next };
}

export interface CarrierClaimRow {
  claimId: string;
  ticketId: string;
  orderId: string | null;
  kind: string;
  carrier: string | null;
  tracking: string | null;
  amount: number;
  recovered: number | null;
  claimedAt: Instant;
  settledAt: Instant | null;
}

/** A shop's carrier claims (open ones first), and the totals claimed and recovered. */
export async function carrierClaims(sql: Sql, shopId: string): Promise<{ claims: CarrierClaimRow[]; open: number; claimed: number; recovered: number }> {
  const r = await sql.query<{ claim_id: string; ticket_id: string; order_id: string | null; kind: string; carrier: string | null; tracking: string | null; amount: string | number; recovered: string | number | null; claimed_at: Date; settled_at: Date | null }>(
    `SELECT * FROM carrier_claims WHERE shop_id = $1 ORDER BY (recovered IS NOT NULL), claimed_at, claim_id`,
    [shopId],
  );
  const claims = r.rows.map((x) => ({
    claimId: x.claim_id,
    ticketId: x.ticket_id,
    orderId: x.order_id,
    kind: x.kind,
    carrier: x.carrier,
    tracking: x.tracking,
    amount: Number(x.amount),
    recovered: x.recovered === null ? null : Number(x.recovered),
    claimedAt: toMs(x.claimed_at),
    settledAt: x.settled_at === null ? null : toMs(x.settled_at),
  }));
  const open = claims.filter((c) => c.recovered === null);
  return { claims, open: open.reduce((s, c) => s + c.amount, 0), claimed: claims.reduce((s, c) => s + c.amount, 0), recovered: claims.reduce((s, c) => s + (c.recovered ?? 0), 0) };
}
