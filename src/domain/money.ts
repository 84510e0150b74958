// SPEC §5 money and §6 compensation. Integer fen throughout; every division floors and the last
// unit (or the last line) takes the remainder, so parts always add up to the whole.
import { refuse, type Refusal } from './errors.ts';
import type { CompensationFormula, PolicyParams } from './policy.ts';
import type { CaseState, ClaimLine, OrderContext, OrderLine, OrderState, RefundPlan } from './state.ts';
import { isOpenStatus, type Fen, type Liability, type ShippingPayer } from './types.ts';

/** Units and value of a line held by open cases other than `exceptCase`. */
export function reservedOnLine(ctx: OrderContext, lineId: string, exceptCase: string | null) {
  let units = 0;
  let value = 0;
  for (const c of Object.values(ctx.cases)) {
    if (c.id === exceptCase || !isOpenStatus(c.status)) continue;
    for (const l of c.lines) {
      if (l.lineId === lineId) {
        units += l.quantity;
        value += l.share;
      }
    }
  }
  return { units, value };
}

/**
 * The pro-rata share of `quantity` units of a line, or why they cannot be claimed.
 * SPEC §5: floor to fen; the claim that takes the last units takes the remainder.
 */
export function claimShare(
  ctx: OrderContext,
  line: OrderLine,
  quantity: number,
  exceptCase: string | null,
): Fen | Refusal {
  const led = ctx.order!.ledger[line.id]!;
  const reserved = reservedOnLine(ctx, line.id, exceptCase);
  const unsettled = line.quantity - led.settledUnits;
  const free = unsettled - reserved.units;
  if (quantity > free) {
    if (quantity <= unsettled) {
      return refuse(
        'duplicate_case',
        'unit_in_open_case',
        `商品 ${line.id} 有 ${reserved.units} 件已在其他进行中的售后单中`,
        `${reserved.units} unit(s) of line ${line.id} are already in another open case`,
        { line: line.id, requested: quantity, available: free },
      );
    }
    return refuse(
      'amount_exceeds_refundable',
      'units_already_refunded',
      `商品 ${line.id} 可申请 ${Math.max(free, 0)} 件, 已退款的件数不能再次申请`,
      `only ${Math.max(free, 0)} unit(s) of line ${line.id} can still be claimed; refunded units cannot be claimed again`,
      { line: line.id, requested: quantity, available: Math.max(free, 0) },
    );
  }
  // SPEC §9 Precisions: refundable = paid − refunded. Settled units went with their value; a
  // partial refund (units not settled) lowers what the line's unsettled units are still worth.
  const partial = led.unsettledRefunded ?? 0;
  const left = line.paidAmount - led.settledValue - partial - reserved.value;
  if (quantity === free) return left;
  if (partial === 0) return Math.floor((line.paidAmount * quantity) / line.quantity);
  return Math.min(left, Math.floor(((line.paidAmount - led.settledValue - partial) * quantity) / unsettled));
}

/**
 * Splits `amount` over the claim lines in proportion to their shares. Cumulative rounding (each
 * part is the difference of floored running totals) makes the parts sum to `amount` exactly and
 * keeps every part within its share whenever `amount` ≤ the total of the shares (SPEC §5).
 */
export function allocate(amount: Fen, lines: readonly ClaimLine[]): Fen[] {
  const total = lines.reduce((s, l) => s + l.share, 0);
  if (total === 0) return lines.map(() => 0);
  let running = 0;
  let given = 0;
  return lines.map((l, i) => {
    running += l.share;
    const upTo = i === lines.length - 1 ? amount : Math.floor((amount * running) / total);
    const part = upTo - given;
    given = upTo;
    return part;
  });
}

export function sumShares(lines: readonly ClaimLine[]): Fen {
  return lines.reduce((s, l) => s + l.share, 0);
}

/** The most a case can refund (SPEC §5): its lines' shares and the shipping fee it carries. */
export function caseRefundable(c: { lines: readonly ClaimLine[]; shippingFeePart: Fen }): Fen {
  return sumShares(c.lines) + c.shippingFeePart;
}

