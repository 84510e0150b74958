// `aftersale metrics SHOP`, `aftersale metrics rebuild` and the metric rollups in `doctor`, on a
// PGlite data directory.
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
import { DAY, orderInput } from './domain-kit.ts';
import { withEnv } from './env-kit.ts';

const dir = mkdtempSync(join(tmpdir(), 'aftersale-metrics-'));

async function cli(...args: string[]) {
  const out: string[] = [];
  const code = await main(args, { log: (l) => out.push(l), error: (l) => out.push(l) });
  return { code, out: out.join('\n') };
}

describe('aftersale metrics', () => {
  withEnv({ AFTERSALE_DATA_DIR: dir, DATABASE_URL: undefined });
  beforeAll(async () => {
    const db = await openPglite(dir);
    await migrate(db);
    const engine = createEngine({ db, packs: builtinPacks(), clock: systemClock, payments: simulatedProvider(db) });
    await engine.upsertShop({ id: 'S1', pack: 'taobao', category: 'apparel' });
    const now = Date.now();
    for (let i = 0; i < 4; i++) expect((await engine.placeOrder(orderInput({ id: `O${i}`, placed_at: now - 2 * DAY, paid_at: now - 2 * DAY }), { role: 'platform' })).ok).toBe(true);
    const r = await engine.caseCommand({ kind: 'apply', caseId: 'C1', args: { type: 'refund_only', reason: 'no_longer_needed' } }, { role: 'buyer', id: 'B1' }, { shopId: 'S1', orderId: 'O1' });
    expect(r.ok).toBe(true);
    await db.close();
  });

  it('prints every metric beside the category average and the rank', async () => {
    const r = await cli('metrics', 'S1');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^shop S1 \(taobao, category apparel\): 30 d window/);
    expect(r.out).toContain('orders paid: 4 (fewer than 30: not counted in the category average)');
    expect(r.out).toMatch(/refund_rate\s+0\.25\s+—\s+—/);
    expect(r.out).toMatch(/first_response_p50\s+—/);
  });

  it('asks at an instant; refuses a bad one or an unknown shop', async () => {
    const before = await cli('metrics', 'S1', '--at', new Date(Date.now() - 3 * DAY).toISOString());
    expect(before.out).toMatch(/orders paid: 0/);
    expect(before.out).toMatch(/refund_rate\s+—/);
    expect((await cli('metrics', 'S1', '--at', 'yesterday')).code).toBe(2);
    expect((await cli('metrics', 'S1', '--window', '0')).code).toBe(2);
    const none = await cli('metrics', 'S9');
    expect(none.code).toBe(1);
    expect(none.out).toContain('not_found');
  });

  it('rebuild recomputes from the history with progress; doctor finds the rollups equal a recount', async () => {
    const r = await cli('metrics', 'rebuild');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\[#{30}\] 1\/1 S1/);
    // 4 paid, the application, and its refund: Taobao's instant refund (SPEC §10.2) pays a low-risk buyer's unshipped refund at once.
    expect(r.out).toMatch(/rebuilt 1 shop\(s\): 6 facts/);
    const d = await cli('doctor', '--full');
    expect(d.out).not.toContain('metrics_rollups');
    expect((await cli('metrics', 'S1')).out).toMatch(/refund_rate\s+0\.25/);
  });
});
