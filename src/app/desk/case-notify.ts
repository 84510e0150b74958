// SPEC §10.5: what a case's events ask of whom — each status change for the party who must act
// next, an evidence request for the party asked, a message for the other parties of the
// conversation. Derived from the events of a decision and written in its transaction (the
// notifications table, beside the outbox), so nothing is lost when nobody is online.
import type { DomainEvent } from '../../domain/events.ts';
import type { OrderContext } from '../../domain/state.ts';
import type { CaseStatus } from '../../domain/types.ts';
import type { NotificationRow } from '../../store/notifications.ts';
import { iso } from '../../store/time.ts';

type Party = 'buyer' | 'merchant' | 'platform';

/** SPEC §4: who acts next in each status (none while the refund is paid; the buyer hears of the end). */
const ACTS_NEXT: Record<CaseStatus, Party[]> = {
  requested: ['merchant'],
  offer_pending: ['buyer'],
  rejected: ['buyer'],
  awaiting_return: ['buyer'],
  return_in_transit: ['merchant'],
  awaiting_reship: ['merchant'],
  reship_in_transit: ['buyer'],
  refunding: [],
  in_arbitration: ['platform'],
  completed: ['buyer'],
  closed: ['buyer', 'merchant'],
};

export function caseNotifications(before: OrderContext, after: OrderContext, events: readonly DomainEvent[]): NotificationRow[] {
  const order = after.order;
  if (!order) return [];
  const versions = new Map<string, number>();
  const rows: NotificationRow[] = [];
  for (const e of events) {
    if (!('caseId' in e)) continue;
    const caseId = e.caseId;
    const version = (versions.get(caseId) ?? before.cases[caseId]?.version ?? 0) + 1;
    versions.set(caseId, version);
    const c = after.cases[caseId];
    if (!c) continue;
    const recipient = (p: Party): NotificationRow['recipient'] =>
      p === 'buyer' ? { role: 'buyer', id: order.buyerId } : p === 'merchant' ? { role: 'merchant', id: order.shopId } : { role: 'platform', id: 'platform' };
    const note = (p: Party, kind: string, data: Record<string, unknown>): NotificationRow => ({
      shopId: order.shopId,
      id: `case:${caseId}:${version}:${p}`,
      recipient: recipient(p),
      kind,
      subject: `case:${caseId}`,
      orderId: order.id,
      data: { case: caseId, event: e.type, ...data },
    });
    if (e.type === 'CaseMessagePosted') {
      const parties: Party[] = c.escalated ? ['buyer', 'merchant', 'platform'] : ['buyer', 'merchant'];
      for (const p of parties) if (p !== e.party) rows.push(note(p, 'case.message', { from: e.party, text: e.text.slice(0, 140) }));
    } else if (e.type === 'EvidenceRequested') {
      rows.push(note(e.request.party, 'case.evidence_requested', { kinds: e.request.kinds, due: iso(e.request.dueAt) }));
    } else if (e.type === 'CaseApplied' || ('to' in e && typeof e.to === 'string')) {
      // An application puts the case in `requested` (its event names no status of its own).
      const to = (e.type === 'CaseApplied' ? c.status === 'requested' ? 'requested' : null : e.to) as CaseStatus | null;
      if (to === null) continue;
      const by = 'by' in e ? (e.by as string) : null;
      // The party who escalated needs no word of it; the other one does (evidence may follow).
      const parties = to === 'in_arbitration' ? (['platform', 'buyer', 'merchant'] as Party[]).filter((p) => p !== by) : ACTS_NEXT[to];
      for (const p of parties) rows.push(note(p, 'case.status', { status: to }));
    }
  }
  return rows;
}

/** SPEC §4 deadlines: whose move each one waits for (the reminder goes to them); evidence: the request said. */
const REMINDED: Record<string, Party | null> = {
  merchant_response: 'merchant',
  merchant_receipt: 'merchant',
  refund_after_receipt: 'merchant',
  merchant_reship: 'merchant',
  offer_reply: 'buyer',
  buyer_after_reject: 'buyer',
  buyer_return_shipment: 'buyer',
  buyer_confirm: 'buyer',
  evidence: null,
  payment: 'buyer',
  ship_by: 'merchant',
  auto_confirm: 'buyer',
};

/** SPEC §10.5: a case's or an order's deadline reminder as a notification for the party it waits on. */
export function deadlineReminder(d: { shopId: string; orderId: string; subject: string; kind: string; dueAt: number }, buyerId: string | null): NotificationRow | null {
  const party = REMINDED[d.kind] ?? null;
  if (party === null || party === 'platform' || (party === 'buyer' && buyerId === null)) return null;
  const subject = d.subject === 'order' ? `order:${d.orderId}` : `case:${d.subject}`;
  const recipient = party === 'buyer' ? { role: 'buyer' as const, id: buyerId! } : { role: 'merchant' as const, id: d.shopId };
  return {
    shopId: d.shopId,
    id: `${subject}:${d.kind}:${d.dueAt}:reminder`,
    recipient,
    kind: 'deadline.reminder',
    subject,
    orderId: d.orderId,
    data: { ...(d.subject === 'order' ? { order: d.orderId } : { case: d.subject }), deadline: d.kind, due: iso(d.dueAt) },
  };
}
