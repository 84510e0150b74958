// The store contract: one suite, run against every engine (PGlite now; PostgreSQL with the same
// suite). Each test works in a fresh schema.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../src/app/clock.ts';
import { createEngine, type Engine } from '../src/app/engine.ts';
import { builtinPacks } from '../src/app/packs.ts';
import { simulatedProvider } from '../src/app/payments.ts';
import { advance } from '../src/app/simulate.ts';
import type { Database } from '../src/store/db.ts';
import { replayOrder, verifyAll } from '../src/store/history.ts';
import { migrate, MIGRATIONS } from '../src/store/migrations.ts';
import { addEndpoint } from '../src/store/outbox.ts';
import { DAY, HOUR, shippedOrder, T0 } from './domain-kit.ts';
import type { CaseCommand } from '../src/domain/commands.ts';

const buyer = { role: 'buyer' as const, id: 'B1' };
const merchant = { role: 'merchant' as const, id: 'S1' };
const NOW = T0 + 3 * DAY;
// A return needs the shop's return address on agree (SPEC §4).
const RETURN_ADDRESS = '杭州市余杭区文一西路 969 号';
const applyArgs = { type: 'return_refund' as const, reason: 'quality_issue' as const, evidence: [{ kind: 'photo' as const }] };

export function storeContract(engineName: string, open: () => Promise<Database>) {
  describe(`store contract on ${engineName}`, () => {
    let db: Database;
    let engine: Engine;
    let clock: SimulatedClock;
    let n = 0;

    beforeAll(async () => {
      db = await open();
    });
    afterAll(async () => {
      await db?.close();
    });
    let schema = '';
    afterEach(async () => {
      if (schema) await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    });
    beforeEach(async () => {
      schema = `contract_${process.pid}_${++n}`;
      await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.useSchema(schema);
      await migrate(db);
      clock = new SimulatedClock(NOW);
      engine = createEngine({ db, packs: builtinPacks(), clock, payments: simulatedProvider(db, { now: () => clock.now() }) });
      expect(await engine.upsertShop({ id: 'S1', pack: 'taobao' })).toEqual({ ok: true });
      const placed = await engine.placeOrder(shippedOrder(), { role: 'platform' });
      expect(placed.ok).toBe(true);
    });

    const apply = (caseId = 'C1', opts = {}) =>
      engine.caseCommand({ kind: 'apply', caseId, args: applyArgs }, buyer, { shopId: 'S1', orderId: 'O1', ...opts });
    const run = (c: CaseCommand, actor: typeof buyer | typeof merchant, opts = {}) => engine.caseCommand(c, actor, opts);

    it('migrations are versioned and idempotent', async () => {
      expect(await migrate(db)).toEqual([]);
      const r = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(r.rows.map((x) => x.version)).toEqual(MIGRATIONS.map((m) => m.version));
    });

    it('appends events, projections and the deadline in one transaction', async () => {
      const r = await apply();
      expect(r.ok).toBe(true);
      const c = await db.query<{ status: string; deadline_kind: string; version: number }>(
        "SELECT status, deadline_kind, version FROM cases WHERE shop_id = 'S1' AND case_id = 'C1'",
      );
      expect(c.rows).toEqual([{ status: 'requested', deadline_kind: 'merchant_response', version: 2 }]);
      const d = await db.query<{ subject: string; kind: string; status: string }>("SELECT subject, kind, status FROM deadlines WHERE status = 'pending' ORDER BY subject");
      expect(d.rows).toEqual([{ subject: 'C1', kind: 'merchant_response', status: 'pending' }]);
      // The order's auto-confirm is paused: its deadline was cancelled.
      const o = await db.query<{ status: string }>("SELECT status FROM deadlines WHERE subject = 'order' AND kind = 'auto_confirm'");
      expect(o.rows).toEqual([{ status: 'cancelled' }]);
    });

    it('a stale expected version is a conflict and writes nothing', async () => {
      await apply();
      const before = await db.query('SELECT count(*)::int AS n FROM events');
      const r = await run({ kind: 'agree', caseId: 'C1', returnAddress: RETURN_ADDRESS }, merchant, { expectedVersion: 1 });
      expect(r.ok ? 'ok' : r.code).toBe('conflict');
      expect((await db.query('SELECT count(*)::int AS n FROM events')).rows).toEqual(before.rows);
      const ok = await run({ kind: 'agree', caseId: 'C1', returnAddress: RETURN_ADDRESS }, merchant, { expectedVersion: 2 });
      expect(ok.ok).toBe(true);
    });

    it('concurrent commands on one order: each is decided on fresh state, none lost, no unit claimed twice', async () => {
      const results = await Promise.all([apply('C1'), apply('C2'), apply('C3')]);
      const codes = results.map((r) => (r.ok ? 'ok' : r.code)).sort();
      expect(codes).toEqual(['duplicate_case', 'duplicate_case', 'ok']);
      const cases = await db.query('SELECT case_id FROM cases');
      expect(cases.rows).toHaveLength(1);
    });

    it('a repeated idempotency key returns the first result; another command under it is refused', async () => {
      const first = await apply('C1', { idempotencyKey: 'k-1' });
      const again = await apply('C1', { idempotencyKey: 'k-1' });
      expect(first.ok && again.ok && again.replayed && again.version === first.version).toBe(true);
      const other = await apply('C9', { idempotencyKey: 'k-1' });
      expect(other.ok ? 'ok' : other.code).toBe('idempotency_mismatch');
      expect((await db.query('SELECT count(*)::int AS n FROM cases')).rows).toEqual([{ n: 1 }]);
      // Keys belong to their caller: the merchant's own "k-1" is a different key.
      const merchantsOwn = await run({ kind: 'agree', caseId: 'C1', returnAddress: RETURN_ADDRESS }, merchant, { idempotencyKey: 'k-1' });
      expect(merchantsOwn.ok && !merchantsOwn.replayed).toBe(true);
    });

    it('deadlines fire once at their due instant; later firings of the same deadline are no-ops', async () => {
      await apply();
      await advance(engine, clock, NOW + 5 * DAY);
      const c = await engine.getCase('C1');
      expect(c?.status).toBe('awaiting_return');
      const fired = await db.query<{ kind: string; status: string }>("SELECT kind, status FROM deadlines WHERE subject = 'C1' ORDER BY created_at, kind");
      expect(fired.rows).toEqual([
        { kind: 'merchant_response', status: 'fired' },
        { kind: 'buyer_return_shipment', status: 'pending' },
      ]);
      // Firing the old deadline again (e.g. a second runner) changes nothing.
      const again = await engine.fire({ shopId: 'S1', orderId: 'O1', subject: 'C1', kind: 'merchant_response', dueAt: NOW + 5 * DAY });
      expect(again).toBe(false);
      expect((await engine.getCase('C1'))?.version).toBe(c?.version);
    });

    it('a refund is executed once and the order ledger, projections and events agree', async () => {
      await apply('C1');
      await run({ kind: 'agree', caseId: 'C1', returnAddress: RETURN_ADDRESS }, merchant);
      await run({ kind: 'ship_return', caseId: 'C1', carrier: 'SF', tracking: 'SF1', shippingCost: 1200 }, buyer);
      const r = await run({ kind: 'receive_return', caseId: 'C1' }, merchant);
      expect(r.ok).toBe(true);
      const c = await engine.getCase('C1');
      expect(c).toMatchObject({ status: 'completed', refunded: 9900 + 1200 });
      const o = await db.query<{ status: string; refunded: number }>("SELECT status, refunded FROM orders WHERE order_id = 'O1'");
      expect(o.rows).toEqual([{ status: 'closed', refunded: 11100 }]);
      const completed = await db.query("SELECT count(*)::int AS n FROM events WHERE type = 'RefundCompleted'");
      expect(completed.rows).toEqual([{ n: 1 }]);
      // The snapshot the decider starts from is exactly what the events say.
      const replayed = await replayOrder(db, 'S1', 'O1');
      expect(replayed.cases.C1).toEqual(c);
      expect(replayed.order).toEqual(await engine.getOrder('S1', 'O1'));
    });

    it('every event goes to the outbox in its transaction, fanned out to the shop and platform endpoints', async () => {
      await addEndpoint(db, { shopId: 'S1', endpointId: 'erp', url: 'http://127.0.0.1:9/hook', secret: 's1', maxAttempts: 3 }, NOW);
      await addEndpoint(db, { shopId: '_platform', endpointId: 'risk', url: 'http://127.0.0.1:9/p', secret: 'p1', maxAttempts: 3 }, NOW);
      await addEndpoint(db, { shopId: 'S2', endpointId: 'other', url: 'http://127.0.0.1:9/o', secret: 'o1', maxAttempts: 3 }, NOW);
      const before = (await db.query<{ id: number }>('SELECT coalesce(max(id), 0)::int AS id FROM outbox')).rows[0]!.id;
      const eventsBefore = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM events')).rows[0]!.n;
      await apply();
      const added = await db.query<{ type: string }>('SELECT type FROM outbox WHERE id > $1 ORDER BY id', [before]);
      const eventsAdded = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM events')).rows[0]!.n - eventsBefore;
      expect(added.rows.length).toBe(eventsAdded);
      expect(added.rows.map((r) => r.type)).toContain('CaseApplied');
      // Each new message reaches S1's endpoint and the platform's, not S2's.
      const perEndpoint = await db.query<{ endpoint_id: string; n: number }>(
        'SELECT endpoint_id, count(*)::int AS n FROM deliveries WHERE message_id > $1 GROUP BY endpoint_id ORDER BY endpoint_id',
        [before],
      );
      expect(perEndpoint.rows).toEqual([
        { endpoint_id: 'erp', n: eventsAdded },
        { endpoint_id: 'risk', n: eventsAdded },
      ]);
    });

    it('a refund is a row executed exactly once against the provider, by refund id', async () => {
      await engine.caseCommand({ kind: 'apply', caseId: 'C1', args: { ...applyArgs, type: 'refund_only' } }, buyer, { shopId: 'S1', orderId: 'O1' });
      await run({ kind: 'agree', caseId: 'C1', returnAddress: RETURN_ADDRESS }, merchant);
      const rows = await db.query<{ status: string; amount: number }>('SELECT status, amount FROM refunds');
      expect(rows.rows).toEqual([{ status: 'succeeded', amount: 9900 }]);
      // Running the executor again, or asking the provider again, pays nothing more.
      expect(await engine.runRefunds(NOW + DAY)).toBe(0);
      const refundId = (await db.query<{ refund_id: string }>('SELECT refund_id FROM refunds')).rows[0]!.refund_id;
      await simulatedProvider(db).refund({ refundId, shopId: 'S1', orderId: 'O1', caseId: 'C1', amount: 9900 });
      expect((await db.query('SELECT count(*)::int AS n, sum(amount)::int AS total FROM provider_refunds')).rows).toEqual([{ n: 1, total: 9900 }]);
    });

    it('compensation is written to the ledger: buyer credit and merchant deposit debit balance', async () => {
      await engine.placeOrder(
        { ...shippedOrder(), id: 'O2', shipped_at: undefined, signed_at: undefined },
        { role: 'platform' },
      );
      clock.set(NOW + HOUR);
      const r = await engine.orderCommand('S1', 'O2', { kind: 'ship_order', carrier: 'ZTO', tracking: 'Z' }, merchant);
      expect(r.ok).toBe(true);
      const l = await db.query<{ account: string; amount: number }>("SELECT account, amount FROM ledger WHERE order_id = 'O2' ORDER BY account");
      expect(l.rows).toEqual([
        { account: 'buyer_credit', amount: 2970 },
        { account: 'merchant_deposit', amount: -2970 },
      ]);
    });

    it('every stream is hash-chained, and an edited, deleted or reordered event is detected', async () => {
      await apply();
      await run({ kind: 'agree', caseId: 'C1', returnAddress: RETURN_ADDRESS }, merchant);
      await run({ kind: 'cancel', caseId: 'C1' }, buyer);
      expect(await verifyAll(db)).toEqual([]);
      await db.query(`UPDATE events SET data = jsonb_set(data, '{returnAddress}', '"elsewhere"') WHERE type = 'MerchantAgreed'`);
      expect((await verifyAll(db)).map((b) => b.problem)).toContain('hash_mismatch');
    });

    it('two reordered events break the chain', async () => {
      await apply();
      await run({ kind: 'agree', caseId: 'C1', returnAddress: RETURN_ADDRESS }, merchant);
      // Swap the stream positions of the case's first two events (through a free position).
      await db.exec(`UPDATE events SET stream_version = 1000 WHERE stream_id = 'case:C1' AND stream_version = 1;
        UPDATE events SET stream_version = 1 WHERE stream_id = 'case:C1' AND stream_version = 2;
        UPDATE events SET stream_version = 2 WHERE stream_id = 'case:C1' AND stream_version = 1000`);
      expect((await verifyAll(db)).map((b) => b.problem)).toContain('broken_link');
    });

    it('a deleted event breaks the chain', async () => {
      await apply();
      await run({ kind: 'agree', caseId: 'C1', returnAddress: RETURN_ADDRESS }, merchant);
      await run({ kind: 'cancel', caseId: 'C1' }, buyer);
      await db.query(`DELETE FROM events WHERE type = 'MerchantAgreed'`);
      const problems = (await verifyAll(db)).map((b) => b.problem);
      expect(problems).toContain('gap');
      expect(problems).toContain('broken_link');
    });

    it('refusals carry a SPEC code and both languages, and write nothing', async () => {
      const r = await run({ kind: 'agree', caseId: 'nope' }, merchant);
      expect(r).toMatchObject({ ok: false, code: 'not_found' });
      const bad = await engine.caseCommand({ kind: 'apply', caseId: 'C1', args: { ...applyArgs, evidence: [] } }, buyer, { shopId: 'S1', orderId: 'O1' });
      expect(bad).toMatchObject({ ok: false, code: 'evidence_required', message: { zh: expect.any(String), en: expect.any(String) } });
      expect((await db.query('SELECT count(*)::int AS n FROM cases')).rows).toEqual([{ n: 0 }]);
    });
  });
}
