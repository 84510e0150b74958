// The goods and money legs of a case (SPEC §4): returns, reshipment, receipt, refund results and
// the expiry action of every case deadline.
import { yuan } from './labels.ts';
import { burdensOf, evidenceOf, REFUSED_RETURN_PROOF, satisfies } from './burden.ts';
import { agree, compensationOnRefund, needText, rule } from './case-decide.ts';
import type { CaseCommand } from './commands.ts';
import type { Draft } from './draft.ts';
import { refuse, type Refusal } from './errors.ts';
import { caseRefundable, refundPayer, returnShipping, sumShares } from './money.ts';
import { checkParcel } from './carriers.ts';
import { restockingFeeRefusal } from './marketplace-returns.ts';
import type { CaseState } from './state.ts';
import type { EvidenceItem } from './types.ts';

type Outcome = Refusal | void;
type Cmd<K extends CaseCommand['kind']> = Extract<CaseCommand, { kind: K }>;

export function shipReturn(d: Draft, cmd: Cmd<'ship_return'>, c: CaseState): Outcome {
  // SPEC §13: with a prepaid label the parcel is the label's, unless the buyer names another.
  const label = c.label && cmd.carrier === undefined && cmd.tracking === undefined ? c.label : null;
  // Issue 15: a carrier from the list (or OTHER with a name) and a tracking number of letters and digits.
  const parcel = label ? checkParcel('OTHER', label.tracking, label.carrier) : checkParcel(cmd.carrier ?? '', cmd.tracking ?? '', cmd.carrierName);
  if ('ok' in parcel) return parcel;
  const cost = cmd.shippingCost ?? 0;
  if (!Number.isInteger(cost) || cost < 0) {
    return refuse('validation', 'shipping_cost', '退货运费不能为负数 (以分为单位的整数)', 'the return shipping paid cannot be negative (a whole number of fen)', { field: 'shipping_cost' });
  }
  d.move({ type: 'ReturnShipped', at: d.now, caseId: c.id, carrier: parcel.carrier, carrierName: parcel.carrierName, tracking: parcel.tracking, shippingCost: cost, to: 'return_in_transit' });
}

/**
 * The buyer corrects the return's carrier or tracking number while it travels, once (issue 15; the
 * command table allows it once in `return_in_transit`). The merchant_receipt deadline runs on.
 */
export function correctTracking(d: Draft, cmd: Cmd<'correct_tracking'>, c: CaseState): Outcome {
  const parcel = checkParcel(cmd.carrier, cmd.tracking, cmd.carrierName);
  if ('ok' in parcel) return parcel;
  const was = c.returnShipment!;
  if (parcel.carrier === was.carrier && parcel.tracking === was.tracking && parcel.carrierName === was.carrierName) {
    return refuse('validation', 'tracking', '新的运单号与原来的相同', 'the corrected tracking number is the same as before', { field: 'tracking' });
  }
  d.emit({
    type: 'ReturnTrackingCorrected',
    at: d.now,
    caseId: c.id,
    carrier: parcel.carrier,
    carrierName: parcel.carrierName,
    tracking: parcel.tracking,
    previous: { carrier: was.carrier, tracking: was.tracking },
  });
}

export function receiveReturn(
  d: Draft,
  c: CaseState,
  by: 'merchant' | 'system',
  deductions: Cmd<'receive_return'>['deductions'] = [],
  condition?: Cmd<'receive_return'>['condition'],
): Outcome {
  const p = d.policy.params;
  let total = 0;
  for (const x of deductions) {
    if (!Number.isInteger(x.amount) || x.amount <= 0) {
      return refuse('validation', 'deductions', '扣款金额必须是正整数 (分)', 'a deduction must be a positive integer in fen', { field: 'deductions' });
    }
    // SPEC §13: on a pack with refund_after_receipt the fee also needs the item's condition.
    if (x.kind === 'restocking_fee' && p.refund_after_receipt !== null) {
      const refused = restockingFeeRefusal(c.reason, condition);
      if (refused) return refused;
    }
    // SPEC §5: deductions only where the policy allows and the buyer is liable.
    if (c.liability !== 'buyer') {
      return refuse('not_eligible', 'deductions_buyer_liable', '只有买家责任的退货可以扣款', 'deductions apply only when the buyer is liable', { liability: c.liability });
    }
    const maxFee = Math.floor((sumShares(c.lines) * p.restocking_fee_max_pct) / 100);
    if (x.kind === 'restocking_fee' && x.amount > maxFee) {
      const [zh, en] = [
        `折旧/重新上架费最多 ${yuan(maxFee)} (商品金额的 ${p.restocking_fee_max_pct}%)`,
        `the restocking fee can be at most ${yuan(maxFee)} (${p.restocking_fee_max_pct}% of the goods)`,
      ];
      return refuse('not_eligible', 'restocking_fee_max_pct', zh, en, { max_pct: p.restocking_fee_max_pct, max: maxFee });
    }
    if (x.kind === 'lost_shipping' && !p.deduct_lost_shipping) {
      return refuse('not_eligible', 'deduct_lost_shipping', '当前政策不允许扣除运费损失', 'the policy does not allow deducting lost shipping', {});
    }
    total += x.amount;
  }
  const to = c.type === 'return_refund' ? 'refunding' : 'awaiting_reship';
  // SPEC §5: the law wants the refund within refund_execution of receiving the goods.
  d.move({ type: 'ReturnReceived', at: d.now, caseId: c.id, by, deductions: total, refundDueAt: d.due(p.refund_execution), to });
}

