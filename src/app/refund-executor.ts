// Executes refunds against the payment provider: claims a due refund row with a lease (so a second
// executor skips it and a crashed one's work is picked up when the lease ends), calls the provider
// with the refund id as its idempotency key, and reports the answer back as a system command.
import type { Actor, Instant } from '../domain/types.ts';
import type { Sql } from '../store/db.ts';
import { iso, toMs } from '../store/time.ts';
import type { PaymentProvider } from './payments.ts';

export interface RefundRow {
  shopId: string;
  refundId: string;
  orderId: string;
  caseId: string;
  amount: number;
  attempts: number;
}

/** What the executor needs of the engine: send a system command about a refund. */
export type RefundReport = (
  shopId: string,
  orderId: string,
  cmd: { kind: 'confirm_refund'; caseId: string; refundId: string; actor: Actor } | { kind: 'fail_refund'; caseId: string; refundId: string; error: string; actor: Actor },
  at: Instant,
) => Promise<unknown>;

const LEASE_MS = 60_000;
const BACKOFF_MS = [30_000, 120_000, 600_000, 1_800_000, 3_600_000];

/** Claims one due refund (optionally a given one), or null when none is due. */
async function claim(sql: Sql, now: Instant, only?: { shopId: string; refundId: string }): Promise<RefundRow | null> {
  const r = await sql.query<{ shop_id: string; refund_id: string; order_id: string; case_id: string; amount: number; attempts: number }>(
    `UPDATE refunds SET lease_until = $2
     WHERE (shop_id, refund_id) = (
       SELECT shop_id, refund_id FROM refunds
       WHERE status = 'pending' AND next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until < $1)
         AND ($3::text IS NULL OR (shop_id = $3 AND refund_id = $4))
       ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING shop_id, refund_id, order_id, case_id, amount, attempts`,
    [iso(now), iso(now + LEASE_MS), only?.shopId ?? null, only?.refundId ?? null],
  );
  const x = r.rows[0];
  return x ? { shopId: x.shop_id, refundId: x.refund_id, orderId: x.order_id, caseId: x.case_id, amount: x.amount, attempts: x.attempts } : null;
}

export async function executeRefund(sql: Sql, provider: PaymentProvider, report: RefundReport, row: RefundRow, now: Instant): Promise<'succeeded' | 'failed' | 'pending'> {
  const system: Actor = { role: 'system' };
  const result = await provider.refund({ refundId: row.refundId, shopId: row.shopId, orderId: row.orderId, caseId: row.caseId, amount: row.amount });
  if (result.status === 'succeeded') {
    // The confirmation's events mark the row succeeded in the same transaction.
    await report(row.shopId, row.orderId, { kind: 'confirm_refund', caseId: row.caseId, refundId: row.refundId, actor: system }, now);
    return 'succeeded';
  }
  const retryAt = now + (BACKOFF_MS[Math.min(row.attempts, BACKOFF_MS.length - 1)] ?? 3_600_000);
  if (result.status === 'failed') {
    await report(row.shopId, row.orderId, { kind: 'fail_refund', caseId: row.caseId, refundId: row.refundId, error: result.error, actor: system }, now);
  }
  await sql.query(
    `UPDATE refunds SET attempts = attempts + 1, next_attempt_at = $3, lease_until = NULL, last_error = $4 WHERE shop_id = $1 AND refund_id = $2 AND status = 'pending'`,
    [row.shopId, row.refundId, iso(retryAt), result.status === 'failed' ? result.error : 'pending at provider'],
  );
  return result.status;
}

/** Works through due refunds until none is left or `limit` is reached. */
export async function executeDueRefunds(
  sql: Sql,
  provider: PaymentProvider,
  report: RefundReport,
  now: Instant,
  opts: { limit?: number; only?: { shopId: string; refundId: string } } = {},
): Promise<number> {
  let done = 0;
  for (let row = await claim(sql, now, opts.only); row; row = done < (opts.limit ?? Infinity) && !opts.only ? await claim(sql, now) : null) {
    await executeRefund(sql, provider, report, row, now);
    done++;
  }
  return done;
}

/** Refunds past their legal due time (SPEC §5 `refund_due_at`): still unpaid, or paid late. */
export async function refundBreaches(sql: Sql, now: Instant) {
  const r = await sql.query<{ shop_id: string; case_id: string; status: string; refund_due: string; completed_at: Date | null }>(
    `SELECT c.shop_id, c.case_id, c.status, c.state->>'refundDueAt' AS refund_due,
            (SELECT max(f.completed_at) FROM refunds f WHERE f.shop_id = c.shop_id AND f.case_id = c.case_id) AS completed_at
     FROM cases c WHERE c.state->>'refundDueAt' IS NOT NULL
       AND (c.status = 'refunding' OR EXISTS (SELECT 1 FROM refunds f WHERE f.shop_id = c.shop_id AND f.case_id = c.case_id))`,
  );
  return r.rows
    .map((x) => ({ shopId: x.shop_id, caseId: x.case_id, status: x.status, dueAt: Number(x.refund_due), paidAt: x.completed_at ? toMs(x.completed_at) : null }))
    .filter((x) => (x.paidAt === null ? now > x.dueAt : x.paidAt > x.dueAt));
}
