// SPEC §8.4–§8.5 in the store, one suite run on every engine: the rollups written with the events
// equal a recount from the event history (random histories through the real engine), a rebuild
// gives the same numbers back, and the governance cycle fires once per period even when two
// runners fire it at once.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../src/app/clock.ts';
import { createEngine, type Engine } from '../src/app/engine.ts';
import { builtinPacks } from '../src/app/packs.ts';
import { simulatedProvider } from '../src/app/payments.ts';
import { advance } from '../src/app/simulate.ts';
import { governanceView } from '../src/app/governance/views.ts';
import { notificationView } from '../src/app/desk/notification-view.ts';
import { metricsOf, totalsFromFacts, windowOf } from '../src/domain/metrics/compute.ts';
import { factsFromHistory } from '../src/domain/metrics/facts.ts';
import type { CaseCommand } from '../src/domain/commands.ts';
import type { ComplaintCommand } from '../src/domain/complaint/commands.ts';
import type { Database } from '../src/store/db.ts';
import { migrate } from '../src/store/migrations.ts';
import { cycleDeadlines, platformDeadlines, shopHistory } from '../src/store/metrics.ts';
import { at, DAY, HOUR, orderInput } from './domain-kit.ts';

const TZ = 'Asia/Shanghai';
const START = at('2026-03-02T09:00:00+08:00'); // a Monday
const platform = { kind: 'platform' as const };
const evidence = [{ kind: 'photo' as const }];
const complain = (complaintId: string, buyerId: string): ComplaintCommand => ({
  kind: 'complain',
  complaintId,
  actor: { role: 'buyer', id: buyerId },
  complaintKind: 'breach_of_promise',
  subKind: 'refused_trade',
  evidence,
});

