// What the API answers about automation and buyer risk (SPEC §10.2-§10.4): a shop's rules and SOP
// tiers, a backtest of proposed rules, a case's resolution suggestions, a buyer's risk.
import { z } from 'zod';
import { RISK_BANDS, RISK_SIGNALS, RULE_ACTIONS } from '../domain/automation/codes.ts';
import { CASE_STATUSES, CASE_TYPES, ORDER_STATUSES, REASONS } from './enums.ts';
import { Fen } from './primitives.ts';

export { RISK_BANDS, RISK_SIGNALS, RULE_ACTIONS };

export const AutomationRule = z.strictObject({
  id: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  when: z.strictObject({
    order_status: z.array(z.enum(ORDER_STATUSES)).optional(),
    type: z.array(z.enum(CASE_TYPES)).optional(),
    max_amount: Fen.optional(),
    reasons: z.array(z.enum(REASONS)).optional(),
    max_buyer_risk: z.enum(RISK_BANDS).optional(),
  }),
  then: z.enum(RULE_ACTIONS),
});
export type AutomationRule = z.infer<typeof AutomationRule>;

export const SopTier = z.strictObject({ reasons: z.array(z.enum(REASONS)), max_pct: z.number().int() });

/** GET/PUT /v1/shops/:shop/rules. */
export const AutomationSettings = z.strictObject({
  rules: z.array(AutomationRule),
  return_shipping_estimate: Fen,
  returnless_threshold: Fen.nullable(),
  sop_tiers: z.array(SopTier),
  version: z.number().int(),
});
export type AutomationSettings = z.infer<typeof AutomationSettings>;

/** POST /v1/shops/:shop/rules/backtest. */
export const BacktestReport = z.strictObject({
  shop: z.string(),
  days: z.number().int(),
  from: z.number().int(),
  to: z.number().int(),
  rules: z.array(AutomationRule),
  cases: z.number().int(),
  automated: z.number().int(),
  by_rule: z.array(z.strictObject({ rule: z.string(), name: z.string(), cases: z.number().int(), amount: Fen })),
  refunded: Fen,
  refunded_without_return: Fen,
  merchant_hours_saved: z.number(),
  rejected_and_won: z.strictObject({ cases: z.number().int(), amount: Fen, examples: z.array(z.string()) }),
});
export type BacktestReport = z.infer<typeof BacktestReport>;

export const MerchantCost = z.strictObject({ refund: Fen, shipping: Fen, resale_loss: Fen, compensation: Fen, goods_back: Fen, total: Fen });
export const Suggestion = z.strictObject({
  remedy: z.enum(['agree', 'returnless_refund', 'sop_partial_refund', 'exchange', 'reship']),
  offer: z.strictObject({ type: z.enum(CASE_TYPES), amount: Fen }).nullable(),
  cost: MerchantCost,
  keeps_goods: z.boolean(),
  granted_by_rule: z.string().nullable(),
  pct: z.number().int().optional(),
});
export type Suggestion = z.infer<typeof Suggestion>;

/** GET /v1/cases/:case/suggestions. */
export const CaseSuggestions = z.strictObject({
  case: z.string(),
  status: z.enum(CASE_STATUSES),
  buyer_band: z.enum(RISK_BANDS),
  suggestions: z.array(Suggestion),
  rules_would_grant: Suggestion.nullable(),
});
export type CaseSuggestions = z.infer<typeof CaseSuggestions>;

const Counts = z.strictObject(Object.fromEntries(RISK_SIGNALS.map((s) => [s, z.number().int()])) as Record<(typeof RISK_SIGNALS)[number], z.ZodNumber>);
export const RiskFactor = z.strictObject({ signal: z.enum(RISK_SIGNALS), count: z.number().int(), points: z.number().int() });

/** GET /v1/buyers/:buyer/risk: `by_shop` for the platform only. */
export const BuyerRisk = z.strictObject({
  buyer: z.string(),
  window_days: z.number().int(),
  score: z.number().int(),
  band: z.enum(RISK_BANDS),
  counts: Counts,
  factors: z.array(RiskFactor),
  by_shop: z.array(z.strictObject({ shop: z.string(), counts: z.record(z.string(), z.number().int()) })).optional(),
});
export type BuyerRisk = z.infer<typeof BuyerRisk>;

/** GET /v1/buyers/risky: the platform's high-risk buyers. */
export const RiskyBuyers = z.strictObject({
  data: z.array(z.strictObject({ buyer: z.string(), score: z.number().int(), band: z.enum(RISK_BANDS), factors: z.array(RiskFactor) })),
});
export type RiskyBuyers = z.infer<typeof RiskyBuyers>;
