// Claim events delivered to webhooks (SPEC §13, §10.5), under dotted type names (docs/webhooks.md);
// the deadline bookkeeping stays in the stream only.
import type { ClaimNotify } from '../../store/claims.ts';
import { iso } from '../../store/time.ts';

const TYPES: Record<string, string> = {
  ClaimFiled: 'claim.filed',
  ClaimWithdrawn: 'claim.withdrawn',
  ClaimResponded: 'claim.responded',
  ClaimResponseMissed: 'claim.response_missed',
  ClaimRuled: 'claim.ruled',
  ClaimAppealed: 'claim.appealed',
  ClaimAppealRuled: 'claim.appeal_ruled',
};

export const claimWebhook: ClaimNotify = (d, e, streamVersion) => {
  const type = TYPES[e.type];
  if (!type) return null;
  const c = d.next;
  return {
    type,
    payload: { shop: c.shopId, order: c.orderId, claim: c.id, kind: c.kind, currency: c.currency, stream: `claim:${c.id}`, stream_version: streamVersion, occurred_at: iso(e.at), actor: d.actor, event: e },
  };
};
