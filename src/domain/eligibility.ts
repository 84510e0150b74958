// SPEC §3: what may be applied for, when. Returns the priced claim or the refusal naming the rule.
import { DAY, localDateOf, addDaysToDate, startOfLocalDay } from './calendar.ts';
import { refuse, type Refusal } from './errors.ts';
import { claimShare, shippingFeeLeft, shippingFeePart, sumShares } from './money.ts';
import type { Policy } from './policy.ts';
import type { ClaimLine, OrderContext, OrderLine, OrderState } from './state.ts';
import {
  REASON_LIABILITY,
  type CaseType,
  type EvidenceItem,
  type Fen,
  type Instant,
  type Liability,
  type LineFlag,
  type Phase,
  type Reason,
} from './types.ts';

export interface ApplicationArgs {
  type: CaseType;
  reason: Reason;
  lines?: { line: string; quantity: number }[];
  amount?: Fen;
  intact?: boolean;
  evidence?: Omit<EvidenceItem, 'party' | 'at'>[];
  note?: string;
}

export interface PricedClaim {
  lines: ClaimLine[];
  amount: Fen;
  shippingFeePart: Fen;
  liability: Liability;
  phase: Phase;
  appliedAfterShipBy: boolean;
}

/** Reasons of an order not yet shipped (SPEC §3). */
const UNSHIPPED_REASONS: readonly Reason[] = ['out_of_stock', 'late_shipment', 'wrong_order_info', 'no_longer_needed'];
const UNSHIPPED_ONLY: readonly Reason[] = ['out_of_stock', 'wrong_order_info', 'no_longer_needed'];
/** Reasons for `refund_only` after shipment, for lines that are neither perishable nor virtual. */
const SHIPPED_REFUND_ONLY: readonly Reason[] = [
  'not_received',
  'damaged',
  'wrong_or_missing_item',
  'quality_issue',
  'not_as_described',
  'counterfeit',
  'invoice_issue',
  'shipping_fee_refund',
  'late_shipment',
];
/** Which remedies fit which reasons after shipment (rule chosen here; SPEC §2 notes). */
const TYPE_REASONS: Record<Exclude<CaseType, 'refund_only'>, readonly Reason[]> = {
  return_refund: [
    'damaged',
    'wrong_or_missing_item',
    'counterfeit',
    'not_as_described',
    'quality_issue',
    'no_reason_7d',
    'size_or_color',
    'invoice_issue',
    'late_shipment',
  ],
  exchange: ['size_or_color', 'quality_issue', 'damaged', 'wrong_or_missing_item', 'not_as_described'],
  repair: ['needs_repair', 'quality_issue', 'damaged'],
  reship: ['wrong_or_missing_item', 'damaged', 'not_received'],
};
/** Flags that exclude 7-day no-reason returns (SPEC §3). */
const NO_REASON_EXCLUDED: readonly LineFlag[] = [
  'customized',
  'perishable',
  'digital',
  'periodical',
  'hygiene_opened',
  'virtual',
  'no_reason_excluded',
];
/** Reasons that need a photo or video with the application (SPEC §3). */
export const NEEDS_PHOTO: readonly Reason[] = ['damaged', 'quality_issue', 'not_as_described', 'wrong_or_missing_item'];

const isReturnType = (t: CaseType) => t === 'return_refund' || t === 'exchange' || t === 'repair';
const neverReturned = (l: OrderLine) => l.flags.includes('virtual') || l.flags.includes('perishable');

/** The instant the goods count as signed for, or null when they are not signed. */
export function signInstant(o: OrderState, tz: string): Instant | null {
  if (o.signedAt !== null) return o.signedAt;
  if (o.signedOn !== null) return startOfLocalDay(o.signedOn, tz);
  return null;
}

/** End of the 7-day no-reason window (SPEC §9 `no_reason_start`), or null before signing. */
export function noReasonWindowEnd(o: OrderState, policy: Policy): Instant | null {
  const tz = policy.calendar.timeZone;
  const p = policy.params;
  let start: Instant;
  if (p.no_reason_start === 'sign_time' && o.signedAt !== null) {
    start = o.signedAt;
  } else {
    // SPEC §9: next_day, and a date-only sign time in sign_time mode, start at 00:00 the next day.
    const date = o.signedAt !== null ? localDateOf(o.signedAt, tz) : o.signedOn;
    if (date === null) return null;
    start = startOfLocalDay(addDaysToDate(date, 1), tz);
  }
  return start + p.no_reason_days * DAY;
}

