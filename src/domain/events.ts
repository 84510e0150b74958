// Events: facts in the past tense. Order events have no caseId; case events carry theirs and go to
// the case's own stream. Events that move a case carry the status they move it to (`to`), so
// evolve never re-derives a decision.
import type { AutomatedBy } from './automation/automate.ts';
import type { ClaimLine, Deadline, EvidenceRequest, Offer, OrderLine, RefundPlan } from './state.ts';
import type {
  CaseDeadlineKind,
  CaseStatus,
  CaseType,
  ClosedReason,
  EvidenceItem,
  Currency,
  Fen,
  Instant,
  LabelPayer,
  Liability,
  LocalDate,
  OpenCaseStatus,
  OrderDeadlineKind,
  Phase,
  Reason,
  ReturnLabel,
  RulingOutcome,
  Role,
  ShippingPayer,
} from './types.ts';

interface Base {
  at: Instant;
}
interface OnCase extends Base {
  caseId: string;
}

export type OrderEvent =
  | (Base & {
      type: 'OrderPlaced';
      orderId: string;
      shopId: string;
      buyerId: string;
      shippingFee: Fen;
      freeShipping: boolean;
      shippingInsurance: Fen;
      /** SPEC §13: absent on orders placed before currencies (migration 17): CNY, the only one then. */
      currency?: Currency;
      lines: OrderLine[];
    })
  | (Base & { type: 'OrderPaid'; shipBy: Instant })
  | (Base & { type: 'ShipmentOverdue'; shipBy: Instant })
  | (Base & { type: 'OrderShipped'; carrier: string; tracking: string; late: boolean })
  | (Base & { type: 'OrderSigned'; signedAt: Instant | null; signedOn: LocalDate | null })
  | (Base & { type: 'AutoConfirmExtended'; by: Role; dueAt: Instant | null; pausedRemaining: number | null })
  | (Base & { type: 'AutoConfirmPaused'; remaining: number })
  | (Base & { type: 'AutoConfirmResumed'; dueAt: Instant })
  | (Base & { type: 'OrderCompleted'; by: Role })
  | (Base & { type: 'OrderClosed'; reason: 'refunded_in_full' | 'unpaid_timeout' })
  | (Base & {
      type: 'CompensationPaid';
      kind: 'late_shipment' | 'out_of_stock' | 'counterfeit';
      amount: Fen;
      /** The case that triggered it (order events carry no caseId: they belong to the order stream). */
      forCase: string | null;
      lines: string[];
      basis: Fen;
    })
  | (Base & {
      type: 'ClaimRecorded';
      /** SPEC §6 先行赔付: the platform paid the buyer first and claims the amount back. */
      against: 'carrier' | 'merchant';
      amount: Fen;
      forCase: string;
      /** The refund the platform paid first (the deposit debit, SPEC §8.3, names it). */
      refundId?: string;
      /**
       * The ledger kind (absent: `advance_payment`, 先行赔付). SPEC §13 `platform_refund_debit`: the
       * seller let `refund_after_receipt` pass, the platform refunded the buyer and debits the seller.
       */
      kind?: 'platform_refund_debit';
    })
  | (Base & { type: 'OrderDeadlineStarted'; deadline: Deadline<OrderDeadlineKind> })
  | (Base & { type: 'OrderDeadlineCleared'; kind: OrderDeadlineKind })
  | (Base & { type: 'OrderDeadlineExpired'; kind: OrderDeadlineKind; dueAt: Instant });