/** The order's shipping fee neither refunded nor held by another open case. */
export function shippingFeeLeft(ctx: OrderContext, exceptCase: string | null): Fen {
  const o = ctx.order!;
  let held = 0;
  for (const c of Object.values(ctx.cases)) if (c.id !== exceptCase && isOpenStatus(c.status)) held += c.shippingFeePart;
  return o.shippingFee - o.shippingFeeRefunded - held;
}

/**
 * SPEC §5: the order shipping fee goes back with the last lines when the order is refunded in full
 * before shipment, or for a merchant-liable reason; not for buyer-liable returns after shipment.
 */
export function shippingFeePart(
  ctx: OrderContext,
  claim: readonly ClaimLine[],
  liability: Liability,
  exceptCase: string | null,
): Fen {
  const o = ctx.order!;
  const left = shippingFeeLeft(ctx, exceptCase);
  if (left <= 0) return 0;
  const shipped = o.shippedAt !== null;
  if (shipped && liability !== 'merchant') return 0;
  // Only the claim that leaves no unit of any line unsettled and unclaimed takes the fee.
  for (const line of o.lines) {
    const led = o.ledger[line.id]!;
    const reserved = reservedOnLine(ctx, line.id, exceptCase);
    const mine = claim.filter((c) => c.lineId === line.id).reduce((s, c) => s + c.quantity, 0);
    if (line.quantity - led.settledUnits - reserved.units - mine > 0) return 0;
    if (reserved.units > 0) return 0;
  }
  return left;
}

/** Who pays the buyer's return shipping, and how much the merchant adds to the refund (SPEC §5). */
export function returnShipping(
  c: CaseState,
  o: OrderState,
  p: PolicyParams,
): { payer: ShippingPayer; reimbursed: Fen; insurerClaim: Fen } {
  if (!c.returnShipment) return { payer: 'none', reimbursed: 0, insurerClaim: 0 };
  const cost = c.returnShipment.shippingCost;
  // Carrier liability: the merchant reimburses and claims from the carrier (SPEC §6 先行赔付).
  // SPEC §9 Precisions: exchanges and repairs follow the same rule as returns (seed 003:
  // 质量问题 "卖方需要承担来回运费").
  if (c.liability === 'merchant' || c.liability === 'carrier') {
    return { payer: 'merchant', reimbursed: Math.min(cost, returnShippingCap(p) ?? Infinity), insurerClaim: 0 };
  }
  if (o.shippingInsurance > 0) return { payer: 'insurer', reimbursed: 0, insurerClaim: Math.min(cost, o.shippingInsurance) };
  return { payer: 'buyer', reimbursed: 0, insurerClaim: 0 };
}

/**
 * What the buyer is told before shipping the goods back (issue 15): who will pay the return leg on
 * this case as it stands, and the most the merchant reimburses (null: no cap, or not the merchant).
 */
export function returnShippingTerms(c: CaseState, o: OrderState, p: PolicyParams): { payer: ShippingPayer; cap: Fen | null } {
  if (c.liability === 'merchant' || c.liability === 'carrier') return { payer: 'merchant', cap: returnShippingCap(p) };
  return { payer: o.shippingInsurance > 0 ? 'insurer' : 'buyer', cap: o.shippingInsurance > 0 ? o.shippingInsurance : null };
}

/** The most the merchant reimburses for a return leg (SPEC §5 `return_shipping_cap`; null: no cap). */
export function returnShippingCap(p: PolicyParams): Fen | null {
  return p.return_shipping_cap;
}

/**
 * Who pays a refund (SPEC §6 先行赔付): the platform pays first when its ruling decided the refund
 * and the parcel was lost (`not_received`) or the carrier is liable; it then claims the money back
 * from the liable party (the carrier, or the merchant's deposit, SPEC §8.3). Any other refund is
 * the merchant's (escrow / the shop), once.
 */
