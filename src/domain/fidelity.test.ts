// Issue 15 "Rule fidelity": one decider test per fault the audit found against the seeds and SPEC.
// Each runs a whole story through decide/evolve (refunds confirmed by the provider as they are
// asked for, deadlines fired at their due instants) and checks the rule cited.
import { describe, expect, it } from 'vitest';
import type { CaseCommand, Command, OrderInput } from './commands.ts';
import { decide, type Decision } from './decide.ts';
import type { DomainEvent } from './events.ts';
import { evolveAll } from './evolve.ts';
import { orderRefunded } from './money.ts';
import type { Policy } from './policy.ts';
import { emptyContext, type CaseState, type OrderContext } from './state.ts';
import { trackingWarning } from './carriers.ts';
import { buyer, DAY, merchant, platform, policy, shippedOrder, system, T0 } from '../../test/domain-kit.ts';
import type { Actor } from './types.ts';

const photo = [{ kind: 'photo' as const, description: '照片' }];

/** A story on one order: commands in order, provider confirmations and due deadlines in between. */
class Story {
  ctx: OrderContext = emptyContext();
  events: DomainEvent[] = [];
  now = T0 + 3 * DAY;
  constructor(
    readonly p: Policy,
    order: OrderInput,
  ) {
    this.ok({ kind: 'place_order', order, actor: { role: 'platform' } } as Command);
  }
  private run(cmd: Command, at: number): Decision {
    const d = decide(cmd, this.ctx, this.p, at);
    if (d.ok) {
      this.ctx = evolveAll(this.ctx, d.events);
      this.events.push(...d.events);
      this.settle(at);
    }
    return d;
  }
  /** The simulated provider confirms every refund at once. */
  private settle(at: number) {
    for (const c of Object.values(this.ctx.cases)) {
      if (c.pendingRefund) this.run({ kind: 'confirm_refund', caseId: c.id, refundId: c.pendingRefund.refundId, actor: system }, at);
    }
  }
  /** Moves the clock, firing due case deadlines at their instants. */
  advance(ms: number) {
    const until = this.now + ms;
    for (;;) {
      const due = Object.values(this.ctx.cases)
        .filter((c) => c.deadline && c.deadline.dueAt <= until)
        .sort((a, b) => a.deadline!.dueAt - b.deadline!.dueAt)[0];
      if (!due) break;
      this.run({ kind: 'fire_case_deadline', caseId: due.id, deadline: due.deadline!.kind, dueAt: due.deadline!.dueAt, actor: system }, due.deadline!.dueAt);
    }
    this.now = until;
  }
  send(c: CaseCommand, actor: Actor): Decision {
    this.now += 1000;
    return this.run({ ...c, actor } as Command, this.now);
  }
  ok(cmd: Command | CaseCommand, actor?: Actor): this {
    const d = actor ? this.send(cmd as CaseCommand, actor) : this.run(cmd as Command, this.now);
    if (!d.ok) throw new Error(`${cmd.kind} refused: ${d.code} ${d.message.en}`);
    return this;
  }
  refused(c: CaseCommand, actor: Actor) {
    const d = this.send(c, actor);
    if (d.ok) throw new Error(`${c.kind} accepted: ${d.events.map((e) => e.type).join(', ')}`);
    return d;
  }
  case(id = 'C1'): CaseState {
    return this.ctx.cases[id]!;
  }
  apply(args: Extract<CaseCommand, { kind: 'apply' }>['args'], id = 'C1') {
    return this.ok({ kind: 'apply', caseId: id, args }, buyer);
  }
  /** Merchant agrees, buyer ships (cost), merchant receives. */
  returned(id = 'C1', cost = 1200) {
    this.ok({ kind: 'agree', caseId: id, returnAddress: '杭州市余杭区' }, merchant);
    this.ok({ kind: 'ship_return', caseId: id, carrier: 'SF', tracking: 'SF1234567890123', shippingCost: cost }, buyer);
    return this.ok({ kind: 'receive_return', caseId: id }, merchant);
  }
}

