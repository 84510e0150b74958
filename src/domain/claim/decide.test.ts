// SPEC §13 A-to-z Guarantee and SAFE-T claims, given(events) → when(command) → then(events | refusal).
import { describe, expect, it } from 'vitest';
import { buyer, DAY, HOUR, merchant, platform, policy, system } from '../../../test/domain-kit.ts';
import { amazon, claimHistory, cmd, given, orderFacts, returnCase, SHIPPED, SIGNED } from '../../../test/claim-kit.ts';
import { availableClaimActions } from './command-table.ts';
import type { ClaimCommand } from './commands.ts';
import { evolveClaimAll } from './evolve.ts';

const MIN = 60_000;
const photo = [{ kind: 'photo' as const, description: 'the box as it arrived' }];
const file = (actor = buyer, reason = 'not_received'): ClaimCommand => cmd({ kind: 'atoz_claim', reason, evidence: photo }, actor);
const contest = (actor = merchant) => cmd({ kind: 'respond_claim', response: 'contest', evidence: photo, note: 'delivered, signed' }, actor);
const refund = () => cmd({ kind: 'respond_claim', response: 'refund', evidence: [] }, merchant);
const rule = (outcome: 'granted_against_seller' | 'granted_platform_funded' | 'denied' | 'reimbursed') => cmd({ kind: 'rule_claim', outcome }, platform);
const appeal = () => cmd({ kind: 'appeal_claim', reason: 'tracking shows delivery', evidence: photo }, merchant);
const ruleAppeal = (outcome: 'upheld' | 'denied') => cmd({ kind: 'rule_claim_appeal', outcome }, platform);
const safet = (over: Partial<{ reason: string; evidence: typeof photo; amount: number }> = {}) =>
  cmd({ kind: 'safet_claim', caseId: 'C1', reason: 'returned_empty', evidence: photo, ...over }, merchant, 'Y1');

const OPENS = SIGNED + 3 * DAY;
const FILED = OPENS + HOUR;
const contested = () => claimHistory([[file(), FILED], [contest(), FILED + DAY]]);
const RULED = FILED + 2 * DAY;
const grantedAgainst = () => claimHistory([[file(), FILED], [contest(), FILED + DAY], [rule('granted_against_seller'), RULED]]);

describe('atoz_claim: filing', () => {
  it('opens opens_after_days (3) after the signature, to the minute, and gives the seller 72 h', () => {
    expect(given([]).when(file(), OPENS - MIN).decision).toMatchObject({ ok: false, code: 'too_early', details: { rule: 'atoz_opens_after' } });
    const w = given([]).when(file(), OPENS);
    expect(w.types()).toEqual(['ClaimFiled', 'ClaimDeadlineStarted']);
    expect(w.after()).toMatchObject({ status: 'filed', amount: 4999, currency: 'USD', basis: { kind: 'signed', at: SIGNED }, deadline: { kind: 'claim_seller_response', dueAt: OPENS + 72 * HOUR } });
  });

  it('closes window_days (90) after the latest delivery date', () => {
    const end = SIGNED + 90 * DAY; // no DST change between April and July in Los Angeles
    expect(given([]).when(file(), end - MIN).types()[0]).toBe('ClaimFiled');
    expect(given([]).when(file(), end).decision).toMatchObject({ ok: false, code: 'window_expired', details: { rule: 'atoz_window_days' } });
  });

  it('counts an order never signed for from shipment + 7 days (the estimated delivery)', () => {
    const o = orderFacts({ signedAt: null });
    expect(given([], amazon(), o).when(file(), SHIPPED + 10 * DAY - MIN).refused()).toBe('too_early');
    expect(given([], amazon(), o).when(file(), SHIPPED + 10 * DAY).after().basis).toMatchObject({ kind: 'estimated_delivery', at: SHIPPED + 7 * DAY });
  });

  it('opens 48 h after a return the seller rejected or left unanswered, before the 3 days', () => {
    const o = orderFacts({ cases: [returnCase({ status: 'rejected', appliedAt: SIGNED, refunded: 0, refundedAt: null })] });
    expect(given([], amazon(), o).when(file(), SIGNED + 48 * HOUR - MIN).refused()).toBe('too_early');
    const w = given([], amazon(), o).when(file(), SIGNED + 48 * HOUR);
    expect(w.after()).toMatchObject({ basis: { kind: 'return_issue', caseId: 'C1' }, caseId: 'C1' });
    // A return the seller agreed to is no return issue.
    const agreed = orderFacts({ cases: [returnCase({ status: 'awaiting_return', appliedAt: SIGNED, refunded: 0, refundedAt: null })] });
    expect(given([], amazon(), agreed).when(file(), SIGNED + 48 * HOUR).refused()).toBe('too_early');
  });

  it('is the buyer’s own, one per order, for what is left to refund, and only on amazon-us', () => {
    expect(given([]).when(file({ role: 'buyer', id: 'B9' }), FILED).refused()).toBe('forbidden');
    expect(given([]).when(file(merchant), FILED).refused()).toBe('forbidden');
    const again = orderFacts({ claims: [{ id: 'Z0', kind: 'atoz_claim', caseId: null, status: 'withdrawn' }] });
    expect(given([], amazon(), again).when(file(), FILED).decision).toMatchObject({ code: 'duplicate_case', details: { claim: 'Z0' } });
    expect(given([], amazon(), orderFacts({ refundable: 0 })).when(file(), FILED).decision).toMatchObject({ code: 'not_eligible', details: { rule: 'nothing_to_claim' } });
    expect(given([]).when(cmd({ kind: 'atoz_claim', reason: 'not_received', amount: 5000 }, buyer), FILED).refused()).toBe('amount_exceeds_refundable');
    expect(given([]).when(file(buyer, 'returned_empty'), FILED).refused()).toBe('validation');
    const taobao = given([], policy('taobao', SHIPPED)).when(file(), FILED).decision;
    expect(taobao).toMatchObject({ ok: false, code: 'not_eligible', details: { rule: 'atoz_claim' } });
    expect(taobao.ok ? '' : taobao.message.en).toMatch(/no A-to-z Guarantee claim/);
  });
});

