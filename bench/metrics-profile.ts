// node --import tsx bench/metrics-profile.ts [--orders N] — where a command's time goes, with and
// without the metric rollups: each statement the engine sends, timed by its kind (concurrency 1,
// so a statement's time is its own), and EXPLAIN ANALYZE of the events statement with its facts.
import { systemClock } from '../src/app/clock.ts';
import { createEngine } from '../src/app/engine.ts';
import { builtinPacks } from '../src/app/packs.ts';
import { simulatedProvider } from '../src/app/payments.ts';
import { openPostgres, type Database, type Sql } from '../src/store/db.ts';
import { migrate } from '../src/store/migrations.ts';

const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const i = process.argv.indexOf('--orders');
const ORDERS = i >= 0 ? Number(process.argv[i + 1]) : 400;
const DAY = 86_400_000;

const kindOf = (text: string) => {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.includes('metric_facts') && t.includes('INSERT INTO events')) return 'WITH facts… INSERT INTO events';
  const m = /^(WITH \w+|INSERT INTO \w+|UPDATE \w+|SELECT|DELETE FROM \w+|BEGIN|COMMIT|ROLLBACK)/i.exec(t);
  return m ? (m[1]!.startsWith('SELECT') ? `SELECT ${/FROM (\w+)/i.exec(t)?.[1] ?? ''}` : m[1]!) : t.slice(0, 30);
};

let explain = false;
function timedEngine(db: Database, rollups: boolean, stats: Map<string, { n: number; ms: number }>) {
  const wrap = (s: Sql): Sql => ({
    query: async (text, params) => {
      const k = kindOf(text);
      if (explain && k.startsWith('WITH facts')) {
        const r = await s.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${text}`, params);
        console.log(r.rows.map((x) => x['QUERY PLAN']).join('\n'));
        return { rows: [], affectedRows: 0 };
      }
      const t = performance.now();
      try {
        return await s.query(text, params);
      } finally {
        const e = stats.get(k) ?? { n: 0, ms: 0 };
        stats.set(k, { n: e.n + 1, ms: e.ms + performance.now() - t });
      }
    },
    exec: (text) => s.exec(text),
  });
  const tdb = { ...db, ...wrap(db), transaction: (fn) => db.transaction((tx) => fn(wrap(tx))) } as Database;
  return createEngine({ db: tdb, packs: builtinPacks(), clock: systemClock, payments: simulatedProvider(tdb), inlineRefunds: false, metricRollups: rollups });
}

async function oneOrder(engine: ReturnType<typeof createEngine>, id: string, k: number): Promise<number> {
  const now = Date.now();
  const shop = `S${k % 50}`;
  const t = performance.now();
  const order = { id, shop, buyer: `B${k}`, placed_at: now - DAY, paid_at: now - DAY, shipping_fee: 0, free_shipping: true, shipping_insurance: 0, lines: [{ id: 'L1', sku: 'X', category: 'c', quantity: 1, paid_amount: 9900, flags: [] }] };
  const ok = (r: object) => {
    if (!('ok' in r) || r.ok !== true) throw new Error(JSON.stringify(r));
  };
  ok(await engine.placeOrder(order, { role: 'platform' }));
  ok(await engine.orderCommand(shop, id, { kind: 'ship_order', carrier: 'ZTO', tracking: 'Z' }, { role: 'merchant', id: shop }));
  ok(await engine.caseCommand({ kind: 'apply', caseId: `C${id}`, args: { type: 'return_refund', reason: 'no_reason_7d', intact: true } }, { role: 'buyer', id: `B${k}` }, { shopId: shop, orderId: id }));
  ok(await engine.caseCommand({ kind: 'agree', caseId: `C${id}`, returnAddress: 'Hangzhou' }, { role: 'merchant', id: shop }, { shopId: shop, orderId: id }));
  return performance.now() - t;
}

const db = await openPostgres(PG_URL, { max: 2 });
await db.exec('DROP SCHEMA IF EXISTS profile_metrics CASCADE');
await db.useSchema('profile_metrics');
await migrate(db);
await db.query(`INSERT INTO shops (shop_id, category, policy_pack) SELECT 'S' || g, 'c' || (g % 20), 'taobao' FROM generate_series(0, 49) g`);
const sums = { with: new Map<string, { n: number; ms: number }>(), without: new Map<string, { n: number; ms: number }>() };
const engines = { with: timedEngine(db, true, sums.with), without: timedEngine(db, false, sums.without) };
const totals = { with: 0, without: 0 };
const warm = Math.min(50, ORDERS);
for (let k = 0; k < ORDERS + warm; k++) {
  // Interleaved order by order, so both sides see the same machine load.
  for (const side of (k % 2 ? ['with', 'without'] : ['without', 'with']) as ('with' | 'without')[]) {
    const ms = await oneOrder(engines[side], `P${side}${k}`, k);
    if (k >= warm) totals[side] += ms;
    else if (k === warm - 1) sums[side].clear();
  }
}
const cmds = 4 * ORDERS;
console.log(`ms per command: without ${(totals.without / cmds).toFixed(3)}, with ${(totals.with / cmds).toFixed(3)} (+${(((totals.with - totals.without) / totals.without) * 100).toFixed(1)} %)`);
const keys = [...new Set([...sums.with.keys(), ...sums.without.keys()])].sort((a, b) => (sums.with.get(b)?.ms ?? 0) - (sums.with.get(a)?.ms ?? 0));
console.log('statement'.padEnd(40), 'n/cmd w/o', 'ms/cmd w/o', 'n/cmd with', 'ms/cmd with');
for (const k of keys) {
  const a = sums.without.get(k) ?? { n: 0, ms: 0 };
  const b = sums.with.get(k) ?? { n: 0, ms: 0 };
  console.log(k.slice(0, 40).padEnd(40), (a.n / cmds).toFixed(2).padStart(9), (a.ms / cmds).toFixed(3).padStart(10), (b.n / cmds).toFixed(2).padStart(10), (b.ms / cmds).toFixed(3).padStart(11));
}
if (process.argv.includes('--explain')) {
  explain = true;
  await oneOrder(engines.with, 'EXPLAINED', 1);
  explain = false;
}
const counts = await db.query(`SELECT (SELECT count(*) FROM metric_facts) f, (SELECT count(*) FROM metric_once) o, (SELECT count(*) FROM metric_daily) d, (SELECT count(*) FROM events) e`);
console.log(counts.rows[0]);
await db.exec('DROP SCHEMA IF EXISTS profile_metrics CASCADE');
await db.close();
