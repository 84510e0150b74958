// scenarios/next/tmall-complaint-upheld-and-dismissed.json, step by step on the pure domain (the
// app will run the file itself once store, runner and API are wired): an answered complaint upheld
// costs its points, a dismissed one costs nothing, another buyer may not complain.
import { describe, expect, it } from 'vitest';
import type { ComplaintCommand } from './complaint/commands.ts';
import { decideComplaint } from './complaint/decide.ts';
import { evolveComplaintAll } from './complaint/evolve.ts';
import type { ComplaintOrderFacts, ComplaintState } from './complaint/types.ts';
import { decideShop } from './shop/decide.ts';
import type { ShopEvent } from './shop/events.ts';
import { evolveShopAll } from './shop/evolve.ts';
import { shopCommandsFor } from './shop/from-complaint.ts';
import { shopView } from './shop/status.ts';
import { at, policy } from '../../test/domain-kit.ts';
import type { Actor } from './types.ts';

const P = policy('tmall', at('2026-04-03T09:00:00+08:00'));
const placed = at('2026-04-01T10:00:00+08:00');
const order = (id: string): ComplaintOrderFacts => ({ orderId: id, shopId: 'S1', buyerId: 'B1', placedAt: placed, caseOpen: false, complaints: [] });
const evidence = [{ kind: 'photo' as const, description: '商品照片 / photo of the goods' }];
const chat = [{ kind: 'chat_log' as const, description: '聊天记录 / chat log' }];
const B1: Actor = { role: 'buyer', id: 'B1' };
const S1: Actor = { role: 'merchant', id: 'S1' };
const PLATFORM: Actor = { role: 'platform' };

describe('tmall: a rule complaint upheld costs its points; a dismissed one costs nothing', () => {
  it('runs as the scenario file expects', () => {
    const complaints: Record<string, ComplaintState | null> = {};
    const orders: Record<string, string> = {};
    const shopEvents: ShopEvent[] = [];
    const shopNow = () => evolveShopAll(null, shopEvents)!;
    const shopDecide = (c: Parameters<typeof decideShop>[0], now: number) => {
      const d = decideShop(c, evolveShopAll(null, shopEvents), P, now);
      if (!d.ok) throw new Error(d.message.en);
      shopEvents.push(...d.events);
    };
    // The file has no `shops`: the app registers S1 with the pack's deposit.
    shopDecide({ kind: 'register_shop', shopId: 'S1', category: 'apparel', actor: { role: 'system' } }, at('2026-04-03T09:00:00+08:00'));

    const step = (iso: string, id: string, orderId: string | null, body: ComplaintCommand extends infer C ? (C extends ComplaintCommand ? Omit<C, 'complaintId'> : never) : never) => {
      const now = at(iso);
      const c = complaints[id] ?? null;
      const d = decideComplaint({ ...body, complaintId: id } as ComplaintCommand, { complaint: c, order: order(orderId ?? orders[id]!) }, P, now);
      if (!d.ok) return { ok: false as const, error: d.code };
      const next = evolveComplaintAll(c, d.events)!;
      complaints[id] = next;
      orders[id] = next.orderId;
      for (const sc of shopCommandsFor(next, d.events)) shopDecide(sc, now);
      return { ok: true as const, status: next.status, points: next.points };
    };

    expect(step('2026-04-03T10:00:00+08:00', 'K1', 'O1', { kind: 'complain', complaintKind: 'breach_of_promise', subKind: 'unfulfilled_promise', evidence, note: '承诺的赠品没有发', actor: B1 })).toMatchObject({ ok: true, status: 'filed' });
    expect(step('2026-04-03T10:00:00+08:00', 'K2', 'O2', { kind: 'complain', complaintKind: 'misdescription', subKind: 'minor', evidence, actor: B1 })).toMatchObject({ ok: true, status: 'filed' });
    expect(step('2026-04-03T10:30:00+08:00', 'K3', 'O1', { kind: 'complain', complaintKind: 'misdescription', subKind: 'minor', actor: { role: 'buyer', id: 'B9' } })).toEqual({ ok: false, error: 'forbidden' });
    expect(step('2026-04-04T10:00:00+08:00', 'K1', null, { kind: 'respond_complaint', evidence: chat, note: '赠品已补发', actor: S1 })).toMatchObject({ ok: true, status: 'under_review' });
    expect(step('2026-04-04T10:00:00+08:00', 'K2', null, { kind: 'respond_complaint', evidence: chat, actor: S1 })).toMatchObject({ ok: true, status: 'under_review' });
    expect(step('2026-04-05T10:00:00+08:00', 'K1', null, { kind: 'rule_complaint', outcome: 'upheld', actor: PLATFORM })).toEqual({ ok: true, status: 'upheld', points: 4 });
    expect(step('2026-04-05T10:00:00+08:00', 'K2', null, { kind: 'rule_complaint', outcome: 'dismissed', actor: PLATFORM })).toEqual({ ok: true, status: 'dismissed', points: 0 });
    expect(shopView(shopNow(), P, at('2026-04-05T10:00:00+08:00'))).toMatchObject({ points: 4, status: 'active' });
  });
});
