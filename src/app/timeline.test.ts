// The timeline in plain words: one sample of every event type (the mapped type below makes the
// compiler insist on a new one), none of whose texts shows a raw SPEC code.
import { describe, expect, it } from 'vitest';
import type { DomainEvent, EventType } from '../domain/events.ts';
import { CASE_DEADLINE_KINDS, CASE_TYPES, CLOSED_REASONS, EVIDENCE_KINDS, LIABILITIES, ORDER_DEADLINE_KINDS, REASONS, RULING_OUTCOMES, type EvidenceItem } from '../domain/types.ts';
import { CASE_DEADLINE_LABELS, CASE_TYPE_LABELS, CLOSED_REASON_LABELS, EVIDENCE_LABELS, LIABILITY_LABELS, ORDER_DEADLINE_LABELS, OUTCOME_LABELS, REASON_LABELS } from '../domain/labels.ts';
import { describeEvent, shownActor } from './timeline.ts';

const TZ = 'Asia/Shanghai';
const AT = Date.parse('2026-03-02T10:00:00+08:00');
const on = { at: AT, caseId: 'AS-1' };
const deadline = <K extends string>(kind: K) => ({ kind, dueAt: AT + 86_400_000, policyVersion: '2026.1', remindAt: null });
const photo: EvidenceItem = { kind: 'photo', description: '外壳裂纹', party: 'buyer', at: AT };
const invoice: EvidenceItem = { kind: 'invoice', party: 'merchant', at: AT };
const line = { lineId: 'L1', quantity: 1, share: 59_900 };

