// Property tests over random sequences of governance commands (fast-check): complaints on a
// shop's orders, their rulings and appeals fed to the shop as the app will (`shopCommandsFor`),
// deposit payments and debits, reopenings and deadlines, across a year end. SPEC §8.1–§8.3 hold
// whatever the parties do and whenever deadlines fire.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ComplaintCommand } from './complaint/commands.ts';
import { decideComplaint } from './complaint/decide.ts';
import { evolveComplaintAll } from './complaint/evolve.ts';
import { COMPLAINT_SUB_KINDS, type ComplaintKind, type ComplaintOrderFacts, type ComplaintState } from './complaint/types.ts';
import type { ShopCommand } from './shop/commands.ts';
import { decideShop } from './shop/decide.ts';
import type { ShopEvent } from './shop/events.ts';
import { evolveShopAll } from './shop/evolve.ts';
import { shopCommandsFor } from './shop/from-complaint.ts';
import { pointsAt, shopStatusAt, yearOf } from './shop/status.ts';
import type { ShopState } from './shop/types.ts';
import { at, HOUR, policy } from '../../test/domain-kit.ts';
import type { Actor } from './types.ts';

const PACKS = ['taobao', 'tmall', 'pinduoduo', 'jd', 'cn-baseline'] as const;
const START = at('2026-12-20T10:00:00+08:00'); // a year end falls inside most runs
const ORDERS = ['O1', 'O2', 'O3'];
const COMPLAINTS = ['K1', 'K2', 'K3', 'K4', 'K5', 'K6'];
const buyer: Actor = { role: 'buyer', id: 'B1' };
const merchant: Actor = { role: 'merchant', id: 'S1' };
const platform: Actor = { role: 'platform' };
const system: Actor = { role: 'system' };
const evidence = [{ kind: 'photo' as const }];
const SUBS = Object.entries(COMPLAINT_SUB_KINDS).flatMap(([k, ss]) => ss.map((s) => [k as ComplaintKind, s] as const));

const LOW_THRESHOLDS = [
  { points: 4, sanction: 'restriction' as const, days: 3 },
  { points: 8, sanction: 'restriction' as const, days: 30 },
  { points: 12, sanction: 'closure' as const },
];

const stepArb = fc.record({
  advance: fc.oneof(fc.integer({ min: 0, max: 6 * HOUR }), fc.integer({ min: 0, max: 10 * 24 * HOUR })),
  complaint: fc.constantFrom(...COMPLAINTS),
  order: fc.constantFrom(...ORDERS),
  sub: fc.constantFrom(...SUBS),
  caseOpen: fc.boolean(),
  action: fc.oneof(
    { weight: 6, arbitrary: fc.constant('progress') },
    fc.constantFrom('complain', 'withdraw', 'respond', 'uphold', 'dismiss', 'appeal', 'accept', 'reject', 'fire_complaint', 'topup', 'debit', 'reopen', 'fire_shop'),
  ),
  /** How a `progress` step goes: mostly the way that costs the shop points. */
  against: fc.integer({ min: 0, max: 9 }).map((n) => n < 7),
  amount: fc.integer({ min: 1, max: 80_000 }),
});

type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

/** The next command of a complaint's usual course: filed, answered or not, ruled, appealed. */
function progress(s: Step, c: ComplaintState | null): Step['action'] {
  if (!c) return 'complain';
  switch (c.status) {
    case 'filed':
      return s.against ? 'fire_complaint' : 'respond';
    case 'under_review':
      return s.against ? 'uphold' : 'dismiss';
    case 'upheld':
      return c.appeal ? 'fire_shop' : 'appeal';
    case 'appealed':
      return s.against ? 'reject' : 'accept';
    default:
      return 'fire_shop';
  }
}

function complaintCommand(step: Step, c: ComplaintState | null): ComplaintCommand | null {
  const s = step.action === 'progress' ? { ...step, action: progress(step, c) } : step;
  const base = { complaintId: s.complaint };
  switch (s.action) {
    case 'complain':
      return { ...base, kind: 'complain', complaintKind: s.sub[0], subKind: s.sub[1], evidence, actor: buyer };
    case 'withdraw':
      return { ...base, kind: 'withdraw_complaint', actor: buyer };
    case 'respond':
      return { ...base, kind: 'respond_complaint', evidence, actor: merchant };
    case 'uphold':
    case 'dismiss':
      return { ...base, kind: 'rule_complaint', outcome: s.action === 'uphold' ? 'upheld' : 'dismissed', actor: platform };
    case 'appeal':
      return { ...base, kind: 'appeal', reason: '有凭证', evidence, actor: merchant };
    case 'accept':
    case 'reject':
      return { ...base, kind: 'rule_appeal', outcome: s.action === 'accept' ? 'accepted' : 'rejected', actor: platform };
    case 'fire_complaint':
      return c?.deadline ? { ...base, kind: 'fire_complaint_deadline', deadline: c.deadline.kind, dueAt: c.deadline.dueAt, actor: system } : null;
    default:
      return null;
  }
}

