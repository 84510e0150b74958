// What GET /v1/cases/:case (and every case command) answers: the case, its money breakdown, the
// caller's actions, the timeline in words, and what the console shows of a dispute: the claimed
// lines, the offer, the evidence given (with file links), evidence requests and burdens of proof.
import type { DecidedState } from '../app/command-types.ts';
import type { Engine } from '../app/engine.ts';
import { actorOf, type Principal } from '../app/principal.ts';
import { describeEvent, shownActor } from '../app/timeline.ts';
import { caseView, orderView } from '../app/views.ts';
import { burdensOf, evidenceOf, satisfies } from '../domain/burden.ts';
import { availableActions, opensAt } from '../domain/case/command-table.ts';
import { formatInstant } from '../domain/calendar.ts';
import type { CaseState, OrderState } from '../domain/state.ts';
import { caseRefundable, returnShippingTerms } from '../domain/money.ts';
import { trackingWarning } from '../domain/carriers.ts';
import { returnsGoods, type Actor } from '../domain/types.ts';

const evidenceUrl = (caseId: string, sha256: string) => `/v1/cases/${encodeURIComponent(caseId)}/evidence/${sha256}`;

/**
 * The detail of a case the caller has seen (`seen`, from `engine.caseFor`). After a command, the
 * order as the command left it (`after`) spares reading the case again; null when it is gone.
 * `timeline: false` leaves the timeline out (a command's answer unless ?expand=timeline).
 */
export async function caseDetail(engine: Engine, seen: CaseState, p: Principal, serverTz: string, after?: DecidedState, opts: { timeline?: boolean } = {}) {
  const inputs = await engine.caseDetailInputs(p, seen, after, opts);
  if (!inputs) return null;
  const { case: c, order: o, policy, now, history: events, fileTypes: typeOf } = inputs;
  // SPEC §13: a case's instants and the timeline's words are in its marketplace's zone (a US shop's
  // on Pacific time), the server's only when the shop's policy cannot be read.
  const tz = policy?.calendar.timeZone ?? serverTz;
  const at = (ms: number) => formatInstant(ms, tz);
  // What the caller may send now (the domain's command table, SPEC §4); escalation not yet open
  // (escalation_after) is not offered, the console says from when instead.
  const role = actorOf(p).role;
  const actions = policy ? availableActions(c, role, policy, now) : [];
  const escalateAt = policy ? opensAt('escalate', c, role, policy, now) : null;
  const escalateFrom = escalateAt === null ? null : at(escalateAt);
  return {
    ...caseView(c, tz, o.currency),
    applied_at: at(c.appliedAt),
    money: {
      currency: o.currency,
      amount: c.amount,
      goods: c.amount - c.shippingFeePart,
      shipping_fee: c.shippingFeePart,
      refundable: caseRefundable(c),
      return_shipping_payer: c.returnShippingPayer,
      return_shipping_reimbursed: c.returnShippingReimbursed,
      insurer_claim: c.insurerClaim,
      deductions: c.deductions,
      refunded: c.refunded,
      refund_pending: c.pendingRefund?.total ?? null,
      refund_due_at: c.refundDueAt === null ? null : at(c.refundDueAt),
      order_compensation: o.compensation,
      buyer_owes: c.buyerOwes,
      refund_paid_by: c.pendingRefund ? (c.pendingRefund.paidBy ?? 'merchant') : null,
    },
    actions,
    escalate_from: escalateFrom,
    // Both read the history: a command's answer carries them only with ?expand=timeline (issue 18).
    ...(events ? { latest_refusal: latestRefusal(events, at) } : {}),
    ...(events ? { timeline: events.map((e) => ({ version: e.stream_version, at: at(e.data.at), type: e.type, actor: shownActor(e.data, e.actor as Actor), ...describeEvent(e.data, tz, o.currency) })) } : {}),
    lines: c.lines.map((l) => ({ line: l.lineId, sku: o.lines.find((x) => x.id === l.lineId)?.sku ?? null, title: o.lines.find((x) => x.id === l.lineId)?.title ?? null, quantity: l.quantity, share: l.share })),
    note: c.note,
    offer: c.status === 'offer_pending' ? { type: c.offer.type, amount: c.offer.amount, buyer_owes: c.offer.buyerOwes ?? 0, note: c.offer.note ?? null } : null,
    escalated: c.escalated,
    evidence: c.evidence.map((e) => ({
      kind: e.kind,
      description: e.description ?? null,
      sha256: e.sha256 ?? null,
      party: e.party,
      at: at(e.at),
      // A declared item whose file was never uploaded has no link.
      url: e.sha256 && typeOf.has(e.sha256) ? evidenceUrl(c.id, e.sha256) : null,
      content_type: (e.sha256 && typeOf.get(e.sha256)) ?? null,
    })),
    // `met`: what the party gave already meets it (the lapse then counts it as given, src/domain/case-flow.ts).
    evidence_requests: c.evidenceRequests.map((r) => ({
      id: r.id,
      party: r.party,
      kinds: r.kinds,
      mode: r.mode,
      due: at(r.dueAt),
      burden: r.burden,
      open: r.open,
      met: satisfies(evidenceOf(c, r.party), r),
    })),
    // SPEC §7: who must prove what here, and whether what they gave so far meets it.
    burdens: burdensOf(c, o, tz).map((b) => ({ ...b, met: satisfies(evidenceOf(c, b.party), b) })),
    return_address: c.returnAddress,
    // Issue 15: the buyer sees before shipping who pays the return leg and the merchant's cap.
    return_shipping: returnsGoods(c.type) && policy ? returnShippingTerms(c, o, policy.params) : null,
    return_shipment: c.returnShipment
      ? {
          carrier: c.returnShipment.carrier,
          carrier_name: c.returnShipment.carrierName ?? null,
          tracking: c.returnShipment.tracking,
          shipping_cost: c.returnShipment.shippingCost,
          at: at(c.returnShipment.at),
          corrected: c.returnShipment.corrected ?? false,
          // Issue 15: an odd tracking format is a warning for the merchant (and the platform), not a refusal.
          format_warning: role === 'buyer' ? null : trackingWarning(c.returnShipment.carrier, c.returnShipment.tracking),
        }
      : null,
    replacement: c.replacement ? { ...c.replacement, at: at(c.replacement.at) } : null,
    ruling: c.ruling ? { ...c.ruling, note: c.ruling.note ?? null } : null,
  };
}