/** SPEC §13: the carrier delivered the return to the seller; `refund_after_receipt` starts. */
export function returnDelivered(d: Draft, c: CaseState): Outcome {
  d.emit({ type: 'ReturnDelivered', at: d.now, caseId: c.id });
  d.startCaseDeadline(c.id);
}

export function refuseReturn(d: Draft, cmd: Cmd<'refuse_return'>, c: CaseState): Outcome {
  const missing = needText(cmd.reason, 'reason');
  if (missing) return missing;
  const evidence: EvidenceItem[] = (cmd.evidence ?? []).map((i) => ({ ...i, party: 'merchant', at: d.now }));
  // SPEC §7: refusing returned goods needs a courier rejection certificate and a photo.
  if (!satisfies([...evidenceOf(c, 'merchant'), ...evidence], { kinds: REFUSED_RETURN_PROOF, mode: 'all' })) {
    return refuse('evidence_required', 'burden_of_proof.refused_return', '拒收退货需提供拒签证明和照片', 'refusing a return needs a courier rejection certificate and a photo', {
      kinds: REFUSED_RETURN_PROOF,
      mode: 'all',
    });
  }
  d.move({ type: 'ReturnRefused', at: d.now, caseId: c.id, reason: cmd.reason, evidence, to: 'rejected' });
}

export function reship(d: Draft, cmd: Cmd<'reship'>, c: CaseState): Outcome {
  const parcel = checkParcel(cmd.carrier, cmd.tracking, cmd.carrierName);
  if ('ok' in parcel) return parcel;
  const carrier = parcel.carrierName ?? parcel.carrier;
  d.move({ type: 'ReplacementShipped', at: d.now, caseId: c.id, carrier, tracking: parcel.tracking, to: 'reship_in_transit' });
}

/**
 * The replacement (or the repaired goods) arrived. SPEC §9 Precisions: on an exchange or repair the
 * merchant then pays what it still owes the buyer, as a refund: the return postage of a
 * merchant-liable reason (seed 003 "卖方需要承担来回运费", up to the cap) and the price difference of
 * a cheaper replacement (seed 002 "以实际差价为准"). Who paid the return leg is recorded either way.
 */
export function confirmReceipt(d: Draft, c: CaseState, by: 'buyer' | 'system'): Outcome {
  const rs = returnShipping(c, d.order, d.policy.params);
  const owed = rs.reimbursed + Math.min(c.amount, sumShares(c.lines));
  const goodsBack = c.type === 'exchange' || c.type === 'repair';
  if (goodsBack && owed > 0) {
    d.move({ type: 'ReceiptConfirmed', at: d.now, caseId: c.id, by, to: 'refunding' });
    return;
  }
  d.move({ type: 'ReceiptConfirmed', at: d.now, caseId: c.id, by, to: 'completed', returnShippingPayer: rs.payer, insurerClaim: rs.insurerClaim });
}

