// Decider tests: given(events) → when(command) → then(events | refusal), one per SPEC §4 command.
import { describe, expect, it } from 'vitest';
import type { CaseCommand, Command } from './commands.ts';
import type { DomainEvent } from './events.ts';
import type { CaseState } from './state.ts';
import {
  at,
  buyer,
  DAY,
  given,
  history,
  HOUR,
  merchant,
  orderInput,
  place,
  platform,
  policy,
  shippedOrder,
  step,
  system,
  T0,
  type When,
} from '../../test/domain-kit.ts';
import type { Actor } from './types.ts';

const P = policy('taobao');
const NOW = T0 + 3 * DAY;
const photo = [{ kind: 'photo' as const, description: '破损照片' }];

const cmd = (c: CaseCommand, actor: Actor): Command => ({ ...c, actor }) as Command;
const apply = (args: Partial<Extract<CaseCommand, { kind: 'apply' }>['args']> = {}, caseId = 'C1'): Command =>
  cmd({ kind: 'apply', caseId, args: { type: 'return_refund', reason: 'quality_issue', evidence: photo, ...args } }, buyer);

function caseAfter(w: When, id = 'C1'): CaseState {
  return w.after().cases[id]!;
}
function ofType<T extends DomainEvent['type']>(events: DomainEvent[], type: T) {
  return events.filter((e): e is Extract<DomainEvent, { type: T }> => e.type === type);
}

/** A shipped, signed order with case C1 applied (quality return) at NOW. */
function applied(args: Parameters<typeof apply>[0] = {}, order = shippedOrder()) {
  return history(P, place(order), step(apply(args), NOW));
}
function thenStep(events: DomainEvent[], c: Command, now: number): DomainEvent[] {
  return [...events, ...given(events).when(c, now).events()];
}

describe('apply', () => {
  it('opens a case awaiting the merchant, with the merchant_response deadline, and pauses auto-confirm', () => {
    const w = given(history(P, place(shippedOrder()))).when(apply(), NOW);
    expect(w.types()).toEqual(['CaseApplied', 'CaseDeadlineStarted', 'AutoConfirmPaused', 'OrderDeadlineCleared']);
    const c = caseAfter(w);
    expect(c.status).toBe('requested');
    expect(c.deadline).toMatchObject({ kind: 'merchant_response', dueAt: NOW + 5 * DAY, policyVersion: '2025.1' });
    expect(w.after().order!.autoConfirm).toEqual({ dueAt: null, pausedRemaining: T0 + 11 * DAY - NOW, extended: false });
  });

  it('gives the merchant 48 h on an unshipped order', () => {
    const w = given(history(P, place(orderInput()))).when(apply({ type: 'refund_only', reason: 'no_longer_needed', evidence: [] }), T0 + HOUR);
    expect(caseAfter(w).deadline).toMatchObject({ kind: 'merchant_response', dueAt: T0 + HOUR + 48 * HOUR });
  });

  it('sends a counterfeit claim straight to the platform and asks the merchant for proof', () => {
    const w = given(history(P, place(shippedOrder()))).when(apply({ reason: 'counterfeit' }), NOW);
    const c = caseAfter(w);
    expect(c.status).toBe('in_arbitration');
    expect(c.evidenceRequests).toEqual([expect.objectContaining({ party: 'merchant', burden: true, dueAt: NOW + 72 * HOUR })]);
    expect(c.deadline).toMatchObject({ kind: 'evidence', dueAt: NOW + 72 * HOUR });
  });

  it('refuses another buyer, and a merchant applying', () => {
    const g = given(history(P, place(shippedOrder())));
    expect(g.when({ ...apply(), actor: { role: 'buyer', id: 'B2' } }, NOW).refused()).toBe('forbidden');
    expect(g.when({ ...apply(), actor: merchant }, NOW).refused()).toBe('forbidden');
  });

  it('refuses a case on an order that does not exist', () => {
    expect(given([]).when(apply(), NOW).refused()).toBe('not_found');
  });
});

