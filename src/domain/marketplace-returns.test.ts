// Decider tests for SPEC §13 (pack amazon-us): the return window from delivery and the holiday
// window, authorized returns with a label and who pays it, returnless refunds, refund after receipt
// (restocking fee, the platform refunding for a late seller), and the Chinese packs unchanged.
import { describe, expect, it } from 'vitest';
import type { CaseCommand, Command } from './commands.ts';
import type { DomainEvent } from './events.ts';
import { returnWindowOf } from './marketplace-returns.ts';
import { at, buyer, given, history, merchant, orderInput, place, platform, policy, step, system } from '../../test/domain-kit.ts';
import type { Actor, Instant, Reason } from './types.ts';

const US = policy('amazon-us', at('2026-06-01T00:00:00-07:00'));
const DELIVERED = at('2026-06-04T15:00:00-07:00');
const LABEL = { carrier: 'UPS', tracking: '1ZSIM0000000001', cost: 699 };
const photo = [{ kind: 'photo' as const }];

const cmd = (c: CaseCommand, actor: Actor): Command => ({ ...c, actor }) as Command;
const order = (over: Parameters<typeof orderInput>[0] = {}) =>
  orderInput({ placed_at: at('2026-06-01T10:00:00-07:00'), paid_at: at('2026-06-01T10:00:00-07:00'), shipped_at: at('2026-06-02T10:00:00-07:00'), signed_at: DELIVERED, ...over });
const applyCmd = (reason: Reason, label: typeof LABEL | null = LABEL, caseId = 'C1'): Command =>
  cmd({ kind: 'apply', caseId, args: { type: 'return_refund', reason, evidence: photo }, label: label ?? undefined }, buyer);
const placed = (over: Parameters<typeof orderInput>[0] = {}, p = US) => history(p, place(order(over)));
const thenStep = (events: DomainEvent[], c: Command, now: Instant, p = US): DomainEvent[] => [...events, ...given(events).when(c, now, p).events()];

describe('SPEC §13 return window', () => {
  it('is 30 days from delivery: authorized a minute before the end, window_expired at it (rule and end in the refusal)', () => {
    const end = at('2026-07-04T15:00:00-07:00');
    const g = given(placed());
    expect(g.when(applyCmd('size_or_color'), end - 60_000, US).after().cases.C1!.status).toBe('awaiting_return');
    const late = g.when(applyCmd('size_or_color'), end, US).decision;
    expect(late).toMatchObject({ ok: false, code: 'window_expired', details: { rule: 'return_window', ended_at: '2026-07-04T15:00:00-07:00' } });
    expect(!late.ok && late.message.en).toContain('4 Jul 15:00');
  });

  it('keeps 10:00 across the daylight-saving change (20 Oct 10:00 PDT → 19 Nov 10:00 PST)', () => {
    expect(returnWindowOf(at('2026-10-20T10:00:00-07:00'), US)).toEqual({ endsAt: at('2026-11-19T10:00:00-08:00'), rule: 'return_window' });
  });

  it('gives items delivered 1 Nov–31 Dec until the end of 31 Jan; 31 Oct keeps its 30 days', () => {
    const feb1 = at('2027-02-01T00:00:00-08:00');
    expect(returnWindowOf(at('2026-10-31T10:00:00-07:00'), US)).toEqual({ endsAt: at('2026-11-30T10:00:00-08:00'), rule: 'return_window' });
    expect(returnWindowOf(at('2026-11-01T00:00:00-07:00'), US)).toEqual({ endsAt: feb1, rule: 'holiday_return_until' });
    expect(returnWindowOf(at('2026-12-31T23:00:00-08:00'), US)).toEqual({ endsAt: feb1, rule: 'holiday_return_until' });
  });

  it('names the holiday window and its last day when it closed', () => {
    const d = given(placed({ signed_at: at('2026-12-31T10:00:00-08:00') })).when(applyCmd('no_longer_needed'), at('2027-02-01T00:00:00-08:00'), US).decision;
    expect(d).toMatchObject({ ok: false, code: 'window_expired', details: { rule: 'holiday_return_until' } });
    expect(!d.ok && d.message.en).toContain('closed on 31 Jan 23:59');
  });

  it('sends a seller-fault return past the window to the seller instead of refusing it', () => {
    const c = given(placed()).when(applyCmd('damaged'), at('2026-07-05T10:00:00-07:00'), US).after().cases.C1!;
    expect(c).toMatchObject({ status: 'requested', label: null, labelPayer: null, deadline: { kind: 'merchant_response' } });
  });

  it('refuses no_reason_7d with not_eligible, and allows no_longer_needed after shipment for a return', () => {
    const g = given(placed());
    expect(g.when(cmd({ kind: 'apply', caseId: 'C1', args: { type: 'return_refund', reason: 'no_reason_7d', intact: true } }, buyer), DELIVERED + 1000, US).decision).toMatchObject({
      code: 'not_eligible',
      details: { rule: 'no_reason_7d' },
    });
    expect(g.when(applyCmd('no_longer_needed'), DELIVERED + 1000, US).after().cases.C1!.status).toBe('awaiting_return');
  });

  it('leaves the Chinese packs as they were: no_longer_needed after shipment is refused and the label is ignored', () => {
    const tb = policy('taobao', DELIVERED);
    const g = given(placed({}, tb));
    expect(g.when(applyCmd('no_longer_needed'), DELIVERED + 1000, tb).refused()).toBe('not_eligible');
    expect(g.when(applyCmd('quality_issue'), DELIVERED + 1000, tb).after().cases.C1!).toMatchObject({ status: 'requested', label: null });
  });
});

