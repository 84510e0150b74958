// Crash and concurrency against PostgreSQL with real processes: conflicting commands from several
// processes, a deadline runner and a webhook relay killed with SIGKILL and restarted. After each,
// `aftersale doctor` (the command users run) must find every invariant intact.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../src/app/clock.ts';
import { createEngine, type Engine } from '../src/app/engine.ts';
import { builtinPacks } from '../src/app/packs.ts';
import { simulatedProvider } from '../src/app/payments.ts';
import { DAY } from './domain-kit.ts';
import { openPostgres, type Database } from '../src/store/db.ts';
import { migrate, MIGRATIONS } from '../src/store/migrations.ts';
import { addEndpoint } from '../src/store/outbox.ts';
import { HAVE_PG, PG_URL } from './postgres.ts';

const root = join(import.meta.dirname, '..');
const bin = join(root, 'bin', 'aftersale.mjs');

function run(args: string[], env: Record<string, string>): { proc: ChildProcess; done: Promise<{ code: number | null; signal: string | null; out: string }> } {
  const proc = spawn(process.execPath, args, { env: { ...process.env, ...env }, cwd: root });
  let out = '';
  proc.stdout!.on('data', (c) => (out += c));
  proc.stderr!.on('data', (c) => (out += c));
  const done = new Promise<{ code: number | null; signal: string | null; out: string }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal, out })));
  return { proc, done };
}

