// Commands: imperative, named as in SPEC §4 (`apply`, `agree`, …). Every command carries its
// actor; time arrives separately as `now` from an injected clock.
import type { ApplicationArgs } from './eligibility.ts';
import type {
  Actor,
  CaseDeadlineKind,
  CaseParty,
  CaseType,
  DeductionKind,
  EvidenceItem,
  EvidenceKind,
  Currency,
  Fen,
  Instant,
  Liability,
  LineFlag,
  LocalDate,
  OrderDeadlineKind,
  ReturnCondition,
  ReturnLabel,
  RulingOutcome,
} from './types.ts';

export type EvidenceInput = Omit<EvidenceItem, 'party' | 'at'>;

export interface OrderInput {
  id: string;
  shop: string;
  buyer: string;
  placed_at: Instant;
  paid_at?: Instant;
  ship_by?: Instant;
  shipped_at?: Instant;
  carrier?: string;
  tracking?: string;
  signed_at?: Instant;
  signed_on?: LocalDate;
  completed_at?: Instant;
  shipping_fee: Fen;
  free_shipping: boolean;
  shipping_insurance: Fen;
  /** SPEC §13: the order's currency; must be its shop's (absent: the shop's). */
  currency?: Currency;
  lines: {
    id: string;
    sku: string;
    title?: string;
    category: string;
    quantity: number;
    paid_amount: Fen;
    flags: LineFlag[];
    warranty_days?: number;
  }[];
}

export type OrderCommand =
  | { kind: 'place_order'; order: OrderInput }
  | { kind: 'pay_order' }
  | { kind: 'ship_order'; carrier: string; tracking: string }
  | { kind: 'sign_order'; dateOnly?: boolean }
  | { kind: 'complete_order' }
  | { kind: 'extend_auto_confirm' }
  | { kind: 'fire_order_deadline'; deadline: OrderDeadlineKind; dueAt: Instant };

export type CaseCommand =
  /** `label`: SPEC §13, the prepaid label the engine got from the label provider before deciding. */
  | { kind: 'apply'; caseId: string; args: ApplicationArgs; label?: ReturnLabel }
  | { kind: 'modify'; caseId: string; args: Partial<ApplicationArgs> }
  | { kind: 'agree'; caseId: string; returnAddress?: string }
  | { kind: 'reject'; caseId: string; reason: string; evidence?: EvidenceInput[] }
  | { kind: 'offer'; caseId: string; type: CaseType; amount?: Fen; buyerOwes?: Fen; note?: string }
  | { kind: 'withdraw_offer'; caseId: string }
  | { kind: 'accept_offer'; caseId: string }
  | { kind: 'decline_offer'; caseId: string }
  | { kind: 'cancel'; caseId: string }
  /** With a prepaid label (SPEC §13) carrier and tracking default to the label's. */
  | { kind: 'ship_return'; caseId: string; carrier?: string; carrierName?: string; tracking?: string; shippingCost?: Fen }
  | { kind: 'correct_tracking'; caseId: string; carrier: string; carrierName?: string; tracking: string }
  /** `condition`: SPEC §13, how a buyer-fault return came back (a restocking fee needs one). */
  | { kind: 'receive_return'; caseId: string; deductions?: { kind: DeductionKind; amount: Fen }[]; condition?: ReturnCondition }
  /** SPEC §13: the carrier's delivery of the return to the seller, reported by the platform. */
  | { kind: 'return_delivered'; caseId: string }
  | { kind: 'refuse_return'; caseId: string; reason: string; evidence?: EvidenceInput[] }
  | { kind: 'reship'; caseId: string; carrier: string; carrierName?: string; tracking: string }
  | { kind: 'confirm_receipt'; caseId: string }
  | { kind: 'escalate'; caseId: string; reason?: string }
  | { kind: 'submit_evidence'; caseId: string; evidence: EvidenceInput[] }
  /** A message of the case's conversation (buyer, merchant; the platform once involved). */
  | { kind: 'post_message'; caseId: string; text: string; attachments?: EvidenceInput[] }
  | { kind: 'request_evidence'; caseId: string; party: CaseParty; kinds: EvidenceKind[]; dueInHours?: number }
  | {
      kind: 'rule';
      caseId: string;
      outcome: RulingOutcome;
      liability?: Liability;
      amount?: Fen;
      /** The reason for the ruling, shown to both parties. */
      note?: string;
      /** Rule although an evidence request is still running (the platform confirmed). */
      force?: boolean;
    }
  /** `returnAddress`: the shop's default, which the system's agree on `merchant_response` records. */
  | { kind: 'fire_case_deadline'; caseId: string; deadline: CaseDeadlineKind; dueAt: Instant; returnAddress?: string }
  | { kind: 'confirm_refund'; caseId: string; refundId: string }
  | { kind: 'fail_refund'; caseId: string; refundId: string; error: string };

/** The case commands a party sends (SPEC §4), as the API names them (`POST /v1/cases/:case/<name>`). */
export const CASE_COMMAND_NAMES = [
  'apply',
  'modify',
  'agree',
  'reject',
  'refuse_return',
  'offer',
  'withdraw_offer',
  'accept_offer',
  'decline_offer',
  'cancel',
  'confirm_receipt',
  'receive_return',
  'return_delivered',
  'ship_return',
  'correct_tracking',
  'reship',
  'escalate',
  'submit_evidence',
  'request_evidence',
  'rule',
] as const satisfies readonly CaseCommand['kind'][];
export type CaseCommandName = (typeof CASE_COMMAND_NAMES)[number];

export type Command = (OrderCommand | CaseCommand) & { actor: Actor };
export type CommandKind = Command['kind'];
