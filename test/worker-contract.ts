// Background work on every engine: deadline runners sharing the table, reminders, the refund
// executor against a failing provider, the webhook relay (signed, ordered, retried, dead-lettered)
// and `doctor`.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../src/app/clock.ts';
import { doctor } from '../src/app/doctor.ts';
import { createEngine, type Engine } from '../src/app/engine.ts';
import { builtinPacks } from '../src/app/packs.ts';
import { simulatedProvider } from '../src/app/payments.ts';
import { relayBatch, SIGNATURE_HEADER, verifySignature } from '../src/app/relay.ts';
import { runDeadlines, runReminders } from '../src/app/runner.ts';
import { DAY, HOUR, shippedOrder, T0 } from './domain-kit.ts';
import type { Database } from '../src/store/db.ts';
import { migrate } from '../src/store/migrations.ts';
import { addEndpoint } from '../src/store/outbox.ts';

const buyer = { role: 'buyer' as const, id: 'B1' };
const merchant = { role: 'merchant' as const, id: 'S1' };
const NOW = T0 + 3 * DAY;
const photo = [{ kind: 'photo' as const }];

interface Hit {
  body: string;
  signature: string;
  attempt: string;
}

export function workerContract(engineName: string, open: () => Promise<Database>) {
  describe(`background work on ${engineName}`, () => {
    let db: Database;
    let clock: SimulatedClock;
    let n = 0;
    let schema = '';
    let server: Server;
    let url = '';
    const hits: Hit[] = [];
    let failWith = 0;

    beforeAll(async () => {
      db = await open();
      server = createServer((req, res) => {
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', () => {
          hits.push({ body, signature: String(req.headers[SIGNATURE_HEADER]), attempt: String(req.headers['aftersale-delivery-attempt']) });
          res.statusCode = failWith || 204;
          res.end();
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    });
    afterAll(async () => {
      await new Promise((r) => server.close(r));
      await db?.close();
    });
    beforeEach(async () => {
      schema = `worker_${process.pid}_${++n}`;
      await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.useSchema(schema);
      await migrate(db);
      clock = new SimulatedClock(NOW);
      hits.length = 0;
      failWith = 0;
    });
    afterEach(async () => {
      await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    });

    async function setup(orders: number, failureRate = 0): Promise<Engine> {
      const engine = createEngine({ db, packs: builtinPacks(), clock, payments: simulatedProvider(db, { failureRate, now: () => clock.now() }), inlineRefunds: false });
      await engine.upsertShop({ id: 'S1', pack: 'taobao' });
      for (let i = 1; i <= orders; i++) {
        expect((await engine.placeOrder({ ...shippedOrder(), id: `O${i}` }, { role: 'platform' })).ok).toBe(true);
        const r = await engine.caseCommand({ kind: 'apply', caseId: `C${i}`, args: { type: 'refund_only', reason: 'damaged', evidence: photo } }, buyer, { shopId: 'S1', orderId: `O${i}` });
        expect(r.ok).toBe(true);
      }
      return engine;
    }

    it('two runners share due deadlines: each fires exactly once, at its due instant', async () => {
      const engine = await setup(24);
      const other = createEngine({ db, packs: builtinPacks(), clock, payments: simulatedProvider(db), inlineRefunds: false });
      clock.set(NOW + 6 * DAY); // every merchant_response (5 d) and auto-confirm pause is due
      const [a, b] = await Promise.all([runDeadlines(engine, { batch: 10, concurrency: 4 }), runDeadlines(other, { batch: 10, concurrency: 4 })]);
      let rest = 0;
      for (let fired = 1; fired > 0; rest += fired) fired = await runDeadlines(engine);
      expect(a + b + rest).toBe(24);
      const expired = await db.query<{ n: number; late: number }>(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE occurred_at <> to_timestamp(((data->>'dueAt')::bigint) / 1000.0))::int AS late
         FROM events WHERE type = 'CaseDeadlineExpired'`,
      );
      expect(expired.rows).toEqual([{ n: 24, late: 0 }]);
      expect((await doctor(db, clock.now())).filter((f) => f.breach && f.check === 'deadline_fired')).toEqual([]);
    });

    it('complaint and shop deadlines (SPEC §8): two runners fire each exactly once, at its due instant, with the shop effects', async () => {
      const engine = createEngine({ db, packs: builtinPacks(), clock, payments: simulatedProvider(db), inlineRefunds: false });
      const other = createEngine({ db, packs: builtinPacks(), clock, payments: simulatedProvider(db), inlineRefunds: false });
      // A deposit short from the start: its top-up deadline runs 7 days.
      await engine.upsertShop({ id: 'S1', pack: 'taobao', depositRequired: 100000, deposit: 0 });
      for (let i = 1; i <= 10; i++) {
        expect((await engine.placeOrder({ ...shippedOrder(), id: `O${i}` }, { role: 'platform' })).ok).toBe(true);
        const r = await engine.complaintCommand({ kind: 'complain', complaintId: `K${i}`, complaintKind: 'misdescription', subKind: 'severe', evidence: photo, actor: buyer }, { shopId: 'S1', orderId: `O${i}` });
        expect(r.ok).toBe(true);
      }
      const pending = await db.query<{ aggregate: string; n: number }>("SELECT aggregate, count(*)::int AS n FROM deadlines WHERE status = 'pending' AND aggregate <> 'order' GROUP BY aggregate ORDER BY aggregate");
      expect(pending.rows).toEqual([{ aggregate: 'complaint', n: 10 }, { aggregate: 'shop', n: 1 }]);
      clock.set(NOW + 8 * DAY); // every complaint_response (72 h), the deposit top-up (7 d) and each order's auto-confirm are due
      const fire = async (e: Engine) => {
        let total = 0;
        for (let fired = 1; fired > 0; total += fired) fired = await runDeadlines(e, { batch: 4 });
        return total;
      };
      const [a, b] = await Promise.all([fire(engine), fire(other)]);
      expect(a + b).toBe(10 + 1 + 10);
      const expired = await db.query<{ type: string; n: number; late: number }>(
        `SELECT type, count(*)::int AS n, count(*) FILTER (WHERE occurred_at <> to_timestamp(((data->>'dueAt')::bigint) / 1000.0))::int AS late
         FROM governance_events WHERE type IN ('ComplaintDeadlineExpired', 'ShopDeadlineExpired') GROUP BY type ORDER BY type`,
      );
      expect(expired.rows).toEqual([{ type: 'ComplaintDeadlineExpired', n: 10, late: 0 }, { type: 'ShopDeadlineExpired', n: 1, late: 0 }]);
      expect((await engine.getComplaint('K1'))).toMatchObject({ status: 'under_review', merchantSilent: true });
      expect((await engine.shopGovernance('S1'))!.shop.deposit.restrictedSince).toBe(NOW + 7 * DAY);
      // The platform's review (7 d) runs out: the system upholds the silent merchants' complaints, and the points reach the shop.
      clock.set(NOW + 11 * DAY);
      const [c, d] = await Promise.all([fire(engine), fire(other)]);
      expect(c + d).toBe(10);
      const g = (await engine.shopGovernance('S1'))!;
      expect(g.shop.points.reduce((s, p) => s + p.points, 0)).toBe(120);
      expect(g.shop.closure).not.toBeNull();
      expect((await doctor(db, clock.now())).filter((f) => f.breach && f.check !== 'outbox_delivered')).toEqual([]);
    });

    it('doctor finds a deposit balance its ledger does not explain', async () => {
      const engine = createEngine({ db, packs: builtinPacks(), clock, payments: simulatedProvider(db), inlineRefunds: false });
      await engine.upsertShop({ id: 'S1', pack: 'taobao', depositRequired: 100000, deposit: 50000 });
      expect((await engine.shopCommand('S1', { kind: 'deposit_topup', amount: 50000 }, merchant)).ok).toBe(true);
      expect((await doctor(db, clock.now())).filter((f) => f.check === 'deposit_ledger')).toEqual([]);
      await db.query("DELETE FROM deposit_ledger WHERE shop_id = 'S1' AND reason = 'topup'");
      const found = (await doctor(db, clock.now())).filter((f) => f.check === 'deposit_ledger');
      expect(found).toEqual([expect.objectContaining({ breach: true, detail: expect.stringContaining('S1: balance 100000, ledger top-ups − debits 50000') })]);
    });

    it('the same batch fired twice at once: one transaction wins, the other falls back and finds it stale', async () => {
      const engine = await setup(12);
      const other = createEngine({ db, packs: builtinPacks(), clock, payments: simulatedProvider(db), inlineRefunds: false });
      clock.set(NOW + 6 * DAY);
      const due = (await db.query<{ shop_id: string; order_id: string; subject: string; kind: string; due_at: Date }>(
        "SELECT shop_id, order_id, subject, kind, due_at FROM deadlines WHERE status = 'pending' AND kind = 'merchant_response'",
      )).rows.map((x) => ({ shopId: x.shop_id, orderId: x.order_id, subject: x.subject, kind: x.kind, dueAt: x.due_at.getTime() }));
      expect(due).toHaveLength(12);
      const [a, b] = await Promise.all([engine.fireBatch(due), other.fireBatch(due)]);
      expect(a + b).toBe(12);
      const expired = await db.query("SELECT count(*)::int AS n FROM events WHERE type = 'CaseDeadlineExpired'");
      expect(expired.rows).toEqual([{ n: 12 }]);
      expect((await db.query("SELECT status, count(*)::int AS n FROM deadlines WHERE kind = 'merchant_response' GROUP BY status")).rows).toEqual([
        { status: 'fired', n: 12 },
      ]);
    });

    it('the system agrees a return to the shop default return address, on the single and the batch path (SPEC §4)', async () => {
      const engine = createEngine({ db, packs: builtinPacks(), clock, payments: simulatedProvider(db), inlineRefunds: false });
      const address = '杭州市余杭区 售后仓';
      await engine.upsertShop({ id: 'S1', pack: 'taobao', returnAddress: address });
      for (const i of [1, 2]) {
        expect((await engine.placeOrder({ ...shippedOrder(), id: `O${i}` }, { role: 'platform' })).ok).toBe(true);
        const r = await engine.caseCommand({ kind: 'apply', caseId: `C${i}`, args: { type: 'return_refund', reason: 'damaged', evidence: photo } }, buyer, { shopId: 'S1', orderId: `O${i}` });
        expect(r.ok).toBe(true);
      }
      clock.set(NOW + 6 * DAY);
      // The runner fires by the deadline's aggregate (order, complaint, shop, ticket, platform).
      const due = (await db.query<{ shop_id: string; order_id: string; subject: string; kind: string; due_at: Date; aggregate: 'order' }>(
        "SELECT shop_id, order_id, subject, kind, due_at, aggregate FROM deadlines WHERE status = 'pending' AND kind = 'merchant_response' ORDER BY subject",
      )).rows.map((x) => ({ shopId: x.shop_id, orderId: x.order_id, subject: x.subject, kind: x.kind, dueAt: x.due_at.getTime(), aggregate: x.aggregate }));
      expect(due.map((d) => d.subject)).toEqual(['C1', 'C2']);
      expect(await engine.fire(due[0]!)).toBe(true);
      expect(await engine.fireBatch([due[1]!])).toBe(1);
      for (const id of ['C1', 'C2']) {
        const c = (await db.query<{ state: { status: string; returnAddress: string | null } }>('SELECT state FROM cases WHERE case_id = $1', [id])).rows[0]!.state;
        expect([c.status, c.returnAddress], id).toEqual(['awaiting_return', address]);
      }
    });

    it('reminders go out once, reminder_before ahead of the deadline', async () => {
      const engine = await setup(1);
      clock.set(NOW + 4 * DAY - HOUR);
      expect(await runReminders(engine)).toBe(0);
      clock.set(NOW + 4 * DAY);
      expect(await runReminders(engine)).toBe(1);
      expect(await runReminders(engine)).toBe(0);
      const r = await db.query<{ type: string; stream_id: string }>("SELECT type, stream_id FROM outbox WHERE type = 'DeadlineReminder'");
      expect(r.rows).toEqual([{ type: 'DeadlineReminder', stream_id: 'case:C1' }]);
    });

    it('a failed refund stays refunding and is retried later, paying once', async () => {
      const failing = await setup(1, 1);
      await failing.caseCommand({ kind: 'agree', caseId: 'C1' }, merchant);
      expect(await failing.runRefunds(clock.now())).toBe(1);
      expect((await failing.getCase('C1'))?.status).toBe('refunding');
      const row = await db.query<{ attempts: number; status: string }>('SELECT attempts, status FROM refunds');
      expect(row.rows).toEqual([{ attempts: 1, status: 'pending' }]);
      expect(await failing.runRefunds(clock.now())).toBe(0); // not due again yet
      const working = createEngine({ db, packs: builtinPacks(), clock, payments: simulatedProvider(db, { now: () => clock.now() }), inlineRefunds: false });
      clock.set(NOW + HOUR);
      expect(await working.runRefunds(clock.now())).toBe(1);
      expect(await working.getCase('C1')).toMatchObject({ status: 'completed', refunded: 9900 });
      const types = (await db.query<{ type: string }>("SELECT type FROM events WHERE stream_id = 'case:C1' AND type LIKE 'Refund%' ORDER BY stream_version")).rows.map((x) => x.type);
      expect(types).toEqual(['RefundRequested', 'RefundFailed', 'RefundCompleted']);
      expect((await doctor(db, clock.now())).filter((f) => f.breach)).toEqual([]);
    });

    it('webhooks are signed, delivered in order per case, retried with backoff, then dead-lettered', async () => {
      await addEndpoint(db, { shopId: 'S1', endpointId: 'erp', url, secret: 'whsec_1', maxAttempts: 2 }, NOW);
      const engine = await setup(1);
      await engine.caseCommand({ kind: 'agree', caseId: 'C1' }, merchant);
      const opts = { now: () => clock.now(), random: () => 0.5, baseDelayMs: 1000, urlPolicy: { allowHttp: true, allowPrivate: true } };
      const delivered = await relayBatch(db, opts);
      expect(delivered).toBeGreaterThan(3);
      expect(hits).toHaveLength(delivered);
      for (const h of hits) expect(verifySignature('whsec_1', h.body, h.signature, clock.now())).toBe(true);
      expect(verifySignature('wrong', hits[0]!.body, hits[0]!.signature, clock.now())).toBe(false);
      // In order per case stream.
      const caseVersions = hits.map((h) => JSON.parse(h.body).data).filter((d) => d.stream === 'case:C1').map((d) => d.stream_version);
      expect(caseVersions).toEqual([...caseVersions].sort((x, y) => x - y));
      expect((await doctor(db, clock.now())).filter((f) => f.check === 'outbox_delivered')).toEqual([]);

      // The endpoint starts failing: the next message is retried after a backoff, then dead-lettered.
      failWith = 500;
      hits.length = 0;
      await engine.caseCommand({ kind: 'submit_evidence', caseId: 'C1', evidence: photo }, buyer);
      expect(await relayBatch(db, opts)).toBe(1);
      const after1 = await db.query<{ status: string; attempts: number; next: Date }>("SELECT status, attempts, next_attempt_at AS next FROM deliveries WHERE status <> 'delivered'");
      expect(after1.rows[0]).toMatchObject({ status: 'pending', attempts: 1 });
      expect(after1.rows[0]!.next.getTime()).toBe(clock.now() + 750); // 1000 ms × 2^0 × jitter 0.75
      expect(await relayBatch(db, opts)).toBe(0); // not due yet
      clock.set(clock.now() + 1000);
      expect(await relayBatch(db, opts)).toBe(1);
      expect(hits.map((h) => h.attempt)).toEqual(['1', '2']);
      const dead = await db.query<{ status: string }>("SELECT status FROM deliveries WHERE status <> 'delivered'");
      expect(dead.rows).toEqual([{ status: 'dead' }]);
      expect((await doctor(db, clock.now())).filter((f) => f.check === 'outbox_delivered').map((f) => f.detail)).toEqual(['1 deliveries dead-lettered']);
    });

    it('doctor finds an edited event and a refund paid twice', async () => {
      const engine = await setup(1);
      await engine.caseCommand({ kind: 'agree', caseId: 'C1' }, merchant);
      await engine.runRefunds(clock.now());
      expect((await doctor(db, clock.now())).filter((f) => f.breach)).toEqual([]);
      await db.query("UPDATE events SET data = jsonb_set(data, '{reason}', '\"no_reason_7d\"') WHERE type = 'CaseApplied'");
      await db.query("UPDATE provider_refunds SET amount = amount * 2");
      const checks = (await doctor(db, clock.now())).filter((f) => f.breach).map((f) => f.check).sort();
      expect(checks).toEqual(['history_intact', 'refund_once']);
    });
  });
}