describe('agree', () => {
  it('moves a return to awaiting_return with the return-shipment deadline', () => {
    const w = given(applied()).when(cmd({ kind: 'agree', caseId: 'C1', returnAddress: '杭州市余杭区' }, merchant), NOW + HOUR);
    const c = caseAfter(w);
    expect(c.status).toBe('awaiting_return');
    expect(c.returnAddress).toBe('杭州市余杭区');
    expect(c.deadline).toMatchObject({ kind: 'buyer_return_shipment', dueAt: NOW + HOUR + 7 * DAY });
  });

  it('moves a refund_only case to refunding with a refund plan of the whole amount', () => {
    const w = given(applied({ type: 'refund_only' })).when(cmd({ kind: 'agree', caseId: 'C1' }, merchant), NOW + HOUR);
    expect(w.types()).toEqual(['MerchantAgreed', 'RefundRequested']);
    expect(ofType(w.events(), 'RefundRequested')[0]!.plan).toMatchObject({ total: 9900, returnShippingPayer: 'none' });
    expect(caseAfter(w).deadline).toBeNull();
  });

  it('sends a reship case to awaiting_reship', () => {
    const w = given(applied({ type: 'reship', reason: 'wrong_or_missing_item' })).when(cmd({ kind: 'agree', caseId: 'C1' }, merchant), NOW);
    expect(caseAfter(w).status).toBe('awaiting_reship');
  });

  it('refuses another shop, a buyer, and a case not awaiting the merchant', () => {
    const g = given(applied());
    expect(g.when(cmd({ kind: 'agree', caseId: 'C1' }, { role: 'merchant', id: 'S2' }), NOW).refused()).toBe('forbidden');
    expect(g.when(cmd({ kind: 'agree', caseId: 'C1' }, buyer), NOW).refused()).toBe('forbidden');
    const agreed = thenStep(applied(), cmd({ kind: 'agree', caseId: 'C1', returnAddress: '杭州市余杭区' }, merchant), NOW);
    expect(given(agreed).when(cmd({ kind: 'agree', caseId: 'C1' }, merchant), NOW).refused()).toBe('invalid_state');
  });
});

describe('reject, modify, offer', () => {
  it('reject needs a reason text', () => {
    expect(given(applied()).when(cmd({ kind: 'reject', caseId: 'C1', reason: ' ' }, merchant), NOW).refused()).toBe('validation');
  });

  it('reject of "not received" on a signed parcel needs the merchant proof of receipt', () => {
    const events = applied({ type: 'refund_only', reason: 'not_received', evidence: [] });
    const g = given(events);
    expect(g.when(cmd({ kind: 'reject', caseId: 'C1', reason: '已签收' }, merchant), NOW).refused()).toBe('evidence_required');
    const w = g.when(cmd({ kind: 'reject', caseId: 'C1', reason: '已签收', evidence: [{ kind: 'delivery_receipt' }] }, merchant), NOW);
    expect(caseAfter(w).status).toBe('rejected');
    expect(caseAfter(w).deadline).toMatchObject({ kind: 'buyer_after_reject', dueAt: NOW + 7 * DAY });
  });

  it('modify after a rejection resubmits with a fresh merchant deadline and the new amount', () => {
    const rejected = thenStep(applied(), cmd({ kind: 'reject', caseId: 'C1', reason: '商品无质量问题' }, merchant), NOW);
    const w = given(rejected).when(cmd({ kind: 'modify', caseId: 'C1', args: { type: 'refund_only', amount: 3000 } }, buyer), NOW + DAY);
    const c = caseAfter(w);
    expect(c).toMatchObject({ status: 'requested', type: 'refund_only', amount: 3000 });
    expect(c.deadline).toMatchObject({ kind: 'merchant_response', dueAt: NOW + DAY + 5 * DAY });
  });

  it('modify judges the windows at the first application: a timely case stays timely', () => {
    // No-reason return applied on day 5 of the window, rejected, modified after the window ended.
    const events = history(P, place(shippedOrder()), step(apply({ reason: 'no_reason_7d', intact: true, evidence: [] }), NOW));
    const rejected = thenStep(events, cmd({ kind: 'reject', caseId: 'C1', reason: '已穿着' }, merchant), NOW);
    const w = given(rejected).when(cmd({ kind: 'modify', caseId: 'C1', args: { note: '吊牌完好', evidence: [{ kind: 'photo' }] } }, buyer), NOW + 10 * DAY);
    expect(caseAfter(w)).toMatchObject({ status: 'requested', note: '吊牌完好' });
  });

  it('modify is refused once the goods are on their way back', () => {
    let e = thenStep(applied(), cmd({ kind: 'agree', caseId: 'C1', returnAddress: '杭州市余杭区' }, merchant), NOW);
    e = thenStep(e, cmd({ kind: 'ship_return', caseId: 'C1', carrier: 'SF', tracking: 'SF1' }, buyer), NOW);
    expect(given(e).when(cmd({ kind: 'modify', caseId: 'C1', args: { amount: 100 } }, buyer), NOW).refused()).toBe('invalid_state');
  });

  it('an offer waits for the buyer; accepting turns the case into the offered remedy', () => {
    const offered = thenStep(applied(), cmd({ kind: 'offer', caseId: 'C1', type: 'refund_only', amount: 2000, note: '部分退款' }, merchant), NOW);
    const pending = given(offered).state.cases.C1!;
    expect(pending.status).toBe('offer_pending');
    expect(pending.deadline).toMatchObject({ kind: 'offer_reply', dueAt: NOW + 7 * DAY });
    const w = given(offered).when(cmd({ kind: 'accept_offer', caseId: 'C1' }, buyer), NOW + HOUR);
    expect(caseAfter(w)).toMatchObject({ status: 'refunding', type: 'refund_only', amount: 2000 });
    expect(ofType(w.events(), 'RefundRequested')[0]!.plan.total).toBe(2000);
  });

  it('declining an offer hands the case back to the merchant with a fresh deadline', () => {
    const offered = thenStep(applied(), cmd({ kind: 'offer', caseId: 'C1', type: 'exchange' }, merchant), NOW);
    const w = given(offered).when(cmd({ kind: 'decline_offer', caseId: 'C1' }, buyer), NOW + DAY);
    expect(caseAfter(w).deadline).toMatchObject({ kind: 'merchant_response', dueAt: NOW + 6 * DAY });
  });

  it('an offer above what is refundable is refused', () => {
    expect(given(applied()).when(cmd({ kind: 'offer', caseId: 'C1', type: 'refund_only', amount: 9901 }, merchant), NOW).refused()).toBe(
      'amount_exceeds_refundable',
    );
  });
});

