// SPEC §1 order lifecycle: what the shop system reports (placed, paid, shipped, signed, completed)
// and the order's own deadlines (unpaid close, ship-by, auto-confirm).
import type { OrderCommand, OrderInput } from './commands.ts';
import type { Draft } from './draft.ts';
import { refuse, type Refusal } from './errors.ts';
import { formulaAmount } from './money.ts';
import { isLocalDate, localDateOf } from './calendar.ts';
import { COMMAND_LABELS, CURRENCY_LABELS, fieldName, ORDER_STATUS_LABELS } from './labels.ts';
import type { OrderState } from './state.ts';
import type { Instant, Role } from './types.ts';
import { isOpenStatus } from './types.ts';

type Outcome = Refusal | void;

/** A lifecycle step the order's status does not allow, in the console's words (codes in details). */
function orderState(o: OrderState, command: OrderCommand['kind']): Refusal {
  const signed = o.status === 'shipped' && (o.signedAt !== null || o.signedOn !== null);
  const s = signed ? { zh: '已签收', en: 'delivered' } : ORDER_STATUS_LABELS[o.status];
  const a = COMMAND_LABELS[command];
  return refuse('invalid_state', 'order_status', `订单当前状态「${s.zh}」不能执行「${a.zh}」`, `cannot ${a.en}: the order is “${s.en}”`, {
    status: o.status,
    command,
  });
}

/**
 * Records an order as the shop system reports it. Lifecycle instants already in the past are
 * replayed in order, so the order's deadlines and compensation are as if seen live (FORMAT.md).
 */
export function placeOrder(d: Draft, input: OrderInput): Outcome {
  if (d.ctx.order) return refuse('invalid_state', 'order_exists', `订单 ${input.id} 已存在`, `order ${input.id} already exists`, { order: input.id });
  const steps: [string, Instant | undefined][] = [
    ['placed_at', input.placed_at],
    ['paid_at', input.paid_at],
    ['shipped_at', input.shipped_at],
    ['signed_at', input.signed_at],
    ['completed_at', input.completed_at],
  ];
  let last = -Infinity;
  for (const [field, at] of steps) {
    if (at === undefined) continue;
    const f = fieldName(field);
    if (at < last) return refuse('validation', field, `${f.zh}早于之前的环节`, `the ${f.en} is earlier than the step before it`, { field });
    if (at > d.now) return refuse('validation', field, `${f.zh}晚于当前时间`, `the ${f.en} is later than now`, { field });
    last = at;
  }
  const needs: [string, unknown, string][] = [
    ['shipped_at', input.shipped_at, 'paid_at'],
    ['signed_at', input.signed_at ?? input.signed_on, 'shipped_at'],
    ['completed_at', input.completed_at, 'shipped_at'],
  ];
  for (const [field, value, before] of needs) {
    if (value !== undefined && (input as unknown as Record<string, unknown>)[before] === undefined) {
      const [f, b] = [fieldName(field), fieldName(before)];
      return refuse('validation', field, `有${f.zh}时必须有${b.zh}`, `an order with a ${f.en} needs a ${b.en}`, { field, needs: before });
    }
  }
  if (input.signed_on !== undefined && !isLocalDate(input.signed_on)) {
    return refuse('validation', 'signed_on', '签收日期不是有效日期 (YYYY-MM-DD)', 'the signing date is not a valid date (YYYY-MM-DD)', { field: 'signed_on' });
  }
  if (input.shipped_at === undefined && input.paid_at === undefined && input.ship_by !== undefined) {
    return refuse('validation', 'ship_by', '未付款订单不能有承诺发货时间', 'an unpaid order has no promised shipment time', { field: 'ship_by' });
  }
  const ids = new Set<string>();
  for (const l of input.lines) {
    if (ids.has(l.id)) return refuse('validation', 'lines', `商品行 ${l.id} 重复`, `line id ${l.id} is used twice`, { line: l.id });
    ids.add(l.id);
  }
  // SPEC §13: an order is in its shop's currency (the shop's pack's); one that says otherwise is refused.
  if (input.currency !== undefined && input.currency !== d.policy.currency) {
    const [o, s] = [CURRENCY_LABELS[input.currency], CURRENCY_LABELS[d.policy.currency]];
    return refuse('validation', 'currency', `订单币种为${o.zh}, 但店铺 ${input.shop} 以${s.zh}结算`, `the order is in ${o.en}, but shop ${input.shop} trades in ${s.en}`, {
      field: 'currency',
      order_currency: input.currency,
      shop_currency: d.policy.currency,
    });
  }
  const p = d.policy.params;
  d.emit({
    type: 'OrderPlaced',
    at: input.placed_at,
    orderId: input.id,
    shopId: input.shop,
    buyerId: input.buyer,
    shippingFee: input.shipping_fee,
    freeShipping: input.free_shipping,
    shippingInsurance: input.shipping_insurance,
    currency: d.policy.currency,
    lines: input.lines.map((l) => ({
      id: l.id,
      sku: l.sku,
      ...(l.title !== undefined ? { title: l.title } : {}),
      category: l.category,
      quantity: l.quantity,
      paidAmount: l.paid_amount,
      flags: l.flags,
      ...(l.warranty_days !== undefined ? { warrantyDays: l.warranty_days } : {}),
    })),
  });
  if (input.paid_at !== undefined) {
    d.emit({ type: 'OrderPaid', at: input.paid_at, shipBy: input.ship_by ?? d.dueFrom(input.paid_at, p.ship_within) });
  }
  if (input.shipped_at !== undefined) {
    recordShipment(d, input.shipped_at, input.carrier ?? '', input.tracking ?? '');
  }
  if (input.signed_at !== undefined || input.signed_on !== undefined) {
    d.emit({ type: 'OrderSigned', at: input.signed_at ?? d.now, signedAt: input.signed_at ?? null, signedOn: input.signed_at === undefined ? input.signed_on! : null });
  }
  if (input.completed_at !== undefined) d.emit({ type: 'OrderCompleted', at: input.completed_at, by: 'system' });
}

