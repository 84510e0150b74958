// The service-desk API on every engine (SPEC §10.1, §10.5): a buyer asks the merchant on a ticket,
// the merchant is notified and answers, the buyer is notified, rates once; quick replies refuse
// 好评返现; carrier claims within the order's paid amount; a missed resolution escalates to the
// platform, which answers and resolves; tenancy (404 for what is not yours); webhooks in the
// outbox — every answer checked against the contract.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueBuyerToken } from '../src/app/credentials.ts';
import type { Database } from '../src/store/db.ts';
import { expectContract } from './contract-shapes.ts';
import { DAY } from './domain-kit.ts';
import { httpWorld, TOKEN_SECRET as SECRET, type HttpWorld } from './http-world.ts';

export function deskHttp(engineName: string, open: () => Promise<Database>) {
  describe(`service-desk API on ${engineName}`, () => {
    let world: HttpWorld;
    let keys: HttpWorld['keys'];
    const schema = `desk_http_${process.pid}_${engineName.toLowerCase()}`;
    const now = Date.now();
    const buyer = issueBuyerToken(SECRET, 'B1', now + DAY);
    const otherBuyer = issueBuyerToken(SECRET, 'B2', now + DAY);
    beforeAll(async () => {
      world = await httpWorld(open, schema, now);
      keys = world.keys;
      const order = (id: string) => ({
        id, shop: 'S1', buyer: 'B1',
        placed_at: new Date(now - 3 * DAY).toISOString(), paid_at: new Date(now - 3 * DAY).toISOString(), shipped_at: new Date(now - 2 * DAY).toISOString(),
        shipping_fee: 0, free_shipping: true, shipping_insurance: 0,
        lines: [{ id: 'L1', sku: 'TEE', category: 'apparel', quantity: 1, paid_amount: 19900, flags: [] }],
      });
      for (const id of ['O1', 'O2']) expect((await call('POST', '/v1/orders', keys.S1, order(id))).status).toBe(201);
    });
    afterAll(async () => {
      await world?.close();
    });

    const call = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, auth: string, body?: unknown, headers: Record<string, string> = {}) => {
      const res = await world.app.inject({ method, url, payload: body as object, headers: { authorization: `Bearer ${auth}`, ...headers } });
      expectContract(method, url, res);
      return { status: res.statusCode, json: res.statusCode === 204 ? null : res.json() };
    };
    const unread = async (auth: string) => (await call('GET', '/v1/notifications', auth)).json;

    it('a buyer asks on a ticket, the merchant is notified and answers, the buyer is notified and rates once', async () => {
      const opened = await call('POST', '/v1/tickets', buyer, { id: 'T1', shop: 'S1', order: 'O1', kind: 'consultation', message: '请问退货地址是哪里?' });
      expect(opened.status).toBe(201);
      expect(opened.json).toMatchObject({ id: 'T1', shop: 'S1', buyer: 'B1', order: 'O1', kind: 'consultation', kind_label: '咨询', status: 'open', awaiting_response: true, actions: ['reply'] });
      expect(opened.json.deadlines.map((d: { kind: string }) => d.kind)).toEqual(['ticket_first_response', 'ticket_resolution']);
      expect(Date.parse(opened.json.sla_due) - Date.parse(opened.json.opened_at)).toBe(DAY);

      const inbox = await unread(keys.S1);
      expect(inbox.unread).toBe(1);
      expect(inbox.data[0]).toMatchObject({ kind: 'ticket.opened', subject: 'ticket:T1', text: '买家发起了咨询工单 T1: 「请问退货地址是哪里?」', read_at: null });
      expect((await unread(buyer)).unread).toBe(0);
      expect((await unread(keys.S2)).unread).toBe(0);

      expect((await call('GET', '/v1/tickets/T1', keys.S1)).json.actions).toEqual(['reply', 'resolve']);
      const answered = await call('POST', '/v1/tickets/T1/reply', keys.S1, { message: '退货地址: 杭州市余杭区仓前街道 1 号' });
      expect(answered.json).toMatchObject({ awaiting_response: false, deadlines: [{ kind: 'ticket_resolution' }] });
      expect(answered.json.first_response_at).not.toBeNull();
      const told = await unread(buyer);
      expect(told.unread).toBe(1);
      expect(told.data[0].text).toBe('商家回复了工单 T1: 「退货地址: 杭州市余杭区仓前街道 1 号」');
      expect((await call('POST', '/v1/notifications/read', buyer, {})).json.unread).toBe(0);

      const resolved = await call('POST', '/v1/tickets/T1/resolve', keys.S1, {});
      expect(resolved.json).toMatchObject({ status: 'resolved', deadlines: [{ kind: 'ticket_close' }] });
      expect((await call('GET', '/v1/tickets/T1', buyer)).json.actions).toEqual(['reopen', 'rate']);
      expect((await call('POST', '/v1/tickets/T1/rate', buyer, { csat: 5 })).json).toMatchObject({ csat: 5, status: 'resolved' });
      const again = await call('POST', '/v1/tickets/T1/rate', buyer, { csat: 1 }, { 'accept-language': 'en' });
      expect([again.status, again.json.error.code, again.json.error.message]).toEqual([422, 'not_eligible', 'this ticket was rated already: a ticket is rated once']);
      const bad = await call('POST', '/v1/tickets/T1/rate', buyer, { csat: 'five' });
      expect([bad.status, bad.json.error.code]).toEqual([400, 'validation']);
    });

    it('shows a ticket to its buyer, its shop and the platform only; queues by SLA deadline', async () => {
      for (const auth of [keys.S2, otherBuyer]) {
        expect((await call('GET', '/v1/tickets/T1', auth)).status).toBe(404);
        expect((await call('POST', '/v1/tickets/T1/reply', auth, { message: 'hi' })).status).toBe(404);
      }
      expect((await call('GET', '/v1/tickets/T1', keys.platform)).status).toBe(200);
      // The platform acts once a ticket is escalated (SPEC §10.1).
      const early = await call('POST', '/v1/tickets/T1/reopen', keys.platform, {});
      expect([early.status, early.json.error.code]).toEqual([403, 'forbidden']);
      // Another buyer cannot open a ticket on B1's order: it does not exist for them.
      expect((await call('POST', '/v1/tickets', otherBuyer, { shop: 'S1', order: 'O1', kind: 'consultation', message: 'x' })).status).toBe(404);
      expect((await call('POST', '/v1/tickets', keys.S2, { shop: 'S1', order: 'O1', kind: 'consultation', message: 'x' })).status).toBe(404);
      const noKind = await call('POST', '/v1/tickets', buyer, { shop: 'S1', message: 'x' });
      expect([noKind.status, noKind.json.error.code]).toEqual([400, 'validation']);
      const noShop = await call('POST', '/v1/tickets', buyer, { kind: 'consultation', message: 'x' });
      expect([noShop.status, noShop.json.error.details.field]).toEqual([400, 'shop']);
      expect((await call('POST', '/v1/tickets', buyer, { shop: 'NOPE', kind: 'consultation', message: 'x' })).status).toBe(404);

      // A complaint (48 h) opened after a consultation (24 h) is due later; a resolved one has no SLA.
      expect((await call('POST', '/v1/tickets', buyer, { id: 'T2', shop: 'S1', kind: 'complaint', message: '客服态度差' })).status).toBe(201);
      expect((await call('POST', '/v1/tickets', buyer, { id: 'T3', shop: 'S1', order: 'O2', kind: 'consultation', message: '什么时候到货?' })).status).toBe(201);
      const ids = async (url: string, auth: string) => (await call('GET', url, auth)).json.data.map((t: { id: string }) => t.id);
      expect(await ids('/v1/tickets', keys.S1)).toEqual(['T3', 'T2', 'T1']);
      expect(await ids('/v1/tickets', buyer)).toEqual(['T3', 'T2', 'T1']);
      expect(await ids('/v1/tickets?status=open', keys.platform)).toEqual(['T3', 'T2']);
      expect(await ids('/v1/tickets', keys.S2)).toEqual([]);
      expect(await ids('/v1/tickets?shop=S1', keys.S2)).toEqual([]);
      expect(await ids('/v1/tickets', otherBuyer)).toEqual([]);
      const page = (await call('GET', '/v1/tickets?limit=2', keys.S1)).json;
      expect(page.data.map((t: { id: string }) => t.id)).toEqual(['T3', 'T2']);
      expect(await ids(`/v1/tickets?limit=2&cursor=${page.next_cursor}`, keys.S1)).toEqual(['T1']);
      expect((await call('GET', '/v1/tickets?cursor=zzz', keys.S1)).json.error.code).toBe('validation');
    });

    it('keeps quick replies per shop and refuses a template offering money for a good review (好评返现)', async () => {
      const name = encodeURIComponent('退货地址');
      const saved = await call('PUT', `/v1/shops/S1/quick-replies/${name}`, keys.S1, { text: '{buyer} 您好, 订单 {order} 请寄回: 杭州市余杭区仓前街道 1 号' });
      expect(saved.json.data).toEqual([{ name: '退货地址', text: '{buyer} 您好, 订单 {order} 请寄回: 杭州市余杭区仓前街道 1 号', placeholders: ['buyer', 'order'], updated_at: expect.any(String) }]);
      const cash = await call('PUT', `/v1/shops/S1/quick-replies/${encodeURIComponent('好评')}`, keys.S1, { text: '亲, 给个五星好评返 3 元红包哦' });
      expect([cash.status, cash.json.error.code, cash.json.error.message]).toEqual([422, 'policy_violation', '快捷回复不能以返现、红包等利益诱导买家好评 (好评返现违反平台规则)']);
      const unknown = await call('PUT', `/v1/shops/S1/quick-replies/x`, keys.S1, { text: '您好 {name}' });
      expect([unknown.status, unknown.json.error.details.placeholder]).toEqual([400, 'name']);
      expect((await call('GET', '/v1/shops/S1/quick-replies', keys.platform)).json.data).toHaveLength(1);
      for (const auth of [buyer, keys.S2]) expect((await call('GET', '/v1/shops/S1/quick-replies', auth)).status).toBe(404);
      expect((await call('PUT', `/v1/shops/S1/quick-replies/x`, keys.S2, { text: 'x' })).status).toBe(404);
      expect((await call('DELETE', `/v1/shops/S1/quick-replies/${name}`, keys.S1)).json.data).toEqual([]);
      expect((await call('DELETE', `/v1/shops/S1/quick-replies/${name}`, keys.S1)).status).toBe(404);
    });

    it('records carrier claims on a logistics ticket, at most the order’s paid amount, and lists the shop’s', async () => {
      const opened = await call('POST', '/v1/tickets', keys.S1, { id: 'L1', order: 'O2', kind: 'logistics', message: '您的包裹在转运中心破损, 我们已向快递索赔并为您补发' });
      expect(opened.json).toMatchObject({ buyer: 'B1', awaiting_response: false, actions: ['reply', 'resolve', 'claim_carrier'] });
      expect((await unread(buyer)).data[0].kind).toBe('ticket.opened');
      const over = await call('POST', '/v1/tickets/L1/claim_carrier', keys.S1, { kind: 'damaged', amount: 19901, carrier: 'SF', tracking: 'SF100200300' });
      expect([over.status, over.json.error.code]).toEqual([422, 'amount_exceeds_refundable']);
      expect((await call('POST', '/v1/tickets/L1/claim_carrier', buyer, { kind: 'damaged', amount: 100 })).status).toBe(403);
      expect((await call('POST', '/v1/tickets/L1/claim_carrier', keys.S1, { kind: 'damaged', amount: 19900, carrier: 'SF', tracking: 'SF100200300' })).json.claims).toHaveLength(1);
      expect((await call('GET', '/v1/shops/S1/carrier-claims', keys.S1)).json).toMatchObject({ open_amount: 19900, claimed: 19900, recovered: 0, data: [{ ticket: 'L1', order: 'O2', kind: 'damaged', amount: 19900, recovered: null }] });
      expect((await call('POST', '/v1/tickets/L1/settle_carrier_claim', keys.S1, { amount: 15000 })).json.claims[0].recovered).toBe(15000);
      expect((await call('GET', '/v1/shops/S1/carrier-claims', keys.platform)).json).toMatchObject({ open_amount: 0, claimed: 19900, recovered: 15000 });
      expect((await call('GET', '/v1/shops/S1/carrier-claims', buyer)).status).toBe(404);
    });

    it('escalates a ticket not resolved in 7 working days to the platform, which answers and resolves it', async () => {
      const r = await world.engine.ticketCommand({ kind: 'open_ticket', ticketId: 'E1', ticketKind: 'complaint', message: '一直没人处理', actor: { role: 'buyer', id: 'B1' } }, { shopId: 'S1', orderId: 'O1' }, { at: now - 20 * DAY });
      expect(r.ok).toBe(true);
      for (let d = await world.engine.nextDue(now); d; d = await world.engine.nextDue(now)) await world.engine.fire(d);
      const t = (await call('GET', '/v1/tickets/E1', keys.platform)).json;
      expect(t).toMatchObject({ escalated: true, actions: ['reply', 'resolve'] });
      expect(t.sla_breaches.map((b: { sla: string }) => b.sla)).toEqual(['first_response', 'resolution']);
      expect((await call('GET', '/v1/tickets?escalated=true', keys.platform)).json.data.map((x: { id: string }) => x.id)).toEqual(['E1']);
      const platformInbox = await unread(keys.platform);
      expect(platformInbox.data.map((n: { kind: string }) => n.kind)).toContain('ticket.escalated');
      expect((await unread(keys.S1)).data.map((n: { kind: string }) => n.kind)).toEqual(expect.arrayContaining(['ticket.sla_breached', 'ticket.escalated']));
      expect((await call('POST', '/v1/tickets/E1/reply', keys.platform, { message: '平台已介入, 请商家今天内处理' })).status).toBe(200);
      expect((await unread(buyer)).data[0]).toMatchObject({ kind: 'ticket.message', text: '平台回复了工单 E1: 「平台已介入, 请商家今天内处理」' });
      expect((await call('POST', '/v1/tickets/E1/resolve', keys.platform, {})).json).toMatchObject({ status: 'resolved' });
    });

    it('a buyer asks the merchant for the return address on the case; the merchant is notified and answers; only the case’s parties see it', async () => {
      const photo = [{ kind: 'photo', description: '破洞照片' }];
      const applied = await call('POST', '/v1/shops/S1/orders/O1/cases', buyer, { id: 'C1', type: 'return_refund', reason: 'quality_issue', evidence: photo });
      expect(applied.status).toBe(201);
      expect((await unread(keys.S1)).data[0]).toMatchObject({ kind: 'case.status', subject: 'case:C1', text: '售后单 C1 现为「待商家处理」' });
      const asked = await call('POST', '/v1/cases/C1/messages', buyer, { text: '商家尚未提供退货地址, 请问寄到哪里?' });
      expect(asked.status).toBe(201);
      expect(asked.json.data).toEqual([{ seq: expect.any(Number), from: 'buyer', text: '商家尚未提供退货地址, 请问寄到哪里?', attachments: [], at: expect.any(String) }]);
      const merchantInbox = await unread(keys.S1);
      expect(merchantInbox.data[0]).toMatchObject({ kind: 'case.message', subject: 'case:C1', text: '买家在售后单 C1 中留言: 「商家尚未提供退货地址, 请问寄到哪里?」' });
      const before = (await unread(buyer)).unread;
      expect((await call('POST', '/v1/cases/C1/messages', keys.S1, { text: '请寄到: 杭州市余杭区仓前街道 1 号 售后部' })).status).toBe(201);
      expect((await unread(buyer)).unread).toBe(before + 1);
      const seen = (await call('GET', '/v1/cases/C1/messages', buyer)).json.data;
      expect(seen.map((m: { from: string; text: string }) => [m.from, m.text])).toEqual([['buyer', '商家尚未提供退货地址, 请问寄到哪里?'], ['merchant', '请寄到: 杭州市余杭区仓前街道 1 号 售后部']]);
      // Part of the case's history (hash-chained), read like every other entry of the timeline.
      const timeline = (await call('GET', '/v1/cases/C1', buyer)).json.timeline.map((t: { zh: string }) => t.zh);
      expect(timeline).toContain('买家留言: 「商家尚未提供退货地址, 请问寄到哪里?」');
      for (const auth of [otherBuyer, keys.S2]) {
        expect((await call('GET', '/v1/cases/C1/messages', auth)).status).toBe(404);
        expect((await call('POST', '/v1/cases/C1/messages', auth, { text: 'x' })).status).toBe(404);
      }
      const notInvolved = await call('POST', '/v1/cases/C1/messages', keys.platform, { text: '平台' });
      expect([notInvolved.status, notInvolved.json.error.code, notInvolved.json.error.details.rule]).toEqual([403, 'forbidden', 'platform_not_involved']);
      const empty = await call('POST', '/v1/cases/C1/messages', buyer, { text: '  ' });
      expect([empty.status, empty.json.error.code]).toEqual([400, 'validation']);
      expect((await call('GET', '/v1/cases/C1/messages', keys.platform)).json.data).toHaveLength(2);
    });

    it('notifies the merchant of a rule complaint to answer, and both parties of the ruling', async () => {
      const filed = await call('POST', '/v1/shops/S1/orders/O2/complaints', buyer, { id: 'K1', kind: 'misdescription', sub_kind: 'minor', evidence: [{ kind: 'photo' }], note: '颜色不符' });
      expect(filed.status).toBe(201);
      expect((await unread(keys.S1)).data[0]).toMatchObject({ kind: 'complaint.status', subject: 'complaint:K1', text: '投诉 K1 现为「已投诉」' });
      expect((await call('POST', '/v1/complaints/K1/respond_complaint', keys.S1, { evidence: [{ kind: 'chat_log' }] })).status).toBe(200);
      expect((await unread(keys.platform)).data[0]).toMatchObject({ kind: 'complaint.status', subject: 'complaint:K1' });
      expect((await call('POST', '/v1/complaints/K1/rule_complaint', keys.platform, { outcome: 'dismissed' })).status).toBe(200);
      expect((await unread(buyer)).data[0]).toMatchObject({ kind: 'complaint.status', text: '投诉 K1 现为「投诉不成立」' });
      // 12 points upheld: the shop is restricted (SPEC §8.2), and its merchant is told.
      expect((await call('POST', '/v1/shops/S1/orders/O1/complaints', buyer, { id: 'K2', kind: 'misdescription', sub_kind: 'severe', evidence: [{ kind: 'photo' }] })).status).toBe(201);
      expect((await call('POST', '/v1/complaints/K2/respond_complaint', keys.S1, { evidence: [{ kind: 'chat_log' }] })).status).toBe(200);
      expect((await call('POST', '/v1/complaints/K2/rule_complaint', keys.platform, { outcome: 'upheld' })).status).toBe(200);
      const kinds = (await unread(keys.S1)).data.slice(0, 2).map((n: { kind: string; text: string }) => [n.kind, n.text]);
      expect(kinds).toEqual(expect.arrayContaining([['shop.status', '店铺因违规扣分被处罚'], ['complaint.status', '投诉 K2 现为「投诉成立」']]));
    });

    it('delivers ticket events as webhooks through the outbox, and lists the routes in OpenAPI', async () => {
      const feed = (await call('GET', '/v1/events?limit=500', keys.S1)).json.data as { type: string; data: { ticket?: string } }[];
      const types = new Set(feed.map((e) => e.type));
      for (const t of ['ticket.opened', 'ticket.message', 'ticket.resolved', 'ticket.rated', 'ticket.sla_breached', 'ticket.escalated', 'carrier_claim.filed', 'carrier_claim.settled']) expect(types, t).toContain(t);
      expect((await call('GET', '/v1/events?limit=500', keys.S2)).json.data.filter((e: { type: string }) => e.type.startsWith('ticket.'))).toEqual([]);
      const doc = (await world.app.inject({ method: 'GET', url: '/openapi.json' })).json();
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/tickets', '/v1/tickets/{ticket}', '/v1/tickets/{ticket}/reply', '/v1/shops/{shop}/quick-replies', '/v1/shops/{shop}/carrier-claims', '/v1/notifications']));
    });
  });
}
