// The demo marketplace `npm start` seeds on first start: four shops on different platform packs
// and categories, ~1,000 orders at every stage, and cases in every status, made through the engine
// like any other caller's (so their histories and deadlines are real). Their evidence photos (and a
// merchant's invoice in arbitration) are real files, stored as an upload stores them, so the
// console's evidence gallery and arbitration desk have something to show (SPEC §7).
import type { CaseCommand, EvidenceInput, OrderInput } from '../domain/commands.ts';
import type { Actor, LineFlag } from '../domain/types.ts';
import { defectPhoto, invoiceScan, sha256 } from './demo-files.ts';
import type { Engine } from './engine.ts';
import { seedGovernance } from './demo-governance.ts';
import { seedAutomation } from './demo-automation.ts';
import { seedMetricsHistory } from './demo-metrics.ts';
import { seedDesk } from './demo-desk.ts';

export const DEMO_SHOPS = [
  { id: 'tb-apparel', pack: 'taobao', category: 'apparel', name: '淘宝·衣橱小铺' },
  { id: 'tm-beauty', pack: 'tmall', category: 'cosmetics', name: '天猫·美妆旗舰店' },
  { id: 'pdd-fresh', pack: 'pinduoduo', category: 'fresh', name: '拼多多·果园直发' },
  { id: 'jd-digital', pack: 'jd', category: 'electronics', name: '京东·数码自营' },
] as const;

/** Where the demo shops take returns (SPEC §4: the merchant names it when agreeing). */
const RETURN_ADDRESS = '浙江省杭州市余杭区仓前街道 售后仓 3 号门 (收件人: 售后组 0571-8888 0000)';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A small deterministic generator, so every fresh demo looks the same. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

const ITEMS: Record<string, { sku: string; title: string; price: number; flags?: LineFlag[] }[]> = {
  apparel: [
    { sku: 'TEE-M', title: '纯棉短袖T恤 M', price: 7900 },
    { sku: 'JEANS-30', title: '直筒牛仔裤 30', price: 15900 },
    { sku: 'COAT-L', title: '羊毛大衣 L', price: 59900 },
    { sku: 'CUSTOM-TEE', title: '定制印花T恤', price: 9900, flags: ['customized'] },
  ],
  cosmetics: [
    { sku: 'SERUM-30', title: '精华液 30ml', price: 45900 },
    { sku: 'LIPSTICK', title: '口红 #999', price: 32000, flags: ['hygiene_opened'] },
    { sku: 'MASK-10', title: '面膜 10片', price: 9900 },
  ],
  fresh: [
    { sku: 'ORANGE-5KG', title: '赣南脐橙 5斤', price: 3990, flags: ['perishable'] },
    { sku: 'MANGO-3KG', title: '贵妃芒 3斤', price: 2990, flags: ['perishable'] },
  ],
  electronics: [
    { sku: 'EARBUDS', title: '无线耳机', price: 49900 },
    { sku: 'CHARGER-65W', title: '65W 充电器', price: 12900 },
    { sku: 'E-CARD-100', title: '100元游戏点卡', price: 10000, flags: ['virtual'] },
  ],
};

/**
 * Stores an evidence file as POST /v1/cases/:case/evidence does (src/http/evidence-routes.ts):
 * by content hash, for the case, with who uploaded it. The case then names it by its sha256.
 */
async function storeFile(engine: Engine, shopId: string, caseId: string, content: Buffer, filename: string, by: Actor): Promise<void> {
  await engine.storeEvidence({ shopId, caseId, sha256: sha256(content), contentType: 'image/png', filename, uploadedBy: by, content });
}

