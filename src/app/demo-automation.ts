// Demo automation (SPEC §10.2-§10.3): the beauty flagship keeps cheap returns (a sample is not
// worth its postage back), agrees small quality claims of low-risk buyers, and has SOP tiers.
import type { Engine } from './engine.ts';

export const DEMO_AUTOMATION_SHOP = 'tm-beauty';

export async function seedAutomation(engine: Engine): Promise<void> {
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
