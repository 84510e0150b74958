// A backtest of proposed automation rules (SPEC §10.2, issue 14): each case of a period is taken
// at the instant it was applied for, and the decider's own automation step is asked what the
// proposed rules would have done then. Nothing is written: the outcome is compared with what the
// merchant actually did (how long the first answer took, whether it rejected and won).
import type { Instant } from '../types.ts';
import { Draft } from '../draft.ts';
import type { DomainEvent } from '../events.ts';
import { evolve } from '../evolve.ts';
import type { Policy } from '../policy.ts';
import { emptyContext, type OrderContext } from '../state.ts';
import { automate, type AutomationInputs } from './automate.ts';
import type { RiskBand } from './rule-schema.ts';


export interface CaseReplay {
  caseId: string;
  appliedAt: Instant;
  amount: number;
  /** The rule that would have acted, and how. */
  rule: { id: string; name: string; action: string } | null;
  /** Hours from the application to the merchant's first answer (agree, reject, offer), or the system's auto-agree; null when none yet. */
  firstResponseHours: number | null;
  rejected: boolean;
  /** The case ended closed with nothing refunded: the merchant's rejection held. */
  merchantWon: boolean;
}

export interface BacktestInputs {
  since: Instant;
  until: Instant;
  policyAt: (at: Instant) => Policy | null;
  bandOf: (buyerId: string) => RiskBand;
  inputs: Omit<AutomationInputs, 'buyerBand'>;
}

const HOUR = 3_600_000;

/**
 * The merchant's first answer: its agree, reject or offer, or the system's agree when the merchant
 * let the deadline pass (`MerchantAgreed.by` says which; the others only a merchant sends).
 */
const isFirstAnswer = (e: DomainEvent): boolean => e.type === 'CaseRejected' || e.type === 'OfferMade' || (e.type === 'MerchantAgreed' && !e.rule);

/** Replays one order's events; a replay for each of its cases applied in the period. */
export function replayOrder(events: readonly DomainEvent[], b: BacktestInputs): CaseReplay[] {
  let ctx: OrderContext = emptyContext();
  const out = new Map<string, CaseReplay>();
  for (const e of events) {
    ctx = evolve(ctx, e);
    if (!('caseId' in e)) continue;
    const r = out.get(e.caseId);
    if (e.type === 'CaseApplied' && e.at >= b.since && e.at <= b.until) {
      const policy = b.policyAt(e.at);
      let rule: CaseReplay['rule'] = null;
      if (policy) {
        const d = new Draft(ctx, policy, e.at);
        automate(d, e.caseId, { ...b.inputs, buyerBand: b.bandOf(e.buyerId) });
        const agreed = d.events.find((x) => x.type === 'MerchantAgreed');
        if (agreed?.type === 'MerchantAgreed' && agreed.rule) rule = { id: agreed.rule.id, name: agreed.rule.name, action: agreed.rule.action };
      }
      out.set(e.caseId, { caseId: e.caseId, appliedAt: e.at, amount: e.amount, rule, firstResponseHours: null, rejected: false, merchantWon: false });
      continue;
    }
    if (!r) continue;
    if (r.firstResponseHours === null && isFirstAnswer(e)) {
      r.firstResponseHours = (e.at - r.appliedAt) / HOUR;
    }
    if (e.type === 'CaseRejected' || e.type === 'ReturnRefused') r.rejected = true;
  }
  for (const r of out.values()) {
    const c = ctx.cases[r.caseId];
    r.merchantWon = r.rejected && c?.status === 'closed' && c.refunded === 0;
  }
  return [...out.values()];
}

export interface BacktestReport {
  cases: number;
  automated: number;
  by_rule: { rule: string; name: string; cases: number; amount: number }[];
  /** Money the rules would have refunded at once, and the part of it without taking the goods back (fen). */
  refunded: number;
  refunded_without_return: number;
  /** Sum of the merchant's first-response times on the cases the rules would have answered at once. */
  merchant_hours_saved: number;
  /** Cases a rule would have refunded that the merchant rejected and won: what the rule would have given away. */
  rejected_and_won: { cases: number; amount: number; examples: string[] };
}

export function summarize(replays: readonly CaseReplay[]): BacktestReport {
  const by = new Map<string, { rule: string; name: string; cases: number; amount: number }>();
  const report: BacktestReport = { cases: replays.length, automated: 0, by_rule: [], refunded: 0, refunded_without_return: 0, merchant_hours_saved: 0, rejected_and_won: { cases: 0, amount: 0, examples: [] } };
  for (const r of replays) {
    if (!r.rule) continue;
    report.automated++;
    const row = by.get(r.rule.id) ?? { rule: r.rule.id, name: r.rule.name, cases: 0, amount: 0 };
    row.cases++;
    row.amount += r.amount;
    by.set(r.rule.id, row);
    report.refunded += r.amount;
    if (r.rule.action === 'returnless_refund') report.refunded_without_return += r.amount;
    report.merchant_hours_saved += r.firstResponseHours ?? 0;
    if (r.merchantWon) {
      report.rejected_and_won.cases++;
      report.rejected_and_won.amount += r.amount;
      if (report.rejected_and_won.examples.length < 20) report.rejected_and_won.examples.push(r.caseId);
    }
  }
  report.by_rule = [...by.values()];
  report.merchant_hours_saved = Math.round(report.merchant_hours_saved * 10) / 10;
  return report;
}
