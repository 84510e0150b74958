// The demo marketplace's evidence (SPEC §7) and its truthfulness (issue 16): every seeded photo is
// a stored JPEG the console can show, drawn for its case; every case speaks of its own product's
// defects; cases were applied over the last 30 days with some due within the day, numbered as the
// platforms number them; the counterfeit cases stay in arbitration with the merchant's burden of
// proof, one answered with an invoice scan; and two seeds store the same bytes (deterministic).
import { loadImage } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoIdentities } from '../src/app/demo-identities.ts';
import { seedDemo, type DemoSeeded } from '../src/app/demo-seed.ts';
import { DEMO_US_SHOP, isUsDemoBuyer } from '../src/app/demo-us.ts';
import { CATEGORY_WORDS, DEMO_BUYERS, nicknameOf } from '../src/app/demo-catalog.ts';
import { DEMO_IMAGE, sha256 } from '../src/app/demo-files.ts';
import { createEngine } from '../src/app/engine.ts';
import { builtinPacks } from '../src/app/packs.ts';
import { simulatedProvider } from '../src/app/payments.ts';
import { createApiKey } from '../src/app/credentials.ts';
import { buildServer } from '../src/http/server.ts';
import { openPglite, type Database } from '../src/store/db.ts';
import { migrate } from '../src/store/migrations.ts';

const NOW = Date.parse('2026-03-02T10:00:00+08:00');
const HOUR = 3_600_000;

async function seeded(schema: string) {
  const db: Database = await openPglite();
  await db.useSchema(schema);
  await migrate(db);
  let tick = NOW;
  const engine = createEngine({ db, packs: builtinPacks(), clock: { now: () => (tick += 1000) }, payments: simulatedProvider(db) });
  const demo: DemoSeeded = await seedDemo(engine, NOW, 200);
  return { db, engine, demo };
}

