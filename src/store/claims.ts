// SPEC §13 claims in the store: each claim's stream (claim:<id>, hash-chained in governance_events),
// its projection (claims), its durable deadline in the one deadlines table the runner claims from
// (aggregate 'claim'), its money as double entries in the ledger (SPEC §6 shape) and its outbox
// messages, all written in the caller's transaction.
import { writeLedgerPair } from './ledger.ts';
import type { ClaimEvent } from '../domain/claim/events.ts';
import type { ClaimState } from '../domain/claim/types.ts';
import type { Actor, Instant } from '../domain/types.ts';
import { pageByDue, syncAggregateDeadline, type DueKey } from './aggregate-deadline.ts';
import type { Sql } from './db.ts';
import { ConflictError } from './event-store.ts';
import type { Loaded } from './governance.ts';
import { writeOutbox, type OutboxMessage } from './outbox.ts';
import { StreamRows } from './stream-rows.ts';
import { iso, toMs } from './time.ts';

export const claimStream = (claimId: string) => `claim:${claimId}`;

type Row = { state: ClaimState; version: number; last_hash: string | null };

/** A claim by id (of one shop, when given). */
export async function loadClaim(sql: Sql, claimId: string, shopId?: string): Promise<Loaded<ClaimState> | null> {
  const r = await sql.query<Row>(`SELECT state, version, last_hash FROM claims WHERE claim_id = $1 AND ($2::text IS NULL OR shop_id = $2)`, [claimId, shopId ?? null]);
  const x = r.rows[0];
  return x ? { state: x.state, version: x.version, lastHash: x.last_hash } : null;
}

/** Every claim of an order, whatever its status. */
export async function claimsOfOrder(sql: Sql, shopId: string, orderId: string): Promise<ClaimState[]> {
  const r = await sql.query<{ state: ClaimState }>(`SELECT state FROM claims WHERE shop_id = $1 AND order_id = $2 ORDER BY filed_at, claim_id`, [shopId, orderId]);
  return r.rows.map((x) => x.state);
}

export interface ClaimQuery {
  shop?: string;
  buyer?: string;
  kinds?: string[];
  statuses?: string[];
  limit: number;
  /** Keyset: the last row's (deadline due or 'infinity', filed_at, claim_id). */
  after?: DueKey;
}

/** Claims by running deadline (nearest first; none last), then filed time, then id. */
export async function queryClaims(sql: Sql, q: ClaimQuery): Promise<{ rows: ClaimState[]; next: DueKey | null }> {
  const params: unknown[] = [];
  const add = (v: unknown) => `$${params.push(v)}`;
  const where: string[] = [];
  if (q.shop !== undefined) where.push(`shop_id = ${add(q.shop)}`);
  if (q.buyer !== undefined) where.push(`buyer_id = ${add(q.buyer)}`);
  if (q.kinds?.length) where.push(`kind = ANY(${add(q.kinds)}::text[])`);
  if (q.statuses?.length) where.push(`status = ANY(${add(q.statuses)}::text[])`);
  return pageByDue<ClaimState>(sql, 'claims', 'claim_id', where, params, q.limit, q.after);
}

export interface ClaimLedgerRow {
  entryId: string;
  account: string;
  kind: string;
  amount: number;
  at: Instant;
}

/** The ledger rows a claim wrote (two a movement: credit +, debit −), oldest first. */
export async function claimLedger(sql: Sql, shopId: string, claimId: string): Promise<ClaimLedgerRow[]> {
  const r = await sql.query<{ entry_id: string; account: string; kind: string; amount: number; at: Date }>(
    `SELECT entry_id, account, kind, amount, at FROM ledger WHERE shop_id = $1 AND entry_id LIKE $2 ORDER BY at, entry_id`,
    [shopId, `${claimStream(claimId)}:%`],
  );
  return r.rows.map((x) => ({ entryId: x.entry_id, account: x.account, kind: x.kind, amount: Number(x.amount), at: toMs(x.at) }));
}

export interface ClaimDecided {
  loaded: Loaded<ClaimState> | null;
  next: ClaimState;
  events: readonly ClaimEvent[];
  actor: Actor;
}

