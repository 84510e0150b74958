// What the engine does for automation and buyer risk inside a command's transaction: before an
// `apply` or `modify`, load the inputs the decider needs (the shop's rules, the buyer's band);
// after any case decision, record the risk signals its events gave (SPEC §10.4: kept current with
// the events that change them, no nightly job).
import { DEFAULT_RETURN_SHIPPING_ESTIMATE, type AutomationInputs } from '../../domain/automation/automate.ts';
import { caseSignals, riskScore, RISK_WINDOW_DAYS, type RiskScore } from '../../domain/automation/risk.ts';
import { parseRules, type AutomationRule } from '../../domain/automation/rule-schema.ts';
import type { DomainEvent } from '../../domain/events.ts';
import type { OrderContext } from '../../domain/state.ts';
import type { Instant } from '../../domain/types.ts';
import { automationAndSignals, signalCounts, type SignalInsert } from '../../store/automation.ts';
import type { Sql } from '../../store/db.ts';

const DAY = 86_400_000;

/** A buyer's score now, from the signals of the last 90 days across the platform. */
export async function buyerRiskAt(sql: Sql, buyerId: string, at: Instant): Promise<RiskScore> {
  return riskScore(await signalCounts(sql, buyerId, at - RISK_WINDOW_DAYS * DAY, at));
}

/** Stored rules parse as they were accepted; a row that no longer does acts as no rules. */
export function storedRules(json: unknown[]): AutomationRule[] {
  const parsed = parseRules(json);
  return Array.isArray(parsed) ? parsed : [];
}

/** The decider's automation inputs for a case command on a shop's order by this buyer. */
export async function automationInputs(sql: Sql, shopId: string, buyerId: string, at: Instant, returnAddress: string | null): Promise<AutomationInputs> {
  const { automation: row, counts } = await automationAndSignals(sql, shopId, buyerId, at - RISK_WINDOW_DAYS * DAY, at);
  return {
    rules: storedRules(row.rules),
    buyerBand: riskScore(counts).band,
    returnShippingEstimate: row.returnShippingEstimate ?? DEFAULT_RETURN_SHIPPING_ESTIMATE,
    returnlessThreshold: row.returnlessThreshold,
    returnAddress,
  };
}

/** The risk signals of a decision (none for most commands), written with its events (src/store/append.ts). */
export function caseSignalRows(shopId: string, events: readonly DomainEvent[], next: OrderContext, timeZone: string): SignalInsert[] {
  return caseSignals(events, next, timeZone).map((r) => ({ ...r, shopId }));
}