/**
 * Issue 16: the merchant's last refusal (a rejected application or a refused parcel) and its
 * reason, shown at the top of the case page rather than only in the timeline.
 */
function latestRefusal(events: readonly { type: string; data: { at: number } }[], at: (ms: number) => string) {
  const e = [...events].reverse().find((x) => x.type === 'CaseRejected' || x.type === 'ReturnRefused');
  if (!e) return null;
  return { kind: e.type === 'CaseRejected' ? ('reject' as const) : ('refuse_return' as const), reason: (e.data as unknown as { reason: string }).reason, at: at(e.data.at) };
}

/** An order with its lines, lifecycle instants and cases (the buyer portal's order page). */
export function orderDetail(o: OrderState, cases: Pick<CaseState, 'id' | 'status' | 'type'>[], tz: string, shopName: string | null = null) {
  const at = (ms: number | null) => (ms === null ? null : formatInstant(ms, tz));
  return {
    ...orderView(o, tz),
    shop_name: shopName,
    placed_at: formatInstant(o.placedAt, tz),
    paid_at: at(o.paidAt),
    shipped_at: at(o.shippedAt),
    carrier: o.carrier,
    tracking: o.tracking,
    signed_at: at(o.signedAt),
    shipping_fee: o.shippingFee,
    lines: o.lines.map((l) => ({ id: l.id, sku: l.sku, title: l.title ?? null, category: l.category, quantity: l.quantity, paid_amount: l.paidAmount, flags: l.flags })),
    cases: cases.map((c) => ({ id: c.id, status: c.status, type: c.type })),
  };
}
