// The event store: loads an order's snapshot (order + cases) and appends a decision's events with
// optimistic concurrency, updating the projections, deadlines and ledger in the same transaction.
import { createHash } from 'node:crypto';
import type { CaseState, OrderContext, OrderState } from '../domain/state.ts';
import type { Instant } from '../domain/types.ts';
import type { Sql } from './db.ts';
import { iso, toMs } from './time.ts';

export class ConflictError extends Error {
  constructor(message = 'concurrent change') {
    super(message);
  }
}

export interface LoadedOrder {
  ctx: OrderContext;
  version: number;
  streamVersion: number;
  lastHash: string | null;
  caseHashes: Record<string, string | null>;
}


/** Stable JSON (sorted keys) so a hash never depends on key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function eventHash(prev: string | null, e: { streamId: string; streamVersion: number; type: string; data: unknown; occurredAt: string }): string {
  return createHash('sha256')
    .update(`${prev ?? ''}\n${canonicalJson({ s: e.streamId, v: e.streamVersion, t: e.type, d: e.data, o: e.occurredAt })}`)
    .digest('hex');
}

export interface ShopRow {
  policy_pack: string;
  overrides: Record<string, unknown>;
  /** A sandbox shop's test clock (ms); null for a live shop. */
  sandboxClock: Instant | null;
  /** Where the shop takes goods back unless an agree names another address; null when unset. */
  returnAddress: string | null;
}

/**
 * Everything commands need, in one round trip: for each (shop, order) the shop's policy choice,
 * the order's snapshot and its cases. `shop` is null for an unknown shop, `order` for an order not
 * placed yet. Many keys at once serve the deadline runner's batches.
 */
export async function loadForCommands(
  sql: Sql,
  keys: readonly { shopId: string; orderId: string }[],
): Promise<{ shop: ShopRow | null; order: LoadedOrder | null }[]> {
  const shops = [...new Set(keys.map((k) => k.shopId))];
  const rows: (LoadedRow & { shop_id: string; order_id: string })[] = [];
  if (shops.length === 1 || sql.citus) {
    // One shop per statement, named by a parameter: on Citus it routes to that shop's shard.
    for (const shopId of shops) {
      const r = await sql.query<LoadedRow & { shop_id: string; order_id: string }>(
        `SELECT $1::text AS shop_id, k.order_id, s.policy_pack, s.overrides, s.sandbox_clock, s.return_address, o.state, o.version, o.stream_version, o.last_hash,
                (SELECT json_agg(json_build_array(c.case_id, c.state, c.last_hash)) FROM cases c WHERE c.shop_id = $1 AND c.order_id = k.order_id) AS cases
         FROM unnest($2::text[]) AS k(order_id)
         LEFT JOIN shops s ON s.shop_id = $1
         LEFT JOIN orders o ON o.shop_id = $1 AND o.order_id = k.order_id`,
        [shopId, keys.filter((k) => k.shopId === shopId).map((k) => k.orderId)],
      );
      rows.push(...r.rows);
    }
  } else {
    const r = await sql.query<LoadedRow & { shop_id: string; order_id: string }>(
      `SELECT k.shop_id, k.order_id, s.policy_pack, s.overrides, s.sandbox_clock, s.return_address, o.state, o.version, o.stream_version, o.last_hash,
              (SELECT json_agg(json_build_array(c.case_id, c.state, c.last_hash)) FROM cases c WHERE c.shop_id = k.shop_id AND c.order_id = k.order_id) AS cases
       FROM unnest($1::text[], $2::text[]) AS k(shop_id, order_id)
       LEFT JOIN shops s ON s.shop_id = k.shop_id
       LEFT JOIN orders o ON o.shop_id = k.shop_id AND o.order_id = k.order_id`,
      [keys.map((k) => k.shopId), keys.map((k) => k.orderId)],
    );
    rows.push(...r.rows);
  }
  const byKey = new Map(rows.map((row) => [`${row.shop_id}\u0000${row.order_id}`, row]));
  return keys.map((k) => toLoaded(byKey.get(`${k.shopId}\u0000${k.orderId}`)!));
}

interface LoadedRow {
  sandbox_clock: Date | null;
  return_address: string | null;
  policy_pack: string | null;
  overrides: Record<string, unknown> | null;
  state: OrderState | null;
  version: number;
  stream_version: number;
  last_hash: string | null;
  cases: [string, CaseState, string | null][] | null;
}

