// `aftersale import orders FILE` on a PGlite data directory: unknown shops fail row by row (exit 1),
// the same file imports once the shop exists (exit 0); bad usage and unreadable files exit 2.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../src/app/clock.ts';
import { createEngine } from '../src/app/engine.ts';
import { builtinPacks } from '../src/app/packs.ts';
import { simulatedProvider } from '../src/app/payments.ts';
import { importCommand } from '../src/cli/import-command.ts';
import { main } from '../src/cli/main.ts';
import { openConfigured } from '../src/cli/ops-commands.ts';
import { withEnv } from './env-kit.ts';

const dir = mkdtempSync(join(tmpdir(), 'aftersale-import-'));
const DAY = 86_400_000;
const NOW = Date.now();
const at = (daysAgo: number) => new Date(NOW - daysAgo * DAY).toISOString();
const HEADER =
  'order_id,shop,buyer,placed_at,paid_at,ship_by,shipped_at,carrier,tracking,signed_at,signed_on,completed_at,shipping_fee,free_shipping,shipping_insurance,line_id,sku,title,category,quantity,paid_amount,flags,warranty_days';
const row = (order: string, line: string, title: string) =>
  [order, 'IMP1', 'B1', at(5), at(5), '', at(4), 'SF', `SF${order}`, at(3), '', '', '0', '1', '0', line, `SKU-${line}`, title, 'apparel', '1', '9900', '', '365'].join(',');
const csvFile = join(dir, 'orders.csv');

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { log: (l) => out.push(l), error: (l) => err.push(l) });
  return { code, out, err };
}

describe('aftersale import orders (PGlite data directory)', () => {
  withEnv({ AFTERSALE_DATA_DIR: join(dir, 'data'), DATABASE_URL: undefined });
  beforeAll(() => {
    writeFileSync(csvFile, [HEADER, row('O1', 'L1', 'Tee'), row('O1', 'L2', '"Socks, 3 pairs"'), row('O2', 'L1', 'Cap')].join('\n') + '\n');
  });

  it('fails each order of a shop that does not exist with not_found, exit 1', async () => {
    const r = await cli('import', 'orders', csvFile);
    expect(r.code).toBe(1);
    expect(r.out).toEqual(['imported 0 orders, 2 failed', 'row 2 (order O1): not_found: no shop IMP1', 'row 4 (order O2): not_found: no shop IMP1']);
  });

  it('imports the file once the shop is registered, exit 0; again, the orders exist already', async () => {
    const db = await openConfigured([]);
    try {
      const engine = createEngine({ db, packs: builtinPacks(), clock: systemClock, payments: simulatedProvider(db) });
      expect(await engine.upsertShop({ id: 'IMP1', pack: 'taobao', category: 'apparel' })).toEqual({ ok: true });
    } finally {
      await db.close();
    }
    const r = await cli('import', 'orders', csvFile);
    expect(r.err).toEqual([]);
    expect(r.out).toEqual(['imported 2 orders, 0 failed']);
    expect(r.code).toBe(0);

    const again = await cli('import', 'orders', csvFile, '--as', 'IMP1');
    expect(again.code).toBe(1);
    expect(again.out[0]).toBe('imported 0 orders, 2 failed');
    expect(again.out[1]).toMatch(/^row 2 \(order O1\): invalid_state: order O1 already exists$/);

    const db2 = await openConfigured([]);
    try {
      const engine = createEngine({ db: db2, packs: builtinPacks(), clock: systemClock, payments: simulatedProvider(db2) });
      const o1 = await engine.getOrder('IMP1', 'O1');
      expect(o1?.lines.map((l) => l.title)).toEqual(['Tee', 'Socks, 3 pairs']);
    } finally {
      await db2.close();
    }
  });

  it('imports NDJSON as another shop only what it may (forbidden rows listed)', async () => {
    const file = join(dir, 'orders.ndjson');
    const order = (id: string, shop: string) =>
      JSON.stringify({ id, shop, buyer: 'B1', placed_at: at(2), paid_at: at(2), lines: [{ id: 'L1', sku: 'MUG', quantity: 1, paid_amount: 3900 }] });
    writeFileSync(file, `${order('N1', 'IMP1')}\n${order('N2', 'OTHER')}\n`);
    const r = await cli('import', 'orders', file, '--as', 'IMP1');
    expect(r.code).toBe(1);
    expect(r.out[0]).toBe('imported 1 orders, 1 failed');
    expect(r.out[1]).toMatch(/^row 2 \(order N2\): forbidden: /);
  });

  it('draws a progress bar on stderr when it is a terminal', async () => {
    const drawn: string[] = [];
    const out: string[] = [];
    const code = await importCommand(['orders', csvFile], { log: (l) => out.push(l), error: (l) => out.push(l) }, { isTTY: true, write: (s) => drawn.push(s) });
    expect(code).toBe(1); // imported before: both orders exist
    expect(drawn[0]).toBe(`\r[${' '.repeat(30)}] 0/2`);
    expect(drawn.slice(-2)).toEqual([`\r[${'#'.repeat(30)}] 2/2`, '\n']);
    expect(out[0]).toBe('imported 0 orders, 2 failed');
  });

  it.each([
    ['no file', ['import', 'orders']],
    ['an unknown kind', ['import', 'cases', csvFile]],
    ['an unknown format', ['import', 'orders', csvFile, '--format', 'xml']],
    ['an unknown option', ['import', 'orders', csvFile, '--dry-run']],
    ['a file that is not there', ['import', 'orders', join(dir, 'missing.csv')]],
    ['an extension that says nothing', ['import', 'orders', join(dir, 'orders.txt')]],
  ])('exits 2 for %s', async (_what, args) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err).toHaveLength(1);
  });

  it('exits 2 for a CSV whose header it does not know', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'order,shop\nO1,IMP1\n');
    const r = await cli('import', 'orders', file);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/bad\.csv: unknown column\(s\) "order"/);
  });
});
