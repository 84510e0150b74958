// Test helpers for shop decider tests: given(events) → when(command) → then(events | refusal).
// Only tests import this file.
import type { Policy } from '../src/domain/policy.ts';
import { policy, thenOf, type Then } from './domain-kit.ts';
import type { Actor, Instant } from '../src/domain/types.ts';
import type { ShopCommand } from '../src/domain/shop/commands.ts';
import { decideShop, type ShopDecision } from '../src/domain/shop/decide.ts';
import type { ShopEvent } from '../src/domain/shop/events.ts';
import { evolveShopAll } from '../src/domain/shop/evolve.ts';
import type { ShopState } from '../src/domain/shop/types.ts';

export const sys: Actor = { role: 'system' };
export const plat: Actor = { role: 'platform', id: 'P' };

type Body = ShopCommand extends infer C ? (C extends ShopCommand ? Omit<C, 'shopId' | 'actor'> : never) : never;
export const shopCmd = (body: Body, actor: Actor = sys, shopId = 'S1'): ShopCommand => ({ ...body, shopId, actor }) as ShopCommand;

export type ShopWhen = Then<ShopEvent, ShopState> & { decision: ShopDecision };

export function givenShop(events: ShopEvent[], p: Policy = policy('taobao')) {
  const state = evolveShopAll(null, events);
  return {
    state,
    when(c: ShopCommand, now: Instant): ShopWhen {
      const decision = decideShop(c, state, p, now);
      return thenOf(decision, (events) => evolveShopAll(state, events)!);
    },
  };
}

/** Runs shop commands in order; any refusal is a broken test setup. */
export function shopHistory(steps: [ShopCommand, Instant][], p: Policy = policy('taobao')): ShopEvent[] {
  const events: ShopEvent[] = [];
  for (const [c, now] of steps) events.push(...givenShop(events, p).when(c, now).events());
  return events;
}

export const stateOf = (events: ShopEvent[]): ShopState => evolveShopAll(null, events)!;
export const register = (over: Partial<Extract<ShopCommand, { kind: 'register_shop' }>> = {}) => shopCmd({ kind: 'register_shop', category: 'apparel', ...over }, plat);
export const record = (complaintId: string, points: number, at: Instant) => shopCmd({ kind: 'record_points', complaintId, points, at });
export const remove = (complaintId: string, at: Instant) => shopCmd({ kind: 'remove_points', complaintId, at });
