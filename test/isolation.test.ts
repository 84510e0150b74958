// Tenant isolation (OWASP API1): every endpoint that touches shop S1's order, case or evidence is
// called with every wrong principal and must answer an error, never data. A known caller of
// another tenant (another shop's key, another buyer's token) gets 403 forbidden or 404 not_found;
// no valid credential at all (none, a malformed header, an unknown, revoked, tampered or expired
// one) gets 401 unauthenticated everywhere (docs/decisions.md). A known caller without the right
// (a read-only key writing, a shop minting keys) gets 403 forbidden.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../src/app/clock.ts';
import { createEngine } from '../src/app/engine.ts';
import { builtinPacks } from '../src/app/packs.ts';
import { simulatedProvider } from '../src/app/payments.ts';
import { CASE_COMMAND_NAMES } from '../src/app/schemas.ts';
import { createApiKey, issueBuyerToken, revokeApiKey } from '../src/app/credentials.ts';
import { buildServer } from '../src/http/server.ts';
import type { Database } from '../src/store/db.ts';
import { testEngines } from './postgres.ts';
import { migrate } from '../src/store/migrations.ts';

const SECRET = 'isolation';
const DAY = 86_400_000;

// Issue 19: on both engines (PostgreSQL when reachable).
describe.each(testEngines())('tenant isolation on every endpoint (%s)', (_name, open) => {
  let db: Database;
  let app: Awaited<ReturnType<typeof buildServer>>;
  const wrong: Record<string, string | null> = {};
  /** Authorization headers that carry no valid credential: the whole header, or none. */
  const invalid: Record<string, string | null> = {};
  let s1 = '';
  let s1Reader = '';
  const sha = 'a'.repeat(64);

  beforeAll(async () => {
    db = await open('isolation');
    await migrate(db);
    const engine = createEngine({ db, packs: builtinPacks(), clock: systemClock, payments: simulatedProvider(db) });
    await engine.upsertShop({ id: 'S1', pack: 'taobao' });
    await engine.upsertShop({ id: 'S2', pack: 'taobao' });
    s1 = await createApiKey(db, 'S1', '', Date.now());
    wrong['shop S2'] = await createApiKey(db, 'S2', '', Date.now());
    const revoked = await createApiKey(db, 'S1', 'old', Date.now());
    await revokeApiKey(db, 'S1', revoked.split('_')[1]!, Date.now());
    s1Reader = await createApiKey(db, 'S1', 'dashboard', Date.now(), ['read']);
    wrong['buyer B2'] = issueBuyerToken(SECRET, 'B2', Date.now() + DAY);
    invalid['revoked S1 key'] = `Bearer ${revoked}`;
    invalid['expired B1 token'] = `Bearer ${issueBuyerToken(SECRET, 'B1', Date.now() - 1)}`;
    invalid['forged token'] = `Bearer ${issueBuyerToken('not-the-secret', 'B1', Date.now() + DAY)}`;
    // A valid B2 token whose body now names B1, signature kept.
    const [body, mac] = issueBuyerToken(SECRET, 'B2', Date.now() + DAY).slice(3).split('.');
    const tampered = JSON.parse(Buffer.from(body!, 'base64url').toString('utf8'));
    invalid['tampered B2 token'] = `Bearer bt_${Buffer.from(JSON.stringify({ ...tampered, b: 'B1' })).toString('base64url')}.${mac}`;
    invalid['unknown key'] = 'Bearer sk_000000000000_nope';
    invalid['Bearer with garbage'] = 'Bearer %%% not a key %%%';
    invalid['Bearer alone'] = 'Bearer';
    invalid['Basic scheme'] = `Basic ${Buffer.from('S1:secret').toString('base64')}`;
    invalid['nobody'] = null;
    const now = Date.now();
    await engine.placeOrder(
      {
        id: 'O1', shop: 'S1', buyer: 'B1', placed_at: now - 3 * DAY, paid_at: now - 3 * DAY, shipped_at: now - 2 * DAY, signed_at: now - DAY,
        shipping_fee: 0, free_shipping: true, shipping_insurance: 0,
        lines: [{ id: 'L1', sku: 'S', category: 'apparel', quantity: 1, paid_amount: 9900, flags: [] }],
      },
      { role: 'platform' },
    );
    await engine.caseCommand({ kind: 'apply', caseId: 'C1', args: { type: 'return_refund', reason: 'quality_issue', evidence: [{ kind: 'photo' }] } }, { role: 'buyer', id: 'B1' }, { shopId: 'S1', orderId: 'O1' });
    app = await buildServer({ engine, tokenSecret: SECRET });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const endpoints: [string, string, unknown?][] = [
    ['GET', '/v1/shops/S1/orders/O1'],
    ['GET', '/v1/shops/S1/orders/O1/eligibility'],
    ['POST', '/v1/shops/S1/orders/O1/events/ship', { carrier: 'SF', tracking: 'X' }],
    ['POST', '/v1/shops/S1/orders/O1/events/complete', {}],
    ['POST', '/v1/shops/S1/orders/O1/cases', { type: 'refund_only', reason: 'damaged', evidence: [{ kind: 'photo' }] }],
    ['GET', '/v1/cases/C1'],
    ...CASE_COMMAND_NAMES.filter((c) => c !== 'apply').map((c): [string, string, unknown] => [
      'POST',
      `/v1/cases/C1/${c}`,
      // Valid bodies: the request must fail on who is asking, not on its shape.
      ({
        reject: { reason: 'x' },
        refuse_return: { reason: 'x' },
        submit_evidence: { evidence: [{ kind: 'photo' }] },
        rule: { outcome: 'buyer', note: 'x' },
        escalate: { reason: 'x' },
        offer: { type: 'refund_only', amount: 100 },
        ship_return: { carrier: 'SF', tracking: 'X' },
        correct_tracking: { carrier: 'SF', tracking: 'X' },
        reship: { carrier: 'SF', tracking: 'X' },
        request_evidence: { party: 'buyer', kinds: ['photo'] },
      } as Record<string, unknown>)[c] ?? {},
    ]),
    ['GET', '/v1/cases/C1/evidence'],
    ['GET', `/v1/cases/C1/evidence/${sha}`],
    ['PUT', '/v1/shops/S1/policy', { pack: 'taobao' }],
    ['GET', '/v1/shops/S1/policy'],
    ['POST', '/v1/webhook-endpoints', { shop: 'S1', id: 'x', url: 'http://127.0.0.1:9/', secret: 'whsec_0123456789abcdef' }],
    ['DELETE', '/v1/api-keys/S1/abc'],
    ['POST', '/v1/api-keys', { shop: 'S1' }],
    ['POST', '/v1/buyer-tokens', { buyer: 'B1' }],
    ['POST', '/v1/sandbox/shops', { id: 'S1', pack: 'taobao' }],
    ['PUT', '/v1/shops/S1/return-address', { return_address: '杭州市余杭区 售后仓' }],
  ];

  const WRONG = ['shop S2', 'buyer B2'];
  const INVALID = ['revoked S1 key', 'expired B1 token', 'forged token', 'tampered B2 token', 'unknown key', 'Bearer with garbage', 'Bearer alone', 'Basic scheme', 'nobody'];
  it.each(WRONG)('%s gets forbidden or not_found everywhere, never data', async (who) => {
    expect(who in wrong).toBe(true);
    const auth = wrong[who];
    for (const [method, url, body] of endpoints) {
      const r = await app.inject({
        method: method as 'GET',
        url,
        payload: body as object,
        headers: auth ? { authorization: `Bearer ${auth}` } : {},
      });
      const json = r.json();
      expect([403, 404], `${who} ${method} ${url}: ${r.statusCode} ${r.body}`).toContain(r.statusCode);
      expect(['forbidden', 'not_found'], `${who} ${method} ${url}`).toContain(json.error?.code);
      expect(JSON.stringify(json), `${who} ${method} ${url} leaked data`).not.toMatch(/"status"|"buyer"|"paid_amount"|B1|quality_issue/);
    }
  });

  it.each(INVALID)('%s gets 401 unauthenticated everywhere, never data', async (who) => {
    expect(who in invalid).toBe(true);
    const header = invalid[who];
    for (const [method, url, body] of [...endpoints, ['GET', '/v1/me'], ['GET', '/v1/cases'], ['GET', '/v1/orders'], ['GET', '/v1/shops']] as [string, string, unknown?][]) {
      const r = await app.inject({ method: method as 'GET', url, payload: body as object, headers: header ? { authorization: header } : {} });
      expect(r.statusCode, `${who} ${method} ${url}: ${r.statusCode} ${r.body}`).toBe(401);
      expect(r.json().error.code, `${who} ${method} ${url}`).toBe('unauthenticated');
      expect(r.headers['www-authenticate']).toBe('Bearer');
      expect(r.body, `${who} ${method} ${url} leaked data`).not.toMatch(/"status"|"buyer"|"paid_amount"|B1|quality_issue/);
    }
  });

  it('a known caller without the right gets 403 forbidden', async () => {
    const call = (method: string, url: string, auth: string, body?: unknown) =>
      app.inject({ method: method as 'GET', url, payload: body as object, headers: { authorization: `Bearer ${auth}` } });
    // A read-only key reads, but does not write (not even its own shop's case).
    expect((await call('GET', '/v1/cases/C1', s1Reader)).statusCode).toBe(200);
    const write = await call('POST', '/v1/cases/C1/request_evidence', s1Reader, { party: 'buyer', kinds: ['photo'] });
    expect([write.statusCode, write.json().error.code]).toEqual([403, 'forbidden']);
    // A shop does not mint keys or buyer tokens; a buyer does not list shops.
    for (const [url, body] of [['/v1/api-keys', { shop: 'S1' }], ['/v1/buyer-tokens', { buyer: 'B1' }]] as const) {
      const r = await call('POST', url, s1, body);
      expect([r.statusCode, r.json().error.code], url).toEqual([403, 'forbidden']);
    }
    const shops = await call('GET', '/v1/shops', issueBuyerToken(SECRET, 'B1', Date.now() + DAY));
    expect([shops.statusCode, shops.json().error.code]).toEqual([403, 'forbidden']);
  });

  it('lists and feeds show a wrong principal nothing of S1', async () => {
    for (const who of ['shop S2', 'buyer B2']) {
      const list = await app.inject({ method: 'GET', url: '/v1/cases?shop=S1', headers: { authorization: `Bearer ${wrong[who]}` } });
      expect(list.json().data).toEqual([]);
    }
    const feed = await app.inject({ method: 'GET', url: '/v1/events?shop=S1', headers: { authorization: `Bearer ${wrong['shop S2']}` } });
    expect(feed.json().data).toEqual([]);
    // The right principal does see it (so the emptiness above means something).
    const own = await app.inject({ method: 'GET', url: '/v1/cases', headers: { authorization: `Bearer ${s1}` } });
    expect(own.json().data.map((c: { id: string }) => c.id)).toEqual(['C1']);
  });

  it('the console’s lists show a wrong principal nothing of S1: orders, shops', async () => {
    const get = (url: string, auth: string) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${auth}` } });
    for (const who of ['shop S2', 'buyer B2']) {
      for (const url of ['/v1/orders', '/v1/orders?shop=S1', '/v1/orders?buyer=B1', '/v1/orders?shop=S1&buyer=B1&status=shipped']) {
        const r = await get(url, wrong[who]!);
        expect(r.statusCode, `${who} ${url}`).toBe(200);
        expect(r.json(), `${who} ${url}`).toEqual({ data: [], next_cursor: null });
      }
    }
    // A shop lists itself only; a buyer no shop at all.
    expect((await get('/v1/shops', wrong['shop S2']!)).json().data.map((s: { id: string }) => s.id)).toEqual(['S2']);
    expect((await get('/v1/shops', wrong['buyer B2']!)).json().error.code).toBe('forbidden');
    // The owners do see O1 (so the emptiness above means something).
    for (const auth of [s1, issueBuyerToken(SECRET, 'B1', Date.now() + DAY)]) {
      expect((await get('/v1/orders?shop=S1', auth)).json().data.map((o: { id: string; cases: { id: string }[] }) => [o.id, o.cases.map((c) => c.id)])).toEqual([['O1', ['C1']]]);
    }
  });
});
