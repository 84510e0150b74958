// What the web console reads, on every engine: who the caller is, order lists per tenant with a
// cursor, shops and their policy in force (SPEC §9), the dispute fields of a case (burdens of
// SPEC §7 and evidence links), the demo identities, and the built console served at /.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from './domain-kit.ts';
import { PARAM_NAMES } from '../src/domain/policy.ts';
import { issueBuyerToken } from '../src/app/credentials.ts';
import { buildServer } from '../src/http/server.ts';
import type { Database } from '../src/store/db.ts';
import { httpWorld, multipart, TOKEN_SECRET as SECRET, type HttpWorld } from './http-world.ts';
import { expectContract } from './contract-shapes.ts';

const BOUNDARY = '----console-api-boundary-Qm3v';
/** A PNG signature and IHDR of a 1×1 image: enough for the content sniffing of uploads. */
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  Buffer.from('IHDR'),
  Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89]),
]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

type Row = { id: string; shop: string; buyer: string };
const ids = (rows: Row[]) => rows.map((o) => `${o.shop}/${o.id}`).sort();

export function consoleApiContract(engineName: string, open: () => Promise<Database>) {
  describe(`console API on ${engineName}`, () => {
    let world: HttpWorld;
    let app: HttpWorld['app'];
    let keys: HttpWorld['keys'];
    const schema = `console_${process.pid}_${engineName.toLowerCase()}`;
    const now = Date.now();
    const b1 = issueBuyerToken(SECRET, 'B1', now + DAY);
    const b2 = issueBuyerToken(SECRET, 'B2', now + DAY);

    // Every answer is checked against the contract (src/contract) before the test reads it.
    const call = async (method: 'GET' | 'POST' | 'PUT', url: string, auth: string | null, body?: unknown, headers: Record<string, string> = {}) => {
      const res = await app.inject({ method, url, payload: body as object, headers: { ...(auth ? { authorization: `Bearer ${auth}` } : {}), ...headers } });
      expectContract(method, url, res);
      return res;
    };
    const order = (id: string, shop: string, buyer: string) => ({
      id, shop, buyer,
      placed_at: new Date(now - 3 * DAY).toISOString(), paid_at: new Date(now - 3 * DAY).toISOString(),
      shipped_at: new Date(now - 2 * DAY).toISOString(), signed_at: new Date(now - DAY).toISOString(),
      shipping_fee: 0, free_shipping: true, shipping_insurance: 0,
      lines: [{ id: 'L1', sku: 'BAG', title: '真皮手提包', category: 'general', quantity: 1, paid_amount: 59900, flags: [] }],
    });
    /** Every order of the fixture: S1 has five of B1's and one of B2's, S2 one of each. */
    const ALL = ['S1/O1', 'S1/O2', 'S1/O3', 'S1/O4', 'S1/O5', 'S1/O6', 'S2/P1', 'S2/P2'];

    beforeAll(async () => {
      world = await httpWorld(open, schema, now);
      ({ app, keys } = world);
      const place = async (id: string, shop: 'S1' | 'S2', buyer: string) => {
        const r = await call('POST', '/v1/orders', keys[shop], order(id, shop, buyer));
        expect(r.statusCode, r.body).toBe(201);
      };
      for (const id of ['O1', 'O2', 'O3', 'O4', 'O5']) await place(id, 'S1', 'B1');
      await place('O6', 'S1', 'B2');
      await place('P1', 'S2', 'B1');
      await place('P2', 'S2', 'B2');
      // A counterfeit claim goes to the platform at once (SPEC §2), the merchant to prove (SPEC §7).
      const fake = await call('POST', '/v1/shops/S1/orders/O1/cases', b1, { id: 'FAKE', type: 'return_refund', reason: 'counterfeit', note: '防伪码查不到' });
      expect(fake.statusCode, fake.body).toBe(201);
      const damaged = await call('POST', '/v1/shops/S1/orders/O2/cases', b1, { id: 'DMG', type: 'refund_only', reason: 'damaged', evidence: [{ kind: 'photo', description: '只是声明' }] });
      expect(damaged.statusCode, damaged.body).toBe(201);
    });
    afterAll(async () => {
      await world?.close();
    });

    it('GET /v1/me tells the platform, a shop and a buyer who they are', async () => {
      expect((await call('GET', '/v1/me', keys.platform)).json()).toEqual({ kind: 'platform' });
      expect((await call('GET', '/v1/me', keys.S2)).json()).toEqual({ kind: 'shop', shop: 'S2', currency: 'CNY', time_zone: 'Asia/Shanghai' });
      expect((await call('GET', '/v1/me', b1)).json()).toEqual({ kind: 'buyer', buyer: 'B1' });
      const nobody = await call('GET', '/v1/me', null);
      expect(nobody.statusCode).toBe(401);
      expect(nobody.json().error.code).toBe('unauthenticated');
    });

    it('GET /v1/orders shows a buyer their orders, a shop its shop’s, the platform all', async () => {
      const list = async (auth: string, q = '') => {
        const r = await call('GET', `/v1/orders?limit=200${q}`, auth);
        expect(r.statusCode, r.body).toBe(200);
        return r.json().data as Row[];
      };
      expect(ids(await list(b1))).toEqual(['S1/O1', 'S1/O2', 'S1/O3', 'S1/O4', 'S1/O5', 'S2/P1']);
      expect(ids(await list(b2))).toEqual(['S1/O6', 'S2/P2']);
      expect(ids(await list(keys.S1))).toEqual(['S1/O1', 'S1/O2', 'S1/O3', 'S1/O4', 'S1/O5', 'S1/O6']);
      expect(ids(await list(keys.S2))).toEqual(['S2/P1', 'S2/P2']);
      expect(ids(await list(keys.platform))).toEqual(ALL);
      // Filters narrow within what the caller may see, never widen it.
      expect(await list(keys.S1, '&shop=S2')).toEqual([]);
      expect(await list(b2, '&buyer=B1')).toEqual([]);
      expect(ids(await list(keys.platform, '&buyer=B2'))).toEqual(['S1/O6', 'S2/P2']);
      // Each order comes with its cases.
      const o1 = (await list(b1)).find((o) => o.id === 'O1') as unknown as { cases: unknown[]; lines: unknown[] };
      expect(o1.cases).toEqual([{ id: 'FAKE', status: 'in_arbitration', type: 'return_refund' }]);
      expect(o1.lines).toEqual([expect.objectContaining({ id: 'L1', sku: 'BAG', title: '真皮手提包', paid_amount: 59900 })]);
    });

    it('pages GET /v1/orders with a cursor: each order exactly once, most recently changed first', async () => {
      const seen: Row[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const r = await call('GET', `/v1/orders?limit=3${cursor ? `&cursor=${cursor}` : ''}`, keys.platform);
        expect(r.statusCode, r.body).toBe(200);
        const page = r.json();
        expect(page.data.length).toBeLessThanOrEqual(3);
        seen.push(...page.data);
        cursor = page.next_cursor;
        pages++;
      } while (cursor && pages < 10);
      expect(pages).toBe(3); // 8 orders, 3 a page
      expect(seen.map((o) => `${o.shop}/${o.id}`)).toHaveLength(ALL.length);
      expect(ids(seen)).toEqual(ALL);
      // The whole list in one page has the same order as the pages.
      const whole = (await call('GET', '/v1/orders?limit=200', keys.platform)).json();
      expect(whole.next_cursor).toBeNull();
      expect(whole.data.map((o: Row) => `${o.shop}/${o.id}`)).toEqual(seen.map((o) => `${o.shop}/${o.id}`));
    });

    it('refuses a bad cursor or limit as validation', async () => {
      const forged = Buffer.from(JSON.stringify(['not a time', 'S1', 'O1'])).toString('base64url');
      const shortOne = Buffer.from(JSON.stringify([new Date(now).toISOString(), 'S1'])).toString('base64url');
      // Year 0 parses in JavaScript, not in the database: refused, not a 500.
      const yearZero = Buffer.from(JSON.stringify(['0000-01-01T00:00:00Z', 'S1', 'O1'])).toString('base64url');
      for (const q of ['cursor=not-a-cursor', `cursor=${forged}`, `cursor=${shortOne}`, `cursor=${yearZero}`, 'limit=0', 'limit=201', 'status=lost', 'colour=red']) {
        const r = await call('GET', `/v1/orders?${q}`, keys.S1);
        expect(r.statusCode, q).toBe(400);
        expect(r.json().error.code, q).toBe('validation');
      }
    });

    it('GET an order: its lines, lifecycle instants and cases', async () => {
      const r = await call('GET', '/v1/shops/S1/orders/O2', b1);
      expect(r.statusCode).toBe(200);
      const o = r.json();
      expect(o).toMatchObject({ id: 'O2', shop: 'S1', buyer: 'B1', shipping_fee: 0, cases: [{ id: 'DMG', status: 'requested', type: 'refund_only' }] });
      expect(o.lines).toEqual([{ id: 'L1', sku: 'BAG', title: '真皮手提包', category: 'general', quantity: 1, paid_amount: 59900, flags: [] }]);
      for (const k of ['placed_at', 'paid_at', 'shipped_at', 'signed_at']) expect(o[k], k).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+08:00$/);
      expect((await call('GET', '/v1/shops/S1/orders/O3', b1)).json().cases).toEqual([]);
    });

    it('GET /v1/shops: the platform sees every shop, a shop itself, a buyer none', async () => {
      expect((await call('GET', '/v1/shops', keys.platform)).json().data.map((s: { id: string }) => s.id)).toEqual(['S1', 'S2']);
      expect((await call('GET', '/v1/shops', keys.S2)).json().data).toEqual([{ id: 'S2', category: 'general', pack: 'tmall', currency: 'CNY', overrides: {}, return_address: null, name: null }]);
      const buyer = await call('GET', '/v1/shops', b1);
      expect(buyer.statusCode).toBe(403);
      expect(buyer.json().error.code).toBe('forbidden');
    });

    it('GET /v1/shops/:shop/policy: every parameter with its source, and an override in force', async () => {
      const before = (await call('GET', '/v1/shops/S1/policy', keys.S1)).json();
      expect(before).toMatchObject({ shop: 'S1', pack: 'taobao', overrides: {} });
      expect(before.parameters.map((p: { name: string }) => p.name)).toEqual(PARAM_NAMES);
      const days = before.parameters.find((p: { name: string }) => p.name === 'no_reason_days');
      expect(days).toMatchObject({ value: days.pack_value, overridden: false });
      expect(before.parameters.filter((p: { source: unknown }) => typeof p.source === 'string' && p.source.length > 0).length).toBeGreaterThan(0);

      expect((await call('PUT', '/v1/shops/S1/policy', keys.S1, { pack: 'taobao', overrides: { no_reason_days: 15 } })).statusCode).toBe(200);
      const after = (await call('GET', '/v1/shops/S1/policy', keys.platform)).json();
      expect(after.overrides).toEqual({ no_reason_days: 15 });
      expect(after.parameters.find((p: { name: string }) => p.name === 'no_reason_days')).toEqual({ ...days, value: '15', overridden: true });
      expect(after.parameters.filter((p: { overridden: boolean }) => p.overridden).map((p: { name: string }) => p.name)).toEqual(['no_reason_days']);

      for (const [auth, url] of [[keys.S1, '/v1/shops/S2/policy'], [keys.S2, '/v1/shops/S1/policy'], [b1, '/v1/shops/S1/policy'], [keys.platform, '/v1/shops/NOPE/policy']] as const) {
        const r = await call('GET', url, auth);
        expect(r.statusCode, url).toBe(404);
        expect(r.json().error.code).toBe('not_found');
      }
    });

    it('case detail: a counterfeit claim in arbitration has the merchant to prove, met once an invoice is given', async () => {
      const before = (await call('GET', '/v1/cases/FAKE', keys.platform)).json();
      expect(before).toMatchObject({ status: 'in_arbitration', escalated: true, reason: 'counterfeit', note: '防伪码查不到', offer: null, ruling: null });
      expect(before.applied_at).toMatch(/\+08:00$/);
      expect(before.lines).toEqual([{ line: 'L1', sku: 'BAG', title: '真皮手提包', quantity: 1, share: 59900 }]);
      expect(before.burdens).toEqual([expect.objectContaining({ party: 'merchant', situation: 'counterfeit', mode: 'any', met: false })]);
      expect(before.burdens[0].kinds).toContain('invoice');
      expect(before.evidence_requests).toEqual([expect.objectContaining({ party: 'merchant', kinds: before.burdens[0].kinds, open: true })]);

      // A buyer's photo is not what the merchant must show.
      expect((await call('POST', '/v1/cases/FAKE/submit_evidence', b1, { evidence: [{ kind: 'photo' }] })).statusCode).toBe(200);
      expect((await call('GET', '/v1/cases/FAKE', keys.platform)).json().burdens[0].met).toBe(false);
      const given = await call('POST', '/v1/cases/FAKE/submit_evidence', keys.S1, { evidence: [{ kind: 'invoice', description: '进货发票' }] });
      expect(given.statusCode, given.body).toBe(200);
      expect(given.json().burdens).toEqual([expect.objectContaining({ party: 'merchant', situation: 'counterfeit', met: true })]);
    });

    it('case detail: an uploaded file has its link and type, a declared item none', async () => {
      const r = await app.inject({
        method: 'POST',
        url: '/v1/cases/DMG/evidence',
        payload: multipart([{ name: 'kind', value: 'photo' }, { name: 'file', filename: 'box.png', type: 'image/png', content: PNG }], BOUNDARY),
        headers: { authorization: `Bearer ${b1}`, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      });
      expect(r.statusCode, r.body).toBe(201);
      const evidence = (await call('GET', '/v1/cases/DMG', keys.S1)).json().evidence;
      expect(evidence).toEqual([
        expect.objectContaining({ kind: 'photo', description: '只是声明', sha256: null, url: null, content_type: null, party: 'buyer' }),
        expect.objectContaining({ kind: 'photo', sha256: sha(PNG), url: `/v1/cases/DMG/evidence/${sha(PNG)}`, content_type: 'image/png', party: 'buyer' }),
      ]);
      const file = await call('GET', evidence[1].url, keys.S1);
      expect(file.statusCode).toBe(200);
      expect(file.rawPayload.equals(PNG)).toBe(true);
    });

    it('GET /demo/identities only when the server is given them', async () => {
      const off = await call('GET', '/demo/identities', null);
      expect(off.statusCode).toBe(404);
      expect(off.headers['content-type']).toMatch(/^application\/json/);
      expect(off.json().error.code).toBe('not_found');
      const identities = [{ role: 'shop' as const, id: 'S1', name: '一号店', pack: 'taobao', token: keys.S1 }];
      const demo = await buildServer({ engine: world.engine, tokenSecret: SECRET, console: { demoIdentities: () => identities } });
      try {
        const on = await demo.inject({ method: 'GET', url: '/demo/identities' });
        expect(on.statusCode).toBe(200);
        expect(on.json()).toEqual({ data: identities });
      } finally {
        await demo.close();
      }
    });

    it('serves the built console at /, its assets, and index.html for its pages; the API stays JSON', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'aftersale-console-'));
      mkdirSync(join(dir, 'assets'));
      const html = '<!doctype html><html><body><div id="root">售后中心</div></body></html>';
      writeFileSync(join(dir, 'index.html'), html);
      writeFileSync(join(dir, 'assets', 'app.js'), 'console.log("console");');
      const built = await buildServer({ engine: world.engine, tokenSecret: SECRET, console: { dir } });
      try {
        // As a browser asks (with the console's key, as the console sends it to the API).
        const get = (url: string, accept = 'text/html,application/xhtml+xml,*/*;q=0.8') =>
          built.inject({ method: 'GET', url, headers: { accept, authorization: `Bearer ${keys.S1}` } });
        const root = await get('/');
        expect(root.statusCode).toBe(200);
        expect(root.headers['content-type']).toMatch(/^text\/html/);
        expect(root.body).toBe(html);
        const js = await get('/assets/app.js', '*/*');
        expect(js.statusCode).toBe(200);
        expect(js.headers['content-type']).toMatch(/javascript/);
        expect(js.body).toBe('console.log("console");');
        const page = await get('/workbench');
        expect(page.statusCode).toBe(200);
        expect(page.body).toBe(html);
        // Not a page: the API, a missing asset, a client that does not ask for HTML.
        for (const [url, accept] of [['/v1/nope', undefined], ['/assets/missing.js', '*/*'], ['/workbench', 'application/json']] as const) {
          const r = await get(url, accept);
          expect(r.statusCode, url).toBe(404);
          expect(r.headers['content-type'], url).toMatch(/^application\/json/);
          expect(r.json().error.code, url).toBe('not_found');
        }
      } finally {
        await built.close();
      }
      // No console built: the directory has no index.html, so / is the API's 404.
      const empty = await buildServer({ engine: world.engine, tokenSecret: SECRET, console: { dir: mkdtempSync(join(tmpdir(), 'aftersale-unbuilt-')) } });
      try {
        const r = await empty.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
        expect(r.statusCode).toBe(404);
        expect(r.json().error.code).toBe('not_found');
      } finally {
        await empty.close();
      }
      const bare = await call('GET', '/', null, undefined, { accept: 'text/html' });
      expect(bare.statusCode).toBe(404);
      expect(bare.json().error.code).toBe('not_found');
    });
  });
}
