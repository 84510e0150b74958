// SPEC §8.4: the metric facts of a decision, written in the decision's own transaction (called
// right after its events are appended), each dated by its day in the platform zone.
import { localDateOf } from '../../domain/calendar.ts';
import type { ComplaintEvent } from '../../domain/complaint/events.ts';
import { caseFactsOf, claimFactsOf, complaintFactsOf, firstOfEach, ticketFactsOf, type MetricFact } from '../../domain/metrics/facts.ts';
import type { Policy } from '../../domain/policy.ts';
import type { Decided } from '../../store/append.ts';
import type { ClaimDecided } from '../../store/claims.ts';
import type { Sql } from '../../store/db.ts';
import type { GovernanceDecided } from '../../store/governance.ts';
import { writeFacts } from '../../store/metrics.ts';
import type { TicketDecided } from '../../store/tickets.ts';

const dated = (facts: readonly MetricFact[], tz: string) => firstOfEach(facts).map((f) => ({ ...f, day: localDateOf(f.at, tz) }));

/** The facts of a decision's case and order events, for appendDecisions to write with them. */
export function withCaseMetrics(d: Decided, policy: Policy): Decided {
  const order = d.next.order!;
  const facts = caseFactsOf(d.events, {
    shopId: order.shopId,
    orderId: order.id,
    baseSeq: d.loaded?.version ?? 0,
    actor: d.actor,
    appliedAt: (caseId) => d.next.cases[caseId]?.appliedAt ?? null,
    caseType: (caseId) => d.next.cases[caseId]?.type ?? null,
  });
  return { ...d, facts: dated(facts, policy.calendar.timeZone) };
}

/** The facts of complaint events (a filing is an intervention on its order). */
export async function recordComplaintMetrics(tx: Sql, items: readonly GovernanceDecided[], policy: Policy): Promise<void> {
  const facts: MetricFact[] = [];
  for (const item of items) {
    if (item.aggregate !== 'complaint') continue;
    facts.push(...complaintFactsOf(item.events as readonly ComplaintEvent[], item.loaded?.version ?? 0));
  }
  await writeFacts(tx, dated(facts, policy.calendar.timeZone));
}

/** SPEC §10.1 → §8.4: the facts of a ticket's events (opened, first breach, rating), for appendTickets to write with them. */
export function withTicketMetrics(d: TicketDecided, policy: Policy): TicketDecided {
  const facts = ticketFactsOf(d.next.shopId, d.next.orderId, d.events, d.loaded?.version ?? 0);
  return facts.length ? { ...d, facts: dated(facts, policy.calendar.timeZone) } : d;
}

/** SPEC §13: the facts of a claim decision (an A-to-z claim filed, granted against the seller, reversed), in its transaction. */
export async function recordClaimMetrics(tx: Sql, c: ClaimDecided, policy: Policy): Promise<void> {
  await writeFacts(tx, dated(claimFactsOf(c.events, c.next.shopId, c.next.orderId, c.loaded?.version ?? 0), policy.calendar.timeZone));
}
