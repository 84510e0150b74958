// What callers see of a case and an order: the fields of FORMAT.md and of the API (their shapes are
// the contract's, src/contract), in SPEC vocabulary, instants as ISO-8601 in the platform zone.
import { formatInstant } from '../domain/calendar.ts';
import { orderRefunded } from '../domain/money.ts';
import type { CaseState, OrderState } from '../domain/state.ts';
import type { Currency } from '../domain/types.ts';
import type { CaseView, OrderView } from '../contract/index.ts';

export type { CaseView, OrderView };

/** `currency`: the case's order's (SPEC §13), which is its shop's. */
export function caseView(c: CaseState, tz: string, currency: Currency): CaseView {
  return {
    id: c.id,
    order: c.orderId,
    shop: c.shopId,
    buyer: c.buyerId,
    status: c.status,
    type: c.type,
    reason: c.reason,
    phase: c.phase,
    currency,
    amount: c.amount,
    refunded: c.refunded,
    return_shipping_payer: c.returnShippingPayer,
    return_shipping_reimbursed: c.returnShippingReimbursed,
    liability: c.liability,
    closed_reason: c.status === 'closed' ? c.closedReason : null,
    deadline: c.deadline ? { kind: c.deadline.kind, due: formatInstant(c.deadline.dueAt, tz) } : null,
    automated_by: c.automatedBy ?? null,
    label: c.label ?? null,
    label_payer: c.labelPayer ?? null,
    version: c.version,
  };
}

export function orderView(o: OrderState, tz: string): OrderView {
  return {
    id: o.id,
    shop: o.shopId,
    buyer: o.buyerId,
    status: o.status,
    currency: o.currency,
    auto_confirm_at: o.autoConfirm.dueAt === null ? null : formatInstant(o.autoConfirm.dueAt, tz),
    refunded: orderRefunded(o),
    compensation: o.compensation,
  };
}