/** The payment provider confirmed a refund: idempotent (a repeat or stale confirmation is a no-op). */
export function confirmRefund(d: Draft, cmd: Cmd<'confirm_refund'>, c: CaseState): Outcome {
  if (c.status !== 'refunding' || c.pendingRefund?.refundId !== cmd.refundId) return;
  const plan = c.pendingRefund;
  d.emit({ type: 'RefundCompleted', at: d.now, caseId: c.id, refundId: cmd.refundId });
  // SPEC §6 先行赔付: the platform paid this refund (the buyer got it once, from the platform), and
  // claims it back from whoever owes it: the carrier, or the merchant (its deposit, SPEC §8.3).
  const owedBy = refundPayer(c).owedBy;
  if ((plan.paidBy ?? 'merchant') === 'platform' && owedBy && plan.total > 0) {
    const kind = c.platformRefund ? { kind: 'platform_refund_debit' as const } : {};
    d.emit({ type: 'ClaimRecorded', at: d.now, against: owedBy, amount: plan.total, forCase: c.id, refundId: plan.refundId, ...kind });
  }
  compensationOnRefund(d, d.caseOf(c.id));
  d.move({ type: 'CaseCompleted', at: d.now, caseId: c.id, to: 'completed' });
  const o = d.order;
  // SPEC §1: an order whose every line is refunded in full before completion closes.
  if ((o.status === 'paid' || o.status === 'shipped') && o.lines.every((l) => o.ledger[l.id]!.refunded >= l.paidAmount)) {
    d.emit({ type: 'OrderClosed', at: d.now, reason: 'refunded_in_full' });
  }
}

export function failRefund(d: Draft, cmd: Cmd<'fail_refund'>, c: CaseState): Outcome {
  if (c.status !== 'refunding' || c.pendingRefund?.refundId !== cmd.refundId) return;
  d.emit({ type: 'RefundFailed', at: d.now, caseId: c.id, refundId: cmd.refundId, error: cmd.error || 'unknown' });
}

/** SPEC §4 deadline table: what happens when a case deadline passes. A stale one is a no-op. */
export function fireCaseDeadline(d: Draft, cmd: Cmd<'fire_case_deadline'>, c: CaseState): Outcome {
  const dl = c.deadline;
  if (!dl || dl.kind !== cmd.deadline || dl.dueAt !== cmd.dueAt || d.now < dl.dueAt) return;
  d.emit({ type: 'CaseDeadlineExpired', at: d.now, caseId: c.id, kind: dl.kind, dueAt: dl.dueAt });
  const inactive = () => d.move({ type: 'CaseClosed', at: d.now, caseId: c.id, reason: 'buyer_inactive', to: 'closed' });
  switch (dl.kind) {
    case 'merchant_response':
      return agree(d, c, 'system', cmd.returnAddress); // 系统默认同意, to the shop's default return address when it has one
    case 'offer_reply':
    case 'buyer_after_reject':
    case 'buyer_return_shipment':
      return inactive();
    case 'merchant_receipt':
      return receiveReturn(d, c, 'system');
    case 'refund_after_receipt':
      // SPEC §13: the platform refunds the buyer and debits the seller (ledger platform_refund_debit).
      return d.move({ type: 'SellerRefundLapsed', at: d.now, caseId: c.id, to: 'refunding' });
    case 'merchant_reship':
      // The merchant never sent the replacement: the case turns into a full refund.
      return d.move({ type: 'ReshipDefaulted', at: d.now, caseId: c.id, amount: caseRefundable(c), to: 'refunding' });
    case 'buyer_confirm':
      return confirmReceipt(d, c, 'system');
    case 'evidence':
      return evidenceLapsed(d, c);
    default: {
      const never: never = dl.kind;
      throw new Error(`no expiry rule for ${String(never)}`);
    }
  }
}

/**
 * SPEC §7: when an evidence request lapses and the requested party gave none of the kinds while it
 * bears the burden of proof, the platform rules against it automatically; otherwise the case waits.
 */
function evidenceLapsed(d: Draft, c: CaseState): Outcome {
  if (c.status !== 'in_arbitration') return;
  const due = c.evidenceRequests.filter((r) => r.open && r.dueAt <= d.now).sort((a, b) => a.dueAt - b.dueAt);
  for (const r of due) {
    const satisfied = satisfies(evidenceOf(c, r.party), r);
    d.emit({ type: 'EvidenceRequestLapsed', at: d.now, caseId: c.id, requestId: r.id, satisfied });
    const bears = r.burden && burdensOf(c, d.order, d.policy.calendar.timeZone).some((b) => b.party === r.party);
    if (!satisfied && bears) {
      const current = d.caseOf(c.id);
      if (current.status !== 'in_arbitration') return;
      return r.party === 'buyer'
        ? rule(d, current, 'seller', 'buyer', undefined, 'system', `evidence_timeout:${r.id}`)
        : rule(d, current, 'buyer', 'merchant', undefined, 'system', `evidence_timeout:${r.id}`);
    }
  }
  d.startCaseDeadline(c.id);
}
