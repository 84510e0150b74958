// The metrics API on every engine (SPEC §8.4): a shop's numbers against its category's average
// with its rank, the platform's category view sorted by any metric, daily series, the facts behind
// a number, CSV exports, tenancy (a shop sees its own numbers only) and refusals in words — every
// answer checked against the contract.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/store/db.ts';
import { expectContract } from './contract-shapes.ts';
import { DAY, HOUR } from './domain-kit.ts';
import { httpWorld, type HttpWorld } from './http-world.ts';

export function metricsHttp(engineName: string, open: () => Promise<Database>) {
  describe(`metrics API on ${engineName}`, () => {
    let world: HttpWorld;
    let keys: HttpWorld['keys'];
    const schema = `metrics_http_${process.pid}_${engineName.toLowerCase()}`;
    const now = Date.now();
    const call = async (url: string, auth: string, method: 'GET' | 'POST' = 'GET', body?: unknown) => {
      const res = await world.app.inject({ method, url, payload: body as object, headers: { authorization: `Bearer ${auth}` } });
      expectContract(method, url, res);
      return { status: res.statusCode, json: res.headers['content-type']?.toString().includes('json') ? res.json() : null, text: res.body, type: String(res.headers['content-type']) };
    };
    const order = (id: string, shop: string, paidDaysAgo: number) => ({
      id, shop, buyer: `B-${id}`,
      placed_at: new Date(now - paidDaysAgo * DAY).toISOString(), paid_at: new Date(now - paidDaysAgo * DAY).toISOString(),
      shipping_fee: 0, free_shipping: true, shipping_insurance: 0,
      lines: [{ id: 'L1', sku: 'TEE', category: 'apparel', quantity: 1, paid_amount: 9900, flags: [] }],
    });

    beforeAll(async () => {
      world = await httpWorld(open, schema, now);
      keys = world.keys;
      // S3: a second taobao shop in S1's category ('general').
      await world.engine.upsertShop({ id: 'S3', pack: 'taobao' });
      for (let i = 0; i < 4; i++) expect((await call('/v1/orders', keys.S1, 'POST', order(`A${i}`, 'S1', 5))).status).toBe(201);
      for (let i = 0; i < 5; i++) expect((await call('/v1/orders', keys.platform, 'POST', order(`C${i}`, 'S3', 3))).status).toBe(201);
      // One application on S1 (in_sale): taobao agrees and refunds it at once (instant refund, SPEC §10.2).
      await world.engine.caseCommand({ kind: 'apply', caseId: 'X1', args: { type: 'refund_only', reason: 'no_longer_needed' } }, { role: 'buyer', id: 'B-A1' }, { shopId: 'S1', orderId: 'A1' });
      // SPEC §10.1: a ticket on S1, answered in time, resolved and rated 4.
      const ticket = (cmd: object, role: 'buyer' | 'merchant', id: string) => world.engine.ticketCommand({ ticketId: 'TK1', actor: { role, id }, ...cmd } as never, { shopId: 'S1', orderId: 'A2' });
      expect((await ticket({ kind: 'open_ticket', ticketKind: 'consultation', message: '在吗' }, 'buyer', 'B-A2')).ok).toBe(true);
      expect((await ticket({ kind: 'resolve' }, 'merchant', 'S1')).ok).toBe(true);
      expect((await ticket({ kind: 'rate', csat: 4 }, 'buyer', 'B-A2')).ok).toBe(true);
    });
    afterAll(async () => {
      await world?.close();
    });

    it('a shop reads its numbers against its category average, with its rank', async () => {
      const r = await call('/v1/shops/S1/metrics', keys.S1);
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({ shop: 'S1', category: 'general', pack: 'taobao', window_days: 30, min_orders: 30, paid: 4, counted: false, status: 'active', watched: false, notices: [] });
      expect(r.json.metrics).toMatchObject({ refund_rate: 0.25, dispute_rate: 0, intervention_rate: null, intervention_volume: 0, quality_refund_rate: 0, complaint_points: 0, ticket_sla_breach_rate: 0, csat_avg: 4 });
      // Neither shop has 30 orders: nobody counts in the average, so it is null and nobody ranks.
      expect(r.json.category_average.refund_rate).toBeNull();
      expect(r.json.rank.refund_rate).toBeNull();
      expect(Date.parse(r.json.at) - Date.parse(r.json.from)).toBe(30 * DAY);
    });

    it('a smaller window and an earlier instant; min_orders from the pack decides who counts', async () => {
      const past = new Date(now - 4 * DAY).toISOString();
      const r = await call(`/v1/shops/S1/metrics?at=${encodeURIComponent(past)}&window=2`, keys.platform);
      expect(r.json).toMatchObject({ paid: 4, window_days: 2 });
      const before = await call(`/v1/shops/S1/metrics?at=${encodeURIComponent(new Date(now - 6 * DAY).toISOString())}`, keys.S1);
      expect(before.json).toMatchObject({ paid: 0, metrics: { refund_rate: null } });
    });

    it('the platform sees every shop of a category, sorted by any metric; a shop may not', async () => {
      const r = await call('/v1/metrics/categories/general?sort=refund_rate', keys.platform);
      expect(r.status).toBe(200);
      expect(r.json.sort).toBe('refund_rate');
      expect(r.json.shops.map((s: { shop: string; position: number }) => [s.position, s.shop])).toEqual([[1, 'S1'], [2, 'S3']]);
      expect(r.json.shops[1]).toMatchObject({ paid: 5, counted: false, metrics: { refund_rate: 0 } });
      const denied = await call('/v1/metrics/categories/general', keys.S1);
      expect([denied.status, denied.json.error.code]).toEqual([403, 'forbidden']);
      expect((await call('/v1/metrics/categories/nothing', keys.platform)).status).toBe(404);
    });

    it('exports both views as CSV', async () => {
      const c = await call('/v1/metrics/categories/general/export.csv?sort=refund_rate', keys.platform);
      expect(c.type).toMatch(/^text\/csv/);
      const lines = c.text.trim().split('\r\n');
      expect(lines[0]).toBe('position,shop,paid,counted,status,watched,refund_rate,dispute_rate,intervention_rate,intervention_volume,quality_refund_rate,avg_refund_hours,first_response_p50,first_response_p90,complaint_points,ticket_sla_breach_rate,csat_avg');
      // The row holds the same numbers as the JSON view (null as an empty cell), the ticket metrics last.
      const json = (await call('/v1/metrics/categories/general?sort=refund_rate', keys.platform)).json.shops[0];
      const cells = Object.values(json.metrics as Record<string, number | null>).map((v) => (v === null ? '' : String(v)));
      expect(lines[1]).toBe(['1,S1,4,false,active,false', ...cells].join(','));
      expect(lines[1]!.endsWith(',0,4')).toBe(true);
      const s = await call('/v1/shops/S1/metrics/series.csv?days=3', keys.S1);
      const rows = s.text.trim().split('\r\n');
      expect(rows).toHaveLength(4);
      expect(rows[0]!.startsWith('day,refund_rate,')).toBe(true);
    });

    it('daily series: each metric at the end of each day, with the category average', async () => {
      const r = await call('/v1/shops/S1/metrics/series?days=7', keys.S1);
      expect(r.json.days).toHaveLength(7);
      const last = r.json.days.at(-1);
      // The application was made today: the last whole day does not hold it yet.
      expect(last.metrics.refund_rate).toBe(0);
      expect(r.json.days[0].metrics.refund_rate).toBeNull();
    });

    it('the facts behind a number', async () => {
      const r = await call('/v1/shops/S1/metrics/facts?counter=applied_in_sale', keys.S1);
      expect(r.json.data).toEqual([expect.objectContaining({ order: 'A1', case: 'X1', complaint: null, value: 0 })]);
      expect((await call('/v1/shops/S1/metrics/facts?counter=paid', keys.S1)).json.data).toHaveLength(4);
      // The rating behind the CSAT, linked to its ticket.
      expect((await call('/v1/shops/S1/metrics/facts?counter=csat', keys.S1)).json.data).toEqual([expect.objectContaining({ order: 'A2', ticket: 'TK1', case: null, value: 4 })]);
    });

    it('tenancy and refusals: another shop or a bad query is refused in words', async () => {
      expect((await call('/v1/shops/S1/metrics', keys.S2)).status).toBe(404);
      expect((await call('/v1/shops/S1/metrics/series', keys.S2)).status).toBe(404);
      const bad = await call('/v1/shops/S1/metrics?window=0', keys.S1);
      expect([bad.status, bad.json.error.code]).toEqual([400, 'validation']);
      const at = await call('/v1/shops/S1/metrics?at=tomorrow', keys.S1);
      expect(at.json.error.code).toBe('validation');
      expect((await call('/v1/shops/S1/metrics/facts?counter=nope', keys.S1)).json.error.code).toBe('validation');
      expect(HOUR).toBeGreaterThan(0);
    });

    it('SPEC §13 seller performance: the rates of an amazon-us shop, its notice after the review, refusals in words', async () => {
      await world.engine.upsertShop({ id: 'US1', pack: 'amazon-us', category: 'home' });
      const us = (id: string, shippedDaysAgo: number) => ({
        ...order(id, 'US1', 6),
        lines: [{ id: 'L1', sku: 'MUG', category: 'home', quantity: 1, paid_amount: 2599, flags: [] }],
        shipped_at: new Date(now - shippedDaysAgo * DAY).toISOString(),
      });
      // Paid 6 days ago, 2 business days to ship: U1 ships the next day, U2 a day ago (late).
      expect((await call('/v1/orders', keys.platform, 'POST', us('U1', 5))).status).toBe(201);
      expect((await call('/v1/orders', keys.platform, 'POST', us('U2', 1))).status).toBe(201);
      const before = await call('/v1/shops/US1/performance', keys.platform);
      expect(before.status).toBe(200);
      const late = () => before.json.metrics.find((m: { metric: string }) => m.metric === 'late_shipment_rate');
      expect(late()).toMatchObject({ rate: 0.5, numerator: 1, denominator: 2, max_pct: 4, window_days: 30, missed: true, noticed_at: null });
      expect(before.json.metrics.map((m: { metric: string }) => m.metric)).toEqual(['order_defect_rate', 'return_dissatisfaction_rate', 'late_shipment_rate', 'cancel_rate']);
      // The daily review sends the notice once; the shop's answer then says since when.
      await world.engine.reviewPerformance('amazon-us', now);
      const after = await call('/v1/shops/US1/performance', keys.platform);
      expect(after.json.metrics.find((m: { metric: string }) => m.metric === 'late_shipment_rate').noticed_at).not.toBeNull();
      expect(after.json.metrics.find((m: { metric: string }) => m.metric === 'cancel_rate').noticed_at).toBeNull();
      // A Chinese shop has no such targets; another shop's numbers are not found.
      const cn = await call('/v1/shops/S1/performance', keys.S1);
      expect([cn.status, cn.json.error.code]).toEqual([422, 'not_eligible']);
      expect(cn.json.error.message).toContain('没有卖家绩效指标');
      expect((await call('/v1/shops/US1/performance', keys.S1)).status).toBe(404);
    });
  });
}
