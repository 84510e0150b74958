// npm run bench:automation — issue 14's figures: a 30-day backtest of 100,000 cases (the replay
// through the decider's automation step, in memory), the same backtest end to end through the
// store at a smaller size, and what buyer-risk upkeep (and loading the rules) costs the command
// path: the same workload with automation on and off, same run. `--quick`: small sizes.
import { systemClock } from '../src/app/clock.ts';
import { createEngine, type Engine } from '../src/app/engine.ts';
import { builtinPacks } from '../src/app/packs.ts';
import { simulatedProvider } from '../src/app/payments.ts';
import { replayOrder, summarize } from '../src/domain/automation/backtest.ts';
import { parseRules } from '../src/domain/automation/rule-schema.ts';
import type { Command } from '../src/domain/commands.ts';
import { decide } from '../src/domain/decide.ts';
import type { DomainEvent } from '../src/domain/events.ts';
import { evolveAll } from '../src/domain/evolve.ts';
import { emptyContext } from '../src/domain/state.ts';
import { openPglite, openPostgres, type Database } from '../src/store/db.ts';
import { migrate } from '../src/store/migrations.ts';
import { DAY, policy, shippedOrder, T0 } from '../test/domain-kit.ts';

const quick = process.argv.includes('--quick');
const CASES = quick ? 10_000 : 100_000;
const STORE_CASES = quick ? 300 : 10_000;
const COMMANDS = quick ? 300 : 2_400;
const rules = parseRules([
  { id: 'small', when: { type: ['refund_only'], max_amount: 5000 }, then: 'agree' },
  { id: 'keep', when: { type: ['return_refund'] }, then: 'returnless_refund' },
]);
if (!Array.isArray(rules)) throw new Error(rules.message.en);

// 1. The replay alone: 100,000 orders with a case each (half refund-only, half returns; every
//    third rejected), their events made once by the real decider, then replayed in memory.
const p = policy('jd');
const merchant = { role: 'merchant' as const, id: 'S1' };
const buyer = { role: 'buyer' as const, id: 'B1' };
function orderEvents(i: number): DomainEvent[] {
  const out: DomainEvent[] = [];
  let ctx = emptyContext();
  const run = (cmd: Command, at: number) => {
    const d = decide(cmd, ctx, p, at);
    if (!d.ok) throw new Error(`${cmd.kind}: ${d.message.en}`);
    ctx = evolveAll(ctx, d.events);
    out.push(...d.events);
  };
  const amount = 1000 + (i % 90) * 100;
  run({ kind: 'place_order', order: shippedOrder({ id: `O${i}`, lines: [{ id: 'L1', sku: 'S', category: 'apparel', quantity: 1, paid_amount: amount, flags: [] }] }), actor: { role: 'platform' } }, T0 + 2 * DAY);
  const type = i % 2 === 0 ? 'refund_only' : 'return_refund';
  run({ kind: 'apply', caseId: `C${i}`, args: type === 'refund_only' ? { type, reason: 'damaged', evidence: [{ kind: 'photo' }] } : { type, reason: 'no_reason_7d', intact: true }, actor: buyer }, T0 + 3 * DAY);
  if (i % 3 === 0) run({ kind: 'reject', caseId: `C${i}`, reason: '商品无问题', actor: merchant }, T0 + 3 * DAY + 5 * 3_600_000);
  else run({ kind: 'agree', caseId: `C${i}`, returnAddress: '仓库', actor: merchant }, T0 + 3 * DAY + 2 * 3_600_000);
  return out;
}
// Orders differ only in ids and amounts: make 90 shapes and rename (generation is not timed).
const shapes = Array.from({ length: 90 }, (_, i) => orderEvents(i));
const rename = (evs: DomainEvent[], i: number): DomainEvent[] =>
  evs.map((e) => JSON.parse(JSON.stringify(e).replaceAll(`"C${i % 90}`, `"C${i}`).replaceAll(`"O${i % 90}"`, `"O${i}"`)) as DomainEvent);
const orders = Array.from({ length: CASES }, (_, i) => rename(shapes[i % 90]!, i));
const t0 = performance.now();
const replays = orders.flatMap((evs) =>
  replayOrder(evs, { since: T0, until: T0 + 30 * DAY, policyAt: () => p, bandOf: () => 'low', inputs: { rules, returnShippingEstimate: 1300, returnlessThreshold: null, returnAddress: null } }),
);
const report = summarize(replays);
const replayMs = performance.now() - t0;
console.log(`backtest replay of ${CASES.toLocaleString('en-US')} cases (in memory): ${Math.round(replayMs)} ms — ${report.automated.toLocaleString('en-US')} automated, ${report.rejected_and_won.cases} rejected and won (target < 10 s for 100,000)`);