export function checkApplication(
  ctx: OrderContext,
  args: ApplicationArgs,
  evidence: readonly { kind: string }[],
  policy: Policy,
  now: Instant,
  self: string | null,
  /** When the windows are judged: now for an application; its first application time when a
   * case is modified (a timely application stays timely while the parties negotiate). */
  windowAt: Instant = now,
): PricedClaim | Refusal {
  const o = ctx.order!;
  const p = policy.params;
  const { type, reason } = args;
  if (o.status === 'pending_payment') {
    return refuse('not_eligible', 'order_not_paid', '订单未付款, 不能申请售后', 'the order is not paid');
  }
  if (o.status === 'closed') {
    return refuse('not_eligible', 'order_closed', '交易已关闭, 不能申请售后', 'the order is closed');
  }

  // Resolve the claimed lines (default: every line with units not yet refunded).
  const wanted =
    reason === 'shipping_fee_refund'
      ? []
      : (args.lines ??
        o.lines
          .map((l) => ({ line: l.id, quantity: l.quantity - o.ledger[l.id]!.settledUnits }))
          .filter((l) => l.quantity > 0));
  const lines: OrderLine[] = [];
  for (const w of wanted) {
    const line = o.lines.find((l) => l.id === w.line);
    if (!line) return refuse('validation', 'lines', `订单中没有商品 ${w.line}`, `the order has no line ${w.line}`, { line: w.line });
    if (!Number.isInteger(w.quantity) || w.quantity < 1 || w.quantity > line.quantity) {
      return refuse('validation', 'lines', `商品 ${w.line} 的数量无效`, `invalid quantity for line ${w.line}`, {
        line: w.line,
        quantity: w.quantity,
        bought: line.quantity,
      });
    }
    if (lines.includes(line)) return refuse('validation', 'lines', `商品 ${w.line} 重复`, `line ${w.line} is listed twice`);
    lines.push(line);
  }
  if (wanted.length === 0 && reason !== 'shipping_fee_refund') {
    return refuse('amount_exceeds_refundable', 'nothing_refundable', '没有可申请的商品', 'no unit of the order can still be claimed');
  }

  const shipped = o.status === 'shipped' || o.status === 'completed';
  if (!shipped) {
    if (type !== 'refund_only' || !UNSHIPPED_REASONS.includes(reason)) {
      return refuse(
        'not_eligible',
        'unshipped_order',
        '未发货订单只能以缺货、未按约定时间发货、拍错或不想要了申请仅退款',
        'an unshipped order allows only refund_only for out_of_stock, late_shipment, wrong_order_info or no_longer_needed',
        { type, reason },
      );
    }
  } else {
    if (UNSHIPPED_ONLY.includes(reason)) {
      return refuse('not_eligible', 'unshipped_only_reason', `原因 ${reason} 只适用于未发货订单`, `reason ${reason} applies to unshipped orders only`, { reason });
    }
    const fits =
      type === 'refund_only'
        ? SHIPPED_REFUND_ONLY.includes(reason) || (lines.length > 0 && lines.every(neverReturned))
        : TYPE_REASONS[type].includes(reason);
    if (!fits) {
      return refuse('not_eligible', 'type_reason', `售后类型 ${type} 不适用原因 ${reason}`, `case type ${type} does not fit reason ${reason}`, { type, reason });
    }
    if (isReturnType(type)) {
      const bad = lines.find(neverReturned);
      if (bad) {
        return refuse(
          'not_eligible',
          'not_returnable',
          `商品 ${bad.id} (生鲜/虚拟) 不可退回, 请申请仅退款`,
          `line ${bad.id} is perishable or virtual and is never returned: apply for refund_only`,
          { line: bad.id, flags: bad.flags },
        );
      }
    }
  }
  const signed = signInstant(o, policy.calendar.timeZone);
  if ((type === 'exchange' || type === 'repair') && signed === null) {
    return refuse('not_eligible', 'not_signed', '商品签收后才能申请换货或维修', 'exchange and repair need the goods signed for');
  }

  const noReason = reason === 'no_reason_7d' || (reason === 'size_or_color' && type === 'return_refund');
  if (noReason) {
    for (const line of lines) {
      const flag = line.flags.find((f) => NO_REASON_EXCLUDED.includes(f));
      if (flag) {
        return refuse('not_eligible', 'no_reason_excluded', `商品 ${line.id} (${flag}) 不支持七天无理由退货`, `line ${line.id} (${flag}) is excluded from 7-day no-reason returns`, {
          line: line.id,
          flag,
        });
      }
    }
    if (args.intact !== true) {
      return refuse('not_eligible', 'intact_declaration', '七天无理由退货需声明商品完好 (不影响二次销售)', '7-day no-reason returns need the buyer to declare the goods intact', { field: 'intact' });
    }
    const end = noReasonWindowEnd(o, policy);
    if (end !== null && windowAt >= end) {
      return refuse('window_expired', 'no_reason_days', '七天无理由退货期限已过', 'the 7-day no-reason window has ended', { ended_at: end });
    }
  }
  if (type === 'exchange' && o.completedAt !== null) {
    const end = o.completedAt + p.exchange_days * DAY;
    if (windowAt >= end) return refuse('window_expired', 'exchange_days', '换货期限已过', 'the exchange window has ended', { ended_at: end });
  }
  if (type === 'repair') {
    for (const line of lines) {
      const days = line.warrantyDays ?? p.category_warranty_days[line.category] ?? p.warranty_days;
      const end = signed! + days * DAY;
      if (windowAt >= end) {
        return refuse('window_expired', 'warranty_days', `商品 ${line.id} 已过保修期`, `line ${line.id} is out of warranty`, { line: line.id, ended_at: end });
      }
    }
  }
  if (o.completedAt !== null && type !== 'exchange' && type !== 'repair') {
    const rule = reason === 'counterfeit' ? 'counterfeit_claim_days' : 'after_sale_days';
    const end = o.completedAt + p[rule] * DAY;
    if (windowAt >= end) return refuse('window_expired', rule, '售后期限已过', 'the after-sale period has ended', { ended_at: end });
  }
  if (NEEDS_PHOTO.includes(reason) && !evidence.some((e) => e.kind === 'photo' || e.kind === 'video')) {
    return refuse('evidence_required', 'photo_or_video', '该原因需要上传照片或视频凭证', 'this reason needs at least one photo or video', {
      reason,
      kinds: ['photo', 'video'],
    });
  }
  const appliedAfterShipBy = o.shipBy !== null && now > o.shipBy && (o.shippedAt === null || o.shippedAt > o.shipBy);
  if (reason === 'late_shipment' && !appliedAfterShipBy) {
    return refuse('not_eligible', 'ship_by', '尚未超过承诺发货时间', 'the promised ship-by time has not passed (or the order shipped in time)', {
      ship_by: o.shipBy,
    });
  }
  if (self === null) {
    for (const line of lines) {
      if (o.ledger[line.id]!.applications >= p.max_applications_per_line) {
        return refuse('not_eligible', 'max_applications_per_line', `商品 ${line.id} 的售后申请次数已用完`, `line ${line.id} has reached the maximum number of applications`, {
          line: line.id,
          max: p.max_applications_per_line,
        });
      }
    }
  }

  const claim: ClaimLine[] = [];
  for (const [i, line] of lines.entries()) {
    const share = claimShare(ctx, line, wanted[i]!.quantity, self);
    if (typeof share !== 'number') return share;
    claim.push({ lineId: line.id, quantity: wanted[i]!.quantity, share });
  }
  const liability = REASON_LIABILITY[reason];
  const refundType = type === 'refund_only' || type === 'return_refund';
  let fee = refundType ? shippingFeePart(ctx, claim, shipped ? liability : 'merchant', self) : 0;
  if (reason === 'shipping_fee_refund') {
    // The fee left: neither refunded nor claimed by another open case (never refunded twice).
    fee = shippingFeeLeft(ctx, self);
    if (fee <= 0) return refuse('not_eligible', 'shipping_fee_refund', '订单没有可退的运费', 'the order has no shipping fee left to refund');
  }
  const max = refundType ? sumShares(claim) + fee : 0;
  let amount = max;
  if (args.amount !== undefined) {
    if (!refundType) {
      return refuse('validation', 'amount', '换货、维修、补寄不能填写退款金额', 'exchange, repair and reship take no refund amount', { field: 'amount' });
    }
    if (!Number.isInteger(args.amount) || args.amount <= 0) {
      return refuse('validation', 'amount', '退款金额必须是正整数 (分)', 'amount must be a positive integer in fen', { field: 'amount' });
    }
    if (args.amount > max) {
      return refuse('amount_exceeds_refundable', 'refundable', `退款金额超过可退金额 ${max} 分`, `amount exceeds the ${max} fen still refundable on these lines`, {
        amount: args.amount,
        refundable: max,
      });
    }
    amount = args.amount;
  }
  return {
    lines: claim,
    amount,
    // Goods come first; the shipping fee part is what the amount holds beyond them.
    shippingFeePart: Math.max(0, Math.min(fee, amount - sumShares(claim))),
    liability,
    phase: o.status === 'completed' ? 'after_sale' : 'in_sale',
    appliedAfterShipBy,
  };
}
