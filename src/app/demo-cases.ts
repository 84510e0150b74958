// The demo's after-sales cases (issue 16): every status, applied over the last 30 days at the
// instants their steps happened (so countdowns differ and some fall due within the day), each about
// its order's product with the defect buyers of that product report, a photo of it drawn for the
// case, and a number like the platforms' (20261129-000123: the day applied, then a serial).
import type { CaseCommand, EvidenceInput } from '../domain/commands.ts';
import { formatInstant } from '../domain/calendar.ts';
import { yuan } from '../domain/labels.ts';
import type { Actor, CaseType, Reason } from '../domain/types.ts';
import { productOf } from './demo-catalog.ts';
import { defectPhoto, invoiceScan, sha256 } from './demo-files.ts';
import type { Engine } from './engine.ts';

const HOUR = 3_600_000;

/** Where the demo shops take returns (SPEC §4: the merchant names it when agreeing). */
const RETURN_ADDRESS = '浙江省杭州市余杭区仓前街道 售后仓 3 号门 (收件人: 售后组 0571-8888 0000)';

export interface DemoOrder {
  shop: string;
  order: string;
  buyer: string;
  category: string;
  sku: string;
  /** When it was signed for, and the instant of its own last step (a case comes after both). */
  signedAt: number | null;
  placedAt: number;
  lastAt: number;
}

/** A step: the command, and how many hours after the application it happened. */
type Step = [CaseCommand['kind'], number, Record<string, unknown>?];
interface Recipe {
  name: string;
  type: CaseType;
  reason: Reason;
  /** Hours before the seed's now the case was applied for, one per round. */
  ago: number[];
  steps: Step[];
  /** The first round's merchant answers with a purchase invoice (the arbitration desk has both sides). */
  invoice?: boolean;
}

const DAYS = 24;
// Each open status applied recently enough that its deadline is still ahead; the first rounds'
// fall due within the day (the workbench's 24-hour chart). Finished cases go back 30 days.
const RECIPES: Recipe[] = [
  { name: 'requested', type: 'return_refund', reason: 'quality_issue', ago: [3, 20, 50], steps: [] },
  { name: 'offer_pending', type: 'refund_only', reason: 'damaged', ago: [160, 100, 30], steps: [['offer', 2, { type: 'refund_only', amount: 1000, note: '补偿10元, 商品保留' }]] },
  { name: 'rejected', type: 'refund_only', reason: 'not_as_described', ago: [150, 60, 8], steps: [['reject', 3, { reason: '商品与描述一致, 详见详情页第3张图' }]] },
  { name: 'awaiting_return', type: 'return_refund', reason: 'quality_issue', ago: [163, 90, 26], steps: [['agree', 1, { returnAddress: RETURN_ADDRESS }]] },
  { name: 'return_in_transit', type: 'return_refund', reason: 'damaged', ago: [200, 120, 40], steps: [['agree', 2, { returnAddress: RETURN_ADDRESS }], ['ship_return', 20, { carrier: 'YTO', tracking: 'YT8888', shippingCost: 1000 }]] },
  { name: 'awaiting_reship', type: 'reship', reason: 'wrong_or_missing_item', ago: [100, 48, 12], steps: [['agree', 1, {}]] },
  { name: 'reship_in_transit', type: 'reship', reason: 'wrong_or_missing_item', ago: [230, 130, 36], steps: [['agree', 1, {}], ['reship', 24, { carrier: 'SF', tracking: 'SF7777' }]] },
  { name: 'in_arbitration', type: 'return_refund', reason: 'counterfeit', ago: [60, 30, 10], steps: [], invoice: true },
  { name: 'completed', type: 'refund_only', reason: 'damaged', ago: [29 * DAYS, 20 * DAYS, 11 * DAYS], steps: [['agree', 4, {}]] },
  { name: 'closed', type: 'return_refund', reason: 'quality_issue', ago: [27 * DAYS, 16 * DAYS, 7 * DAYS], steps: [['cancel', 12, {}]] },
];

/** The fresh and digital shops' cases: the fresh shop's are refunds only (perishables are never sent back, SPEC §3). */
const MORE: (Recipe & { shop: string })[] = [
  { shop: 'pdd-fresh', name: 'fresh-requested', type: 'refund_only', reason: 'damaged', ago: [5], steps: [] },
  { shop: 'pdd-fresh', name: 'fresh-offer_pending', type: 'refund_only', reason: 'quality_issue', ago: [30], steps: [['offer', 3, { type: 'refund_only', amount: 500, note: '补偿 5 元' }]] },
  { shop: 'jd-digital', name: 'digital-requested', type: 'return_refund', reason: 'quality_issue', ago: [10], steps: [] },
  { shop: 'jd-digital', name: 'digital-awaiting_return', type: 'exchange', reason: 'quality_issue', ago: [70], steps: [['agree', 2, { returnAddress: RETURN_ADDRESS }]] },
];

