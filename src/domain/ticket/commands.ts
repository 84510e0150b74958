// SPEC §10.1 ticket commands, named as in FORMAT.md (`open_ticket`, `reply`, `resolve`, `reopen`,
// `rate`, `claim_carrier`, `settle_carrier_claim`). Every command carries its actor; time arrives
// as `now`.
import type { EvidenceInput } from '../commands.ts';
import type { Actor, Fen, Instant, Role } from '../types.ts';
import type { CarrierClaimKind, TicketDeadlineKind, TicketKind } from './types.ts';

export type TicketCommand = (
  | { kind: 'open_ticket'; ticketKind: TicketKind; message: string; attachments?: EvidenceInput[]; buyerId?: string }
  | { kind: 'reply'; message: string; attachments?: EvidenceInput[] }
  | { kind: 'resolve'; note?: string }
  | { kind: 'reopen'; message?: string }
  | { kind: 'rate'; csat: number }
  | { kind: 'claim_carrier'; claimKind: CarrierClaimKind; amount: Fen; carrier?: string; tracking?: string }
  | { kind: 'settle_carrier_claim'; amount: Fen }
  | { kind: 'fire_ticket_deadline'; deadline: TicketDeadlineKind; dueAt: Instant }
) & { ticketId: string; actor: Actor };

export type TicketCommandKind = TicketCommand['kind'];

/** Who may send each command (SPEC §10.1; deadlines are fired by the engine). */
export const TICKET_COMMAND_ROLES: Record<TicketCommandKind, readonly Role[]> = {
  open_ticket: ['buyer', 'merchant'],
  reply: ['buyer', 'merchant', 'platform'],
  resolve: ['merchant', 'platform'],
  reopen: ['buyer'],
  rate: ['buyer'],
  claim_carrier: ['merchant'],
  settle_carrier_claim: ['merchant'],
  fire_ticket_deadline: ['system'],
};

/** The commands a party sends on an existing ticket (the API's `actions`). */
export const TICKET_ACTIONS = ['reply', 'resolve', 'reopen', 'rate', 'claim_carrier', 'settle_carrier_claim'] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];
