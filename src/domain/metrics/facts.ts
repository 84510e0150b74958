// SPEC §8.4: the facts the shop metrics count, one per event that matters, each at the event's
// own instant. Counters sum (per shop, per day); samples (interventions, first responses) are
// kept one by one, since a distinct count and a percentile do not add up over days.
import type { ClaimEvent } from '../claim/events.ts';
import type { ComplaintEvent } from '../complaint/events.ts';
import type { DomainEvent } from '../events.ts';
import type { TicketEvent } from '../ticket/events.ts';
import type { Actor, CaseType, Instant, Reason } from '../types.ts';

/** Facts summed per shop and day (rollups): a count and, for `refund_done`, a total of ms. */
export const SUMMED_COUNTERS = ['paid', 'completed', 'applied_in_sale', 'applied_quality', 'escalated', 'refund_done'] as const;
/** Facts read one by one over the window. */
export const SAMPLE_COUNTERS = ['intervention', 'first_response'] as const;
/**
 * SPEC §10.1 facts of the service desk, summed like the order counters: `ticket_opened`,
 * `ticket_breached` (a ticket's first SLA breach, once per ticket), `csat` (value = the rating).
 */
export const TICKET_COUNTERS = ['ticket_opened', 'ticket_breached', 'csat'] as const;
/**
 * SPEC §13 seller performance, summed like the order counters: orders shipped and shipped late,
 * return applications and those the buyer had cause to be dissatisfied with (once per case),
 * orders the seller could not fulfil (`seller_cancelled`).
 */
export const SELLER_COUNTERS = ['shipped', 'shipped_late', 'return_applied', 'return_dissatisfied', 'seller_cancelled'] as const;
/**
 * SPEC §13 facts of A-to-z claims, summed like the order counters, for `order_defect_rate`:
 * `atoz_filed`, `atoz_granted` (granted against the seller: a defect), `atoz_reversed` (that ruling
 * reversed on appeal: the defect comes off).
 */
export const CLAIM_COUNTERS = ['atoz_filed', 'atoz_granted', 'atoz_reversed'] as const;
export const METRIC_COUNTERS = [...SUMMED_COUNTERS, ...SAMPLE_COUNTERS, ...TICKET_COUNTERS, ...SELLER_COUNTERS, ...CLAIM_COUNTERS] as const;
export type MetricCounter = (typeof METRIC_COUNTERS)[number];
export const isSummed = (c: MetricCounter): boolean => !(SAMPLE_COUNTERS as readonly string[]).includes(c);

/** SPEC §8.4 品质退款率: the reasons that count as a quality refund. */
export const QUALITY_REASONS: readonly Reason[] = ['quality_issue', 'not_as_described', 'damaged', 'counterfeit'];

export interface MetricFact {
  shopId: string;
  counter: MetricCounter;
  /**
   * What makes the fact unique: the event (`<order>#<seq>`, `@<case>` for a case's), or, for the facts a case has once
   * (its first refund, its first response), the case — the first one written wins.
   */
  ref: string;
  at: Instant;
  orderId: string;
  /** Milliseconds for durations (`refund_done`, `first_response`), the rating for `csat`, else 0. */
  value: number;
}

/** What the case facts need beyond the event: when each case was applied. */
export interface CaseFactContext {
  shopId: string;
  orderId: string;
  /** The order's sequence number of the event's first position (events get seq = base + i + 1). */
  baseSeq: number;
  actor: Actor;
  appliedAt(caseId: string): Instant | null;
  /** The type of a case applied in an earlier decision (SPEC §13 return metrics); null if unknown. */
  caseType?(caseId: string): CaseType | null;
}

/**
 * SPEC §13 return_dissatisfaction_rate: a return answered late (the seller's answer or refund
 * deadline acted for them) or rejected wrongly (the platform ruled for the buyer after it).
 */
function isReturnDissatisfaction(e: DomainEvent): boolean {
  if (e.type === 'CaseDeadlineExpired') return e.kind === 'merchant_response' || e.kind === 'refund_after_receipt';
  return e.type === 'CaseRuled' && e.outcome !== 'seller';
}

/** The merchant's own commands on a case that answer the buyer (SPEC §8.4 首次响应). */
function isMerchantResponse(e: DomainEvent, actor: Actor): boolean {
  if (!('caseId' in e) || e.type === 'CaseApplied') return false;
  return actor.role === 'merchant';
}

/** The expiry that acted for a silent merchant (SPEC §8.4: "or to the deadline that acted"). */
function isSilenceExpiry(e: DomainEvent): boolean {
  return e.type === 'CaseDeadlineExpired' && e.kind === 'merchant_response';
}

