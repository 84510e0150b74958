// SPEC §4 deadline table: each deadline's expiry action, and a stale deadline is a no-op.
import { describe, expect, it } from 'vitest';
import type { Command } from './commands.ts';
import type { DomainEvent } from './events.ts';
import type { OrderContext } from './state.ts';
import { buyer, DAY, given, history, HOUR, merchant, orderInput, place, platform, policy, shippedOrder, step, system, T0 } from '../../test/domain-kit.ts';
import type { CaseDeadlineKind } from './types.ts';

const P = policy('taobao');
const NOW = T0 + 3 * DAY;
const photo = [{ kind: 'photo' as const }];
const c = (x: object, actor = buyer) => ({ caseId: 'C1', ...x, actor }) as Command;

function fire(events: DomainEvent[]): { events: DomainEvent[]; after: OrderContext; kind: CaseDeadlineKind } {
  const state = given(events).state;
  const dl = state.cases.C1!.deadline!;
  const w = given(events).when(c({ kind: 'fire_case_deadline', deadline: dl.kind, dueAt: dl.dueAt }, system), dl.dueAt);
  return { events: w.events(), after: w.after(), kind: dl.kind };
}

const base = (args: object = {}) =>
  history(
    P,
    place(shippedOrder()),
    step(c({ kind: 'apply', args: { type: 'return_refund', reason: 'quality_issue', evidence: photo, ...args } }), NOW),
  );
const then = (events: DomainEvent[], cmd: Command, now = NOW) => [...events, ...given(events).when(cmd, now).events()];