const TAOBAO = policy('taobao');
const paidOrder = (over: Partial<OrderInput> = {}) => shippedOrder({ shipping_fee: 1000, free_shipping: false, ...over });

describe('exchange and repair postage (seed 003 卖方需要承担来回运费, SPEC §5, §9 Precisions)', () => {
  it('a merchant-liable exchange reimburses the return leg (up to the cap) as a refund when the replacement arrives', () => {
    const s = new Story(TAOBAO, paidOrder()).apply({ type: 'exchange', reason: 'quality_issue', evidence: photo }).returned('C1', 1200);
    s.ok({ kind: 'reship', caseId: 'C1', carrier: 'SF', tracking: 'SF2234567890123' }, merchant);
    s.ok({ kind: 'confirm_receipt', caseId: 'C1' }, buyer);
    const c = s.case();
    expect(c.status).toBe('completed');
    expect(c.returnShippingPayer).toBe('merchant');
    expect(c.returnShippingReimbursed).toBe(1200);
    expect(c.refunded).toBe(1200);
    // The units were exchanged, not refunded: they stay claimable (a warranty repair later).
    expect(s.ctx.order!.ledger.L1!.settledUnits).toBe(0);
  });

  it('caps the reimbursement at return_shipping_cap (taobao 20 yuan), also for a repair confirmed by the deadline', () => {
    const s = new Story(TAOBAO, paidOrder({ lines: [{ id: 'L1', sku: 'K', category: 'general', quantity: 1, paid_amount: 59900, flags: [], warranty_days: 365 }] }));
    s.apply({ type: 'repair', reason: 'needs_repair' }).returned('C1', 3500);
    s.ok({ kind: 'reship', caseId: 'C1', carrier: 'JD', tracking: 'JDVA12345678901' }, merchant);
    s.advance(11 * DAY); // buyer_confirm 10 d
    expect(s.case()).toMatchObject({ status: 'completed', returnShippingPayer: 'merchant', returnShippingReimbursed: 2000, refunded: 2000 });
  });

  it('a buyer-liable exchange records the buyer as payer and refunds nothing', () => {
    const s = new Story(TAOBAO, paidOrder()).apply({ type: 'exchange', reason: 'size_or_color' }).returned('C1', 1200);
    s.ok({ kind: 'reship', caseId: 'C1', carrier: 'SF', tracking: 'SF2234567890123' }, merchant);
    s.ok({ kind: 'confirm_receipt', caseId: 'C1' }, buyer);
    expect(s.case()).toMatchObject({ status: 'completed', returnShippingPayer: 'buyer', returnShippingReimbursed: 0, refunded: 0 });
  });
});

describe('shipping fee on a converted refund (SPEC §5, §9 Precisions)', () => {
  it('an exchange the merchant never reships turns into a refund that includes the order shipping fee for a merchant-liable reason', () => {
    const s = new Story(TAOBAO, paidOrder()).apply({ type: 'exchange', reason: 'quality_issue', evidence: photo }).returned('C1', 1200);
    s.advance(8 * DAY); // merchant_reship 7 d
    const c = s.case();
    expect(c.status).toBe('completed');
    expect(c.refunded).toBe(9900 + 1000 + 1200);
    expect(s.ctx.order!.shippingFeeRefunded).toBe(1000);
    expect(s.ctx.order!.status).toBe('closed');
  });

  it('keeps the fee for a buyer-liable exchange turned into a refund (not free shipping)', () => {
    const s = new Story(TAOBAO, paidOrder()).apply({ type: 'exchange', reason: 'size_or_color' }).returned('C1', 1200);
    s.advance(8 * DAY);
    expect(s.case().refunded).toBe(9900);
  });
});