export async function seedDemo(engine: Engine, now: number, orders = 1000): Promise<{ orders: number; cases: number; files: number }> {
  const rnd = prng(20261122);
  for (const s of DEMO_SHOPS) await engine.upsertShop({ id: s.id, pack: s.pack, category: s.category });
  let placed = 0;
  let cases = 0;
  let files = 0;
  const stages = ['pending_payment', 'paid', 'shipped', 'signed', 'completed'] as const;
  const shippedOnes: { shop: string; order: string; buyer: string; category: string; stage: string }[] = [];
  for (let i = 1; i <= orders; i++) {
    const shop = DEMO_SHOPS[i % DEMO_SHOPS.length]!;
    const items = ITEMS[shop.category]!;
    const item = items[Math.floor(rnd() * items.length)]!;
    const stage = stages[Math.min(stages.length - 1, Math.floor(rnd() * 6))]!;
    const placedAt = now - Math.floor((3 + rnd() * 16) * DAY);
    const quantity = 1 + Math.floor(rnd() * 3);
    const reached = (s: (typeof stages)[number]) => stages.indexOf(stage) >= stages.indexOf(s);
    const order: OrderInput = {
      id: `D${String(i).padStart(5, '0')}`,
      shop: shop.id,
      buyer: `buyer-${1 + (i % 40)}`,
      placed_at: placedAt,
      ...(reached('paid') ? { paid_at: placedAt + 10 * 60_000 } : {}),
      ...(reached('shipped') ? { shipped_at: placedAt + 20 * HOUR, carrier: 'SF', tracking: `SF${100000 + i}` } : {}),
      ...(reached('signed') ? { signed_at: placedAt + 2 * DAY } : {}),
      ...(reached('completed') ? { completed_at: placedAt + 2 * DAY + 6 * HOUR } : {}),
      shipping_fee: rnd() < 0.3 ? 800 : 0,
      free_shipping: rnd() >= 0.3,
      shipping_insurance: rnd() < 0.4 ? 1200 : 0,
      lines: [{ id: 'L1', sku: item.sku, title: item.title, category: shop.category, quantity, paid_amount: item.price * quantity, flags: item.flags ?? [] }],
    };
    order.free_shipping = order.shipping_fee === 0;
    const r = await engine.placeOrder(order, { role: 'platform' });
    if (!r.ok) throw new Error(`demo order ${order.id}: ${r.code} ${r.message.en}`);
    placed++;
    if (reached('shipped')) shippedOnes.push({ shop: shop.id, order: order.id, buyer: order.buyer, category: shop.category, stage });
  }

  // Cases in every status: each recipe is a series of steps on one order.
  type Step = [CaseCommand['kind'], Record<string, unknown>?];
  // `merchantEvidence`: what the shop gives in the first round's case (the arbitration desk then
  // has both sides); the other rounds' merchants have not answered yet.
  const recipes: { name: string; apply: { evidence?: EvidenceInput[] } & Record<string, unknown>; steps: Step[]; merchantEvidence?: EvidenceInput }[] = [
    { name: 'requested', apply: { type: 'return_refund', reason: 'quality_issue', evidence: [{ kind: 'photo', description: '开线' }] }, steps: [] },
    { name: 'offer_pending', apply: { type: 'refund_only', reason: 'damaged', evidence: [{ kind: 'photo', description: '外箱破损' }] }, steps: [['offer', { type: 'refund_only', amount: 1000, note: '补偿10元, 商品保留' }]] },
    { name: 'rejected', apply: { type: 'refund_only', reason: 'not_as_described', evidence: [{ kind: 'photo' }] }, steps: [['reject', { reason: '商品与描述一致, 详见详情页第3张图' }]] },
    { name: 'awaiting_return', apply: { type: 'return_refund', reason: 'quality_issue', evidence: [{ kind: 'photo', description: '拉链坏了' }] }, steps: [['agree', { returnAddress: RETURN_ADDRESS }]] },
    { name: 'return_in_transit', apply: { type: 'return_refund', reason: 'damaged', evidence: [{ kind: 'photo' }] }, steps: [['agree', { returnAddress: RETURN_ADDRESS }], ['ship_return', { carrier: 'YTO', tracking: 'YT8888', shippingCost: 1000 }]] },
    { name: 'awaiting_reship', apply: { type: 'reship', reason: 'wrong_or_missing_item', evidence: [{ kind: 'photo', description: '少发一件' }] }, steps: [['agree', {}]] },
    { name: 'reship_in_transit', apply: { type: 'reship', reason: 'wrong_or_missing_item', evidence: [{ kind: 'photo' }] }, steps: [['agree', {}], ['reship', { carrier: 'SF', tracking: 'SF7777' }]] },
    {
      name: 'in_arbitration',
      apply: { type: 'return_refund', reason: 'counterfeit', evidence: [{ kind: 'photo', description: '防伪码查询无记录' }] },
      steps: [],
      merchantEvidence: { kind: 'invoice', description: '品牌方进货发票, 批次与商品一致' },
    },
    { name: 'completed', apply: { type: 'refund_only', reason: 'damaged', evidence: [{ kind: 'photo' }] }, steps: [['agree', {}]] },
    { name: 'closed', apply: { type: 'return_refund', reason: 'quality_issue', evidence: [{ kind: 'photo', description: '鞋底开胶' }] }, steps: [['cancel', {}]] },
  ];
  type Recipe = (typeof recipes)[number];
  /** Plays one recipe on one order; false when the engine refuses the application. */
  const play = async (recipe: Recipe, target: (typeof shippedOnes)[number], caseId: string, seq: number, withMerchantEvidence: boolean) => {
    const buyer: Actor = { role: 'buyer', id: target.buyer };
    const merchant: Actor = { role: 'merchant', id: target.shop };
    // Each photo a file of its own (the sequence number picks its look), named by its hash.
    const photos: Buffer[] = [];
    const evidence = (recipe.apply.evidence ?? []).map((item) => {
      if (item.kind !== 'photo') return item;
      const content = defectPhoto(seq + photos.length);
      photos.push(content);
      return { ...item, sha256: sha256(content) };
    });
    const applied = await engine.caseCommand({ kind: 'apply', caseId, args: { ...recipe.apply, evidence } as never }, buyer, { shopId: target.shop, orderId: target.order });
    if (!applied.ok) return false;
    cases++;
    for (const [i, content] of photos.entries()) {
      await storeFile(engine, target.shop, caseId, content, `${caseId}-photo-${i + 1}.png`, buyer);
      files++;
    }
    for (const [kind, args] of recipe.steps) {
      const actor = ['offer', 'reject', 'agree', 'reship', 'receive_return'].includes(kind) ? merchant : buyer;
      await engine.caseCommand({ kind, caseId, ...args } as CaseCommand, actor, { shopId: target.shop });
    }
    if (recipe.merchantEvidence && withMerchantEvidence) {
      const content = invoiceScan();
      await storeFile(engine, target.shop, caseId, content, `${caseId}-invoice.png`, merchant);
      files++;
      const given = await engine.caseCommand({ kind: 'submit_evidence', caseId, evidence: [{ ...recipe.merchantEvidence, sha256: sha256(content) }] }, merchant, { shopId: target.shop });
      if (!given.ok) throw new Error(`demo evidence on ${caseId}: ${given.code} ${given.message.en}`);
    }
    return true;
  };

  const signed = shippedOnes.filter((o) => (o.stage === 'signed' || o.stage === 'completed') && o.category !== 'fresh' && o.category !== 'electronics');
  let n = 0;
  for (let round = 0; round < 3; round++) {
    // The first rounds' refunds are paid at once; the last round's wait for the worker (refunding).
    if (round === 2) await engine.runRefunds(now);
    for (const recipe of recipes) {
      const target = signed[n++];
      if (!target) break;
      await play(recipe, target, `AS-${recipe.name}-${round + 1}`, n, round === 0);
    }
  }

  // The fresh and digital shops get cases of their kind too, so each demo shop has a queue: the
  // fresh shop's are refunds only (perishables are never sent back, SPEC §3).
  const more: { shop: string; name: string; recipe: Recipe }[] = [
    { shop: 'pdd-fresh', name: 'fresh-requested', recipe: { name: 'requested', apply: { type: 'refund_only', reason: 'damaged', evidence: [{ kind: 'photo', description: '到货烂果 3 个' }] }, steps: [] } },
    {
      shop: 'pdd-fresh',
      name: 'fresh-offer_pending',
      recipe: { name: 'offer_pending', apply: { type: 'refund_only', reason: 'quality_issue', evidence: [{ kind: 'photo', description: '果子偏小' }] }, steps: [['offer', { type: 'refund_only', amount: 500, note: '补偿 5 元' }]] },
    },
    { shop: 'jd-digital', name: 'digital-requested', recipe: { name: 'requested', apply: { type: 'return_refund', reason: 'quality_issue', evidence: [{ kind: 'photo', description: '左耳无声音' }] }, steps: [] } },
    {
      shop: 'jd-digital',
      name: 'digital-awaiting_return',
      recipe: { name: 'awaiting_return', apply: { type: 'exchange', reason: 'quality_issue', evidence: [{ kind: 'photo', description: '充电器不通电' }] }, steps: [['agree', { returnAddress: RETURN_ADDRESS }]] },
    },
  ];
  const taken = new Set<string>();
  for (const m of more) {
    for (const target of shippedOnes) {
      if (target.shop !== m.shop || target.stage === 'shipped' || taken.has(target.order)) continue;
      taken.add(target.order);
      if (await play(m.recipe, target, `AS-${m.name}-1`, ++n, false)) break;
    }
  }
  // Platform governance: complaints in every status, a restricted shop, a deposit shortfall (SPEC §8).
  await seedGovernance(engine, now, placed);
  // SPEC §10.2: a demo shop's automation rules and SOP tiers (after its seeded cases).
  await seedAutomation(engine);
  // Shop metrics with 90 days of history and the governance cycle's last two verdicts (SPEC §8.4–§8.5).
  await seedMetricsHistory(engine, now);
  // The service desk: tickets in every state, quick replies, a case conversation (SPEC §10.1).
  await seedDesk(engine, now, DEMO_SHOPS.map((s) => s.id), placed);
  return { orders: placed, cases, files };
}
