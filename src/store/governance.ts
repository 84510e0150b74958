// Platform governance in the store (SPEC §8): complaint and shop streams (hash-chained, in
// governance_events), their projections (complaints, shop_governance), the deposit ledger, and
// their durable deadlines in the one deadlines table the runner claims from. Appending checks each
// projection's version (optimistic concurrency) and writes everything derived in the caller's
// transaction — the same transaction as the case events that caused it, when there are some.
import type { ComplaintEvent } from '../domain/complaint/events.ts';
import type { ComplaintState } from '../domain/complaint/types.ts';
import type { ShopEvent } from '../domain/shop/events.ts';
import { SHOP_DEADLINE_KINDS, type ShopState } from '../domain/shop/types.ts';
import type { Deadline } from '../domain/state.ts';
import type { Actor, Currency, Instant } from '../domain/types.ts';
import { pageByDue, syncAggregateDeadline, type DueKey } from './aggregate-deadline.ts';
import type { Sql } from './db.ts';
import { ConflictError } from './event-store.ts';
import { StreamRows } from './stream-rows.ts';
import { writeOutbox, type OutboxMessage } from './outbox.ts';
import { iso, toMs } from './time.ts';

export interface Loaded<S> {
  state: S;
  version: number;
  lastHash: string | null;
}

export const complaintStream = (complaintId: string) => `complaint:${complaintId}`;
export const shopStream = (shopId: string) => `shop:${shopId}`;

type Row<S> = { state: S; version: number; last_hash: string | null };
const loaded = <S>(r: Row<S> | undefined): Loaded<S> | null => (r ? { state: r.state, version: r.version, lastHash: r.last_hash } : null);

/** A complaint by id (of one shop, when given). */
export async function loadComplaint(sql: Sql, complaintId: string, shopId?: string): Promise<Loaded<ComplaintState> | null> {
  const r = await sql.query<Row<ComplaintState>>(
    `SELECT state, version, last_hash FROM complaints WHERE complaint_id = $1 AND ($2::text IS NULL OR shop_id = $2)`,
    [complaintId, shopId ?? null],
  );
  return loaded(r.rows[0]);
}

/** Every complaint of an order, whatever its status (SPEC §8.1: one per kind, withdrawn included). */
export async function complaintsOfOrder(sql: Sql, shopId: string, orderId: string): Promise<ComplaintState[]> {
  const r = await sql.query<{ state: ComplaintState }>(`SELECT state FROM complaints WHERE shop_id = $1 AND order_id = $2 ORDER BY filed_at, complaint_id`, [shopId, orderId]);
  return r.rows.map((x) => x.state);
}

export async function loadShopGovernance(sql: Sql, shopId: string): Promise<Loaded<ShopState> | null> {
  const r = await sql.query<Row<ShopState>>(`SELECT state, version, last_hash FROM shop_governance WHERE shop_id = $1`, [shopId]);
  return loaded(r.rows[0]);
}

/** Shops that have a governance stream, by id. */
export async function governedShops(sql: Sql): Promise<ShopState[]> {
  const r = await sql.query<{ state: ShopState }>(`SELECT state FROM shop_governance ORDER BY shop_id`);
  return r.rows.map((x) => x.state);
}

export interface ComplaintQuery {
  shops: (string | undefined)[];
  buyers: (string | undefined)[];
  statuses?: string[];
  limit: number;
  /** Keyset: the last row's (deadline due or 'infinity', filed_at, complaint_id). */
  after?: { due: string; filed: string; id: string };
}

/** Complaints by running deadline (nearest first; none last), then filed time, then id. */
export async function queryComplaints(sql: Sql, q: ComplaintQuery): Promise<{ rows: ComplaintState[]; next: DueKey | null }> {
  const params: unknown[] = [];
  const where: string[] = [];
  const add = (v: unknown) => `$${params.push(v)}`;
  for (const s of q.shops) if (s !== undefined) where.push(`shop_id = ${add(s)}`);
  for (const b of q.buyers) if (b !== undefined) where.push(`buyer_id = ${add(b)}`);
  if (q.statuses?.length) where.push(`status = ANY(${add(q.statuses)}::text[])`);
  return pageByDue<ComplaintState>(sql, 'complaints', 'complaint_id', where, params, q.limit, q.after);
}

