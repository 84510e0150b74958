// Governance events delivered to webhooks (SPEC §8, §10.5): the events a shop's systems act on,
// under dotted type names (docs/webhooks.md); the bookkeeping events (deadlines, reminders of the
// platform's own review) stay in the streams only.
import type { Notify } from '../../store/governance.ts';
import { iso } from '../../store/time.ts';

const TYPES: Record<string, string> = {
  ComplaintFiled: 'complaint.filed',
  ComplaintResponded: 'complaint.responded',
  ComplaintResponseMissed: 'complaint.response_missed',
  ComplaintRuled: 'complaint.ruled',
  ComplaintAppealed: 'complaint.appealed',
  AppealRuled: 'complaint.appeal_ruled',
  ComplaintWithdrawn: 'complaint.withdrawn',
  SanctionApplied: 'shop.sanctioned',
  CycleRestrictionApplied: 'shop.sanctioned',
  GovernanceNoticeSent: 'shop.notice',
  PerformanceNoticeSent: 'shop.notice',
  PerformanceTargetMet: 'shop.performance_met',
  DepositRestrictionImposed: 'shop.sanctioned',
  RestrictionEnded: 'shop.restriction_ended',
  DepositRestrictionLifted: 'shop.restriction_ended',
  ShopReopened: 'shop.reopened',
  DepositShortfallNoticed: 'deposit.shortfall',
  DepositDebited: 'deposit.debited',
};

/** The outbox message of an event, or null for one not delivered. */
export const governanceWebhook: Notify = (item, e, streamVersion) => {
  const type = TYPES[e.type];
  if (!type) return null;
  const complaint = item.aggregate === 'complaint' ? item.next : null;
  return {
    type,
    payload: {
      shop: complaint ? complaint.shopId : item.next.id,
      order: complaint ? complaint.orderId : null,
      complaint: complaint ? complaint.id : null,
      stream: complaint ? `complaint:${complaint.id}` : `shop:${item.next.id}`,
      stream_version: streamVersion,
      occurred_at: iso(e.at),
      actor: item.actor,
      event: e,
    },
  };
};
