// Test helpers for complaint decider tests: given(events) → when(command) → then(events | refusal).
// Only tests import this file.
import type { Policy } from '../src/domain/policy.ts';
import { at, policy, thenOf, type Then } from './domain-kit.ts';
import type { Actor, Instant } from '../src/domain/types.ts';
import type { ComplaintCommand } from '../src/domain/complaint/commands.ts';
import { decideComplaint, type ComplaintDecision } from '../src/domain/complaint/decide.ts';
import type { ComplaintEvent } from '../src/domain/complaint/events.ts';
import { evolveComplaintAll } from '../src/domain/complaint/evolve.ts';
import type { ComplaintOrderFacts, ComplaintState } from '../src/domain/complaint/types.ts';

export const PLACED = at('2026-04-01T10:00:00+08:00');
export const other: Actor = { role: 'buyer', id: 'B9' };

/** Order O1 of shop S1 and buyer B1, placed at PLACED, no open case, no complaint yet. */
export function orderFacts(over: Partial<ComplaintOrderFacts> = {}): ComplaintOrderFacts {
  return { orderId: 'O1', shopId: 'S1', buyerId: 'B1', placedAt: PLACED, caseOpen: false, complaints: [], ...over };
}

type Body = ComplaintCommand extends infer C ? (C extends ComplaintCommand ? Omit<C, 'complaintId' | 'actor'> : never) : never;
export const cmd = (body: Body, actor: Actor, complaintId = 'K1'): ComplaintCommand => ({ ...body, complaintId, actor }) as ComplaintCommand;

export type ComplaintWhen = Then<ComplaintEvent, ComplaintState> & { decision: ComplaintDecision };

export function given(events: ComplaintEvent[], p: Policy = policy('tmall'), order: ComplaintOrderFacts = orderFacts()) {
  const state = evolveComplaintAll(null, events);
  return {
    state,
    when(c: ComplaintCommand, now: Instant, orderNow: ComplaintOrderFacts = order): ComplaintWhen {
      const decision = decideComplaint(c, { complaint: state, order: orderNow }, p, now);
      return thenOf(decision, (events) => evolveComplaintAll(state, events)!);
    },
  };
}

/** Runs commands in order; any refusal is a broken test setup. */
export function complaintHistory(steps: [ComplaintCommand, Instant][], p: Policy = policy('tmall'), order = orderFacts()): ComplaintEvent[] {
  const events: ComplaintEvent[] = [];
  for (const [c, now] of steps) events.push(...given(events, p, order).when(c, now).events());
  return events;
}

/** Fires the complaint's running deadline at its due time. */
export function fireRunning(events: ComplaintEvent[], p: Policy = policy('tmall')): ComplaintWhen {
  const dl = evolveComplaintAll(null, events)!.deadline!;
  return given(events, p).when(cmd({ kind: 'fire_complaint_deadline', deadline: dl.kind, dueAt: dl.dueAt }, { role: 'system' }), dl.dueAt);
}
