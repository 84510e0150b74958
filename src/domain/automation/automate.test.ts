// Automation rules in the decider (SPEC §10.2): given an order, when the buyer applies or modifies,
// then the first matching rule agrees as `system` naming itself — or nothing happens.
import { describe, expect, it } from 'vitest';
import type { Command } from '../commands.ts';
import type { DomainEvent } from '../events.ts';
import { buyer, DAY, given, history, merchant, orderInput, place, policy, shippedOrder, step, T0 } from '../../../test/domain-kit.ts';
import type { ApplicationArgs } from '../eligibility.ts';
import { DEFAULT_RETURN_SHIPPING_ESTIMATE, returnCost, type AutomationInputs } from './automate.ts';
import { parseRules, type AutomationRule, type RiskBand } from './rule-schema.ts';

const rules = (json: unknown): AutomationRule[] => {
  const r = parseRules(json);
  if (!Array.isArray(r)) throw new Error(r.message.en);
  return r;
};
const inputs = (rs: unknown, band: RiskBand = 'low', over: Partial<AutomationInputs> = {}): AutomationInputs => ({
  rules: rules(rs),
  buyerBand: band,
  returnShippingEstimate: DEFAULT_RETURN_SHIPPING_ESTIMATE,
  returnlessThreshold: null,
  returnAddress: 'shop address',
  ...over,
});
const apply = (args: ApplicationArgs): Command => ({ kind: 'apply', caseId: 'C1', args, actor: buyer });
const agreedBy = (events: DomainEvent[]) => events.find((e) => e.type === 'MerchantAgreed') as Extract<DomainEvent, { type: 'MerchantAgreed' }> | undefined;

const SMALL_UNSHIPPED = [{ id: 'small', name: '小额极速退款', when: { order_status: ['paid'], type: ['refund_only'], max_amount: 5000 }, then: 'agree' }];
const unshipped = (amount: number) => given(history(policy('jd'), place(orderInput({ lines: [{ id: 'L1', sku: 'S', category: 'food', quantity: 1, paid_amount: amount, flags: [] }] }))));
const shipped = (amount: number, over = {}) =>
  given(history(policy('jd'), place(shippedOrder({ lines: [{ id: 'L1', sku: 'S', category: 'apparel', quantity: 1, paid_amount: amount, flags: [] }], ...over }))));
const NOW = T0 + 3 * DAY;

