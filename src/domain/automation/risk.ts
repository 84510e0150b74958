// SPEC §10.4 buyer risk: the signals a buyer's cases give off across the whole platform over the
// last 90 days, a score 0–100 with the factors that make it, and a band. Pure: the store keeps one
// row per signal (written in the transaction of the event that gives it), the app counts the rows
// of the window and hands the counts here. Why these weights: docs/decisions.md "Automation and
// buyer risk".
import { signInstant } from '../eligibility.ts';
import type { DomainEvent } from '../events.ts';
import type { OrderContext } from '../state.ts';
import type { Instant } from '../types.ts';
import type { RiskBand } from './codes.ts';

import { RISK_SIGNALS, type RiskSignal } from './codes.ts';

export { RISK_SIGNALS, type RiskSignal };
export type SignalCounts = Record<RiskSignal, number>;

/** SPEC §10.4: signals count over the last 90 days. */
export const RISK_WINDOW_DAYS = 90;

/**
 * Points per signal beyond a free allowance. Ordinary buyers apply now and then and get refunds:
 * the first few cost nothing. Signals that only abuse gives (a parcel signed for yet "not
 * received", returns a merchant refused and the platform upheld, 运费险 arbitrage) count from
 * the first. Each weight is ≥ 0, so more of any signal never lowers the score.
 */
export const RISK_WEIGHTS: Record<RiskSignal, { free: number; points: number }> = {
  cases_applied: { free: 3, points: 2 },
  cases_refunded: { free: 2, points: 3 },
  returns_refused: { free: 0, points: 15 },
  not_received_on_signed: { free: 0, points: 20 },
  insured_quick_returns: { free: 0, points: 10 },
  complaints_dismissed: { free: 0, points: 10 },
  offers_declined: { free: 1, points: 4 },
};

export interface RiskFactor {
  signal: RiskSignal;
  count: number;
  points: number;
}
export interface RiskScore {
  score: number;
  band: RiskBand;
  counts: SignalCounts;
  /** The signals that add points, largest first. */
  factors: RiskFactor[];
}

export const noSignals = (): SignalCounts => Object.fromEntries(RISK_SIGNALS.map((s) => [s, 0])) as SignalCounts;

/** SPEC §10.4 bands: low < 30, medium 30–69, high ≥ 70. */
export function bandOf(score: number): RiskBand {
  return score >= 70 ? 'high' : score >= 30 ? 'medium' : 'low';
}

export function riskScore(counts: Partial<SignalCounts>): RiskScore {
  const full = { ...noSignals(), ...counts };
  const factors: RiskFactor[] = [];
  let total = 0;
  for (const s of RISK_SIGNALS) {
    const w = RISK_WEIGHTS[s];
    const points = Math.max(0, full[s] - w.free) * w.points;
    total += points;
    if (points > 0) factors.push({ signal: s, count: full[s], points });
  }
  factors.sort((a, b) => b.points - a.points);
  const score = Math.min(100, total);
  return { score, band: bandOf(score), counts: full, factors };
}

/** One signal a decision gave: the buyer, what, on which case, when. */
export interface SignalRow {
  buyerId: string;
  signal: RiskSignal;
  /** The case (or complaint) it came from: a case gives each signal once. */
  subject: string;
  at: Instant;
}

const DAY = 86_400_000;

/** A rule complaint the platform dismissed gives `complaints_dismissed` to the buyer who filed it. */
export function complaintSignals(events: readonly { type: string; at: Instant; outcome?: string }[], complaint: { id: string; buyerId: string }): SignalRow[] {
  return events
    .filter((e) => e.type === 'ComplaintRuled' && e.outcome === 'dismissed')
    .map((e) => ({ buyerId: complaint.buyerId, signal: 'complaints_dismissed' as const, subject: `complaint:${complaint.id}`, at: e.at }));
}

/**
 * The signals a case decision gives, from its events and the state after them (the order's sign
 * time, the case's refused return). Each counts once per case.
 */
export function caseSignals(events: readonly DomainEvent[], next: OrderContext, timeZone: string): SignalRow[] {
  const rows: SignalRow[] = [];
  const o = next.order;
  for (const e of events) {
    if (!('caseId' in e)) continue;
    const c = next.cases[e.caseId];
    if (!c || !o) continue;
    const row = (signal: RiskSignal) => rows.push({ buyerId: c.buyerId, signal, subject: c.id, at: e.at });
    switch (e.type) {
      case 'CaseApplied': {
        row('cases_applied');
        const signed = signInstant(o, timeZone);
        if (e.reason === 'not_received' && signed !== null) row('not_received_on_signed');
        // 运费险 arbitrage: an insured order sent back within a day of signing.
        if (e.caseType === 'return_refund' && o.shippingInsurance > 0 && signed !== null && e.at - signed < DAY) row('insured_quick_returns');
        break;
      }
      case 'RefundCompleted':
        row('cases_refunded');
        break;
      case 'OfferDeclined':
        row('offers_declined');
        break;
      case 'CaseRuled':
      case 'CaseClosed':
        // A return the merchant refused that stayed refused: the platform ruled for the seller,
        // or the buyer let it go.
        if (c.status === 'closed' && c.returnRefused) row('returns_refused');
        break;
      default:
        break;
    }
  }
  return rows;
}
