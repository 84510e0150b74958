// npm run bench:metrics [-- --scale S] [-- --pglite] — SPEC §8.4 at size. Bulk-loads (COPY) 10M × S
// orders and 1M × S cases of 2,000 × S shops in 20 categories over a year, with their events, metric
// facts and daily rollups, on PostgreSQL; then measures one shop's metrics with its category's
// averages (p50/p99 over 1,000 random shops; target p99 < 100 ms), the category view, and the
// command path with and without the rollups in the same run (target: at most 10 % slower;
// --commands N orders a round, each placed, applied for and agreed: 3 commands; --rounds R).
// --pglite: the same on PGlite at 1M × S orders (INSERT batches: PGlite has no COPY from a client).
import { spawn } from 'node:child_process';
import { localDateOf } from '../src/domain/calendar.ts';
import { systemClock } from '../src/app/clock.ts';
import { createEngine, type Engine } from '../src/app/engine.ts';
import { builtinPacks } from '../src/app/packs.ts';
import { simulatedProvider } from '../src/app/payments.ts';
import { openPglite, openPostgres, type Database } from '../src/store/db.ts';
import { migrate } from '../src/store/migrations.ts';

const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1]! : dflt;
};
const SCALE = Number(arg('--scale', '1'));
const TZ = 'Asia/Shanghai';
const DAY = 86_400_000;
const HISTORY_DAYS = 365;
const CATEGORIES = 20;
const platform = { kind: 'platform' as const };

/** A small deterministic generator (the same data on every run). */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1_664_525 + 1_013_904_223) >>> 0) / 2 ** 32);
}

interface Sizes {
  orders: number;
  cases: number;
  shops: number;
}

type Row = (string | number)[];
/** Where generated rows go: COPY on PostgreSQL, INSERT batches on PGlite. */
interface Sink {
  table(name: string, columns: string[]): { add(row: Row): Promise<void>; end(): Promise<void> };
}

function copySink(schema: string): Sink {
  return {
    table(name, columns) {
      const psql = spawn('psql', [PG_URL, '-q', '-v', 'ON_ERROR_STOP=1', '-c', `COPY ${schema}.${name} (${columns.join(',')}) FROM STDIN WITH (FORMAT csv)`], { stdio: ['pipe', 'inherit', 'inherit'] });
      const done = new Promise<void>((res, rej) => psql.on('exit', (code) => (code === 0 ? res() : rej(new Error(`COPY ${name} exited ${code}`)))));
      let buf: string[] = [];
      const flush = async () => {
        if (!psql.stdin.write(buf.join(''))) await new Promise((r) => psql.stdin.once('drain', r));
        buf = [];
      };
      return {
        async add(row) {
          buf.push(row.map((v) => (typeof v === 'string' && /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : String(v))).join(',') + '\n');
          if (buf.length >= 10_000) await flush();
        },
        async end() {
          await flush();
          psql.stdin.end();
          await done;
        },
      };
    },
  };
}

function insertSink(db: Database): Sink {
  return {
    table(name, columns) {
      let rows: Row[] = [];
      const flush = async () => {
        if (!rows.length) return;
        const params: unknown[] = [];
        const values = rows.map((r) => `(${r.map((v) => `$${params.push(v)}`).join(',')})`);
        await db.query(`INSERT INTO ${name} (${columns.join(',')}) VALUES ${values.join(',')}`, params);
        rows = [];
      };
      return {
        async add(row) {
          rows.push(row);
          if (rows.length * columns.length >= 30_000) await flush();
        },
        end: flush,
      };
    },
  };
}

/**
 * Orders spread over a year per shop: each paid (a fact, an OrderPaid event), 90 % completed;
 * 10 % get a case (applied in sale or after, some for quality, 5 % escalated, 70 % refunded, 90 %
 * answered), 1 % a complaint. The daily rollups are summed here as the transactions would have.
 */
