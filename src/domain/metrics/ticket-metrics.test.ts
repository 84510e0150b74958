// SPEC §10.1 → §8.4: the service desk's numbers in the shop metrics. `ticket_sla_breach_rate` =
// tickets with a breach / tickets opened, each counted by its own instant (a ticket's breach at
// its first breach, once); `csat_avg` = the mean of the ratings given in the window, half up at 4
// decimals, null when none.
import { describe, expect, it } from 'vitest';
import { at, HOUR } from '../../../test/domain-kit.ts';
import type { TicketEvent } from '../ticket/events.ts';
import { categoryAverages, metricsOf, totalsFromFacts, windowOf } from './compute.ts';
import { factsFromHistory, isOnceRef, ticketFactsOf } from './facts.ts';

const TZ = 'Asia/Shanghai';
const T0 = at('2026-03-02T10:00:00+08:00');
const opened = (ticketId: string, t: number): TicketEvent => ({
  type: 'TicketOpened',
  at: t,
  ticketId,
  shopId: 'S1',
  buyerId: 'B1',
  orderId: 'O1',
  caseId: null,
  orderPaid: null,
  kind: 'consultation',
  openedBy: 'buyer',
  policyVersion: 'v1',
  to: 'open',
});
const breached = (ticketId: string, t: number, sla: 'first_response' | 'resolution' = 'first_response'): TicketEvent => ({ type: 'TicketSlaBreached', at: t, ticketId, sla, dueAt: t });
const rated = (ticketId: string, t: number, csat: number): TicketEvent => ({ type: 'TicketRated', at: t, ticketId, csat });

/** A ticket's stream as the recount reads it (versions from 1). */
const stream = (...events: TicketEvent[]) => events.map((event, i) => ({ event, orderId: 'O1', streamVersion: i + 1 }));

describe('ticket facts', () => {
  it('an opening, each breach and a rating become facts at their own instants; the breach ref is the ticket', () => {
    const facts = ticketFactsOf('S1', 'O1', [opened('T1', T0), breached('T1', T0 + 24 * HOUR), rated('T1', T0 + 48 * HOUR, 4)], 0);
    expect(facts.map((f) => [f.counter, f.ref, f.at, f.value])).toEqual([
      ['ticket_opened', 'ticket:T1#1', T0, 0],
      ['ticket_breached', 'ticket:T1', T0 + 24 * HOUR, 0],
      ['csat', 'ticket:T1#3', T0 + 48 * HOUR, 4],
    ]);
    expect(facts.map((f) => isOnceRef(f.ref))).toEqual([false, true, false]);
  });
  it('a ticket without an order has facts with an empty order', () => {
    expect(ticketFactsOf('S1', null, [opened('T1', T0)], 0)[0]!.orderId).toBe('');
  });
  it('a ticket breaching twice counts once, at its first breach', () => {
    const facts = factsFromHistory('S1', [], [], stream(opened('T1', T0), breached('T1', T0 + 24 * HOUR), breached('T1', T0 + 9 * 24 * HOUR, 'resolution')));
    expect(facts.filter((f) => f.counter === 'ticket_breached').map((f) => f.at)).toEqual([T0 + 24 * HOUR]);
  });
});

describe('ticket metrics of a window', () => {
  const to = at('2026-03-31T00:00:00+08:00');
  const from = windowOf(to, 30, TZ).from;
  it('breach rate over tickets opened in the window, 4 decimals; csat the mean of the ratings', () => {
    const facts = factsFromHistory('S1', [], [], [
      ...stream(opened('T1', T0), breached('T1', T0 + HOUR), rated('T1', T0 + 2 * HOUR, 5)),
      ...stream(opened('T2', T0), rated('T2', T0 + 2 * HOUR, 4)),
      ...stream(opened('T3', T0), rated('T3', T0 + 2 * HOUR, 4)),
    ]);
    const m = metricsOf(totalsFromFacts(facts, from, to), 0);
    expect(m.ticket_sla_breach_rate).toBe(0.3333);
    expect(m.csat_avg).toBe(4.3333);
  });
  it('a breach counts in the window it happened in, whenever the ticket was opened', () => {
    const before = from - 24 * HOUR;
    const facts = factsFromHistory('S1', [], [], [...stream(opened('T1', before), breached('T1', from + HOUR)), ...stream(opened('T2', from + HOUR))]);
    const m = metricsOf(totalsFromFacts(facts, from, to), 0);
    expect(m.ticket_sla_breach_rate).toBe(1);
    // The window before holds T1's opening and no breach.
    expect(metricsOf(totalsFromFacts(facts, before - HOUR, from), 0).ticket_sla_breach_rate).toBe(0);
  });
  it('null without tickets opened or ratings given', () => {
    const m = metricsOf(totalsFromFacts([], from, to), 0);
    expect(m.ticket_sla_breach_rate).toBeNull();
    expect(m.csat_avg).toBeNull();
  });
  it('category averages of both, over the shops with enough paid orders', () => {
    const shop = (shopId: string, paid: number, rate: number | null, csat: number | null) => ({
      shopId,
      paid,
      metrics: { ...metricsOf(totalsFromFacts([], from, to), 0), ticket_sla_breach_rate: rate, csat_avg: csat },
    });
    const avg = categoryAverages([shop('A', 30, 0.5, 4), shop('B', 30, 0.25, null), shop('C', 5, 1, 1)], 30);
    expect(avg.ticket_sla_breach_rate).toBe(0.375);
    expect(avg.csat_avg).toBe(4);
  });
});
