// `aftersale doctor`: checks the invariants a crash or a race could break, from the database alone.
// Each finding names what is wrong and where; any breach makes the command exit non-zero.
import type { OrderState } from '../domain/state.ts';
import type { Instant } from '../domain/types.ts';
import type { Sql } from '../store/db.ts';
import { verifyAll } from '../store/history.ts';
import { iso } from '../store/time.ts';
import { refundBreaches } from './refund-executor.ts';

export interface Finding {
  check: string;
  breach: boolean;
  detail: string;
}

/** How long a due deadline may wait for a runner before it counts as missed. */
const DEADLINE_GRACE_MS = 60_000;

export async function doctor(sql: Sql, now: Instant): Promise<Finding[]> {
  const out: Finding[] = [];
  const breach = (check: string, detail: string) => out.push({ check, breach: true, detail });

  // 1. Never refunded above what was paid, per line and per order (SPEC §5).
  for (let after = ['', '']; ; ) {
    const page = await sql.query<{ shop_id: string; order_id: string; state: OrderState }>(
      `SELECT shop_id, order_id, state FROM orders WHERE (shop_id, order_id) > ($1, $2) ORDER BY shop_id, order_id LIMIT 1000`,
      after,
    );
    for (const { shop_id, order_id, state } of page.rows) {
      let goods = 0;
      for (const l of state.lines) {
        const refunded = state.ledger[l.id]?.refunded ?? 0;
        goods += refunded;
        if (refunded > l.paidAmount) breach('refund_within_paid', `${shop_id}/${order_id} line ${l.id}: refunded ${refunded} > paid ${l.paidAmount}`);
      }
      const cap = state.lines.reduce((s, l) => s + l.paidAmount, 0) + state.shippingFee;
      if (goods + state.shippingFeeRefunded > cap) breach('refund_within_paid', `${shop_id}/${order_id}: refunded ${goods + state.shippingFeeRefunded} > ${cap}`);
    }
    if (page.rows.length < 1000) break;
    after = [page.rows.at(-1)!.shop_id, page.rows.at(-1)!.order_id];
  }

  // 2. Every refund executed once: one confirmation per refund id, the provider paid it once and
  // the amount asked for, and nothing the engine did not ask for.
  const twice = await sql.query<{ refund_id: string; n: number }>(
    `SELECT shop_id || '/' || (data->>'refundId') AS refund_id, count(*)::int AS n FROM events WHERE type = 'RefundCompleted' GROUP BY shop_id, data->>'refundId' HAVING count(*) > 1`,
  );
  for (const r of twice.rows) breach('refund_once', `refund ${r.refund_id} confirmed ${r.n} times`);
  const paid = await sql.query<{ refund_id: string; problem: string }>(
    `SELECT coalesce(f.refund_id, p.refund_id) AS refund_id,
            CASE WHEN f.refund_id IS NULL THEN 'paid by the provider but never requested'
                 WHEN p.refund_id IS NULL THEN 'marked succeeded but the provider has no payment'
                 ELSE 'paid ' || p.amount || ' for ' || f.amount END AS problem
     FROM refunds f FULL JOIN provider_refunds p ON p.shop_id = f.shop_id AND p.refund_id = f.refund_id
     WHERE f.refund_id IS NULL OR (p.refund_id IS NULL AND f.status = 'succeeded') OR (p.refund_id IS NOT NULL AND p.amount <> f.amount)`,
  );
  for (const r of paid.rows) breach('refund_once', `refund ${r.refund_id}: ${r.problem}`);

  // 3. Every due deadline fired, and exactly once.
  const missed = await sql.query<{ shop_id: string; subject: string; kind: string; due_at: Date }>(
    `SELECT shop_id, subject, kind, due_at FROM deadlines WHERE status = 'pending' AND due_at < $1 ORDER BY due_at LIMIT 100`,
    [iso(now - DEADLINE_GRACE_MS)],
  );
  for (const d of missed.rows) breach('deadline_fired', `${d.shop_id} ${d.subject} ${d.kind} due ${iso(d.due_at.getTime())} has not fired`);
  const doubled = await sql.query<{ stream_id: string; kind: string; due: string; n: number }>(
    `SELECT shop_id || '/' || stream_id AS stream_id, data->>'kind' AS kind, data->>'dueAt' AS due, count(*)::int AS n FROM events
     WHERE type IN ('CaseDeadlineExpired', 'OrderDeadlineExpired') GROUP BY shop_id, stream_id, 2, 3 HAVING count(*) > 1`,
  );
  for (const d of doubled.rows) breach('deadline_fired', `${d.stream_id} ${d.kind} due ${iso(Number(d.due))} fired ${d.n} times`);

  // 4. No gap in any event stream, every hash chain intact.
  for (const b of await verifyAll(sql)) breach('history_intact', `${b.stream} at version ${b.version}: ${b.problem}`);

  // 5. Every outbox message delivered at least once to every endpoint it was fanned out to.
  const undelivered = await sql.query<{ status: string; n: number }>(
    `SELECT status, count(*)::int AS n FROM deliveries WHERE status <> 'delivered' GROUP BY status`,
  );
  for (const u of undelivered.rows) breach('outbox_delivered', `${u.n} deliveries ${u.status === 'dead' ? 'dead-lettered' : 'not yet delivered'}`);

  // Reported, not an invariant of the store: refunds later than the law's 7 days (SPEC §5).
  for (const r of await refundBreaches(sql, now)) {
    out.push({ check: 'refund_due', breach: false, detail: `${r.shopId} case ${r.caseId}: due ${iso(r.dueAt)}, ${r.paidAt ? `paid ${iso(r.paidAt)}` : 'still unpaid'}` });
  }
  return out;
}