describe('a shop rule agrees at application (SPEC §10.2)', () => {
  it('a matching rule agrees as the system, names itself, and the refund is requested at once', () => {
    const t = unshipped(3900).when(apply({ type: 'refund_only', reason: 'wrong_order_info' }), T0 + 1000, policy('jd'), inputs(SMALL_UNSHIPPED));
    const agreed = agreedBy(t.events())!;
    expect(agreed).toMatchObject({ by: 'system', rule: { id: 'small', name: '小额极速退款', source: 'shop', action: 'agree' }, to: 'refunding' });
    expect(t.types()).toContain('RefundRequested');
    expect(t.after().cases.C1!.automatedBy).toBe('small');
  });

  it('above max_amount the case waits for the merchant', () => {
    const t = unshipped(8900).when(apply({ type: 'refund_only', reason: 'wrong_order_info' }), T0 + 1000, policy('jd'), inputs(SMALL_UNSHIPPED));
    expect(agreedBy(t.events())).toBeUndefined();
    expect(t.after().cases.C1).toMatchObject({ status: 'requested', automatedBy: null });
  });

  it.each([
    ['order_status', { order_status: ['shipped'] }],
    ['type', { type: ['return_refund'] }],
    ['reasons', { reasons: ['out_of_stock'] }],
  ])('a rule whose %s does not match does not act', (_k, when) => {
    const t = unshipped(3900).when(apply({ type: 'refund_only', reason: 'wrong_order_info' }), T0 + 1000, policy('jd'), inputs([{ id: 'r', when, then: 'agree' }]));
    expect(t.after().cases.C1!.status).toBe('requested');
  });

  it('the first matching rule acts, in order; a switched-off rule is skipped', () => {
    const list = [
      { id: 'off', enabled: false, when: {}, then: 'agree' },
      { id: 'first', when: { reasons: ['wrong_order_info'] }, then: 'agree' },
      { id: 'second', when: {}, then: 'agree' },
    ];
    const t = unshipped(3900).when(apply({ type: 'refund_only', reason: 'wrong_order_info' }), T0 + 1000, policy('jd'), inputs(list));
    expect(agreedBy(t.events())!.rule!.id).toBe('first');
  });

  it('respects max_buyer_risk: a buyer above the band is left to the merchant', () => {
    const list = [{ id: 'r', when: { max_buyer_risk: 'medium' }, then: 'agree' }];
    const medium = unshipped(3900).when(apply({ type: 'refund_only', reason: 'wrong_order_info' }), T0 + 1000, policy('jd'), inputs(list, 'medium'));
    const high = unshipped(3900).when(apply({ type: 'refund_only', reason: 'wrong_order_info' }), T0 + 1000, policy('jd'), inputs(list, 'high'));
    expect(medium.after().cases.C1!.automatedBy).toBe('r');
    expect(high.after().cases.C1!.status).toBe('requested');
  });

  it('never acts on a counterfeit claim: it goes to the platform', () => {
    const t = shipped(3900).when(
      apply({ type: 'refund_only', reason: 'counterfeit', evidence: [{ kind: 'photo', description: 'logo' }] }),
      NOW,
      policy('jd'),
      inputs([{ id: 'all', when: {}, then: 'agree' }]),
    );
    expect(t.after().cases.C1).toMatchObject({ status: 'in_arbitration', automatedBy: null });
  });

  it('a rule agreeing to a return sends the buyer the shop address', () => {
    const t = shipped(9900).when(apply({ type: 'return_refund', reason: 'no_reason_7d', intact: true }), NOW, policy('jd'), inputs([{ id: 'ret', when: { type: ['return_refund'] }, then: 'agree' }]));
    expect(t.after().cases.C1).toMatchObject({ status: 'awaiting_return', returnAddress: 'shop address', automatedBy: 'ret' });
  });

  it('acts on modify too: a claim lowered under max_amount is agreed', () => {
    const p = policy('jd');
    const base = history(p, place(orderInput({ lines: [{ id: 'L1', sku: 'S', category: 'food', quantity: 1, paid_amount: 8900, flags: [] }] })), step(apply({ type: 'refund_only', reason: 'wrong_order_info' }), T0 + 1000));
    const t = given(base).when({ kind: 'modify', caseId: 'C1', args: { amount: 4000 }, actor: buyer }, T0 + 2000, p, inputs(SMALL_UNSHIPPED));
    expect(t.after().cases.C1).toMatchObject({ automatedBy: 'small' });
    expect(t.types()).toContain('RefundRequested');
  });

  it('merchant commands never run the rules', () => {
    const p = policy('jd');
    const base = history(p, place(orderInput()), step(apply({ type: 'refund_only', reason: 'wrong_order_info' }), T0 + 1000));
    const t = given(base).when({ kind: 'offer', caseId: 'C1', type: 'refund_only', amount: 100, actor: merchant }, T0 + 2000, p, inputs([{ id: 'all', when: {}, then: 'agree' }]));
    expect(t.after().cases.C1!.status).toBe('offer_pending');
  });

  it('without automation inputs nothing is automated', () => {
    const t = unshipped(3900).when(apply({ type: 'refund_only', reason: 'wrong_order_info' }), T0 + 1000, policy('jd'));
    expect(t.after().cases.C1!.status).toBe('requested');
  });
});