describe('a partial refund settles nothing else (SPEC §9 Precisions)', () => {
  it('after a 10-yuan goodwill refund, a warranty repair of the same item is accepted and worth paid − refunded', () => {
    const s = new Story(TAOBAO, paidOrder({ lines: [{ id: 'L1', sku: 'K', category: 'general', quantity: 1, paid_amount: 59900, flags: [], warranty_days: 365 }] }));
    s.apply({ type: 'refund_only', reason: 'quality_issue', amount: 1000, evidence: photo });
    s.ok({ kind: 'agree', caseId: 'C1' }, merchant);
    expect(s.case().status).toBe('completed');
    expect(s.ctx.order!.ledger.L1).toMatchObject({ refunded: 1000, settledUnits: 0, unsettledRefunded: 1000 });
    s.apply({ type: 'repair', reason: 'needs_repair' }, 'C2');
    expect(s.case('C2').lines[0]!.share).toBe(58900);
    // The repair never comes back: the refund is what is left of the goods (never more than was
    // paid) and, the order now emptied for a merchant-liable reason, its shipping fee.
    s.returned('C2', 0);
    s.advance(8 * DAY);
    expect(s.case('C2').refunded).toBe(58900 + 1000);
    expect(s.ctx.order!.ledger.L1!.refunded).toBe(59900);
  });

  it('a second partial refund is bounded by paid − refunded, and a full refund settles the units', () => {
    const s = new Story(TAOBAO, paidOrder({ shipping_fee: 0, free_shipping: true }));
    s.apply({ type: 'refund_only', reason: 'damaged', amount: 2000, evidence: photo });
    s.ok({ kind: 'agree', caseId: 'C1' }, merchant);
    expect(s.refused({ kind: 'apply', caseId: 'C2', args: { type: 'refund_only', reason: 'quality_issue', amount: 8000, evidence: photo } }, buyer).code).toBe('amount_exceeds_refundable');
    s.apply({ type: 'refund_only', reason: 'quality_issue', amount: 7900, evidence: photo }, 'C2');
    s.ok({ kind: 'agree', caseId: 'C2' }, merchant);
    expect(s.ctx.order!.ledger.L1).toMatchObject({ refunded: 9900, settledUnits: 1 });
    // Every line refunded in full: the order closes (SPEC §1) and nothing more can be claimed.
    expect(s.ctx.order!.status).toBe('closed');
    expect(s.refused({ kind: 'apply', caseId: 'C3', args: { type: 'refund_only', reason: 'damaged', evidence: photo } }, buyer).details.rule).toBe('order_closed');
  });

  it('still counts applications against max_applications_per_line', () => {
    const s = new Story(TAOBAO, paidOrder());
    for (const id of ['C1', 'C2', 'C3']) {
      s.apply({ type: 'refund_only', reason: 'damaged', amount: 100, evidence: photo }, id);
      s.ok({ kind: 'agree', caseId: id }, merchant);
    }
    expect(s.refused({ kind: 'apply', caseId: 'C4', args: { type: 'refund_only', reason: 'damaged', amount: 100, evidence: photo } }, buyer).code).toBe('not_eligible');
  });
});

