// The codes the API speaks and the console offers: every list is the domain's own (re-exported,
// never copied), so a code added in src/domain reaches the API's schemas and the console's choices
// at once. Pure: no zod, no Node, so the console's bundle takes these values as they are.
export {
  CASE_DEADLINE_KINDS,
  CASE_PARTIES,
  CASE_STATUSES,
  CASE_TYPES,
  CLOSED_REASONS,
  CURRENCIES,
  DEDUCTION_KINDS,
  DONE_STATUSES,
  EVIDENCE_KINDS,
  EVIDENCE_MODES,
  EVIDENCE_PARTIES,
  KEY_SCOPES,
  LABEL_PAYERS,
  LIABILITIES,
  LINE_FLAGS,
  ORDER_DEADLINE_KINDS,
  ORDER_STATUSES,
  PHASES,
  REASONS,
  RETURN_CONDITIONS,
  RETURN_TYPES,
  ROLES,
  RULING_OUTCOMES,
  SHIPPING_PAYERS,
  isOpenStatus,
  returnsGoods,
} from '../domain/types.ts';
export { CARRIERS } from '../domain/carriers.ts';
export type {
  CaseDeadlineKind,
  CaseParty,
  CaseStatus,
  CaseType,
  ClosedReason,
  Currency,
  DeductionKind,
  EvidenceKind,
  LabelPayer,
  ReturnLabel,
  EvidenceMode,
  Liability,
  LineFlag,
  OrderDeadlineKind,
  OrderStatus,
  Phase,
  Reason,
  Role,
  RulingOutcome,
  ShippingPayer,
} from '../domain/types.ts';
export { CASE_COMMAND_NAMES, type CaseCommandName } from '../domain/commands.ts';
export { ERROR_CODES, type ErrorCode } from '../domain/errors.ts';
export { BURDEN_SITUATIONS, type BurdenSituation } from '../domain/burden.ts';
export { PARAM_NAMES, type ParamName } from '../domain/policy.ts';
/** Evidence files: the media types accepted (judged by content) and the largest size, in bytes. */
export { ALLOWED_TYPES, MAX_EVIDENCE_BYTES, sniffType } from '../domain/evidence-file.ts';
/** SPEC §8 platform governance: complaint codes, shop statuses, deposit debit reasons. */
export { COMPLAINT_CLOSED_REASONS, COMPLAINT_DEADLINE_KINDS, COMPLAINT_KINDS, COMPLAINT_STATUSES, COMPLAINT_SUB_KINDS } from '../domain/complaint/types.ts';
export type { ComplaintClosedReason, ComplaintDeadlineKind, ComplaintKind, ComplaintStatus, ComplaintSubKind } from '../domain/complaint/types.ts';
export { COMPLAINT_ACTIONS, type ComplaintAction } from '../domain/complaint/commands.ts';
export { DEPOSIT_DEBIT_REASONS, SHOP_STATUSES, type ShopStatus } from '../domain/shop/types.ts';
/** SPEC §10.1 service tickets: kinds, statuses, SLAs, deadlines, parties, carrier claim kinds, actions. */
export { CARRIER_CLAIM_KINDS, TICKET_DEADLINE_KINDS, TICKET_KINDS, TICKET_PARTIES, TICKET_SLAS, TICKET_STATUSES } from '../domain/ticket/types.ts';
export type { CarrierClaimKind, TicketKind, TicketSla, TicketStatus } from '../domain/ticket/types.ts';
export { TICKET_ACTIONS, type TicketAction } from '../domain/ticket/commands.ts';
export { QUICK_REPLY_PLACEHOLDERS, fillQuickReply } from '../domain/ticket/quick-reply.ts';
