// A decision in progress: events emitted so far and the state they lead to, so each step of a
// decision sees the effects of the previous ones. Also the rules that follow any change of a case:
// the deadline of the new status (SPEC §4), the refund on entering `refunding` (§5), and the order
// bookkeeping (auto-confirm pause/resume §1, order deadline).
import { addDuration, type Duration } from './duration.ts';
import type { CaseEvent, DomainEvent } from './events.ts';
import { evolve } from './evolve.ts';
import { planRefund } from './money.ts';
import type { Policy } from './policy.ts';
import type { CaseState, Deadline, OrderContext, OrderState } from './state.ts';
import { isOpenStatus, type CaseDeadlineKind, type Instant, type OrderDeadlineKind } from './types.ts';

export class Draft {
  readonly events: DomainEvent[] = [];
  constructor(
    public ctx: OrderContext,
    readonly policy: Policy,
    readonly now: Instant,
  ) {}

  get order(): OrderState {
    return this.ctx.order!;
  }

  caseOf(id: string): CaseState {
    return this.ctx.cases[id]!;
  }

  emit(e: DomainEvent): void {
    this.events.push(e);
    this.ctx = evolve(this.ctx, e);
  }

  due(d: Duration): Instant {
    return this.dueFrom(this.now, d);
  }

  dueFrom(start: Instant, d: Duration): Instant {
    return addDuration(start, d, this.policy.calendar);
  }

  /** Emits a case event that changes its status, then what the new status brings with it. */
  move(e: CaseEvent & { to: string }): void {
    this.emit(e);
    const c = this.caseOf(e.caseId);
    if (c.status === 'refunding') {
      const n = c.version; // the stream position makes the refund id unique and deterministic
      const plan = planRefund(`${c.id}-refund-${n}`, c, this.ctx, this.policy.params, c.amount);
      this.emit({ type: 'RefundRequested', at: this.now, caseId: c.id, plan });
    }
    this.startCaseDeadline(c.id);
  }

  /** Starts the deadline the case's status calls for (SPEC §4 table), if any. */
  startCaseDeadline(caseId: string): void {
    const c = this.caseOf(caseId);
    const want = this.caseDeadline(c);
    const have = c.deadline;
    if (want && (!have || have.kind !== want.kind || have.dueAt !== want.dueAt)) {
      this.emit({ type: 'CaseDeadlineStarted', at: this.now, caseId, deadline: want });
    } else if (!want && have) {
      this.emit({ type: 'CaseDeadlineCleared', at: this.now, caseId, kind: have.kind });
    }
  }

  /** The running deadline if it is of this kind, else a new one of `d` from now. */
  private deadlineOf(c: CaseState, kind: CaseDeadlineKind, d: Duration): Deadline<CaseDeadlineKind> {
    return c.deadline?.kind === kind ? c.deadline : this.deadline(kind, this.due(d));
  }

  /** A new deadline, with its reminder `reminder_before` ahead when that is still to come. */
  deadline<K extends string>(kind: K, dueAt: Instant): Deadline<K> {
    const remindAt = dueAt - (this.due(this.policy.params.reminder_before) - this.now);
    return { kind, dueAt, policyVersion: this.policy.version, remindAt: remindAt > this.now ? remindAt : null };
  }