/** Shipment: late-shipment compensation when after ship_by (SPEC §6), and the auto-confirm clock. */
function recordShipment(d: Draft, at: Instant, carrier: string, tracking: string): void {
  const o = d.order;
  const late = o.shipBy !== null && at > o.shipBy;
  d.emit({ type: 'OrderShipped', at, carrier, tracking, late });
  const formula = d.policy.params.late_shipment_compensation;
  if (late && formula && !o.compensated.late_shipment) {
    const basis = o.lines.reduce((s, l) => s + l.paidAmount, 0);
    d.emit({
      type: 'CompensationPaid',
      at,
      kind: 'late_shipment',
      amount: formulaAmount(formula, basis),
      forCase: null,
      lines: o.lines.map((l) => l.id),
      basis,
    });
  }
  const dueAt = d.dueFrom(at, d.policy.params.order_auto_confirm);
  const open = Object.values(d.ctx.cases).some((c) => isOpenStatus(c.status));
  if (open) d.emit({ type: 'AutoConfirmPaused', at, remaining: dueAt - at });
  else d.emit({ type: 'AutoConfirmResumed', at, dueAt });
}

export function decideOrder(d: Draft, cmd: OrderCommand, role: Role): Outcome {
  if (cmd.kind === 'place_order') return placeOrder(d, cmd.order);
  const o = d.order;
  switch (cmd.kind) {
    case 'pay_order':
      if (o.status !== 'pending_payment') return orderState(o, cmd.kind);
      return d.emit({ type: 'OrderPaid', at: d.now, shipBy: d.due(d.policy.params.ship_within) });
    case 'ship_order':
      if (o.status !== 'paid') return orderState(o, cmd.kind);
      return recordShipment(d, d.now, cmd.carrier, cmd.tracking);
    case 'sign_order':
      if (o.status !== 'shipped' || o.signedAt !== null || o.signedOn !== null) return orderState(o, cmd.kind);
      // SPEC §3: a date-only sign time keeps just the local date.
      return d.emit({
        type: 'OrderSigned',
        at: d.now,
        signedAt: cmd.dateOnly ? null : d.now,
        signedOn: cmd.dateOnly ? localDateOf(d.now, d.policy.calendar.timeZone) : null,
      });
    case 'complete_order':
      if (o.status !== 'shipped') return orderState(o, cmd.kind);
      return d.emit({ type: 'OrderCompleted', at: d.now, by: role });
    case 'extend_auto_confirm': {
      if (o.status !== 'shipped') return orderState(o, cmd.kind);
      if (o.autoConfirm.extended) {
        return refuse('not_eligible', 'auto_confirm_extension', '自动确认收货只能延长一次', 'auto-confirm can be extended once only');
      }
      const ext = d.due(d.policy.params.auto_confirm_extension) - d.now;
      const { dueAt, pausedRemaining } = o.autoConfirm;
      return d.emit({
        type: 'AutoConfirmExtended',
        at: d.now,
        by: role,
        dueAt: dueAt === null ? null : dueAt + ext,
        pausedRemaining: pausedRemaining === null ? null : pausedRemaining + ext,
      });
    }
    case 'fire_order_deadline': {
      const dl = o.deadline;
      if (!dl || dl.kind !== cmd.deadline || dl.dueAt !== cmd.dueAt || d.now < dl.dueAt) return; // stale
      d.emit({ type: 'OrderDeadlineExpired', at: d.now, kind: dl.kind, dueAt: dl.dueAt });
      if (dl.kind === 'payment') return d.emit({ type: 'OrderClosed', at: d.now, reason: 'unpaid_timeout' });
      if (dl.kind === 'ship_by') return d.emit({ type: 'ShipmentOverdue', at: d.now, shipBy: dl.dueAt });
      return d.emit({ type: 'OrderCompleted', at: d.now, by: 'system' });
    }
    default: {
      const never: never = cmd;
      throw new Error(`unknown order command ${JSON.stringify(never)}`);
    }
  }
}
