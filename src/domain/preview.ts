// What a buyer may apply for on an order now, and for each refusal why (SPEC §3), with the end of
// the window that applies ("七天无理由已于 3月11日 00:00 截止"). The same checks as `apply`.
import { DAY } from './calendar.ts';
import { checkApplication, noReasonWindowEnd, signInstant } from './eligibility.ts';
import type { Refusal } from './errors.ts';
import type { Policy } from './policy.ts';
import type { OrderContext } from './state.ts';
import type { CaseType, Instant, Reason } from './types.ts';

/** The remedies a buyer is offered, each with the reason it is asked for. */
const OFFERED: [CaseType, Reason][] = [
  ['refund_only', 'no_longer_needed'],
  ['refund_only', 'out_of_stock'],
  ['refund_only', 'late_shipment'],
  ['refund_only', 'not_received'],
  ['refund_only', 'damaged'],
  ['refund_only', 'quality_issue'],
  ['return_refund', 'no_reason_7d'],
  ['return_refund', 'quality_issue'],
  ['return_refund', 'not_as_described'],
  ['return_refund', 'counterfeit'],
  ['exchange', 'size_or_color'],
  ['repair', 'needs_repair'],
  ['reship', 'wrong_or_missing_item'],
];

export interface PreviewItem {
  type: CaseType;
  reason: Reason;
  eligible: boolean;
  refusal: Refusal | null;
  /** The end of the window that bounds this remedy, if any. */
  until: Instant | null;
}

export function eligibilityPreview(ctx: OrderContext, policy: Policy, now: Instant): PreviewItem[] {
  const o = ctx.order!;
  const p = policy.params;
  const signed = signInstant(o, policy.calendar.timeZone);
  return OFFERED.map(([type, reason]) => {
    // Evidence and the intact declaration are things the buyer brings, not eligibility.
    const r = checkApplication(ctx, { type, reason, intact: true }, [{ kind: 'photo' }], policy, now, null);
    let until: Instant | null = null;
    if (reason === 'no_reason_7d') until = noReasonWindowEnd(o, policy);
    else if (type === 'exchange' && o.completedAt !== null) until = o.completedAt + p.exchange_days * DAY;
    else if (type === 'repair' && signed !== null) until = signed + p.warranty_days * DAY;
    else if (o.completedAt !== null) until = o.completedAt + (reason === 'counterfeit' ? p.counterfeit_claim_days : p.after_sale_days) * DAY;
    return { type, reason, eligible: !('ok' in r), refusal: 'ok' in r ? r : null, until };
  });
}
