// Properties of buyer risk (SPEC §10.4) and of the rules (SPEC §10.2), over generated inputs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buyer, given, history, orderInput, place, policy, T0 } from '../../../test/domain-kit.ts';
import type { ApplicationArgs } from '../eligibility.ts';
import { REASONS } from '../types.ts';
import { DEFAULT_RETURN_SHIPPING_ESTIMATE } from './automate.ts';
import { bandOf, riskScore, RISK_SIGNALS, type SignalCounts } from './risk.ts';
import { parseRules, RISK_BANDS } from './rule-schema.ts';

const counts = fc.record(Object.fromEntries(RISK_SIGNALS.map((s) => [s, fc.nat({ max: 60 })])) as Record<keyof SignalCounts, fc.Arbitrary<number>>);

describe('buyer risk score (SPEC §10.4)', () => {
  it('more of any abuse signal never lowers the score', () => {
    fc.assert(
      fc.property(counts, fc.constantFrom(...RISK_SIGNALS), fc.integer({ min: 1, max: 20 }), (c, signal, more) => {
        const before = riskScore(c).score;
        const after = riskScore({ ...c, [signal]: c[signal] + more }).score;
        expect(after).toBeGreaterThanOrEqual(before);
      }),
    );
  });

  it('stays within 0–100, its band follows the score, and its factors add up to it below the cap', () => {
    fc.assert(
      fc.property(counts, (c) => {
        const r = riskScore(c);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(100);
        expect(r.band).toBe(bandOf(r.score));
        const sum = r.factors.reduce((a, f) => a + f.points, 0);
        expect(r.score).toBe(Math.min(100, sum));
      }),
    );
  });

  it('bands: low < 30, medium 30–69, high ≥ 70', () => {
    expect([0, 29, 30, 69, 70, 100].map(bandOf)).toEqual(['low', 'low', 'medium', 'medium', 'high', 'high']);
  });

  it('a new buyer is low; one signed-for parcel claimed as not received already counts', () => {
    expect(riskScore({}).band).toBe('low');
    expect(riskScore({ not_received_on_signed: 1 }).score).toBeGreaterThan(0);
  });
});

describe('automation rules (SPEC §10.2)', () => {
  const rule = fc.record({
    id: fc.constantFrom('a', 'b', 'c', 'd'),
    when: fc.record(
      {
        order_status: fc.constant(['paid'] as const),
        type: fc.constant(['refund_only'] as const),
        max_amount: fc.nat({ max: 20000 }),
        reasons: fc.subarray([...REASONS], { minLength: 1 }),
        max_buyer_risk: fc.constantFrom(...RISK_BANDS),
      },
      { requiredKeys: [] },
    ),
    then: fc.constantFrom('agree', 'returnless_refund'),
  });

  it('a rule never rejects, never closes, and only ever agrees as the system', () => {
    const p = policy('jd');
    fc.assert(
      fc.property(
        fc.uniqueArray(rule, { selector: (r) => r.id, maxLength: 4 }),
        fc.constantFrom(...RISK_BANDS),
        fc.integer({ min: 1, max: 30000 }),
        fc.constantFrom('no_longer_needed', 'out_of_stock', 'wrong_order_info'),
        (rs, band, amount, reason) => {
          const parsed = parseRules(rs);
          if (!Array.isArray(parsed)) throw new Error(parsed.message.en);
          const state = given(history(p, place(orderInput({ lines: [{ id: 'L1', sku: 'S', category: 'food', quantity: 1, paid_amount: amount, flags: [] }] }))));
          const t = state.when({ kind: 'apply', caseId: 'C1', args: { type: 'refund_only', reason } as ApplicationArgs, actor: buyer }, T0 + 1000, p, {
            rules: parsed,
            buyerBand: band,
            returnShippingEstimate: DEFAULT_RETURN_SHIPPING_ESTIMATE,
            returnlessThreshold: null,
            returnAddress: null,
          });
          const c = t.after().cases.C1!;
          expect(['requested', 'refunding']).toContain(c.status);
          for (const e of t.events()) expect(['CaseRejected', 'CaseClosed', 'CaseCancelled']).not.toContain(e.type);
          const agreed = t.events().find((e) => e.type === 'MerchantAgreed');
          if (agreed && agreed.type === 'MerchantAgreed') {
            expect(agreed.by).toBe('system');
            const r = parsed.find((x) => x.id === agreed.rule!.id)!;
            // The rule that acted matched: amount within its limit, band within its band.
            if (r.when.max_amount !== undefined) expect(amount).toBeLessThanOrEqual(r.when.max_amount);
            if (r.when.max_buyer_risk) expect(RISK_BANDS.indexOf(band)).toBeLessThanOrEqual(RISK_BANDS.indexOf(r.when.max_buyer_risk));
            expect(r.then).toBe('agree'); // a refund-only claim has no return to spare
          }
        },
      ),
    );
  });
});
