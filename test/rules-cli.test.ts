// `aftersale rules backtest` on a PGlite data directory: a proposed rule replayed on the shop's
// cases of the last days, in memory — the report in words, the rule never saved.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../src/app/clock.ts';
import { createEngine } from '../src/app/engine.ts';
import { builtinPacks } from '../src/app/packs.ts';
import { simulatedProvider } from '../src/app/payments.ts';
import { main } from '../src/cli/main.ts';
import { openPglite } from '../src/store/db.ts';
import { migrate } from '../src/store/migrations.ts';
import { DAY } from './domain-kit.ts';
import { withEnv } from './env-kit.ts';

const dir = mkdtempSync(join(tmpdir(), 'aftersale-rules-'));
const rulesFile = join(dir, 'rules.json');

async function cli(...args: string[]) {
  const out: string[] = [];
  const code = await main(args, { log: (l) => out.push(l), error: (l) => out.push(l) });
  return { code, out };
}

describe('aftersale rules backtest', () => {
  withEnv({ AFTERSALE_DATA_DIR: join(dir, 'data'), DATABASE_URL: undefined });
  beforeAll(async () => {
    const db = await openPglite(join(dir, 'data'));
    await migrate(db);
    const engine = createEngine({ db, packs: builtinPacks(), clock: systemClock, payments: simulatedProvider(db) });
    await engine.upsertShop({ id: 'S1', pack: 'jd' });
    const now = Date.now();
    const order = (id: string, amount: number, placed = now - 3 * DAY) => ({
      id, shop: 'S1', buyer: 'B1', placed_at: placed, paid_at: placed, shipping_fee: 0, free_shipping: true, shipping_insurance: 0,
      lines: [{ id: 'L1', sku: 'X', category: 'food', quantity: 1, paid_amount: amount, flags: [] }],
    });
    const buyer = { role: 'buyer' as const, id: 'B1' };
    for (const [id, amount] of [['O1', 3000], ['O2', 9000]] as const) {
      expect((await engine.placeOrder(order(id, amount), { role: 'platform' })).ok).toBe(true);
      expect((await engine.caseCommand({ kind: 'apply', caseId: `C${id}`, args: { type: 'refund_only', reason: 'no_longer_needed' } }, buyer, { shopId: 'S1', orderId: id })).ok).toBe(true);
    }
    // The merchant answered the small one after 2 hours (the system clock: the answer's own instant).
    expect((await engine.caseCommand({ kind: 'agree', caseId: 'CO1' }, { role: 'merchant', id: 'S1' }, { at: Date.now() + 2 * 3_600_000 })).ok).toBe(true);
    await db.close();
    writeFileSync(rulesFile, JSON.stringify([{ id: 'small', name: '小额极速退款', when: { order_status: ['paid'], max_amount: 5000 }, then: 'agree' }]));
  });

  it('reports what the rules would have automated, the money and the hours, and saves nothing', async () => {
    const r = await cli('rules', 'backtest', 'S1', rulesFile, '--days', '30');
    expect(r.code).toBe(0);
    const text = r.out.join('\n');
    expect(text).toContain('backtest of 1 rule(s) on shop S1, last 30 days: 2 case(s)');
    expect(text).toContain('automated: 1, refunded at once ¥30.00, of which without a return ¥0.00');
    expect(text).toContain('small (小额极速退款): 1 case(s), ¥30.00');
    expect(text).toMatch(/merchant hours saved \(first responses\): 2(\.0)?\n/);
    const json = JSON.parse((await cli('rules', 'backtest', 'S1', rulesFile, '--json')).out.join('\n'));
    expect(json).toMatchObject({ cases: 2, automated: 1, merchant_hours_saved: 2 });
    const shown = JSON.parse((await cli('rules', 'show', 'S1')).out.join('\n'));
    expect(shown.rules).toEqual([]);
  });

  it('refuses bad usage and a bad rule in words', async () => {
    expect((await cli('rules', 'backtest', 'S1')).code).toBe(2);
    writeFileSync(join(dir, 'bad.json'), JSON.stringify([{ id: 'x', when: {}, then: 'reject' }]));
    const bad = await cli('rules', 'backtest', 'S1', join(dir, 'bad.json'));
    expect(bad.code).toBe(2);
    expect(bad.out.join('\n')).toContain('validation: invalid automation rule: rules.0.then');
    expect((await cli('rules', 'backtest', 'NOPE', rulesFile)).code).toBe(1);
  });
});