export type CaseEvent =
  | (OnCase & {
      type: 'CaseApplied';
      orderId: string;
      shopId: string;
      buyerId: string;
      caseType: CaseType;
      reason: Reason;
      phase: Phase;
      lines: ClaimLine[];
      amount: Fen;
      shippingFeePart: Fen;
      intact: boolean | null;
      note: string | null;
      evidence: EvidenceItem[];
      liability: Liability;
      appliedAfterShipBy: boolean;
    })
  | (OnCase & {
      type: 'CaseModified';
      caseType: CaseType;
      reason: Reason;
      lines: ClaimLine[];
      amount: Fen;
      shippingFeePart: Fen;
      intact: boolean | null;
      note: string | null;
      evidence: EvidenceItem[];
      liability: Liability;
      to: 'requested';
    })
  | (OnCase & {
      type: 'MerchantAgreed';
      by: 'merchant' | 'system';
      returnAddress: string | null;
      /** SPEC §10.2: the automation rule that agreed, as `system` (absent: the merchant or a deadline). */
      rule?: AutomatedBy;
      /** 仅退款不退货: the claim became this type (refund only) as it was agreed. */
      caseType?: CaseType;
      to: CaseStatus;
    })
  /** SPEC §13: the platform authorized the return at once, with a prepaid label. */
  | (OnCase & { type: 'ReturnAuthorized'; label: ReturnLabel; labelPayer: LabelPayer; to: 'awaiting_return' })
  /** SPEC §13: the carrier delivered the return to the seller (starts `refund_after_receipt`). */
  | (OnCase & { type: 'ReturnDelivered' })
  /** SPEC §13: the seller neither refunded nor refused within `refund_after_receipt`: the platform refunds. */
  | (OnCase & { type: 'SellerRefundLapsed'; to: 'refunding' })
  | (OnCase & { type: 'CaseRejected'; reason: string; evidence: EvidenceItem[]; to: 'rejected' })
  | (OnCase & { type: 'OfferMade'; offer: Offer; to: 'offer_pending' })
  | (OnCase & { type: 'OfferAccepted'; offer: Offer; lines: ClaimLine[]; to: CaseStatus })
  | (OnCase & { type: 'OfferDeclined'; to: 'requested' })
  | (OnCase & { type: 'OfferWithdrawn'; to: 'requested' })
  | (OnCase & { type: 'CaseCancelled'; to: 'closed' })
  | (OnCase & { type: 'ReturnShipped'; carrier: string; carrierName?: string | null; tracking: string; shippingCost: Fen; to: 'return_in_transit' })
  | (OnCase & { type: 'ReturnTrackingCorrected'; carrier: string; carrierName: string | null; tracking: string; previous: { carrier: string; tracking: string } })
  | (OnCase & { type: 'ReturnReceived'; by: 'merchant' | 'system'; deductions: Fen; refundDueAt: Instant; to: CaseStatus })
  | (OnCase & { type: 'ReturnRefused'; reason: string; evidence: EvidenceItem[]; to: 'rejected' })
  | (OnCase & { type: 'ReplacementShipped'; carrier: string; tracking: string; to: 'reship_in_transit' })
  | (OnCase & {
      type: 'ReceiptConfirmed';
      by: 'buyer' | 'system';
      /** `refunding` when the merchant owes the buyer return postage or a price difference (SPEC §9 Precisions). */
      to: 'completed' | 'refunding';
      /** Who paid the return leg (recorded even when nothing is reimbursed). */
      returnShippingPayer?: ShippingPayer;
      insurerClaim?: Fen;
    })
  | (OnCase & { type: 'CaseEscalated'; by: Role; reason: string | null; resumeStatus: OpenCaseStatus; to: 'in_arbitration' })
  | (OnCase & { type: 'EvidenceSubmitted'; items: EvidenceItem[] })
  /** SPEC §10.1 (issue 13): a message of the case's conversation, in its hash-chained history. */
  | (OnCase & { type: 'CaseMessagePosted'; party: 'buyer' | 'merchant' | 'platform'; text: string; attachments: EvidenceItem[] })
  | (OnCase & { type: 'EvidenceRequested'; request: EvidenceRequest })
  | (OnCase & { type: 'EvidenceRequestLapsed'; requestId: string; satisfied: boolean })
  | (OnCase & {
      type: 'CaseRuled';
      outcome: RulingOutcome;
      liability: Liability;
      amount: Fen | null;
      by: 'platform' | 'system';
      basis: string | null;
      /** The platform's reason for the ruling, shown to both parties. */
      note?: string | null;
      to: CaseStatus;
      closedReason: ClosedReason | null;
    })
  | (OnCase & { type: 'ReshipDefaulted'; amount: Fen; to: 'refunding' })
  | (OnCase & { type: 'RefundRequested'; plan: RefundPlan })
  | (OnCase & { type: 'RefundCompleted'; refundId: string })
  | (OnCase & { type: 'RefundFailed'; refundId: string; error: string })
  | (OnCase & { type: 'CaseCompleted'; to: 'completed' })
  | (OnCase & { type: 'CaseClosed'; reason: ClosedReason; to: 'closed' })
  | (OnCase & { type: 'CaseDeadlineStarted'; deadline: Deadline<CaseDeadlineKind> })
  | (OnCase & { type: 'CaseDeadlineCleared'; kind: CaseDeadlineKind })
  | (OnCase & { type: 'CaseDeadlineExpired'; kind: CaseDeadlineKind; dueAt: Instant });

export type DomainEvent = OrderEvent | CaseEvent;
export type EventType = DomainEvent['type'];

export function caseIdOf(e: DomainEvent): string | null {
  return 'caseId' in e ? e.caseId : null;
}