async function generate(sink: Sink, n: Sizes, now: number): Promise<void> {
  const rnd = prng(42);
  const shops = sink.table('shops', ['shop_id', 'category', 'policy_pack']);
  for (let s = 0; s < n.shops; s++) await shops.add([`S${s}`, `c${s % CATEGORIES}`, s % 2 ? 'pinduoduo' : 'taobao']);
  await shops.end();
  const facts = sink.table('metric_facts', ['shop_id', 'counter', 'ref', 'at', 'order_id', 'value']);
  const daily = sink.table('metric_daily', ['shop_id', 'day', 'counter', 'n', 'total']);
  const events = sink.table('events', ['shop_id', 'order_id', 'seq', 'stream_id', 'stream_version', 'type', 'data', 'actor', 'occurred_at', 'recorded_at', 'hash']);
  const perShop = Math.ceil(n.orders / n.shops);
  const caseShare = n.cases / n.orders;
  const start = now - HISTORY_DAYS * DAY;
  for (let s = 0; s < n.shops; s++) {
    const shop = `S${s}`;
    const days = new Map<string, { n: number; total: number }>();
    const fact = async (counter: string, ref: string, at: number, order: string, value = 0, summed = true) => {
      await facts.add([shop, counter, ref, new Date(at).toISOString(), order, value]);
      if (!summed) return;
      const k = `${localDateOf(at, TZ)}|${counter}`;
      const d = days.get(k) ?? { n: 0, total: 0 };
      days.set(k, { n: d.n + 1, total: d.total + value });
    };
    for (let i = 0; i < perShop; i++) {
      const order = `O${s}-${i}`;
      const paid = start + Math.floor(rnd() * (HISTORY_DAYS * DAY - 4 * DAY));
      await fact('paid', `${order}#1`, paid, order);
      await events.add([shop, order, 1, `order:${order}`, 1, 'OrderPaid', '{"type":"OrderPaid"}', '{"role":"platform"}', new Date(paid).toISOString(), new Date(paid).toISOString(), 'h']);
      const completed = rnd() < 0.9;
      if (completed) await fact('completed', `${order}#2`, paid + 3 * DAY, order);
      if (rnd() < caseShare) {
        const applied = paid + Math.floor(rnd() * 6 * DAY);
        const c = `${order}@C`;
        if (rnd() < 0.5) await fact('applied_in_sale', `${order}#3@C`, applied, order);
        if (rnd() < 0.4) await fact('applied_quality', `${order}#3@C`, applied, order);
        await events.add([shop, order, 3, `case:${c}`, 1, 'CaseApplied', '{"type":"CaseApplied"}', '{"role":"buyer"}', new Date(applied).toISOString(), new Date(applied).toISOString(), 'h']);
        if (rnd() < 0.9) await fact('first_response', `case:${c}`, applied + Math.floor(rnd() * 48) * 3_600_000, order, 0, false);
        if (rnd() < 0.05) {
          await fact('escalated', `${order}#5@C`, applied + 2 * DAY, order);
          await fact('intervention', `${order}#5@C`, applied + 2 * DAY, order, 0, false);
        }
        if (rnd() < 0.7) {
          const hours = 1 + Math.floor(rnd() * 96);
          await fact('refund_done', `case:${c}`, applied + hours * 3_600_000, order, hours * 3_600_000);
        }
      }
      if (rnd() < 0.01) await fact('intervention', `complaint:K${order}#1`, paid + DAY, order, 0, false);
    }
    for (const [k, v] of days) {
      const [day, counter] = k.split('|');
      await daily.add([shop, day!, counter!, v.n, v.total]);
    }
    if (s % Math.max(1, Math.floor(n.shops / 10)) === 0) process.stderr.write(`  generated ${s + 1}/${n.shops} shops\r`);
  }
  await facts.end();
  await daily.end();
  await events.end();
  process.stderr.write('\n');
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil((p / 100) * xs.length) - 1)]!;

async function timeReads(engine: Engine, n: Sizes, now: number) {
  const rnd = prng(7);
  const one: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const shop = `S${Math.floor(rnd() * n.shops)}`;
    const t = performance.now();
    const m = await engine.shopMetrics(platform, shop, { at: now - Math.floor(rnd() * 30 * DAY) });
    one.push(performance.now() - t);
    if ('ok' in m) throw new Error(m.message.en);
  }
  const cat: number[] = [];
  for (let c = 0; c < CATEGORIES; c++) {
    const t = performance.now();
    const v = await engine.categoryMetrics(platform, `c${c}`, { at: now });
    cat.push(performance.now() - t);
    if ('ok' in v) throw new Error(v.message.en);
  }
  return { shop: { p50: pct(one, 50), p99: pct(one, 99) }, category: { p50: pct(cat, 50), p99: pct(cat, 99) } };
}

