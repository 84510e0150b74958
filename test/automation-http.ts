// The automation API on every engine (SPEC §10.2-§10.4): a shop's rules from the first save to the
// case they handle, the backtest before switching a rule on, suggestions on a case, a buyer's risk
// as each tenant may see it — every answer checked against the contract.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueBuyerToken } from '../src/app/credentials.ts';
import type { Database } from '../src/store/db.ts';
import { expectContract } from './contract-shapes.ts';
import { DAY } from './domain-kit.ts';
import { httpWorld, TOKEN_SECRET as SECRET, type HttpWorld } from './http-world.ts';

export function automationHttp(engineName: string, open: () => Promise<Database>) {
  describe(`automation API on ${engineName}`, () => {
    let world: HttpWorld;
    let keys: HttpWorld['keys'];
    const schema = `auto_http_${process.pid}_${engineName.toLowerCase()}`;
    const now = Date.now();
    const buyer = issueBuyerToken(SECRET, 'B1', now + DAY);
    beforeAll(async () => {
      world = await httpWorld(open, schema, now);
      keys = world.keys;
    });
    afterAll(async () => {
      await world?.close();
    });

    const call = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, auth: string, body?: unknown) => {
      const res = await world.app.inject({ method, url, payload: body as object, headers: { authorization: `Bearer ${auth}` } });
      expectContract(method, url, res);
      return { status: res.statusCode, json: res.json() };
    };
    const order = (id: string, amount: number) => ({
      id, shop: 'S1', buyer: 'B1',
      placed_at: new Date(now - 3 * DAY).toISOString(), paid_at: new Date(now - 3 * DAY).toISOString(),
      shipped_at: new Date(now - 2 * DAY).toISOString(), signed_at: new Date(now - DAY).toISOString(),
      shipping_fee: 0, free_shipping: true, shipping_insurance: 0,
      lines: [{ id: 'L1', sku: 'MUG', category: 'home', quantity: 1, paid_amount: amount, flags: [] }],
    });
    const returnOf = (o: string, id: string) => call('POST', `/v1/shops/S1/orders/${o}/cases?expand=timeline`, buyer, { id, type: 'return_refund', reason: 'no_reason_7d', intact: true });
    const KEEP = { id: 'keep-cheap', name: '低价商品仅退款', when: { type: ['return_refund'], max_amount: 3000 }, then: 'returnless_refund' };

    it('starts with no rules and the 13-yuan estimate; refuses a rule that would reject, in words', async () => {
      const first = await call('GET', '/v1/shops/S1/rules', keys.S1);
      expect(first.json).toEqual({ rules: [], return_shipping_estimate: 1300, returnless_threshold: null, sop_tiers: [], version: 0 });
      const bad = await call('PUT', '/v1/shops/S1/rules', keys.S1, { rules: [{ id: 'no', when: {}, then: 'reject' }] });
      expect([bad.status, bad.json.error.code, bad.json.error.details.rule]).toEqual([400, 'validation', 'automation_rules']);
      expect(bad.json.error.message).toContain('rules.0.then');
      const tooMuch = await call('PUT', '/v1/shops/S1/rules', keys.S1, { sop_tiers: [{ reasons: ['quality_issue'], max_pct: 60 }] });
      expect([tooMuch.status, tooMuch.json.error.details.rule]).toEqual([400, 'sop_tiers']);
    });

    it('backtests a rule on past cases before it is saved, and writes nothing', async () => {
      for (const [o, amount] of [['O1', 2000], ['O2', 2500], ['O3', 9900]] as const) expect((await call('POST', '/v1/orders', keys.S1, order(o, amount))).status).toBe(201);
      expect((await returnOf('O1', 'C1')).status).toBe(201);
      expect((await returnOf('O2', 'C2')).status).toBe(201);
      expect((await returnOf('O3', 'C3')).status).toBe(201);
      // The merchant rejected C1 and won (the buyer gave up); it agreed to C2 with the goods back.
      expect((await call('POST', '/v1/cases/C1/reject', keys.S1, { reason: '商品已使用' })).status).toBe(200);
      expect((await call('POST', '/v1/cases/C1/cancel', buyer, {})).status).toBe(200);
      expect((await call('POST', '/v1/cases/C2/agree', keys.S1, { return_address: '杭州仓' })).status).toBe(200);
      const r = await call('POST', '/v1/shops/S1/rules/backtest', keys.S1, { rules: [KEEP], days: 30 });
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({
        shop: 'S1', days: 30, cases: 3, automated: 2, refunded: 4500, refunded_without_return: 4500,
        by_rule: [{ rule: 'keep-cheap', name: '低价商品仅退款', cases: 2, amount: 4500 }],
        rejected_and_won: { cases: 1, amount: 2000, examples: ['C1'] },
      });
      expect(r.json.merchant_hours_saved).toBeGreaterThanOrEqual(0);
      // Nothing written: the shop still has no rules and C3 still waits for the merchant.
      expect((await call('GET', '/v1/shops/S1/rules', keys.S1)).json.rules).toEqual([]);
      expect((await call('GET', '/v1/cases/C3', keys.S1)).json).toMatchObject({ status: 'requested' });
      const bad = await call('POST', '/v1/shops/S1/rules/backtest', keys.S1, { rules: [{ id: 'x', when: { colour: 1 }, then: 'agree' }] });
      expect([bad.status, bad.json.error.code]).toEqual([400, 'validation']);
    });

    it('adds, changes, reorders and removes rules; a rule switched on handles the next case, named in the timeline', async () => {
      const added = await call('POST', '/v1/shops/S1/rules', keys.S1, { ...KEEP, enabled: false });
      expect([added.status, added.json.rules.map((x: { id: string }) => x.id), added.json.version]).toEqual([201, ['keep-cheap'], 1]);
      const two = await call('POST', '/v1/shops/S1/rules', keys.S1, { id: 'later', when: { reasons: ['quality_issue'] }, then: 'agree' });
      expect(two.json.rules.map((x: { id: string }) => x.id)).toEqual(['keep-cheap', 'later']);
      const reordered = await call('PUT', '/v1/shops/S1/rules', keys.S1, { rules: [two.json.rules[1], two.json.rules[0]] });
      expect(reordered.json.rules.map((x: { id: string }) => x.id)).toEqual(['later', 'keep-cheap']);
      expect((await call('DELETE', '/v1/shops/S1/rules/later', keys.S1)).json.rules.map((x: { id: string }) => x.id)).toEqual(['keep-cheap']);
      expect((await call('DELETE', '/v1/shops/S1/rules/nope', keys.S1)).status).toBe(404);

      expect((await call('POST', '/v1/orders', keys.S1, order('O4', 1900))).status).toBe(201);
      expect((await call('POST', '/v1/orders', keys.S1, order('O5', 1900))).status).toBe(201);
      const off = await returnOf('O4', 'C4');
      expect(off.json).toMatchObject({ status: 'requested', automated_by: null });
      const on = await call('PATCH', '/v1/shops/S1/rules/keep-cheap', keys.S1, { enabled: true });
      expect(on.json.rules[0]).toMatchObject({ id: 'keep-cheap', enabled: true });
      const handled = await returnOf('O5', 'C5');
      expect(handled.json).toMatchObject({ status: 'completed', type: 'refund_only', refunded: 1900, automated_by: 'keep-cheap' });
      const texts = handled.json.timeline.map((t: { zh: string }) => t.zh);
      expect(texts).toContain('规则「低价商品仅退款」自动同意仅退款, 买家无需退货');
      const byRule = handled.json.timeline.find((t: { type: string }) => t.type === 'MerchantAgreed');
      expect(byRule.actor).toMatchObject({ role: 'system' });
    });

    it('ranks remedies by what they cost the merchant, with the SOP tier and what the rules grant anyway', async () => {
      expect((await call('PUT', '/v1/shops/S1/rules', keys.S1, { sop_tiers: [{ reasons: ['no_reason_7d'], max_pct: 10 }] })).status).toBe(200);
      const s = await call('GET', '/v1/cases/C3/suggestions', keys.S1);
      expect(s.status).toBe(200);
      const totals = s.json.suggestions.map((x: { cost: { total: number } }) => x.cost.total);
      expect(totals).toEqual([...totals].sort((a: number, b: number) => a - b));
      const tier = s.json.suggestions.find((x: { remedy: string }) => x.remedy === 'sop_partial_refund');
      expect(tier).toMatchObject({ offer: { type: 'refund_only', amount: 990 }, keeps_goods: true, pct: 10 });
      // 99 yuan is over the rule's 30: the rules would grant nothing here.
      expect(s.json.rules_would_grant).toBeNull();
      // One click: the suggestion's offer is a valid offer command.
      const offered = await call('POST', '/v1/cases/C3/offer', keys.S1, tier.offer);
      expect(offered.json).toMatchObject({ status: 'offer_pending' });
      // On C4 (19 yuan, the rule now on) the rules would grant a refund without return.
      const c4 = await call('GET', '/v1/cases/C4/suggestions', keys.S1);
      expect(c4.json.rules_would_grant).toMatchObject({ remedy: 'returnless_refund', granted_by_rule: 'keep-cheap' });
      expect(JSON.stringify(c4.json)).not.toMatch(/好评|review/);
    });

    it("shows a buyer's risk: the shop counts without other shops, the platform everything, a stranger nothing", async () => {
      const shop = await call('GET', '/v1/buyers/B1/risk', keys.S1);
      expect(shop.json).toMatchObject({ buyer: 'B1', window_days: 90, band: 'low', counts: { cases_applied: 5 } });
      expect(shop.json.by_shop).toBeUndefined();
      expect((await call('GET', '/v1/buyers/B1/risk', keys.S2)).status).toBe(404);
      const platform = await call('GET', '/v1/buyers/B1/risk', keys.platform);
      expect(platform.json.by_shop).toEqual([{ shop: 'S1', counts: expect.objectContaining({ cases_applied: 5 }) }]);
      expect((await call('GET', '/v1/buyers/B1/risk', buyer)).status).toBe(200);
      expect((await call('GET', '/v1/buyers/risky', keys.S1)).status).toBe(403);
      expect((await call('GET', '/v1/buyers/risky?min_score=0', keys.platform)).json.data.map((b: { buyer: string }) => b.buyer)).toContain('B1');
    });

    it("keeps other tenants out of a shop's rules and a case's suggestions", async () => {
      for (const auth of [keys.S2, buyer]) {
        expect((await call('GET', '/v1/shops/S1/rules', auth)).status).toBe(404);
        expect((await call('PUT', '/v1/shops/S1/rules', auth, { rules: [] })).status).toBe(404);
        expect((await call('POST', '/v1/shops/S1/rules/backtest', auth, { rules: [] })).status).toBe(404);
        expect((await call('GET', '/v1/cases/C3/suggestions', auth)).status).toBe(404);
      }
      expect((await call('GET', '/v1/shops/S1/rules', keys.platform)).status).toBe(200);
    });
  });
}