function shopCommand(step: Step, shop: ShopState, c: ComplaintState | null): ShopCommand | null {
  const s = step.action === 'progress' ? { ...step, action: progress(step, c) } : step;
  const base = { shopId: 'S1' };
  switch (s.action) {
    case 'topup':
      return { ...base, kind: 'deposit_topup', amount: s.amount, actor: merchant };
    case 'debit':
      return { ...base, kind: 'deposit_debit', amount: s.amount, reason: 'compensation', reference: s.order, actor: system };
    case 'reopen':
      return { ...base, kind: 'reopen_shop', actor: platform };
    case 'fire_shop': {
      const dl = shop.deadlines.deposit_topup ?? shop.deadlines.restriction_end;
      return dl ? { ...base, kind: 'fire_shop_deadline', deadline: dl.kind, dueAt: dl.dueAt, actor: system } : null;
    }
    default:
      return null;
  }
}

function lastIndex(events: ShopEvent[], test: (e: ShopEvent) => boolean): number {
  for (let i = events.length - 1; i >= 0; i--) if (test(events[i]!)) return i;
  return -1;
}

describe('governance invariants (SPEC §8.1–§8.3)', () => {
  it('points = upheld-not-reversed complaints ruled this year; balance = top-ups − debits; closed only after a closure not reopened', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PACKS), fc.boolean(), fc.array(stepArb, { minLength: 10, maxLength: 80 }), (packId, low, steps) => {
        // Half the runs with low thresholds (as a scenario file's `parameters` may set), so closures happen.
        const p = policy(packId, START, low ? { sanction_thresholds: LOW_THRESHOLDS } : {});
        const tz = p.calendar.timeZone;
        let now = START;
        const shopEvents: ShopEvent[] = [];
        const runShop = (cmd: ShopCommand) => {
          const d = decideShop(cmd, evolveShopAll(null, shopEvents), p, now);
          if (d.ok) shopEvents.push(...d.events);
          return d;
        };
        runShop({ kind: 'register_shop', shopId: 'S1', category: 'apparel', deposit: 100000, depositRequired: 100000, actor: platform });
        let paidIn = 100000;
        let debited = 0;
        const complaints: Record<string, ComplaintState | null> = Object.fromEntries(COMPLAINTS.map((k) => [k, null]));

        for (const s of steps) {
          now += s.advance;
          const current = complaints[s.complaint] ?? null;
          const before = current;
          const cc = complaintCommand(s, current);
          if (cc) {
            if (cc.kind === 'fire_complaint_deadline') now = Math.max(now, cc.dueAt); // the runner fires on time
            const orderId = current?.orderId ?? s.order;
            const facts: ComplaintOrderFacts = {
              orderId,
              shopId: 'S1',
              buyerId: 'B1',
              placedAt: START,
              caseOpen: s.caseOpen,
              complaints: Object.values(complaints).filter((c): c is ComplaintState => c !== null && c.orderId === orderId).map((c) => ({ id: c.id, kind: c.kind, status: c.status })),
            };
            const d = decideComplaint(cc, { complaint: current, order: facts }, p, now);
            if (d.ok) {
              const next = evolveComplaintAll(current, d.events);
              complaints[s.complaint] = next;
              // The app feeds the shop what the rulings call for; the shop never refuses it.
              for (const sc of shopCommandsFor(next!, d.events)) expect(runShop(sc).ok).toBe(true);
            }
          }
          const shop = evolveShopAll(null, shopEvents)!;
          const sc = shopCommand(s, shop, before);
          if (sc) {
            if (sc.kind === 'fire_shop_deadline') now = Math.max(now, sc.dueAt);
            const d = runShop(sc);
            if (d.ok && sc.kind === 'deposit_topup') paidIn += sc.amount;
            if (d.ok && sc.kind === 'deposit_debit') debited += sc.amount;
          }

          const after = evolveShopAll(null, shopEvents)!;
          // SPEC §8.1–§8.2: this year's points are the upheld complaints not reversed, ruled this year.
          const year = yearOf(now, tz);
          const expected = Object.values(complaints)
            .filter((c) => c && c.ruling?.outcome === 'upheld' && c.status !== 'reversed' && yearOf(c.ruling.at, tz) === year)
            .reduce((sum, c) => sum + c!.points, 0);
          expect(pointsAt(after, now, tz)).toBe(expected);
          // SPEC §8.3: the ledger never loses a debit.
          expect(after.deposit.balance).toBe(paidIn - debited);
          expect(after.deposit.ledger.reduce((sum, e) => sum + e.amount, 0)).toBe(after.deposit.balance);
          // SPEC §8.2: closed only after a closure threshold crossed and no reopening since.
          const lastClosure = lastIndex(shopEvents, (e) => e.type === 'SanctionApplied' && e.sanction === 'closure');
          const lastReopen = lastIndex(shopEvents, (e) => e.type === 'ShopReopened');
          if (shopStatusAt(after, now).status === 'closed') expect(lastClosure).toBeGreaterThan(lastReopen);
          // SPEC §8.2: each threshold's sanction at most once a year.
          const applied = shopEvents.filter((e) => e.type === 'SanctionApplied').map((e) => `${e.year}:${e.threshold}`);
          expect(new Set(applied).size).toBe(applied.length);
          // A restriction end is never in the past of the status that reports it.
          const st = shopStatusAt(after, now);
          if (st.restrictedUntil !== null) expect(st.restrictedUntil).toBeGreaterThan(now);
        }
      }),
      { numRuns: 300 },
    );
  });
});
