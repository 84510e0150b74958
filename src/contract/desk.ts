// What the API answers about the merchant's service desk (SPEC §10.1, §10.5): tickets (rows in
// SLA order and the detail every ticket command answers with), a shop's quick replies and carrier
// claims, a party's notifications with the unread count.
import { z } from 'zod';
import { CARRIER_CLAIM_KINDS, EVIDENCE_KINDS, TICKET_ACTIONS, TICKET_DEADLINE_KINDS, TICKET_KINDS, TICKET_PARTIES, TICKET_SLAS, TICKET_STATUSES } from './enums.ts';
import { cursorPage, Fen, IsoInstant, JsonObject, listOf } from './primitives.ts';

/** A row of GET /v1/tickets; labels in the caller's language (Accept-Language). */
export const TicketRow = z.strictObject({
  id: z.string(),
  shop: z.string(),
  buyer: z.string(),
  order: z.string().nullable(),
  case: z.string().nullable(),
  kind: z.enum(TICKET_KINDS),
  kind_label: z.string(),
  status: z.enum(TICKET_STATUSES),
  status_label: z.string(),
  /** SPEC §10.1: a missed resolution handed the ticket to the platform too. */
  escalated: z.boolean(),
  /** The buyer spoke last and the merchant has not answered since. */
  awaiting_response: z.boolean(),
  csat: z.number().int().nullable(),
  opened_at: IsoInstant,
  /** The nearest running SLA deadline (the queue's order); null when none runs. */
  sla_due: IsoInstant.nullable(),
  sla_breaches: z.array(z.strictObject({ sla: z.enum(TICKET_SLAS), label: z.string(), at: IsoInstant })),
  last_message: z.strictObject({ from: z.enum(TICKET_PARTIES), text: z.string(), at: IsoInstant }).nullable(),
});
export type TicketRow = z.infer<typeof TicketRow>;

/** GET /v1/tickets: nearest SLA deadline first, those without one last. */
export const TicketPage = cursorPage(TicketRow);
export type TicketPage = z.infer<typeof TicketPage>;

export const TicketMessage = z.strictObject({
  seq: z.number().int(),
  from: z.enum(TICKET_PARTIES),
  text: z.string(),
  /**
   * Files attached to the message (a ticket's: POST /v1/tickets/:ticket/attachments; a case's: its
   * evidence uploads); `url` downloads the file named by `sha256`, null for an item without a file.
   */
  attachments: z.array(z.strictObject({ kind: z.enum(EVIDENCE_KINDS), description: z.string().nullable(), sha256: z.string().nullable(), url: z.string().nullable() })),
  at: IsoInstant,
});

export const CarrierClaim = z.strictObject({
  id: z.string(),
  kind: z.enum(CARRIER_CLAIM_KINDS),
  carrier: z.string().nullable(),
  tracking: z.string().nullable(),
  amount: Fen,
  /** Fen recovered from the carrier; null while the claim is open. */
  recovered: Fen.nullable(),
  claimed_at: IsoInstant,
  settled_at: IsoInstant.nullable(),
});

/** GET /v1/tickets/:ticket, and the answer of every ticket command. */
export const TicketDetail = z.strictObject({
  ...TicketRow.shape,
  messages: z.array(TicketMessage),
  deadlines: z.array(z.strictObject({ kind: z.enum(TICKET_DEADLINE_KINDS), due_at: IsoInstant, remind_at: IsoInstant.nullable() })),
  first_response_at: IsoInstant.nullable(),
  resolved_at: IsoInstant.nullable(),
  closed_at: IsoInstant.nullable(),
  claims: z.array(CarrierClaim),
  /** What the caller may send now (POST /v1/tickets/:ticket/:command). */
  actions: z.array(z.enum(TICKET_ACTIONS)),
});
export type TicketDetail = z.infer<typeof TicketDetail>;

/** GET /v1/cases/:case/messages: the case's conversation, oldest first (seq: its place in the case's history). */
export const CaseMessages = listOf(TicketMessage);
export type CaseMessages = z.infer<typeof CaseMessages>;

/** GET /v1/shops/:shop/quick-replies: the shop's templates by name. */
export const QuickReply = z.strictObject({ name: z.string(), text: z.string(), placeholders: z.array(z.string()), updated_at: IsoInstant });
export const QuickReplies = listOf(QuickReply);
export type QuickReplies = z.infer<typeof QuickReplies>;

/** GET /v1/shops/:shop/carrier-claims: open claims first, with the totals (fen). */
export const CarrierClaims = z.strictObject({
  data: z.array(CarrierClaim.omit({ id: true }).extend({ id: z.string(), ticket: z.string(), order: z.string().nullable() })),
  open_amount: Fen,
  claimed: Fen,
  recovered: Fen,
});
export type CarrierClaims = z.infer<typeof CarrierClaims>;

/** A notification (SPEC §10.5): what the party must act on, and what it is about. */
export const Notification = z.strictObject({
  id: z.string(),
  kind: z.string(),
  /** `ticket:<id>`, `case:<id>`: where the console takes the reader. */
  subject: z.string(),
  shop: z.string(),
  order: z.string().nullable(),
  text: z.string(),
  data: JsonObject,
  created_at: IsoInstant,
  read_at: IsoInstant.nullable(),
});
export type Notification = z.infer<typeof Notification>;

/** GET /v1/notifications: newest first, and how many are unread. */
export const NotificationPage = z.strictObject({ data: z.array(Notification), unread: z.number().int() });
export type NotificationPage = z.infer<typeof NotificationPage>;