/** A small deterministic PRNG (mulberry32): the same random history on both engines. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function metricsContract(engineName: string, open: () => Promise<Database>) {
  describe(`shop metrics store contract on ${engineName}`, () => {
    let db: Database;
    let engine: Engine;
    let clock: SimulatedClock;
    let schema = '';
    let n = 0;
    beforeAll(async () => {
      db = await open();
    });
    afterAll(async () => {
      await db?.close();
    });
    afterEach(async () => {
      if (schema) await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    });
    beforeEach(async () => {
      schema = `metrics_${process.pid}_${++n}`;
      await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.useSchema(schema);
      await migrate(db);
      clock = new SimulatedClock(START);
      engine = createEngine({ db, packs: builtinPacks(), clock, payments: simulatedProvider(db, { now: () => clock.now() }) });
    });

    /** Random orders and cases of shops S1–S3 over three weeks, through the engine. */
    async function randomHistory(seed: number, pack = 'taobao'): Promise<void> {
      const r = rng(seed);
      for (const id of ['S1', 'S2', 'S3']) expect(await engine.upsertShop({ id, pack, category: 'apparel', returnAddress: 'addr' })).toEqual({ ok: true });
      const orders: { id: string; shop: string; buyer: string }[] = [];
      for (let i = 0; i < 24; i++) {
        const shop = `S${1 + Math.floor(r() * 3)}`;
        const paid = START - Math.floor(r() * 20 * DAY);
        const done = r() < 0.5;
        const o = orderInput({ id: `O${i}`, shop, buyer: `B${i}`, placed_at: paid, paid_at: paid, ...(done ? { shipped_at: paid + HOUR, signed_at: paid + 2 * HOUR, completed_at: paid + 3 * HOUR } : {}) });
        expect((await engine.placeOrder(o, { role: 'platform' })).ok).toBe(true);
        orders.push({ id: o.id, shop, buyer: o.buyer });
      }
      const applied = new Set<string>();
      for (let step = 0; step < 50; step++) {
        await advance(engine, clock, clock.now() + Math.floor(r() * 10 * HOUR));
        const o = orders[Math.floor(r() * orders.length)]!;
        const caseId = `C-${o.id}`;
        const buyer = { role: 'buyer' as const, id: o.buyer };
        const merchant = { role: 'merchant' as const, id: o.shop };
        const pick = r();
        const cmd = (c: CaseCommand, actor: typeof buyer | typeof merchant) => engine.caseCommand(c, actor, { shopId: o.shop, orderId: o.id });
        // An order without a case mostly gets one first; the others get a random move.
        if (!applied.has(o.id) && pick < 0.6) {
          const a = await cmd({ kind: 'apply', caseId, args: { type: 'refund_only', reason: r() < 0.5 ? 'quality_issue' : 'no_longer_needed', evidence } } as CaseCommand, buyer);
          if (a.ok) applied.add(o.id);
          if (a.ok && r() < 0.35) {
            // answered within hours: a rejection the buyer takes to the platform
            await advance(engine, clock, clock.now() + Math.floor(r() * 5 * HOUR));
            await cmd({ kind: 'reject', caseId, reason: 'no', evidence } as CaseCommand, merchant);
            await cmd({ kind: 'escalate', caseId, reason: 'refused' } as CaseCommand, buyer);
          }
        } else if (pick < 0.3) await cmd({ kind: 'agree', caseId } as CaseCommand, merchant);
        else if (pick < 0.55) {
          await cmd({ kind: 'reject', caseId, reason: 'no', evidence } as CaseCommand, merchant);
          if (r() < 0.7) await cmd({ kind: 'escalate', caseId, reason: 'refused' } as CaseCommand, buyer);
        } else if (pick < 0.7) await engine.complaintCommand(complain(`K-${o.id}-${step}`, o.buyer), { shopId: o.shop, orderId: o.id });
        else await engine.orderCommand(o.shop, o.id, { kind: 'complete_order' }, buyer);
        // SPEC §10.1: tickets on the orders too — opened, answered (or left to breach), resolved, rated.
        // (on a few orders, so that tickets live long enough to be answered late, resolved and rated)
        await ticketMove(orders[Math.floor(r() * 6)]!, r);
      }
      await advance(engine, clock, clock.now() + 3 * DAY);
    }

    async function ticketMove(o: { id: string; shop: string; buyer: string }, r: () => number): Promise<void> {
      const ticketId = `T-${o.id}`;
      const buyer = { role: 'buyer' as const, id: o.buyer };
      const merchant = { role: 'merchant' as const, id: o.shop };
      const t = await engine.getTicket(ticketId);
      const pick = r();
      if (!t) {
        await engine.ticketCommand({ kind: 'open_ticket', ticketKind: 'consultation', message: '在吗', ticketId, actor: buyer }, { shopId: o.shop, orderId: o.id });
      } else if (t.status === 'open' && pick < 0.4) {
        await engine.ticketCommand({ kind: 'reply', message: '您好', ticketId, actor: merchant });
      } else if (t.status === 'open') {
        await engine.ticketCommand({ kind: 'resolve', ticketId, actor: merchant });
      } else if (t.status === 'resolved' && t.csat === null) {
        await engine.ticketCommand({ kind: 'rate', csat: 1 + Math.floor(r() * 5), ticketId, actor: buyer });
      }
    }

    it('rollups equal a recount from the event history, and every read equals the pure recount', async () => {
      await randomHistory(7);
      const audit = await engine.auditMetrics({ full: true });
      expect(audit.shops).toBe(3);
      expect(audit.mismatches).toEqual([]);
      const r = rng(99);
      for (let i = 0; i < 12; i++) {
        const when = START - 10 * DAY + Math.floor(r() * 35 * DAY);
        for (const shop of ['S1', 'S2', 'S3']) {
          const { history, complaints, tickets } = await shopHistory(db, shop);
          const { from, to } = windowOf(when, 30, TZ);
          const expected = metricsOf(totalsFromFacts(factsFromHistory(shop, history, complaints, tickets), from, to), 0);
          const got = await engine.shopMetrics(platform, shop, { at: when });
          if ('ok' in got) throw new Error(got.message.en);
          expect({ ...got.metrics, complaint_points: 0 }).toEqual(expected);
        }
      }
      // The history did produce numbers to compare (not only zeros and nulls).
      const all = await engine.categoryMetrics(platform, 'apparel', { at: clock.now() });
      if ('ok' in all) throw new Error(all.message.en);
      const has = (name: keyof (typeof all.shops)[number]['metrics']) => all.shops.some((s) => (s.metrics[name] ?? 0) > 0);
      expect(['refund_rate', 'dispute_rate', 'intervention_volume', 'quality_refund_rate', 'avg_refund_hours', 'first_response_p50', 'ticket_sla_breach_rate', 'csat_avg'].filter((m) => !has(m as never))).toEqual([]);
    });

    it('a rebuild from the history gives the same numbers back after the rollups were lost', async () => {
      await randomHistory(11);
      const before = await engine.shopMetrics(platform, 'S2', { at: clock.now() });
      await db.exec(`DELETE FROM metric_daily; UPDATE metric_facts SET value = value + 1`);
      expect((await engine.auditMetrics({ full: true })).mismatches.length).toBeGreaterThan(0);
      const progress: number[] = [];
      const done = await engine.rebuildMetrics({ onProgress: (p) => progress.push(p.done) });
      expect(done.shops).toBe(3);
      expect(progress).toEqual([1, 2, 3]);
      expect((await engine.auditMetrics({ full: true })).mismatches).toEqual([]);
      expect(await engine.shopMetrics(platform, 'S2', { at: clock.now() })).toEqual(before);
    });

    it('the governance cycle fires once per period, even with two runners at once, and schedules the next', async () => {
      // S1 has interventions on half its completed orders, S2 and S3 none: S1 is above average.
      for (const id of ['S1', 'S2', 'S3']) await engine.upsertShop({ id, pack: 'pinduoduo', category: 'apparel' });
      for (let i = 0; i < 90; i++) {
        const shop = `S${1 + (i % 3)}`;
        const paid = START - 5 * DAY;
        expect((await engine.placeOrder(orderInput({ id: `O${i}`, shop, buyer: `B${i}`, placed_at: paid, paid_at: paid, shipped_at: paid + HOUR, signed_at: paid + 2 * HOUR, completed_at: paid + 3 * HOUR }), { role: 'platform' })).ok).toBe(true);
        if (shop === 'S1' && i % 2 === 0) {
          const k = await engine.complaintCommand(complain(`K${i}`, `B${i}`), { shopId: shop, orderId: `O${i}` });
          expect(k.ok).toBe(true);
        }
      }
      const end = at('2026-03-09T00:00:00+08:00');
      expect(await cycleDeadlines(db, 'pinduoduo')).toEqual([{ dueAt: end, status: 'pending' }]);
      clock.set(end);
      const due = { shopId: '', orderId: '', subject: 'governance:pinduoduo', kind: 'governance_cycle', dueAt: end, aggregate: 'platform' as const };
      const [a, b] = await Promise.all([engine.fire(due), engine.fire(due)]);
      expect([a, b].filter(Boolean)).toHaveLength(1);
      const s1 = await engine.shopGovernance('S1');
      expect(s1?.shop.notices).toHaveLength(1);
      expect(s1?.shop.notices?.[0]).toMatchObject({ periodEnd: end, rate: 0.5, rank: 1 });
      expect((await engine.shopGovernance('S2'))?.shop.notices ?? []).toHaveLength(0);
      expect(await cycleDeadlines(db, 'pinduoduo')).toEqual([
        { dueAt: end, status: 'fired' },
        { dueAt: at('2026-03-16T00:00:00+08:00'), status: 'pending' },
      ]);
      // The notice went to webhooks as shop.notice.
      const hooks = await db.query<{ type: string }>(`SELECT type FROM outbox WHERE type = 'shop.notice'`);
      expect(hooks.rows).toHaveLength(1);
      // SPEC §10.5: and to the merchant's inbox, once (two runners fired), in words; nobody else's.
      const cycleNotes = async (shopId: string) =>
        (await engine.notificationsFor({ kind: 'shop', shopId }, { limit: 100 })).rows.filter((n) => ['GovernanceNoticeSent', 'CycleRestrictionApplied'].includes(String(n.data.event)));
      const notes = await cycleNotes('S1');
      expect(notes.map((n) => [n.kind, n.data.event, n.data.rate, n.data.rank])).toEqual([['shop.status', 'GovernanceNoticeSent', 0.5, 1]]);
      expect(notificationView(notes[0]!, 'zh', TZ).text).toBe(`站内信: 介入率 50.00% 高于行业均值 ${(s1!.shop.notices![0]!.average * 100).toFixed(2)}%, 介入量类目第 1; 重点观察至 2026-03-16T00:00:00+08:00`);
      expect(await cycleNotes('S2')).toEqual([]);

      // A period later S1 was watched and is still above, first by volume: restricted 7 days.
      const end2 = at('2026-03-16T00:00:00+08:00');
      await advance(engine, clock, end2);
      const g = await engine.shopGovernance('S1');
      const view = governanceView(g!, TZ);
      expect(view).toMatchObject({ status: 'restricted', restricted_until: '2026-03-23T00:00:00+08:00' });
      // (Its silent complaints were upheld meanwhile: 12 points brought a restriction of their own.)
      expect(view.sanctions).toContainEqual({ kind: 'restriction', threshold: null, from: '2026-03-16T00:00:00+08:00', until: '2026-03-23T00:00:00+08:00', ended_at: null });
      expect(view.sanctions.filter((x) => x.threshold === null)).toHaveLength(1);
      const sanctioned = await db.query<{ payload: { event: { type: string } } }>(`SELECT payload FROM outbox WHERE type = 'shop.sanctioned'`);
      expect(sanctioned.rows.filter((r) => r.payload.event.type === 'CycleRestrictionApplied')).toHaveLength(1);
      expect((await cycleDeadlines(db, 'pinduoduo')).map((d) => d.status)).toEqual(['fired', 'fired', 'pending']);
      const restricted = (await cycleNotes('S1')).filter((n) => n.data.event === 'CycleRestrictionApplied');
      expect(restricted.map((n) => notificationView(n, 'en', TZ).text)).toEqual([
        'the intervention rate stayed above the category average: the shop is kept off the home page and campaigns until 2026-03-23T00:00:00+08:00',
      ]);
    });

    it('SPEC §13: the seller performance review runs daily at 00:00 Pacific time, once even with two runners, and notices a missed target once', async () => {
      const LA_START = at('2026-06-01T09:00:00-07:00');
      clock.set(LA_START);
      await engine.upsertShop({ id: 'U1', pack: 'amazon-us', category: 'home' });
      const midnight = at('2026-06-02T00:00:00-07:00');
      expect(await platformDeadlines(db, 'performance:amazon-us')).toEqual([{ dueAt: midnight, status: 'pending' }]);
      // Two orders paid on Wednesday 27 May: ship by Friday 29 May 10:00 (2 business days); UB ships on Monday: late.
      const paid = at('2026-05-27T10:00:00-07:00');
      for (const [id, shipped] of [['UA', paid + HOUR], ['UB', at('2026-06-01T08:30:00-07:00')]] as const) {
        expect((await engine.placeOrder(orderInput({ id, shop: 'U1', buyer: `B-${id}`, placed_at: paid, paid_at: paid, shipped_at: shipped }), { role: 'platform' })).ok).toBe(true);
      }
      clock.set(midnight);
      const due = { shopId: '', orderId: '', subject: 'performance:amazon-us', kind: 'performance_review', dueAt: midnight, aggregate: 'platform' as const };
      const [a, b] = await Promise.all([engine.fire(due), engine.fire(due)]);
      expect([a, b].filter(Boolean)).toHaveLength(1);
      expect(await platformDeadlines(db, 'performance:amazon-us')).toEqual([
        { dueAt: midnight, status: 'fired' },
        { dueAt: at('2026-06-03T00:00:00-07:00'), status: 'pending' },
      ]);
      expect((await engine.shopGovernance('U1'))?.shop.performance).toEqual({ late_shipment_rate: { since: midnight, rate: 0.5, maxPct: 4, windowDays: 30 } });
      // The next day's review finds it still missed: no second notice, to webhooks or to the inbox.
      await advance(engine, clock, at('2026-06-03T00:00:01-07:00'));
      const hooks = await db.query<{ payload: { event: { type: string } } }>(`SELECT payload FROM outbox WHERE type = 'shop.notice'`);
      expect(hooks.rows.map((r) => r.payload.event.type)).toEqual(['PerformanceNoticeSent']);
      const notes = (await engine.notificationsFor({ kind: 'shop', shopId: 'U1' }, { limit: 100 })).rows.filter((x) => x.data.event === 'PerformanceNoticeSent');
      expect(notes.map((x) => notificationView(x, 'en', 'America/Los_Angeles').text)).toEqual(['performance notice: the late shipment rate of 50.00% (last 30 days) misses the target of under 4%']);
    });
  });
}
