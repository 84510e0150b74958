// SPEC §10.2: when a case is applied or modified, the shop's rules are checked in order and the
// first that matches acts at once as `system`, naming itself in the event; failing them, the
// platform's `instant_refund` (极速退款, a pack parameter). Pure: the rules, the buyer's risk band
// and the shop's return-shipping estimate are inputs of the decision, like the policy and `now`.
import { agreedStatus } from '../case-decide.ts';
import { tableRefusal } from '../case/command-table.ts';
import type { Draft } from '../draft.ts';
import type { Policy } from '../policy.ts';
import type { CaseState, OrderState } from '../state.ts';
import type { Fen } from '../types.ts';
import { bandRank, type AutomationRule, type RiskBand, type RuleAction } from './rule-schema.ts';

/** SPEC §10.2: the return shipping a shop expects to pay when it sets none (13 yuan, seed 004). */
export const DEFAULT_RETURN_SHIPPING_ESTIMATE: Fen = 1300;

export interface AutomationInputs {
  /** The shop's rules, in order (switched-off ones included: they never act). */
  rules: readonly AutomationRule[];
  /** The buyer's risk band now (SPEC §10.4). */
  buyerBand: RiskBand;
  /** One leg of shipping, as the shop estimates it (fen). */
  returnShippingEstimate: Fen;
  /** FORMAT.md `returnless_threshold`: when set, a returnless refund is never granted above it (fen). */
  returnlessThreshold: Fen | null;
  /** Where goods go back when a rule agrees to a return (the shop's default address). */
  returnAddress: string | null;
}

/** Who acted: a shop's rule, or the platform's instant refund. Carried by the event (`automated_by`). */
export interface AutomatedBy {
  id: string;
  name: string;
  source: 'shop' | 'platform';
  action: RuleAction | 'instant_refund';
}

export const INSTANT_REFUND_RULE = { id: 'instant_refund', name: '极速退款' } as const;

export type RuleMiss = 'disabled' | 'order_status' | 'type' | 'max_amount' | 'reasons' | 'max_buyer_risk' | 'returnless_cost' | 'returnless_risk' | 'returnless_threshold';

/**
 * SPEC §10.2 仅退款不退货: what taking the goods back would cost the merchant — one leg of return
 * shipping, plus for a merchant-liable reason the outbound leg again (the merchant pays both, §5).
 */
export function returnCost(c: Pick<CaseState, 'liability'>, estimate: Fen): Fen {
  return c.liability === 'merchant' ? 2 * estimate : estimate;
}

/** Whether the return's cost reaches `returnless_share` % of the claim (integer fen, no rounding). */
export function returnCostsEnough(c: Pick<CaseState, 'liability' | 'amount'>, estimate: Fen, sharePct: number): boolean {
  return returnCost(c, estimate) * 100 >= sharePct * c.amount;
}

/** Why a rule does not act on this case (the first condition it misses), or null when it does. */
export function ruleMiss(rule: AutomationRule, c: CaseState, o: OrderState, policy: Policy, inputs: AutomationInputs): RuleMiss | null {
  const w = rule.when;
  if (!rule.enabled) return 'disabled';
  if (w.order_status && !w.order_status.includes(o.status)) return 'order_status';
  if (w.type && !w.type.includes(c.type)) return 'type';
  if (w.max_amount !== undefined && c.amount > w.max_amount) return 'max_amount';
  if (w.reasons && !w.reasons.includes(c.reason)) return 'reasons';
  if (w.max_buyer_risk && bandRank(inputs.buyerBand) > bandRank(w.max_buyer_risk)) return 'max_buyer_risk';
  if (rule.then === 'returnless_refund') {
    // Only a claim that sends goods back has a return to spare the merchant.
    if (c.type !== 'return_refund') return 'type';
    if (bandRank(inputs.buyerBand) > bandRank(policy.params.returnless_max_risk)) return 'returnless_risk';
    if (inputs.returnlessThreshold !== null && c.amount > inputs.returnlessThreshold) return 'returnless_threshold';
    if (!returnCostsEnough(c, inputs.returnShippingEstimate, policy.params.returnless_share)) return 'returnless_cost';
  }
  return null;
}

/** The platform's 极速退款: a low-risk buyer, refund only, an unshipped order, at most `instant_refund_max`. */
export function instantRefundApplies(c: CaseState, o: OrderState, policy: Policy, band: RiskBand): boolean {
  const max = policy.params.instant_refund_max;
  return max !== null && band === 'low' && c.type === 'refund_only' && o.shippedAt === null && c.amount <= max;
}

/** The rule that acts on the case now, if any (SPEC §10.2: the first match; never a counterfeit claim). */
export function matchingRule(c: CaseState, o: OrderState, policy: Policy, inputs: AutomationInputs): AutomatedBy | null {
  if (c.reason === 'counterfeit' || c.status !== 'requested') return null;
  for (const r of inputs.rules) {
    if (ruleMiss(r, c, o, policy, inputs) === null) return { id: r.id, name: r.name, source: 'shop', action: r.then };
  }
  if (instantRefundApplies(c, o, policy, inputs.buyerBand)) return { ...INSTANT_REFUND_RULE, source: 'platform', action: 'instant_refund' };
  return null;
}

/**
 * Lets the rules act on a case just applied for or modified. The rule agrees as the merchant would
 * (the command table must allow `agree` now), so a refund-only case is refunded at once; a
 * returnless refund turns the claim into refund only for the same lines and amount.
 */
export function automate(d: Draft, caseId: string, inputs: AutomationInputs | undefined): void {
  if (!inputs) return;
  const c = d.caseOf(caseId);
  if (tableRefusal('agree', c, 'merchant', d.policy, d.now)) return;
  const rule = matchingRule(c, d.order, d.policy, inputs);
  if (!rule) return;
  const caseType = rule.action === 'returnless_refund' ? 'refund_only' : c.type;
  const to = agreedStatus(caseType);
  d.move({
    type: 'MerchantAgreed',
    at: d.now,
    caseId,
    by: 'system',
    returnAddress: to === 'awaiting_return' ? inputs.returnAddress : null,
    rule,
    ...(caseType !== c.type ? { caseType } : {}),
    to,
  });
}