/** The facts of one decision's events on an order (case and order events). */
export function caseFactsOf(events: readonly DomainEvent[], ctx: CaseFactContext): MetricFact[] {
  const out: MetricFact[] = [];
  const { shopId, orderId } = ctx;
  const applied = new Map<string, Instant>();
  const types = new Map<string, CaseType>();
  const typeOf = (caseId: string) => types.get(caseId) ?? ctx.caseType?.(caseId) ?? null;
  const fact = (counter: MetricCounter, ref: string, at: Instant, value = 0) => out.push({ shopId, counter, ref, at, orderId, value });
  events.forEach((e, i) => {
    // The event, and the case it is on (the console links the cases behind a number).
    const ref = `${orderId}#${ctx.baseSeq + i + 1}${'caseId' in e ? `@${e.caseId}` : ''}`;
    switch (e.type) {
      case 'OrderPaid':
        return fact('paid', ref, e.at);
      case 'OrderCompleted':
        return fact('completed', ref, e.at);
      case 'OrderShipped':
        // SPEC §13 late_shipment_rate: shipped after the ship-by time the order was paid with.
        fact('shipped', ref, e.at);
        if (e.late) fact('shipped_late', ref, e.at);
        return;
      case 'CaseApplied':
        applied.set(e.caseId, e.at);
        types.set(e.caseId, e.caseType);
        if (e.caseType === 'return_refund') fact('return_applied', ref, e.at);
        // SPEC §13 cancel_rate: an order the seller could not fulfil (out of stock, before shipment).
        if (e.reason === 'out_of_stock' && e.phase === 'in_sale') fact('seller_cancelled', ref, e.at);
        if (e.phase === 'in_sale') fact('applied_in_sale', ref, e.at);
        if (QUALITY_REASONS.includes(e.reason)) fact('applied_quality', ref, e.at);
        return;
      case 'CaseEscalated':
        // SPEC §8.4: escalated by either side counts for 退款纠纷率 and is a platform intervention.
        fact('escalated', ref, e.at);
        return fact('intervention', ref, e.at);
      case 'RefundCompleted': {
        const from = applied.get(e.caseId) ?? ctx.appliedAt(e.caseId);
        if (from !== null) fact('refund_done', `case:${e.caseId}`, e.at, e.at - from);
        return;
      }
      default:
        break;
    }
    if ('caseId' in e && typeOf(e.caseId) === 'return_refund' && isReturnDissatisfaction(e)) fact('return_dissatisfied', `case:${e.caseId}`, e.at);
    if ('caseId' in e && (isMerchantResponse(e, ctx.actor) || isSilenceExpiry(e))) {
      const from = applied.get(e.caseId) ?? ctx.appliedAt(e.caseId);
      if (from !== null) fact('first_response', `case:${e.caseId}`, e.at, e.at - from);
    }
  });
  return out;
}

/** SPEC §8.4 介入率: a complaint filed is a platform intervention on its order. */
export function complaintFactsOf(events: readonly ComplaintEvent[], streamVersionBase: number): MetricFact[] {
  const out: MetricFact[] = [];
  events.forEach((e, i) => {
    if (e.type === 'ComplaintFiled') {
      out.push({ shopId: e.shopId, counter: 'intervention', ref: `complaint:${e.complaintId}#${streamVersionBase + i + 1}`, at: e.at, orderId: e.orderId, value: 0 });
    }
  });
  return out;
}

/**
 * SPEC §10.1 → §8.4: the facts of a ticket's events, each at its own instant. A ticket counts in
 * `ticket_breached` once, at its first breach (ref `ticket:<id>`, the first written wins, like a
 * case's first response); the opening and the rating are unique by their event (`ticket:<id>#<v>`).
 */
export function ticketFactsOf(shopId: string, orderId: string | null, events: readonly TicketEvent[], streamVersionBase: number): MetricFact[] {
  const out: MetricFact[] = [];
  events.forEach((e, i) => {
    const fact = (counter: MetricCounter, ref: string, value = 0) => out.push({ shopId, counter, ref, at: e.at, orderId: orderId ?? '', value });
    const ref = `ticket:${e.ticketId}#${streamVersionBase + i + 1}`;
    if (e.type === 'TicketOpened') fact('ticket_opened', ref);
    else if (e.type === 'TicketSlaBreached') fact('ticket_breached', `ticket:${e.ticketId}`);
    else if (e.type === 'TicketRated') fact('csat', ref, e.csat);
  });
  return out;
}

