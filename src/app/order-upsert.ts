// Upsert of an order the shop system sends again: what it already was stays (lines and money are
// immutable once placed), and the lifecycle steps it has reached since are recorded at their own
// instants, as if seen live (paid, shipped, signed, completed).
import { startOfLocalDay } from '../domain/calendar.ts';
import type { OrderCommand, OrderInput } from '../domain/commands.ts';
import { refuse } from '../domain/errors.ts';
import type { OrderState } from '../domain/state.ts';
import type { Instant } from '../domain/types.ts';
import type { Engine, Result } from './engine.ts';

export async function upsertOrder(engine: Engine, input: OrderInput, existing: OrderState, tz: string): Promise<Result> {
  const sameLines =
    existing.lines.length === input.lines.length &&
    input.lines.every((l) => {
      const x = existing.lines.find((e) => e.id === l.id);
      return x && x.quantity === l.quantity && x.paidAmount === l.paid_amount && x.sku === l.sku;
    });
  if (!sameLines || existing.shippingFee !== input.shipping_fee || existing.buyerId !== input.buyer) {
    return refuse('validation', 'order_immutable', '订单的商品、金额和买家下单后不能修改', 'an order’s lines, amounts and buyer cannot change once placed', {
      order: input.id,
    });
  }
  const steps: [OrderCommand, Instant][] = [];
  if (input.paid_at !== undefined && existing.paidAt === null) steps.push([{ kind: 'pay_order' }, input.paid_at]);
  if (input.shipped_at !== undefined && existing.shippedAt === null) {
    steps.push([{ kind: 'ship_order', carrier: input.carrier ?? '', tracking: input.tracking ?? '' }, input.shipped_at]);
  }
  if (existing.signedAt === null && existing.signedOn === null) {
    if (input.signed_at !== undefined) steps.push([{ kind: 'sign_order' }, input.signed_at]);
    else if (input.signed_on !== undefined) steps.push([{ kind: 'sign_order', dateOnly: true }, startOfLocalDay(input.signed_on, tz)]);
  }
  if (input.completed_at !== undefined && existing.completedAt === null) steps.push([{ kind: 'complete_order' }, input.completed_at]);
  let last: Result = { ok: true, events: [], version: 0 };
  for (const [cmd, at] of steps) {
    // The shop system reports facts: recorded by the system, at the instant they happened.
    last = await engine.orderCommand(input.shop, input.id, cmd, { role: 'system' }, { at });
    if (!last.ok) return last;
  }
  return last;
}
