// What callers see of a case and an order: the fields of FORMAT.md (and, later, of the API), in
// SPEC vocabulary, instants as ISO-8601 in the platform zone.
import { formatInstant } from '../domain/calendar.ts';
import { orderRefunded } from '../domain/money.ts';
import type { CaseState, OrderState } from '../domain/state.ts';

export interface CaseView {
  id: string;
  order: string;
  shop: string;
  buyer: string;
  status: string;
  type: string;
  reason: string;
  phase: string;
  amount: number;
  refunded: number;
  return_shipping_payer: string;
  return_shipping_reimbursed: number;
  liability: string;
  closed_reason: string | null;
  deadline: { kind: string; due: string } | null;
  version: number;
}

export function caseView(c: CaseState, tz: string): CaseView {
  return {
    id: c.id,
    order: c.orderId,
    shop: c.shopId,
    buyer: c.buyerId,
    status: c.status,
    type: c.type,
    reason: c.reason,
    phase: c.phase,
    amount: c.amount,
    refunded: c.refunded,
    return_shipping_payer: c.returnShippingPayer,
    return_shipping_reimbursed: c.returnShippingReimbursed,
    liability: c.liability,
    closed_reason: c.status === 'closed' ? c.closedReason : null,
    deadline: c.deadline ? { kind: c.deadline.kind, due: formatInstant(c.deadline.dueAt, tz) } : null,
    version: c.version,
  };
}

export interface OrderView {
  id: string;
  shop: string;
  buyer: string;
  status: string;
  auto_confirm_at: string | null;
  refunded: number;
  compensation: number;
}

export function orderView(o: OrderState, tz: string): OrderView {
  return {
    id: o.id,
    shop: o.shopId,
    buyer: o.buyerId,
    status: o.status,
    auto_confirm_at: o.autoConfirm.dueAt === null ? null : formatInstant(o.autoConfirm.dueAt, tz),
    refunded: orderRefunded(o),
    compensation: o.compensation,
  };
}
