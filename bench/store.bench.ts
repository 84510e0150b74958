// npm run bench:store — command throughput and latency on PostgreSQL at concurrency 1, 8 and 32,
// against pgbench running the same SQL shape in the same run; the same workload on PGlite; and the
// start-up time of the embedded mode. Needs PostgreSQL at DATABASE_URL (default the local one).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../src/app/clock.ts';
import { createEngine, type Engine } from '../src/app/engine.ts';
import { builtinPacks } from '../src/app/packs.ts';
import { simulatedProvider } from '../src/app/payments.ts';
import type { CaseCommand } from '../src/domain/commands.ts';
import { DAY } from '../test/domain-kit.ts';
import { openPglite, openPostgres, type Database } from '../src/store/db.ts';
import { migrate } from '../src/store/migrations.ts';
import { anchorTps, dropAnchor, prepareAnchor } from './anchor.ts';
import { pgbench } from './pgbench.ts';

const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const merchant = { role: 'merchant' as const, id: 'S1' };
const buyer = { role: 'buyer' as const, id: 'B1' };

async function prepare(db: Database, schema: string, cases: number): Promise<Engine> {
  await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await db.useSchema(schema);
  await migrate(db);
  const engine = createEngine({ db, packs: builtinPacks(), clock: systemClock, payments: simulatedProvider(db), inlineRefunds: false });
  await engine.upsertShop({ id: 'S1', pack: 'taobao' });
  const now = Date.now();
  for (let i = 0; i < cases; i++) {
    await engine.placeOrder(
      {
        id: `O${i}`, shop: 'S1', buyer: 'B1', placed_at: now - 3 * DAY, paid_at: now - 3 * DAY, shipped_at: now - 2 * DAY, signed_at: now - DAY,
        shipping_fee: 0, free_shipping: true, shipping_insurance: 0,
        lines: [{ id: 'L1', sku: 'S', category: 'apparel', quantity: 1, paid_amount: 9900, flags: [] }],
      },
      { role: 'platform' },
    );
    await engine.caseCommand({ kind: 'apply', caseId: `C${i}`, args: { type: 'refund_only', reason: 'damaged', evidence: [{ kind: 'photo' }] } }, buyer, { shopId: 'S1', orderId: `O${i}` });
  }
  return engine;
}

/**
 * The workload: merchants and buyers going back and forth on counter-offers (offer, then decline),
 * each command a version bump, events, a case projection upsert and a deadline change.
 */
async function workload(engine: Engine, concurrency: number, cases: number): Promise<{ perSec: number; p50: number; p99: number }> {
  const latencies: number[] = [];
  const end = performance.now() + SECONDS * 1000;
  const perWorker = Math.floor(cases / concurrency);
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      // Whole offer/decline pairs only, so every case is back in `requested` for the next point.
      for (let i = 0; i % 2 === 1 || performance.now() < end; i++) {
        const caseId = `C${w * perWorker + (Math.floor(i / 2) % perWorker)}`;
        const cmd: CaseCommand = i % 2 === 0 ? { kind: 'offer', caseId, type: 'refund_only', amount: 1000 } : { kind: 'decline_offer', caseId };
        const t = performance.now();
        const r = await engine.caseCommand(cmd, i % 2 === 0 ? merchant : buyer, { shopId: 'S1' });
        latencies.push(performance.now() - t);
        if (!r.ok) throw new Error(`${cmd.kind} ${caseId}: ${r.code} ${r.message.en}`);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!;
  return { perSec: latencies.length / SECONDS, p50: q(0.5), p99: q(0.99) };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const CASES = 256;

console.log(`# command throughput (offer / decline_offer), ${SECONDS} s per point, ${CASES} cases`);
const pg = await openPostgres(PG_URL, { max: 40 });
const engine = await prepare(pg, 'bench_store', CASES);
prepareAnchor(PG_URL);
console.log('| concurrency | engine cmd/s | p50 ms | p99 ms | pgbench tps (same SQL shape) | ratio | anchor tps | engine/anchor |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
const results: Record<number, number> = {};
for (const c of [1, 8, 32]) {
  const r = await workload(engine, c, CASES);
  const base = pgbench(PG_URL, 'bench_store', c, { cases: CASES, seconds: SECONDS });
  // Issue 18: the command anchor (bench/anchor.ts), in the same run.
  const anchor = anchorTps(PG_URL, c, SECONDS);
  results[c] = r.perSec;
  console.log(`| ${c} | ${fmt(r.perSec)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${fmt(base)} | ${(r.perSec / base).toFixed(2)}× | ${fmt(anchor)} | ${(r.perSec / anchor).toFixed(2)}× |`);
}
dropAnchor(PG_URL);
await pg.exec('DROP SCHEMA bench_store CASCADE');
await pg.close();

console.log('\n# the same workload on PGlite (one connection: concurrency 1)');
const lite = await openPglite();
const liteEngine = await prepare(lite, 'bench_store', 64);
const lr = await workload(liteEngine, 1, 64);
console.log(`PGlite: ${fmt(lr.perSec)} cmd/s, p50 ${lr.p50.toFixed(2)} ms, p99 ${lr.p99.toFixed(2)} ms — ${(lr.perSec / results[1]!).toFixed(2)}× PostgreSQL at concurrency 1`);
await lite.close();

console.log('\n# embedded start-up (PGlite in a data directory + migrations)');
const dir = mkdtempSync(join(tmpdir(), 'aftersale-start-'));
for (const label of ['first start (creates the data directory)', 'restart (existing data)']) {
  const t = performance.now();
  const db = await openPglite(dir);
  await migrate(db);
  const ms = performance.now() - t;
  await db.close();
  console.log(`${label}: ${fmt(ms)} ms`);
}
rmSync(dir, { recursive: true, force: true });