describe('goods and money legs', () => {
  const agreed = () => thenStep(applied(), cmd({ kind: 'agree', caseId: 'C1', returnAddress: '杭州市余杭区' }, merchant), NOW);
  const shipped = () => thenStep(agreed(), cmd({ kind: 'ship_return', caseId: 'C1', carrier: 'SF', tracking: 'SF1', shippingCost: 2500 }, buyer), NOW);

  it('ship_return starts the merchant_receipt deadline', () => {
    expect(given(shipped()).state.cases.C1!.deadline).toMatchObject({ kind: 'merchant_receipt', dueAt: NOW + 10 * DAY });
  });

  it('receiving a quality return refunds goods plus return shipping up to the cap', () => {
    const w = given(shipped()).when(cmd({ kind: 'receive_return', caseId: 'C1' }, merchant), NOW + DAY);
    const plan = ofType(w.events(), 'RefundRequested')[0]!.plan;
    expect(plan).toMatchObject({ total: 9900 + 2000, returnShippingReimbursed: 2000, returnShippingPayer: 'merchant' });
    expect(caseAfter(w).refundDueAt).toBe(NOW + DAY + 7 * DAY);
  });

  it('refusing a return needs a courier rejection certificate and a photo', () => {
    const g = given(shipped());
    const refuse = (evidence: { kind: 'photo' | 'courier_rejection_certificate' }[]) =>
      g.when(cmd({ kind: 'refuse_return', caseId: 'C1', reason: '退回商品已损坏', evidence }, merchant), NOW + DAY);
    expect(refuse([{ kind: 'photo' }]).refused()).toBe('evidence_required');
    expect(caseAfter(refuse([{ kind: 'photo' }, { kind: 'courier_rejection_certificate' }])).status).toBe('rejected');
  });

  it('the buyer cannot cancel once the merchant has the goods back', () => {
    const received = thenStep(
      applied({ type: 'exchange', reason: 'size_or_color', evidence: [] }),
      cmd({ kind: 'agree', caseId: 'C1', returnAddress: '杭州市余杭区' }, merchant),
      NOW,
    );
    let e = thenStep(received, cmd({ kind: 'ship_return', caseId: 'C1', carrier: 'SF', tracking: 'SF1' }, buyer), NOW);
    e = thenStep(e, cmd({ kind: 'receive_return', caseId: 'C1' }, merchant), NOW);
    expect(given(e).state.cases.C1!.status).toBe('awaiting_reship');
    expect(given(e).when(cmd({ kind: 'cancel', caseId: 'C1' }, buyer), NOW).refused()).toBe('invalid_state');
    const reshipped = thenStep(e, cmd({ kind: 'reship', caseId: 'C1', carrier: 'SF', tracking: 'SF2' }, merchant), NOW + DAY);
    expect(given(reshipped).state.cases.C1!.deadline).toMatchObject({ kind: 'buyer_confirm', dueAt: NOW + 11 * DAY });
    const w = given(reshipped).when(cmd({ kind: 'confirm_receipt', caseId: 'C1' }, buyer), NOW + 2 * DAY);
    expect(caseAfter(w).status).toBe('completed');
  });

  it('a reship case can be cancelled while the merchant has not shipped, not after', () => {
    const agreed = thenStep(applied({ type: 'reship', reason: 'wrong_or_missing_item' }), cmd({ kind: 'agree', caseId: 'C1' }, merchant), NOW);
    expect(caseAfter(given(agreed).when(cmd({ kind: 'cancel', caseId: 'C1' }, buyer), NOW))).toMatchObject({ status: 'closed', closedReason: 'cancelled' });
    const sent = thenStep(agreed, cmd({ kind: 'reship', caseId: 'C1', carrier: 'SF', tracking: 'SF3' }, merchant), NOW);
    expect(given(sent).when(cmd({ kind: 'cancel', caseId: 'C1' }, buyer), NOW).refused()).toBe('invalid_state');
  });

  it('cancel closes the case and resumes auto-confirm with the time that was left', () => {
    const w = given(applied()).when(cmd({ kind: 'cancel', caseId: 'C1' }, buyer), NOW + DAY);
    expect(caseAfter(w)).toMatchObject({ status: 'closed', closedReason: 'cancelled' });
    const left = T0 + 11 * DAY - NOW;
    expect(w.after().order!.autoConfirm.dueAt).toBe(NOW + DAY + left);
  });

  it('auto-confirm resumes with at least 24 hours', () => {
    const late = T0 + 11 * DAY - HOUR; // one hour left when the case opens
    const events = history(P, place(shippedOrder()), step(apply(), late));
    const w = given(events).when(cmd({ kind: 'cancel', caseId: 'C1' }, buyer), late + DAY);
    expect(w.after().order!.autoConfirm.dueAt).toBe(late + DAY + 24 * HOUR);
  });

  it('a refund confirmation is idempotent and closes a fully refunded order', () => {
    const e = thenStep(applied({ type: 'refund_only' }), cmd({ kind: 'agree', caseId: 'C1' }, merchant), NOW);
    const refundId = ofType(e, 'RefundRequested')[0]!.plan.refundId;
    const done = thenStep(e, cmd({ kind: 'confirm_refund', caseId: 'C1', refundId }, system), NOW);
    const g = given(done);
    expect(g.state.cases.C1).toMatchObject({ status: 'completed', refunded: 9900 });
    expect(g.state.order!.status).toBe('closed');
    expect(g.when(cmd({ kind: 'confirm_refund', caseId: 'C1', refundId }, system), NOW).events()).toEqual([]);
  });
});