  private caseDeadline(c: CaseState): Deadline<CaseDeadlineKind> | null {
    const p = this.policy.params;
    switch (c.status) {
      case 'requested': {
        const o = this.order;
        const d =
          o.shippedAt === null
            ? p.merchant_response_unshipped
            : allVirtual(c, o)
              ? p.merchant_response_shipped_virtual
              : p.merchant_response_shipped;
        return this.deadlineOf(c, 'merchant_response', d);
      }
      case 'offer_pending':
        return this.deadlineOf(c, 'offer_reply', p.offer_reply);
      case 'rejected':
        return this.deadlineOf(c, 'buyer_after_reject', p.buyer_after_reject);
      case 'awaiting_return':
        return this.deadlineOf(c, 'buyer_return_shipment', p.buyer_return_shipment);
      case 'return_in_transit':
        // SPEC §13: once delivered to the seller, the seller has refund_after_receipt to refund.
        if (c.goodsReceivedAt !== null && p.refund_after_receipt !== null) return this.deadlineOf(c, 'refund_after_receipt', p.refund_after_receipt);
        return this.deadlineOf(c, 'merchant_receipt', p.merchant_receipt);
      case 'awaiting_reship':
        return this.deadlineOf(c, 'merchant_reship', p.merchant_reship);
      case 'reship_in_transit':
        return this.deadlineOf(c, 'buyer_confirm', p.buyer_confirm);
      case 'in_arbitration': {
        // One running deadline: the earliest open evidence request.
        const open = c.evidenceRequests.filter((r) => r.open).sort((a, b) => a.dueAt - b.dueAt)[0];
        if (!open) return null;
        if (c.deadline?.kind === 'evidence' && c.deadline.dueAt === open.dueAt) return c.deadline;
        return this.deadline('evidence', open.dueAt);
      }
      case 'refunding':
      case 'completed':
      case 'closed':
        return null;
      default: {
        const never: never = c;
        throw new Error(`no deadline rule for ${JSON.stringify(never)}`);
      }
    }
  }

  /**
   * Order bookkeeping after any change: auto-confirm pauses while a case is open and resumes with
   * the time left, never less than `auto_confirm_resume_min` (SPEC §1); the order's one running
   * deadline follows its status.
   */
  settleOrder(): void {
    const o = this.order;
    const anyOpen = Object.values(this.ctx.cases).some((c) => isOpenStatus(c.status));
    if (o.status === 'shipped') {
      if (anyOpen && o.autoConfirm.dueAt !== null) {
        this.emit({ type: 'AutoConfirmPaused', at: this.now, remaining: Math.max(0, o.autoConfirm.dueAt - this.now) });
      } else if (!anyOpen && o.autoConfirm.pausedRemaining !== null) {
        const min = this.due(this.policy.params.auto_confirm_resume_min) - this.now;
        this.emit({ type: 'AutoConfirmResumed', at: this.now, dueAt: this.now + Math.max(o.autoConfirm.pausedRemaining, min) });
      }
    }
    const want = this.orderDeadline();
    const have = this.order.deadline;
    if (want && (!have || have.kind !== want.kind || have.dueAt !== want.dueAt)) {
      this.emit({ type: 'OrderDeadlineStarted', at: this.now, deadline: want });
    } else if (!want && have) {
      this.emit({ type: 'OrderDeadlineCleared', at: this.now, kind: have.kind });
    }
  }

  private orderDeadline(): Deadline<OrderDeadlineKind> | null {
    const o = this.order;
    switch (o.status) {
      case 'pending_payment':
        return o.deadline?.kind === 'payment'
          ? o.deadline
          : this.deadline('payment', this.dueFrom(o.placedAt, this.policy.params.unpaid_close_after));
      case 'paid':
        if (o.shipmentOverdue || o.shipBy === null) return null;
        return o.deadline?.kind === 'ship_by' ? o.deadline : this.deadline('ship_by', o.shipBy);
      case 'shipped':
        if (o.autoConfirm.dueAt === null) return null;
        if (o.deadline?.kind === 'auto_confirm' && o.deadline.dueAt === o.autoConfirm.dueAt) return o.deadline;
        return this.deadline('auto_confirm', o.autoConfirm.dueAt);
      case 'completed':
      case 'closed':
        return null;
      default: {
        const never: never = o.status;
        throw new Error(`no order deadline rule for ${String(never)}`);
      }
    }
  }

}

function allVirtual(c: CaseState, o: OrderState): boolean {
  if (c.lines.length === 0) return false;
  for (const l of c.lines) {
    if (!o.lines.find((x) => x.id === l.lineId)?.flags.includes('virtual')) return false;
  }
  return true;
}
