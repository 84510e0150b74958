// SPEC §10.1 service tickets (工单): a conversation with a clock, its own aggregate (one stream
// per ticket). What it needs of the order arrives as `TicketFacts`.
import type { Deadline } from '../state.ts';
import type { EvidenceItem, Fen, Instant } from '../types.ts';

/** SPEC §10.1 kinds: 咨询, 投诉 (a buyer's complaint to the shop, not a §8 rule complaint), 物流, 发票. */
export const TICKET_KINDS = ['consultation', 'complaint', 'logistics', 'invoice'] as const;
export type TicketKind = (typeof TICKET_KINDS)[number];

/** SPEC §10.1 / FORMAT.md ticket checks: `open`, `resolved`, `closed`. */
export const TICKET_STATUSES = ['open', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** The SLAs a ticket can breach (FORMAT.md `sla_breaches` names). */
export const TICKET_SLAS = ['first_response', 'resolution'] as const;
export type TicketSla = (typeof TICKET_SLAS)[number];

/** Durable deadlines of a ticket; the two SLAs run at once, so each kind has its own row. */
export const TICKET_DEADLINE_KINDS = ['ticket_first_response', 'ticket_resolution', 'ticket_close'] as const;
export type TicketDeadlineKind = (typeof TICKET_DEADLINE_KINDS)[number];

export const TICKET_PARTIES = ['buyer', 'merchant', 'platform'] as const;
export type TicketParty = (typeof TICKET_PARTIES)[number];

/** SPEC §10.1 carrier claims: a lost or damaged parcel. */
export const CARRIER_CLAIM_KINDS = ['lost', 'damaged'] as const;
export type CarrierClaimKind = (typeof CARRIER_CLAIM_KINDS)[number];

/** A message of the conversation; attachments are evidence uploads (content hashes). */
export interface TicketMessage {
  seq: number;
  party: TicketParty;
  text: string;
  attachments: EvidenceItem[];
  at: Instant;
}

export interface CarrierClaim {
  id: string;
  kind: CarrierClaimKind;
  carrier: string | null;
  tracking: string | null;
  amount: Fen;
  claimedAt: Instant;
  /** Fen recovered from the carrier; null while the claim is open. */
  recovered: Fen | null;
  settledAt: Instant | null;
}

export interface TicketState {
  id: string;
  shopId: string;
  buyerId: string;
  orderId: string | null;
  caseId: string | null;
  orderPaid: Fen | null;
  kind: TicketKind;
  status: TicketStatus;
  openedBy: 'buyer' | 'merchant';
  openedAt: Instant;
  messages: TicketMessage[];
  /** The buyer spoke (opened or reopened) and the merchant has not answered since (SPEC §10.1). */
  awaitingResponse: boolean;
  firstResponseAt: Instant | null;
  resolvedAt: Instant | null;
  resolvedBy: TicketParty | null;
  reopened: number;
  csat: number | null;
  ratedAt: Instant | null;
  /** SPEC §10.1: each missed SLA with the instant it was missed. */
  slaBreaches: { sla: TicketSla; at: Instant }[];
  /** SPEC §10.1: a missed resolution hands the ticket to the platform too. */
  escalated: boolean;
  escalatedAt: Instant | null;
  closedAt: Instant | null;
  claims: CarrierClaim[];
  deadlines: Record<TicketDeadlineKind, Deadline<TicketDeadlineKind> | null>;
  policyVersions: string[];
  version: number;
}

/** What `open_ticket` needs to know: the shop, and the order (its buyer and paid amount) when named. */
export interface TicketFacts {
  shopId: string;
  order: { id: string; buyerId: string; paid: Fen; carrier: string | null; tracking: string | null } | null;
  /** The case named, when one is: it must be on the order. */
  caseId: string | null;
}

export interface TicketContext {
  ticket: TicketState | null;
  /** Needed by `open_ticket`; the others find everything on the ticket. */
  facts: TicketFacts | null;
}

/** SPEC §10.1: a message's text is at most this long (a chat line, not a document). */
export const MAX_MESSAGE_CHARS = 2000;
