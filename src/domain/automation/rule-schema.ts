// SPEC §10.2: a shop's automation rules are data — an ordered list of `when`/`then` objects —
// validated here (pure: the app hands the JSON in). `then` names only remedies the buyer asked for
// or better (`agree`, `returnless_refund`): a rule can never reject (SPEC §10.2).
import { z } from 'zod';
import { refuse, type Refusal } from '../errors.ts';
import { CASE_TYPES, ORDER_STATUSES, REASONS, type CaseType, type Fen, type OrderStatus, type Reason } from '../types.ts';

import { RISK_BANDS, RULE_ACTIONS, type RiskBand, type RuleAction } from './codes.ts';

export { RISK_BANDS, RULE_ACTIONS, type RiskBand, type RuleAction };

export interface RuleConditions {
  order_status?: OrderStatus[];
  type?: CaseType[];
  /** The claimed amount (goods + order shipping fee share), at most, in fen. */
  max_amount?: Fen;
  reasons?: Reason[];
  /** The buyer's band (SPEC §10.4) at most; absent: any band. */
  max_buyer_risk?: RiskBand;
}

export interface AutomationRule {
  id: string;
  /** What the timeline and the console call it (规则「小额极速退款」); defaults to the id. */
  name: string;
  /** A switched-off rule stays in the list, in its place, and never acts. */
  enabled: boolean;
  when: RuleConditions;
  then: RuleAction;
}

const nonEmpty = <T extends z.ZodType>(t: T) => z.array(t).min(1);

export const ruleSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, "-" or "_", at most 64'),
    name: z.string().trim().min(1).max(60).optional(),
    enabled: z.boolean().default(true),
    when: z
      .object({
        order_status: nonEmpty(z.enum(ORDER_STATUSES)).optional(),
        type: nonEmpty(z.enum(CASE_TYPES)).optional(),
        max_amount: z.number().int().min(0).optional(),
        reasons: nonEmpty(z.enum(REASONS)).optional(),
        max_buyer_risk: z.enum(RISK_BANDS).optional(),
      })
      .strict(),
    then: z.enum(RULE_ACTIONS, { message: `"then" is one of ${RULE_ACTIONS.join(', ')}: a rule never rejects (SPEC §10.2)` }),
  })
  .strict();

export const rulesSchema = z.array(ruleSchema).max(50).superRefine((rules, ctx) => {
  const seen = new Set<string>();
  rules.forEach((r, i) => {
    if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `rule id "${r.id}" is used twice` });
    seen.add(r.id);
  });
});

/** Parses a rule list (JSON as sent), or a `validation` refusal naming the first bad field. */
export function parseRules(json: unknown): AutomationRule[] | Refusal {
  const r = rulesSchema.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0]!;
    const path = ['rules', ...i.path].join('.');
    return refuse('validation', 'automation_rules', `自动化规则有误: ${path}: ${i.message}`, `invalid automation rule: ${path}: ${i.message}`, { field: path });
  }
  return r.data.map((x) => ({ id: x.id, name: x.name ?? x.id, enabled: x.enabled, when: x.when as RuleConditions, then: x.then }));
}

/** A rule back as the JSON a shop stores and the API returns (the schema's own shape). */
export const ruleJson = (r: AutomationRule) => ({ id: r.id, name: r.name, enabled: r.enabled, when: r.when, then: r.then });

export const bandRank = (b: RiskBand): number => RISK_BANDS.indexOf(b);
