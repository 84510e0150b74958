// Tenant isolation (OWASP API1): every endpoint that touches shop S1's order, case or evidence is
// called with every wrong principal — another shop's key, another buyer's token, a revoked key,
// an expired token, none — and must answer forbidden or not_found, never data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../src/app/clock.ts';
import { createEngine } from '../src/app/engine.ts';
import { builtinPacks } from '../src/app/packs.ts';
import { simulatedProvider } from '../src/app/payments.ts';
import { CASE_COMMAND_NAMES } from '../src/app/schemas.ts';
import { createApiKey, issueBuyerToken, revokeApiKey } from '../src/http/auth.ts';
import { buildServer } from '../src/http/server.ts';
import { openPglite, type Database } from '../src/store/db.ts';
import { migrate } from '../src/store/migrations.ts';

const SECRET = 'isolation';
const DAY = 86_400_000;

describe('tenant isolation on every endpoint', () => {
  let db: Database;
  let app: Awaited<ReturnType<typeof buildServer>>;
  const wrong: Record<string, string | null> = {};
  let s1 = '';
  const sha = 'a'.repeat(64);

  beforeAll(async () => {
    db = await openPglite();
    await db.useSchema('isolation');
    await migrate(db);
    const engine = createEngine({ db, packs: builtinPacks(), clock: systemClock, payments: simulatedProvider(db) });
    await engine.upsertShop({ id: 'S1', pack: 'taobao' });
    await engine.upsertShop({ id: 'S2', pack: 'taobao' });
    s1 = await createApiKey(db, 'S1', '', Date.now());
    wrong['shop S2'] = await createApiKey(db, 'S2', '', Date.now());
    const revoked = await createApiKey(db, 'S1', 'old', Date.now());
    await revokeApiKey(db, 'S1', revoked.split('_')[1]!, Date.now());
    wrong['revoked S1 key'] = revoked;
    wrong['buyer B2'] = issueBuyerToken(SECRET, 'B2', Date.now() + DAY);
    wrong['expired B1 token'] = issueBuyerToken(SECRET, 'B1', Date.now() - 1);
    wrong['forged token'] = issueBuyerToken('not-the-secret', 'B1', Date.now() + DAY);
    wrong['nobody'] = null;
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
        rule: { outcome: 'buyer' },
        offer: { type: 'refund_only', amount: 100 },
        ship_return: { carrier: 'SF', tracking: 'X' },
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
  ];

  const WRONG = ['shop S2', 'revoked S1 key', 'buyer B2', 'expired B1 token', 'forged token', 'nobody'];
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

  it.each(WRONG.filter((w) => w !== 'shop S2' && w !== 'buyer B2'))('%s cannot even ask who it is, list orders or shops', async (who) => {
    const auth = wrong[who];
    for (const url of ['/v1/me', '/v1/orders', '/v1/orders?shop=S1', '/v1/shops']) {
      const r = await app.inject({ method: 'GET', url, headers: auth ? { authorization: `Bearer ${auth}` } : {} });
      expect(r.statusCode, `${who} ${url}`).toBe(403);
      expect(r.json().error.code).toBe('forbidden');
    }
  });
});
