// `aftersale shops show` on a PGlite data directory: points this year against the thresholds,
// sanctions, the deposit and complaints by status; `doctor` checks the deposit ledger.
import { mkdtempSync } from 'node:fs';
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

const dir = mkdtempSync(join(tmpdir(), 'aftersale-shops-'));

async function cli(...args: string[]) {
  const out: string[] = [];
  const code = await main(args, { log: (l) => out.push(l), error: (l) => out.push(l) });
  return { code, out };
}

describe('aftersale shops show', () => {
  withEnv({ AFTERSALE_DATA_DIR: dir, DATABASE_URL: undefined });
  beforeAll(async () => {
    const db = await openPglite(dir);
    await migrate(db);
    const engine = createEngine({ db, packs: builtinPacks(), clock: systemClock, payments: simulatedProvider(db) });
    await engine.upsertShop({ id: 'S1', pack: 'taobao', depositRequired: 100000, deposit: 40000 });
    const now = Date.now();
    const order = (id: string) => ({
      id, shop: 'S1', buyer: 'B1', placed_at: now - DAY, paid_at: now - DAY, shipping_fee: 0, free_shipping: true, shipping_insurance: 0,
      lines: [{ id: 'L1', sku: 'X', category: 'apparel', quantity: 1, paid_amount: 9900, flags: [] }],
    });
    const buyer = { role: 'buyer' as const, id: 'B1' };
    for (const id of ['O1', 'O2']) expect((await engine.placeOrder(order(id), { role: 'platform' })).ok).toBe(true);
    for (const [k, o] of [['K1', 'O1'], ['K2', 'O2']]) {
      expect((await engine.complaintCommand({ kind: 'complain', complaintId: k!, complaintKind: 'misdescription', subKind: 'severe', evidence: [{ kind: 'photo' }], actor: buyer }, { shopId: 'S1', orderId: o! })).ok).toBe(true);
    }
    await engine.complaintCommand({ kind: 'respond_complaint', complaintId: 'K1', evidence: [{ kind: 'chat_log' }], actor: { role: 'merchant', id: 'S1' } });
    await engine.complaintCommand({ kind: 'rule_complaint', complaintId: 'K1', outcome: 'upheld', actor: { role: 'platform', id: 'platform' } });
    await db.close();
  });

  it('prints points against the thresholds, sanctions, the deposit and complaints by status', async () => {
    const r = await cli('shops', 'show', 'S1');
    expect(r.code).toBe(0);
    const text = r.out.join('\n');
    expect(text).toMatch(/^shop S1 \(taobao [^)]+\) — restricted until /);
    expect(text).toMatch(/points \d{4}: 12 \(next threshold 24 → restriction 14 d\)/);
    expect(text).toContain('restriction at 12 points: from ');
    expect(text).toMatch(/deposit: balance ¥400\.00, required ¥1000\.00, shortfall ¥600\.00, top up by /);
    expect(text).toContain('complaints: filed 1, upheld 1');
    expect((await cli('shops', 'show', 'NOPE')).code).toBe(1);
    expect((await cli('shops', 'list')).code).toBe(2);
  });

  it('doctor finds every shop’s deposit explained by its ledger', async () => {
    const r = await cli('doctor');
    expect(r.out.join('\n')).not.toContain('deposit_ledger');
  });
});
