// Demo automation (SPEC §10.2-§10.3): the beauty flagship keeps cheap returns (a sample is not
// worth its postage back), agrees small quality claims of low-risk buyers, and has SOP tiers.
import { DEMO_BUYERS } from './demo-catalog.ts';
import type { Engine } from './engine.ts';

export const DEMO_AUTOMATION_SHOP = 'tm-beauty';

/**
 * SPEC §10.4: two demo buyers with a history the platform would flag — parcels signed for and
 * claimed as not received, returns the merchants refused (upheld), 运费险 returns within a day of
 * signing — recorded under the shops they happened at, so the platform's 高风险买家 page shows
 * one medium and one high buyer, with the shops behind the counts, on first start.
 */
const DEMO_RISK: { buyer: string; shop: string; counts: Record<string, number> }[] = [
  { buyer: DEMO_BUYERS[36]!.id, shop: 'tb-apparel', counts: { not_received_on_signed: 2 } },
  { buyer: DEMO_BUYERS[36]!.id, shop: 'jd-digital', counts: { returns_refused: 1 } },
  { buyer: DEMO_BUYERS[37]!.id, shop: 'tb-apparel', counts: { insured_quick_returns: 3, returns_refused: 1 } },
  { buyer: DEMO_BUYERS[37]!.id, shop: 'pdd-fresh', counts: { not_received_on_signed: 2 } },
];

export async function seedAutomation(engine: Engine): Promise<void> {
  for (const r of DEMO_RISK) {
    const refused = await engine.importRiskHistory(r.buyer, r.counts, engine.now() - 24 * 3_600_000, r.shop);
    if (refused) throw new Error(`demo risk history: ${refused.code} ${refused.message.en}`);
  }
  const r = await engine.setAutomation({ kind: 'platform' }, DEMO_AUTOMATION_SHOP, {
    rules: [
      { id: 'beauty-sample', name: '小样仅退款不退货', when: { type: ['return_refund'], max_amount: 2600 }, then: 'returnless_refund' },
      { id: 'beauty-quality', name: '质量问题小额同意', when: { reasons: ['quality_issue', 'damaged'], max_amount: 10000, max_buyer_risk: 'low' }, then: 'agree' },
    ],
    sop_tiers: [
      { reasons: ['quality_issue', 'damaged'], max_pct: 10 },
      { reasons: ['size_or_color', 'no_reason_7d'], max_pct: 5 },
    ],
  });
  if ('ok' in r) throw new Error(`demo automation: ${r.code} ${r.message.en}`);
}
