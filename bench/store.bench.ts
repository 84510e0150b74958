// npm run bench:store — command throughput and latency on PostgreSQL at concurrency 1, 8 and 32,
// against pgbench running the same SQL shape in the same run; the same workload on PGlite; and the
// start-up time of the embedded mode. Needs PostgreSQL at DATABASE_URL (default the local one).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../src/app/clock.ts';
import { createEngine, type Engine } from '../src/app/engine.ts';
import { builtinPacks } from '../src/app/packs.ts';
import { simulatedProvider } from '../src/app/payments.ts';
import type { CaseCommand } from '../src/domain/commands.ts';
import { DAY } from '../src/domain/test-kit.ts';
import { openPglite, openPostgres, type Database } from '../src/store/db.ts';
import { migrate } from '../src/store/migrations.ts';

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

/**
 * pgbench running the statements one engine command sends, in the same order and on the same
 * tables, rewriting the same jsonb documents: locate the case; BEGIN; load shop + order + cases in
 * one query; bump the order's version (rewriting its snapshot); insert two events; rewrite the
 * case projection; end one deadline and start another; write two outbox messages with their
 * fan-out; COMMIT. What is left between the two rates is the engine itself (Node, the driver, the
 * decider, hashing).
 */
function pgbench(schema: string, clients: number, cases: number): number {
  const dir = mkdtempSync(join(tmpdir(), 'pgbench-'));
  const script = join(dir, 'command.sql');
  writeFileSync(
    script,
    `\\set c random(0, ${cases - 1})
SELECT shop_id, order_id FROM ${schema}.cases WHERE case_id = 'C' || :c;
BEGIN;
SELECT s.policy_pack, s.overrides, o.state, o.version, o.stream_version, o.last_hash,
       (SELECT json_agg(json_build_array(c.case_id, c.state, c.last_hash)) FROM ${schema}.cases c WHERE c.shop_id = 'S1' AND c.order_id = 'O' || :c) AS cases
  FROM (SELECT 'S1'::text AS shop_id) k LEFT JOIN ${schema}.shops s ON s.shop_id = k.shop_id
  LEFT JOIN ${schema}.orders o ON o.shop_id = k.shop_id AND o.order_id = 'O' || :c;
UPDATE ${schema}.orders SET version = version + 2, stream_version = stream_version, last_hash = md5(random()::text),
  state = jsonb_set(state, '{compensation}', to_jsonb(version)), updated_at = now() WHERE shop_id = 'S1' AND order_id = 'O' || :c;
INSERT INTO ${schema}.events (shop_id, order_id, seq, stream_id, stream_version, type, data, actor, occurred_at, recorded_at, prev_hash, hash)
  SELECT 'S1', 'O' || :c, m + i, 'case:C' || :c || ':pgbench', m + i, 'OfferMade',
         jsonb_build_object('type', 'OfferMade', 'caseId', 'C' || :c, 'at', 1, 'offer', jsonb_build_object('type', 'refund_only', 'amount', 1000), 'to', 'offer_pending'),
         '{"role":"merchant","id":"S1"}', now(), now(), md5(random()::text) || md5(random()::text), md5(random()::text) || md5(random()::text)
  FROM (SELECT coalesce(max(seq), 0) AS m FROM ${schema}.events WHERE shop_id = 'S1' AND order_id = 'O' || :c) x, generate_series(1, 2) i;
UPDATE ${schema}.cases SET status = status, amount = amount, version = version + 2, last_hash = md5(random()::text),
  state = jsonb_set(state, '{insurerClaim}', to_jsonb(version)), updated_at = now() WHERE shop_id = 'S1' AND case_id = 'C' || :c;
WITH ended AS (UPDATE ${schema}.deadlines SET status = 'cancelled' WHERE shop_id = 'S1' AND order_id = 'O' || :c AND subject = 'none' RETURNING 1)
INSERT INTO ${schema}.deadlines (shop_id, order_id, subject, kind, due_at, policy_version, status, created_at, remind_at)
  SELECT 'S1', 'O' || :c, 'C' || :c, 'pgbench', now(), '2025.1', 'cancelled', now(), now() WHERE (SELECT count(*) FROM ended) >= 0
  ON CONFLICT (shop_id, order_id, subject, kind, due_at) DO UPDATE SET status = 'cancelled';
WITH m AS (INSERT INTO ${schema}.outbox (shop_id, order_id, stream_id, type, payload, event_seq, created_at)
           SELECT 'S1', 'O' || :c, 'case:C' || :c, 'OfferMade', NULL, i, now() FROM generate_series(1, 2) i
           RETURNING shop_id, id, stream_id, created_at)
INSERT INTO ${schema}.deliveries (shop_id, message_id, endpoint_shop, endpoint_id, stream_id, next_attempt_at)
  SELECT m.shop_id, m.id, w.shop_id, w.endpoint_id, m.stream_id, m.created_at FROM m JOIN ${schema}.webhook_endpoints w ON w.shop_id IN (m.shop_id, '_platform') AND w.active;
COMMIT;
`,
  );
  try {
    const out = execFileSync('pgbench', ['-n', '-f', script, '-c', String(clients), '-j', String(Math.min(clients, 2)), '-T', String(SECONDS), PG_URL], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const m = /tps = ([\d.]+)/.exec(out);
    return m ? Number(m[1]) : NaN;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const CASES = 256;

console.log(`# command throughput (offer / decline_offer), ${SECONDS} s per point, ${CASES} cases`);
const pg = await openPostgres(PG_URL, { max: 40 });
const engine = await prepare(pg, 'bench_store', CASES);
console.log('| concurrency | engine cmd/s | p50 ms | p99 ms | pgbench tps (same SQL shape) | ratio |');
console.log('| --- | --- | --- | --- | --- | --- |');
const results: Record<number, number> = {};
for (const c of [1, 8, 32]) {
  const r = await workload(engine, c, CASES);
  const base = pgbench('bench_store', c, CASES);
  results[c] = r.perSec;
  console.log(`| ${c} | ${fmt(r.perSec)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${fmt(base)} | ${(r.perSec / base).toFixed(2)}× |`);
}
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
