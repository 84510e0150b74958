// Bulk order import: CSV (one row per order line, quoted fields), NDJSON and JSON arrays; each
// order placed on its own, failures named by row and SPEC §11 code, progress reported.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openPglite, type Database } from '../store/db.ts';
import { migrate } from '../store/migrations.ts';
import { SimulatedClock } from './clock.ts';
import { createEngine, type Engine } from './engine.ts';
import { ImportFileError, importOrders, parseCsv, parseOrdersFile } from './import-orders.ts';
import { builtinPacks } from './packs.ts';
import { simulatedProvider } from './payments.ts';
import { toOrderInput } from './schemas.ts';

const NOW = Date.parse('2026-03-10T12:00:00+08:00');
const platform = { role: 'platform' as const, id: 'platform' };
const HEADER =
  'order_id,shop,buyer,placed_at,paid_at,ship_by,shipped_at,carrier,tracking,signed_at,signed_on,completed_at,shipping_fee,free_shipping,shipping_insurance,line_id,sku,title,category,quantity,paid_amount,flags,warranty_days';
const P = '2026-03-01T09:00:00+08:00';
const S = '2026-03-02T10:00:00+08:00';

/** One CSV row: order-level cells, then the line's cells. */
const csvRow = (order: string, buyer: string, line: string, sku: string, title: string, qty: string, amount: string, extra: { placed?: string; flags?: string } = {}) =>
  [order, 'S1', buyer, extra.placed ?? P, P, '', S, 'SF', `SF-${order}`, '', '', '', '0', 'true', '0', line, sku, title, 'apparel', qty, amount, extra.flags ?? '', ''].join(',');

const jsonOrder = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  shop: 'S1',
  buyer: 'B1',
  placed_at: P,
  paid_at: P,
  lines: [{ id: 'L1', sku: 'MUG', category: 'home', quantity: 1, paid_amount: 3900 }],
  ...over,
});

