// Property tests over random sequences of ticket commands (fast-check): the parties act in any
// order at any time, and the ticket's deadlines fire at their due instants in between. SPEC §10.1
// holds whatever they do: the clocks match the status, a rating is given once and never changes,
// every breach is a missed deadline's instant, escalation follows a missed resolution only,
// carrier claims stay within the order's paid amount.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { at, HOUR, policy } from '../../../test/domain-kit.ts';
import type { Actor, Instant } from '../types.ts';
import type { TicketCommand } from './commands.ts';
import { decideTicket } from './decide.ts';
import type { TicketEvent } from './events.ts';
import { evolveTicketAll } from './evolve.ts';
import { TICKET_DEADLINE_KINDS, TICKET_KINDS, type TicketState } from './types.ts';

const START = at('2026-04-28T10:00:00+08:00'); // May Day and its 调休 fall inside most runs
const PAID = 4900;
const buyer: Actor = { role: 'buyer', id: 'B1' };
const merchant: Actor = { role: 'merchant', id: 'S1' };
const platform: Actor = { role: 'platform', id: 'P' };
const facts = { shopId: 'S1', order: { id: 'O1', buyerId: 'B1', paid: PAID, carrier: null, tracking: null }, caseId: null };

const stepArb = fc.record({
  advance: fc.oneof(fc.integer({ min: 0, max: 6 * HOUR }), fc.integer({ min: 0, max: 5 * 24 * HOUR })),
  actor: fc.constantFrom(buyer, merchant, platform),
  action: fc.constantFrom('reply', 'resolve', 'reopen', 'rate', 'claim', 'settle'),
  csat: fc.integer({ min: 0, max: 6 }),
  amount: fc.integer({ min: 0, max: 6000 }),
});

function command(s: { actor: Actor; action: string; csat: number; amount: number }): TicketCommand {
  const base = { ticketId: 'T1', actor: s.actor };
  switch (s.action) {
    case 'reply':
      return { ...base, kind: 'reply', message: '您好' };
    case 'resolve':
      return { ...base, kind: 'resolve' };
    case 'reopen':
      return { ...base, kind: 'reopen' };
    case 'rate':
      return { ...base, kind: 'rate', csat: s.csat };
    case 'claim':
      return { ...base, kind: 'claim_carrier', claimKind: 'lost', amount: s.amount };
    default:
      return { ...base, kind: 'settle_carrier_claim', amount: s.amount };
  }
}

/** Fires every running deadline due by `to`, earliest first, as the runner does. */
function fireDue(events: TicketEvent[], to: Instant, p = policy('tmall', START)): void {
  for (;;) {
    const t = evolveTicketAll(null, events)!;
    const due = TICKET_DEADLINE_KINDS.map((k) => t.deadlines[k]).filter((d) => d !== null && d.dueAt <= to).sort((a, b) => a!.dueAt - b!.dueAt)[0];
    if (!due) return;
    const d = decideTicket({ kind: 'fire_ticket_deadline', deadline: due.kind, dueAt: due.dueAt, ticketId: 'T1', actor: { role: 'system' } }, { ticket: t, facts: null }, p, due.dueAt);
    if (!d.ok || d.events.length === 0) throw new Error(`a due deadline did not fire: ${due.kind}`);
    events.push(...d.events);
  }
}

function checkInvariants(t: TicketState, events: TicketEvent[]): void {
  const d = t.deadlines;
  if (t.status === 'open') {
    // The resolution clock runs until it is missed (then the platform has the ticket).
    if (d.ticket_resolution === null) expect(t.escalated).toBe(true);
    expect(d.ticket_close).toBeNull();
  }
  if (t.status === 'resolved') expect([d.ticket_first_response, d.ticket_resolution, d.ticket_close !== null]).toEqual([null, null, true]);
  if (t.status === 'closed') expect(Object.values(d).every((x) => x === null)).toBe(true);
  if (!t.awaitingResponse) expect(d.ticket_first_response).toBeNull();
  // Every breach is the due instant of a deadline that expired; escalation only after a missed resolution.
  const expired = events.filter((e) => e.type === 'TicketDeadlineExpired').map((e) => `${e.kind}@${e.dueAt}`);
  for (const b of t.slaBreaches) expect(expired).toContain(`ticket_${b.sla}@${b.at}`);
  expect(t.escalated).toBe(t.slaBreaches.some((b) => b.sla === 'resolution'));
  // A rating is given once, 1–5, and never changes.
  const ratings = events.filter((e) => e.type === 'TicketRated');
  expect(ratings.length).toBeLessThanOrEqual(1);
  if (t.csat !== null) expect(t.csat >= 1 && t.csat <= 5 && Number.isInteger(t.csat)).toBe(true);
  for (const c of t.claims) {
    expect(c.amount).toBeGreaterThan(0);
    expect(c.amount).toBeLessThanOrEqual(PAID);
    if (c.recovered !== null) expect(c.recovered).toBeLessThanOrEqual(c.amount);
  }
  expect(t.claims.filter((c) => c.recovered === null).length).toBeLessThanOrEqual(1);
  expect(t.version).toBe(events.length);
}

describe('ticket properties (SPEC §10.1)', () => {
  it('hold over any sequence of commands and deadlines', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TICKET_KINDS), fc.array(stepArb, { maxLength: 25 }), (kind, steps) => {
        const p = policy('tmall', START);
        const events: TicketEvent[] = [];
        const first = decideTicket({ kind: 'open_ticket', ticketKind: kind, message: '你好', ticketId: 'T1', actor: buyer }, { ticket: null, facts }, p, START);
        if (!first.ok) throw new Error(first.message.en);
        events.push(...first.events);
        let now = START;
        for (const s of steps) {
          now += s.advance;
          fireDue(events, now, p);
          const before = evolveTicketAll(null, events)!;
          const d = decideTicket(command(s), { ticket: before, facts: null }, p, now);
          if (d.ok) events.push(...d.events);
          else expect(events.length).toBe(before.version); // a refusal changes nothing
          checkInvariants(evolveTicketAll(null, events)!, events);
        }
      }),
      { numRuns: 300 },
    );
  });
});
