// Test helpers for claim decider tests (SPEC §13): given(events) → when(command) → then(events |
// refusal), on the amazon-us pack. Only tests import this file.
import type { ClaimCommand } from '../src/domain/claim/commands.ts';
import { decideClaim, type ClaimDecision } from '../src/domain/claim/decide.ts';
import type { ClaimEvent } from '../src/domain/claim/events.ts';
import { evolveClaimAll } from '../src/domain/claim/evolve.ts';
import type { ClaimCaseFacts, ClaimOrderFacts, ClaimState } from '../src/domain/claim/types.ts';
import type { Policy } from '../src/domain/policy.ts';
import type { Actor, Instant } from '../src/domain/types.ts';
import { at, DAY, policy, thenOf, type Then } from './domain-kit.ts';

export const SHIPPED = at('2026-04-01T10:00:00-07:00');
export const SIGNED = at('2026-04-03T10:00:00-07:00');
export const amazon = (): Policy => policy('amazon-us', SHIPPED);

/** A return case of order O1 (RMA), refunded at `refundedAt` when given. */
export function returnCase(over: Partial<ClaimCaseFacts> = {}): ClaimCaseFacts {
  return { id: 'C1', status: 'completed', type: 'return_refund', appliedAt: SIGNED + DAY, refunded: 4999, refundedAt: SIGNED + 10 * DAY, isReturn: true, ...over };
}

/** Order O1 of shop S1 and buyer B1: paid, shipped at SHIPPED, signed at SIGNED, 4999 cents left to refund. */
export function orderFacts(over: Partial<ClaimOrderFacts> = {}): ClaimOrderFacts {
  return {
    orderId: 'O1',
    shopId: 'S1',
    buyerId: 'B1',
    currency: 'USD',
    paidAt: SHIPPED - DAY,
    shipBy: SHIPPED + DAY,
    shippedAt: SHIPPED,
    signedAt: SIGNED,
    refundable: 4999,
    cases: [],
    claims: [],
    ...over,
  };
}

type Body = ClaimCommand extends infer C ? (C extends ClaimCommand ? Omit<C, 'claimId' | 'actor'> : never) : never;
export const cmd = (body: Body, actor: Actor, claimId = 'Z1'): ClaimCommand => ({ ...body, claimId, actor }) as ClaimCommand;

export type ClaimWhen = Then<ClaimEvent, ClaimState> & { decision: ClaimDecision };

export function given(events: ClaimEvent[], p: Policy = amazon(), order: ClaimOrderFacts = orderFacts()) {
  const state = evolveClaimAll(null, events);
  return {
    state,
    when(c: ClaimCommand, now: Instant, orderNow: ClaimOrderFacts = order): ClaimWhen {
      const decision = decideClaim(c, { claim: state, order: orderNow }, p, now);
      return thenOf(decision, (evs) => evolveClaimAll(state, evs)!);
    },
  };
}

/** Runs commands in order; any refusal is a broken test setup. */
export function claimHistory(steps: [ClaimCommand, Instant][], order = orderFacts(), p: Policy = amazon()): ClaimEvent[] {
  const events: ClaimEvent[] = [];
  for (const [c, now] of steps) events.push(...given(events, p, order).when(c, now).events());
  return events;
}
