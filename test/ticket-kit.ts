// Test helpers for ticket decider tests: given(events) → when(command) → then(events | refusal).
// Only tests import this file.
import type { Policy } from '../src/domain/policy.ts';
import { at, policy, thenOf, type Then } from './domain-kit.ts';
import type { Actor, Instant } from '../src/domain/types.ts';
import type { TicketCommand } from '../src/domain/ticket/commands.ts';
import { decideTicket, type TicketDecision } from '../src/domain/ticket/decide.ts';
import type { TicketEvent } from '../src/domain/ticket/events.ts';
import { evolveTicketAll } from '../src/domain/ticket/evolve.ts';
import type { TicketDeadlineKind, TicketFacts, TicketState } from '../src/domain/ticket/types.ts';

/** Monday 2026-04-13 10:00 in Shanghai: a plain working week. */
export const OPENED = at('2026-04-13T10:00:00+08:00');

/** Shop S1, order O1 of buyer B1 (49 yuan paid), no case. */
export function ticketFacts(over: Partial<TicketFacts> = {}): TicketFacts {
  return { shopId: 'S1', order: { id: 'O1', buyerId: 'B1', paid: 4900, carrier: 'SF', tracking: 'SF1001' }, caseId: null, ...over };
}

type Body = TicketCommand extends infer C ? (C extends TicketCommand ? Omit<C, 'ticketId' | 'actor'> : never) : never;
export const tcmd = (body: Body, actor: Actor, ticketId = 'T1'): TicketCommand => ({ ...body, ticketId, actor }) as TicketCommand;

export type TicketWhen = Then<TicketEvent, TicketState> & { decision: TicketDecision };

export function givenTicket(events: TicketEvent[], p: Policy = policy('tmall', OPENED), facts: TicketFacts = ticketFacts()) {
  const state = evolveTicketAll(null, events);
  return {
    state,
    when(c: TicketCommand, now: Instant, factsNow: TicketFacts = facts): TicketWhen {
      const decision = decideTicket(c, { ticket: state, facts: factsNow }, p, now);
      return thenOf(decision, (events) => evolveTicketAll(state, events)!);
    },
  };
}

/** Runs commands in order; any refusal is a broken test setup. */
export function ticketHistory(steps: [TicketCommand, Instant][], p: Policy = policy('tmall', OPENED), facts = ticketFacts()): TicketEvent[] {
  const events: TicketEvent[] = [];
  for (const [c, now] of steps) events.push(...givenTicket(events, p, facts).when(c, now).events());
  return events;
}

/** Fires one of the ticket's running deadlines at its due time. */
export function fireTicket(events: TicketEvent[], kind: TicketDeadlineKind, p: Policy = policy('tmall', OPENED)): TicketWhen {
  const dl = evolveTicketAll(null, events)!.deadlines[kind]!;
  return givenTicket(events, p).when(tcmd({ kind: 'fire_ticket_deadline', deadline: kind, dueAt: dl.dueAt }, { role: 'system' }), dl.dueAt);
}
