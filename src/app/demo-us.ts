// The demo's US marketplace shop (issue 17, SPEC §13): an amazon-us shop beside the Chinese ones,
// its orders in US dollars (cents: 2599 is $25.99), placed over the last three weeks relative to
// the seed's clock, and a few cases in different states made through the engine's ordinary
// commands. English throughout: a US seller and US buyers read it. The Chinese shops' seed is
// untouched (src/app/demo-seed.ts).
import type { CaseCommand, OrderInput } from '../domain/commands.ts';
import type { Actor, CaseType, Reason } from '../domain/types.ts';
import { defectPhoto, sha256 } from './demo-files.ts';
import type { DemoProduct } from './demo-catalog.ts';
import type { Engine } from './engine.ts';

export const DEMO_US_SHOP = { id: 'amz-home', pack: 'amazon-us', category: 'home', name: 'Amazon · Maple Home Goods' } as const;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** What the US shop sells (prices in cents) and how buyers there word a defect. */
const US_CATALOG: (DemoProduct & { defect: string; note: string })[] = [
  { sku: 'MUG-12OZ', title: 'Ceramic coffee mug, 12 oz', price: 2599, shape: 'serum', colors: ['#f1faee', '#457b9d'], defects: {}, defect: 'Handle cracked', note: 'The handle arrived with a crack through it.' },
  { sku: 'LAMP-DESK', title: 'LED desk lamp', price: 3999, shape: 'charger', colors: ['#ffffff', '#6c757d'], defects: {}, defect: 'Lamp does not turn on', note: 'The lamp does not turn on with any outlet.' },
  { sku: 'TOWEL-SET', title: 'Cotton bath towel set (4)', price: 3450, shape: 'tee', colors: ['#e9edc9', '#ccd5ae'], defects: {}, defect: 'Towels are stained', note: 'Two of the towels have yellow stains.' },
];

/** US buyers: ids in the marketplace's style (ASCII), with the names the sign-in page shows. */
export const DEMO_US_BUYERS = [
  { id: 'amzn_a1emily', name: 'Emily R.' },
  { id: 'amzn_b2jacob', name: 'Jacob M.' },
  { id: 'amzn_c3olivia', name: 'Olivia K.' },
  { id: 'amzn_d4noah', name: 'Noah S.' },
] as const;
const US_BUYER_IDS = new Set<string>(DEMO_US_BUYERS.map((b) => b.id));
export const isUsDemoBuyer = (buyerId: string): boolean => US_BUYER_IDS.has(buyerId);

/** The cases: the order (by index), when applied (hours before now) and the merchant's steps. */
/** A step: the command, hours after the application, its body, and who sends it (default the seller). */
type UsStep = [CaseCommand['kind'], number, Record<string, unknown>, ('buyer' | 'platform')?];
const US_CASES: { order: number; type: CaseType; reason: Reason; ago: number; steps: UsStep[] }[] = [
  { order: 0, type: 'refund_only', reason: 'damaged', ago: 5, steps: [] },
  { order: 1, type: 'refund_only', reason: 'quality_issue', ago: 30, steps: [['offer', 2, { type: 'refund_only', amount: 1000, note: 'A $10.00 partial refund; please keep the item.' }]] },
  { order: 2, type: 'refund_only', reason: 'damaged', ago: 6 * 24, steps: [['agree', 3, {}]] },
  { order: 3, type: 'refund_only', reason: 'quality_issue', ago: 50, steps: [['reject', 4, { reason: 'The listing photos show the same item; please return it instead.' }]] },
  // SPEC §13: returns the platform authorizes at once with a prepaid label — a change of mind (the
  // buyer pays the label) waiting for the parcel, and a defect (the seller pays) delivered back to
  // the seller, whose 2 business days to refund are running.
  { order: 4, type: 'return_refund', reason: 'size_or_color', ago: 20, steps: [] },
  { order: 5, type: 'return_refund', reason: 'quality_issue', ago: 72, steps: [['ship_return', 6, {}, 'buyer'], ['return_delivered', 48, {}, 'platform']] },
];

/** Places the US shop's orders and plays its cases; returns how many of each it made and the case ids. */
export async function seedUsShop(engine: Engine, now: number): Promise<{ orders: number; cases: number; caseIds: string[] }> {
  const s = DEMO_US_SHOP;
  await engine.upsertShop({ id: s.id, pack: s.pack, category: s.category, name: s.name, returnAddress: 'Maple Home Goods Returns, 1200 Harbor Blvd, Oakland, CA 94607' });
  const orders: OrderInput[] = [];
  for (let i = 0; i < 12; i++) {
    const item = US_CATALOG[i % US_CATALOG.length]!;
    // 4 to 20 days ago: delivered two days after being placed, within the 30-day return window.
    const placedAt = now - (4 + ((i * 7) % 17)) * DAY - i * HOUR;
    const quantity = 1 + (i % 2);
    const order: OrderInput = {
      id: `US${String(i + 1).padStart(4, '0')}`,
      shop: s.id,
      buyer: DEMO_US_BUYERS[i % DEMO_US_BUYERS.length]!.id,
      currency: 'USD',
      placed_at: placedAt,
      paid_at: placedAt + 5 * 60_000,
      shipped_at: placedAt + 18 * HOUR,
      carrier: 'UPS',
      tracking: `1Z999AA1${String(1000 + i)}`,
      signed_at: placedAt + 2 * DAY,
      shipping_fee: 0,
      free_shipping: true,
      shipping_insurance: 0,
      lines: [{ id: 'L1', sku: item.sku, title: item.title, category: s.category, quantity, paid_amount: item.price * quantity, flags: [] }],
    };
    const r = await engine.placeOrder(order, { role: 'platform' }, { at: placedAt + 2 * DAY + 60_000 });
    if (!r.ok) throw new Error(`demo order ${order.id}: ${r.code} ${r.message.en}`);
    orders.push(order);
  }
  const caseIds: string[] = [];
  for (const [n, c] of US_CASES.entries()) {
    const order = orders[c.order]!;
    const item = US_CATALOG.find((p) => p.sku === order.lines[0]!.sku)!;
    const appliedAt = now - c.ago * HOUR;
    const caseId = `US-C${String(n + 1).padStart(3, '0')}`;
    const buyer: Actor = { role: 'buyer', id: order.buyer };
    const merchant: Actor = { role: 'merchant', id: s.id };
    const photo = defectPhoto(item, item.defect, 900 + n);
    const args = { type: c.type, reason: c.reason, note: item.note, evidence: [{ kind: 'photo', description: item.defect, sha256: sha256(photo) }] };
    const applied = await engine.caseCommand({ kind: 'apply', caseId, args } as CaseCommand, buyer, { shopId: s.id, orderId: order.id, at: appliedAt });
    if (!applied.ok) throw new Error(`demo case ${caseId} apply: ${applied.code} ${applied.message.en}`);
    await engine.storeEvidence({ shopId: s.id, caseId, sha256: sha256(photo), contentType: 'image/jpeg', filename: `${caseId}-photo-1.jpg`, uploadedBy: buyer, content: photo });
    for (const [kind, after, body, role] of c.steps) {
      const actor: Actor = role === 'buyer' ? buyer : role === 'platform' ? { role: 'platform' } : merchant;
      const r = await engine.caseCommand({ kind, caseId, ...body } as CaseCommand, actor, { shopId: s.id, at: appliedAt + after * HOUR });
      if (!r.ok) throw new Error(`demo case ${caseId} ${kind}: ${r.code} ${r.message.en}`);
    }
    caseIds.push(caseId);
  }
  return { orders: orders.length, cases: caseIds.length, caseIds };
}
