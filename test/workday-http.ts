// Issue 16, the merchant's day, on every engine: the queue searched by buyer, product title, SKU
// and order id (tenancy kept), nearest deadline first, exported as CSV and XLSX holding exactly the
// filtered list, a case answered 304 while unchanged (ETag), and a shop's preset reasons (another
// shop's key refused with SPEC §11 not_found) — every answer checked against the contract.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueBuyerToken } from '../src/app/credentials.ts';
import type { Database } from '../src/store/db.ts';
import { expectContract } from './contract-shapes.ts';
import { DAY } from './domain-kit.ts';
import { httpWorld, TOKEN_SECRET as SECRET, type HttpWorld } from './http-world.ts';

type Row = { id: string; buyer: string; deadline: { due: string } | null; products: { sku: string; title: string | null }[] };

export function workdayHttp(engineName: string, open: () => Promise<Database>) {
  describe(`the merchant's day (queue search, export, ETag, reason presets) on ${engineName}`, () => {
    let world: HttpWorld;
    const schema = `workday_http_${process.pid}_${engineName.toLowerCase()}`;
    const now = Date.now();
    const token = (b: string) => issueBuyerToken(SECRET, b, now + DAY);
    beforeAll(async () => {
      world = await httpWorld(open, schema, now);
      // Three buyers, three products; W3 is S2's (the S1 key must never find it).
      const orders = [
        { id: 'W1', shop: 'S1', buyer: 'zhang-san', sku: 'COAT-L', title: '羊毛大衣 L' },
        { id: 'W2', shop: 'S1', buyer: 'li-si', sku: 'TEE-M', title: '纯棉T恤 M' },
        { id: 'W3', shop: 'S2', buyer: 'zhang-san', sku: 'COAT-S', title: '羊毛大衣 S' },
        { id: 'W4', shop: 'S1', buyer: 'tb_5501', sku: 'SCARF', title: '真丝围巾' },
      ];
      for (const o of orders) {
        const body = {
          id: o.id, shop: o.shop, buyer: o.buyer,
          placed_at: new Date(now - 3 * DAY).toISOString(), paid_at: new Date(now - 3 * DAY).toISOString(),
          shipped_at: new Date(now - 2 * DAY).toISOString(), signed_at: new Date(now - DAY).toISOString(),
          shipping_fee: 0, free_shipping: true, shipping_insurance: 0,
          lines: [{ id: 'L1', sku: o.sku, title: o.title, category: 'apparel', quantity: 1, paid_amount: 19900, flags: [] }],
        };
        expect((await call('POST', '/v1/orders', o.shop === 'S1' ? world.keys.S1 : world.keys.S2, body)).status).toBe(201);
        const applied = await call('POST', `/v1/shops/${o.shop}/orders/${o.id}/cases`, token(o.buyer), {
          id: `${o.id}-C1`, type: 'return_refund', reason: 'quality_issue', evidence: [{ kind: 'photo', description: '开线' }],
        });
        expect(applied.status).toBe(201);
      }
    });
    afterAll(async () => {
      await world?.close();
    });

    async function call(method: 'GET' | 'POST' | 'PUT', url: string, auth: string, body?: unknown, headers: Record<string, string> = {}) {
      const res = await world.app.inject({ method, url, payload: body as object, headers: { authorization: `Bearer ${auth}`, ...headers } });
      expectContract(method, url, res);
      const json = /json/.test(String(res.headers['content-type'])) ? res.json() : null;
      return { status: res.statusCode, json, raw: res.rawPayload, headers: res.headers };
    }
    const ids = async (q: string, key = world.keys.S1) => ((await call('GET', `/v1/cases?q=${encodeURIComponent(q)}`, key)).json.data as Row[]).map((r) => r.id).sort();

    it('searches the queue by buyer, product title, SKU and order id, within the caller\'s shop', async () => {
      expect(await ids('zhang')).toEqual(['W1-C1']);
      expect(await ids('zhang', world.keys.platform)).toEqual(['W1-C1', 'W3-C1']);
      expect(await ids('羊毛大衣')).toEqual(['W1-C1']);
      expect(await ids('tee-m')).toEqual(['W2-C1']);
      expect(await ids('W4')).toEqual(['W4-C1']);
      expect(await ids('no-such-thing')).toEqual([]);
      // LIKE's own characters are themselves: an underscore in a buyer id, a bare % or _ matches nothing else.
      expect(await ids('tb_5501')).toEqual(['W4-C1']);
      expect(await ids('tb5501')).toEqual([]);
      expect(await ids('%')).toEqual([]);
      expect(await ids('_')).toEqual(['W4-C1']);
      // A row carries its products (the queue's product column).
      const row = ((await call('GET', '/v1/cases?q=W2', world.keys.S1)).json.data as Row[])[0]!;
      expect(row.products).toEqual([{ sku: 'TEE-M', title: '纯棉T恤 M' }]);
    });

    it('lists the nearest deadline first', async () => {
      const rows = (await call('GET', '/v1/cases?sort=deadline', world.keys.S1)).json.data as Row[];
      const dues = rows.map((r) => Date.parse(r.deadline!.due));
      expect(rows).toHaveLength(3);
      expect(dues).toEqual([...dues].sort((a, b) => a - b));
    });

    it('exports exactly the filtered list as CSV and as XLSX', async () => {
      const listed = ((await call('GET', '/v1/cases?sort=deadline&q=%E7%BE%8A%E6%AF%9B', world.keys.platform)).json.data as Row[]).map((r) => r.id);
      expect(listed).toHaveLength(2);
      const csv = await call('GET', '/v1/cases/export.csv?sort=deadline&q=%E7%BE%8A%E6%AF%9B', world.keys.platform);
      expect(csv.status).toBe(200);
      expect(String(csv.headers['content-disposition'])).toMatch(/^attachment; filename="cases\.csv"$/);
      const lines = csv.raw.toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
      expect(lines[0]).toMatch(/^售后单,订单,店铺,买家,商品,SKU/);
      expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(listed);
      expect(lines[1]).toContain('羊毛大衣');

      const xlsx = await call('GET', '/v1/cases/export.xlsx?sort=deadline&q=%E7%BE%8A%E6%AF%9B', world.keys.platform, undefined, { 'accept-language': 'en' });
      expect(xlsx.status).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.raw as unknown as ArrayBuffer);
      const sheet = book.getWorksheet('cases')!;
      expect(sheet.getRow(1).getCell(1).value).toBe('case');
      const exported = [];
      for (let i = 2; i <= sheet.rowCount; i++) exported.push(sheet.getRow(i).getCell(1).value);
      expect(exported).toEqual(listed);
      expect(sheet.getRow(2).getCell(11).value).toBe('CNY');
      expect(sheet.getRow(2).getCell(12).value).toBe(199);
      // SPEC §13: the totals sheet, one row per currency (these shops all trade in CNY).
      const totals = book.getWorksheet('totals')!;
      expect(totals.getRow(2).values).toEqual([undefined, 'CNY', 2, 199 + Number(sheet.getRow(3).getCell(12).value), expect.any(Number)]);
      expect(totals.rowCount).toBe(2);
      // The shop's key exports its own shop only, whatever it asks for.
      const own = await call('GET', '/v1/cases/export.csv?q=%E7%BE%8A%E6%AF%9B&shop=S2', world.keys.S1);
      expect(own.raw.toString('utf8').trim().split('\r\n')).toHaveLength(1);
      expect((await call('GET', '/v1/cases/export.csv?status=nonsense', world.keys.S1)).status).toBe(400);
    });

    it('answers 304 while a case is unchanged and the new state once it changes', async () => {
      const first = await call('GET', '/v1/cases/W1-C1', world.keys.S1);
      const tag = String(first.headers.etag);
      expect(tag).toMatch(/^"\d+-[\w-]+"$/);
      expect((await call('GET', '/v1/cases/W1-C1', world.keys.S1, undefined, { 'if-none-match': tag })).status).toBe(304);
      // Another role's answer (other actions) is another tag.
      expect((await call('GET', '/v1/cases/W1-C1', token('zhang-san'), undefined, { 'if-none-match': tag })).status).toBe(200);
      expect((await call('POST', '/v1/cases/W1-C1/agree', world.keys.S1, { return_address: '杭州' })).status).toBe(200);
      const after = await call('GET', '/v1/cases/W1-C1', world.keys.S1, undefined, { 'if-none-match': tag });
      expect(after.status).toBe(200);
      expect(after.json.status).toBe('awaiting_return');
      expect(after.headers.etag).not.toBe(tag);
    });

    it('keeps preset reasons per shop: defaults, saved, another shop refused', async () => {
      const defaults = await call('GET', '/v1/shops/S1/reason-presets', world.keys.S1);
      expect(defaults.status).toBe(200);
      expect(defaults.json.defaults).toBe(true);
      expect(defaults.json.presets.reject.length).toBeGreaterThan(0);
      const saved = await call('PUT', '/v1/shops/S1/reason-presets', world.keys.S1, { reject: [' 已发货 ', '已发货', '', '质量无问题'] });
      expect(saved.json).toEqual({ shop: 'S1', defaults: false, presets: { reject: ['已发货', '质量无问题'], refuse_return: defaults.json.presets.refuse_return } });
      expect((await call('GET', '/v1/shops/S1/reason-presets', world.keys.platform)).json.presets.reject).toEqual(['已发货', '质量无问题']);
      for (const key of [world.keys.S2, token('zhang-san')]) {
        const other = await call('GET', '/v1/shops/S1/reason-presets', key);
        expect(other.status).toBe(404);
        expect(other.json.error.code).toBe('not_found');
        expect((await call('PUT', '/v1/shops/S1/reason-presets', key, { reject: ['x'] })).json.error.code).toBe('not_found');
      }
      const tooLong = await call('PUT', '/v1/shops/S1/reason-presets', world.keys.S1, { reject: ['x'.repeat(201)] });
      expect(tooLong.status).toBe(400);
      expect(tooLong.json.error.code).toBe('validation');
      expect((await call('GET', '/v1/shops/S1/reason-presets', world.keys.S1)).json.presets.reject).toEqual(['已发货', '质量无问题']);
    });

    it('puts the merchant\'s latest refusal and its reason on the case', async () => {
      expect((await call('GET', '/v1/cases/W2-C1', token('li-si'))).json.latest_refusal).toBeNull();
      expect((await call('POST', '/v1/cases/W2-C1/reject', world.keys.S1, { reason: '质量无问题', evidence: [{ kind: 'photo' }] })).status).toBe(200);
      const seen = (await call('GET', '/v1/cases/W2-C1', token('li-si'))).json;
      expect(seen.latest_refusal).toMatchObject({ kind: 'reject', reason: '质量无问题' });
    });
  });
}