const SAMPLES: { [K in EventType]: Extract<DomainEvent, { type: K }> } = {
  OrderPlaced: {
    type: 'OrderPlaced', at: AT, orderId: 'O1', shopId: 'S1', buyerId: 'B1', shippingFee: 800, freeShipping: false, shippingInsurance: 0,
    lines: [{ id: 'L1', sku: 'BAG', category: 'general', quantity: 1, paidAmount: 59_900, flags: ['no_reason_excluded'] }],
  },
  OrderPaid: { type: 'OrderPaid', at: AT, shipBy: AT + 2 * 86_400_000 },
  ShipmentOverdue: { type: 'ShipmentOverdue', at: AT, shipBy: AT },
  OrderShipped: { type: 'OrderShipped', at: AT, carrier: 'SF', tracking: 'SF1001', late: true },
  OrderSigned: { type: 'OrderSigned', at: AT, signedAt: AT, signedOn: null },
  AutoConfirmExtended: { type: 'AutoConfirmExtended', at: AT, by: 'buyer', dueAt: AT, pausedRemaining: null },
  AutoConfirmPaused: { type: 'AutoConfirmPaused', at: AT, remaining: 3_600_000 },
  AutoConfirmResumed: { type: 'AutoConfirmResumed', at: AT, dueAt: AT },
  OrderCompleted: { type: 'OrderCompleted', at: AT, by: 'system' },
  OrderClosed: { type: 'OrderClosed', at: AT, reason: 'unpaid_timeout' },
  CompensationPaid: { type: 'CompensationPaid', at: AT, kind: 'late_shipment', amount: 500, forCase: null, lines: ['L1'], basis: 59_900 },
  ClaimRecorded: { type: 'ClaimRecorded', at: AT, against: 'carrier', amount: 59_900, forCase: 'AS-1' },
  OrderDeadlineStarted: { type: 'OrderDeadlineStarted', at: AT, deadline: deadline('auto_confirm') },
  OrderDeadlineCleared: { type: 'OrderDeadlineCleared', at: AT, kind: 'ship_by' },
  OrderDeadlineExpired: { type: 'OrderDeadlineExpired', at: AT, kind: 'payment', dueAt: AT },
  CaseApplied: {
    type: 'CaseApplied', ...on, orderId: 'O1', shopId: 'S1', buyerId: 'B1', caseType: 'return_refund', reason: 'counterfeit', phase: 'after_sale', lines: [line],
    amount: 59_900, shippingFeePart: 0, intact: null, note: null, evidence: [photo], liability: 'merchant', appliedAfterShipBy: false,
  },
  CaseModified: {
    type: 'CaseModified', ...on, caseType: 'refund_only', reason: 'no_reason_7d', lines: [line], amount: 100, shippingFeePart: 0, intact: true, note: null,
    evidence: [], liability: 'buyer', to: 'requested',
  },
  MerchantAgreed: { type: 'MerchantAgreed', ...on, by: 'system', returnAddress: null, to: 'awaiting_return' },
  CaseRejected: { type: 'CaseRejected', ...on, reason: '商品已使用', evidence: [], to: 'rejected' },
  OfferMade: { type: 'OfferMade', ...on, offer: { type: 'refund_only', amount: 1000 }, to: 'offer_pending' },
  OfferAccepted: { type: 'OfferAccepted', ...on, offer: { type: 'reship', amount: 0 }, lines: [line], to: 'awaiting_reship' },
  OfferDeclined: { type: 'OfferDeclined', ...on, to: 'requested' },
  OfferWithdrawn: { type: 'OfferWithdrawn', ...on, to: 'requested' },
  ReturnTrackingCorrected: { type: 'ReturnTrackingCorrected', ...on, carrier: 'YTO', carrierName: null, tracking: 'YT8888000000001', previous: { carrier: 'YTO', tracking: 'YT8888' } },
  CaseCancelled: { type: 'CaseCancelled', ...on, to: 'closed' },
  ReturnShipped: { type: 'ReturnShipped', ...on, carrier: 'YTO', tracking: 'YT8888', shippingCost: 1000, to: 'return_in_transit' },
  ReturnReceived: { type: 'ReturnReceived', ...on, by: 'system', deductions: 500, refundDueAt: AT, to: 'refunding' },
  ReturnRefused: { type: 'ReturnRefused', ...on, reason: '吊牌已剪', evidence: [], to: 'rejected' },
  ReturnAuthorized: { type: 'ReturnAuthorized', ...on, label: { carrier: 'UPS', tracking: '1ZSIM0001', cost: 699 }, labelPayer: 'buyer', to: 'awaiting_return' },
  ReturnDelivered: { type: 'ReturnDelivered', ...on },
  SellerRefundLapsed: { type: 'SellerRefundLapsed', ...on, to: 'refunding' },
  ReplacementShipped: { type: 'ReplacementShipped', ...on, carrier: 'SF', tracking: 'SF7777', to: 'reship_in_transit' },
  ReceiptConfirmed: { type: 'ReceiptConfirmed', ...on, by: 'buyer', to: 'completed' },
  CaseEscalated: { type: 'CaseEscalated', ...on, by: 'system', reason: 'counterfeit', resumeStatus: 'requested', to: 'in_arbitration' },
  EvidenceSubmitted: { type: 'EvidenceSubmitted', ...on, items: [invoice, { ...invoice, kind: 'brand_authorization' }] },
  CaseMessagePosted: { type: 'CaseMessagePosted', ...on, party: 'buyer', text: '请问退货地址是哪里?', attachments: [] },
  EvidenceRequested: {
    type: 'EvidenceRequested', ...on,
    request: { id: 'R1', party: 'merchant', kinds: ['courier_rejection_certificate', 'photo'], mode: 'all', dueAt: AT, burden: true, open: true },
  },
  EvidenceRequestLapsed: { type: 'EvidenceRequestLapsed', ...on, requestId: 'R1', satisfied: false },
  CaseRuled: { type: 'CaseRuled', ...on, outcome: 'partial', liability: 'carrier', amount: 3000, by: 'platform', basis: null, to: 'refunding', closedReason: null },
  ReshipDefaulted: { type: 'ReshipDefaulted', ...on, amount: 59_900, to: 'refunding' },
  RefundRequested: {
    type: 'RefundRequested', ...on,
    plan: { refundId: 'RF1', goods: [], shippingFee: 0, returnShippingReimbursed: 0, returnShippingPayer: 'merchant', insurerClaim: 0, deductions: 0, settles: true, paidBy: 'merchant', total: 59_900 },
  },
  RefundCompleted: { type: 'RefundCompleted', ...on, refundId: 'RF1' },
  RefundFailed: { type: 'RefundFailed', ...on, refundId: 'RF1', error: 'simulated provider failure' },
  CaseCompleted: { type: 'CaseCompleted', ...on, to: 'completed' },
  CaseClosed: { type: 'CaseClosed', ...on, reason: 'evidence_timeout', to: 'closed' },
  CaseDeadlineStarted: { type: 'CaseDeadlineStarted', ...on, deadline: deadline('merchant_response') },
  CaseDeadlineCleared: { type: 'CaseDeadlineCleared', ...on, kind: 'buyer_return_shipment' },
  CaseDeadlineExpired: { type: 'CaseDeadlineExpired', ...on, kind: 'buyer_after_reject', dueAt: AT },
};

/** A SPEC code as it would leak: lower-case words joined by underscores (return_refund). */
const SNAKE = /[a-z0-9]+_[a-z0-9_]+/;

