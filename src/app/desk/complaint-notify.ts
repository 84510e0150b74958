// SPEC §10.5 for rule complaints (§8.1): who must act after each complaint event — the merchant
// answers a filed complaint, the platform reviews an answered one or an appeal, the parties hear
// the ruling. Written in the complaint command's transaction, as the case and ticket ones are.
import type { ComplaintEvent } from '../../domain/complaint/events.ts';
import type { ComplaintState } from '../../domain/complaint/types.ts';
import type { NotificationRow } from '../../store/notifications.ts';

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