describe('escalation and rulings', () => {
  const escalated = () => thenStep(applied(), cmd({ kind: 'escalate', caseId: 'C1', reason: '协商不成' }, buyer), NOW + 72 * HOUR);

  it('escalation waits for escalation_after, except from rejected', () => {
    expect(given(applied()).when(cmd({ kind: 'escalate', caseId: 'C1' }, buyer), NOW + 72 * HOUR - 1).refused()).toBe('too_early');
    const rejected = thenStep(applied(), cmd({ kind: 'reject', caseId: 'C1', reason: '不同意' }, merchant), NOW);
    expect(caseAfter(given(rejected).when(cmd({ kind: 'escalate', caseId: 'C1' }, buyer), NOW + HOUR)).status).toBe('in_arbitration');
  });

  it('asks the party with the burden of proof for evidence at once', () => {
    const c = given(escalated()).state.cases.C1!;
    expect(c.evidenceRequests).toEqual([expect.objectContaining({ party: 'buyer', kinds: ['photo', 'video'], burden: true })]);
  });

  it('a case is escalated once only', () => {
    const e = thenStep(escalated(), cmd({ kind: 'rule', caseId: 'C1', outcome: 'buyer' }, platform), NOW + 4 * DAY);
    expect(given(e).state.cases.C1!.status).toBe('awaiting_return');
    expect(given(e).when(cmd({ kind: 'escalate', caseId: 'C1' }, buyer), NOW + 5 * DAY).refused()).toBe('not_eligible');
  });

  it('only the platform rules; a partial ruling needs an amount within what is refundable', () => {
    const g = given(escalated());
    expect(g.when(cmd({ kind: 'rule', caseId: 'C1', outcome: 'buyer' }, merchant), NOW).refused()).toBe('forbidden');
    expect(g.when(cmd({ kind: 'rule', caseId: 'C1', outcome: 'partial' }, platform), NOW).refused()).toBe('validation');
    expect(g.when(cmd({ kind: 'rule', caseId: 'C1', outcome: 'partial', amount: 9901 }, platform), NOW).refused()).toBe('amount_exceeds_refundable');
    const w = g.when(cmd({ kind: 'rule', caseId: 'C1', outcome: 'partial', amount: 3000, liability: 'carrier' }, platform), NOW + 4 * DAY);
    expect(caseAfter(w)).toMatchObject({ status: 'refunding', amount: 3000, liability: 'carrier' });
  });

  it('a carrier-liable ruling is paid first and recorded as a claim against the carrier (先行赔付)', () => {
    const ruled = thenStep(escalated(), cmd({ kind: 'rule', caseId: 'C1', outcome: 'partial', amount: 3000, liability: 'carrier' }, platform), NOW + 4 * DAY);
    const refundId = given(ruled).state.cases.C1!.pendingRefund!.refundId;
    const w = given(ruled).when(cmd({ kind: 'confirm_refund', caseId: 'C1', refundId }, system), NOW + 4 * DAY);
    expect(ofType(w.events(), 'ClaimRecorded')).toEqual([expect.objectContaining({ against: 'carrier', amount: 3000, forCase: 'C1' })]);
    expect(w.after().order!.claims).toBe(3000);
  });

  it('ruling for the seller closes the case', () => {
    const w = given(escalated()).when(cmd({ kind: 'rule', caseId: 'C1', outcome: 'seller', liability: 'buyer' }, platform), NOW + 4 * DAY);
    expect(caseAfter(w)).toMatchObject({ status: 'closed', closedReason: 'ruled_for_seller', liability: 'buyer' });
  });

  it('request_evidence adds a request and the earliest open one is the running deadline', () => {
    const w = given(escalated()).when(
      cmd({ kind: 'request_evidence', caseId: 'C1', party: 'merchant', kinds: ['inspection_report'], dueInHours: 24 }, platform),
      NOW + 73 * HOUR,
    );
    expect(caseAfter(w).deadline).toMatchObject({ kind: 'evidence', dueAt: NOW + 97 * HOUR });
    expect(caseAfter(w).evidenceRequests[1]).toMatchObject({ party: 'merchant', burden: false });
  });

  it('submit_evidence records who gave what, and is refused on a closed case', () => {
    const w = given(escalated()).when(cmd({ kind: 'submit_evidence', caseId: 'C1', evidence: [{ kind: 'video' }] }, buyer), NOW + 73 * HOUR);
    expect(caseAfter(w).evidence.at(-1)).toEqual({ kind: 'video', party: 'buyer', at: NOW + 73 * HOUR });
    const closed = thenStep(applied(), cmd({ kind: 'cancel', caseId: 'C1' }, buyer), NOW);
    expect(given(closed).when(cmd({ kind: 'submit_evidence', caseId: 'C1', evidence: [{ kind: 'video' }] }, buyer), NOW).refused()).toBe('invalid_state');
  });
});