describe('SPEC §13 platform-authorized returns', () => {
  it('authorizes at once with the label; the buyer pays it for a change of mind', () => {
    const w = given(placed()).when(applyCmd('size_or_color'), DELIVERED + 1000, US);
    expect(w.types().slice(0, 2)).toEqual(['CaseApplied', 'ReturnAuthorized']);
    expect(w.after().cases.C1!).toMatchObject({ status: 'awaiting_return', label: LABEL, labelPayer: 'buyer', deadline: { kind: 'buyer_return_shipment' } });
  });

  it('has the seller pay for seller-fault reasons', () => {
    for (const reason of ['quality_issue', 'damaged', 'wrong_or_missing_item', 'not_as_described'] as const) {
      expect(given(placed()).when(applyCmd(reason), DELIVERED + 1000, US).after().cases.C1!.labelPayer, reason).toBe('merchant');
    }
  });

  it('sends a no_reason_excluded line, or an application without a label, to the seller', () => {
    const excluded = placed({ lines: [{ id: 'L1', sku: 'S', category: 'home', quantity: 1, paid_amount: 5000, flags: ['no_reason_excluded'] }] });
    expect(given(excluded).when(applyCmd('size_or_color'), DELIVERED + 1000, US).after().cases.C1!.status).toBe('requested');
    expect(given(placed()).when(applyCmd('size_or_color', null), DELIVERED + 1000, US).after().cases.C1!.status).toBe('requested');
  });

  it('ships the return on the label when the buyer names no parcel', () => {
    const events = thenStep(placed(), applyCmd('size_or_color'), DELIVERED + 1000);
    const c = given(events).when(cmd({ kind: 'ship_return', caseId: 'C1' }, buyer), DELIVERED + 2000, US).after().cases.C1!;
    expect(c.returnShipment).toMatchObject({ carrier: 'OTHER', carrierName: 'UPS', tracking: LABEL.tracking, shippingCost: 0 });
  });
});

describe('SPEC §13 returnless refund', () => {
  it('turns a line at or under the threshold into refund_only, refunded at once', () => {
    const p = policy('amazon-us', DELIVERED, { returnless_threshold: 9900 });
    const w = given(placed({}, p)).when(applyCmd('size_or_color'), DELIVERED + 1000, p);
    expect(w.types()).toContain('RefundRequested');
    expect(w.after().cases.C1!).toMatchObject({ status: 'refunding', type: 'refund_only', label: null, pendingRefund: { total: 9900 } });
    const dearer = policy('amazon-us', DELIVERED, { returnless_threshold: 9899 });
    expect(given(placed({}, dearer)).when(applyCmd('size_or_color'), DELIVERED + 1000, dearer).after().cases.C1!.status).toBe('awaiting_return');
  });
});

