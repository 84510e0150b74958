// The goods and money legs of a case (SPEC §4): returns, reshipment, receipt, refund results and
// the expiry action of every case deadline.
import { yuan } from './labels.ts';
import { burdensOf, evidenceOf, REFUSED_RETURN_PROOF, satisfies } from './burden.ts';
import { agree, compensationOnRefund, needText, rule } from './case-decide.ts';
import type { CaseCommand } from './commands.ts';
import type { Draft } from './draft.ts';
import { refuse, type Refusal } from './errors.ts';
import { caseRefundable, sumShares } from './money.ts';
import type { CaseState } from './state.ts';
import type { EvidenceItem } from './types.ts';

type Outcome = Refusal | void;
type Cmd<K extends CaseCommand['kind']> = Extract<CaseCommand, { kind: K }>;

export function shipReturn(d: Draft, cmd: Cmd<'ship_return'>, c: CaseState): Outcome {
  const missing = needText(cmd.carrier, 'carrier') ?? needText(cmd.tracking, 'tracking');
  if (missing) return missing;
  const cost = cmd.shippingCost ?? 0;
  if (!Number.isInteger(cost) || cost < 0) {
    return refuse('validation', 'shipping_cost', '退货运费不能为负数 (以分为单位的整数)', 'the return shipping paid cannot be negative (a whole number of fen)', { field: 'shipping_cost' });
  }
  d.move({ type: 'ReturnShipped', at: d.now, caseId: c.id, carrier: cmd.carrier, tracking: cmd.tracking, shippingCost: cost, to: 'return_in_transit' });
}

export function receiveReturn(d: Draft, c: CaseState, by: 'merchant' | 'system', deductions: Cmd<'receive_return'>['deductions'] = []): Outcome {
  const p = d.policy.params;
  let total = 0;
  for (const x of deductions) {
    if (!Number.isInteger(x.amount) || x.amount <= 0) {
      return refuse('validation', 'deductions', '扣款金额必须是正整数 (分)', 'a deduction must be a positive integer in fen', { field: 'deductions' });
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
  const missing = needText(cmd.carrier, 'carrier') ?? needText(cmd.tracking, 'tracking');
  if (missing) return missing;
  d.move({ type: 'ReplacementShipped', at: d.now, caseId: c.id, carrier: cmd.carrier, tracking: cmd.tracking, to: 'reship_in_transit' });
}

export function confirmReceipt(d: Draft, c: CaseState, by: 'buyer' | 'system'): Outcome {
  d.move({ type: 'ReceiptConfirmed', at: d.now, caseId: c.id, by, to: 'completed' });
}

/** The payment provider confirmed a refund: idempotent (a repeat or stale confirmation is a no-op). */
export function confirmRefund(d: Draft, cmd: Cmd<'confirm_refund'>, c: CaseState): Outcome {
  if (c.status !== 'refunding' || c.pendingRefund?.refundId !== cmd.refundId) return;
  d.emit({ type: 'RefundCompleted', at: d.now, caseId: c.id, refundId: cmd.refundId });
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