describe('importOrders (PGlite in memory)', () => {
  let db: Database;
  let engine: Engine;
  let n = 0;

  beforeAll(async () => {
    db = await openPglite();
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    await db.useSchema(`import_${process.pid}_${++n}`);
    await migrate(db);
    const clock = new SimulatedClock(NOW);
    engine = createEngine({ db, packs: builtinPacks(), clock, payments: simulatedProvider(db, { now: () => clock.now() }) });
    expect(await engine.upsertShop({ id: 'S1', pack: 'taobao' })).toEqual({ ok: true });
  });

  it('imports a CSV: lines grouped into orders, quoted fields kept, bad and duplicate orders listed by row', async () => {
    expect((await engine.placeOrder(validInput('ODUP'), platform)).ok).toBe(true);
    const csv = [
      HEADER, // line 1
      csvRow('O1', 'B1', 'L1', 'TEE-M', 'Tee', '2', '19800', { flags: 'customized|no_reason_excluded' }), // line 2
      csvRow('O2', 'B2', 'L1', 'JACKET', '"Jacket, ""winter""\nsize L"', '1', '59900'), // lines 3-4
      csvRow('O1', 'B1', 'L2', 'SOCKS', 'Socks', '3', '2700'), // line 5: O1 again, not consecutive
      csvRow('O3', 'B3', 'L1', 'CAP', '', '1', '4900'), // line 6
      csvRow('O4', 'B4', 'L1', 'BAG', 'Bag', '1', '9900', { placed: '2026-03-32T09:00:00+08:00' }), // line 7: bad date
      csvRow('ODUP', 'B1', 'L1', 'MUG', 'Mug', '1', '3900'), // line 8: exists already
    ].join('\r\n');
    const rows = parseOrdersFile(csv, 'csv');
    expect(rows.map((r) => [r.row, r.order])).toEqual([
      [2, 'O1'],
      [3, 'O2'],
      [6, 'O3'],
      [7, 'O4'],
      [8, 'ODUP'],
    ]);
    const progress: [number, number][] = [];
    const result = await importOrders(engine, rows, platform, (done, total) => progress.push([done, total]));
    expect(result.placed).toBe(3);
    expect(result.failed).toEqual([
      { row: 7, order: 'O4', code: 'validation', message: expect.stringContaining('placed_at') },
      { row: 8, order: 'ODUP', code: 'invalid_state', message: 'order ODUP already exists' },
    ]);
    expect(progress.at(0)).toEqual([0, 5]);
    expect(progress.at(-1)).toEqual([5, 5]);
    expect(progress.map(([d]) => d)).toEqual([0, 1, 2, 3, 4, 5]);

    const o1 = (await engine.getOrder('S1', 'O1'))!;
    expect(o1.lines.map((l) => [l.id, l.sku, l.quantity, l.paidAmount, l.flags])).toEqual([
      ['L1', 'TEE-M', 2, 19800, ['customized', 'no_reason_excluded']],
      ['L2', 'SOCKS', 3, 2700, []],
    ]);
    expect(o1).toMatchObject({ status: 'shipped', carrier: 'SF', tracking: 'SF-O1', freeShipping: true });
    expect((await engine.getOrder('S1', 'O2'))!.lines[0]!.title).toBe('Jacket, "winter"\nsize L');
    expect((await engine.getOrder('S1', 'O3'))!.lines[0]!.title).toBeUndefined();
    expect(await engine.getOrder('S1', 'O4')).toBeNull();
  });

  it('points CSV errors at the row and column at fault; rows of one order must agree', async () => {
    const csv = [
      HEADER,
      csvRow('O1', 'B1', 'L1', 'TEE', 'Tee', '1', '100'),
      csvRow('O1', 'B9', 'L2', 'TEE', 'Tee', '1', '100'), // line 3: another buyer
      csvRow('O2', 'B1', 'L1', 'TEE', 'Tee', 'two', '100'), // line 4: not a number
      csvRow('O3', 'B1', 'L1', 'TEE', 'Tee', '1', '100'),
      csvRow('O3', 'B1', 'L2', 'TEE', 'Tee', '0', '100'), // line 6: quantity 0
      'O5,S1,B1,too,few,cells', // line 7
      csvRow('O6', 'B1', 'L1', 'TEE', 'Tee', '1', '100', { flags: 'shiny' }), // line 8: unknown flag
      csvRow('O7', 'B1', 'L1', 'TEE', 'Tee "quoted" badly', '1', '100'), // line 9
      csvRow('O8', 'B1', 'L1', 'TEE', 'Tee', '1', '100'), // line 10: fine
      csvRow('O9', 'B1', 'L1', 'TEE', '"never closed', '1', '100'), // line 11: swallows the rest
    ].join('\n');
    const result = await importOrders(engine, parseOrdersFile(csv, 'csv'), platform);
    expect(result.placed).toBe(1);
    expect(result.failed.map((f) => [f.row, f.order, f.code])).toEqual([
      [3, 'O1', 'validation'],
      [4, 'O2', 'validation'],
      [6, 'O3', 'validation'],
      [7, undefined, 'validation'],
      [8, 'O6', 'validation'],
      [9, undefined, 'validation'],
      [11, undefined, 'validation'],
    ]);
    expect(result.failed[0]!.message).toBe('rows of order O1 disagree on buyer: "B1" on row 2, "B9" on row 3');
    expect(result.failed[1]!.message).toBe('invalid quantity: expected a whole number, found "two"');
    expect(result.failed[2]!.message).toMatch(/^invalid quantity: /);
    expect(result.failed[3]!.message).toBe('expected 23 cells, found 6 (quote a field that holds a comma)');
    expect(result.failed[4]!.message).toMatch(/^invalid flags: /);
    expect(await engine.getOrder('S1', 'O8')).not.toBeNull();
  });

  it('refuses a CSV file it cannot read at all', () => {
    expect(() => parseOrdersFile('order_id,shop,colour\n', 'csv')).toThrow(ImportFileError);
    expect(() => parseOrdersFile('order_id,shop\nO1,S1\n', 'csv')).toThrow(/missing column\(s\) buyer, placed_at/);
    expect(parseOrdersFile('', 'csv')).toEqual([]);
    expect(parseOrdersFile(`\uFEFF${HEADER}\n\n`, 'csv')).toEqual([]);
  });

  it('parses RFC 4180 quoting', () => {
    expect(parseCsv('a,"b,c","d""e"\r\n"x\ny",,z\n')).toEqual([
      { line: 1, cells: ['a', 'b,c', 'd"e'] },
      { line: 2, cells: ['x\ny', '', 'z'] },
    ]);
    expect(parseCsv('"a"b,c\nd,e').map((r) => [r.line, r.error ?? null, r.cells])).toEqual([
      [1, 'text after a closing quote', ['ab', 'c']],
      [2, null, ['d', 'e']],
    ]);
  });

  it('imports NDJSON, naming bad lines by line number', async () => {
    const text = [JSON.stringify(jsonOrder('J1')), '', '{"id": "J2", ', JSON.stringify(jsonOrder('J3', { buyer: '' })), JSON.stringify(jsonOrder('J4'))].join('\n');
    const progress: number[] = [];
    const result = await importOrders(engine, parseOrdersFile(text, 'json'), platform, (d) => progress.push(d));
    expect(result.placed).toBe(2);
    expect(result.failed.map((f) => [f.row, f.order, f.code])).toEqual([
      [3, undefined, 'validation'],
      [4, 'J3', 'validation'],
    ]);
    expect(result.failed[0]!.message).toMatch(/^invalid JSON/);
    expect(progress.at(-1)).toBe(4);
    expect(await engine.getOrder('S1', 'J4')).not.toBeNull();
  });

  it('imports a JSON array (rows are 1-based indexes); a merchant only its own shop', async () => {
    await engine.upsertShop({ id: 'S2', pack: 'tmall' });
    const text = JSON.stringify([jsonOrder('A1'), jsonOrder('A2', { shop: 'S2' }), jsonOrder('A1'), jsonOrder('A3', { shop: 'S9' }), 42], null, 2);
    const asMerchant = await importOrders(engine, parseOrdersFile(text, 'json'), { role: 'merchant', id: 'S1' });
    expect(asMerchant.placed).toBe(1);
    expect(asMerchant.failed.map((f) => [f.row, f.order, f.code])).toEqual([
      [2, 'A2', 'forbidden'],
      [3, 'A1', 'invalid_state'],
      [4, 'A3', 'forbidden'],
      [5, undefined, 'validation'],
    ]);
    const asPlatform = await importOrders(engine, parseOrdersFile(text, 'json'), platform, undefined, { lang: 'zh' });
    expect(asPlatform.placed).toBe(1);
    expect(asPlatform.failed.map((f) => [f.row, f.code])).toEqual([
      [1, 'invalid_state'],
      [3, 'invalid_state'],
      [4, 'not_found'],
      [5, 'validation'],
    ]);
    expect(asPlatform.failed[0]!.message).toBe('订单 A1 已存在');
    expect(() => parseOrdersFile('[{"id": "x"', 'json')).toThrow(ImportFileError);
    expect(() => parseOrdersFile('"just a string"', 'json')).toThrow(ImportFileError);
    expect(parseOrdersFile(JSON.stringify(jsonOrder('ONE'), null, 2), 'json').map((r) => r.order)).toEqual(['ONE']);
  });
});

function validInput(id: string) {
  const r = toOrderInput(jsonOrder(id));
  if ('ok' in r) throw new Error(r.message.en);
  return r;
}