describe('the order shipping fee (SPEC §5)', () => {
  it('is claimed once: a second fee claim or a full claim while one is open gets no fee', () => {
    const order = shippedOrder({ shipping_fee: 1000, free_shipping: false });
    const events = history(P, place(order), step(apply({ type: 'refund_only', reason: 'shipping_fee_refund', evidence: [] }, 'F1'), NOW));
    const g = given(events);
    expect(g.state.cases.F1!.amount).toBe(1000);
    expect(g.when(apply({ type: 'refund_only', reason: 'shipping_fee_refund', evidence: [] }, 'F2'), NOW).refused()).toBe('not_eligible');
    const full = g.when(apply({ type: 'refund_only', reason: 'damaged' }, 'C2'), NOW);
    expect(caseAfter(full, 'C2')).toMatchObject({ amount: 9900, shippingFeePart: 0 });
  });
});

describe('the shipping fee with the last lines', () => {
  it('goes back with the last refund even when the lines were split over cases open together', () => {
    const order = orderInput({
      shipping_fee: 800,
      free_shipping: false,
      lines: [
        { id: 'L1', sku: 'A', category: 'apparel', quantity: 1, paid_amount: 5000, flags: [] },
        { id: 'L2', sku: 'B', category: 'apparel', quantity: 1, paid_amount: 3000, flags: [] },
      ],
    });
    const refundAll = (events: DomainEvent[], id: string) => {
      let e = thenStep(events, cmd({ kind: 'agree', caseId: id, returnAddress: '杭州市余杭区' }, merchant), T0 + HOUR);
      const refundId = given(e).state.cases[id]!.pendingRefund!.refundId;
      e = thenStep(e, cmd({ kind: 'confirm_refund', caseId: id, refundId }, system), T0 + HOUR);
      return e;
    };
    let e = history(
      P,
      place(order, T0),
      step(apply({ type: 'refund_only', reason: 'no_longer_needed', evidence: [], lines: [{ line: 'L1', quantity: 1 }] }, 'A'), T0 + HOUR),
      step(apply({ type: 'refund_only', reason: 'no_longer_needed', evidence: [], lines: [{ line: 'L2', quantity: 1 }] }, 'B'), T0 + HOUR),
    );
    e = refundAll(refundAll(e, 'A'), 'B');
    const s = given(e).state;
    expect([s.cases.A!.refunded, s.cases.B!.refunded]).toEqual([5000, 3800]);
    expect(s.order).toMatchObject({ status: 'closed', shippingFeeRefunded: 800 });
  });
});

