// npm run bench:deadlines — 1,000,000 pending deadlines of which 100,000 fall due at once: time
// to fire them all and their lateness (fired − due), with one runner process and with two.
// Then lateness under a steady load. PostgreSQL at DATABASE_URL (default the local one);
// BENCH_DUE / BENCH_PENDING / BENCH_RATE / BENCH_STEADY_SECONDS scale it.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { systemClock } from '../src/app/clock.ts';
import { createEngine } from '../src/app/engine.ts';
import { builtinPacks } from '../src/app/packs.ts';
import { simulatedProvider } from '../src/app/payments.ts';
import { DAY } from '../test/domain-kit.ts';
import { openPostgres, type Database } from '../src/store/db.ts';
import { migrate } from '../src/store/migrations.ts';
import { runWorkers } from './worker-processes.ts';

const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DUE = Number(process.env.BENCH_DUE ?? 100_000);
const PENDING = Number(process.env.BENCH_PENDING ?? 1_000_000);
const SCHEMA = 'bench_deadlines';
const bin = join(import.meta.dirname, '..', 'bin', 'aftersale.mjs');

/**
 * DUE real orders whose auto-confirm fell due at one instant (copies of one order the engine
 * placed, each with its own id), and PENDING − DUE deadlines due next year.
 */
