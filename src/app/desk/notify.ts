// What a ticket event causes beside itself (SPEC §10.5): a webhook message under a dotted type name
// (docs/webhooks.md), and a notification for each party who must act on it. Derived in the
// transaction of the event (docs/decisions.md "Service desk"), so none is lost when nobody is online.
import type { TicketEvent } from '../../domain/ticket/events.ts';
import type { TicketParty, TicketState } from '../../domain/ticket/types.ts';
import type { NotificationRow } from '../../store/notifications.ts';
import type { DueDeadline } from '../../store/event-store.ts';
import type { TicketDerive } from '../../store/tickets.ts';
import { iso } from '../../store/time.ts';

const WEBHOOK_TYPES: Partial<Record<TicketEvent['type'], string>> = {
  TicketOpened: 'ticket.opened',
  TicketMessagePosted: 'ticket.message',
  TicketResolved: 'ticket.resolved',
  TicketReopened: 'ticket.reopened',
  TicketRated: 'ticket.rated',
  TicketClosed: 'ticket.closed',
  TicketSlaBreached: 'ticket.sla_breached',
  TicketEscalated: 'ticket.escalated',
  CarrierClaimed: 'carrier_claim.filed',
  CarrierClaimSettled: 'carrier_claim.settled',
};

/** The id a party's inbox is kept under: the buyer's id, the shop's id, 'platform'. */
export function recipientOf(t: TicketState, party: TicketParty): NotificationRow['recipient'] {
  return party === 'buyer' ? { role: 'buyer', id: t.buyerId } : party === 'merchant' ? { role: 'merchant', id: t.shopId } : { role: 'platform', id: 'platform' };
}

/** Who must act after an event: the other side of a message, the merchant on a breach, … */
function mustAct(t: TicketState, e: TicketEvent): TicketParty[] {
  switch (e.type) {
    case 'TicketMessagePosted': {
      // Everyone in the conversation but the writer; the platform once the ticket is escalated.
      const parties: TicketParty[] = t.escalated ? ['buyer', 'merchant', 'platform'] : ['buyer', 'merchant'];
      return parties.filter((p) => p !== e.party);
    }
    case 'TicketReopened':
    case 'TicketSlaBreached':
    case 'TicketRated':
      return ['merchant'];
    case 'TicketResolved':
      return ['buyer']; // the buyer may rate or reopen it
    case 'TicketEscalated':
      return ['platform', 'merchant'];
    default:
      return []; // opening is notified by its first message; closing and the bookkeeping need no one
  }
}

export const deriveTicket: TicketDerive = (t, e, streamVersion) => {
  const type = WEBHOOK_TYPES[e.type];
  const stream = `ticket:${t.id}`;
  const webhook = type
    ? { type, payload: { shop: t.shopId, order: t.orderId, ticket: t.id, stream, stream_version: streamVersion, occurred_at: iso(e.at), event: e } }
    : null;
  const kind = e.type === 'TicketMessagePosted' && t.messages[0]?.at === e.at && streamVersion === 2 ? 'ticket.opened' : (type ?? e.type);
  const data = { ticket: t.id, ticket_kind: t.kind, status: t.status, event: e.type, ...(e.type === 'TicketMessagePosted' ? { text: e.text.slice(0, 140), from: e.party } : {}), ...(e.type === 'TicketSlaBreached' ? { sla: e.sla, due: iso(e.dueAt) } : {}) };
  const notifications = mustAct(t, e).map((p) => {
    const recipient = recipientOf(t, p);
    return { shopId: t.shopId, id: `${stream}:${streamVersion}:${recipient.role}`, recipient, kind, subject: stream, orderId: t.orderId, data };
  });
  return { webhook, notifications };
};

/** The ticket stream a deadline subject (ticket:<id>:<kind>) belongs to. */
export const ticketOfSubject = (subject: string) => subject.replace(/:[a-z_]+$/, '');

/** SPEC §10.1: `reminder_before` an SLA, the merchant is reminded (the reminder's notification). */
export function ticketReminder(d: DueDeadline, stream: string): NotificationRow {
  return {
    shopId: d.shopId,
    id: `${stream}:${d.kind}:${d.dueAt}:reminder`,
    recipient: { role: 'merchant', id: d.shopId },
    kind: 'ticket.reminder',
    subject: stream,
    orderId: null,
    data: { ticket: stream.replace(/^ticket:/, ''), deadline: d.kind, due: iso(d.dueAt) },
  };
}