describe('price difference on an exchange (SPEC §2, seed 002 以实际差价为准)', () => {
  it('an exchange offer for a cheaper item refunds the difference with the postage when the replacement arrives', () => {
    const s = new Story(TAOBAO, paidOrder()).apply({ type: 'return_refund', reason: 'quality_issue', evidence: photo });
    s.ok({ kind: 'offer', caseId: 'C1', type: 'exchange', amount: 2000, note: '换便宜款, 退差价' }, merchant);
    s.ok({ kind: 'accept_offer', caseId: 'C1' }, buyer);
    expect(s.case()).toMatchObject({ type: 'exchange', amount: 2000, shippingFeePart: 0 });
    s.ok({ kind: 'ship_return', caseId: 'C1', carrier: 'YTO', tracking: 'YT1234567890123', shippingCost: 800 }, buyer);
    s.ok({ kind: 'receive_return', caseId: 'C1' }, merchant);
    s.ok({ kind: 'reship', caseId: 'C1', carrier: 'YTO', tracking: 'YT2234567890123' }, merchant);
    s.ok({ kind: 'confirm_receipt', caseId: 'C1' }, buyer);
    expect(s.case()).toMatchObject({ status: 'completed', refunded: 2800, returnShippingReimbursed: 800 });
    expect(s.ctx.order!.ledger.L1).toMatchObject({ refunded: 2000, settledUnits: 0 });
  });

  it('records what the buyer owes for a dearer item; refuses a difference above the goods and both ways at once', () => {
    const s = new Story(TAOBAO, paidOrder()).apply({ type: 'exchange', reason: 'size_or_color' });
    expect(s.refused({ kind: 'offer', caseId: 'C1', type: 'exchange', amount: 9901 }, merchant).code).toBe('amount_exceeds_refundable');
    expect(s.refused({ kind: 'offer', caseId: 'C1', type: 'exchange', amount: 100, buyerOwes: 100 }, merchant).code).toBe('validation');
    expect(s.refused({ kind: 'offer', caseId: 'C1', type: 'refund_only', amount: 100, buyerOwes: 100 }, merchant).code).toBe('validation');
    s.ok({ kind: 'offer', caseId: 'C1', type: 'exchange', buyerOwes: 1500 }, merchant);
    s.ok({ kind: 'accept_offer', caseId: 'C1' }, buyer);
    expect(s.case()).toMatchObject({ type: 'exchange', amount: 0, buyerOwes: 1500 });
  });
});

describe('7-day no-reason exchange (seed 004 七天无理由退换货, no_reason_exchange)', () => {
  it('is allowed where the shop offers it, inside the window, with the intact declaration', () => {
    const s = new Story(TAOBAO, paidOrder());
    expect(s.refused({ kind: 'apply', caseId: 'C1', args: { type: 'exchange', reason: 'no_reason_7d' } }, buyer).code).toBe('not_eligible');
    s.apply({ type: 'exchange', reason: 'no_reason_7d', intact: true });
    expect(s.case()).toMatchObject({ type: 'exchange', liability: 'buyer' });
  });

  it('is refused where the shop does not offer it, and after the window', () => {
    // A pack that does not offer it (a shop override could only turn it on: SPEC §9 generosity).
    const off = new Story({ ...TAOBAO, params: { ...TAOBAO.params, no_reason_exchange: false } }, paidOrder());
    const r = off.refused({ kind: 'apply', caseId: 'C1', args: { type: 'exchange', reason: 'no_reason_7d', intact: true } }, buyer);
    expect(r).toMatchObject({ code: 'not_eligible', details: { rule: 'no_reason_exchange' } });
    const late = new Story(TAOBAO, paidOrder());
    late.now = T0 + 12 * DAY;
    expect(late.refused({ kind: 'apply', caseId: 'C1', args: { type: 'exchange', reason: 'no_reason_7d', intact: true } }, buyer).code).toBe('window_expired');
  });
});