function toLoaded(row: LoadedRow): { shop: ShopRow | null; order: LoadedOrder | null } {
  const shop = row.policy_pack
    ? { policy_pack: row.policy_pack, overrides: row.overrides ?? {}, sandboxClock: row.sandbox_clock ? toMs(row.sandbox_clock) : null, returnAddress: row.return_address ?? null }
    : null;
  if (!row.state) return { shop, order: null };
  const cases: Record<string, CaseState> = {};
  const caseHashes: Record<string, string | null> = {};
  for (const [id, state, hash] of row.cases ?? []) {
    cases[id] = state;
    caseHashes[id] = hash;
  }
  return {
    shop,
    order: { ctx: { order: row.state, cases }, version: row.version, streamVersion: row.stream_version, lastHash: row.last_hash, caseHashes },
  };
}

export async function loadForCommand(sql: Sql, shopId: string, orderId: string): Promise<{ shop: ShopRow | null; order: LoadedOrder | null }> {
  return (await loadForCommands(sql, [{ shopId, orderId }]))[0]!;
}

export async function loadOrder(sql: Sql, shopId: string, orderId: string): Promise<LoadedOrder | null> {
  return (await loadForCommand(sql, shopId, orderId)).order;
}

export async function locateCase(sql: Sql, caseId: string, shopId?: string): Promise<{ shopId: string; orderId: string } | null> {
  const r = shopId
    ? await sql.query<{ shop_id: string; order_id: string }>('SELECT shop_id, order_id FROM cases WHERE shop_id = $1 AND case_id = $2', [shopId, caseId])
    : await sql.query<{ shop_id: string; order_id: string }>('SELECT shop_id, order_id FROM cases WHERE case_id = $1', [caseId]);
  const row = r.rows[0];
  return row ? { shopId: row.shop_id, orderId: row.order_id } : null;
}

/** Which aggregate a deadline belongs to: an order (or one of its cases), a complaint, a shop, the platform's cycle (SPEC §8), a ticket (SPEC §10.1), a claim (SPEC §13). */
export type DeadlineAggregate = 'order' | 'complaint' | 'shop' | 'platform' | 'ticket' | 'claim';

export interface DueDeadline {
  shopId: string;
  orderId: string;
  subject: string;
  kind: string;
  dueAt: Instant;
  /** Absent means 'order' (the cases' and orders' deadlines). */
  aggregate?: DeadlineAggregate;
}

/** Pending deadlines due at or before `upTo`, earliest first (of one shop, when given). */
export async function dueDeadlines(sql: Sql, upTo: Instant, limit: number, shopId?: string): Promise<DueDeadline[]> {
  const r = await sql.query<{ shop_id: string; order_id: string; subject: string; kind: string; due_at: Date; aggregate: DeadlineAggregate }>(
    `SELECT shop_id, order_id, subject, kind, due_at, aggregate FROM deadlines
     WHERE status = 'pending' AND due_at <= $1 AND ($3::text IS NULL OR shop_id = $3)
     ORDER BY due_at, shop_id, order_id, subject LIMIT $2`,
    [iso(upTo), limit, shopId ?? null],
  );
  return r.rows.map((x) => ({ shopId: x.shop_id, orderId: x.order_id, subject: x.subject, kind: x.kind, dueAt: toMs(x.due_at), aggregate: x.aggregate }));
}

/** Gives a claimed deadline back (a transient failure): any runner may take it again now. */
export async function releaseLease(sql: Sql, d: DueDeadline): Promise<void> {
  await sql.query(
    `UPDATE deadlines SET lease_until = NULL WHERE shop_id=$1 AND order_id=$2 AND subject=$3 AND kind=$4 AND due_at=$5 AND status='pending'`,
    [d.shopId, d.orderId, d.subject, d.kind, iso(d.dueAt)],
  );
}

/** Marks a deadline that no longer matches its subject's state (a stale one) so it is not retried. */
export async function markStale(sql: Sql, d: DueDeadline, now: Instant): Promise<void> {
  await sql.query(
    `UPDATE deadlines SET status='stale', fired_at=$6 WHERE shop_id=$1 AND order_id=$2 AND subject=$3 AND kind=$4 AND due_at=$5 AND status='pending'`,
    [d.shopId, d.orderId, d.subject, d.kind, iso(d.dueAt), iso(now)],
  );
}