async function untilTrue(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(!HAVE_PG)('crashes and concurrency on PostgreSQL (separate processes)', () => {
  let db: Database;
  let engine: Engine;
  const schema = `crash_${process.pid}`;
  const env = { DATABASE_URL: PG_URL, AFTERSALE_SCHEMA: schema, AFTERSALE_LEASE_MS: '1500', AFTERSALE_WEBHOOK_ALLOW_HTTP: '1', AFTERSALE_WEBHOOK_ALLOW_PRIVATE: '1' };
  const doctor = async () => run([bin, 'doctor'], env).done;

  beforeAll(async () => {
    db = await openPostgres(PG_URL);
    await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.useSchema(schema);
    await migrate(db);
    engine = createEngine({ db, packs: builtinPacks(), clock: systemClock, payments: simulatedProvider(db), inlineRefunds: false });
    expect(await engine.upsertShop({ id: 'S1', pack: 'taobao' })).toEqual({ ok: true });
  });
  afterAll(async () => {
    await db?.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db?.close();
  });

  it('`aftersale migrate` run twice at once on a fresh schema: both succeed, each migration applied once', async () => {
    const fresh = `${schema}_mig`;
    await db.exec(`DROP SCHEMA IF EXISTS ${fresh} CASCADE`);
    const both = await Promise.all([run([bin, 'migrate'], { ...env, AFTERSALE_SCHEMA: fresh }).done, run([bin, 'migrate'], { ...env, AFTERSALE_SCHEMA: fresh }).done]);
    expect(both.map((r) => r.code)).toEqual([0, 0]);
    const all = MIGRATIONS.map((m) => m.version);
    expect(both.map((r) => r.out.trim()).sort()).toEqual([`applied migrations ${all.join(', ')}`, 'database is up to date']);
    const v = await db.query<{ version: number }>(`SELECT version FROM ${fresh}.schema_migrations ORDER BY version`);
    expect(v.rows.map((r) => r.version)).toEqual(all);
    await db.exec(`DROP SCHEMA ${fresh} CASCADE`);
  }, 60_000);

  it('three processes race agree / reject / offer on the same 40 cases: one wins each, nothing is lost', async () => {
    const now = Date.now();
    for (let i = 1; i <= 40; i++) {
      const order = {
        id: `R${i}`, shop: 'S1', buyer: 'B1', placed_at: now - 3 * DAY, paid_at: now - 3 * DAY, shipped_at: now - 2 * DAY, signed_at: now - DAY,
        shipping_fee: 0, free_shipping: true, shipping_insurance: 0,
        lines: [{ id: 'L1', sku: 'S', category: 'apparel', quantity: 1, paid_amount: 5000, flags: [] }],
      };
      expect((await engine.placeOrder(order, { role: 'platform' })).ok).toBe(true);
      const r = await engine.caseCommand({ kind: 'apply', caseId: `C${i}`, args: { type: 'refund_only', reason: 'damaged', evidence: [{ kind: 'photo' }] } }, { role: 'buyer', id: 'B1' }, { shopId: 'S1', orderId: `R${i}` });
      expect(r.ok).toBe(true);
    }
    const hammer = join(root, 'test', 'fixtures', 'hammer.ts');
    const results = await Promise.all(['agree', 'reject', 'offer'].map((k) => run(['--import', 'tsx', hammer, k, '40'], env).done));
    const codes = results.map((r) => JSON.parse(r.out.trim().split('\n').at(-1)!) as Record<string, number>);
    const ok = codes.reduce((s, c) => s + (c.ok ?? 0), 0);
    expect(ok).toBe(40);
    for (const c of codes) for (const code of Object.keys(c)) expect(['ok', 'invalid_state', 'conflict']).toContain(code);
    // Each case left `requested` exactly once.
    const moves = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM events WHERE type IN ('MerchantAgreed', 'CaseRejected', 'OfferMade')",
    );
    expect(moves.rows).toEqual([{ n: 40 }]);
    // The refunds the agreements asked for are paid by a worker.
    expect((await run([bin, 'worker', '--until-idle', '--no-relay'], env).done).code).toBe(0);
    const d = await doctor();
    expect(d.out).toContain('all invariants hold');
    expect(d.code).toBe(0);
  }, 120_000);

  it('a deadline runner killed with SIGKILL mid-batch: after a restart every deadline fired exactly once', async () => {
    const now = Date.now();
    // 300 orders shipped 12 days ago: their auto-confirm (10 d) is 2 days overdue.
    for (let i = 1; i <= 300; i++) {
      const order = {
        id: `K${i}`, shop: 'S1', buyer: 'B1', placed_at: now - 13 * DAY, paid_at: now - 13 * DAY, shipped_at: now - 12 * DAY,
        shipping_fee: 0, free_shipping: true, shipping_insurance: 0,
        lines: [{ id: 'L1', sku: 'S', category: 'apparel', quantity: 1, paid_amount: 1000, flags: [] }],
      };
      expect((await engine.placeOrder(order, { role: 'platform' })).ok).toBe(true);
    }
    const pending = async () =>
      (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM deadlines WHERE status = 'pending' AND kind = 'auto_confirm' AND order_id LIKE 'K%'")).rows[0]!.n;
    // Small batches, so the kill lands in the middle of the work.
    const worker = run([bin, 'worker', '--no-relay'], { ...env, AFTERSALE_RUNNER_BATCH: '40', AFTERSALE_RUNNER_CHUNK: '4' });
    await untilTrue(async () => (await pending()) < 280, 30_000);
    worker.proc.kill('SIGKILL');
    expect((await worker.done).signal).toBe('SIGKILL');
    const left = await pending();
    expect(left).toBeGreaterThan(0);
    const restarted = await run([bin, 'worker', '--until-idle', '--no-relay'], env).done;
    expect(restarted.code).toBe(0);
    // A lease from the killed runner may still have been running: wait it out and finish.
    await new Promise((r) => setTimeout(r, 1600));
    expect((await run([bin, 'worker', '--until-idle', '--no-relay'], env).done).code).toBe(0);
    expect(await pending()).toBe(0);
    const completed = await db.query<{ n: number; expired: number }>(
      `SELECT count(*) FILTER (WHERE type = 'OrderCompleted')::int AS n, count(*) FILTER (WHERE type = 'OrderDeadlineExpired')::int AS expired
       FROM events WHERE order_id LIKE 'K%'`,
    );
    expect(completed.rows).toEqual([{ n: 300, expired: 300 }]);
    const d = await doctor();
    expect(d.out).toContain('all invariants hold');
  }, 120_000);

  it('a webhook relay killed mid-delivery: after a restart every message is delivered at least once', async () => {
    const received = new Map<string, number>();
    const server: Server = createServer((req, res) => {
      const id = String(req.headers['aftersale-event-id']);
      received.set(id, (received.get(id) ?? 0) + 1);
      req.resume();
      setTimeout(() => ((res.statusCode = 204), res.end()), 20); // a slow receiver
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      await addEndpoint(db, { shopId: 'S1', endpointId: 'erp', url, secret: 'whsec_crash', maxAttempts: 20 }, Date.now());
      const now = Date.now();
      for (let i = 1; i <= 40; i++) {
        const order = {
          id: `W${i}`, shop: 'S1', buyer: 'B1', placed_at: now - DAY, paid_at: now - DAY,
          shipping_fee: 0, free_shipping: true, shipping_insurance: 0,
          lines: [{ id: 'L1', sku: 'S', category: 'apparel', quantity: 1, paid_amount: 1000, flags: [] }],
        };
        expect((await engine.placeOrder(order, { role: 'platform' })).ok).toBe(true);
      }
      const total = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM deliveries')).rows[0]!.n;
      expect(total).toBeGreaterThan(40);
      const relay = run([bin, 'worker', '--no-deadlines', '--no-refunds'], env);
      await untilTrue(async () => received.size >= 10, 30_000);
      relay.proc.kill('SIGKILL');
      await relay.done;
      expect(received.size).toBeLessThan(total);
      expect((await run([bin, 'worker', '--until-idle', '--no-deadlines', '--no-refunds'], { ...env, AFTERSALE_RELAY_BASE_DELAY_MS: '10' }).done).code).toBe(0);
      expect(received.size).toBe(total);
      const d = await doctor();
      expect(d.out).toContain('all invariants hold');
    } finally {
      await new Promise((r) => server.close(r));
    }
  }, 120_000);
});