describe('先行赔付: the platform pays once and records who owes it (SPEC §6, §8.3)', () => {
  const lost = () => {
    const s = new Story(TAOBAO, paidOrder()).apply({ type: 'refund_only', reason: 'not_received' });
    s.ok({ kind: 'reject', caseId: 'C1', reason: '已签收', evidence: [{ kind: 'delivery_receipt' }] }, merchant);
    s.ok({ kind: 'escalate', caseId: 'C1', reason: '没收到货' }, buyer);
    return s;
  };

  it('a carrier-liable ruling: the refund is the platform’s (paid once) and the claim is against the carrier', () => {
    const s = lost().ok({ kind: 'rule', caseId: 'C1', outcome: 'buyer', liability: 'carrier', note: '快递丢件', force: true }, platform);
    const requested = s.events.filter((e) => e.type === 'RefundRequested');
    expect(requested).toHaveLength(1);
    expect(requested[0]).toMatchObject({ plan: { paidBy: 'platform', total: 10900 } });
    const claims = s.events.filter((e) => e.type === 'ClaimRecorded');
    expect(claims).toEqual([expect.objectContaining({ against: 'carrier', amount: 10900, forCase: 'C1' })]);
    expect(orderRefunded(s.ctx.order!)).toBe(10900);
  });

  it('a lost parcel ruled against the merchant: the platform pays first and claims from the merchant (its deposit)', () => {
    const s = lost().ok({ kind: 'rule', caseId: 'C1', outcome: 'buyer', liability: 'merchant', note: '商家无法证明签收', force: true }, platform);
    expect(s.events.filter((e) => e.type === 'ClaimRecorded')).toEqual([expect.objectContaining({ against: 'merchant', amount: 10900 })]);
  });

  it('an ordinary refund is the merchant’s and records no claim', () => {
    const s = new Story(TAOBAO, paidOrder()).apply({ type: 'refund_only', reason: 'damaged', evidence: photo });
    s.ok({ kind: 'agree', caseId: 'C1' }, merchant);
    expect(s.events.find((e) => e.type === 'RefundRequested')).toMatchObject({ plan: { paidBy: 'merchant' } });
    expect(s.events.some((e) => e.type === 'ClaimRecorded')).toBe(false);
  });
});

