// Executes refunds against the payment provider: claims a due refund row with a lease (so a second
// executor skips it and a crashed one's work is picked up when the lease ends), calls the provider
// with the refund id as its idempotency key, and reports the answer back as a system command.
import type { Actor, Instant } from '../domain/types.ts';
import type { Sql } from '../store/db.ts';
import { claimRefund, refundDueTimes, rescheduleRefund, type RefundRow } from '../store/refunds.ts';
import type { PaymentProvider } from './payments.ts';

export type { RefundRow };

/** What the executor needs of the engine: send a system command about a refund. */
export type RefundReport = (
  shopId: string,
  orderId: string,
  cmd: { kind: 'confirm_refund'; caseId: string; refundId: string; actor: Actor } | { kind: 'fail_refund'; caseId: string; refundId: string; error: string; actor: Actor },
  at: Instant,
) => Promise<unknown>;

const LEASE_MS = 60_000;
const BACKOFF_MS = [30_000, 120_000, 600_000, 1_800_000, 3_600_000];

const claim = (sql: Sql, now: Instant, only?: { shopId: string; refundId: string }) => claimRefund(sql, now, LEASE_MS, only);

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
  await rescheduleRefund(sql, row, retryAt, result.status === 'failed' ? result.error : 'pending at provider');
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
  return (await refundDueTimes(sql)).filter((x) => (x.paidAt === null ? now > x.dueAt : x.paidAt > x.dueAt));
}
