// SPEC §10.5 for rule complaints (§8.1): who must act after each complaint event — the merchant
// answers a filed complaint, the platform reviews an answered one or an appeal, the parties hear
// the ruling. Written in the complaint command's transaction, as the case and ticket ones are.
import type { ComplaintEvent } from '../../domain/complaint/events.ts';
import type { ComplaintState } from '../../domain/complaint/types.ts';
import type { ShopEvent } from '../../domain/shop/events.ts';
import type { GovernanceDecided } from '../../store/governance.ts';
import type { NotificationRow } from '../../store/notifications.ts';
import { iso } from '../../store/time.ts';

type Party = 'buyer' | 'merchant' | 'platform';

const MUST_ACT: Partial<Record<ComplaintEvent['type'], Party[]>> = {
  ComplaintFiled: ['merchant'],
  ComplaintResponded: ['platform'],
  ComplaintResponseMissed: ['platform'],
  ComplaintAppealed: ['platform'],
  ComplaintRuled: ['merchant', 'buyer'],
  AppealRuled: ['merchant'],
};

/** `version`: the complaint's stream version before these events. */
export function complaintNotifications(c: ComplaintState, events: readonly ComplaintEvent[], version: number): NotificationRow[] {
  const rows: NotificationRow[] = [];
  events.forEach((e, i) => {
    for (const p of MUST_ACT[e.type] ?? []) {
      const recipient = p === 'buyer' ? { role: p, id: c.buyerId } : p === 'merchant' ? { role: p, id: c.shopId } : { role: p, id: 'platform' };
      rows.push({
        shopId: c.shopId,
        id: `complaint:${c.id}:${version + i + 1}:${p}`,
        recipient,
        kind: 'complaint.status',
        subject: `complaint:${c.id}`,
        orderId: c.orderId,
        data: { complaint: c.id, event: e.type, status: c.status, ...('outcome' in e ? { outcome: e.outcome } : {}) },
      });
    }
  });
  return rows;
}

/**
 * SPEC §8.2–§8.3, §8.5, §10.5: a sanction, its end, a reopening, a deposit to top up, the
 * governance cycle's notice (站内信) and restriction — the merchant's to know.
 */
const SHOP_NOTICES: Partial<Record<ShopEvent['type'], true>> = {
  SanctionApplied: true,
  GovernanceNoticeSent: true,
  PerformanceNoticeSent: true,
  CycleRestrictionApplied: true,
  RestrictionEnded: true,
  ShopReopened: true,
  DepositShortfallNoticed: true,
  DepositRestrictionImposed: true,
  DepositRestrictionLifted: true,
};

/** What the sentence of a shop notification needs beyond the event's type. */
function shopNoticeFacts(e: ShopEvent): Record<string, unknown> {
  if (e.type === 'DepositShortfallNoticed') return { due: iso(e.dueAt) };
  // SPEC §8.5: the rate against the average and the rank, and how long the shop is watched.
  if (e.type === 'GovernanceNoticeSent') return { rate: e.rate, average: e.average, rank: e.rank, due: iso(e.watchUntil) };
  if (e.type === 'CycleRestrictionApplied') return { due: iso(e.until) };
  // SPEC §13: which target, the rate and its ceiling.
  if (e.type === 'PerformanceNoticeSent') return { metric: e.metric, rate: e.rate, max_pct: e.maxPct, window_days: e.windowDays };
  return {};
}

/** The merchant's notifications of a shop decision's events (`version`: the shop stream's before them). */
export function shopNotifications(shopId: string, events: readonly ShopEvent[], version: number): NotificationRow[] {
  return events.flatMap((e, i) =>
    SHOP_NOTICES[e.type]
      ? [
          {
            shopId,
            id: `shop:${shopId}:${version + i + 1}:merchant`,
            recipient: { role: 'merchant' as const, id: shopId },
            kind: 'shop.status',
            subject: `shop:${shopId}`,
            orderId: null,
            data: { shop: shopId, event: e.type, ...('to' in e ? { status: e.to } : {}), ...shopNoticeFacts(e) },
          },
        ]
      : [],
  );
}

/** The notifications of the shop decisions among governance items (complaint rulings' points, deadlines, top-ups). */
export function shopNotificationsOf(items: readonly GovernanceDecided[]): NotificationRow[] {
  return items.flatMap((x) => (x.aggregate === 'shop' ? shopNotifications(x.next.id, x.events, x.loaded?.version ?? 0) : []));
}