/** A webhook message for an event (SPEC §10.5), or none: the app's mapping. */
export type ClaimNotify = (d: ClaimDecided, e: ClaimEvent, streamVersion: number) => { type: string; payload: unknown } | null;

/**
 * Appends a claim decision's events with its projection, ledger rows, deadline and outbox messages,
 * in the caller's transaction. A projection that moved since it was loaded throws ConflictError.
 */
export async function appendClaim(tx: Sql, d: ClaimDecided, recordedAt: Instant, notify: ClaimNotify): Promise<void> {
  if (d.events.length === 0) return;
  const now = iso(recordedAt);
  const c = d.next;
  const streamId = claimStream(c.id);
  const rows = new StreamRows();
  const messages: OutboxMessage[] = [];
  const actorJson = JSON.stringify(d.actor);
  let version = d.loaded?.version ?? 0;
  let prev = d.loaded?.lastHash ?? null;
  for (const e of d.events) {
    version++;
    prev = rows.add(c.shopId, streamId, version, e, actorJson, now, prev);
    const m = notify(d, e, version);
    if (m) messages.push({ shopId: c.shopId, orderId: c.orderId, streamId, type: m.type, payload: m.payload });
    const money = 'money' in e ? e.money : null;
    if (money) {
      const id = `${streamId}:${version}`;
      await writeLedgerPair(tx, { shopId: c.shopId, id, orderId: c.orderId, caseId: c.caseId, credit: money.credit, debit: money.debit, kind: money.kind, amount: money.amount, at: e.at, currency: c.currency });
    }
  }
  await tx.query(rows.sql(), rows.params);
  await saveClaim(tx, c, d.loaded?.version ?? null, version, prev, now);
  const before = d.loaded?.state.deadline ?? null;
  const fired = d.events.some((e) => e.type === 'ClaimDeadlineExpired' && e.kind === before?.kind && e.dueAt === before.dueAt);
  await syncAggregateDeadline(tx, { shopId: c.shopId, orderId: c.orderId, subject: streamId, aggregate: 'claim', before, after: c.deadline, fired }, now);
  await writeOutbox(tx, messages, recordedAt);
}

async function saveClaim(tx: Sql, c: ClaimState, base: number | null, version: number, hash: string | null, now: string): Promise<void> {
  const cells = [c.shopId, c.id, c.kind, c.orderId, c.caseId, c.buyerId, c.status, c.amount, c.deadline?.kind ?? null, c.deadline ? iso(c.deadline.dueAt) : null, iso(c.filedAt), now, version, hash, JSON.stringify(c)];
  const r =
    base === null
      ? await tx.query(
          `INSERT INTO claims (shop_id, claim_id, kind, order_id, case_id, buyer_id, status, amount, deadline_kind, deadline_due, filed_at, updated_at, version, last_hash, state)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15) ON CONFLICT (shop_id, claim_id) DO NOTHING`,
          cells,
        )
      : await tx.query(
          `UPDATE claims SET status=$7, amount=$8, deadline_kind=$9, deadline_due=$10, updated_at=$12, version=$13, last_hash=$14, state=$15
           WHERE shop_id=$1 AND claim_id=$2 AND version=$16 AND kind=$3 AND order_id=$4 AND case_id IS NOT DISTINCT FROM $5::text AND buyer_id=$6 AND filed_at=$11`,
          [...cells, base],
        );
  if (r.affectedRows !== 1) throw new ConflictError(`claim ${c.id} changed concurrently`);
}

/** A claim's events, oldest first (its timeline). */
export async function claimHistory(sql: Sql, shopId: string, claimId: string): Promise<{ type: string; data: ClaimEvent; actor: Actor }[]> {
  const r = await sql.query<{ type: string; data: ClaimEvent; actor: Actor }>(
    `SELECT type, data, actor FROM governance_events WHERE shop_id = $1 AND stream_id = $2 ORDER BY stream_version`,
    [shopId, claimStream(claimId)],
  );
  return r.rows;
}
