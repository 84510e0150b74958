// The codes of automation and buyer risk (SPEC §10.2, §10.4), in a file of their own so the API
// contract and the console take them without the rest of the domain.
export const RISK_BANDS = ['low', 'medium', 'high'] as const;
export type RiskBand = (typeof RISK_BANDS)[number];
export const RULE_ACTIONS = ['agree', 'returnless_refund'] as const;
export type RuleAction = (typeof RULE_ACTIONS)[number];
export const RISK_SIGNALS = [
  'cases_applied',
  'cases_refunded',
  'returns_refused',
  'not_received_on_signed',
  'insured_quick_returns',
  'complaints_dismissed',
  'offers_declined',
] as const;
export type RiskSignal = (typeof RISK_SIGNALS)[number];