/** Counts a shop's complaints by status. */
export async function complaintCounts(sql: Sql, shopId: string): Promise<Record<string, number>> {
  const r = await sql.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM complaints WHERE shop_id = $1 GROUP BY status`, [shopId]);
  return Object.fromEntries(r.rows.map((x) => [x.status, x.n]));
}

export interface LedgerRow {
  entryId: number;
  at: Instant;
  kind: 'topup' | 'debit';
  reason: string;
  amount: number;
  balanceAfter: number;
  ref: string | null;
  currency: Currency;
}

export async function depositLedger(sql: Sql, shopId: string): Promise<LedgerRow[]> {
  const r = await sql.query<{ entry_id: number; at: Date; kind: 'topup' | 'debit'; reason: string; amount: number; balance_after: number; ref: string | null; currency: Currency }>(
    `SELECT entry_id, at, kind, reason, amount, balance_after, ref, currency FROM deposit_ledger WHERE shop_id = $1 ORDER BY entry_id`,
    [shopId],
  );
  return r.rows.map((x) => ({ entryId: x.entry_id, at: toMs(x.at), kind: x.kind, reason: x.reason, amount: Number(x.amount), balanceAfter: Number(x.balance_after), ref: x.ref, currency: x.currency }));
}

/**
 * SPEC §8.3 audit: per shop, top-ups − debits of the ledger, the ledger's last balance and the
 * balance the shop's state holds; a row where they disagree is a breach.
 */
export async function depositMismatches(sql: Sql): Promise<{ shopId: string; ledger: number; last: number | null; state: number }[]> {
  const r = await sql.query<{ shop_id: string; ledger: number | null; last: number | null; state: number }>(
    `SELECT g.shop_id,
            (SELECT sum(CASE WHEN l.kind = 'topup' THEN l.amount ELSE -l.amount END) FROM deposit_ledger l WHERE l.shop_id = g.shop_id)::bigint AS ledger,
            (SELECT l.balance_after FROM deposit_ledger l WHERE l.shop_id = g.shop_id ORDER BY l.entry_id DESC LIMIT 1) AS last,
            (g.state->'deposit'->>'balance')::bigint AS state
     FROM shop_governance g ORDER BY g.shop_id`,
  );
  return r.rows
    .map((x) => ({ shopId: x.shop_id, ledger: Number(x.ledger ?? 0), last: x.last === null ? null : Number(x.last), state: Number(x.state) }))
    .filter((x) => x.ledger !== x.state || (x.last ?? 0) !== x.state);
}

export type GovernanceDecided =
  | { aggregate: 'complaint'; loaded: Loaded<ComplaintState> | null; next: ComplaintState; events: readonly ComplaintEvent[]; actor: Actor }
  | { aggregate: 'shop'; loaded: Loaded<ShopState> | null; next: ShopState; events: readonly ShopEvent[]; actor: Actor };

/** A webhook message for an event (SPEC §10.5), or none: the app's mapping (docs/webhooks.md). */
export type Notify = (item: GovernanceDecided, e: ComplaintEvent | ShopEvent, streamVersion: number) => { type: string; payload: unknown } | null;

/**
 * Appends the events of complaint and shop decisions, with their projections, ledger rows,
 * deadlines and outbox messages, in the caller's transaction. A projection that moved since it was
 * loaded throws ConflictError (the caller decides again); nothing is then written.
 */
export async function appendGovernance(tx: Sql, items: readonly GovernanceDecided[], recordedAt: Instant, notify: Notify): Promise<void> {
  const now = iso(recordedAt);
  const messages: OutboxMessage[] = [];
  for (const item of items) {
    if (item.events.length === 0) continue;
    const shopId = shopOf(item);
    const streamId = item.aggregate === 'complaint' ? complaintStream(item.next.id) : shopStream(item.next.id);
    const orderId = item.aggregate === 'complaint' ? item.next.orderId : '';
    let version = item.loaded?.version ?? 0;
    let prev = item.loaded?.lastHash ?? null;
    const rows = new StreamRows();
    const actorJson = JSON.stringify(item.actor);
    let currency: string | null = null;
    for (const e of item.events) {
      version++;
      const occurredAt = iso(e.at);
      prev = rows.add(shopId, streamId, version, e, actorJson, now, prev);
      const m = notify(item, e, version);
      if (m) messages.push({ shopId, orderId, streamId, type: m.type, payload: m.payload });
      if (e.type === 'DepositToppedUp' || e.type === 'DepositDebited') {
        const topup = e.type === 'DepositToppedUp';
        // SPEC §13: the deposit is in its shop's currency (NOT NULL: a shop row must exist). Read
        // first: Citus takes no subquery in an INSERT.
        currency ??= (await tx.query<{ currency: string }>(`SELECT currency FROM shops WHERE shop_id = $1`, [shopId])).rows[0]?.currency ?? null;
        await tx.query(
          `INSERT INTO deposit_ledger (shop_id, entry_id, at, kind, reason, amount, balance_after, ref, currency) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
          [shopId, version, occurredAt, topup ? 'topup' : 'debit', topup ? (e.opening ? 'opening' : 'topup') : e.reason, e.amount, e.balance, e.reference, currency],
        );
      }
    }
    await tx.query(rows.sql(), rows.params);
    if (item.aggregate === 'complaint') await saveComplaint(tx, item.next, item.loaded?.version ?? null, version, prev, now);
    else await saveShop(tx, item.next, item.loaded?.version ?? null, version, prev, now);
    await syncDeadlines(tx, item, now);
  }
  await writeOutbox(tx, messages, recordedAt);
}

