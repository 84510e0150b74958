// The claims API on every engine (SPEC §13): an A-to-z claim from filing to a ruling against the
// seller and an upheld appeal, a SAFE-T claim, the queue per tenant, refusals in words — every answer
// checked against the contract — and what the transactions wrote beside the events: the ledger's
// double entries, the metric facts order_defect_rate counts (kept by the recount), the outbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, issueBuyerToken } from '../src/app/credentials.ts';
import { openPglite, openPostgres, type Database } from '../src/store/db.ts';
import { DAY } from './domain-kit.ts';
import { contractCall, httpWorld, TOKEN_SECRET as SECRET, type HttpWorld } from './http-world.ts';
import { HAVE_PG, PG_URL } from './postgres.ts';

function claimsHttp(engineName: string, open: () => Promise<Database>) {
  describe(`claims API on ${engineName}`, () => {
    let world: HttpWorld;
    let amazon: string;
    const schema = `claims_http_${process.pid}_${engineName.toLowerCase()}`;
    const now = Date.now();
    const buyer = issueBuyerToken(SECRET, 'B1', now + DAY);
    const otherBuyer = issueBuyerToken(SECRET, 'B2', now + DAY);
    beforeAll(async () => {
      world = await httpWorld(open, schema, now);
      await world.engine.upsertShop({ id: 'A1', pack: 'amazon-us' });
      amazon = await createApiKey(world.db, 'A1', 'test', now);
    });
    afterAll(async () => {
      await world?.close();
    });

    const call = contractCall(() => world);
    const at = (ms: number) => new Date(ms).toISOString();
    const order = (id: string, shop = 'A1', signedDaysAgo = 10) => ({
      id, shop, buyer: 'B1',
      placed_at: at(now - (signedDaysAgo + 3) * DAY), paid_at: at(now - (signedDaysAgo + 3) * DAY),
      shipped_at: at(now - (signedDaysAgo + 2) * DAY), signed_at: at(now - signedDaysAgo * DAY),
      shipping_fee: 0, free_shipping: true, shipping_insurance: 0,
      lines: [{ id: 'L1', sku: 'LAMP', category: 'home', quantity: 1, paid_amount: 4999, flags: [] }],
    });
    const photo = [{ kind: 'photo', description: 'the lamp as it arrived' }];
    const proof = [{ kind: 'delivery_receipt', description: 'carrier proof of delivery' }];

    it('takes an A-to-z claim to a ruling against the seller and an upheld appeal, with its ledger and metric facts', async () => {
      expect((await call('POST', '/v1/orders', amazon, order('O1'))).status).toBe(201);
      const filed = await call('POST', '/v1/shops/A1/orders/O1/atoz-claims', buyer, { id: 'Z1', reason: 'not_as_described', evidence: photo, note: 'wrong model' });
      expect(filed.status).toBe(201);
      expect(filed.json).toMatchObject({
        id: 'Z1', kind: 'atoz_claim', shop: 'A1', order: 'O1', buyer: 'B1', status: 'filed', status_label: '待卖家回应', amount: 4999, currency: 'USD',
        seller_silent: false, deadline: { kind: 'claim_seller_response' }, basis: { kind: 'signed' }, ledger: [], actions: ['withdraw_claim'],
      });
      expect(Date.parse(filed.json.deadline.due_at) - Date.parse(filed.json.filed_at)).toBeGreaterThan(72 * 3_600_000 - 1000);
      expect((await call('GET', '/v1/claims/Z1', amazon)).json.actions).toEqual(['respond_claim']);
      expect((await call('GET', '/v1/claims/Z1', otherBuyer)).status).toBe(404);
      expect((await call('GET', '/v1/claims/Z1', world.keys.S1)).status).toBe(404);
      const noEvidence = await call('POST', '/v1/claims/Z1/respond_claim', amazon, { response: 'contest' }, { 'accept-language': 'en' });
      expect([noEvidence.status, noEvidence.json.error.code, noEvidence.json.error.message]).toEqual([422, 'evidence_required', 'contesting a claim needs evidence']);
      expect((await call('POST', '/v1/claims/Z1/respond_claim', amazon, { response: 'contest', evidence: proof })).json).toMatchObject({ status: 'under_review', deadline: null, actions: [] });
      const ruled = await call('POST', '/v1/claims/Z1/rule_claim', world.keys.platform, { outcome: 'granted_against_seller' }, { 'accept-language': 'en' });
      expect(ruled.json).toMatchObject({
        status: 'granted_against_seller', status_label: 'granted against the seller', ruling: { outcome: 'granted_against_seller' },
        ledger: [{ kind: 'atoz_seller_debit', amount: 4999, currency: 'USD', credit: 'buyer_credit', debit: 'merchant_account' }],
      });
      expect((await call('POST', '/v1/claims/Z1/appeal_claim', amazon, { reason: 'delivered as listed', evidence: proof })).json.status).toBe('appealed');
      const upheld = await call('POST', '/v1/claims/Z1/rule_claim_appeal', world.keys.platform, { outcome: 'upheld' });
      expect(upheld.json).toMatchObject({ status: 'reversed', appeal: { outcome: 'upheld' } });
      expect(upheld.json.ledger.map((l: { kind: string }) => l.kind)).toEqual(['atoz_seller_debit', 'atoz_appeal_reversal']);
      const again = await call('POST', '/v1/claims/Z1/appeal_claim', amazon, { reason: 'again', evidence: proof });
      expect([again.status, again.json.error.code]).toEqual([422, 'not_eligible']);

      // SPEC §6 double entries: each movement nets to zero; the seller's debit is given back.
      const rows = await world.db.query<{ account: string; kind: string; amount: number }>(`SELECT account, kind, amount FROM ledger WHERE shop_id = 'A1' ORDER BY entry_id`);
      expect(rows.rows.map((r) => [r.kind, r.account, Number(r.amount)])).toEqual([
        ['atoz_seller_debit', 'buyer_credit', 4999], ['atoz_seller_debit', 'merchant_account', -4999],
        ['atoz_appeal_reversal', 'merchant_account', 4999], ['atoz_appeal_reversal', 'platform_funds', -4999],
      ]);
      // SPEC §13 → order_defect_rate: filed, granted against the seller, reversed — written with the events and kept by the recount.
      const facts = await world.db.query<{ counter: string }>(`SELECT counter FROM metric_facts WHERE shop_id = 'A1' AND counter LIKE 'atoz_%' ORDER BY at, counter`);
      expect(facts.rows.map((f) => f.counter)).toEqual(['atoz_filed', 'atoz_granted', 'atoz_reversed']);
      expect((await world.engine.auditMetrics({ full: true })).mismatches.filter((m) => m.shop === 'A1')).toEqual([]);
      const outbox = await world.db.query<{ type: string }>(`SELECT type FROM outbox WHERE shop_id = 'A1' AND type LIKE 'claim.%' ORDER BY id`);
      expect(outbox.rows.map((o) => o.type)).toEqual(['claim.filed', 'claim.responded', 'claim.ruled', 'claim.appealed', 'claim.appeal_ruled']);
    });

    it('a SAFE-T claim needs a refunded return; A-to-z claims refuse in a Chinese pack; the queue follows the tenant', async () => {
      const noCase = await call('POST', '/v1/shops/A1/orders/O1/safet-claims', amazon, { id: 'Y1', case: 'NOPE', reason: 'returned_empty', evidence: photo }, { 'accept-language': 'en' });
      expect([noCase.status, noCase.json.error.code]).toEqual([404, 'not_found']);
      const byBuyer = await call('POST', '/v1/shops/A1/orders/O1/safet-claims', buyer, { id: 'Y1', case: 'C1', reason: 'returned_empty', evidence: photo });
      expect(byBuyer.json.error.code).toBe('forbidden');
      expect((await call('POST', '/v1/orders', world.keys.S1, order('T1', 'S1'))).status).toBe(201);
      const taobao = await call('POST', '/v1/shops/S1/orders/T1/atoz-claims', buyer, { id: 'Z9', reason: 'not_received' }, { 'accept-language': 'en' });
      expect([taobao.status, taobao.json.error.code, taobao.json.error.message]).toEqual([422, 'not_eligible', 'this marketplace has no A-to-z Guarantee claim (SPEC §13: pack amazon-us)']);
      const bad = await call('POST', '/v1/shops/A1/orders/O1/atoz-claims', buyer, { reason: 'broken' });
      expect([bad.status, bad.json.error.code]).toEqual([400, 'validation']);

      expect((await call('GET', '/v1/claims', world.keys.platform)).json.data.map((c: { id: string }) => c.id)).toEqual(['Z1']);
      expect((await call('GET', '/v1/claims?kind=atoz_claim&status=reversed', amazon)).json.data.map((c: { id: string }) => c.id)).toEqual(['Z1']);
      expect((await call('GET', '/v1/claims?status=filed', amazon)).json.data).toEqual([]);
      expect((await call('GET', '/v1/claims', buyer)).json.data).toHaveLength(1);
      expect((await call('GET', '/v1/claims', otherBuyer)).json.data).toEqual([]);
      expect((await call('GET', '/v1/claims', world.keys.S1)).json.data).toEqual([]);
      expect((await call('GET', '/v1/claims?shop=A1', world.keys.S1)).json.data).toEqual([]);
    });
  });
}

claimsHttp('PGlite', () => openPglite());
if (HAVE_PG) claimsHttp('PostgreSQL', () => openPostgres(PG_URL));
