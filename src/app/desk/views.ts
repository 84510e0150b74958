// What callers see of a ticket (SPEC §10.1): the scenario fields (FORMAT.md `ticket` checks), the
// API's row and detail — in SPEC vocabulary, instants as ISO-8601 in the platform zone, labels in
// the caller's language.
import { formatInstant } from '../../domain/calendar.ts';
import type { Lang } from '../../domain/labels.ts';
import type { Policy } from '../../domain/policy.ts';
import { availableTicketActions } from '../../domain/ticket/actions.ts';
import { TICKET_KIND_LABELS, TICKET_SLA_LABELS, TICKET_STATUS_LABELS } from '../../domain/ticket/labels.ts';
import { TICKET_DEADLINE_KINDS, type TicketState } from '../../domain/ticket/types.ts';
import type { Actor, Instant } from '../../domain/types.ts';
import { slaDue } from '../../store/tickets.ts';

/** Where a ticket's file is downloaded (its parties only). */
export const ticketAttachmentUrl = (ticketId: string, sha256: string) => `/v1/tickets/${encodeURIComponent(ticketId)}/attachments/${sha256}`;

/** The fields a scenario's ticket check reads (FORMAT.md). */
export function ticketView(t: TicketState) {
  return { status: t.status, sla_breaches: t.slaBreaches.map((b) => b.sla), escalated: t.escalated, csat: t.csat };
}

/** A row of GET /v1/tickets: the queue shows the nearest SLA deadline first. */
export function ticketRow(t: TicketState, lang: Lang, tz: string) {
  const due = slaDue(t);
  const last = t.messages.at(-1);
  return {
    id: t.id,
    shop: t.shopId,
    buyer: t.buyerId,
    order: t.orderId,
    case: t.caseId,
    kind: t.kind,
    kind_label: TICKET_KIND_LABELS[t.kind][lang],
    status: t.status,
    status_label: TICKET_STATUS_LABELS[t.status][lang],
    escalated: t.escalated,
    awaiting_response: t.awaitingResponse,
    csat: t.csat,
    opened_at: formatInstant(t.openedAt, tz),
    sla_due: due === null ? null : formatInstant(due, tz),
    sla_breaches: t.slaBreaches.map((b) => ({ sla: b.sla, label: TICKET_SLA_LABELS[b.sla][lang], at: formatInstant(b.at, tz) })),
    last_message: last ? { from: last.party, text: last.text.slice(0, 140), at: formatInstant(last.at, tz) } : null,
  };
}

/** GET /v1/tickets/:ticket: the row, the conversation, the clocks, the claims, what the caller may do now. */
export function ticketDetail(t: TicketState, actor: Actor, policy: Policy, now: Instant, lang: Lang) {
  const tz = policy.calendar.timeZone;
  return {
    ...ticketRow(t, lang, tz),
    messages: t.messages.map((m) => ({
      seq: m.seq,
      from: m.party,
      text: m.text,
      attachments: m.attachments.map((a) => ({ kind: a.kind, description: a.description ?? null, sha256: a.sha256 ?? null, url: a.sha256 ? ticketAttachmentUrl(t.id, a.sha256) : null })),
      at: formatInstant(m.at, tz),
    })),
    deadlines: TICKET_DEADLINE_KINDS.flatMap((k) => {
      const d = t.deadlines[k];
      return d ? [{ kind: k, due_at: formatInstant(d.dueAt, tz), remind_at: d.remindAt === null ? null : formatInstant(d.remindAt, tz) }] : [];
    }),
    first_response_at: t.firstResponseAt === null ? null : formatInstant(t.firstResponseAt, tz),
    resolved_at: t.resolvedAt === null ? null : formatInstant(t.resolvedAt, tz),
    closed_at: t.closedAt === null ? null : formatInstant(t.closedAt, tz),
    claims: t.claims.map((c) => ({
      id: c.id,
      kind: c.kind,
      carrier: c.carrier,
      tracking: c.tracking,
      amount: c.amount,
      recovered: c.recovered,
      claimed_at: formatInstant(c.claimedAt, tz),
      settled_at: c.settledAt === null ? null : formatInstant(c.settledAt, tz),
    })),
    actions: availableTicketActions(t, actor, policy, now),
  };
}