describe('atoz_claim: the seller’s 72 h and the platform', () => {
  it('a full refund by the seller resolves the claim with an atoz_seller_refund entry', () => {
    const w = given(claimHistory([[file(), FILED]])).when(refund(), FILED + HOUR);
    expect(w.after()).toMatchObject({ status: 'resolved_by_seller', money: [{ kind: 'atoz_seller_refund', amount: 4999, credit: 'buyer_credit', debit: 'merchant_account' }] });
  });

  it('contesting needs evidence and sends the claim to the platform', () => {
    expect(given(claimHistory([[file(), FILED]])).when(cmd({ kind: 'respond_claim', response: 'contest', evidence: [] }, merchant), FILED + HOUR).refused()).toBe('evidence_required');
    expect(given(contested()).state!.status).toBe('under_review');
  });

  it('past seller_response the deadline sends it to the platform; a late answer is window_expired', () => {
    const events = claimHistory([[file(), FILED]]);
    const due = FILED + 72 * HOUR;
    expect(given(events).when(contest(), due).decision).toMatchObject({ code: 'window_expired', details: { rule: 'seller_response' } });
    const fired = given(events).when(cmd({ kind: 'fire_claim_deadline', deadline: 'claim_seller_response', dueAt: due }, system), due);
    expect(fired.types()).toEqual(['ClaimDeadlineExpired', 'ClaimResponseMissed']);
    expect(fired.after()).toMatchObject({ status: 'under_review', sellerSilent: true, deadline: null });
    // A stale or early firing is a no-op.
    expect(given(events).when(cmd({ kind: 'fire_claim_deadline', deadline: 'claim_seller_response', dueAt: due }, system), due - MIN).events()).toEqual([]);
  });

  it('each ruling moves its money: seller debit, platform reimbursement, none when denied', () => {
    expect(given(contested()).when(rule('granted_against_seller'), RULED).after()).toMatchObject({ status: 'granted_against_seller', money: [{ kind: 'atoz_seller_debit', amount: 4999 }] });
    expect(given(contested()).when(rule('granted_platform_funded'), RULED).after()).toMatchObject({ status: 'granted_platform_funded', money: [{ kind: 'atoz_platform_reimbursement', credit: 'buyer_credit', debit: 'platform_funds' }] });
    expect(given(contested()).when(rule('denied'), RULED).after()).toMatchObject({ status: 'denied', money: [] });
    expect(given(contested()).when(rule('reimbursed'), RULED).refused()).toBe('validation');
    expect(given(claimHistory([[file(), FILED]])).when(rule('denied'), RULED).refused()).toBe('invalid_state');
    expect(given(contested()).when(cmd({ kind: 'rule_claim', outcome: 'denied' }, merchant), RULED).refused()).toBe('forbidden');
  });
});