/** SPEC §13: the facts of an A-to-z claim's events (ref `claim:<id>#<v>`, unique by its event). */
export function claimFactsOf(events: readonly ClaimEvent[], shopId: string, orderId: string, streamVersionBase: number): MetricFact[] {
  const out: MetricFact[] = [];
  events.forEach((e, i) => {
    const fact = (counter: MetricCounter) => out.push({ shopId, counter, ref: `claim:${e.claimId}#${streamVersionBase + i + 1}`, at: e.at, orderId, value: 0 });
    if (e.type === 'ClaimFiled' && e.kind === 'atoz_claim') fact('atoz_filed');
    else if (e.type === 'ClaimRuled' && e.outcome === 'granted_against_seller') fact('atoz_granted');
    else if (e.type === 'ClaimAppealRuled' && e.outcome === 'upheld') fact('atoz_reversed');
  });
  return out;
}

/** A ref the store keeps once per shop and counter (`metric_once`): a case's or a ticket's, not an event's. */
export const isOnceRef = (ref: string): boolean => ref.startsWith('case:') || (ref.startsWith('ticket:') && !ref.includes('#'));
/** The same test in SQL, on a column `ref`. */
export const ONCE_REF_SQL = (col: string) => `(${col} LIKE 'case:%' OR (${col} LIKE 'ticket:%' AND strpos(${col}, '#') = 0))`;

/** What a fact's ref names: its case, complaint or ticket (the cases behind a number). */
export function subjectOf(ref: string): { case: string | null; complaint: string | null; ticket: string | null } {
  if (ref.startsWith('complaint:')) return { case: null, complaint: ref.slice('complaint:'.length).replace(/#\d+$/, ''), ticket: null };
  if (ref.startsWith('ticket:')) return { case: null, complaint: null, ticket: ref.slice('ticket:'.length).replace(/#\d+$/, '') };
  if (ref.startsWith('case:')) return { case: ref.slice('case:'.length), complaint: null, ticket: null };
  const at = ref.indexOf('@');
  return { case: at >= 0 ? ref.slice(at + 1) : null, complaint: null, ticket: null };
}

/**
 * Facts of a case that happen once (first refund, first response) are kept the first time only;
 * every other fact is unique by its event. Applied in order, as the store's unique key does.
 */
export function firstOfEach(facts: readonly MetricFact[]): MetricFact[] {
  const seen = new Set<string>();
  const out: MetricFact[] = [];
  for (const f of facts) {
    const key = `${f.shopId}\u0000${f.counter}\u0000${f.ref}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out;
}

/** One stored event of an order's history, as the recount reads it. */
export interface HistoryEvent {
  orderId: string;
  seq: number;
  event: DomainEvent;
  actor: Actor;
}

/** One stored event of a ticket's stream, as the recount reads it. */
export interface TicketHistoryEvent {
  event: TicketEvent;
  orderId: string | null;
  streamVersion: number;
}

/**
 * The pure recount's facts: a shop's order events replayed in each order's sequence (the facts
 * the transactions wrote, once each), its complaints' filings and its tickets' events.
 */
export function factsFromHistory(
  shopId: string,
  history: readonly HistoryEvent[],
  complaints: readonly { event: ComplaintEvent; streamVersion: number }[],
  tickets: readonly TicketHistoryEvent[] = [],
  claims: readonly { event: ClaimEvent; orderId: string; streamVersion: number }[] = [],
): MetricFact[] {
  const appliedAt = new Map<string, Instant>();
  const caseTypes = new Map<string, CaseType>();
  const out: MetricFact[] = [];
  for (const h of history) {
    if (h.event.type === 'CaseApplied') {
      appliedAt.set(h.event.caseId, h.event.at);
      caseTypes.set(h.event.caseId, h.event.caseType);
    }
    const ctx = { shopId, orderId: h.orderId, baseSeq: h.seq - 1, actor: h.actor, appliedAt: (id: string) => appliedAt.get(id) ?? null, caseType: (id: string) => caseTypes.get(id) ?? null };
    out.push(...caseFactsOf([h.event], ctx));
  }
  for (const c of complaints) out.push(...complaintFactsOf([c.event], c.streamVersion - 1));
  for (const t of tickets) out.push(...ticketFactsOf(shopId, t.orderId, [t.event], t.streamVersion - 1));
  for (const c of claims) out.push(...claimFactsOf([c.event], shopId, c.orderId, c.streamVersion - 1));
  return firstOfEach(out);
}
