// `aftersale doctor`: checks the invariants a crash or a race could break, from the database alone.
// Each finding names what is wrong and where; any breach makes the command exit non-zero.
import type { Instant } from '../domain/types.ts';
import type { Sql } from '../store/db.ts';
import { depositMismatches } from '../store/governance.ts';
import { verifyAll } from '../store/history.ts';
import { verifyAuditChain } from '../store/audit.ts';
import { allOrders, currencyMismatches, deadlinesFiredTwice, deadlinesMissed, refundBookMismatches, refundsConfirmedTwice, undeliveredCounts } from '../store/invariant-checks.ts';
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
  for await (const { shopId, orderId, state } of allOrders(sql)) {
    let goods = 0;
    for (const l of state.lines) {
      const refunded = state.ledger[l.id]?.refunded ?? 0;
      goods += refunded;
      if (refunded > l.paidAmount) breach('refund_within_paid', `${shopId}/${orderId} line ${l.id}: refunded ${refunded} > paid ${l.paidAmount}`);
    }
    const cap = state.lines.reduce((s, l) => s + l.paidAmount, 0) + state.shippingFee;
    if (goods + state.shippingFeeRefunded > cap) breach('refund_within_paid', `${shopId}/${orderId}: refunded ${goods + state.shippingFeeRefunded} > ${cap}`);
  }

  // 2. Every refund executed once: one confirmation per refund id, the provider paid it once and
  // the amount asked for, and nothing the engine did not ask for.
  for (const r of await refundsConfirmedTwice(sql)) breach('refund_once', `refund ${r.refundId} confirmed ${r.n} times`);
  for (const r of await refundBookMismatches(sql)) breach('refund_once', `refund ${r.refundId}: ${r.problem}`);

  // 3. Every due deadline fired, and exactly once.
  for (const d of await deadlinesMissed(sql, now - DEADLINE_GRACE_MS)) breach('deadline_fired', `${d.shopId} ${d.subject} ${d.kind} due ${iso(d.dueAt)} has not fired`);
  for (const d of await deadlinesFiredTwice(sql)) breach('deadline_fired', `${d.stream} ${d.kind} due ${iso(d.dueAt)} fired ${d.n} times`);

  // 4. No gap in any event stream, every hash chain intact.
  for (const b of await verifyAll(sql)) breach('history_intact', `${b.stream} at version ${b.version}: ${b.problem}`);

  // 5. Every outbox message delivered at least once to every endpoint it was fanned out to.
  for (const u of await undeliveredCounts(sql)) breach('outbox_delivered', `${u.n} deliveries ${u.status === 'dead' ? 'dead-lettered' : 'not yet delivered'}`);

  // 6. Every shop's deposit balance is its ledger's top-ups − debits (SPEC §8.3: no debit lost).
  for (const m of await depositMismatches(sql)) {
    breach('deposit_ledger', `${m.shopId}: balance ${m.state}, ledger top-ups − debits ${m.ledger}, last ledger balance ${m.last ?? 'none'}`);
  }

  // 7. The audit trail's hash chain intact (issue 19 item 5).
  for (const b of await verifyAuditChain(sql)) breach('audit_chain', `audit entry ${b.seq}: ${b.problem}`);

  // 8. Every amount in its shop's currency (SPEC §13: two currencies never meet in one shop's sums).
  for (const m of await currencyMismatches(sql)) breach('one_currency', `${m.table} ${m.shopId}/${m.ref}: ${m.currency}, but the shop trades in ${m.shopCurrency}`);

  // Reported, not an invariant of the store: refunds later than the law's 7 days (SPEC §5).
  for (const r of await refundBreaches(sql, now)) {
    out.push({ check: 'refund_due', breach: false, detail: `${r.shopId} case ${r.caseId}: due ${iso(r.dueAt)}, ${r.paidAt ? `paid ${iso(r.paidAt)}` : 'still unpaid'}` });
  }
  return out;
}