export function refundPayer(c: CaseState): { paidBy: 'merchant' | 'platform'; owedBy: 'carrier' | 'merchant' | null } {
  // SPEC §13: the seller let refund_after_receipt pass: the platform refunds and debits the seller.
  if (c.platformRefund) return { paidBy: 'platform', owedBy: 'merchant' };
  const r = c.ruling;
  if (!r || r.outcome === 'seller') return { paidBy: 'merchant', owedBy: null };
  if (r.liability === 'carrier') return { paidBy: 'platform', owedBy: 'carrier' };
  if (c.reason === 'not_received' && r.liability === 'merchant') return { paidBy: 'platform', owedBy: 'merchant' };
  return { paidBy: 'merchant', owedBy: null };
}

/**
 * The refund of a case: `amount` (goods first, then the shipping fee part) plus return shipping.
 * An exchange or repair whose replacement the buyer confirmed pays only what the merchant still
 * owes: the price difference (`amount`) and the return postage (SPEC §9 Precisions).
 */
export function planRefund(refundId: string, c: CaseState, ctx: OrderContext, p: PolicyParams, amount: Fen): RefundPlan {
  const o = ctx.order!;
  const goodsMax = sumShares(c.lines);
  const goodsAmount = Math.min(amount, goodsMax);
  const settlement = c.replacementReceivedAt !== null && (c.type === 'exchange' || c.type === 'repair');
  let fee = settlement ? 0 : Math.min(amount - goodsAmount, c.shippingFeePart);
  // SPEC §5: the fee goes back with the last lines. A case that did not hold the fee when it was
  // applied (its lines' last units were then in other open cases, or it was an exchange or repair
  // that turned into a refund: SPEC §9 Precisions) may be the last one now.
  if (!settlement && fee === 0 && c.shippingFeePart === 0 && goodsAmount === goodsMax) {
    fee = shippingFeePart(ctx, c.lines, o.shippedAt === null ? 'merchant' : c.liability, c.id);
  }
  // SPEC §13: a label the buyer pays is deducted from the refund, with any restocking fee.
  const buyerLabel = c.labelPayer === 'buyer' && c.label ? c.label.cost : 0;
  const deductions = settlement ? 0 : Math.min(c.deductions + buyerLabel, goodsAmount);
  const parts = allocate(goodsAmount - deductions, c.lines);
  const rs = returnShipping(c, o, p);
  const goods = c.lines.map((l, i) => ({ lineId: l.lineId, amount: parts[i]!, units: l.quantity, share: l.share }));
  const total = goods.reduce((s, g) => s + g.amount, 0) + fee + rs.reimbursed;
  // SPEC §9 Precisions: the goods went back for money, or the units were refunded in full.
  const settles = !settlement && (c.goodsReceivedAt !== null || goodsAmount >= goodsMax);
  return {
    refundId,
    goods,
    shippingFee: fee,
    returnShippingReimbursed: rs.reimbursed,
    returnShippingPayer: rs.payer,
    insurerClaim: rs.insurerClaim,
    deductions,
    total,
    settles,
    paidBy: refundPayer(c).paidBy,
  };
}

/** rate × basis, clamped to [min, max] (SPEC §6). */
export function formulaAmount(f: CompensationFormula, basis: Fen): Fen {
  const raw = Math.floor((basis * Math.round(f.rate_pct * 100)) / 10_000);
  return Math.min(f.max, Math.max(f.min, raw));
}

export function paidOfLines(o: OrderState, lineIds: readonly string[]): Fen {
  return o.lines.filter((l) => lineIds.includes(l.id)).reduce((s, l) => s + l.paidAmount, 0);
}


/** All that went back to the buyer on an order: goods, shipping fee and return shipping. */
export function orderRefunded(o: OrderState): Fen {
  return Object.values(o.ledger).reduce((s, l) => s + l.refunded, 0) + o.shippingFeeRefunded + o.returnShippingReimbursed;
}
