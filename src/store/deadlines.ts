// Claiming due deadlines and reminders (SPEC §4 超时机制) across runner processes: FOR UPDATE SKIP
// LOCKED and a lease, so two runners never hold the same one. Sandbox shops' deadlines are left to
// their test clocks.
import type { Instant } from '../domain/types.ts';
import type { Sql } from './db.ts';
import type { DeadlineAggregate, DueDeadline } from './event-store.ts';
import { iso, toMs } from './time.ts';

type Row = { shop_id: string; order_id: string; subject: string; kind: string; due_at: Date; aggregate: DeadlineAggregate };
const toDue = (x: Row): DueDeadline => ({ shopId: x.shop_id, orderId: x.order_id, subject: x.subject, kind: x.kind, dueAt: toMs(x.due_at), aggregate: x.aggregate });

/** Claims up to `limit` due deadlines no other runner holds, for `leaseMs`, earliest first. */
export async function claimDeadlines(sql: Sql, now: Instant, limit: number, leaseMs = 60_000): Promise<DueDeadline[]> {
  if (sql.citus) return claimOnShards(sql, 'lease_until = $2', [iso(now), iso(now + leaseMs)], `SELECT shop_id, order_id, subject, kind, due_at FROM deadlines
     WHERE status = 'pending' AND due_at <= $1 AND (lease_until IS NULL OR lease_until < $1) AND ${LIVE} ORDER BY due_at LIMIT ${Number(limit)}`,
    'due_at <= $1 AND (lease_until IS NULL OR lease_until < $1)');
  const r = await sql.query<Row>(
    `UPDATE deadlines d SET lease_until = $2
     FROM (SELECT shop_id, order_id, subject, kind, due_at FROM deadlines
           WHERE status = 'pending' AND due_at <= $1 AND (lease_until IS NULL OR lease_until < $1)
             AND NOT EXISTS (SELECT 1 FROM shops s WHERE s.shop_id = deadlines.shop_id AND s.sandbox_clock IS NOT NULL)
           ORDER BY due_at LIMIT $3 FOR UPDATE SKIP LOCKED) c
     WHERE d.shop_id = c.shop_id AND d.order_id = c.order_id AND d.subject = c.subject AND d.kind = c.kind AND d.due_at = c.due_at
     RETURNING d.shop_id, d.order_id, d.subject, d.kind, d.due_at, d.aggregate`,
    [iso(now), iso(now + leaseMs), limit],
  );
  return r.rows.map(toDue).sort((a, b) => a.dueAt - b.dueAt);
}

/** Marks up to `limit` due reminders sent and returns their deadlines (call inside the transaction that writes them). */
export async function claimReminders(tx: Sql, now: Instant, limit: number): Promise<DueDeadline[]> {
  if (tx.citus) return claimOnShards(tx, 'reminded_at = $1', [iso(now)], `SELECT shop_id, order_id, subject, kind, due_at FROM deadlines
     WHERE status = 'pending' AND reminded_at IS NULL AND remind_at <= $1 AND ${LIVE} ORDER BY remind_at LIMIT ${Number(limit)}`,
    'reminded_at IS NULL AND remind_at <= $1');
  const r = await tx.query<Row>(
    `UPDATE deadlines d SET reminded_at = $1
     FROM (SELECT shop_id, order_id, subject, kind, due_at FROM deadlines
           WHERE status = 'pending' AND reminded_at IS NULL AND remind_at <= $1
             AND NOT EXISTS (SELECT 1 FROM shops s WHERE s.shop_id = deadlines.shop_id AND s.sandbox_clock IS NOT NULL)
           ORDER BY remind_at LIMIT $2 FOR UPDATE SKIP LOCKED) c
     WHERE d.shop_id = c.shop_id AND d.order_id = c.order_id AND d.subject = c.subject AND d.kind = c.kind AND d.due_at = c.due_at
     RETURNING d.shop_id, d.order_id, d.subject, d.kind, d.due_at, d.aggregate`,
    [iso(now), limit],
  );
  return r.rows.map(toDue);
}

/** Not a sandbox shop's (those wait for their test clocks). */
const LIVE = 'NOT EXISTS (SELECT 1 FROM shops s WHERE s.shop_id = deadlines.shop_id AND s.sandbox_clock IS NOT NULL)';

/**
 * docs/scaling.md (Citus): a multi-shard statement takes no row locks (no FOR UPDATE), so the claim
 * is two steps. Read the due rows without locking (all shards in parallel), then claim them shop by
 * shop with an UPDATE naming the shop (one shard) that checks the same conditions again: a row
 * another runner claimed meanwhile fails the check (the UPDATE waits for its lock, then re-reads
 * it), so no deadline is claimed twice while its lease lasts.
 */
async function claimOnShards(sql: Sql, set: string, params: unknown[], candidates: string, recheck: string): Promise<DueDeadline[]> {
  const found = await sql.query<Row>(candidates, params.slice(0, 1));
  const byShop = new Map<string, Row[]>();
  for (const x of found.rows) byShop.set(x.shop_id, [...(byShop.get(x.shop_id) ?? []), x]);
  const claimed: DueDeadline[] = [];
  for (const [shopId, rows] of byShop) {
    const b = params.length;
    const r = await sql.query<Row>(
      `UPDATE deadlines SET ${set}
       WHERE shop_id = $${b + 1} AND status = 'pending' AND ${recheck}
         AND (order_id, subject, kind, due_at) IN (SELECT * FROM unnest($${b + 2}::text[], $${b + 3}::text[], $${b + 4}::text[], $${b + 5}::timestamptz[]))
       RETURNING shop_id, order_id, subject, kind, due_at, aggregate`,
      [...params, shopId, rows.map((x) => x.order_id), rows.map((x) => x.subject), rows.map((x) => x.kind), rows.map((x) => x.due_at)],
    );
    claimed.push(...r.rows.map(toDue));
  }
  return claimed.sort((a, c) => a.dueAt - c.dueAt);
}