describe('orders', () => {
  it('late shipment pays compensation once, at 30 % clamped to [5, 500] yuan', () => {
    const events = history(P, place(orderInput()));
    const w = given(events).when({ kind: 'ship_order', carrier: 'ZTO', tracking: 'Z1', actor: merchant }, T0 + 3 * DAY);
    expect(ofType(w.events(), 'CompensationPaid')).toEqual([expect.objectContaining({ kind: 'late_shipment', amount: 2970 })]);
    expect(w.after().order!.autoConfirm.dueAt).toBe(T0 + 13 * DAY);
  });

  it('a shipment in time pays nothing', () => {
    const w = given(history(P, place(orderInput()))).when({ kind: 'ship_order', carrier: 'ZTO', tracking: 'Z1', actor: merchant }, T0 + DAY);
    expect(ofType(w.events(), 'CompensationPaid')).toEqual([]);
  });

  it('auto-confirm can be extended once', () => {
    const e = thenStep(history(P, place(shippedOrder())), { kind: 'extend_auto_confirm', actor: buyer }, NOW);
    expect(given(e).state.order!.autoConfirm.dueAt).toBe(T0 + 14 * DAY);
    expect(given(e).when({ kind: 'extend_auto_confirm', actor: buyer }, NOW).refused()).toBe('not_eligible');
  });

  it('a date-only signature keeps the local date', () => {
    const e = history(P, place(orderInput({ shipped_at: T0 + HOUR })));
    const w = given(e).when({ kind: 'sign_order', dateOnly: true, actor: platform }, at('2026-03-03T23:30:00+08:00'));
    expect(w.after().order).toMatchObject({ signedAt: null, signedOn: '2026-03-03' });
  });

  it('refuses lifecycle events out of order and orders with times in the future', () => {
    const e = history(P, place(orderInput()));
    expect(given(e).when({ kind: 'complete_order', actor: buyer }, NOW).refused()).toBe('invalid_state');
    const future = given([]).when({ kind: 'place_order', order: orderInput({ paid_at: T0 + DAY }), actor: platform }, T0);
    expect(future.refused()).toBe('validation');
  });
});
