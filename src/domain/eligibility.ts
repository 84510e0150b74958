// SPEC §3: what may be applied for, when. Returns the priced claim or the refusal naming the rule.
import { DAY, localDateOf, addDaysToDate, startOfLocalDay, formatInstant } from './calendar.ts';
import { refuse, type Refusal } from './errors.ts';
import { CASE_TYPE_LABELS, dateWords, LINE_FLAG_LABELS, lineName, REASON_LABELS, yuan } from './labels.ts';
import { BUYER_FAULT_RETURN_REASONS, hasReturnWindow, noSevenDayRule, returnWindowOf, windowExpired } from './marketplace-returns.ts';
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
  /** SPEC §13: delivered and inside the return window (always false on a pack without one). */
  inWindow: boolean;
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
  // no_reason_7d: seed 004 七天无理由退换货, where the shop offers it (`no_reason_exchange`, SPEC §9 Precisions).
  exchange: ['size_or_color', 'quality_issue', 'damaged', 'wrong_or_missing_item', 'not_as_described', 'no_reason_7d'],
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
  const tz = policy.calendar.timeZone;
  const { type, reason } = args;
  const rw = REASON_LABELS[reason];
  if (o.status === 'pending_payment') {
    return refuse('not_eligible', 'order_not_paid', '订单未付款, 不能申请售后', 'the order is not paid');
  }
  if (o.status === 'closed') {
    return refuse('not_eligible', 'order_closed', '交易已关闭, 不能申请售后', 'the order is closed');
  }
  // SPEC §13: a pack with a return window has no 7-day no-reason rule.
  const marketplace = hasReturnWindow(policy);
  if (marketplace && reason === 'no_reason_7d') return noSevenDayRule();
  // SPEC §13: buyer-fault reasons are allowed after shipment for a return.
  const buyerFaultReturn = marketplace && type === 'return_refund' && BUYER_FAULT_RETURN_REASONS.includes(reason);

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
      const n = lineName(line);
      return refuse('validation', 'lines', `${n.zh}的数量应在 1 到 ${line.quantity} 件之间`, `the quantity of ${n.en} must be 1 to ${line.quantity}`, {
        line: w.line,
        quantity: w.quantity,
        bought: line.quantity,
      });
    }
    if (lines.includes(line)) return refuse('validation', 'lines', `${lineName(line).zh}重复填写了`, `${lineName(line).en} is listed twice`);
    lines.push(line);
  }
  if (wanted.length === 0 && reason !== 'shipping_fee_refund') {
    // SPEC §9 Precisions: units refunded in full or returned for money are settled; a partial refund settles nothing.
    return refuse(
      'amount_exceeds_refundable',
      'nothing_refundable',
      '订单中的商品都已在之前的售后中结案或正在售后中, 没有可再申请的商品',
      'every item of the order was settled by an earlier case or is claimed by an open one: nothing is left to claim',
    );
  }

  const shipped = o.status === 'shipped' || o.status === 'completed';
  if (!shipped) {
    if (type !== 'refund_only' || !UNSHIPPED_REASONS.includes(reason)) {
      return refuse(
        'not_eligible',
        'unshipped_order',
        '订单还没发货, 只能以缺货、未按约定时间发货、拍错或不想要了申请仅退款',
        'the order has not shipped yet: only a refund for out of stock, late shipment, ordered by mistake or no longer needed is possible',
        { type, reason },
      );
    }
  } else {
    if (UNSHIPPED_ONLY.includes(reason) && !buyerFaultReturn) {
      return refuse('not_eligible', 'unshipped_only_reason', `订单已发货, 「${rw.zh}」只适用于未发货的订单`, `the order has shipped: “${rw.en}” applies only before shipment`, { reason });
    }
    const fits =
      type === 'refund_only'
        ? SHIPPED_REFUND_ONLY.includes(reason) || (lines.length > 0 && lines.every(neverReturned))
        : TYPE_REASONS[type].includes(reason) || buyerFaultReturn;
    if (fits && type === 'exchange' && reason === 'no_reason_7d' && !p.no_reason_exchange) {
      return refuse('not_eligible', 'no_reason_exchange', '本店七天无理由只支持退货退款, 不支持换货', 'this shop offers 7-day no-reason returns for a refund, not exchanges', { type, reason });
    }
    if (!fits) {
      const tw = CASE_TYPE_LABELS[type];
      return refuse('not_eligible', 'type_reason', `「${rw.zh}」不能申请${tw.zh}`, `“${rw.en}” cannot be claimed as ${tw.en}`, { type, reason });
    }
    if (isReturnType(type)) {
      const bad = lines.find(neverReturned);
      if (bad) {
        const kind = LINE_FLAG_LABELS[bad.flags.includes('virtual') ? 'virtual' : 'perishable'];
        const n = lineName(bad);
        // The no-reason option is what a buyer looks for first: say that it does not exist here.
        const [zh, en] =
          reason === 'no_reason_7d'
            ? [`${kind.zh}${n.zh}不支持七天无理由退货`, `${kind.en} (${n.en}) cannot be returned without a reason`]
            : [`${kind.zh}${n.zh}不能寄回, 如有问题请申请仅退款`, `${kind.en} (${n.en}) are never sent back: apply for a refund only`];
        return refuse('not_eligible', 'not_returnable', zh, en, { line: bad.id, flags: bad.flags });
      }
    }
  }
  const signed = signInstant(o, policy.calendar.timeZone);
  if ((type === 'exchange' || type === 'repair') && signed === null) {
    return refuse('not_eligible', 'not_signed', '商品签收后才能申请换货或维修', 'exchange and repair need the goods signed for');
  }

  // The 7-day window and exclusions hold for a no-reason exchange as for a return (seed 004).
  const noReason = !marketplace && (reason === 'no_reason_7d' || (reason === 'size_or_color' && type === 'return_refund'));
  if (noReason) {
    for (const line of lines) {
      const flag = line.flags.find((f) => NO_REASON_EXCLUDED.includes(f));
      if (flag) {
        const n = lineName(line);
        return refuse('not_eligible', 'no_reason_excluded', `${LINE_FLAG_LABELS[flag].zh}${n.zh}不支持七天无理由退货`, `${LINE_FLAG_LABELS[flag].en} (${n.en}) cannot be returned without a reason`, {
          line: line.id,
          flag,
        });
      }
    }
    if (args.intact !== true) {
      return refuse('not_eligible', 'intact_declaration', '七天无理由退货需声明商品完好 (未使用、不影响二次销售)', 'a 7-day no-reason return needs you to declare the goods intact (unused, fit for resale)', { field: 'intact' });
    }
    const end = noReasonWindowEnd(o, policy);
    if (end !== null && windowAt >= end) {
      const d = dateWords(end, now, tz);
      return refuse('window_expired', 'no_reason_days', `七天无理由已于 ${d.zh} 截止`, `the 7-day no-reason window closed on ${d.en}`, { ended_at: formatInstant(end, tz) });
    }
  }
  // SPEC §13: the window runs from delivery. Past it a buyer-fault reason is refused; a seller-fault
  // one still goes to the seller for a decision (docs/decisions.md). A counterfeit claim and a
  // repair keep their own periods.
  let inWindow = false;
  if (marketplace && signed !== null && type !== 'repair' && reason !== 'counterfeit') {
    const w = returnWindowOf(signed, policy)!;
    inWindow = windowAt < w.endsAt;
    if (!inWindow && REASON_LIABILITY[reason] === 'buyer') return windowExpired(w, now, policy);
  }
  // SPEC §13: inside the return window the periods counted from completion do not apply.
  if (type === 'exchange' && o.completedAt !== null && !inWindow) {
    const end = o.completedAt + p.exchange_days * DAY;
    if (windowAt >= end) {
      const d = dateWords(end, now, tz);
      return refuse('window_expired', 'exchange_days', `换货期已于 ${d.zh} 截止`, `the exchange window closed on ${d.en}`, { ended_at: formatInstant(end, tz) });
    }
  }
  if (type === 'repair') {
    for (const line of lines) {
      const days = line.warrantyDays ?? p.category_warranty_days[line.category] ?? p.warranty_days;
      const end = signed! + days * DAY;
      if (windowAt >= end) {
        const [d, n] = [dateWords(end, now, tz), lineName(line)];
        return refuse('window_expired', 'warranty_days', `${n.zh}的保修期已于 ${d.zh} 截止`, `the warranty of ${n.en} ended on ${d.en}`, { line: line.id, ended_at: formatInstant(end, tz) });
      }
    }
  }
  if (o.completedAt !== null && type !== 'exchange' && type !== 'repair' && !inWindow) {
    const rule = reason === 'counterfeit' ? 'counterfeit_claim_days' : 'after_sale_days';
    const end = o.completedAt + p[rule] * DAY;
    if (windowAt >= end) {
      const d = dateWords(end, now, tz);
      const [zh, en] = rule === 'counterfeit_claim_days' ? ['假货投诉期', 'the counterfeit claim period'] : ['售后期', 'the after-sale period'];
      return refuse('window_expired', rule, `${zh}已于 ${d.zh} 截止`, `${en} closed on ${d.en}`, { ended_at: formatInstant(end, tz) });
    }
  }
  if (NEEDS_PHOTO.includes(reason) && !evidence.some((e) => e.kind === 'photo' || e.kind === 'video')) {
    return refuse('evidence_required', 'photo_or_video', `「${rw.zh}」需要上传至少一张照片或一段视频`, `“${rw.en}” needs at least one photo or video`, {
      reason,
      kinds: ['photo', 'video'],
    });
  }
  const appliedAfterShipBy = o.shipBy !== null && now > o.shipBy && (o.shippedAt === null || o.shippedAt > o.shipBy);
  if (reason === 'late_shipment' && !appliedAfterShipBy) {
    const d = o.shipBy === null ? null : dateWords(o.shipBy, now, tz);
    const [zh, en] =
      d === null
        ? ['该订单没有承诺发货时间', 'the order has no promised ship-by time']
        : o.shippedAt !== null && o.shippedAt <= o.shipBy!
          ? [`商家已在承诺的 ${d.zh} 前发货`, `the shop shipped before the promised ${d.en}`]
          : [`承诺发货时间 ${d.zh} 还没到`, `the promised ship-by time, ${d.en}, has not come yet`];
    return refuse('not_eligible', 'ship_by', zh, en, { ship_by: o.shipBy === null ? null : formatInstant(o.shipBy, tz) });
  }
  if (self === null) {
    for (const line of lines) {
      if (o.ledger[line.id]!.applications >= p.max_applications_per_line) {
        const n = lineName(line);
        return refuse('not_eligible', 'max_applications_per_line', `${n.zh}已申请过 ${p.max_applications_per_line} 次售后, 不能再申请`, `${n.en} has had ${p.max_applications_per_line} applications already, the most allowed`, {
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
      return refuse('validation', 'amount', '换货、维修、补发不能填写退款金额', 'an exchange, repair or reshipment takes no refund amount', { field: 'amount' });
    }
    if (!Number.isInteger(args.amount) || args.amount <= 0) {
      return refuse('validation', 'amount', '退款金额必须大于 0 (以分为单位的整数)', 'the amount must be more than 0 (a whole number of fen)', { field: 'amount' });
    }
    if (args.amount > max) {
      return refuse('amount_exceeds_refundable', 'refundable', `退款金额超过了最多可退的 ${yuan(max)}`, `the amount is more than the ${yuan(max)} still refundable on these items`, {
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
    inWindow,
  };
}
