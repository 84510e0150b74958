// npm run bench:domain — decisions per second of the pure decider, and the time to simulate every
// scenario file. Reported with a same-run baseline (JSON round trip of the command, the least an
// edge must do per command) so the ratio means something on a noisy machine.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinPacks } from '../src/app/packs.ts';
import { parseScenario } from '../src/app/scenario.ts';
import { runScenario } from '../src/app/simulate.ts';
import type { Command } from '../src/domain/commands.ts';
import { decide } from '../src/domain/decide.ts';
import { parseRules } from '../src/domain/automation/rule-schema.ts';
import { evolveAll } from '../src/domain/evolve.ts';
import { emptyContext } from '../src/domain/state.ts';
import { DAY, policy, shippedOrder, T0 } from '../test/domain-kit.ts';
import { openPglite } from '../src/store/db.ts';

const p = policy('taobao');
const now = T0 + 3 * DAY;
let ctx = emptyContext();
const setup: Command[] = [
  { kind: 'place_order', order: shippedOrder({ lines: [1, 2, 3].map((i) => ({ id: `L${i}`, sku: `S${i}`, category: 'apparel', quantity: 2, paid_amount: 5000 * i, flags: [] })) }), actor: { role: 'platform' } },
  { kind: 'apply', caseId: 'C1', args: { type: 'return_refund', reason: 'quality_issue', lines: [{ line: 'L1', quantity: 1 }], evidence: [{ kind: 'photo' }] }, actor: { role: 'buyer', id: 'B1' } },
];
for (const c of setup) {
  const d = decide(c, ctx, p, now);
  if (!d.ok) throw new Error(d.code);
  ctx = evolveAll(ctx, d.events);
}
// A mix of what a busy queue sees: applications, agreements, refusals.
const commands: Command[] = [
  { kind: 'agree', caseId: 'C1', actor: { role: 'merchant', id: 'S1' } },
  { kind: 'apply', caseId: 'C2', args: { type: 'refund_only', reason: 'damaged', lines: [{ line: 'L2', quantity: 1 }], evidence: [{ kind: 'photo' }] }, actor: { role: 'buyer', id: 'B1' } },
  { kind: 'offer', caseId: 'C1', type: 'refund_only', amount: 1000, actor: { role: 'merchant', id: 'S1' } },
  { kind: 'escalate', caseId: 'C1', actor: { role: 'buyer', id: 'B1' } }, // too_early: a refusal
];

function measure(name: string, ms: number, fn: (i: number) => void): number {
  for (let i = 0; i < 20_000; i++) fn(i); // warm-up
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    for (let i = 0; i < 1000; i++) fn(n + i);
    n += 1000;
  }
  const perSec = (n / (performance.now() - start)) * 1000;
  console.log(`${name.padEnd(44)} ${Math.round(perSec).toLocaleString('en-US').padStart(12)} /s`);
  return perSec;
}

let sink = 0;
const baseline = measure('baseline: JSON round trip of a command', 1500, (i) => {
  sink += (JSON.parse(JSON.stringify(commands[i % 4])) as Command).kind.length;
});
const decisions = measure('decide(command, state, policy, now)', 1500, (i) => {
  const d = decide(commands[i % 4]!, ctx, p, now);
  sink += d.ok ? d.events.length : 1;
});
const withEvolve = measure('decide + evolve', 1500, (i) => {
  const d = decide(commands[i % 4]!, ctx, p, now);
  if (d.ok) sink += evolveAll(ctx, d.events).order!.compensation;
});
console.log(`decisions/s: ${Math.round(decisions).toLocaleString('en-US')} (target ≥ 200,000 on one core); ${(decisions / baseline).toFixed(2)}× the JSON round trip; with evolve ${(withEvolve / baseline).toFixed(2)}×`);

// SPEC §10.2: ten rules per shop, none matching (every one checked in full: the worst case), as the
// engine hands them to the decider with each application; the same mix, same run.
const tenRules = parseRules([
  { id: 'r1', when: { order_status: ['paid'] }, then: 'agree' },
  { id: 'r2', when: { type: ['exchange'] }, then: 'agree' },
  { id: 'r3', when: { max_amount: 100 }, then: 'agree' },
  { id: 'r4', when: { reasons: ['no_longer_needed', 'out_of_stock'] }, then: 'agree' },
  { id: 'r5', when: { max_buyer_risk: 'low' }, then: 'agree' },
  { id: 'r6', when: { type: ['refund_only'], max_amount: 500 }, then: 'agree' },
  { id: 'r7', enabled: false, when: {}, then: 'agree' },
  { id: 'r8', when: { type: ['refund_only'] }, then: 'returnless_refund' },
  { id: 'r9', when: { order_status: ['completed'], type: ['refund_only'] }, then: 'agree' },
  { id: 'r10', when: { reasons: ['damaged'], max_buyer_risk: 'low' }, then: 'agree' },
]);
if (!Array.isArray(tenRules)) throw new Error(tenRules.message.en);
const automation = { rules: tenRules, buyerBand: 'medium' as const, returnShippingEstimate: 1300, returnlessThreshold: null, returnAddress: null };
const applyOnly = commands[1]!;
const plainApply = measure('apply, no rules', 1000, () => {
  const d = decide(applyOnly, ctx, p, now);
  sink += d.ok ? d.events.length : 1;
});
const ruledApply = measure('apply, ten rules checked', 1000, () => {
  const d = decide(applyOnly, ctx, p, now, automation);
  sink += d.ok ? d.events.length : 1;
});
const ruled = measure('decide, mix, ten rules per shop', 1500, (i) => {
  const d = decide(commands[i % 4]!, ctx, p, now, automation);
  sink += d.ok ? d.events.length : 1;
});
console.log(
  `with ten rules: ${Math.round(ruled).toLocaleString('en-US')} decisions/s (target ≥ 200,000), ${(ruled / decisions).toFixed(2)}× the mix without rules; an application ${(ruledApply / plainApply).toFixed(2)}× one without`,
);

const packs = builtinPacks();
const dir = join(import.meta.dirname, '..', 'scenarios');
const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json')).sort();
const t0 = performance.now();
const db = await openPglite();
const tReady = performance.now();
let expectations = 0;
for (const f of files) {
  const s = parseScenario(f, readFileSync(join(dir, f), 'utf8'), (id) => packs.get(id) !== undefined);
  expectations += (await runScenario(db, packs, s)).expectations.length;
}
const tDone = performance.now();
await db.close();
console.log(`simulate ${files.length} scenario files (${expectations} expectations): ${Math.round(tDone - tReady)} ms, plus ${Math.round(tReady - t0)} ms to start PGlite`);
if (sink === -1) console.log('');