describe('仅退款不退货: returnless refund only when the return costs enough (SPEC §10.2)', () => {
  const KEEP = [{ id: 'keep', when: { type: ['return_refund'] }, then: 'returnless_refund' }];
  // Buyer-liable (no_reason_7d): one leg of 1300 fen; 50 % share → claims up to 2600 qualify.
  it.each([
    [2600, true],
    [2601, false],
  ])('buyer-liable claim of %i fen against one 13-yuan leg: returnless %s', (amount, acts) => {
    const t = shipped(amount).when(apply({ type: 'return_refund', reason: 'no_reason_7d', intact: true }), NOW, policy('jd'), inputs(KEEP));
    const c = t.after().cases.C1!;
    if (acts) {
      expect(c).toMatchObject({ type: 'refund_only', status: 'refunding', automatedBy: 'keep', amount });
      expect(agreedBy(t.events())).toMatchObject({ caseType: 'refund_only', rule: { action: 'returnless_refund' } });
    } else {
      expect(c).toMatchObject({ type: 'return_refund', status: 'requested', automatedBy: null });
    }
  });

  // Merchant-liable (quality_issue): both legs, 2600 fen → claims up to 5200 qualify.
  it.each([
    [5200, true],
    [5201, false],
  ])('merchant-liable claim of %i fen counts the outbound leg again: returnless %s', (amount, acts) => {
    const t = shipped(amount).when(
      apply({ type: 'return_refund', reason: 'quality_issue', evidence: [{ kind: 'photo', description: 'crack' }] }),
      NOW,
      policy('jd'),
      inputs(KEEP),
    );
    expect(t.after().cases.C1!.automatedBy).toBe(acts ? 'keep' : null);
  });

  it('the return cost is one leg, or two for a merchant-liable reason', () => {
    expect(returnCost({ liability: 'buyer' }, 1300)).toBe(1300);
    expect(returnCost({ liability: 'merchant' }, 1300)).toBe(2600);
  });

  it('the pack returnless_max_risk (medium) stops it for a high-risk buyer', () => {
    const t = shipped(2000).when(apply({ type: 'return_refund', reason: 'no_reason_7d', intact: true }), NOW, policy('jd'), inputs(KEEP, 'high'));
    expect(t.after().cases.C1!.status).toBe('requested');
  });

  it('a rule that did not match lets the next one act', () => {
    const list = [...KEEP, { id: 'then-agree', when: {}, then: 'agree' }];
    const t = shipped(9900).when(apply({ type: 'return_refund', reason: 'no_reason_7d', intact: true }), NOW, policy('jd'), inputs(list));
    expect(t.after().cases.C1).toMatchObject({ type: 'return_refund', status: 'awaiting_return', automatedBy: 'then-agree' });
  });
});

describe("the platform's instant refund (极速退款, SPEC §10.2)", () => {
  const taobaoUnshipped = (amount: number) =>
    given(history(policy('taobao'), place(orderInput({ lines: [{ id: 'L1', sku: 'S', category: 'food', quantity: 1, paid_amount: amount, flags: [] }] }))));
  it('a low-risk buyer on an unshipped taobao order up to 200 yuan is refunded at once', () => {
    const t = taobaoUnshipped(20000).when(apply({ type: 'refund_only', reason: 'no_longer_needed' }), T0 + 1000, policy('taobao'), inputs([]));
    expect(agreedBy(t.events())!.rule).toMatchObject({ id: 'instant_refund', source: 'platform' });
  });
  it.each([
    ['above the maximum', 20001, 'low'],
    ['a medium-risk buyer', 100, 'medium'],
  ] as const)('not for %s', (_w, amount, band) => {
    const t = taobaoUnshipped(amount).when(apply({ type: 'refund_only', reason: 'no_longer_needed' }), T0 + 1000, policy('taobao'), inputs([], band));
    expect(t.after().cases.C1!.status).toBe('requested');
  });
  it('not on jd, whose pack has none', () => {
    const t = unshipped(100).when(apply({ type: 'refund_only', reason: 'no_longer_needed' }), T0 + 1000, policy('jd'), inputs([]));
    expect(t.after().cases.C1!.status).toBe('requested');
  });
});

describe('the rule schema (SPEC §10.2)', () => {
  it.each([
    ['a rule that rejects', [{ id: 'x', when: {}, then: 'reject' }]],
    ['an unknown condition', [{ id: 'x', when: { colour: ['red'] }, then: 'agree' }]],
    ['an unknown reason', [{ id: 'x', when: { reasons: ['bored'] }, then: 'agree' }]],
    ['a negative amount', [{ id: 'x', when: { max_amount: -1 }, then: 'agree' }]],
    ['the same id twice', [{ id: 'x', when: {}, then: 'agree' }, { id: 'x', when: {}, then: 'agree' }]],
  ])('refuses %s with validation', (_w, json) => {
    const r = parseRules(json);
    expect(Array.isArray(r) ? 'accepted' : r.code).toBe('validation');
  });
});
