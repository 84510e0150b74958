// SPEC §13 claim windows, pure: from when and until when an A-to-z claim may be filed on an order,
// and a SAFE-T claim after its refund. Each window is counted from a basis recorded on the claim.
import { formatInstant } from '../calendar.ts';
import { addDuration, formatDuration } from '../duration.ts';
import { refuse, type Refusal } from '../errors.ts';
import { daysAfter } from '../governance-deadline.ts';
import { dateWords } from '../labels.ts';
import type { Policy } from '../policy.ts';
import type { Instant } from '../types.ts';
import { EXPECTED_DELIVERY_DAYS, type ClaimBasis, type ClaimCaseFacts, type ClaimOrderFacts } from './types.ts';

interface Window {
  basis: ClaimBasis;
  opensAt: Instant;
  endsAt: Instant;
}

/**
 * The latest delivery date: the signature, else the estimate (docs/decisions.md): shipment +
 * EXPECTED_DELIVERY_DAYS, or `ship_by` (else payment) + EXPECTED_DELIVERY_DAYS while unshipped.
 */
export function deliveryBasis(o: ClaimOrderFacts, policy: Policy): ClaimBasis | null {
  if (o.signedAt !== null) return { kind: 'signed', at: o.signedAt, caseId: null };
  const from = o.shippedAt ?? o.shipBy ?? o.paidAt;
  return from === null ? null : { kind: 'estimated_delivery', at: daysAfter(policy, from, EXPECTED_DELIVERY_DAYS), caseId: null };
}

/** SPEC §13: a return the seller rejected or did not answer (still `requested`). */
export function isReturnIssue(c: ClaimCaseFacts): boolean {
  return c.isReturn && (c.status === 'rejected' || c.status === 'requested');
}

/**
 * SPEC §13 A-to-z: from `opens_after_days` after the latest delivery date, or `after_return_issue`
 * after a return request the seller rejected or left unanswered, until `window_days` after that
 * date. The first window open now gives the basis; none: `too_early` (the earliest opening) or
 * `window_expired` (the latest end).
 */
export function atozWindow(o: ClaimOrderFacts, caseId: string | null, policy: Policy, now: Instant): ClaimBasis | Refusal {
  const p = policy.params.atoz_claim!;
  const tz = policy.calendar.timeZone;
  const windows: Window[] = [];
  const delivery = deliveryBasis(o, policy);
  if (delivery) windows.push({ basis: delivery, opensAt: daysAfter(policy, delivery.at, p.opens_after_days), endsAt: daysAfter(policy, delivery.at, p.window_days) });
  for (const c of o.cases) {
    if ((caseId !== null && c.id !== caseId) || !isReturnIssue(c)) continue;
    const basis: ClaimBasis = { kind: 'return_issue', at: c.appliedAt, caseId: c.id };
    windows.push({ basis, opensAt: addDuration(c.appliedAt, p.after_return_issue, policy.calendar), endsAt: daysAfter(policy, c.appliedAt, p.window_days) });
  }
  const open = windows.find((w) => w.opensAt <= now && now < w.endsAt);
  if (open) return open.basis;
  const later = windows.filter((w) => now < w.opensAt).sort((a, b) => a.opensAt - b.opensAt)[0];
  if (later) {
    const w = dateWords(later.opensAt, now, tz);
    return refuse(
      'too_early',
      'atoz_opens_after',
      `${w.zh} 起才可提交 A-to-z 索赔 (最晚送达日后 ${p.opens_after_days} 天, 或退货被拒/未回应 ${formatDuration(p.after_return_issue)} 后)`,
      `an A-to-z claim can be filed from ${w.en} (${p.opens_after_days} days after the latest delivery date, or ${formatDuration(p.after_return_issue)} after a return the seller rejected or did not answer)`,
      { earliest: formatInstant(later.opensAt, tz) },
    );
  }
  const last = windows.sort((a, b) => b.endsAt - a.endsAt)[0];
  if (!last) return refuse('not_eligible', 'atoz_delivery', '订单尚未付款, 不能提交 A-to-z 索赔', 'the order is not paid: no A-to-z claim can be filed', {});
  const w = dateWords(last.endsAt, now, tz);
  return refuse('window_expired', 'atoz_window_days', `A-to-z 索赔期已于 ${w.zh} 截止 (最晚送达日后 ${p.window_days} 天内)`, `the A-to-z claim window closed on ${w.en} (${p.window_days} days after the latest delivery date)`, {
    ended_at: formatInstant(last.endsAt, tz),
  });
}

/** SPEC §13 SAFE-T: within `safet_claim_days` of the refund. */
export function safetWindow(c: ClaimCaseFacts, policy: Policy, now: Instant): ClaimBasis | Refusal {
  const days = policy.params.safet_claim_days!;
  if (c.refundedAt === null || c.refunded <= 0) {
    return refuse('not_eligible', 'safet_after_refund', '该售后单尚未退款, 不能提交 SAFE-T 索赔', 'the case has not been refunded: a SAFE-T claim follows a refund', { case: c.id });
  }
  const end = daysAfter(policy, c.refundedAt, days);
  if (now < end) return { kind: 'refund', at: c.refundedAt, caseId: c.id };
  const w = dateWords(end, now, policy.calendar.timeZone);
  return refuse('window_expired', 'safet_claim_days', `SAFE-T 索赔期已于 ${w.zh} 截止 (退款后 ${days} 天内)`, `the SAFE-T claim window closed on ${w.en} (${days} days from the refund)`, {
    ended_at: formatInstant(end, policy.calendar.timeZone),
  });
}
