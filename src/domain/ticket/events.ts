// Ticket events: facts in the past tense, one stream per ticket. Events that move a ticket carry
// the status they move it to (`to`), so evolve never re-derives a decision.
import type { Deadline } from '../state.ts';
import type { EvidenceItem, Fen, Instant } from '../types.ts';
import type { CarrierClaimKind, TicketDeadlineKind, TicketKind, TicketParty, TicketSla } from './types.ts';

interface OnTicket {
  at: Instant;
  ticketId: string;
}

export type TicketEvent =
  | (OnTicket & {
      type: 'TicketOpened';
      shopId: string;
      buyerId: string;
      orderId: string | null;
      caseId: string | null;
      /** What the buyer paid for the order (a carrier claim is at most this, SPEC §10.1). */
      orderPaid: Fen | null;
      kind: TicketKind;
      openedBy: 'buyer' | 'merchant';
      policyVersion: string;
      to: 'open';
    })
  | (OnTicket & { type: 'TicketMessagePosted'; party: TicketParty; text: string; attachments: EvidenceItem[]; firstResponse: boolean })
  | (OnTicket & { type: 'TicketResolved'; by: TicketParty; note: string | null; to: 'resolved' })
  | (OnTicket & { type: 'TicketReopened'; to: 'open' })
  | (OnTicket & { type: 'TicketRated'; csat: number })
  /** SPEC §10.1: no reopen and no rating left to wait for: the system closes the ticket. */
  | (OnTicket & { type: 'TicketClosed'; to: 'closed' })
  /** SPEC §10.1: a missed SLA, recorded with the instant it was missed. */
  | (OnTicket & { type: 'TicketSlaBreached'; sla: TicketSla; dueAt: Instant })
  /** SPEC §10.1: a missed resolution hands the ticket to the platform. */
  | (OnTicket & { type: 'TicketEscalated' })
  | (OnTicket & { type: 'CarrierClaimed'; claimId: string; kind: CarrierClaimKind; carrier: string | null; tracking: string | null; amount: Fen })
  | (OnTicket & { type: 'CarrierClaimSettled'; claimId: string; claimed: Fen; recovered: Fen })
  | (OnTicket & { type: 'TicketDeadlineStarted'; deadline: Deadline<TicketDeadlineKind> })
  | (OnTicket & { type: 'TicketDeadlineCleared'; kind: TicketDeadlineKind })
  | (OnTicket & { type: 'TicketDeadlineExpired'; kind: TicketDeadlineKind; dueAt: Instant });

export type TicketEventType = TicketEvent['type'];