describe('the timeline in plain words', () => {
  it.each(Object.values(SAMPLES).map((e) => [e.type, e] as const))('%s reads without codes in zh and en', (type, e) => {
    const d = describeEvent(e, TZ);
    expect(d.zh, d.zh).not.toMatch(SNAKE);
    expect(d.en, d.en).not.toMatch(SNAKE);
    // Not the fallback (the event's own type name), and the zh text is Chinese.
    expect(d.zh).not.toContain(type);
    expect(d.en).not.toContain(type);
    expect(d.zh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('says the names the platforms use', () => {
    expect(describeEvent(SAMPLES.CaseApplied, TZ)).toEqual({
      zh: '买家申请退货退款, 原因: 假冒品牌, 金额 ¥599.00',
      en: 'buyer applied for return and refund (counterfeit), ¥599.00',
    });
    expect(describeEvent(SAMPLES.CaseModified, TZ).zh).toBe('买家修改申请: 仅退款, 原因: 七天无理由退货, 金额 ¥1.00');
    expect(describeEvent(SAMPLES.EvidenceSubmitted, TZ).zh).toBe('商家提交凭证: 发票、品牌授权书');
    expect(describeEvent(SAMPLES.EvidenceRequested, TZ).zh).toBe('平台要求商家在 3月2日 10:00 前提交以下全部凭证: 快递拒收证明、照片');
    expect(describeEvent(SAMPLES.CaseRuled, TZ)).toEqual({ zh: '平台判定部分支持买家, 物流责任, 金额 ¥30.00', en: 'platform ruled partly for the buyer, carrier liable, ¥30.00' });
    expect(describeEvent(SAMPLES.CaseEscalated, TZ).zh).toBe('系统自动转平台介入, 原因: 假冒品牌');
    expect(describeEvent(SAMPLES.CaseClosed, TZ).zh).toBe('售后关闭: 举证超时');
    expect(describeEvent(SAMPLES.CaseDeadlineStarted, TZ).zh).toBe('商家处理时限开始计时, 3月3日 10:00 到期');
    // Dates as people read them, in the platform zone; the year only when it is not the event's.
    expect(describeEvent({ ...SAMPLES.CaseDeadlineStarted, deadline: { ...SAMPLES.CaseDeadlineStarted.deadline, dueAt: Date.parse('2027-01-02T09:05:00+08:00') } }, TZ)).toEqual({
      zh: '商家处理时限开始计时, 2027年1月2日 09:05 到期',
      en: expect.stringContaining('2 Jan 2027 09:05'),
    });
    expect(describeEvent({ ...SAMPLES.OfferAccepted }, TZ).zh).toBe('买家接受方案: 补发');
    expect(describeEvent({ ...SAMPLES.OfferMade }, TZ).zh).toBe('商家提出方案: 仅退款 ¥10.00');
  });

  it('has a zh and an en name for every code', () => {
    const tables = [
      [CASE_TYPES, CASE_TYPE_LABELS], [REASONS, REASON_LABELS], [EVIDENCE_KINDS, EVIDENCE_LABELS], [RULING_OUTCOMES, OUTCOME_LABELS],
      [LIABILITIES, LIABILITY_LABELS], [CASE_DEADLINE_KINDS, CASE_DEADLINE_LABELS], [ORDER_DEADLINE_KINDS, ORDER_DEADLINE_LABELS], [CLOSED_REASONS, CLOSED_REASON_LABELS],
    ] as const;
    for (const [codes, table] of tables) {
      expect(Object.keys(table).sort()).toEqual([...codes].sort());
      for (const l of Object.values(table) as { zh: string; en: string }[]) {
        expect(l.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(l.en).not.toMatch(SNAKE);
      }
    }
  });

  it('credits the rules, not the buyer who applied, with what they did inside a command', () => {
    const buyer = { role: 'buyer' as const, id: 'B1' };
    expect(shownActor({ type: 'CaseEscalated', ...on, by: 'system', reason: 'counterfeit', resumeStatus: 'requested', to: 'in_arbitration' }, buyer)).toEqual({ role: 'system' });
    expect(shownActor({ type: 'CaseEscalated', ...on, by: 'buyer', reason: null, resumeStatus: 'rejected', to: 'in_arbitration' }, buyer)).toEqual(buyer);
    expect(shownActor(SAMPLES.EvidenceRequested, buyer)).toEqual({ role: 'system' });
    expect(shownActor(SAMPLES.EvidenceRequested, { role: 'platform' })).toEqual({ role: 'platform' });
    expect(shownActor(SAMPLES.CaseApplied, buyer)).toEqual(buyer);
    expect(shownActor(SAMPLES.CaseDeadlineStarted, buyer)).toEqual({ role: 'system' });
    expect(shownActor(SAMPLES.OrderDeadlineExpired, { role: 'system' })).toEqual({ role: 'system' });
    // SPEC §13: written with the buyer's application, but the platform's authorization.
    expect(shownActor(SAMPLES.ReturnAuthorized, buyer)).toEqual({ role: 'platform' });
    expect(describeEvent({ ...SAMPLES.CaseApplied, caseType: 'reship', amount: 0 }, TZ).zh).not.toContain('¥');
  });
});
