// The deadline row of an aggregate that is not an order (complaints, shops, claims) follows its
// running deadline: the one it ran is marked fired (an expiry event names it) or cancelled, the new
// one is inserted pending — in the caller's transaction, as the cases' deadlines are (append.ts).
import type { Deadline } from '../domain/state.ts';
import type { Sql } from './db.ts';
import type { DeadlineAggregate } from './event-store.ts';
import { iso, toMs } from './time.ts';

export interface DeadlineChange {
  shopId: string;
  orderId: string;
  subject: string;
  aggregate: DeadlineAggregate;
  before: Deadline<string> | null;
  after: Deadline<string> | null;
  /** The decision's events fired `before` (else a change cancels it). */
  fired: boolean;
}

export async function syncAggregateDeadline(tx: Sql, d: DeadlineChange, now: string): Promise<void> {
  const { shopId, orderId, subject, before, after } = d;
  if (before && after && before.kind === after.kind && before.dueAt === after.dueAt) return;
  if (before) {
    await tx.query(
      `UPDATE deadlines SET status = $6, fired_at = CASE WHEN $6 = 'fired' THEN $7::timestamptz END
       WHERE shop_id=$1 AND order_id=$2 AND subject=$3 AND kind=$4 AND due_at=$5 AND status='pending'`,
      [shopId, orderId, subject, before.kind, iso(before.dueAt), d.fired ? 'fired' : 'cancelled', now],
    );
  }
  if (after) {
    await tx.query(
      `INSERT INTO deadlines (shop_id, order_id, subject, kind, due_at, policy_version, status, created_at, remind_at, aggregate)
       VALUES ($1,$2,$3,$4,$5,$6,'pending',$7,$8,$9)
       ON CONFLICT (shop_id, order_id, subject, kind, due_at) DO UPDATE SET status = 'pending', fired_at = NULL, lease_until = NULL,
         policy_version = EXCLUDED.policy_version, remind_at = EXCLUDED.remind_at, reminded_at = NULL`,
      [shopId, orderId, subject, after.kind, iso(after.dueAt), after.policyVersion, now, after.remindAt ? iso(after.remindAt) : null, d.aggregate],
    );
  }
}

export type DueKey = { due: string; filed: string; id: string };

/**
 * One page of a projection ordered by its running deadline (nearest first, none last), then its
 * filing instant, then its id — keyset paging on (deadline_due or 'infinity', filed_at, id).
 * `where` are conditions on `params` (as $n); the id column names the aggregate.
 */
export async function pageByDue<S>(sql: Sql, table: string, idColumn: string, where: string[], params: unknown[], limit: number, after?: DueKey): Promise<{ rows: S[]; next: DueKey | null }> {
  const add = (v: unknown) => `$${params.push(v)}`;
  const key = `coalesce(deadline_due, 'infinity'::timestamptz)`;
  const conditions = [...where];
  if (after) conditions.push(`(${key}, filed_at, ${idColumn}) > (${add(after.due)}::timestamptz, ${add(after.filed)}::timestamptz, ${add(after.id)})`);
  const r = await sql.query<{ state: S; due: Date | string | null; filed_at: Date; id: string }>(
    `SELECT state, deadline_due AS due, filed_at, ${idColumn} AS id FROM ${table} ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
     ORDER BY ${key}, filed_at, ${idColumn} LIMIT ${add(limit + 1)}`,
    params,
  );
  const rows = r.rows.slice(0, limit);
  const last = rows.at(-1);
  const next = r.rows.length > limit && last ? { due: last.due === null ? 'infinity' : iso(toMs(last.due)), filed: iso(toMs(last.filed_at)), id: last.id } : null;
  return { rows: rows.map((x) => x.state), next };
}