/** The platforms' style of case number: the day applied (platform time) and a serial. */
const caseNumber = (at: number, serial: number) => `${formatInstant(at, 'Asia/Shanghai').slice(0, 10).replace(/-/g, '')}-${String(serial).padStart(6, '0')}`;

/**
 * Plays the recipes on the demo's signed orders. Returns the cases made, the files stored, and the
 * number given to each recipe's case by `name-round` (requested-1, in_arbitration-2, …), for the
 * demo's other parts and the tests.
 */
export async function seedCases(engine: Engine, now: number, orders: DemoOrder[]): Promise<{ cases: number; files: number; ids: Record<string, string> }> {
  const ids: Record<string, string> = {};
  const taken = new Set<string>();
  let cases = 0;
  let files = 0;
  let serial = 120;

  const play = async (recipe: Recipe, shops: string[], round: number): Promise<void> => {
    const appliedAt = now - recipe.ago[round]! * HOUR;
    // Signed for before the application and within the after-sales window (15 days) at that time (SPEC §3).
    const candidates = orders.filter((o) => shops.includes(o.shop) && !taken.has(`${o.shop}/${o.order}`) && o.signedAt !== null && o.lastAt < appliedAt - HOUR && o.signedAt > appliedAt - 12 * DAYS * HOUR);
    for (const target of candidates) {
      const product = productOf(target.category, target.sku);
      const defect = product?.defects[recipe.reason];
      if (!product || !defect) continue;
      const caseId = caseNumber(appliedAt, serial);
      const buyer: Actor = { role: 'buyer', id: target.buyer };
      const merchant: Actor = { role: 'merchant', id: target.shop };
      const photo = defectPhoto(product, defect.caption, serial);
      const evidence: EvidenceInput[] = [{ kind: 'photo', description: defect.caption, sha256: sha256(photo) }];
      const args = { type: recipe.type, reason: recipe.reason, evidence, note: defect.note };
      const applied = await engine.caseCommand({ kind: 'apply', caseId, args } as CaseCommand, buyer, { shopId: target.shop, orderId: target.order, at: appliedAt });
      if (!applied.ok) continue;
      taken.add(`${target.shop}/${target.order}`);
      serial++;
      cases++;
      await engine.storeEvidence({ shopId: target.shop, caseId, sha256: sha256(photo), contentType: 'image/jpeg', filename: `${caseId}-photo-1.jpg`, uploadedBy: buyer, content: photo });
      files++;
      for (const [kind, after, body] of recipe.steps) {
        const actor = ['offer', 'reject', 'agree', 'reship', 'receive_return'].includes(kind) ? merchant : buyer;
        const r = await engine.caseCommand({ kind, caseId, ...body } as CaseCommand, actor, { shopId: target.shop, at: appliedAt + after * HOUR });
        if (!r.ok) throw new Error(`demo case ${caseId} ${kind}: ${r.code} ${r.message.en}`);
      }
      if (recipe.invoice && round === 0) {
        const scan = invoiceScan(product.title, yuan(product.price));
        await engine.storeEvidence({ shopId: target.shop, caseId, sha256: sha256(scan), contentType: 'image/jpeg', filename: `${caseId}-invoice.jpg`, uploadedBy: merchant, content: scan });
        files++;
        const given = await engine.caseCommand(
          { kind: 'submit_evidence', caseId, evidence: [{ kind: 'invoice', description: `品牌方进货发票: ${product.title}, 批次与商品一致`, sha256: sha256(scan) }] },
          merchant,
          { shopId: target.shop, at: appliedAt + 5 * HOUR },
        );
        if (!given.ok) throw new Error(`demo evidence on ${caseId}: ${given.code} ${given.message.en}`);
      }
      ids[`${recipe.name}-${round + 1}`] = caseId;
      return;
    }
  };

  for (let round = 0; round < 3; round++) {
    // The first rounds' refunds are paid at once; the last round's wait for the worker (refunding).
    if (round === 2) await engine.runRefunds(now);
    for (const [i, recipe] of RECIPES.entries()) await play(recipe, [(i + round) % 2 === 0 ? 'tb-apparel' : 'tm-beauty'], round);
  }
  for (const m of MORE) await play(m, [m.shop], 0);
  return { cases, files, ids };
}