describe('case deadlines', () => {
  it('merchant_response: the system agrees (系统默认同意)', () => {
    const r = fire(base());
    expect(r.kind).toBe('merchant_response');
    expect(r.events.map((e) => e.type)).toEqual(['CaseDeadlineExpired', 'MerchantAgreed', 'CaseDeadlineStarted']);
    expect(r.after.cases.C1).toMatchObject({ status: 'awaiting_return' });
    expect(r.events[1]).toMatchObject({ by: 'system' });
  });

  it('offer_reply: the case closes, buyer inactive', () => {
    const r = fire(then(base(), c({ kind: 'offer', type: 'refund_only', amount: 1000 }, merchant)));
    expect(r.kind).toBe('offer_reply');
    expect(r.after.cases.C1).toMatchObject({ status: 'closed', closedReason: 'buyer_inactive' });
  });

  it('buyer_after_reject: the case closes, buyer inactive, and auto-confirm resumes', () => {
    const r = fire(then(base(), c({ kind: 'reject', reason: '无质量问题' }, merchant)));
    expect(r.kind).toBe('buyer_after_reject');
    expect(r.after.cases.C1).toMatchObject({ status: 'closed', closedReason: 'buyer_inactive' });
    expect(r.after.order!.autoConfirm.dueAt).not.toBeNull();
  });

  it('buyer_return_shipment: the case closes, buyer inactive', () => {
    const r = fire(then(base(), c({ kind: 'agree', returnAddress: '杭州市余杭区' }, merchant)));
    expect(r.kind).toBe('buyer_return_shipment');
    expect(r.after.cases.C1).toMatchObject({ status: 'closed', closedReason: 'buyer_inactive' });
  });

  it('merchant_receipt: the return counts as received and the refund goes out', () => {
    const e = then(then(base(), c({ kind: 'agree', returnAddress: '杭州市余杭区' }, merchant)), c({ kind: 'ship_return', carrier: 'SF', tracking: 'S1', shippingCost: 1000 }));
    const r = fire(e);
    expect(r.kind).toBe('merchant_receipt');
    expect(r.after.cases.C1).toMatchObject({ status: 'refunding' });
    expect(r.events.find((x) => x.type === 'ReturnReceived')).toMatchObject({ by: 'system' });
    expect(r.events.find((x) => x.type === 'RefundRequested')).toMatchObject({ plan: { total: 10900 } });
  });

  it('merchant_reship: an exchange the merchant never reships becomes a full refund', () => {
    let e = base({ type: 'exchange', reason: 'size_or_color', evidence: [] });
    e = then(e, c({ kind: 'agree', returnAddress: '杭州市余杭区' }, merchant));
    e = then(e, c({ kind: 'ship_return', carrier: 'SF', tracking: 'S1' }));
    e = then(e, c({ kind: 'receive_return' }, merchant));
    const r = fire(e);
    expect(r.kind).toBe('merchant_reship');
    expect(r.after.cases.C1).toMatchObject({ status: 'refunding', amount: 9900 });
  });

  it('buyer_confirm: reshipped goods count as received', () => {
    let e = base({ type: 'reship', reason: 'wrong_or_missing_item' });
    e = then(e, c({ kind: 'agree', returnAddress: '杭州市余杭区' }, merchant));
    e = then(e, c({ kind: 'reship', carrier: 'SF', tracking: 'S2' }, merchant));
    const r = fire(e);
    expect(r.kind).toBe('buyer_confirm');
    expect(r.after.cases.C1).toMatchObject({ status: 'completed' });
  });

  it('evidence: a buyer with the burden who met it waits for the platform; one who gave none of a requested kind loses', () => {
    let e = history(
      P,
      place(shippedOrder()),
      step(c({ kind: 'apply', args: { type: 'refund_only', reason: 'damaged', evidence: [{ kind: 'photo' }] } }), NOW),
    );
    e = then(e, c({ kind: 'escalate' }), NOW + 72 * HOUR);
    // The automatic request (photo or video) is met by the photo given with the application.
    const met = fire(e);
    expect(met.kind).toBe('evidence');
    expect(met.after.cases.C1).toMatchObject({ status: 'in_arbitration', deadline: null });
    // The platform asks the buyer (who bears the burden) for a video; none comes.
    e = [...e, ...met.events];
    e = then(e, c({ kind: 'request_evidence', party: 'buyer', kinds: ['video'], dueInHours: 48 }, platform), NOW + 150 * HOUR);
    const lost = fire(e);
    expect(lost.after.cases.C1).toMatchObject({ status: 'closed', closedReason: 'evidence_timeout', ruling: { outcome: 'seller', by: 'system' } });
  });

  it('evidence: a merchant with the burden who gave none is ruled against; the refund proceeds', () => {
    let e = history(P, place(shippedOrder()), step(c({ kind: 'apply', args: { type: 'refund_only', reason: 'not_received' } }), NOW));
    e = then(e, c({ kind: 'escalate' }), NOW + 72 * HOUR);
    const r = fire(e);
    expect(r.after.cases.C1).toMatchObject({ status: 'refunding', liability: 'merchant', ruling: { outcome: 'buyer', by: 'system' } });
  });

  it('evidence: a request to a party without the burden lapses and the case waits', () => {
    let e = history(P, place(shippedOrder()), step(c({ kind: 'apply', args: { type: 'refund_only', reason: 'invoice_issue' } }), NOW));
    e = then(e, c({ kind: 'escalate' }), NOW + 72 * HOUR);
    e = then(e, c({ kind: 'request_evidence', party: 'buyer', kinds: ['invoice'], dueInHours: 24 }, platform), NOW + 73 * HOUR);
    const r = fire(e);
    expect(r.events.map((x) => x.type)).toEqual(['CaseDeadlineExpired', 'EvidenceRequestLapsed']);
    expect(r.after.cases.C1).toMatchObject({ status: 'in_arbitration', deadline: null });
  });

  it('a stale or early deadline is a no-op', () => {
    const e = base();
    const dl = given(e).state.cases.C1!.deadline!;
    const g = given(e);
    expect(g.when(c({ kind: 'fire_case_deadline', deadline: dl.kind, dueAt: dl.dueAt - 1 }, system), dl.dueAt).events()).toEqual([]);
    expect(g.when(c({ kind: 'fire_case_deadline', deadline: 'offer_reply', dueAt: dl.dueAt }, system), dl.dueAt).events()).toEqual([]);
    expect(g.when(c({ kind: 'fire_case_deadline', deadline: dl.kind, dueAt: dl.dueAt }, system), dl.dueAt - 1).events()).toEqual([]);
    expect(g.when(c({ kind: 'fire_case_deadline', deadline: dl.kind, dueAt: dl.dueAt }, buyer), dl.dueAt).refused()).toBe('forbidden');
  });

  it('a deadline keeps the pack version in force when it started', () => {
    const pack = policy('taobao', Date.parse('2027-02-01T00:00:00+08:00'));
    expect(pack.version).toBe('2027.spring-festival');
    const start = Date.parse('2027-02-01T10:00:00+08:00');
    const e = history(
      pack,
      place(shippedOrder({ placed_at: start - 3 * DAY, paid_at: start - 3 * DAY, shipped_at: start - 2 * DAY, signed_at: start - DAY }), start),
      step(c({ kind: 'apply', args: { type: 'return_refund', reason: 'quality_issue', evidence: photo } }), start),
      step(c({ kind: 'agree', returnAddress: '杭州市余杭区' }, merchant), start),
    );
    expect(given(e).state.cases.C1!.deadline).toMatchObject({ kind: 'buyer_return_shipment', dueAt: start + 15 * DAY, policyVersion: '2027.spring-festival' });
  });
});

describe('order deadlines', () => {
  const fireOrder = (events: DomainEvent[]) => {
    const dl = given(events).state.order!.deadline!;
    return { kind: dl.kind, w: given(events).when({ kind: 'fire_order_deadline', deadline: dl.kind, dueAt: dl.dueAt, actor: system }, dl.dueAt) };
  };

  it('payment: an unpaid order closes', () => {
    const { kind, w } = fireOrder(history(P, place(orderInput({ paid_at: undefined }))));
    expect(kind).toBe('payment');
    expect(w.after().order!.status).toBe('closed');
  });

  it('ship_by: an unshipped order past its promise is marked overdue', () => {
    const { kind, w } = fireOrder(history(P, place(orderInput())));
    expect(kind).toBe('ship_by');
    expect(w.after().order).toMatchObject({ shipmentOverdue: true, deadline: null });
  });

  it('auto_confirm: a shipped order completes by itself', () => {
    const { kind, w } = fireOrder(history(P, place(shippedOrder())));
    expect(kind).toBe('auto_confirm');
    expect(w.after().order).toMatchObject({ status: 'completed', completedAt: T0 + 11 * DAY });
  });
});
