// The governance API on every engine (SPEC §8.1–§8.3): a complaint from filing to sanction and
// reversal, the complaint queue per tenant, a shop's governance and deposit ledger, top-ups, a
// closed shop refusing new orders while a case on an old order goes on, the platform reopening
// it, refusals in words, webhooks in the outbox — every answer checked against the contract.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueBuyerToken } from '../src/app/credentials.ts';
import type { Database } from '../src/store/db.ts';
import { DAY } from './domain-kit.ts';
import { contractCall, httpWorld, TOKEN_SECRET as SECRET, type HttpWorld } from './http-world.ts';

export function governanceHttp(engineName: string, open: () => Promise<Database>) {
  describe(`governance API on ${engineName}`, () => {
    let world: HttpWorld;
    let keys: HttpWorld['keys'];
    const schema = `gov_http_${process.pid}_${engineName.toLowerCase()}`;
    const now = Date.now();
    const buyer = issueBuyerToken(SECRET, 'B1', now + DAY);
    const otherBuyer = issueBuyerToken(SECRET, 'B2', now + DAY);
    beforeAll(async () => {
      world = await httpWorld(open, schema, now);
      keys = world.keys;
    });
    afterAll(async () => {
      await world?.close();
    });

    const call = contractCall(() => world);
    const order = (id: string, shop = 'S1') => ({
      id, shop, buyer: 'B1',
      placed_at: new Date(now - 2 * DAY).toISOString(), paid_at: new Date(now - 2 * DAY).toISOString(),
      shipped_at: new Date(now - DAY).toISOString(), signed_at: new Date(now - DAY / 2).toISOString(),
      shipping_fee: 0, free_shipping: true, shipping_insurance: 0,
      lines: [{ id: 'L1', sku: 'TEE', category: 'apparel', quantity: 1, paid_amount: 19900, flags: [] }],
    });
    const photo = [{ kind: 'photo', description: '照片' }];
    const chat = [{ kind: 'chat_log', description: '聊天记录' }];
    const complain = (o: string, id: string, sub = 'severe', auth = buyer) =>
      call('POST', `/v1/shops/S1/orders/${o}/complaints`, auth, { id, kind: 'misdescription', sub_kind: sub, evidence: photo, note: '与描述不符' });

    it('takes a complaint from filing to sanction, and an accepted appeal back', async () => {
      expect((await call('POST', '/v1/orders', keys.S1, order('O1'))).status).toBe(201);
      const filed = await complain('O1', 'K1');
      expect(filed.status).toBe(201);
      expect(filed.json).toMatchObject({
        id: 'K1', shop: 'S1', order: 'O1', buyer: 'B1', kind: 'misdescription', sub_kind: 'severe', status: 'filed', status_label: '已投诉',
        kind_label: '描述不符', points: 0, merchant_silent: false, deadline: { kind: 'complaint_response' }, note: '与描述不符', response: null, ruling: null, appeal: null,
        actions: ['withdraw_complaint'],
      });
      expect(filed.json.evidence).toEqual([expect.objectContaining({ party: 'buyer', kind: 'photo', description: '照片' })]);
      expect(filed.json.timeline[0]).toMatchObject({ type: 'ComplaintFiled', actor: { role: 'buyer', id: 'B1' }, text: expect.stringContaining('买家投诉描述不符') });
      // The note stands apart from the evidence list, so it never reads as the evidence's own text.
      expect(filed.json.timeline[0].text).toBe('买家投诉描述不符 (材质成分严重不符或无法使用), 凭证: 照片; 说明: 「与描述不符」');
      expect((await call('GET', '/v1/complaints/K1', keys.S1)).json.actions).toEqual(['respond_complaint']);
      expect((await call('GET', '/v1/complaints/K1', keys.platform)).json.actions).toEqual([]);
      const en = await call('GET', '/v1/complaints/K1', keys.S1, undefined, { 'accept-language': 'en' });
      expect(en.json).toMatchObject({ kind_label: 'misdescription', status_label: 'filed' });

      const early = await call('POST', '/v1/complaints/K1/rule_complaint', keys.platform, { outcome: 'upheld' });
      expect([early.status, early.json.error.code, early.json.error.message]).toEqual([409, 'invalid_state', '投诉已投诉, 不能执行 rule_complaint']);
      const noEvidence = await call('POST', '/v1/complaints/K1/respond_complaint', keys.S1, {}, { 'accept-language': 'en' });
      expect([noEvidence.status, noEvidence.json.error.code, noEvidence.json.error.message]).toEqual([422, 'evidence_required', 'an answer to a complaint needs evidence']);
      const answered = await call('POST', '/v1/complaints/K1/respond_complaint', keys.S1, { evidence: chat, note: '商品无问题' });
      expect(answered.json).toMatchObject({ status: 'under_review', response: { note: '商品无问题' }, deadline: { kind: 'complaint_review' }, actions: [] });
      const ruled = await call('POST', '/v1/complaints/K1/rule_complaint', keys.platform, { outcome: 'upheld', note: '材质不符' });
      expect(ruled.json).toMatchObject({ status: 'upheld', points: 12, ruling: { outcome: 'upheld', note: '材质不符' }, deadline: null });

      const g = await call('GET', '/v1/shops/S1/governance', keys.S1);
      expect(g.json).toMatchObject({ shop: 'S1', points: 12, status: 'restricted', open_complaints: 0, deposit: { required: 100000, balance: 100000, shortfall: 0, topup_due_at: null } });
      expect(g.json.thresholds).toEqual([
        { points: 12, sanction: 'restriction', days: 7 }, { points: 24, sanction: 'restriction', days: 14 },
        { points: 36, sanction: 'restriction', days: 21 }, { points: 48, sanction: 'closure', days: null },
      ]);
      expect(g.json.sanctions).toEqual([{ kind: 'restriction', threshold: 12, from: expect.any(String), until: g.json.restricted_until, ended_at: null }]);
      expect(Date.parse(g.json.restricted_until) - Date.parse(g.json.sanctions[0].from)).toBe(7 * DAY);

      expect((await call('GET', '/v1/complaints/K1', keys.S1)).json.actions).toEqual(['appeal']);
      const appealed = await call('POST', '/v1/complaints/K1/appeal', keys.S1, { reason: '质检报告证明材质相符', evidence: [{ kind: 'inspection_report' }] });
      expect(appealed.json).toMatchObject({ status: 'appealed', appeal: { reason: '质检报告证明材质相符', outcome: null } });
      const again = await call('POST', '/v1/complaints/K1/appeal', keys.S1, { reason: 'x', evidence: chat });
      expect([again.status, again.json.error.code]).toEqual([422, 'not_eligible']);
      const reversed = await call('POST', '/v1/complaints/K1/rule_appeal', keys.platform, { outcome: 'accepted' });
      expect(reversed.json).toMatchObject({ status: 'reversed', points: 0, appeal: { outcome: 'accepted' } });
      const after = (await call('GET', '/v1/shops/S1/governance', keys.platform)).json;
      expect(after).toMatchObject({ points: 0, status: 'active', restricted_until: null });
      expect(after.sanctions[0].ended_at).not.toBeNull();
      expect(reversed.json.timeline.map((t: { type: string }) => t.type)).toEqual(
        expect.arrayContaining(['ComplaintFiled', 'ComplaintResponded', 'ComplaintRuled', 'ComplaintAppealed', 'AppealRuled']),
      );
    });

    it('shows a complaint to its buyer, its shop and the platform only; lists them per tenant by deadline', async () => {
      for (const auth of [keys.S2, otherBuyer]) {
        expect((await call('GET', '/v1/complaints/K1', auth)).status).toBe(404);
        expect((await call('POST', '/v1/complaints/K1/withdraw_complaint', auth, {})).status).toBe(404);
        expect((await call('GET', '/v1/shops/S1/governance', auth)).status).toBe(404);
        expect((await call('GET', '/v1/shops/S1/deposit/ledger', auth)).status).toBe(404);
        expect((await call('POST', '/v1/shops/S1/deposit/topup', auth, { amount: 100 })).status).toBe(404);
      }
      expect((await call('GET', '/v1/shops/S1/governance', buyer)).status).toBe(404);
      // Another buyer cannot complain about B1's order: it does not exist for them.
      expect((await complain('O1', 'KX', 'minor', otherBuyer)).status).toBe(404);
      expect((await call('POST', '/v1/orders', keys.S1, order('O2'))).status).toBe(201);
      expect((await call('POST', '/v1/orders', keys.S1, order('O3'))).status).toBe(201);
      expect((await complain('O2', 'K2', 'minor')).status).toBe(201);
      expect((await complain('O3', 'K3', 'affects_use')).status).toBe(201);
      const dup = await complain('O2', 'K2b', 'severe');
      expect([dup.status, dup.json.error.code]).toEqual([409, 'duplicate_case']);
      // Complaint ids name a complaint everywhere.
      const taken = await complain('O3', 'K2', 'minor');
      expect([taken.status, taken.json.error.code, taken.json.error.details.rule]).toEqual([400, 'validation', 'complaint_id']);

      const ids = async (url: string, auth: string) => (await call('GET', url, auth)).json.data.map((c: { id: string }) => c.id);
      // Running deadlines first (nearest first: K2 was filed before K3), then those without one.
      expect(await ids('/v1/complaints', keys.platform)).toEqual(['K2', 'K3', 'K1']);
      expect(await ids('/v1/complaints', keys.S1)).toEqual(['K2', 'K3', 'K1']);
      expect(await ids('/v1/complaints', buyer)).toEqual(['K2', 'K3', 'K1']);
      expect(await ids('/v1/complaints', keys.S2)).toEqual([]);
      expect(await ids('/v1/complaints', otherBuyer)).toEqual([]);
      expect(await ids('/v1/complaints?shop=S1', keys.S2)).toEqual([]);
      expect(await ids('/v1/complaints?status=filed', keys.platform)).toEqual(['K2', 'K3']);
      expect(await ids('/v1/complaints?status=reversed,filed&shop=S1', keys.platform)).toEqual(['K2', 'K3', 'K1']);
      const bad = await call('GET', '/v1/complaints?status=nope', keys.platform);
      expect([bad.status, bad.json.error.code]).toEqual([400, 'validation']);
      expect((await call('GET', '/v1/complaints?cursor=zzz', keys.platform)).json.error.code).toBe('validation');
      const seen: string[] = [];
      let cursor = '';
      for (let i = 0; i < 5; i++) {
        const page = (await call('GET', `/v1/complaints?limit=1${cursor ? `&cursor=${cursor}` : ''}`, keys.platform)).json;
        seen.push(...page.data.map((c: { id: string }) => c.id));
        if (!page.next_cursor) break;
        cursor = page.next_cursor;
      }
      expect(seen).toEqual(['K2', 'K3', 'K1']);
      // The buyer withdraws; the merchant may not.
      expect((await call('POST', '/v1/complaints/K3/withdraw_complaint', keys.S1, {})).json.error.code).toBe('forbidden');
      expect((await call('POST', '/v1/complaints/K3/withdraw_complaint', buyer, {})).json).toMatchObject({ status: 'withdrawn', actions: [] });
    });

    it('keeps the deposit ledger; the shop or the platform tops it up; only the platform reopens', async () => {
      const ledger = await call('GET', '/v1/shops/S1/deposit/ledger', keys.S1);
      expect(ledger.json.data).toEqual([{ at: expect.any(String), kind: 'topup', reason: 'opening', currency: 'CNY', amount: 100000, balance_after: 100000, ref: null }]);
      const topped = await call('POST', '/v1/shops/S1/deposit/topup', keys.S1, { amount: 5000, reference: 'bank-1' });
      expect(topped.json).toMatchObject({ deposit: { balance: 105000, shortfall: 0 } });
      expect((await call('POST', '/v1/shops/S1/deposit/topup', keys.platform, { amount: 1 })).json.deposit.balance).toBe(105001);
      expect((await call('POST', '/v1/shops/S1/deposit/topup', keys.S1, { amount: 0 })).status).toBe(400);
      expect((await call('GET', '/v1/shops/S1/deposit/ledger', keys.platform)).json.data.map((r: { amount: number; ref: string | null }) => [r.amount, r.ref])).toEqual([
        [100000, null], [5000, 'bank-1'], [1, null],
      ]);
      const byShop = await call('POST', '/v1/shops/S1/reopen', keys.S1, {});
      expect([byShop.status, byShop.json.error.code]).toEqual([403, 'forbidden']);
      const notClosed = await call('POST', '/v1/shops/S1/reopen', keys.platform, {}, { 'accept-language': 'en' });
      expect([notClosed.status, notClosed.json.error.message]).toEqual([409, 'the shop is not closed']);
      expect((await call('GET', '/v1/shops/NOPE/governance', keys.platform)).status).toBe(404);
    });

    it('closes the shop at 48 points: new orders refused, a case on an existing order goes on; the platform reopens it', async () => {
      for (const id of ['P1', 'P2', 'P3', 'P4']) {
        expect((await call('POST', '/v1/orders', keys.S1, order(id))).status).toBe(201);
        expect((await complain(id, `K${id}`)).status).toBe(201);
        expect((await call('POST', `/v1/complaints/K${id}/respond_complaint`, keys.S1, { evidence: chat })).status).toBe(200);
        expect((await call('POST', `/v1/complaints/K${id}/rule_complaint`, keys.platform, { outcome: 'upheld' })).status).toBe(200);
      }
      const g = (await call('GET', '/v1/shops/S1/governance', keys.S1)).json;
      expect(g).toMatchObject({ points: 48, status: 'closed' });
      // 12 was crossed already this year (then reversed): each threshold applies once a year (SPEC §8.2).
      expect(g.sanctions.map((s: { kind: string; threshold: number }) => [s.kind, s.threshold])).toEqual([
        ['restriction', 12], ['restriction', 24], ['restriction', 36], ['closure', 48],
      ]);
      const refused = await call('POST', '/v1/orders', keys.S1, order('N1'), { 'accept-language': 'en' });
      expect([refused.status, refused.json.error.code, refused.json.error.details.rule]).toEqual([422, 'not_eligible', 'shop_closed']);
      expect(refused.json.error.message).toBe('the shop is closed by the platform and takes no new orders');
      const applied = await call('POST', '/v1/shops/S1/orders/O2/cases', buyer, { id: 'GC1', type: 'return_refund', reason: 'quality_issue', evidence: photo });
      expect(applied.status).toBe(201);
      expect((await call('POST', '/v1/cases/GC1/agree', keys.S1, { return_address: '杭州' })).json.status).toBe('awaiting_return');
      expect((await call('POST', '/v1/shops/S1/reopen', keys.platform, { note: '整改完成' })).json).toMatchObject({ status: 'restricted', points: 48 });
      expect((await call('POST', '/v1/orders', keys.S1, order('N1'))).status).toBe(201);
    });

    it('delivers governance events as webhooks through the outbox', async () => {
      const feed = (await call('GET', '/v1/events?limit=500', keys.S1)).json.data as { type: string; data: { complaint: string | null } }[];
      const types = new Set(feed.map((e) => e.type));
      for (const t of ['complaint.filed', 'complaint.responded', 'complaint.ruled', 'complaint.appealed', 'complaint.appeal_ruled', 'complaint.withdrawn', 'shop.sanctioned', 'shop.restriction_ended', 'shop.reopened']) {
        expect(types, t).toContain(t);
      }
      expect(feed.find((e) => e.type === 'complaint.filed')!.data).toMatchObject({ shop: 'S1', complaint: 'K1', stream: 'complaint:K1' });
      expect((await call('GET', '/v1/events?limit=500', keys.S2)).json.data.filter((e: { type: string }) => e.type.startsWith('complaint.'))).toEqual([]);
    });

    it('lists the governance routes in the OpenAPI document', async () => {
      const doc = (await world.app.inject({ method: 'GET', url: '/openapi.json' })).json();
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/v1/shops/{shop}/orders/{order}/complaints', '/v1/complaints', '/v1/complaints/{complaint}', '/v1/complaints/{complaint}/appeal',
          '/v1/shops/{shop}/governance', '/v1/shops/{shop}/deposit/ledger', '/v1/shops/{shop}/deposit/topup', '/v1/shops/{shop}/reopen',
        ]),
      );
    });
  });
}