describe('appeal_claim', () => {
  it('once, within 30 days of a ruling against the seller; upheld reverses the debit', () => {
    const end = RULED + 30 * DAY;
    expect(given(grantedAgainst()).when(appeal(), end).decision).toMatchObject({ code: 'window_expired', details: { rule: 'appeal_days' } });
    const appealed = claimHistory([[file(), FILED], [contest(), FILED + DAY], [rule('granted_against_seller'), RULED], [appeal(), end - MIN]]);
    const upheld = given(appealed).when(ruleAppeal('upheld'), end);
    expect(upheld.after()).toMatchObject({ status: 'reversed', money: [{ kind: 'atoz_seller_debit' }, { kind: 'atoz_appeal_reversal', amount: 4999, credit: 'merchant_account', debit: 'platform_funds' }] });
    const denied = [...appealed, ...given(appealed).when(ruleAppeal('denied'), end).events()];
    expect(evolveClaimAll(null, denied)!.status).toBe('granted_against_seller');
    expect(given(denied).when(appeal(), end + MIN).decision).toMatchObject({ code: 'not_eligible', details: { rule: 'appeal_once' } });
  });

  it('only of a ruling against the seller, with evidence', () => {
    const platformFunded = claimHistory([[file(), FILED], [contest(), FILED + DAY], [rule('granted_platform_funded'), RULED]]);
    expect(given(platformFunded).when(appeal(), RULED + DAY).refused()).toBe('invalid_state');
    expect(given(grantedAgainst()).when(cmd({ kind: 'appeal_claim', reason: 'x', evidence: [] }, merchant), RULED + DAY).refused()).toBe('evidence_required');
  });

  it('the actions offered follow the same table', () => {
    const c = evolveClaimAll(null, grantedAgainst())!;
    expect(availableClaimActions(c, merchant, amazon(), RULED + DAY)).toEqual(['appeal_claim']);
    expect(availableClaimActions(c, merchant, amazon(), RULED + 30 * DAY)).toEqual([]);
    expect(availableClaimActions(c, buyer, amazon(), RULED + DAY)).toEqual([]);
    const filed = evolveClaimAll(null, claimHistory([[file(), FILED]]))!;
    expect(availableClaimActions(filed, merchant, amazon(), FILED)).toEqual(['respond_claim']);
    expect(availableClaimActions(filed, buyer, amazon(), FILED)).toEqual(['withdraw_claim']);
    expect(availableClaimActions(evolveClaimAll(null, contested())!, platform, amazon(), RULED)).toEqual(['rule_claim']);
  });
});

describe('safet_claim', () => {
  const o = orderFacts({ cases: [returnCase()] });
  const REFUNDED = SIGNED + 10 * DAY;

  it('is filed by the seller within 60 days of the refund, with evidence, straight for review', () => {
    const w = given([], amazon(), o).when(safet(), REFUNDED + 60 * DAY - MIN);
    expect(w.types()).toEqual(['ClaimFiled']);
    expect(w.after()).toMatchObject({ kind: 'safet_claim', status: 'under_review', amount: 4999, caseId: 'C1', basis: { kind: 'refund', at: REFUNDED } });
    expect(given([], amazon(), o).when(safet(), REFUNDED + 60 * DAY).decision).toMatchObject({ code: 'window_expired', details: { rule: 'safet_claim_days' } });
    expect(given([], amazon(), o).when(safet({ evidence: [] }), REFUNDED + DAY).refused()).toBe('evidence_required');
    expect(given([], amazon(), o).when({ ...safet(), actor: buyer }, REFUNDED + DAY).refused()).toBe('forbidden');
  });

  it('follows a refunded return only, one per case, and not in the Chinese packs', () => {
    const unrefunded = orderFacts({ cases: [returnCase({ status: 'awaiting_return', refunded: 0, refundedAt: null })] });
    expect(given([], amazon(), unrefunded).when(safet(), REFUNDED).decision).toMatchObject({ code: 'not_eligible', details: { rule: 'safet_after_refund' } });
    const refundOnly = orderFacts({ cases: [returnCase({ type: 'refund_only', isReturn: false })] });
    expect(given([], amazon(), refundOnly).when(safet(), REFUNDED).refused()).toBe('not_eligible');
    const twice = orderFacts({ cases: [returnCase()], claims: [{ id: 'Y0', kind: 'safet_claim', caseId: 'C1', status: 'denied' }] });
    expect(given([], amazon(), twice).when(safet(), REFUNDED).refused()).toBe('duplicate_case');
    expect(given([], policy('jd', SHIPPED), o).when(safet(), REFUNDED).decision).toMatchObject({ code: 'not_eligible', details: { rule: 'safet_claim_days' } });
  });

  it('the platform reimburses (safet_reimbursement, platform → seller) or denies', () => {
    const filed = claimHistory([[safet({ amount: 3000 }), REFUNDED + DAY]], o);
    expect(given(filed).when(rule('reimbursed'), REFUNDED + 2 * DAY).after()).toMatchObject({ status: 'reimbursed', money: [{ kind: 'safet_reimbursement', amount: 3000, credit: 'merchant_account', debit: 'platform_funds' }] });
    expect(given(filed).when(rule('denied'), REFUNDED + 2 * DAY).after().status).toBe('denied');
    expect(given(filed).when(rule('granted_against_seller'), REFUNDED + 2 * DAY).refused()).toBe('validation');
    expect(given(filed).when(appeal(), REFUNDED + 3 * DAY).refused()).toBe('invalid_state');
  });
});
