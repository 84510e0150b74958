// Resolution suggestions (SPEC §10.3) and the risk signals a decision gives (SPEC §10.4).
import { describe, expect, it } from 'vitest';
import { buyer, DAY, given, history, HOUR, merchant, place, policy, shippedOrder, step, T0 } from '../../../test/domain-kit.ts';
import type { ApplicationArgs } from '../eligibility.ts';
import { evolveAll } from '../evolve.ts';
import { emptyContext } from '../state.ts';
import { DEFAULT_RETURN_SHIPPING_ESTIMATE, type AutomationInputs } from './automate.ts';
import { caseSignals } from './risk.ts';
import { parseRules } from './rule-schema.ts';
import { parseSopTiers } from './sop-schema.ts';
import { suggestRemedies } from './suggest.ts';

const inputs = (rules: unknown = []): AutomationInputs => ({
  rules: parseRules(rules) as never,
  buyerBand: 'low',
  returnShippingEstimate: DEFAULT_RETURN_SHIPPING_ESTIMATE,
  returnlessThreshold: null,
  returnAddress: null,
});
const p = policy('jd');
const NOW = T0 + 3 * DAY;
const caseOn = (amount: number, args: ApplicationArgs, category = 'apparel') => {
  const events = history(p, place(shippedOrder({ lines: [{ id: 'L1', sku: 'S', category, quantity: 1, paid_amount: amount, flags: [] }] })), step({ kind: 'apply', caseId: 'C1', args, actor: buyer }, NOW));
  const ctx = evolveAll(emptyContext(), events);
  return { c: ctx.cases.C1!, o: ctx.order! };
};
const tiers = parseSopTiers([{ reasons: ['no_reason_7d'], max_pct: 10 }]) as never;

describe('resolution suggestions (SPEC §10.3)', () => {
  it('ranks remedies by what they cost the merchant: the goodwill tier, the exchange, the return', () => {
    const { c, o } = caseOn(9900, { type: 'return_refund', reason: 'no_reason_7d', intact: true });
    const s = suggestRemedies(c, o, p, inputs(), tiers);
    // apparel loses 20 % on resale (the pack's table): 1980 fen.
    expect(s.map((x) => [x.remedy, x.cost.total])).toEqual([
      ['sop_partial_refund', 990],
      ['agree', 1300 + 1980],
      // A buyer-liable exchange: the buyer pays the way back, the merchant the replacement's leg.
      ['exchange', 1300 + 1980],
    ]);
    expect(s[0]).toMatchObject({ offer: { type: 'refund_only', amount: 990 }, keeps_goods: true, pct: 10, granted_by_rule: null });
  });

  it('offers the returnless refund when the return costs enough, and names the rule that would grant it', () => {
    const { c, o } = caseOn(2000, { type: 'return_refund', reason: 'no_reason_7d', intact: true });
    const s = suggestRemedies(c, o, p, inputs([{ id: 'keep', when: {}, then: 'returnless_refund' }]), []);
    const returnless = s.find((x) => x.remedy === 'returnless_refund')!;
    expect(returnless).toMatchObject({ offer: { type: 'refund_only', amount: 2000 }, granted_by_rule: 'keep', cost: { total: 2000 } });
    expect(s.find((x) => x.remedy === 'agree')!.granted_by_rule).toBeNull();
  });

  it('a tier never gives more than half the price, and none is stored above it', () => {
    expect('ok' in (parseSopTiers([{ reasons: ['quality_issue'], max_pct: 51 }]) as object)).toBe(true);
    const { c, o } = caseOn(9900, { type: 'return_refund', reason: 'no_reason_7d', intact: true });
    const tier = suggestRemedies(c, o, p, inputs(), [{ reasons: ['no_reason_7d'], max_pct: 90 }]).find((x) => x.remedy === 'sop_partial_refund');
    expect(tier!.offer!.amount).toBe(4950);
  });

  it('suggests nothing on a counterfeit claim (the platform decides) or once the merchant answered', () => {
    const fake = caseOn(9900, { type: 'refund_only', reason: 'counterfeit', evidence: [{ kind: 'photo' }] } as ApplicationArgs);
    expect(suggestRemedies(fake.c, fake.o, p, inputs(), tiers)).toEqual([]);
  });
});

describe('risk signals of a decision (SPEC §10.4)', () => {
  it('a not_received claim on a parcel recorded as signed, and an insured return within a day of signing', () => {
    const order = shippedOrder({ shipping_insurance: 800, signed_at: T0 + 2 * DAY });
    const base = history(p, place(order));
    const nr = given(base).when({ kind: 'apply', caseId: 'C1', args: { type: 'refund_only', reason: 'not_received' }, actor: buyer }, T0 + 2 * DAY + HOUR, p);
    const rows = caseSignals(nr.events(), nr.after(), 'Asia/Shanghai');
    expect(rows.map((r) => r.signal).sort()).toEqual(['cases_applied', 'not_received_on_signed']);
    const ret = given(base).when({ kind: 'apply', caseId: 'C2', args: { type: 'return_refund', reason: 'no_reason_7d', intact: true }, actor: buyer }, T0 + 2 * DAY + HOUR, p);
    expect(caseSignals(ret.events(), ret.after(), 'Asia/Shanghai').map((r) => r.signal)).toContain('insured_quick_returns');
  });

  it('a declined offer, once per case, under the buyer and the case', () => {
    const base = history(
      p,
      place(shippedOrder()),
      step({ kind: 'apply', caseId: 'C1', args: { type: 'return_refund', reason: 'no_reason_7d', intact: true }, actor: buyer }, NOW),
      step({ kind: 'offer', caseId: 'C1', type: 'refund_only', amount: 500, actor: merchant }, NOW + HOUR),
    );
    const t = given(base).when({ kind: 'decline_offer', caseId: 'C1', actor: buyer }, NOW + 2 * HOUR, p);
    expect(caseSignals(t.events(), t.after(), 'Asia/Shanghai')).toEqual([{ buyerId: 'B1', signal: 'offers_declined', subject: 'C1', at: NOW + 2 * HOUR }]);
  });
});
