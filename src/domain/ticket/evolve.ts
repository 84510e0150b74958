// evolveTicket(state, event) → state. Pure and total: every ticket event is handled (the `never`
// check makes a new event type a compile error until it is).
import type { TicketEvent } from './events.ts';
import type { TicketState } from './types.ts';

const NO_DEADLINES: TicketState['deadlines'] = { ticket_first_response: null, ticket_resolution: null, ticket_close: null };

export function evolveTicket(prev: TicketState | null, e: TicketEvent): TicketState {
  if (e.type === 'TicketOpened') {
    return {
      id: e.ticketId,
      shopId: e.shopId,
      buyerId: e.buyerId,
      orderId: e.orderId,
      caseId: e.caseId,
      orderPaid: e.orderPaid,
      kind: e.kind,
      status: e.to,
      openedBy: e.openedBy,
      openedAt: e.at,
      messages: [],
      awaitingResponse: e.openedBy === 'buyer',
      firstResponseAt: null,
      resolvedAt: null,
      resolvedBy: null,
      reopened: 0,
      csat: null,
      ratedAt: null,
      slaBreaches: [],
      escalated: false,
      escalatedAt: null,
      closedAt: null,
      claims: [],
      deadlines: NO_DEADLINES,
      policyVersions: [e.policyVersion],
      version: 1,
    };
  }
  if (!prev) throw new Error(`${e.type} before TicketOpened`);
  const t: TicketState = { ...prev, version: prev.version + 1 };
  switch (e.type) {
    case 'TicketMessagePosted': {
      const message = { seq: t.messages.length + 1, party: e.party, text: e.text, attachments: e.attachments, at: e.at };
      const answered = e.party !== 'buyer';
      return {
        ...t,
        messages: [...t.messages, message],
        awaitingResponse: answered ? false : t.awaitingResponse,
        firstResponseAt: e.firstResponse && t.firstResponseAt === null ? e.at : t.firstResponseAt,
      };
    }
    case 'TicketResolved':
      return { ...t, status: e.to, resolvedAt: e.at, resolvedBy: e.by, awaitingResponse: false };
    case 'TicketReopened':
      return { ...t, status: e.to, resolvedAt: null, resolvedBy: null, reopened: t.reopened + 1, awaitingResponse: true };
    case 'TicketRated':
      return { ...t, csat: e.csat, ratedAt: e.at };
    case 'TicketClosed':
      return { ...t, status: e.to, closedAt: e.at };
    case 'TicketSlaBreached':
      return { ...t, slaBreaches: [...t.slaBreaches, { sla: e.sla, at: e.dueAt }] };
    case 'TicketEscalated':
      return { ...t, escalated: true, escalatedAt: e.at };
    case 'CarrierClaimed':
      return {
        ...t,
        claims: [...t.claims, { id: e.claimId, kind: e.kind, carrier: e.carrier, tracking: e.tracking, amount: e.amount, claimedAt: e.at, recovered: null, settledAt: null }],
      };
    case 'CarrierClaimSettled':
      return { ...t, claims: t.claims.map((c) => (c.id === e.claimId ? { ...c, recovered: e.recovered, settledAt: e.at } : c)) };
    case 'TicketDeadlineStarted': {
      const v = e.deadline.policyVersion;
      return {
        ...t,
        deadlines: { ...t.deadlines, [e.deadline.kind]: e.deadline },
        policyVersions: t.policyVersions.includes(v) ? t.policyVersions : [...t.policyVersions, v],
      };
    }
    case 'TicketDeadlineCleared':
    case 'TicketDeadlineExpired':
      return { ...t, deadlines: { ...t.deadlines, [e.kind]: null } };
    default: {
      const never: never = e;
      throw new Error(`unhandled ticket event ${JSON.stringify(never)}`);
    }
  }
}

export function evolveTicketAll(state: TicketState | null, events: readonly TicketEvent[]): TicketState | null {
  let s = state;
  for (const e of events) s = evolveTicket(s, e);
  return s;
}
