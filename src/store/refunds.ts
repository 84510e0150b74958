// Refund rows (one per refund the engine asked for) and the simulated provider's own books.
import type { Fen, Instant } from '../domain/types.ts';
import type { Sql } from './db.ts';
import { iso, toMs } from './time.ts';

export interface RefundRow {
  shopId: string;
  refundId: string;
  orderId: string;
  caseId: string;
  amount: number;
  attempts: number;
}

/** Claims one due refund (optionally a given one) for `leaseMs`, or null when none is due. */
export async function claimRefund(sql: Sql, now: Instant, leaseMs: number, only?: { shopId: string; refundId: string }): Promise<RefundRow | null> {
  if (sql.citus) return claimRefundOnShards(sql, now, leaseMs, only);
  const r = await sql.query<Claimed>(
    `UPDATE refunds SET lease_until = $2
     WHERE (shop_id, refund_id) = (
       SELECT shop_id, refund_id FROM refunds
       WHERE status = 'pending' AND next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until < $1)
         AND ($3::text IS NULL OR (shop_id = $3 AND refund_id = $4))
       ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING shop_id, refund_id, order_id, case_id, amount, attempts`,
    [iso(now), iso(now + leaseMs), only?.shopId ?? null, only?.refundId ?? null],
  );
  return toRefundRow(r.rows[0]);
}

type Claimed = { shop_id: string; refund_id: string; order_id: string; case_id: string; amount: number; attempts: number };
function toRefundRow(x: Claimed | undefined): RefundRow | null {
  return x ? { shopId: x.shop_id, refundId: x.refund_id, orderId: x.order_id, caseId: x.case_id, amount: x.amount, attempts: x.attempts } : null;
}

/**
 * docs/scaling.md (Citus): no row locks across shards, so read the first due refunds without
 * locking, then claim one with an UPDATE naming its shop (one shard) that checks again that it is
 * due and unleased: of two runners racing for a refund, the second finds the lease and moves on.
 */
async function claimRefundOnShards(sql: Sql, now: Instant, leaseMs: number, only?: { shopId: string; refundId: string }): Promise<RefundRow | null> {
  const due = `status = 'pending' AND next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until < $1)`;
  const found = only
    ? [{ shop_id: only.shopId, refund_id: only.refundId }]
    : (await sql.query<{ shop_id: string; refund_id: string }>(`SELECT shop_id, refund_id FROM refunds WHERE ${due} ORDER BY next_attempt_at LIMIT 16`, [iso(now)])).rows;
  for (const c of found) {
    const r = await sql.query<Claimed>(
      `UPDATE refunds SET lease_until = $2 WHERE shop_id = $3 AND refund_id = $4 AND ${due}
       RETURNING shop_id, refund_id, order_id, case_id, amount, attempts`,
      [iso(now), iso(now + leaseMs), c.shop_id, c.refund_id],
    );
    if (r.rows[0]) return toRefundRow(r.rows[0]);
  }
  return null;
}

/** A try that did not pay: counted, retried at `retryAt`, with why. */
export async function rescheduleRefund(sql: Sql, row: Pick<RefundRow, 'shopId' | 'refundId'>, retryAt: Instant, lastError: string): Promise<void> {
  await sql.query(
    `UPDATE refunds SET attempts = attempts + 1, next_attempt_at = $3, lease_until = NULL, last_error = $4 WHERE shop_id = $1 AND refund_id = $2 AND status = 'pending'`,
    [row.shopId, row.refundId, iso(retryAt), lastError],
  );
}

/** Cases with a legal refund due time and when their refunds were last paid (SPEC §5 `refund_due_at`). */
export async function refundDueTimes(sql: Sql): Promise<{ shopId: string; caseId: string; status: string; dueAt: Instant; paidAt: Instant | null }[]> {
  const r = await sql.query<{ shop_id: string; case_id: string; status: string; refund_due: string; completed_at: Date | null }>(
    `SELECT c.shop_id, c.case_id, c.status, c.state->>'refundDueAt' AS refund_due,
            (SELECT max(f.completed_at) FROM refunds f WHERE f.shop_id = c.shop_id AND f.case_id = c.case_id) AS completed_at
     FROM cases c WHERE c.state->>'refundDueAt' IS NOT NULL
       AND (c.status = 'refunding' OR EXISTS (SELECT 1 FROM refunds f WHERE f.shop_id = c.shop_id AND f.case_id = c.case_id))`,
  );
  return r.rows.map((x) => ({ shopId: x.shop_id, caseId: x.case_id, status: x.status, dueAt: Number(x.refund_due), paidAt: x.completed_at ? toMs(x.completed_at) : null }));
}

/** The simulated provider pays a refund id once, whatever the number of calls. */
export async function recordProviderRefund(sql: Sql, shopId: string, refundId: string, amount: Fen, now: Instant): Promise<void> {
  await sql.query(
    `INSERT INTO provider_refunds (shop_id, refund_id, amount, executed_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (shop_id, refund_id) DO NOTHING`,
    [shopId, refundId, amount, iso(now)],
  );
}
