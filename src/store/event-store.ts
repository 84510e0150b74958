// The event store: loads an order's snapshot (order + cases) and appends a decision's events with
// optimistic concurrency, updating the projections, deadlines and ledger in the same transaction.
import { createHash } from 'node:crypto';
import type { DomainEvent } from '../domain/events.ts';
import { caseIdOf } from '../domain/events.ts';
import type { CaseState, Deadline, OrderContext, OrderState } from '../domain/state.ts';
import type { Actor, Instant } from '../domain/types.ts';
import type { Sql } from './db.ts';
import { orderRefunded } from '../domain/money.ts';
import { writeOutbox, type OutboxMessage } from './outbox.ts';
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
}

/**
 * Everything a command needs, in one round trip: the shop's policy choice, the order's snapshot
 * and its cases. `shop` is null for an unknown shop, `order` for an order not placed yet.
 */
export async function loadForCommand(sql: Sql, shopId: string, orderId: string): Promise<{ shop: ShopRow | null; order: LoadedOrder | null }> {
  const r = await sql.query<{
    policy_pack: string | null;
    overrides: Record<string, unknown> | null;
    state: OrderState | null;
    version: number;
    stream_version: number;
    last_hash: string | null;
    cases: [string, CaseState, string | null][] | null;
  }>(
    `SELECT s.policy_pack, s.overrides, o.state, o.version, o.stream_version, o.last_hash,
            (SELECT json_agg(json_build_array(c.case_id, c.state, c.last_hash)) FROM cases c WHERE c.shop_id = $1 AND c.order_id = $2) AS cases
     FROM (SELECT $1::text AS shop_id) k
     LEFT JOIN shops s ON s.shop_id = k.shop_id
     LEFT JOIN orders o ON o.shop_id = k.shop_id AND o.order_id = $2`,
    [shopId, orderId],
  );
  const row = r.rows[0]!;
  const shop = row.policy_pack ? { policy_pack: row.policy_pack, overrides: row.overrides ?? {} } : null;
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

/**
 * Appends events and updates everything derived from them, or throws ConflictError when another
 * writer got to the order first (its version moved, or a stream position is taken).
 */
export async function appendDecision(
  tx: Sql,
  loaded: LoadedOrder | null,
  next: OrderContext,
  events: readonly DomainEvent[],
  actor: Actor,
  recordedAt: Instant,
): Promise<{ version: number }> {
  const order = next.order!;
  const shopId = order.shopId;
  const orderId = order.id;
  const prevCtx = loaded?.ctx ?? { order: null, cases: {} };
  const baseVersion = loaded?.version ?? 0;
  const version = baseVersion + events.length;

  // Stream positions and hash chains.
  let orderStreamVersion = loaded?.streamVersion ?? 0;
  let orderHash = loaded?.lastHash ?? null;
  const caseVersions: Record<string, number> = {};
  const caseHashes: Record<string, string | null> = { ...(loaded?.caseHashes ?? {}) };
  const params: unknown[] = [];
  const values: string[] = [];
  const messages: OutboxMessage[] = [];
  const actorJson = JSON.stringify(actor);
  events.forEach((e, i) => {
    const caseId = caseIdOf(e);
    let streamId: string;
    let streamVersion: number;
    let prev: string | null;
    if (caseId) {
      streamId = `case:${caseId}`;
      streamVersion = (caseVersions[caseId] ?? prevCtx.cases[caseId]?.version ?? 0) + 1;
      caseVersions[caseId] = streamVersion;
      prev = caseHashes[caseId] ?? null;
    } else {
      streamId = `order:${orderId}`;
      streamVersion = ++orderStreamVersion;
      prev = orderHash;
    }
    const occurredAt = iso(e.at);
    const hash = eventHash(prev, { streamId, streamVersion, type: e.type, data: e, occurredAt });
    if (caseId) caseHashes[caseId] = hash;
    else orderHash = hash;
    const b = params.length;
    values.push(`($${b + 1},$${b + 2},$${b + 3},$${b + 4},$${b + 5},$${b + 6},$${b + 7},$${b + 8},$${b + 9},$${b + 10},$${b + 11},$${b + 12})`);
    params.push(shopId, orderId, baseVersion + i + 1, streamId, streamVersion, e.type, JSON.stringify(e), actorJson, occurredAt, iso(recordedAt), prev, hash);
    messages.push({ streamId, type: e.type, eventSeq: baseVersion + i + 1 });
  });

  const orderRow = [
    shopId,
    orderId,
    order.buyerId,
    order.status,
    version,
    orderStreamVersion,
    orderHash,
    order.autoConfirm.dueAt === null ? null : iso(order.autoConfirm.dueAt),
    orderRefunded(order),
    order.compensation,
    JSON.stringify(order),
    iso(recordedAt),
  ];
  if (!loaded) {
    const r = await tx.query(
      `INSERT INTO orders (shop_id, order_id, buyer_id, status, version, stream_version, last_hash, auto_confirm_at, refunded, compensation, state, updated_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) ON CONFLICT (shop_id, order_id) DO NOTHING`,
      orderRow,
    );
    if (r.affectedRows === 0) throw new ConflictError(`order ${orderId} was created concurrently`);
  } else {
    const r = await tx.query(
      `UPDATE orders SET buyer_id=$3, status=$4, version=$5, stream_version=$6, last_hash=$7, auto_confirm_at=$8, refunded=$9,
         compensation=$10, state=$11, updated_at=$12
       WHERE shop_id=$1 AND order_id=$2 AND version=$13`,
      [...orderRow, baseVersion],
    );
    if (r.affectedRows === 0) throw new ConflictError(`order ${orderId} changed concurrently`);
  }
  if (values.length) {
    await tx.query(
      `INSERT INTO events (shop_id, order_id, seq, stream_id, stream_version, type, data, actor, occurred_at, recorded_at, prev_hash, hash)
       VALUES ${values.join(',')}`,
      params,
    );
  }

  for (const caseId of Object.keys(caseVersions)) {
    const c = next.cases[caseId]!;
    await tx.query(
      `INSERT INTO cases (shop_id, case_id, order_id, buyer_id, type, reason, status, phase, amount, refunded, liability, closed_reason,
         deadline_kind, deadline_due, applied_at, updated_at, version, last_hash, state)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19)
       ON CONFLICT (shop_id, case_id) DO UPDATE SET type=EXCLUDED.type, reason=EXCLUDED.reason, status=EXCLUDED.status,
         amount=EXCLUDED.amount, refunded=EXCLUDED.refunded, liability=EXCLUDED.liability, closed_reason=EXCLUDED.closed_reason,
         deadline_kind=EXCLUDED.deadline_kind, deadline_due=EXCLUDED.deadline_due, updated_at=EXCLUDED.updated_at,
         version=EXCLUDED.version, last_hash=EXCLUDED.last_hash, state=EXCLUDED.state`,
      [
        shopId,
        caseId,
        orderId,
        c.buyerId,
        c.type,
        c.reason,
        c.status,
        c.phase,
        c.amount,
        c.refunded,
        c.liability,
        c.status === 'closed' ? c.closedReason : null,
        c.deadline?.kind ?? null,
        c.deadline ? iso(c.deadline.dueAt) : null,
        iso(c.appliedAt),
        iso(recordedAt),
        c.version,
        caseHashes[caseId],
        JSON.stringify(c),
      ],
    );
  }

  await syncDeadlines(tx, shopId, orderId, prevCtx, next, events, recordedAt);
  await writeOutbox(tx, shopId, orderId, messages, recordedAt);
  await recordRefunds(tx, shopId, orderId, events, recordedAt);

  for (const [i, e] of events.entries()) {
    if (e.type !== 'CompensationPaid' && e.type !== 'ClaimRecorded') continue;
    const id = `${orderId}:${baseVersion + i + 1}`;
    // Double entry: every ledger event writes two rows that sum to zero.
    const [creditTo, debitFrom, kind] =
      e.type === 'CompensationPaid' ? ['buyer_credit', 'merchant_deposit', e.kind] : [`${e.against}_claim`, 'platform_advance', 'advance_payment'];
    await tx.query(
      `INSERT INTO ledger (shop_id, entry_id, order_id, case_id, account, kind, amount, at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8), ($1,$9,$3,$4,$10,$6,$11,$8)`,
      [shopId, `${id}:credit`, orderId, e.forCase, creditTo, kind, e.amount, iso(e.at), `${id}:debit`, debitFrom, -e.amount],
    );
  }
  return { version };
}

type AnyDeadline = Deadline<string>;

async function syncDeadlines(
  tx: Sql,
  shopId: string,
  orderId: string,
  prev: OrderContext,
  next: OrderContext,
  events: readonly DomainEvent[],
  now: Instant,
): Promise<void> {
  const subjects: [string, AnyDeadline | null, AnyDeadline | null][] = [['order', prev.order?.deadline ?? null, next.order?.deadline ?? null]];
  for (const id of Object.keys(next.cases)) {
    subjects.push([id, prev.cases[id]?.deadline ?? null, next.cases[id]!.deadline]);
  }
  // Every change in one statement: old deadlines fired or cancelled, new ones inserted.
  const params: unknown[] = [shopId, orderId, iso(now)];
  const ends: string[] = [];
  const starts: string[] = [];
  const p = (v: unknown) => `$${params.push(v)}`;
  for (const [subject, before, after] of subjects) {
    const same = before && after && before.kind === after.kind && before.dueAt === after.dueAt;
    if (before && !same) {
      const fired = events.some(
        (e) =>
          (e.type === 'CaseDeadlineExpired' && e.caseId === subject && e.kind === before.kind && e.dueAt === before.dueAt) ||
          (e.type === 'OrderDeadlineExpired' && subject === 'order' && e.kind === before.kind && e.dueAt === before.dueAt),
      );
      ends.push(`(${p(subject)}, ${p(before.kind)}, ${p(iso(before.dueAt))}::timestamptz, ${p(fired ? 'fired' : 'cancelled')})`);
    }
    if (after && !same) {
      starts.push(`($1, $2, ${p(subject)}, ${p(after.kind)}, ${p(iso(after.dueAt))}::timestamptz, ${p(after.policyVersion)}, 'pending', $3::timestamptz, ${p(after.remindAt ? iso(after.remindAt) : null)}::timestamptz)`);
    }
  }
  if (!ends.length && !starts.length) return;
  const end = ends.length
    ? `UPDATE deadlines d SET status = v.status, fired_at = CASE WHEN v.status = 'fired' THEN $3::timestamptz END
       FROM (VALUES ${ends.join(',')}) v(subject, kind, due_at, status)
       WHERE d.shop_id = $1 AND d.order_id = $2 AND d.subject = v.subject AND d.kind = v.kind AND d.due_at = v.due_at AND d.status = 'pending'`
    : '';
  // The insert reads the update's result, so the update has finished before a new pending row
  // meets the one-pending-per-subject index (sub-statements of a WITH otherwise run in any order).
  const start = starts.length
    ? `INSERT INTO deadlines (shop_id, order_id, subject, kind, due_at, policy_version, status, created_at, remind_at)
       SELECT * FROM (VALUES ${starts.join(',')}) v ${ends.length ? 'WHERE (SELECT count(*) FROM ended) >= 0' : ''}
       ON CONFLICT (shop_id, order_id, subject, kind, due_at) DO UPDATE SET status = 'pending', fired_at = NULL, lease_until = NULL,
         policy_version = EXCLUDED.policy_version, remind_at = EXCLUDED.remind_at, reminded_at = NULL`
    : '';
  await tx.query(end && start ? `WITH ended AS (${end} RETURNING 1) ${start}` : end || start, params);
}

/** Refunds the decider asked for become rows the refund executor works through (SPEC §5). */
async function recordRefunds(tx: Sql, shopId: string, orderId: string, events: readonly DomainEvent[], now: Instant): Promise<void> {
  for (const e of events) {
    if (e.type === 'RefundRequested') {
      await tx.query(
        `INSERT INTO refunds (shop_id, refund_id, order_id, case_id, amount, next_attempt_at, created_at) VALUES ($1,$2,$3,$4,$5,$6,$6)`,
        [shopId, e.plan.refundId, orderId, e.caseId, e.plan.total, iso(now)],
      );
    } else if (e.type === 'RefundCompleted') {
      await tx.query(`UPDATE refunds SET status = 'succeeded', completed_at = $3, lease_until = NULL WHERE shop_id = $1 AND refund_id = $2`, [
        shopId,
        e.refundId,
        iso(now),
      ]);
    }
  }
}

export interface DueDeadline {
  shopId: string;
  orderId: string;
  subject: string;
  kind: string;
  dueAt: Instant;
}

/** Pending deadlines due at or before `upTo`, earliest first. */
export async function dueDeadlines(sql: Sql, upTo: Instant, limit: number): Promise<DueDeadline[]> {
  const r = await sql.query<{ shop_id: string; order_id: string; subject: string; kind: string; due_at: Date }>(
    `SELECT shop_id, order_id, subject, kind, due_at FROM deadlines
     WHERE status = 'pending' AND due_at <= $1 ORDER BY due_at, shop_id, order_id, subject LIMIT $2`,
    [iso(upTo), limit],
  );
  return r.rows.map((x) => ({ shopId: x.shop_id, orderId: x.order_id, subject: x.subject, kind: x.kind, dueAt: toMs(x.due_at) }));
}

/** Marks a deadline that no longer matches its subject's state (a stale one) so it is not retried. */
export async function markStale(sql: Sql, d: DueDeadline, now: Instant): Promise<void> {
  await sql.query(
    `UPDATE deadlines SET status='stale', fired_at=$6 WHERE shop_id=$1 AND order_id=$2 AND subject=$3 AND kind=$4 AND due_at=$5 AND status='pending'`,
    [d.shopId, d.orderId, d.subject, d.kind, iso(d.dueAt), iso(now)],
  );
}

