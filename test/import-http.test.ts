// POST /v1/orders/import: CSV and JSON bodies, authorised like POST /v1/orders (a shop key imports
// its own shop's orders, other shops' rows fail `forbidden` one by one; a buyer is refused).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../src/app/engine.ts';
import { issueBuyerToken } from '../src/app/credentials.ts';
import { buildServer } from '../src/http/server.ts';
import { openPglite, openPostgres, type Database } from '../src/store/db.ts';
import { HAVE_PG, PG_URL } from './postgres.ts';
import { httpWorld, TOKEN_SECRET as SECRET, type HttpWorld } from './http-world.ts';
import { expectContract } from './contract-shapes.ts';

const DAY = 86_400_000;
const HEADER =
  'order_id,shop,buyer,placed_at,paid_at,ship_by,shipped_at,carrier,tracking,signed_at,signed_on,completed_at,shipping_fee,free_shipping,shipping_insurance,line_id,sku,title,category,quantity,paid_amount,flags,warranty_days';

const engines: [string, () => Promise<Database>][] = [['PGlite', () => openPglite()]];
if (HAVE_PG) engines.push(['PostgreSQL', () => openPostgres(PG_URL)]);

describe.each(engines)('POST /v1/orders/import on %s', (name, open) => {
  let engine: Engine;
  let app: Awaited<ReturnType<typeof buildServer>>;
  const keys: Record<string, string> = {};
  const now = Date.now();
  const at = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString();
  const buyer = issueBuyerToken(SECRET, 'B1', now + DAY);
  const row = (order: string, shop: string, line: string, title = 'Tee') =>
    [order, shop, 'B1', at(3), at(3), '', at(2), 'SF', 'SF1', at(1), '', '', '0', 'true', '0', line, 'TEE', title, 'apparel', '1', '19900', '', ''].join(',');

  let world: HttpWorld;
  beforeAll(async () => {
    world = await httpWorld(open, `import_http_${process.pid}_${name.toLowerCase()}`, now);
    ({ engine, app } = world);
    Object.assign(keys, world.keys);
  });
  afterAll(async () => {
    await world?.close();
  });

  const post = async (auth: string, payload: string, contentType: string, headers: Record<string, string> = {}) => {
    const res = await app.inject({ method: 'POST', url: '/v1/orders/import', payload, headers: { authorization: `Bearer ${auth}`, 'content-type': contentType, ...headers } });
    expectContract('POST', '/v1/orders/import', res);
    return res;
  };

  const call = async (method: 'GET', url: string, auth: string) => {
    const res = await app.inject({ method, url, headers: { authorization: `Bearer ${auth}` } });
    expectContract(method, url, res);
    return res;
  };

  it('a shop key places its own rows; another shop’s rows fail forbidden, each with its row', async () => {
    const csv = [HEADER, row('O1', 'S1', 'L1'), row('O2', 'S2', 'L1'), row('O1', 'S1', 'L2', '"Socks, blue"'), row('O3', 'S1', 'L1')].join('\r\n');
    const r = await post(keys.S1!, csv, 'text/csv; charset=utf-8', { 'accept-language': 'en' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ placed: 2, failed: [{ row: 3, order: 'O2', code: 'forbidden', message: expect.stringContaining('own shop') }] });
    expect((await call('GET', '/v1/shops/S1/orders/O1', keys.S1!)).statusCode).toBe(200);
    expect((await engine.getOrder('S1', 'O1'))!.lines.map((l) => l.title)).toEqual(['Tee', 'Socks, blue']);
    expect(await engine.getOrder('S2', 'O2')).toBeNull();
  });

  it('the platform imports a JSON array of any shop’s orders; existing ones fail invalid_state', async () => {
    const order = (id: string, shop: string) => ({ id, shop, buyer: 'B1', placed_at: at(3), paid_at: at(3), lines: [{ id: 'L1', sku: 'MUG', quantity: 1, paid_amount: 3900 }] });
    const r = await post(keys.platform!, JSON.stringify([order('J1', 'S1'), order('J2', 'S2'), order('O1', 'S1'), { id: 'J3' }]), 'application/json');
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.placed).toBe(2);
    expect(body.failed.map((f: { row: number; code: string }) => [f.row, f.code])).toEqual([
      [3, 'invalid_state'],
      [4, 'validation'],
    ]);
    expect(body.failed[0].message).toBe('订单 O1 已存在'); // zh-CN unless the caller asks for English
  });

  it('refuses a buyer token with 403 forbidden, and a body it cannot read with 400 validation', async () => {
    const b = await post(buyer, [HEADER, row('O9', 'S1', 'L1')].join('\n'), 'text/csv');
    expect(b.statusCode).toBe(403);
    expect(b.json().error.code).toBe('forbidden');
    expect(await engine.getOrder('S1', 'O9')).toBeNull();
    const header = await post(keys.S1!, 'order,shop\nO1,S1\n', 'text/csv');
    expect(header.statusCode).toBe(400);
    expect(header.json().error.code).toBe('validation');
    const notArray = await post(keys.S1!, JSON.stringify({ id: 'O1' }), 'application/json');
    expect(notArray.statusCode).toBe(400);
    expect(notArray.json().error.code).toBe('validation');
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toContain('/v1/orders/import');
  });
});