function shopOf(item: GovernanceDecided): string {
  return item.aggregate === 'complaint' ? item.next.shopId : item.next.id;
}

async function saveComplaint(tx: Sql, c: ComplaintState, base: number | null, version: number, hash: string | null, now: string): Promise<void> {
  const cells = [c.shopId, c.id, c.orderId, c.buyerId, c.kind, c.subKind, c.status, c.points, c.deadline?.kind ?? null, c.deadline ? iso(c.deadline.dueAt) : null, iso(c.filedAt), now, version, hash, JSON.stringify(c)];
  const r =
    base === null
      ? await tx.query(
          `INSERT INTO complaints (shop_id, complaint_id, order_id, buyer_id, kind, sub_kind, status, points, deadline_kind, deadline_due, filed_at, updated_at, version, last_hash, state)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15) ON CONFLICT (shop_id, complaint_id) DO NOTHING`,
          cells,
        )
      : await tx.query(
          `UPDATE complaints SET status=$7, points=$8, deadline_kind=$9, deadline_due=$10, updated_at=$12, version=$13, last_hash=$14, state=$15
           WHERE shop_id=$1 AND complaint_id=$2 AND version=$16 AND order_id=$3 AND buyer_id=$4 AND kind=$5 AND sub_kind=$6 AND filed_at=$11`,
          [...cells, base],
        );
  if (r.affectedRows !== 1) throw new ConflictError(`complaint ${c.id} changed concurrently`);
}

async function saveShop(tx: Sql, s: ShopState, base: number | null, version: number, hash: string | null, now: string): Promise<void> {
  const r =
    base === null
      ? await tx.query(`INSERT INTO shop_governance (shop_id, version, last_hash, state, updated_at) VALUES ($1,$2,$3,$4,$5) ON CONFLICT (shop_id) DO NOTHING`, [s.id, version, hash, JSON.stringify(s), now])
      : await tx.query(`UPDATE shop_governance SET version=$2, last_hash=$3, state=$4, updated_at=$5 WHERE shop_id=$1 AND version=$6`, [s.id, version, hash, JSON.stringify(s), now, base]);
  if (r.affectedRows !== 1) throw new ConflictError(`the governance of shop ${s.id} changed concurrently`);
}

/** The deadline rows follow the aggregate's running deadlines (as the cases' do in append.ts). */
async function syncDeadlines(tx: Sql, item: GovernanceDecided, now: string): Promise<void> {
  const pairs: { subject: string; orderId: string; before: Deadline<string> | null; after: Deadline<string> | null }[] = [];
  if (item.aggregate === 'complaint') {
    pairs.push({ subject: complaintStream(item.next.id), orderId: item.next.orderId, before: item.loaded?.state.deadline ?? null, after: item.next.deadline });
  } else {
    for (const kind of SHOP_DEADLINE_KINDS) {
      pairs.push({ subject: `shop:${kind}`, orderId: '', before: item.loaded?.state.deadlines[kind] ?? null, after: item.next.deadlines[kind] });
    }
  }
  const shopId = shopOf(item);
  for (const { subject, orderId, before, after } of pairs) {
    const fired = item.events.some((e) => (e.type === 'ComplaintDeadlineExpired' || e.type === 'ShopDeadlineExpired') && e.kind === before?.kind && e.dueAt === before.dueAt);
    await syncAggregateDeadline(tx, { shopId, orderId, subject, aggregate: item.aggregate, before, after, fired }, now);
  }
}

/** A governance stream's events, oldest first (complaint timelines, history checks). */
export async function governanceStream(sql: Sql, shopId: string, streamId: string) {
  const r = await sql.query<{ stream_id: string; stream_version: number; type: string; data: ComplaintEvent | ShopEvent; actor: unknown; occurred_at: Date; recorded_at: Date; prev_hash: string | null; hash: string }>(
    `SELECT stream_id, stream_version, type, data, actor, occurred_at, recorded_at, prev_hash, hash FROM governance_events
     WHERE shop_id = $1 AND stream_id = $2 ORDER BY stream_version`,
    [shopId, streamId],
  );
  return r.rows;
}