// 2. End to end through the store (load, replay, report) on PostgreSQL when reachable, else PGlite.
const PG_URL = process.env.DATABASE_URL;
async function open(schema: string): Promise<Database> {
  const db = PG_URL ? await openPostgres(PG_URL) : await openPglite();
  await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await db.useSchema(schema);
  await migrate(db);
  return db;
}
async function world(schema: string, automation: boolean): Promise<{ db: Database; engine: Engine }> {
  const db = await open(schema);
  const engine = createEngine({ db, packs: builtinPacks(), clock: systemClock, payments: simulatedProvider(db), inlineRefunds: false, automation });
  await engine.upsertShop({ id: 'S1', pack: 'jd' });
  return { db, engine };
}
const now = Date.now();
const order = (id: string, amount: number) => ({
  id, shop: 'S1', buyer: `B${id}`, placed_at: now - 3 * DAY, paid_at: now - 3 * DAY, shipped_at: now - 2 * DAY, signed_at: now - DAY,
  shipping_fee: 0, free_shipping: true, shipping_insurance: 0,
  lines: [{ id: 'L1', sku: 'S', category: 'apparel', quantity: 1, paid_amount: amount, flags: [] }],
});
async function workload(engine: Engine, n: number, prefix: string): Promise<number> {
  const t = performance.now();
  for (let i = 0; i < n; i++) {
    const id = `${prefix}${i}`;
    await engine.placeOrder(order(id, 1000 + (i % 90) * 100), { role: 'platform' });
    await engine.caseCommand({ kind: 'apply', caseId: `C${id}`, args: { type: 'refund_only', reason: 'damaged', evidence: [{ kind: 'photo' }] } }, { role: 'buyer', id: `B${id}` }, { shopId: 'S1', orderId: id });
    await engine.caseCommand({ kind: 'agree', caseId: `C${id}` }, merchant, { shopId: 'S1', orderId: id });
  }
  return ((3 * n) / (performance.now() - t)) * 1000;
}
{
  const { db, engine } = await world('bench_backtest', true);
  await workload(engine, STORE_CASES, 'T');
  const t = performance.now();
  const r = await engine.backtestRules({ kind: 'platform' }, 'S1', rules, 30);
  const ms = performance.now() - t;
  if ('ok' in r) throw new Error(r.message.en);
  console.log(`backtest through the store (${db.engine}), ${r.cases.toLocaleString('en-US')} cases: ${Math.round(ms)} ms (${Math.round((ms / r.cases) * 100_000) / 1000} s per 100,000 at this rate)`);
  await db.exec('DROP SCHEMA IF EXISTS bench_backtest CASCADE');
  await db.close();
}

// 3. Buyer-risk upkeep (and the rules' load at apply) on the command path: same workload, same
//    run, two engines on one database (automation on and off), short slices alternated so a
//    neighbour's load hits both alike; the cost is the median of the slices' ratios.
const ROUNDS = quick ? 6 : 12;
const on = await world('bench_upkeep_on', true);
const off = await world('bench_upkeep_off', false);
const ratios: number[] = [];
const sums = { on: 0, off: 0 };
for (let round = 0; round < ROUNDS; round++) {
  const pair = round % 2 === 0 ? ([['off', off], ['on', on]] as const) : ([['on', on], ['off', off]] as const);
  const r: Record<string, number> = {};
  for (const [mode, w] of pair) r[mode] = await workload(w.engine, COMMANDS / ROUNDS, `${mode}${round}-`);
  ratios.push(r.on! / r.off!);
  sums.on += r.on!;
  sums.off += r.off!;
}
ratios.sort((a, b) => a - b);
const median = ratios[Math.floor(ratios.length / 2)]!;
console.log(
  `commands/s (place, apply, agree), mean of ${ROUNDS} alternated slices: automation off ${Math.round(sums.off / ROUNDS)}, on ${Math.round(sums.on / ROUNDS)}; median slice ratio on/off ${median.toFixed(3)}: upkeep costs ${((1 - median) * 100).toFixed(1)} % (target ≤ 5 %)`,
);
for (const [schema, w] of [['bench_upkeep_on', on], ['bench_upkeep_off', off]] as const) {
  await w.db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await w.db.close();
}