async function prepare(db: Database): Promise<number> {
  await db.exec(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  await db.useSchema(SCHEMA);
  await migrate(db);
  const engine = createEngine({ db, packs: builtinPacks(), clock: systemClock, payments: simulatedProvider(db), inlineRefunds: false });
  await engine.upsertShop({ id: 'S1', pack: 'taobao' });
  const now = Date.now();
  const r = await engine.placeOrder(
    {
      id: 'TPL', shop: 'S1', buyer: 'B1', placed_at: now - 11 * DAY, paid_at: now - 11 * DAY, shipped_at: now - 10 * DAY,
      shipping_fee: 0, free_shipping: true, shipping_insurance: 0,
      lines: [{ id: 'L1', sku: 'S', category: 'apparel', quantity: 1, paid_amount: 9900, flags: [] }],
    },
    { role: 'platform' },
  );
  if (!r.ok) throw new Error(r.code);
  const due = (await db.query<{ due_at: Date }>(`SELECT due_at FROM deadlines WHERE order_id = 'TPL' AND status = 'pending'`)).rows[0]!.due_at;
  const t = performance.now();
  await db.exec(`
    INSERT INTO orders (shop_id, order_id, buyer_id, status, version, stream_version, last_hash, auto_confirm_at, refunded, compensation, state, updated_at)
      SELECT shop_id, 'K' || g, buyer_id, status, version, stream_version, last_hash, auto_confirm_at, refunded, compensation,
             jsonb_set(state, '{id}', to_jsonb('K' || g)), updated_at
      FROM orders, generate_series(1, ${DUE}) g WHERE order_id = 'TPL';
    INSERT INTO deadlines (shop_id, order_id, subject, kind, due_at, policy_version, status, created_at, remind_at, reminded_at)
      SELECT shop_id, 'K' || g, subject, kind, due_at, policy_version, status, created_at, remind_at, now()
      FROM deadlines, generate_series(1, ${DUE}) g WHERE order_id = 'TPL' AND status = 'pending';
    INSERT INTO deadlines (shop_id, order_id, subject, kind, due_at, policy_version, status, created_at)
      SELECT 'S' || (g % 50), 'F' || g, 'order', 'auto_confirm', now() + interval '365 days' + g * interval '1 second', '2025.1', 'pending', now()
      FROM generate_series(1, ${PENDING - DUE}) g;
    DELETE FROM deadlines WHERE order_id = 'TPL';
    ANALYZE;
  `);
  console.log(`prepared ${DUE.toLocaleString('en-US')} due + ${(PENDING - DUE).toLocaleString('en-US')} later deadlines in ${Math.round(performance.now() - t)} ms (due at ${due.toISOString()})`);
  return due.getTime();
}

const runners = (n: number) => runWorkers(n, PG_URL, SCHEMA);

const db = await openPostgres(PG_URL);
for (const n of [1, 2]) {
  await prepare(db);
  // Start-up of a worker process, measured alone, so it can be told apart from firing time.
  const idle = await (async () => {
    await db.exec(`UPDATE ${SCHEMA}.deadlines SET lease_until = now() + interval '1 hour' WHERE status = 'pending'`);
    const ms = await runners(1);
    await db.exec(`UPDATE ${SCHEMA}.deadlines SET lease_until = NULL`);
    return ms;
  })();
  const ms = await runners(n);
  const r = await db.query<{ fired: number; p50: number; p99: number; max: number; left: number }>(
    `SELECT count(*) FILTER (WHERE status = 'fired')::int AS fired,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM fired_at - due_at)) FILTER (WHERE status = 'fired') AS p50,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM fired_at - due_at)) FILTER (WHERE status = 'fired') AS p99,
            max(extract(epoch FROM fired_at - due_at)) FILTER (WHERE status = 'fired') AS max,
            count(*) FILTER (WHERE status = 'pending' AND due_at <= now())::int AS left
     FROM ${SCHEMA}.deadlines`,
  );
  const x = r.rows[0]!;
  const events = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${SCHEMA}.events WHERE type = 'OrderDeadlineExpired'`)).rows[0]!.n;
  // Lateness counts from the moment the runners started: the deadlines were all overdue already.
  const start = (await db.query<{ t: number }>(`SELECT extract(epoch FROM min(fired_at) - max(due_at)) AS t FROM ${SCHEMA}.deadlines WHERE status = 'fired'`)).rows[0]!.t;
  console.log(
    `${n} runner process(es): fired ${x.fired.toLocaleString('en-US')} (expiry events ${events.toLocaleString('en-US')}, left ${x.left}) in ${(ms / 1000).toFixed(1)} s ` +
      `(of which ~${(idle / 1000).toFixed(1)} s process start-up) = ${Math.round(x.fired / ((ms - idle) / 1000)).toLocaleString('en-US')}/s; ` +
      `lateness after the first firing p50 ${(x.p50 - start).toFixed(1)} s, p99 ${(x.p99 - start).toFixed(1)} s, max ${(x.max - start).toFixed(1)} s`,
  );
}
/**
 * Steady load: deadlines falling due continuously (RATE per second for SECONDS s) while one worker
 * runs as in production (polling every 250 ms when idle). Lateness = fired − due.
 */
const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_STEADY_SECONDS ?? 20);
{
  await prepare(db);
  await db.exec(`DELETE FROM ${SCHEMA}.deadlines WHERE order_id LIKE 'K%'`);
  const n = RATE * SECONDS;
  const start = Date.now() + 3000; // leave the worker time to start
  // Order K<g> falls due at start + g / RATE seconds: snapshot and deadline row agree.
  await db.exec(`
    UPDATE ${SCHEMA}.orders SET state = jsonb_set(jsonb_set(state, '{deadline,dueAt}', to_jsonb(d.ms)), '{autoConfirm,dueAt}', to_jsonb(d.ms))
      FROM (SELECT g, ${start} + (g * 1000 / ${RATE}) AS ms FROM generate_series(1, ${n}) g) d WHERE order_id = 'K' || d.g;
    INSERT INTO ${SCHEMA}.deadlines (shop_id, order_id, subject, kind, due_at, policy_version, status, created_at, reminded_at)
      SELECT 'S1', 'K' || g, 'order', 'auto_confirm', to_timestamp((${start} + (g * 1000 / ${RATE}))::double precision / 1000), '2025.1', 'pending', now(), now()
      FROM generate_series(1, ${n}) g;
    ANALYZE;`);
  const worker = spawn(process.execPath, [bin, 'worker', '--no-relay', '--no-refunds'], {
    env: { ...process.env, DATABASE_URL: PG_URL, AFTERSALE_SCHEMA: SCHEMA },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await new Promise((r) => setTimeout(r, start - Date.now() + SECONDS * 1000 + 2000));
  worker.kill('SIGTERM');
  await new Promise((r) => worker.on('exit', r));
  const r = await db.query<{ fired: number; p50: number; p99: number; max: number }>(
    `SELECT count(*)::int AS fired,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM fired_at - due_at)) AS p50,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM fired_at - due_at)) AS p99,
            max(extract(epoch FROM fired_at - due_at)) AS max
     FROM ${SCHEMA}.deadlines WHERE status = 'fired' AND order_id LIKE 'K%'`,
  );
  const x = r.rows[0]!;
  console.log(
    `steady load, ${RATE}/s for ${SECONDS} s with ${(PENDING - DUE).toLocaleString('en-US')} others pending: fired ${x.fired.toLocaleString('en-US')} of ${n.toLocaleString('en-US')}; ` +
      `lateness p50 ${(x.p50 * 1000).toFixed(0)} ms, p99 ${(x.p99 * 1000).toFixed(0)} ms, max ${(x.max * 1000).toFixed(0)} ms`,
  );
}

await db.exec(`DROP SCHEMA ${SCHEMA} CASCADE`);
await db.close();