describe('SPEC §13 refund after receipt', () => {
  const delivered = at('2026-06-15T10:00:00-07:00');
  function inTransit(reason: Reason): DomainEvent[] {
    let e = thenStep(placed(), applyCmd(reason), DELIVERED + 1000);
    e = thenStep(e, cmd({ kind: 'ship_return', caseId: 'C1' }, buyer), DELIVERED + 2000);
    return thenStep(e, cmd({ kind: 'return_delivered', caseId: 'C1' }, platform), delivered);
  }

  it('starts refund_after_receipt (2 business days) at the delivery scan', () => {
    const c = given(inTransit('size_or_color')).state.cases.C1!;
    expect(c).toMatchObject({ status: 'return_in_transit', goodsReceivedAt: delivered, deadline: { kind: 'refund_after_receipt', dueAt: at('2026-06-17T10:00:00-07:00') } });
  });

  it('refuses the delivery scan on a pack without refund_after_receipt', () => {
    const tb = policy('taobao', DELIVERED);
    let e = history(tb, place(order()), step(cmd({ kind: 'apply', caseId: 'C1', args: { type: 'return_refund', reason: 'quality_issue', evidence: photo } }, buyer), DELIVERED + 1000));
    e = thenStep(e, cmd({ kind: 'agree', caseId: 'C1', returnAddress: 'A' }, merchant), DELIVERED + 2000, tb);
    e = thenStep(e, cmd({ kind: 'ship_return', caseId: 'C1', carrier: 'SF', tracking: 'SF1' }, buyer), DELIVERED + 3000, tb);
    expect(given(e).when(cmd({ kind: 'return_delivered', caseId: 'C1' }, platform), DELIVERED + 4000, tb).refused()).toBe('not_eligible');
  });

  it('takes a restocking fee (≤ 50 %) only on a buyer-fault return recorded used, damaged or incomplete, and the buyer’s label', () => {
    const g = given(inTransit('no_longer_needed'));
    const fee = (amount: number, condition?: 'used') => cmd({ kind: 'receive_return', caseId: 'C1', deductions: [{ kind: 'restocking_fee', amount }], condition }, merchant);
    expect(g.when(fee(1000), delivered + 1000, US).decision).toMatchObject({ code: 'not_eligible', details: { rule: 'restocking_fee_condition' } });
    expect(g.when(fee(4951, 'used'), delivered + 1000, US).decision).toMatchObject({ code: 'not_eligible', details: { rule: 'restocking_fee_max_pct' } });
    const c = g.when(fee(4950, 'used'), delivered + 1000, US).after().cases.C1!;
    expect(c.pendingRefund).toMatchObject({ total: 9900 - 4950 - 699, deductions: 4950 + 699, paidBy: 'merchant' });
  });

  it('refuses a restocking fee for a seller-fault reason', () => {
    const d = given(inTransit('quality_issue')).when(
      cmd({ kind: 'receive_return', caseId: 'C1', deductions: [{ kind: 'restocking_fee', amount: 100 }], condition: 'used' }, merchant),
      delivered + 1000,
      US,
    ).decision;
    expect(d).toMatchObject({ ok: false, code: 'not_eligible', details: { rule: 'restocking_fee_buyer_fault' } });
  });

  it('past the deadline the platform refunds the buyer and debits the seller (platform_refund_debit)', () => {
    const due = at('2026-06-17T10:00:00-07:00');
    const events = thenStep(inTransit('quality_issue'), cmd({ kind: 'fire_case_deadline', caseId: 'C1', deadline: 'refund_after_receipt', dueAt: due }, system), due);
    const c = given(events).state.cases.C1!;
    expect(c).toMatchObject({ status: 'refunding', platformRefund: true, pendingRefund: { paidBy: 'platform', total: 9900 } });
    const done = given(events).when(cmd({ kind: 'confirm_refund', caseId: 'C1', refundId: c.pendingRefund!.refundId }, system), due + 1000, US).events();
    expect(done.find((e) => e.type === 'ClaimRecorded')).toMatchObject({ against: 'merchant', amount: 9900, kind: 'platform_refund_debit', forCase: 'C1' });
  });
});
