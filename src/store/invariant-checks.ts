// The reads `aftersale doctor` audits the invariants with (SPEC §5, §4, §7): each returns the rows
// that break one, so an empty answer means it holds.
import type { OrderState } from '../domain/state.ts';
import type { Instant } from '../domain/types.ts';
import type { Sql } from './db.ts';
import { iso, toMs } from './time.ts';

/** Every order, in pages of `pageSize`, by (shop, order): the refund-within-paid check reads them all. */
export async function* allOrders(sql: Sql, pageSize = 1000): AsyncGenerator<{ shopId: string; orderId: string; state: OrderState }> {
  for (let after = ['', '']; ; ) {
    const page = await sql.query<{ shop_id: string; order_id: string; state: OrderState }>(
      `SELECT shop_id, order_id, state FROM orders WHERE (shop_id, order_id) > ($1, $2) ORDER BY shop_id, order_id LIMIT ${pageSize}`,
      after,
    );
    for (const r of page.rows) yield { shopId: r.shop_id, orderId: r.order_id, state: r.state };
    if (page.rows.length < pageSize) return;
    after = [page.rows.at(-1)!.shop_id, page.rows.at(-1)!.order_id];
  }
}

/** Refunds confirmed more than once. */
export async function refundsConfirmedTwice(sql: Sql): Promise<{ refundId: string; n: number }[]> {
  const r = await sql.query<{ refund_id: string; n: number }>(
    `SELECT shop_id || '/' || (data->>'refundId') AS refund_id, count(*)::int AS n FROM events WHERE type = 'RefundCompleted' GROUP BY shop_id, data->>'refundId' HAVING count(*) > 1`,
  );
  return r.rows.map((x) => ({ refundId: x.refund_id, n: x.n }));
}

/** Refunds where the engine's books and the provider's disagree, with what is wrong. */
export async function refundBookMismatches(sql: Sql): Promise<{ refundId: string; problem: string }[]> {
  const r = await sql.query<{ refund_id: string; problem: string }>(
    `SELECT coalesce(f.refund_id, p.refund_id) AS refund_id,
            CASE WHEN f.refund_id IS NULL THEN 'paid by the provider but never requested'
                 WHEN p.refund_id IS NULL THEN 'marked succeeded but the provider has no payment'
                 ELSE 'paid ' || p.amount || ' for ' || f.amount END AS problem
     FROM refunds f FULL JOIN provider_refunds p ON p.shop_id = f.shop_id AND p.refund_id = f.refund_id
     WHERE f.refund_id IS NULL OR (p.refund_id IS NULL AND f.status = 'succeeded') OR (p.refund_id IS NOT NULL AND p.amount <> f.amount)`,
  );
  return r.rows.map((x) => ({ refundId: x.refund_id, problem: x.problem }));
}

/** Pending deadlines due before `before` (at most 100, earliest first). */
export async function deadlinesMissed(sql: Sql, before: Instant): Promise<{ shopId: string; subject: string; kind: string; dueAt: Instant }[]> {
  const r = await sql.query<{ shop_id: string; subject: string; kind: string; due_at: Date }>(
    `SELECT shop_id, subject, kind, due_at FROM deadlines WHERE status = 'pending' AND due_at < $1 ORDER BY due_at LIMIT 100`,
    [iso(before)],
  );
  return r.rows.map((d) => ({ shopId: d.shop_id, subject: d.subject, kind: d.kind, dueAt: toMs(d.due_at) }));
}

/** Deadlines whose expiry is in a stream more than once. */
export async function deadlinesFiredTwice(sql: Sql): Promise<{ stream: string; kind: string; dueAt: Instant; n: number }[]> {
  const r = await sql.query<{ stream_id: string; kind: string; due: string; n: number }>(
    `SELECT shop_id || '/' || stream_id AS stream_id, data->>'kind' AS kind, data->>'dueAt' AS due, count(*)::int AS n FROM events
     WHERE type IN ('CaseDeadlineExpired', 'OrderDeadlineExpired') GROUP BY shop_id, stream_id, 2, 3 HAVING count(*) > 1
     UNION ALL
     SELECT shop_id || '/' || stream_id, data->>'kind', data->>'dueAt', count(*)::int FROM governance_events
     WHERE type IN ('ComplaintDeadlineExpired', 'ShopDeadlineExpired', 'TicketDeadlineExpired') GROUP BY shop_id, stream_id, 2, 3 HAVING count(*) > 1`,
  );
  return r.rows.map((d) => ({ stream: d.stream_id, kind: d.kind, dueAt: Number(d.due), n: d.n }));
}

/** Deliveries not delivered, counted by status (pending, dead). */
export async function undeliveredCounts(sql: Sql): Promise<{ status: string; n: number }[]> {
  const r = await sql.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM deliveries WHERE status <> 'delivered' GROUP BY status`);
  return r.rows;
}

/**
 * SPEC §13: rows whose currency is not their shop's (an order, a refund, a compensation ledger
 * entry, a deposit ledger entry): amounts of two currencies would then meet in one shop's sums.
 */
export async function currencyMismatches(sql: Sql): Promise<{ table: string; shopId: string; ref: string; currency: string; shopCurrency: string }[]> {
  const r = await sql.query<{ t: string; shop_id: string; ref: string; currency: string; shop_currency: string }>(
    `SELECT 'orders' AS t, x.shop_id, x.order_id AS ref, x.currency, s.currency AS shop_currency FROM orders x JOIN shops s ON s.shop_id = x.shop_id WHERE x.currency <> s.currency
     UNION ALL SELECT 'refunds', x.shop_id, x.refund_id, x.currency, s.currency FROM refunds x JOIN shops s ON s.shop_id = x.shop_id WHERE x.currency <> s.currency
     UNION ALL SELECT 'ledger', x.shop_id, x.entry_id, x.currency, s.currency FROM ledger x JOIN shops s ON s.shop_id = x.shop_id WHERE x.currency <> s.currency
     UNION ALL SELECT 'deposit_ledger', x.shop_id, x.entry_id::text, x.currency, s.currency FROM deposit_ledger x JOIN shops s ON s.shop_id = x.shop_id WHERE x.currency <> s.currency
     LIMIT 100`,
  );
  return r.rows.map((x) => ({ table: x.t, shopId: x.shop_id, ref: x.ref, currency: x.currency, shopCurrency: x.shop_currency }));
}