/** Commands per second: place an order, apply, agree (refund) — concurrency 8 — with or without rollups. */
async function commandRate(db: Database, rollups: boolean, round: number, count: number): Promise<number> {
  const engine = createEngine({ db, packs: builtinPacks(), clock: systemClock, payments: simulatedProvider(db), inlineRefunds: false, metricRollups: rollups });
  const now = Date.now();
  let next = 0;
  let done = 0;
  const t = performance.now();
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const id = `W${rollups ? 'r' : 'n'}${round}-${i}`;
      const shop = `S${i % 50}`;
      const order = { id, shop, buyer: `B${i}`, placed_at: now - DAY, paid_at: now - DAY, shipping_fee: 0, free_shipping: true, shipping_insurance: 0, lines: [{ id: 'L1', sku: 'X', category: 'c', quantity: 1, paid_amount: 9900, flags: [] }] };
      await engine.placeOrder(order, { role: 'platform' });
      await engine.caseCommand({ kind: 'apply', caseId: `C${id}`, args: { type: 'refund_only', reason: 'no_longer_needed' } }, { role: 'buyer', id: `B${i}` }, { shopId: shop, orderId: id });
      await engine.caseCommand({ kind: 'agree', caseId: `C${id}` }, { role: 'merchant', id: shop }, { shopId: shop, orderId: id });
      done += 3;
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return done / ((performance.now() - t) / 1000);
}

async function run(name: string, db: Database, schema: string, sink: (db: Database) => Sink, n: Sizes, commands: number) {
  await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await db.useSchema(schema);
  await migrate(db);
  const now = Date.now();
  console.log(`\n${name}: ${n.orders.toLocaleString()} orders, ${n.cases.toLocaleString()} cases, ${n.shops} shops, ${CATEGORIES} categories, ${HISTORY_DAYS} days`);
  let t = performance.now();
  await generate(sink(db), n, now);
  const loadS = (performance.now() - t) / 1000;
  t = performance.now();
  await db.exec(`ANALYZE`);
  const sizes = await db.query<{ facts: string; daily: string }>(`SELECT (SELECT count(*) FROM metric_facts) AS facts, (SELECT count(*) FROM metric_daily) AS daily`);
  console.log(`bulk load: ${loadS.toFixed(1)} s (${sizes.rows[0]!.facts} facts, ${sizes.rows[0]!.daily} daily rollup rows); analyze ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const engine = createEngine({ db, packs: builtinPacks(), clock: systemClock, payments: simulatedProvider(db), inlineRefunds: false });
  await engine.shopMetrics(platform, 'S0'); // warm-up
  const r = await timeReads(engine, n, now);
  console.log(`one shop's metrics with its category averages (1,000 random shops): p50 ${r.shop.p50.toFixed(1)} ms, p99 ${r.shop.p99.toFixed(1)} ms (target < 100 ms)`);
  console.log(`category view (every shop's numbers, ${CATEGORIES} categories): p50 ${r.category.p50.toFixed(1)} ms, p99 ${r.category.p99.toFixed(1)} ms`);
  // Alternating rounds, so both sides see the same machine load.
  const with_: number[] = [];
  const without: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    without.push(await commandRate(db, false, round, commands));
    with_.push(await commandRate(db, true, round, commands));
  }
  const [a, b] = [pct(with_, 50), pct(without, 50)];
  console.log(`commands/s (place, apply, agree; concurrency 8; median of ${ROUNDS} alternating rounds of ${commands} orders): with rollups ${a.toFixed(0)}, without ${b.toFixed(0)} → ${(((b - a) / b) * 100).toFixed(1)} % slower (target ≤ 10 %)`);
  await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
}

const pgSizes: Sizes = { orders: Math.round(10_000_000 * SCALE), cases: Math.round(1_000_000 * SCALE), shops: Math.max(CATEGORIES, Math.round(2_000 * Math.min(1, SCALE * 10))) };
const commands = Number(arg('--commands', '1000'));
const ROUNDS = Number(arg('--rounds', '5'));
if (!process.argv.includes('--pglite-only')) {
  const db = await openPostgres(PG_URL);
  try {
    await run('PostgreSQL', db, 'bench_metrics', () => copySink('bench_metrics'), pgSizes, commands);
  } finally {
    await db.close();
  }
}
if (process.argv.includes('--pglite') || process.argv.includes('--pglite-only')) {
  const db = await openPglite();
  try {
    await run('PGlite', db, 'bench_metrics', (d) => insertSink(d), { orders: Math.round(1_000_000 * SCALE), cases: Math.round(100_000 * SCALE), shops: Math.max(CATEGORIES, Math.round(2_000 * Math.min(1, SCALE * 10))) }, commands);
  } finally {
    await db.close();
  }
}
