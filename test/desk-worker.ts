// Ticket deadlines on the shared runner, on every engine (SPEC §10.1): two runners fire each SLA
// exactly once at its due instant, a missed resolution escalates, the reminder `reminder_before`
// an SLA goes out once as a webhook message and a notification for the merchant, and the tickets'
// hash chains and projections check out.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../src/app/clock.ts';
import { doctor } from '../src/app/doctor.ts';
import { createEngine, type Engine } from '../src/app/engine.ts';
import { builtinPacks } from '../src/app/packs.ts';
import { simulatedProvider } from '../src/app/payments.ts';
import { runDeadlines, runReminders } from '../src/app/runner.ts';
import type { Database } from '../src/store/db.ts';
import { migrate } from '../src/store/migrations.ts';
import { at, DAY, HOUR } from './domain-kit.ts';

/** Monday 2026-04-13 10:00 in Shanghai. */
const T0 = at('2026-04-13T10:00:00+08:00');
const TICKETS = 12;

export function deskWorker(engineName: string, open: () => Promise<Database>) {
  describe(`ticket deadlines on the runner on ${engineName}`, () => {
    let db: Database;
    let clock: SimulatedClock;
    const schema = `desk_worker_${process.pid}_${engineName.toLowerCase()}`;
    const engine = (): Engine => createEngine({ db, packs: builtinPacks(), clock, payments: simulatedProvider(db), inlineRefunds: false });
    beforeEach(async () => {
      db = await open();
      await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.useSchema(schema);
      await migrate(db);
      clock = new SimulatedClock(T0);
    });
    afterEach(async () => {
      await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.close();
    });

    it('two runners fire each SLA exactly once at its due instant; a missed resolution escalates; reminders go out once', async () => {
      const [a, b] = [engine(), engine()];
      await a.upsertShop({ id: 'S1', pack: 'tmall' });
      for (let i = 1; i <= TICKETS; i++) {
        const r = await a.ticketCommand({ kind: 'open_ticket', ticketKind: 'logistics', message: '包裹到哪了?', ticketId: `T${i}`, actor: { role: 'buyer', id: `B${i}` } }, { shopId: 'S1' });
        expect(r.ok).toBe(true);
      }
      // reminder_before (24 h) the 72 h first response: one reminder per ticket, sent once.
      clock.set(T0 + 48 * HOUR);
      expect(await runReminders(a)).toBe(TICKETS);
      expect(await runReminders(b)).toBe(0);
      const inbox = (await a.notificationsFor({ kind: 'shop', shopId: 'S1' }, { limit: 100 })).rows.filter((n) => n.kind === 'ticket.reminder');
      expect(inbox).toHaveLength(TICKETS);
      const reminders = await db.query<{ stream_id: string }>(`SELECT stream_id FROM outbox WHERE type = 'DeadlineReminder' ORDER BY stream_id`);
      expect(new Set(reminders.rows.map((r) => r.stream_id)).size).toBe(TICKETS);
      expect(reminders.rows[0]!.stream_id).toMatch(/^ticket:T\d+$/);

      // Past the first response: two runners share the due deadlines.
      clock.set(T0 + 72 * HOUR + HOUR);
      const [x, y] = await Promise.all([runDeadlines(a, { batch: 5 }), runDeadlines(b, { batch: 5 })]);
      let rest = 0;
      for (let fired = 1; fired > 0; rest += fired) fired = await runDeadlines(a);
      expect(x + y + rest).toBe(TICKETS);
      const t1 = (await a.getTicket('T1'))!;
      expect(t1.slaBreaches).toEqual([{ sla: 'first_response', at: T0 + 72 * HOUR }]);
      const breaches = await db.query<{ n: number; late: number }>(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE occurred_at <> to_timestamp(((data->>'dueAt')::bigint) / 1000.0))::int AS late
         FROM governance_events WHERE type = 'TicketSlaBreached'`,
      );
      expect(breaches.rows).toEqual([{ n: TICKETS, late: 0 }]);

      // 7 working days from Monday 10:00: Wednesday of the next week, 10:00.
      clock.set(T0 + 10 * DAY);
      const [p, q] = await Promise.all([runDeadlines(a), runDeadlines(b)]);
      expect(p + q).toBe(TICKETS);
      const escalated = (await a.listTickets({ kind: 'platform' }, { escalated: true, limit: 100 }));
      expect('ok' in escalated ? [] : escalated.tickets.map((t) => t.escalatedAt)).toEqual(Array(TICKETS).fill(at('2026-04-22T10:00:00+08:00')));
      expect((await a.notificationsFor({ kind: 'platform' }, { limit: 100 })).unread).toBe(TICKETS);
      // SPEC §10.1 → §8.4: every ticket breached; two rated after the platform resolved them.
      for (const [i, csat] of [[1, 2], [2, 5]] as const) {
        expect((await a.ticketCommand({ kind: 'resolve', ticketId: `T${i}`, actor: { role: 'platform', id: 'platform' } }, { shopId: 'S1' })).ok).toBe(true);
        expect((await a.ticketCommand({ kind: 'rate', csat, ticketId: `T${i}`, actor: { role: 'buyer', id: `B${i}` } }, { shopId: 'S1' })).ok).toBe(true);
      }
      // The breaches were fired in the runner's batches: their facts went in with the events.
      const metricsAt = async (t: number, windowDays: number) => {
        const m = await a.shopMetrics({ kind: 'platform' }, 'S1', { at: t, windowDays });
        return m && !('ok' in m) ? { breach: m.metrics.ticket_sla_breach_rate, csat: m.metrics.csat_avg } : m;
      };
      expect(await metricsAt(T0 + 11 * DAY, 30)).toEqual({ breach: 1, csat: 3.5 });
      // A ticket counts once, at its first breach (72 h after the opening), not at its second.
      expect(await metricsAt(T0 + 72 * HOUR, 30)).toEqual({ breach: 0, csat: null });
      expect(await metricsAt(T0 + 11 * DAY, 1)).toEqual({ breach: null, csat: 3.5 });
      expect((await a.auditMetrics({ full: true })).mismatches).toEqual([]);
      expect(await a.verifyHistories()).toEqual([]);
      expect((await doctor(db, clock.now())).filter((f) => f.breach)).toEqual([]);
    });

    it('sends a case deadline’s reminder as a notification for the party it waits on, once', async () => {
      const a = engine();
      await a.upsertShop({ id: 'S1', pack: 'tmall' });
      const placed = T0 - 3 * DAY;
      const order = { id: 'O1', shop: 'S1', buyer: 'B1', placed_at: placed, paid_at: placed, shipped_at: placed + DAY, shipping_fee: 0, free_shipping: true, shipping_insurance: 0, lines: [{ id: 'L1', sku: 'S', category: 'apparel', quantity: 1, paid_amount: 9900, flags: [] }] };
      expect((await a.placeOrder(order as never, { role: 'platform' })).ok).toBe(true);
      const applied = await a.caseCommand({ kind: 'apply', caseId: 'C1', args: { type: 'refund_only', reason: 'damaged', evidence: [{ kind: 'photo' }] } }, { role: 'buyer', id: 'B1' }, { shopId: 'S1', orderId: 'O1' });
      expect(applied.ok).toBe(true);
      // tmall: the merchant has 5 days; the reminder goes out 24 h before.
      clock.set(T0 + 4 * DAY + HOUR);
      expect(await runReminders(a)).toBeGreaterThanOrEqual(1);
      expect(await runReminders(a)).toBe(0);
      const merchant = (await a.notificationsFor({ kind: 'shop', shopId: 'S1' }, { limit: 100 })).rows.filter((n) => n.kind === 'deadline.reminder');
      expect(merchant.map((n) => [n.subject, n.data.deadline])).toEqual([['case:C1', 'merchant_response']]);
    });
  });
}
