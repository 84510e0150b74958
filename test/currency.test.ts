// SPEC §13 currencies on the engine: an order in another currency than its shop's is refused in
// words naming both; a shop never changes currency; doctor finds a row in another currency than
// its shop's; an export's totals group CNY and USD and never add them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doctor } from '../src/app/doctor.ts';
import { createEngine, type Engine } from '../src/app/engine.ts';
import { builtinPacks } from '../src/app/packs.ts';
import { simulatedProvider } from '../src/app/payments.ts';
import { toOrderInput } from '../src/app/schemas.ts';
import type { OrderInput } from '../src/domain/commands.ts';
import type { CaseState } from '../src/domain/state.ts';
import { exportTotals } from '../src/http/case-export.ts';
import { openPglite, type Database } from '../src/store/db.ts';
import { migrate } from '../src/store/migrations.ts';

const NOW = Date.parse('2026-06-10T09:00:00-07:00');
const order = (id: string, shop: string, extra: Partial<OrderInput> = {}): OrderInput => ({
  id,
  shop,
  buyer: 'B1',
  placed_at: NOW - 3_600_000,
  paid_at: NOW - 3_500_000,
  shipping_fee: 0,
  free_shipping: true,
  shipping_insurance: 0,
  lines: [{ id: 'L1', sku: 'MUG', category: 'home', quantity: 1, paid_amount: 2599, flags: [] }],
  ...extra,
});

describe('currencies (SPEC §13)', () => {
  let db: Database;
  let engine: Engine;
  beforeAll(async () => {
    db = await openPglite();
    await migrate(db);
    engine = createEngine({ db, packs: builtinPacks(), clock: { now: () => NOW }, payments: simulatedProvider(db) });
    expect(await engine.upsertShop({ id: 'US1', pack: 'amazon-us' })).toEqual({ ok: true });
    expect(await engine.upsertShop({ id: 'CN1', pack: 'taobao' })).toEqual({ ok: true });
  });
  afterAll(() => db.close());

  it("places an order in its shop's currency, stated or not", async () => {
    expect((await engine.placeOrder(order('O1', 'US1', { currency: 'USD' }), { role: 'platform' })).ok).toBe(true);
    expect((await engine.placeOrder(order('O2', 'US1'), { role: 'platform' })).ok).toBe(true);
    expect((await engine.getOrder('US1', 'O2'))!.currency).toBe('USD');
    expect((await engine.placeOrder(order('O3', 'CN1'), { role: 'platform' })).ok).toBe(true);
    expect((await engine.getOrder('CN1', 'O3'))!.currency).toBe('CNY');
    const rows = await db.query<{ order_id: string; currency: string }>('SELECT order_id, currency FROM orders ORDER BY order_id');
    expect(rows.rows).toEqual([{ order_id: 'O1', currency: 'USD' }, { order_id: 'O2', currency: 'USD' }, { order_id: 'O3', currency: 'CNY' }]);
  });

  it("refuses an order in another currency than its shop's, naming both in words", async () => {
    const r = await engine.placeOrder(order('O4', 'US1', { currency: 'CNY' }), { role: 'platform' });
    expect(r).toMatchObject({ ok: false, code: 'validation', details: { order_currency: 'CNY', shop_currency: 'USD' } });
    if (r.ok) return;
    expect(r.message.en).toBe('the order is in Chinese yuan (CNY), but shop US1 trades in US dollars (USD)');
    expect(r.message.zh).toContain('人民币');
    expect(r.message.zh).toContain('美元');
    expect(await engine.getOrder('US1', 'O4')).toBeNull();
    // A currency the engine does not know is a request-shape error.
    expect(toOrderInput({ ...order('O5', 'US1'), currency: 'EUR' })).toMatchObject({ ok: false, code: 'validation' });
  });

  it('keeps a shop in its currency: a pack of another currency is refused', async () => {
    const r = await engine.upsertShop({ id: 'CN1', pack: 'amazon-us' });
    expect(r).toMatchObject({ ok: false, code: 'validation', details: { currency: 'CNY', pack_currency: 'USD' } });
    expect(await engine.upsertShop({ id: 'CN1', pack: 'tmall' })).toEqual({ ok: true });
  });

  it('doctor reports a row whose currency is not its shop’s', async () => {
    expect((await doctor(db, NOW)).filter((f) => f.check === 'one_currency')).toEqual([]);
    await db.query("UPDATE orders SET currency = 'CNY' WHERE order_id = 'O1'");
    expect((await doctor(db, NOW)).filter((f) => f.check === 'one_currency').map((f) => f.detail)).toEqual(['orders US1/O1: CNY, but the shop trades in USD']);
    await db.query("UPDATE orders SET currency = 'USD' WHERE order_id = 'O1'");
  });

  it("groups an export's totals by currency: CNY and USD are never added", () => {
    const c = (shopId: string, amount: number, refunded: number) => ({ shopId, amount, refunded }) as CaseState;
    const currencies = new Map([['US1', 'USD' as const], ['CN1', 'CNY' as const]]);
    expect(exportTotals([c('US1', 2599, 0), c('CN1', 59900, 59900), c('US1', 1000, 1000)], currencies)).toEqual([
      { currency: 'CNY', cases: 1, amount: 59900, refunded: 59900 },
      { currency: 'USD', cases: 2, amount: 3599, refunded: 1000 },
    ]);
  });
});
