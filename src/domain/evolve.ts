// evolve(state, event) → state. Pure and total: every event type is handled (the `never` check
// makes a new event type a compile error until it is).
import type { CaseEvent, DomainEvent, OrderEvent } from './events.ts';
import { caseIn, type CaseState, type LineLedger, type OrderContext, type OrderState } from './state.ts';
import type { CaseStatus, ClosedReason, Instant } from './types.ts';

export function evolve(ctx: OrderContext, e: DomainEvent): OrderContext {
  if ('caseId' in e) return evolveCase(ctx, e);
  return { ...ctx, order: evolveOrder(ctx.order, e as OrderEvent) };
}

export function evolveAll(ctx: OrderContext, events: readonly DomainEvent[]): OrderContext {
  let s = ctx;
  for (const e of events) s = evolve(s, e);
  return s;
}

function requireOrder(o: OrderState | null, type: string): OrderState {
  if (!o) throw new Error(`${type} before OrderPlaced`);
  return o;
}

function evolveOrder(prev: OrderState | null, e: OrderEvent): OrderState {
  if (e.type === 'OrderPlaced') {
    const ledger: Record<string, LineLedger> = {};
    for (const l of e.lines) ledger[l.id] = { refunded: 0, settledUnits: 0, settledValue: 0, unsettledRefunded: 0, applications: 0 };
    return {
      id: e.orderId,
      shopId: e.shopId,
      buyerId: e.buyerId,
      status: 'pending_payment',
      placedAt: e.at,
      paidAt: null,
      shipBy: null,
      shippedAt: null,
      carrier: null,
      tracking: null,
      signedAt: null,
      signedOn: null,
      completedAt: null,
      closedAt: null,
      shippingFee: e.shippingFee,
      freeShipping: e.freeShipping,
      shippingInsurance: e.shippingInsurance,
      currency: e.currency ?? 'CNY',
      lines: e.lines,
      ledger,
      shippingFeeRefunded: 0,
      returnShippingReimbursed: 0,
      compensation: 0,
      claims: 0,
      compensated: { late_shipment: false, out_of_stock: false },
      shipmentOverdue: false,
      autoConfirm: { dueAt: null, pausedRemaining: null, extended: false },
      deadline: null,
    };
  }
  const o = requireOrder(prev, e.type);
  switch (e.type) {
    case 'OrderPaid':
      return { ...o, status: 'paid', paidAt: e.at, shipBy: e.shipBy };
    case 'ShipmentOverdue':
      return { ...o, shipmentOverdue: true };
    case 'OrderShipped':
      return { ...o, status: 'shipped', shippedAt: e.at, carrier: e.carrier, tracking: e.tracking };
    case 'OrderSigned':
      return { ...o, signedAt: e.signedAt, signedOn: e.signedOn };
    case 'AutoConfirmExtended':
      return { ...o, autoConfirm: { dueAt: e.dueAt, pausedRemaining: e.pausedRemaining, extended: true } };
    case 'AutoConfirmPaused':
      return { ...o, autoConfirm: { ...o.autoConfirm, dueAt: null, pausedRemaining: e.remaining } };
    case 'AutoConfirmResumed':
      return { ...o, autoConfirm: { ...o.autoConfirm, dueAt: e.dueAt, pausedRemaining: null } };
    case 'OrderCompleted':
      return {
        ...o,
        status: 'completed',
        completedAt: e.at,
        autoConfirm: { ...o.autoConfirm, dueAt: null, pausedRemaining: null },
      };
    case 'OrderClosed':
      return { ...o, status: 'closed', closedAt: e.at, autoConfirm: { ...o.autoConfirm, dueAt: null, pausedRemaining: null } };
    case 'CompensationPaid':
      return {
        ...o,
        compensation: o.compensation + e.amount,
        compensated:
          e.kind === 'counterfeit' ? o.compensated : { ...o.compensated, [e.kind]: true },
      };
    case 'ClaimRecorded':
      return { ...o, claims: o.claims + e.amount };
    case 'OrderDeadlineStarted':
      return {
        ...o,
        deadline: e.deadline,
        autoConfirm: e.deadline.kind === 'auto_confirm' ? { ...o.autoConfirm, dueAt: e.deadline.dueAt } : o.autoConfirm,
      };
    case 'OrderDeadlineCleared':
    case 'OrderDeadlineExpired':
      return { ...o, deadline: null };
    default: {
      const never: never = e;
      throw new Error(`unhandled order event ${JSON.stringify(never)}`);
    }
  }
}

/** Moves a case to a status, keeping its common fields (and dropping status-specific ones). */
function moveTo(c: CaseState, to: CaseStatus, at: Instant, extra: { closedReason?: ClosedReason } = {}): CaseState {
  const moved = caseIn(to, c, to === 'completed' || to === 'closed' ? { endedAt: at, closedReason: to === 'closed' ? (extra.closedReason ?? 'cancelled') : null } : {});
  moved.deadline = null;
  return moved;
}