describe('the demo seed’s evidence files', () => {
  let world: Awaited<ReturnType<typeof seeded>>;
  let ids: Record<string, string> = {};
  let app: Awaited<ReturnType<typeof buildServer>>;
  let key = '';
  const get = (url: string) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });

  beforeAll(async () => {
    world = await seeded('demo_seed_a');
    ids = world.demo.caseIds;
    key = await createApiKey(world.db, '_platform', 'test', NOW);
    app = await buildServer({ engine: world.engine, tokenSecret: 'demo-seed' });
  });
  afterAll(async () => {
    await app?.close();
    await world?.db.close();
  });

  it('stores a downloadable JPEG for every photo a seeded case names, drawn for it, a few KB each', async () => {
    const cases = await world.db.query<{ case_id: string }>('SELECT case_id FROM cases ORDER BY case_id');
    expect(cases.rows.length).toBeGreaterThanOrEqual(30);
    for (const { case_id: id } of cases.rows) {
      const detail = (await get(`/v1/cases/${id}`)).json();
      expect(detail.evidence.length, id).toBeGreaterThan(0);
      for (const e of detail.evidence) {
        expect(e, id).toMatchObject({ content_type: 'image/jpeg', url: `/v1/cases/${id}/evidence/${e.sha256}` });
      }
    }
    const id = ids['requested-1']!;
    const photo = (await get(`/v1/cases/${id}`)).json().evidence[0];
    expect(photo).toMatchObject({ kind: 'photo', party: 'buyer' });
    const file = await get(photo.url);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect(sha256(file.rawPayload)).toBe(photo.sha256);
    const image = await loadImage(file.rawPayload);
    expect([image.width, image.height]).toEqual([DEMO_IMAGE.width, DEMO_IMAGE.height]);
    const sizes = await world.db.query<{ n: number }>('SELECT length(content)::int AS n FROM evidence_files');
    for (const { n } of sizes.rows) expect([n > 2_000, n < 30_000], String(n)).toEqual([true, true]);
    // No two cases share a photo: each is drawn for its case.
    const photos = await world.db.query<{ n: number; distinct: number }>("SELECT count(*)::int AS n, count(DISTINCT sha256)::int AS distinct FROM evidence_files WHERE filename LIKE '%photo%'");
    expect(photos.rows[0]!.distinct).toBe(photos.rows[0]!.n);
  });

  it('tells the truth: each case speaks of its product, over the last 30 days, some due within the day, numbered like the platforms’', async () => {
    const all = (await get('/v1/cases?limit=200')).json() as { data: { id: string; shop: string; order: string; buyer: string; deadline: { due: string } | null }[] };
    // The Chinese shops' cases (the amazon-us shop's are checked on their own below).
    const page = { data: all.data.filter((x) => x.shop !== DEMO_US_SHOP.id) };
    expect(page.data.length).toBeGreaterThanOrEqual(30);
    const applied: number[] = [];
    for (const item of page.data) {
      expect(item.id).toMatch(/^\d{8}-\d{6}$/);
      const c = (await get(`/v1/cases/${item.id}`)).json() as { applied_at: string; note: string | null; lines: { title: string }[]; evidence: { party: string; description: string | null }[] };
      const order = (await get(`/v1/shops/${item.shop}/orders/${item.order}`)).json() as { lines: { category: string; title: string }[] };
      const words = CATEGORY_WORDS[order.lines[0]!.category]!;
      // The buyer's note and photo name a defect of this category's goods (no 拉链坏了 on a lipstick).
      const said = [c.note ?? '', ...c.evidence.filter((e) => e.party === 'buyer').map((e) => e.description ?? '')];
      expect(said.some((t) => words.includes(t)), `${item.id}: ${said.join(' | ')} (${order.lines[0]!.category})`).toBe(true);
      for (const other of Object.entries(CATEGORY_WORDS).filter(([k]) => k !== order.lines[0]!.category).flatMap(([, w]) => w)) {
        expect(said.includes(other) && !words.includes(other), `${item.id} says ${other}`).toBe(false);
      }
      // The number's day is the day applied (platform time).
      expect(item.id.slice(0, 8)).toBe(c.applied_at.slice(0, 10).replace(/-/g, ''));
      applied.push(Date.parse(c.applied_at));
      expect(DEMO_BUYERS.map((b) => b.id)).toContain(item.buyer);
    }
    const days = applied.map((a) => (NOW - a) / (24 * HOUR));
    expect(Math.max(...days)).toBeGreaterThan(25);
    expect(Math.max(...days)).toBeLessThanOrEqual(30);
    expect(Math.min(...days)).toBeGreaterThanOrEqual(0);
    // Spread: cases on at least 12 different days.
    expect(new Set(page.data.map((x) => x.id.slice(0, 8))).size).toBeGreaterThanOrEqual(12);
    // Deadlines ahead, differing, and at least one due within 24 hours.
    const due = page.data.filter((x) => x.deadline).map((x) => Date.parse(x.deadline!.due) - NOW);
    expect(due.every((d) => d > 0)).toBe(true);
    expect(due.filter((d) => d <= 24 * HOUR).length).toBeGreaterThanOrEqual(1);
    expect(new Set(due.map((d) => Math.round(d / HOUR))).size).toBeGreaterThan(10);
    // Every recipe's case is in the status its name says.
    for (const [name, id] of Object.entries(ids)) {
      const status = name.replace(/^(fresh|digital)-/, '').replace(/-\d$/, '');
      const c = (await get(`/v1/cases/${id}`)).json();
      expect(c.status === status || (status === 'completed' && c.status === 'refunding'), `${name} ${id} ${c.status}`).toBe(true);
    }
  });

  it('keeps the counterfeit cases in arbitration, one with the merchant’s invoice to compare', async () => {
    const one = (await get(`/v1/cases/${ids['in_arbitration-1']}`)).json();
    expect(one).toMatchObject({ status: 'in_arbitration', reason: 'counterfeit', ruling: null });
    expect(one.evidence.map((e: { party: string; kind: string }) => `${e.party}:${e.kind}`)).toEqual(['buyer:photo', 'merchant:invoice']);
    expect(one.burdens).toEqual([expect.objectContaining({ party: 'merchant', situation: 'counterfeit', met: true })]);
    const invoice = await get(one.evidence[1].url);
    expect((await loadImage(invoice.rawPayload)).width).toBe(DEMO_IMAGE.width);
    // The invoice answers the request: still open until its time, but nothing is awaited.
    expect(one.evidence_requests).toEqual([expect.objectContaining({ party: 'merchant', open: true, met: true })]);
    expect(one.timeline.at(-1)).toMatchObject({ type: 'EvidenceSubmitted', zh: '商家提交凭证: 发票' });
    for (const id of [ids['in_arbitration-2']!, ids['in_arbitration-3']!]) {
      const c = (await get(`/v1/cases/${id}`)).json();
      expect(c, id).toMatchObject({ status: 'in_arbitration', ruling: null, burdens: [expect.objectContaining({ party: 'merchant', met: false })] });
      expect(c.evidence_requests, id).toEqual([expect.objectContaining({ party: 'merchant', open: true, met: false })]);
    }
  });

  it('gives every demo shop a queue and every returned parcel an address', async () => {
    const byShop = await world.db.query<{ shop_id: string; n: number }>('SELECT shop_id, count(*)::int AS n FROM cases GROUP BY shop_id ORDER BY shop_id');
    expect(byShop.rows.map((r) => r.shop_id)).toEqual(['amz-home', 'jd-digital', 'pdd-fresh', 'tb-apparel', 'tm-beauty']);
    for (const id of ['fresh-requested-1', 'fresh-offer_pending-1', 'digital-requested-1', 'digital-awaiting_return-1'].map((n) => ids[n]!)) {
      expect((await get(`/v1/cases/${id}`)).statusCode, id).toBe(200);
    }
    const awaiting = await world.db.query<{ case_id: string }>("SELECT case_id FROM cases WHERE status = 'awaiting_return' AND shop_id <> 'amz-home'");
    expect(awaiting.rows.length).toBeGreaterThan(0);
    for (const { case_id: id } of awaiting.rows) expect((await get(`/v1/cases/${id}`)).json().return_address, id).toMatch(/杭州/);
  });

  it('lists for sign-in the platform, every shop and a buyer for each state a buyer acts in', async () => {
    const keys = { platform: 'k-platform', 'tb-apparel': 'k-tb', 'tm-beauty': 'k-tm', 'pdd-fresh': 'k-pdd', 'jd-digital': 'k-jd' };
    const list = (await demoIdentities(world.engine, keys, 'demo-seed'))();
    expect(list.filter((i) => i.role !== 'buyer').map((i) => i.id)).toEqual(['platform', 'tb-apparel', 'tm-beauty', 'pdd-fresh', 'jd-digital']);
    const buyers = list.filter((i) => i.role === 'buyer' && !isUsDemoBuyer(i.id));
    expect(new Set(buyers.map((b) => b.id)).size).toBe(buyers.length);
    // Shown by nickname (小鹿爱吃草), signed in by id (tb_ and 8 digits, what the token carries).
    for (const b of buyers) expect(b.name.startsWith(`${nicknameOf(b.id)} (${b.id})`), b.name).toBe(true);
    for (const b of buyers) expect(b.id).toMatch(/^tb_\d{8}$/);
    // Each listed buyer has a case in the state its name promises, and can read it with its token.
    const promised = { 待确认: 'offer_pending', 待寄回: 'awaiting_return', 补寄在途: 'reship_in_transit', 平台介入中: 'in_arbitration' };
    for (const [words, status] of Object.entries(promised)) {
      const b = buyers.find((x) => x.name.includes(words));
      expect(b, words).toBeDefined();
      const mine = await app.inject({ method: 'GET', url: `/v1/cases?status=${status}`, headers: { authorization: `Bearer ${b!.token}` } });
      expect(mine.statusCode, mine.body).toBe(200);
      expect(mine.json().data.length, words).toBeGreaterThan(0);
    }
    // The rejected buyer may escalate at once (SPEC §4); the one waiting for the shop not yet, and is told from when.
    const asBuyer = (name: string, url: string) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${buyers.find((x) => x.name.includes(name))!.token}` } });
    const rejected = (await asBuyer('申请被拒', '/v1/cases?status=rejected')).json().data[0];
    expect((await asBuyer('申请被拒', `/v1/cases/${rejected.id}`)).json()).toMatchObject({ escalate_from: null, actions: expect.arrayContaining(['escalate']) });
    const waiting = (await asBuyer('等待商家处理', '/v1/cases?status=requested')).json().data[0];
    const early = (await asBuyer('等待商家处理', `/v1/cases/${waiting.id}`)).json();
    expect(early.actions).not.toContain('escalate');
    expect(Date.parse(early.escalate_from)).toBeGreaterThan(Date.parse(early.applied_at));
  });

  it('seeds an amazon-us shop in US dollars beside the Chinese ones, with cases in several states and a US buyer to sign in as (issue 17)', async () => {
    const asShop = await createApiKey(world.db, DEMO_US_SHOP.id, 'test', NOW);
    const me = await app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${asShop}` } });
    expect(me.json()).toEqual({ kind: 'shop', shop: 'amz-home', currency: 'USD', time_zone: 'America/Los_Angeles' });
    const orders = (await app.inject({ method: 'GET', url: '/v1/orders?limit=50', headers: { authorization: `Bearer ${asShop}` } })).json().data as { currency: string; lines: { paid_amount: number }[] }[];
    expect(orders.length).toBe(12);
    expect(orders.every((o) => o.currency === 'USD')).toBe(true);
    expect(orders.flatMap((o) => o.lines.map((l) => l.paid_amount))).toContain(2599);
    const cases = (await app.inject({ method: 'GET', url: '/v1/cases?limit=50', headers: { authorization: `Bearer ${asShop}` } })).json().data as { status: string; currency: string; label_payer: string | null; deadline: { kind: string } | null }[];
    expect(cases.every((c) => c.currency === 'USD')).toBe(true);
    // SPEC §13: a return the platform authorized with a label the buyer pays, and a return delivered
    // back to the seller with its 2 business days to refund running.
    expect(cases.filter((c) => c.status === 'awaiting_return').map((c) => c.label_payer)).toEqual(['buyer']);
    expect(cases.find((c) => c.deadline?.kind === 'refund_after_receipt')).toMatchObject({ status: 'return_in_transit', label_payer: 'merchant' });
    expect(new Set(cases.map((c) => c.status)).size).toBeGreaterThanOrEqual(3);
    // Its requests are answered in English when they name no language.
    const refused = await app.inject({ method: 'GET', url: '/v1/cases/nope', headers: { authorization: `Bearer ${asShop}` } });
    expect(refused.json().error.message).toMatch(/^[ -~]+$/);
    // The Chinese shops' orders stay in yuan.
    expect((await get('/v1/orders?shop=tb-apparel&limit=5')).json().data.every((o: { currency: string }) => o.currency === 'CNY')).toBe(true);
    const keys = { platform: 'k-platform', 'tb-apparel': 'k-tb', 'amz-home': 'k-us' };
    const list = (await demoIdentities(world.engine, keys, 'demo-seed'))();
    expect(list.find((i) => i.id === 'amz-home')).toMatchObject({ role: 'shop', pack: 'amazon-us' });
    expect(list.filter((i) => i.role === 'buyer' && isUsDemoBuyer(i.id)).map((i) => i.name)).toEqual([expect.stringContaining('Amazon US buyer')]);
  });

  it('seeds complaints in every status, a restricted shop and a deposit shortfall (SPEC §8)', async () => {
    const all = (await get('/v1/complaints?limit=200')).json().data as { id: string; status: string }[];
    // The metrics history's complaints (KM-…, SPEC §8.4 interventions) are all withdrawn: no points.
    const [history, recipes] = [all.filter((c) => c.id.startsWith('KM-')), all.filter((c) => !c.id.startsWith('KM-'))];
    expect(recipes.map((c) => c.status).sort()).toEqual(['appealed', 'dismissed', 'filed', 'reversed', 'under_review', 'upheld', 'withdrawn']);
    expect(history.length).toBeGreaterThan(0);
    expect(new Set(history.map((c) => c.status))).toEqual(new Set(['withdrawn']));
    expect((await get('/v1/shops/tb-apparel/governance')).json()).toMatchObject({ status: 'restricted', points: 12 });
    const fresh = (await get('/v1/shops/pdd-fresh/governance')).json();
    expect(fresh.deposit.shortfall).toBe(200000);
    expect(fresh.deposit.topup_due_at).not.toBeNull();
  });

  it('gives the service desk tickets in every state, one near its SLA, one escalated, quick replies and a case conversation', async () => {
    const page = (await get('/v1/tickets?limit=200')).json() as { data: { id: string; status: string; escalated: boolean; sla_due: string | null; sla_breaches: unknown[]; csat: number | null }[] };
    expect(new Set(page.data.map((t) => t.status))).toEqual(new Set(['open', 'resolved', 'closed']));
    // The queue's first: due within a few hours of the seed's now, not missed yet.
    const first = page.data[0]!;
    expect([first.sla_breaches.length, Date.parse(first.sla_due!) - NOW > 0, Date.parse(first.sla_due!) - NOW <= 4 * 3_600_000]).toEqual([0, true, true]);
    expect(page.data.filter((t) => t.escalated).length).toBeGreaterThanOrEqual(1);
    expect(page.data.some((t) => t.sla_breaches.length > 0 && !t.escalated)).toBe(true);
    expect(page.data.some((t) => t.csat !== null)).toBe(true);
    expect(((await get('/v1/shops/tb-apparel/quick-replies')).json() as { data: unknown[] }).data.length).toBeGreaterThanOrEqual(3);
    const claims = (await get('/v1/shops/jd-digital/carrier-claims')).json() as { open_amount: number };
    expect(claims.open_amount).toBeGreaterThan(0);
    const talk = (await get(`/v1/cases/${ids['requested-1']}/messages`)).json() as { data: { from: string }[] };
    expect(talk.data.map((m) => m.from)).toEqual(['buyer', 'merchant']);
  });

  it('tells a metrics story: one fruit shop restricted by the governance cycle, one watched (SPEC §8.5)', async () => {
    const category = (await get('/v1/metrics/categories/fresh')).json() as { shops: { shop: string; status: string; watched: boolean; counted: boolean }[] };
    expect(category.shops[0]).toMatchObject({ shop: 'pdd-orchard', status: 'restricted', watched: true, counted: true });
    expect(category.shops.filter((s) => s.watched).map((s) => s.shop).sort()).toEqual(['pdd-farm', 'pdd-orchard']);
    const series = (await get('/v1/shops/pdd-orchard/metrics/series?days=90')).json() as { days: { metrics: { intervention_rate: number | null } }[] };
    expect(series.days).toHaveLength(90);
    expect(series.days.filter((d) => d.metrics.intervention_rate !== null).length).toBeGreaterThan(50);
  });

  it('stores the same files on every fresh seed', async () => {
    const files = (db: Database) => db.query<{ case_id: string; sha256: string }>('SELECT case_id, sha256 FROM evidence_files ORDER BY case_id, sha256');
    const again = await seeded('demo_seed_b');
    try {
      const first = (await files(world.db)).rows;
      expect(first.length).toBeGreaterThanOrEqual(28);
      expect((await files(again.db)).rows).toEqual(first);
    } finally {
      await again.db.close();
    }
  });
});
