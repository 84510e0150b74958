// The HTTP API on every engine: a return from apply to refund with keys and tokens, tenant
// isolation, SPEC §11 errors in both languages, and the OpenAPI document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../src/app/engine.ts';
import { DAY } from './domain-kit.ts';
import { issueBuyerToken } from '../src/app/credentials.ts';
import { buildServer } from '../src/http/server.ts';
import type { Database } from '../src/store/db.ts';
import { httpWorld, TOKEN_SECRET as SECRET, type HttpWorld } from './http-world.ts';
import { expectContract } from './contract-shapes.ts';

export function httpContract(engineName: string, open: () => Promise<Database>) {
  describe(`HTTP API on ${engineName}`, () => {
    let engine: Engine;
    let app: Awaited<ReturnType<typeof buildServer>>;
    const keys: Record<string, string> = {};
    const schema = `http_${process.pid}_${engineName.toLowerCase()}`;
    const now = Date.now();
    const buyer = issueBuyerToken(SECRET, 'B1', now + DAY);
    const otherBuyer = issueBuyerToken(SECRET, 'B2', now + DAY);

    let world: HttpWorld;
    beforeAll(async () => {
      world = await httpWorld(open, schema, now);
      ({ engine, app } = world);
      Object.assign(keys, world.keys);
    });
    afterAll(async () => {
      await world?.close();
    });

    // Every answer is checked against the contract (src/contract) before the test reads it.
    const call = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, auth: string | null, body?: unknown, headers: Record<string, string> = {}) => {
      const res = await app.inject({ method, url, payload: body as object, headers: { ...(auth ? { authorization: `Bearer ${auth}` } : {}), ...headers } });
      expectContract(method, url, res);
      return res;
    };

    const order = {
      id: 'O1', shop: 'S1', buyer: 'B1',
      placed_at: new Date(now - 3 * DAY).toISOString(), paid_at: new Date(now - 3 * DAY).toISOString(),
      shipped_at: new Date(now - 2 * DAY).toISOString(), signed_at: new Date(now - DAY).toISOString(),
      shipping_fee: 0, free_shipping: true, shipping_insurance: 0,
      lines: [{ id: 'L1', sku: 'TEE', category: 'apparel', quantity: 1, paid_amount: 19900, flags: [] }],
    };

    it('takes a quality return from apply to refund', async () => {
      expect((await call('POST', '/v1/orders', keys.S1!, order)).statusCode).toBe(201);
      const applied = await call('POST', '/v1/shops/S1/orders/O1/cases', buyer, { id: 'C1', type: 'return_refund', reason: 'quality_issue', evidence: [{ kind: 'photo' }] });
      expect(applied.statusCode).toBe(201);
      // Escalation is not offered before escalation_after (72 h on taobao): the detail says from when.
      expect(applied.json()).toMatchObject({ id: 'C1', status: 'requested', deadline: { kind: 'merchant_response' }, actions: ['modify', 'cancel', 'submit_evidence'] });
      expect(Date.parse(applied.json().escalate_from) - Date.parse(applied.json().applied_at)).toBe(72 * 3_600_000);
      expect(applied.json().money).toMatchObject({ goods: 19900, shipping_fee: 0, refundable: 19900 });
      const agreed = (await call('POST', '/v1/cases/C1/agree', keys.S1!, { return_address: '杭州市余杭区文一西路 969 号' })).json();
      expect(agreed).toMatchObject({ status: 'awaiting_return' });
      // Issue 18: a command's answer is the case as decided; the timeline only when asked for.
      expect(agreed).not.toHaveProperty('timeline');
      expect(applied.json()).not.toHaveProperty('timeline');
      expect((await call('POST', '/v1/cases/C1/ship_return', buyer, { carrier: 'SF', tracking: 'SF1', shipping_cost: 1200 })).json()).toMatchObject({ status: 'return_in_transit' });
      const done = await call('POST', '/v1/cases/C1/receive_return?expand=timeline', keys.S1!, {});
      expect(done.json()).toMatchObject({ status: 'completed', refunded: 21100, money: { goods: 19900, return_shipping_reimbursed: 1200 } });
      expect(done.json().timeline.map((t: { type: string }) => t.type)).toContain('RefundCompleted');
    });

    it('upserts an order: later lifecycle steps are recorded at their instants, lines stay as placed', async () => {
      const unshipped = { ...order, id: 'U1', shipped_at: undefined, signed_at: undefined };
      expect((await call('POST', '/v1/orders', keys.S1!, unshipped)).statusCode).toBe(201);
      const shippedAt = new Date(now - DAY).toISOString();
      const again = await call('POST', '/v1/orders', keys.S1!, { ...unshipped, shipped_at: shippedAt, carrier: 'SF', tracking: 'SF9' });
      expect(again.statusCode).toBe(200);
      expect(again.json()).toMatchObject({ status: 'shipped' });
      // Auto-confirm counts from the real shipping time, not from the upsert.
      expect(Date.parse(again.json().auto_confirm_at) / 1000).toBe(Math.floor((Date.parse(shippedAt) + 10 * DAY) / 1000));
      const changed = await call('POST', '/v1/orders', keys.S1!, { ...unshipped, lines: [{ ...order.lines[0]!, paid_amount: 1 }] });
      expect(changed.json().error).toMatchObject({ code: 'validation', details: { rule: 'order_immutable' } });
    });

    it('refuses a case id already in use, and an impossible sign date, as validation', async () => {
      expect((await call('POST', '/v1/orders', keys.S1!, { ...order, id: 'O5' })).statusCode).toBe(201);
      const again = await call('POST', '/v1/shops/S1/orders/O5/cases', buyer, { id: 'C1', type: 'refund_only', reason: 'damaged', evidence: [{ kind: 'photo' }] });
      expect(again.statusCode).toBe(400);
      expect(again.json().error).toMatchObject({ code: 'validation', details: { rule: 'case_id' } });
      const badDate = await call('POST', '/v1/orders', keys.S1!, { ...order, id: 'O6', signed_at: undefined, signed_on: '2026-13-45' });
      expect(badDate.statusCode).toBe(400);
      expect(badDate.json().error.code).toBe('validation');
    });

    it('never shows one tenant another tenant’s data', async () => {
      for (const auth of [keys.S2!, otherBuyer]) {
        const r = await call('GET', '/v1/cases/C1', auth);
        expect(r.statusCode).toBe(404);
        expect(r.json().error.code).toBe('not_found');
        expect((await call('POST', '/v1/cases/C1/agree', auth, {})).statusCode).toBe(404);
        expect((await call('GET', '/v1/shops/S1/orders/O1', auth)).statusCode).toBe(404);
      }
      expect((await call('POST', '/v1/orders', keys.S2!, { ...order, id: 'O9' })).json().error.code).toBe('forbidden');
      // No credential or an unknown one: 401 unauthenticated (docs/decisions.md).
      expect((await call('GET', '/v1/cases/C1', null)).statusCode).toBe(401);
      expect((await call('GET', '/v1/cases/C1', 'sk_nope')).statusCode).toBe(401);
      expect((await call('GET', '/v1/cases/C1', keys.platform!)).statusCode).toBe(200);
    });

    it('answers bad input with a SPEC code in the caller’s language, never a 5xx', async () => {
      const bad = await app.inject({ method: 'POST', url: '/v1/cases/C1/agree', payload: '{"return_address":', headers: { authorization: `Bearer ${keys.S1}`, 'content-type': 'application/json' } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('validation');
      const unknownField = await call('POST', '/v1/cases/C1/agree', keys.S1!, { colour: 'red' });
      expect(unknownField.statusCode).toBe(400);
      const zh = await call('POST', '/v1/cases/C1/agree', keys.S1!, {});
      expect(zh.statusCode).toBe(409);
      expect(zh.json().error).toMatchObject({ code: 'invalid_state', details: { status: 'completed' } });
      expect(zh.json().error.message).toBe('当前状态「已完成」不能执行「同意」');
      const en = await call('POST', '/v1/cases/C1/agree', keys.S1!, {}, { 'accept-language': 'en-US,en;q=0.9' });
      expect(en.json().error.message).toBe('cannot agree: the case is “completed”');
      expect((await call('GET', '/v1/nothing-here', keys.S1!)).json().error.code).toBe('not_found');
    });

    it('lists the queue per tenant, filtered and paginated with a cursor', async () => {
      for (const [i, id] of ['O2', 'O3', 'O4'].entries()) {
        expect((await call('POST', '/v1/orders', keys.S1!, { ...order, id })).statusCode).toBe(201);
        const r = await call('POST', `/v1/shops/S1/orders/${id}/cases`, buyer, { id: `L${i}`, type: 'refund_only', reason: 'damaged', evidence: [{ kind: 'photo' }] });
        expect(r.statusCode).toBe(201);
      }
      const all = await call('GET', '/v1/cases?limit=50', keys.S1!);
      expect(all.json().data.map((c: { id: string }) => c.id).sort()).toEqual(['C1', 'L0', 'L1', 'L2']);
      expect((await call('GET', '/v1/cases', keys.S2!)).json().data).toEqual([]);
      expect((await call('GET', '/v1/cases?shop=S1', otherBuyer)).json().data).toEqual([]);
      expect((await call('GET', '/v1/cases?status=requested', keys.platform!)).json().data.map((c: { id: string }) => c.id).sort()).toEqual(['L0', 'L1', 'L2']);
      // Several statuses at once (the workbench's open queue); an unknown one is a validation error.
      const c1 = all.json().data.find((c: { id: string }) => c.id === 'C1').status as string;
      expect(c1).not.toBe('requested');
      expect((await call('GET', `/v1/cases?status=requested,${c1}`, keys.platform!)).json().data.map((c: { id: string }) => c.id).sort()).toEqual(['C1', 'L0', 'L1', 'L2']);
      expect((await call('GET', '/v1/cases?status=completed,closed', keys.platform!)).json().data.map((c: { id: string }) => c.id).filter((id: string) => id.startsWith('L'))).toEqual([]);
      const bad = await call('GET', '/v1/cases?status=requested,nope', keys.platform!);
      expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'validation']);
      const seen: string[] = [];
      let cursor = '';
      for (let page = 0; page < 10; page++) {
        const r = (await call('GET', `/v1/cases?sort=deadline&limit=1${cursor ? `&cursor=${cursor}` : ''}`, buyer)).json();
        seen.push(...r.data.map((c: { id: string }) => c.id));
        if (!r.next_cursor) break;
        cursor = r.next_cursor;
      }
      expect(seen.slice(0, 3).sort()).toEqual(['L0', 'L1', 'L2']);
      expect(seen.at(-1)).toBe('C1'); // no running deadline: last in the deadline queue
      expect((await call('GET', '/v1/cases?cursor=not-a-cursor', keys.S1!)).json().error.code).toBe('validation');
      expect((await call('GET', '/v1/cases?limit=9999', keys.S1!)).statusCode).toBe(400);
    });

    it('shop overrides only towards the buyer; keys created, shown once and revoked by the platform', async () => {
      const worse = await call('PUT', '/v1/shops/S1/policy', keys.S1!, { pack: 'taobao', overrides: { no_reason_days: 5 } });
      expect(worse.statusCode).toBe(422);
      expect(worse.json().error).toMatchObject({ code: 'policy_violation', details: { parameter: 'no_reason_days' } });
      expect((await call('PUT', '/v1/shops/S1/policy', keys.S1!, { pack: 'taobao', overrides: { no_reason_days: 15 } })).statusCode).toBe(200);
      expect((await call('PUT', '/v1/shops/S1/policy', keys.S2!, { pack: 'taobao' })).json().error.code).toBe('forbidden');
      expect((await call('POST', '/v1/api-keys', keys.S1!, { shop: 'S1' })).json().error.code).toBe('forbidden');
      const created = (await call('POST', '/v1/api-keys', keys.platform!, { shop: 'S2', label: 'erp' })).json();
      expect((await call('GET', '/v1/cases', created.key)).statusCode).toBe(200);
      expect((await call('DELETE', `/v1/api-keys/S2/${created.key_id}`, keys.platform!)).statusCode).toBe(204);
      expect((await call('GET', '/v1/cases', created.key)).statusCode).toBe(401);
      const reader = (await call('POST', '/v1/api-keys', keys.platform!, { shop: 'S1', label: 'dashboard', scopes: ['read'] })).json();
      expect(reader.scopes).toEqual(['read']);
      expect((await call('GET', '/v1/cases/C1', reader.key)).statusCode).toBe(200);
      const write = await call('POST', '/v1/cases/C1/agree', reader.key, {});
      expect(write.statusCode).toBe(403);
      expect(write.json().error).toMatchObject({ code: 'forbidden', details: { rule: 'scope' } });
      const token = (await call('POST', '/v1/buyer-tokens', keys.platform!, { buyer: 'B1', ttl_seconds: 600 })).json().token;
      expect((await call('GET', '/v1/cases/C1', token)).statusCode).toBe(200);
    });

    it('registers webhook endpoints and serves the events feed per tenant', async () => {
      expect((await call('POST', '/v1/webhook-endpoints', keys.S1!, { shop: 'S1', id: 'erp', url: 'http://127.0.0.1:9/h', secret: 'whsec_0123456789abcdef' })).statusCode).toBe(201);
      expect((await call('POST', '/v1/webhook-endpoints', keys.S1!, { shop: 'S2', id: 'x', url: 'http://127.0.0.1:9/h', secret: 'whsec_0123456789abcdef' })).json().error.code).toBe('forbidden');
      const feed = (await call('GET', '/v1/events?limit=500', keys.S1!)).json();
      expect(feed.data.length).toBeGreaterThan(10);
      expect(new Set(feed.data.map((e: { shop: string }) => e.shop))).toEqual(new Set(['S1']));
      expect(feed.data[0].data.event.type).toBe(feed.data[0].type);
      expect((await call('GET', '/v1/events', keys.S2!)).json().data).toEqual([]);
      expect((await call('GET', '/v1/events', buyer)).json().error.code).toBe('forbidden');
      const listed = (await call('GET', '/v1/webhook-endpoints', keys.S1!)).json().data;
      expect(listed).toEqual([{ shop: 'S1', id: 'erp', url: 'http://127.0.0.1:9/h', active: true, max_attempts: 8 }]);
      expect((await call('GET', '/v1/webhook-endpoints', keys.S2!)).json().data).toEqual([]);
      expect((await call('DELETE', '/v1/webhook-endpoints/S1/erp', keys.S2!)).statusCode).toBe(404);
      expect((await call('DELETE', '/v1/webhook-endpoints/S1/erp', keys.S1!)).statusCode).toBe(204);
      expect((await call('GET', '/v1/webhook-endpoints', keys.S1!)).json().data[0].active).toBe(false);
    });

    it('previews what the buyer may apply for, with the reason and the window of each refusal', async () => {
      const options = async (id: string) => {
        const r = await call('GET', `/v1/shops/S1/orders/${id}/eligibility`, buyer, undefined, { 'accept-language': 'en' });
        expect(r.statusCode, r.body).toBe(200);
        return Object.fromEntries(r.json().options.map((o: { type: string; reason: string }) => [`${o.type}/${o.reason}`, o]));
      };
      const free = await options('O5'); // no case on it
      expect(free['return_refund/no_reason_7d']).toMatchObject({ eligible: true, until: expect.stringMatching(/\+08:00$/) });
      expect(free['refund_only/no_longer_needed']).toMatchObject({ eligible: false, refusal: { code: 'not_eligible', details: { rule: 'unshipped_only_reason' } } });
      const held = await options('O2'); // its unit is in the open case L0
      expect(held['refund_only/damaged'].refusal.code).toBe('duplicate_case');
      expect((await call('GET', '/v1/shops/S1/orders/O2/eligibility', otherBuyer)).statusCode).toBe(404);
    });

    it('limits requests per key (429 rate_limited) and exposes Prometheus metrics', async () => {
      const limited = await buildServer({ engine, tokenSecret: SECRET, requestsPerMinute: 3 });
      try {
        const codes = [];
        for (let i = 0; i < 4; i++) codes.push((await limited.inject({ method: 'GET', url: '/v1/policies', headers: { authorization: `Bearer ${keys.S2}` } })).statusCode);
        expect(codes).toEqual([200, 200, 200, 429]);
        // Another key has its own budget.
        expect((await limited.inject({ method: 'GET', url: '/v1/policies', headers: { authorization: `Bearer ${keys.platform}` } })).statusCode).toBe(200);
      } finally {
        await limited.close();
      }
      const m = await app.inject({ method: 'GET', url: '/metrics' });
      expect(m.statusCode).toBe(200);
      expect(m.body).toMatch(/aftersale_http_requests_total\{method="POST",route="\/v1\/cases\/:case\/agree",status="200"\} \d+/);
      expect(m.body).toMatch(/aftersale_deadlines_due \d+/);
      expect(m.body).toMatch(/aftersale_outbox_backlog \d+/);
    });

    it('keeps a shop default return address, which an agree without one records', async () => {
      const address = '上海市浦东新区 售后仓 (收件人: 售后组)';
      const set = await call('PUT', '/v1/shops/S2/return-address', keys.S2!, { return_address: `  ${address} ` });
      expect(set.statusCode).toBe(200);
      expect(set.json()).toEqual({ shop: 'S2', return_address: address });
      // Another shop is told there is no such shop (tenancy: canSee); the platform may set it.
      const other = await call('PUT', '/v1/shops/S2/return-address', keys.S1!, { return_address: 'x' });
      expect([other.statusCode, other.json().error.code]).toEqual([404, 'not_found']);
      expect((await call('PUT', '/v1/shops/S2/return-address', keys.platform!, { return_address: address })).statusCode).toBe(200);
      expect((await call('PUT', '/v1/shops/NOPE/return-address', keys.platform!, { return_address: address })).statusCode).toBe(404);
      for (const bad of ['', '   ', 'x'.repeat(501)]) {
        const r = await call('PUT', '/v1/shops/S2/return-address', keys.S2!, { return_address: bad });
        expect([r.statusCode, r.json().error.code, r.json().error.details.field]).toEqual([400, 'validation', 'return_address']);
      }
      expect((await call('PUT', '/v1/shops/S2/return-address', buyer, { return_address: address })).statusCode).toBe(404);
      expect((await call('GET', '/v1/shops', keys.S2!)).json().data).toEqual([expect.objectContaining({ id: 'S2', return_address: address })]);

      // A goods-back agree that names no address records the shop's default (SPEC §4).
      expect((await call('POST', '/v1/orders', keys.S2!, { ...order, id: 'O7', shop: 'S2' })).statusCode).toBe(201);
      const applied = await call('POST', '/v1/shops/S2/orders/O7/cases', buyer, { id: 'C7', type: 'return_refund', reason: 'quality_issue', evidence: [{ kind: 'photo' }] });
      expect(applied.statusCode).toBe(201);
      const agreed = await call('POST', '/v1/cases/C7/agree', keys.S2!, {});
      expect(agreed.json()).toMatchObject({ status: 'awaiting_return', return_address: address });
      expect((await call('GET', '/v1/cases/C7', buyer)).json().return_address).toBe(address);
      // An address the agree names wins over the default.
      expect((await call('POST', '/v1/orders', keys.S2!, { ...order, id: 'O8', shop: 'S2' })).statusCode).toBe(201);
      expect((await call('POST', '/v1/shops/S2/orders/O8/cases', buyer, { id: 'C8', type: 'return_refund', reason: 'quality_issue', evidence: [{ kind: 'photo' }] })).statusCode).toBe(201);
      expect((await call('POST', '/v1/cases/C8/agree', keys.S2!, { return_address: '北京 另一仓' })).json().return_address).toBe('北京 另一仓');
    });

    it('publishes the OpenAPI document and the reference page', async () => {
      const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
      expect(doc.openapi).toBe('3.1.0');
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/orders', '/v1/cases/{case}', '/v1/cases/{case}/agree', '/v1/shops/{shop}/orders/{order}/cases']));
      expect((await app.inject({ method: 'GET', url: '/docs/' })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ ok: true });
    });

    it('describes every answer in the OpenAPI document: a schema for the success status, the error body for 4xx', async () => {
      type Response = { content?: Record<string, { schema?: { type?: unknown; properties?: Record<string, unknown>; oneOf?: unknown[] } }> };
      const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, { responses?: Record<string, Response> }>> };
      const missing: string[] = [];
      let operations = 0;
      for (const [path, ops] of Object.entries(doc.paths)) {
        if (!path.startsWith('/v1/')) continue;
        for (const [method, op] of Object.entries(ops)) {
          operations++;
          const where = `${method.toUpperCase()} ${path}`;
          const responses = op.responses ?? {};
          const success = Object.keys(responses).filter((s) => /^2\d\d$/.test(s));
          if (success.length === 0) missing.push(`${where}: no success response`);
          for (const s of success) {
            // 204 has no body; every other success answer has a schema for each media type.
            const content = Object.values(responses[s]!.content ?? {});
            if (s !== '204' && (content.length === 0 || content.some((c) => !c.schema?.type && !c.schema?.oneOf))) missing.push(`${where} ${s}: no schema`);
          }
          const error = responses['4XX']?.content?.['application/json']?.schema;
          if (!error?.properties?.error) missing.push(`${where}: no 4xx error body`);
        }
      }
      expect(missing).toEqual([]);
      expect(operations).toBeGreaterThanOrEqual(40);
    });
  });
}