function evolveCase(ctx: OrderContext, e: CaseEvent): OrderContext {
  if (e.type === 'CaseApplied') {
    const order = requireOrder(ctx.order, e.type);
    const ledger = { ...order.ledger };
    for (const l of e.lines) {
      const led = ledger[l.lineId]!;
      ledger[l.lineId] = { ...led, applications: led.applications + 1 };
    }
    const c: CaseState = caseIn('requested', {
      id: e.caseId,
      orderId: e.orderId,
      shopId: e.shopId,
      buyerId: e.buyerId,
      type: e.caseType,
      reason: e.reason,
      phase: e.phase,
      lines: e.lines,
      amount: e.amount,
      shippingFeePart: e.shippingFeePart,
      intact: e.intact,
      note: e.note,
      evidence: e.evidence,
      liability: e.liability,
      appliedAt: e.at,
      appliedAfterShipBy: e.appliedAfterShipBy,
      escalated: false,
      deadline: null,
      policyVersions: [],
      returnAddress: null,
      returnShipment: null,
      goodsReceivedAt: null,
      refundDueAt: null,
      returnRefused: false,
      merchantMayRefuse: true,
      replacement: null,
      replacementReceivedAt: null,
      buyerOwes: 0,
      deductions: 0,
      pendingRefund: null,
      refunded: 0,
      returnShippingPayer: 'none',
      returnShippingReimbursed: 0,
      insurerClaim: 0,
      evidenceRequests: [],
      ruling: null,
      automatedBy: null,
      label: null,
      labelPayer: null,
      platformRefund: false,
      version: 1,
    });
    return { order: { ...order, ledger }, cases: { ...ctx.cases, [e.caseId]: c } };
  }
  const prev = ctx.cases[e.caseId];
  if (!prev) throw new Error(`${e.type} for unknown case ${e.caseId}`);
  const c = prev;
  let next: CaseState;
  let order = ctx.order;
  switch (e.type) {
    case 'CaseModified':
      next = {
        ...moveTo(c, e.to, e.at),
        type: e.caseType,
        reason: e.reason,
        lines: e.lines,
        amount: e.amount,
        shippingFeePart: e.shippingFeePart,
        intact: e.intact,
        note: e.note,
        evidence: [...c.evidence, ...e.evidence],
        liability: e.liability,
      };
      break;
    case 'MerchantAgreed':
      next = { ...moveTo(c, e.to, e.at), returnAddress: e.returnAddress, type: e.caseType ?? c.type, automatedBy: e.rule?.id ?? c.automatedBy };
      break;
    case 'ReturnAuthorized':
      next = { ...moveTo(c, e.to, e.at), label: e.label, labelPayer: e.labelPayer };
      break;
    case 'ReturnDelivered':
      // SPEC §13: the goods are with the seller from the carrier's delivery scan.
      next = { ...c, goodsReceivedAt: e.at };
      break;
    case 'SellerRefundLapsed':
      next = { ...moveTo(c, e.to, e.at), platformRefund: true };
      break;
    case 'CaseRejected':
      next = { ...moveTo(c, e.to, e.at), evidence: [...c.evidence, ...e.evidence] };
      break;
    case 'OfferMade':
      next = caseIn('offer_pending', c, { offer: e.offer });
      next.deadline = null;
      break;
    case 'OfferAccepted':
      next = {
        ...moveTo(c, e.to, e.at),
        type: e.offer.type,
        amount: e.offer.amount,
        // An exchange's amount is a price difference: it carries no part of the order's shipping fee.
        shippingFeePart: e.offer.type === 'refund_only' || e.offer.type === 'return_refund' ? Math.min(c.shippingFeePart, e.offer.amount) : 0,
        buyerOwes: e.offer.buyerOwes ?? 0,
        lines: e.lines,
      };
      break;
    case 'ReceiptConfirmed':
      next = {
        ...moveTo(c, e.to, e.at),
        replacementReceivedAt: e.at,
        returnShippingPayer: e.returnShippingPayer ?? c.returnShippingPayer,
        insurerClaim: c.insurerClaim + (e.insurerClaim ?? 0),
      };
      break;
    case 'OfferDeclined':
    case 'OfferWithdrawn':
    case 'CaseCompleted':
      next = moveTo(c, e.to, e.at);
      break;
    case 'ReshipDefaulted':
      next = { ...moveTo(c, e.to, e.at), amount: e.amount };
      break;
    case 'CaseCancelled':
      next = moveTo(c, 'closed', e.at, { closedReason: 'cancelled' });
      break;
    case 'CaseClosed':
      next = moveTo(c, 'closed', e.at, { closedReason: e.reason });
      break;
    case 'ReturnShipped':
      next = {
        ...moveTo(c, e.to, e.at),
        returnShipment: { carrier: e.carrier, carrierName: e.carrierName ?? null, tracking: e.tracking, corrected: false, shippingCost: e.shippingCost, at: e.at },
      };
      break;
    case 'ReturnTrackingCorrected':
      next = { ...c, returnShipment: { ...c.returnShipment!, carrier: e.carrier, carrierName: e.carrierName, tracking: e.tracking, corrected: true } };
      break;
    case 'ReturnReceived':
      next = { ...moveTo(c, e.to, e.at), goodsReceivedAt: e.at, refundDueAt: e.refundDueAt, deductions: e.deductions };
      break;
    case 'ReturnRefused':
      next = {
        ...moveTo(c, e.to, e.at),
        returnRefused: true,
        goodsReceivedAt: e.at,
        evidence: [...c.evidence, ...e.evidence],
      };
      break;
    case 'ReplacementShipped':
      next = { ...moveTo(c, e.to, e.at), replacement: { carrier: e.carrier, tracking: e.tracking, at: e.at } };
      break;
    case 'CaseEscalated':
      next = caseIn('in_arbitration', c, { resumeStatus: e.resumeStatus });
      next.deadline = null;
      next.escalated = true;
      break;
    case 'CaseMessagePosted':
      // The conversation is read from the case's history; the case itself does not change.
      next = { ...c };
      break;
    case 'EvidenceSubmitted':
      next = { ...c, evidence: [...c.evidence, ...e.items] };
      break;
    case 'EvidenceRequested':
      next = { ...c, evidenceRequests: [...c.evidenceRequests, e.request] };
      break;
    case 'EvidenceRequestLapsed':
      next = {
        ...c,
        evidenceRequests: c.evidenceRequests.map((r) => (r.id === e.requestId ? { ...r, open: false } : r)),
      };
      break;
    case 'CaseRuled': {
      const moved =
        e.to === 'closed'
          ? moveTo(c, 'closed', e.at, { closedReason: e.closedReason ?? 'ruled_for_seller' })
          : moveTo(c, e.to, e.at);
      next = {
        ...moved,
        liability: e.liability,
        amount: e.amount ?? c.amount,
        merchantMayRefuse: e.outcome === 'seller' ? c.merchantMayRefuse : false,
        ruling: { outcome: e.outcome, liability: e.liability, amount: e.amount, by: e.by, note: e.note ?? null },
        evidenceRequests: c.evidenceRequests.map((r) => ({ ...r, open: false })),
      };
      break;
    }
    case 'RefundRequested':
      next = { ...c, pendingRefund: e.plan };
      break;
    case 'RefundFailed':
      next = { ...c };
      break;
    case 'RefundCompleted': {
      const plan = c.pendingRefund;
      if (!plan || plan.refundId !== e.refundId) throw new Error(`RefundCompleted without its plan on ${c.id}`);
      next = {
        ...c,
        pendingRefund: null,
        refunded: c.refunded + plan.total,
        returnShippingPayer: plan.returnShippingPayer,
        returnShippingReimbursed: c.returnShippingReimbursed + plan.returnShippingReimbursed,
        insurerClaim: c.insurerClaim + plan.insurerClaim,
      };
      const o = requireOrder(order, e.type);
      const ledger = { ...o.ledger };
      // SPEC §9 Precisions: only a refund that settles the units takes them off the line; a partial
      // one only lowers what is still refundable on it (plans from before `settles` existed settled).
      const settles = plan.settles ?? true;
      for (const g of plan.goods) {
        const led = ledger[g.lineId]!;
        ledger[g.lineId] = {
          ...led,
          refunded: led.refunded + g.amount,
          settledUnits: led.settledUnits + (settles ? g.units : 0),
          settledValue: led.settledValue + (settles ? g.share : 0),
          unsettledRefunded: (led.unsettledRefunded ?? 0) + (settles ? 0 : g.amount),
        };
      }
      order = {
        ...o,
        ledger,
        shippingFeeRefunded: o.shippingFeeRefunded + plan.shippingFee,
        returnShippingReimbursed: o.returnShippingReimbursed + plan.returnShippingReimbursed,
      };
      break;
    }
    case 'CaseDeadlineStarted': {
      const versions = c.policyVersions.includes(e.deadline.policyVersion)
        ? c.policyVersions
        : [...c.policyVersions, e.deadline.policyVersion];
      next = { ...c, deadline: e.deadline, policyVersions: versions };
      break;
    }
    case 'CaseDeadlineCleared':
    case 'CaseDeadlineExpired':
      next = { ...c, deadline: null };
      break;
    default: {
      const never: never = e;
      throw new Error(`unhandled case event ${JSON.stringify(never)}`);
    }
  }
  // Every branch above built a new object, so stamping the stream position on it mutates nothing shared.
  next.version = prev.version + 1;
  return { order, cases: { ...ctx.cases, [e.caseId]: next } };
}