describe('found when tried as a new user would', () => {
  const escalated = () => {
    const s = new Story(TAOBAO, paidOrder()).apply({ type: 'refund_only', reason: 'not_received' });
    s.ok({ kind: 'reject', caseId: 'C1', reason: '已签收', evidence: [{ kind: 'delivery_receipt' }] }, merchant);
    return s;
  };

  it('an escalation reason, when sent, must say something', () => {
    const s = escalated();
    expect(s.refused({ kind: 'escalate', caseId: 'C1', reason: '   ' }, buyer)).toMatchObject({ code: 'validation', details: { field: 'reason' } });
    s.ok({ kind: 'escalate', caseId: 'C1', reason: '快递显示签收但我没收到' }, buyer);
  });

  it('ruling while an evidence deadline runs is refused with evidence_pending, unless confirmed; a ruling keeps its note', () => {
    const s = escalated();
    s.ok({ kind: 'escalate', caseId: 'C1', reason: '没收到' }, buyer);
    s.ok({ kind: 'request_evidence', caseId: 'C1', party: 'buyer', kinds: ['video'], dueInHours: 48 }, platform);
    const r = s.refused({ kind: 'rule', caseId: 'C1', outcome: 'seller', liability: 'buyer', note: '签收底单有效' }, platform);
    expect(r).toMatchObject({ code: 'too_early', details: { rule: 'evidence_pending' } });
    expect((r.details.evidence_pending as { party: string }[]).map((x) => x.party)).toEqual(['buyer']);
    expect(r.ok === false && r.message.zh).not.toMatch(/[a-z]+_[a-z]+/);
    expect(s.refused({ kind: 'rule', caseId: 'C1', outcome: 'seller', note: ' ', force: true }, platform)).toMatchObject({ code: 'validation', details: { field: 'note' } });
    s.ok({ kind: 'rule', caseId: 'C1', outcome: 'seller', liability: 'buyer', note: '签收底单有效', force: true }, platform);
    expect(s.case().ruling).toMatchObject({ outcome: 'seller', note: '签收底单有效' });
  });

  it('no confirmation is needed once the requested party gave what was asked', () => {
    const s = escalated();
    s.ok({ kind: 'escalate', caseId: 'C1', reason: '没收到' }, buyer);
    s.ok({ kind: 'request_evidence', caseId: 'C1', party: 'buyer', kinds: ['video'], dueInHours: 48 }, platform);
    s.ok({ kind: 'submit_evidence', caseId: 'C1', evidence: [{ kind: 'video' }] }, buyer);
    s.ok({ kind: 'rule', caseId: 'C1', outcome: 'buyer', liability: 'carrier', note: '视频显示未收到' }, platform);
  });

  it('return carriers come from the list, tracking numbers are letters and digits; an odd format only warns', () => {
    const s = new Story(TAOBAO, paidOrder()).apply({ type: 'return_refund', reason: 'quality_issue', evidence: photo });
    s.ok({ kind: 'agree', caseId: 'C1', returnAddress: '杭州' }, merchant);
    expect(s.refused({ kind: 'ship_return', caseId: 'C1', carrier: 'x', tracking: '1' }, buyer)).toMatchObject({ code: 'validation', details: { field: 'carrier' } });
    expect(s.refused({ kind: 'ship_return', caseId: 'C1', carrier: 'SF', tracking: 'SF-12 3' }, buyer)).toMatchObject({ code: 'validation', details: { field: 'tracking' } });
    expect(s.refused({ kind: 'ship_return', caseId: 'C1', carrier: 'OTHER', tracking: 'AN1' }, buyer)).toMatchObject({ code: 'validation', details: { field: 'carrier_name' } });
    s.ok({ kind: 'ship_return', caseId: 'C1', carrier: 'yunda', tracking: '1', shippingCost: 999_900 }, buyer);
    expect(s.case().returnShipment).toMatchObject({ carrier: 'YD', tracking: '1', corrected: false });
    expect(trackingWarning('YD', '1')?.en).toMatch(/does not look like/);
    expect(trackingWarning('SF', 'SF1234567890123')).toBeNull();
  });

  it('the buyer may correct the tracking number once while the return travels; the merchant_receipt deadline runs on', () => {
    const s = new Story(TAOBAO, paidOrder()).apply({ type: 'return_refund', reason: 'quality_issue', evidence: photo });
    s.ok({ kind: 'agree', caseId: 'C1', returnAddress: '杭州' }, merchant);
    s.ok({ kind: 'ship_return', caseId: 'C1', carrier: 'SF', tracking: '1', shippingCost: 1200 }, buyer);
    const due = s.case().deadline!.dueAt;
    expect(s.refused({ kind: 'correct_tracking', caseId: 'C1', carrier: 'SF', tracking: '1' }, buyer).code).toBe('validation');
    expect(s.refused({ kind: 'correct_tracking', caseId: 'C1', carrier: 'SF', tracking: 'SF1234567890123' }, merchant).code).toBe('forbidden');
    s.ok({ kind: 'correct_tracking', caseId: 'C1', carrier: 'SF', tracking: 'SF1234567890123' }, buyer);
    expect(s.case().returnShipment).toMatchObject({ tracking: 'SF1234567890123', corrected: true, shippingCost: 1200 });
    expect(s.case().deadline!.dueAt).toBe(due);
    expect(s.refused({ kind: 'correct_tracking', caseId: 'C1', carrier: 'SF', tracking: 'SF1234567890124' }, buyer).code).toBe('not_eligible');
  });

  it('a merchant may withdraw an offer before the buyer answers; the case waits for the merchant again', () => {
    const s = new Story(TAOBAO, paidOrder()).apply({ type: 'return_refund', reason: 'quality_issue', evidence: photo });
    s.ok({ kind: 'offer', caseId: 'C1', type: 'refund_only', amount: 3000 }, merchant);
    expect(s.refused({ kind: 'withdraw_offer', caseId: 'C1' }, buyer).code).toBe('forbidden');
    s.ok({ kind: 'withdraw_offer', caseId: 'C1' }, merchant);
    expect(s.case()).toMatchObject({ status: 'requested', offer: null, deadline: { kind: 'merchant_response', dueAt: s.now + 5 * DAY } });
    expect(s.refused({ kind: 'withdraw_offer', caseId: 'C1' }, merchant).code).toBe('invalid_state');
    expect(s.refused({ kind: 'accept_offer', caseId: 'C1' }, buyer).code).toBe('invalid_state');
  });
});
