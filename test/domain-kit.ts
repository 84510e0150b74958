// Test helpers for decider tests in given(events) → when(command) → then(events | refusal) form.
// Only tests import this file; it lives outside src/ because it loads the shipped packs (src/app),
// which the domain itself never imports (test/layering.test.ts).
import { builtinPacks } from '../src/app/packs.ts';
import type { AutomationInputs } from '../src/domain/automation/automate.ts';
import { parseInstant } from '../src/domain/calendar.ts';
import type { Command, OrderInput } from '../src/domain/commands.ts';
import { decide, type Decision } from '../src/domain/decide.ts';
import type { Refusal } from '../src/domain/errors.ts';
import type { DomainEvent } from '../src/domain/events.ts';
import { evolveAll } from '../src/domain/evolve.ts';
import { resolvePolicy, type Policy, type PolicyParams } from '../src/domain/policy.ts';
import { emptyContext, type OrderContext } from '../src/domain/state.ts';
import type { Actor, Instant } from '../src/domain/types.ts';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const at = (iso: string): Instant => {
  const t = parseInstant(iso);
  if (t === null) throw new Error(`bad instant ${iso}`);
  return t;
};
export const T0 = at('2026-03-01T10:00:00+08:00');

export const buyer: Actor = { role: 'buyer', id: 'B1' };
export const merchant: Actor = { role: 'merchant', id: 'S1' };
export const platform: Actor = { role: 'platform', id: 'P' };
export const system: Actor = { role: 'system' };

export function policy(pack = 'taobao', when: Instant = T0, overrides: Partial<PolicyParams> = {}): Policy {
  const p = builtinPacks().get(pack);
  if (!p) throw new Error(`no pack ${pack}`);
  return resolvePolicy(p, when, overrides);
}

/** An order of shop S1 and buyer B1: one line L1 of 99 yuan unless told otherwise. */
export function orderInput(over: Partial<OrderInput> = {}): OrderInput {
  return {
    id: 'O1',
    shop: 'S1',
    buyer: 'B1',
    placed_at: T0,
    paid_at: T0,
    shipping_fee: 0,
    free_shipping: true,
    shipping_insurance: 0,
    lines: [{ id: 'L1', sku: 'SKU-1', category: 'apparel', quantity: 1, paid_amount: 9900, flags: [] }],
    ...over,
  };
}

/** A shipped (and, unless told otherwise, signed) order. */
export function shippedOrder(over: Partial<OrderInput> = {}): OrderInput {
  return orderInput({ shipped_at: T0 + DAY, signed_at: T0 + 2 * DAY, ...over });
}

type Step = { cmd: Command; now: Instant; policy?: Policy };

/** Runs commands through decide/evolve; any refusal here is a broken test setup. */
export function history(p: Policy, ...steps: Step[]): DomainEvent[] {
  let ctx = emptyContext();
  const events: DomainEvent[] = [];
  for (const s of steps) {
    const d = decide(s.cmd, ctx, s.policy ?? p, s.now);
    if (!d.ok) throw new Error(`setup step ${s.cmd.kind} refused: ${d.code} ${d.message.en}`);
    events.push(...d.events);
    ctx = evolveAll(ctx, d.events);
  }
  return events;
}

export const place = (order: OrderInput, now?: Instant): Step => ({
  cmd: { kind: 'place_order', order, actor: { role: 'platform' } },
  now: now ?? Math.max(order.placed_at, order.paid_at ?? 0, order.shipped_at ?? 0, order.signed_at ?? 0, order.completed_at ?? 0),
});
export const step = (cmd: Command, now: Instant): Step => ({ cmd, now });

/** What a decision gives a test: its events (or a failure naming the refusal), its refusal code, the state after. */
export interface Then<E, S> {
  decision: { ok: true; events: E[] } | Refusal;
  events(): E[];
  types(): string[];
  refused(): string;
  after(): S;
}

/** The then-part of given/when/then for any aggregate's decider (cases, complaints, shops). */
export function thenOf<E extends { type: string }, S>(decision: { ok: true; events: E[] } | Refusal, after: (events: E[]) => S): Then<E, S> {
  return {
    decision,
    events() {
      if (!decision.ok) throw new Error(`expected events, got refusal ${decision.code}: ${decision.message.en}`);
      return decision.events;
    },
    types() {
      return this.events().map((e) => e.type);
    },
    refused() {
      if (decision.ok) throw new Error(`expected a refusal, got ${decision.events.map((e) => e.type).join(', ')}`);
      return decision.code;
    },
    after() {
      return after(this.events());
    },
  };
}

export interface When extends Then<DomainEvent, OrderContext> {
  decision: Decision;
  state: OrderContext;
}

export function given(events: DomainEvent[]) {
  const state = evolveAll(emptyContext(), events);
  return {
    state,
    /** `automation`: the shop's rules and the buyer's band (SPEC §10.2), when the test gives them. */
    when(cmd: Command, now: Instant, p: Policy = policy(), automation?: AutomationInputs): When {
      const decision = decide(cmd, state, p, now, automation);
      return { ...thenOf(decision, (events) => evolveAll(state, events)), decision, state };
    },
  };
}
