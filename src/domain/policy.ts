// SPEC §9: policy packs are data. This module holds the parameter model, the resolution of the
// version in force at an instant, and the rules for shop overrides and generosity checks.
import type { HolidayCalendar } from './calendar.ts';
import type { ComplaintPointsTable } from './complaint/types.ts';
import type { TicketKind } from './ticket/types.ts';
import { formatDuration, parseDuration, type CalendarContext, type Duration } from './duration.ts';
import { refuse, type Refusal } from './errors.ts';
import type { Currency, Fen, Instant } from './types.ts';

export interface CompensationFormula {
  /** Percent of the paid amount of the affected lines. */
  rate_pct: number;
  min: Fen;
  max: Fen;
}

export interface PolicyParams {
  ship_within: Duration;
  unpaid_close_after: Duration;
  merchant_response_unshipped: Duration;
  merchant_response_shipped: Duration;
  merchant_response_shipped_virtual: Duration;
  offer_reply: Duration;
  buyer_after_reject: Duration;
  buyer_return_shipment: Duration;
  merchant_receipt: Duration;
  merchant_reship: Duration;
  buyer_confirm: Duration;
  escalation_after: Duration;
  evidence: Duration;
  no_reason_days: number;
  no_reason_start: 'next_day' | 'sign_time';
  /** SPEC §9 Precisions: a 7-day no-reason claim may ask for an exchange (seed 004 七天无理由退换货). */
  no_reason_exchange: boolean;
  exchange_days: number;
  after_sale_days: number;
  counterfeit_claim_days: number;
  warranty_days: number;
  category_warranty_days: Record<string, number>;
  order_auto_confirm: Duration;
  auto_confirm_extension: Duration;
  auto_confirm_resume_min: Duration;
  late_shipment_compensation: CompensationFormula | null;
  out_of_stock_compensation: CompensationFormula | null;
  counterfeit_multiplier: number;
  counterfeit_min: Fen;
  /** null: no cap on the return shipping the merchant reimburses. */
  return_shipping_cap: Fen | null;
  restocking_fee_max_pct: number;
  deduct_lost_shipping: boolean;
  max_applications_per_line: number;
  refund_execution: Duration;
  reminder_before: Duration;
  business_hours: { open: string; close: string };
  /** SPEC §8.1: days from the order's placed_at in which a buyer may file a rule complaint. */
  complaint_days: number;
  /** SPEC §8.1: the merchant's time to answer a complaint. */
  complaint_response: Duration;
  /** SPEC §8.1: the platform's time to rule once a complaint is under review. */
  complaint_review: Duration;
  /** SPEC §8.1: days from the ruling in which the merchant may appeal once. */
  appeal_days: number;
  /** SPEC §8.1 table: points of an upheld complaint by kind and sub-kind. */
  complaint_points: ComplaintPointsTable;
  /** SPEC §8.2: points a year at which a sanction applies, ascending. */
  sanction_thresholds: SanctionThreshold[];
  /** SPEC §8.3: the deposit a shop must hold, by its main category (fen). */
  deposit_required: DepositRequirement;
  /** SPEC §8.3: time to top a short deposit up before the shop is restricted. */
  deposit_topup_within: Duration;
  /** SPEC §10.2: 仅退款不退货 acts when the return costs the merchant at least this % of the claim. */
  returnless_share: number;
  /** SPEC §10.2: the platform's 极速退款 for low-risk buyers on unshipped orders, up to this (null: none). */
  instant_refund_max: Fen | null;
  /** SPEC §10.2/§10.4: the highest buyer risk band a returnless refund is granted to. */
  returnless_max_risk: 'low' | 'medium' | 'high';
  /** SPEC §10.3: the resale value a returned item loses, % by category (default 30 %). */
  resale_loss_pct: { default: number; by_category: Record<string, number> };
  /** SPEC §8.4: days of the rolling window the shop metrics are counted over. */
  metrics_window: number;
  /** SPEC §8.4: orders paid in the window a shop needs to count in its category's average. */
  metrics_min_orders: number;
  /** SPEC §8.5: the governance cycle's period (Pinduoduo: 7 d from Monday 00:00), or none. */
  governance_period: GovernancePeriod | null;
  /** SPEC §10.1: the merchant's first answer to a ticket, per ticket kind. */
  ticket_first_response: Record<TicketKind, Duration>;
  /** SPEC §10.1: the time to resolve a ticket (7 working days). */
  ticket_resolution: Duration;
  /** SPEC §10.1: days after a resolution in which the buyer may reopen or rate. */
  ticket_reopen_days: number;
  // SPEC §13 (pack `amazon-us`). null / false in the Chinese packs: their windows and flow apply.
  /** SPEC §13: days from delivery in which a return may be applied for (null: the §4 windows). */
  return_window: number | null;
  /** SPEC §13: items delivered from `from` to `to` (MM-DD) may be returned until `until` (MM-DD, next year). */
  holiday_return_until: HolidayReturnWindow | null;
  /** SPEC §13: the platform authorizes a return in the window at once, with a prepaid label. */
  platform_authorized_returns: boolean;
  /** SPEC §13: the seller's time to refund once the return is delivered to them (null: §4 flow). */
  refund_after_receipt: Duration | null;
  /** SPEC §13: a line priced at or under this is refunded without a return (null: none). */
  returnless_threshold: Fen | null;
  /** SPEC §13: the A-to-z Guarantee claim's periods (null: no such claim on this marketplace). */
  atoz_claim: AtozClaimParams | null;
  /** SPEC §13: days from the refund in which a seller may file a SAFE-T claim (null: none). */
  safet_claim_days: number | null;
  /** SPEC §13: seller performance targets (null: §8.4 metrics only). */
  seller_performance: SellerPerformanceTargets | null;
}

/** SPEC §13: the holiday return window, as month-days in the platform time zone. */
export interface HolidayReturnWindow {
  from: string;
  to: string;
  until: string;
}

/** SPEC §13 A-to-z Guarantee periods. */
export interface AtozClaimParams {
  /** Days after the latest delivery date before a claim may be filed. */
  opens_after_days: number;
  /** Or this long after a rejected or unanswered return. */
  after_return_issue: Duration;
  /** Days after the latest delivery date until which a claim may be filed. */
  window_days: number;
  /** The seller's time to respond before the platform rules. */
  seller_response: Duration;
  /** Days from the ruling in which the seller may appeal once. */
  appeal_days: number;
}

export const SELLER_METRICS = ['order_defect_rate', 'return_dissatisfaction_rate', 'late_shipment_rate', 'cancel_rate'] as const;
export type SellerMetric = (typeof SELLER_METRICS)[number];
/** SPEC §13: each metric's ceiling (percent, the shop must stay under it) and its rolling window. */
export type SellerPerformanceTargets = Record<SellerMetric, { max_pct: number; window_days: number }>;

/** SPEC §8.2: a restriction for whole days from the crossing, or a closure until reopened. */
export type SanctionThreshold = { points: number; sanction: 'restriction'; days: number } | { points: number; sanction: 'closure' };

/** SPEC §8.3: `default` for categories the table does not name. */
export interface DepositRequirement {
  default: Fen;
  by_category: Record<string, Fen>;
}
export type ParamName = keyof PolicyParams;
export type { GovernancePeriod } from './metrics/period.ts';
import type { GovernancePeriod } from './metrics/period.ts';

/** How a parameter relates to the buyer: which way an override may move it. */
type Direction =
  | 'longer_for_buyer' // a buyer's window or deadline: longer is more generous
  | 'shorter_for_buyer' // a merchant's deadline: shorter is more generous
  | 'higher_for_buyer'
  | 'lower_for_buyer'
  | 'platform_only'; // not a shop's to change

export const PARAM_DIRECTION: Record<ParamName, Direction> = {
  ship_within: 'shorter_for_buyer',
  unpaid_close_after: 'platform_only',
  merchant_response_unshipped: 'shorter_for_buyer',
  merchant_response_shipped: 'shorter_for_buyer',
  merchant_response_shipped_virtual: 'shorter_for_buyer',
  offer_reply: 'longer_for_buyer',
  buyer_after_reject: 'longer_for_buyer',
  buyer_return_shipment: 'longer_for_buyer',
  merchant_receipt: 'shorter_for_buyer',
  merchant_reship: 'shorter_for_buyer',
  buyer_confirm: 'longer_for_buyer',
  escalation_after: 'shorter_for_buyer',
  evidence: 'platform_only',
  no_reason_days: 'longer_for_buyer',
  no_reason_start: 'longer_for_buyer',
  no_reason_exchange: 'higher_for_buyer',
  exchange_days: 'longer_for_buyer',
  after_sale_days: 'longer_for_buyer',
  counterfeit_claim_days: 'longer_for_buyer',
  warranty_days: 'longer_for_buyer',
  category_warranty_days: 'longer_for_buyer',
  order_auto_confirm: 'longer_for_buyer',
  auto_confirm_extension: 'longer_for_buyer',
  auto_confirm_resume_min: 'longer_for_buyer',
  late_shipment_compensation: 'higher_for_buyer',
  out_of_stock_compensation: 'higher_for_buyer',
  counterfeit_multiplier: 'higher_for_buyer',
  counterfeit_min: 'higher_for_buyer',
  return_shipping_cap: 'higher_for_buyer',
  restocking_fee_max_pct: 'lower_for_buyer',
  deduct_lost_shipping: 'lower_for_buyer',
  max_applications_per_line: 'higher_for_buyer',
  refund_execution: 'shorter_for_buyer',
  reminder_before: 'platform_only',
  business_hours: 'platform_only',
  // Governance (SPEC §8): only the buyer's window and the merchant's answer time have a buyer
  // direction; the rest is how the platform judges and sanctions the shop, not the shop's to set.
  complaint_days: 'longer_for_buyer',
  complaint_response: 'shorter_for_buyer',
  complaint_review: 'platform_only',
  appeal_days: 'platform_only',
  complaint_points: 'platform_only',
  sanction_thresholds: 'platform_only',
  deposit_required: 'platform_only',
  deposit_topup_within: 'platform_only',
  returnless_share: 'platform_only',
  instant_refund_max: 'platform_only',
  returnless_max_risk: 'platform_only',
  resale_loss_pct: 'platform_only',
  // SPEC §8.4–§8.5: how the platform measures and judges shops.
  metrics_window: 'platform_only',
  metrics_min_orders: 'platform_only',
  governance_period: 'platform_only',
  // SPEC §10.1: the first-response table is the platform's service standard (per kind, not a
  // single value a shop could move); resolution and the reopen window have a buyer direction.
  ticket_first_response: 'platform_only',
  ticket_resolution: 'shorter_for_buyer',
  ticket_reopen_days: 'longer_for_buyer',
  // SPEC §13: a seller may give a longer window or a higher returnless threshold; the rest is the
  // marketplace's flow and how it judges sellers.
  return_window: 'longer_for_buyer',
  holiday_return_until: 'platform_only',
  platform_authorized_returns: 'platform_only',
  refund_after_receipt: 'platform_only',
  returnless_threshold: 'higher_for_buyer',
  atoz_claim: 'platform_only',
  safet_claim_days: 'platform_only',
  seller_performance: 'platform_only',
};
export const PARAM_NAMES = Object.keys(PARAM_DIRECTION) as ParamName[];

/** A policy in force: a pack version, the shop's overrides, the calendar to count with. */
export interface Policy {
  pack: string;
  /** SPEC §13: the pack's currency, the currency of every amount decided under this policy. */
  currency: Currency;
  version: string;
  params: PolicyParams;
  overridden: ParamName[];
  calendar: CalendarContext;
}

export interface PackVersion {
  version: string;
  effectiveFrom: Instant;
  note?: string;
  params: PolicyParams;
  sources: Partial<Record<ParamName, string>>;
}

export interface PolicyPack {
  id: string;
  name: { zh: string; en: string };
  /** SPEC §13: the currency of every amount under this pack (ISO 4217). */
  currency: Currency;
  timeZone: string;
  calendar: HolidayCalendar;
  /** Ascending by effectiveFrom. */
  versions: PackVersion[];
}

/** The version in force at `at`: the latest whose effective time is at or before it. */
export function versionAt(pack: PolicyPack, at: Instant): PackVersion {
  let found = pack.versions[0]!;
  for (const v of pack.versions) if (v.effectiveFrom <= at) found = v;
  return found;
}

export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

/**
 * The policy in force at `at`: the pack version then, with the shop's overrides. An override was
 * checked towards the buyer against the version of its day; a later version may be more generous
 * still (e.g. longer windows over the Spring Festival), and then the version's value wins (SPEC §9:
 * an override never takes a right away).
 */
export function resolvePolicy(pack: PolicyPack, at: Instant, overrides: Partial<PolicyParams> = {}): Policy {
  const v = versionAt(pack, at);
  const params = { ...v.params };
  for (const name of Object.keys(overrides) as ParamName[]) {
    const value = overrides[name];
    const g = generosity(name, value, v.params[name], { value: overrides.warranty_days ?? v.params.warranty_days, reference: v.params.warranty_days });
    if (g === null || g >= 0) (params as Record<string, unknown>)[name] = value;
  }
  return {
    pack: pack.id,
    currency: pack.currency,
    version: v.version,
    params,
    overridden: Object.keys(overrides) as ParamName[],
    calendar: {
      timeZone: pack.timeZone,
      calendar: pack.calendar,
      openMinute: minutesOf(params.business_hours.open),
      closeMinute: minutesOf(params.business_hours.close),
    },
  };
}

/**
 * Compares a value with a reference for the buyer: > 0 more generous, < 0 less (or not provably
 * as generous), 0 equal. Null for parameters that have no buyer direction. `fallback` gives the
 * `warranty_days` each side falls back to for a category it does not name.
 */
export function generosity(
  name: ParamName,
  value: unknown,
  reference: unknown,
  fallback: { value: number; reference: number } = { value: 0, reference: 0 },
): number | null {
  const dir = PARAM_DIRECTION[name];
  if (dir === 'platform_only') return null;
  const longer = dir === 'longer_for_buyer' || dir === 'higher_for_buyer';
  const m = compareMagnitude(name, value, reference, fallback);
  // An uncertain comparison (durations in different units that can overlap) is never generous.
  if (m === 'uncertain') return -1;
  return longer ? m : -m;
}

/** Bounds of the real length (hours) a duration can take, whatever the calendar. */
function realHours(d: Duration): [number, number] {
  const n = d.amount;
  // A run of working time can straddle weekends and the longest holiday block (春节: 9 days).
  const spread = (workdays: number) => 24 * (workdays + 2 * Math.ceil(workdays / 5) + 9);
  switch (d.unit) {
    case 'hours':
      return [n, n];
    case 'days':
      return [24 * n, 24 * n];
    case 'working_days':
      return [24 * n, spread(n)];
    case 'working_hours':
      return [n, spread(Math.ceil(n / 8) + 1)];
    default: {
      const never: never = d.unit;
      throw new Error(`unknown unit ${String(never)}`);
    }
  }
}

/** Same unit: by amount. Otherwise only a comparison that holds on every calendar counts. */
function compareDurations(a: Duration, b: Duration): number | 'uncertain' {
  if (a.unit === b.unit) return Math.sign(a.amount - b.amount);
  const [amin, amax] = realHours(a);
  const [bmin, bmax] = realHours(b);
  if (amin === amax && bmin === bmax) return Math.sign(amin - bmin);
  if (amin >= bmax) return 1;
  if (amax <= bmin) return -1;
  return 'uncertain';
}

function compareMagnitude(name: ParamName, a: unknown, b: unknown, fallback: { value: number; reference: number }): number | 'uncertain' {
  if (name === 'no_reason_start') {
    // next_day starts later than the exact sign time, so the window ends later.
    const rank = (x: unknown) => (x === 'next_day' ? 1 : 0);
    return rank(a) - rank(b);
  }
  if (name === 'returnless_threshold') {
    // null is no returnless refund: the least a seller can give.
    const v = (x: unknown) => (x === null ? -Infinity : (x as number));
    return Math.sign(v(a) - v(b));
  }
  if (name === 'return_shipping_cap') {
    // null is no cap: the most the merchant can reimburse.
    const v = (x: unknown) => (x === null ? Infinity : (x as number));
    return Math.sign(v(a) - v(b));
  }
  if (name === 'late_shipment_compensation' || name === 'out_of_stock_compensation') {
    // null is no compensation. A formula is more generous only if no term is smaller.
    if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
    const fa = a as CompensationFormula;
    const fb = b as CompensationFormula;
    const diffs = [fa.rate_pct - fb.rate_pct, fa.min - fb.min, fa.max - fb.max].map(Math.sign);
    if (diffs.some((d) => d < 0)) return -1;
    return diffs.some((d) => d > 0) ? 1 : 0;
  }
  if (name === 'category_warranty_days') {
    // A category a side does not name falls back to that side's warranty_days.
    const ra = a as Record<string, number>;
    const rb = b as Record<string, number>;
    let result = 0;
    for (const k of new Set([...Object.keys(ra), ...Object.keys(rb)])) {
      const d = Math.sign((ra[k] ?? fallback.value) - (rb[k] ?? fallback.reference));
      if (d < 0) return -1;
      if (d > 0) result = 1;
    }
    return result;
  }
  // A parameter the pack leaves off (null) cannot be compared with a value: not provably generous.
  if (a === null || b === null) return a === b ? 0 : 'uncertain';
  if (typeof a === 'boolean' || typeof b === 'boolean') return Number(a) - Number(b);
  if (typeof a === 'number' && typeof b === 'number') return Math.sign(a - b);
  return compareDurations(a as Duration, b as Duration);
}

export function describeValue(value: unknown): string {
  if (value === null) return 'none';
  const isDuration = (v: unknown) => typeof v === 'object' && v !== null && 'unit' in v;
  if (isDuration(value)) return formatDuration(value as Duration);
  // A table of durations (SPEC §10.1 ticket_first_response per kind) reads as one: {"consultation":"24h",…}.
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).length > 0 && Object.values(value).every(isDuration)) {
    return JSON.stringify(Object.fromEntries(Object.entries(value).map(([k, v]) => [k, formatDuration(v as Duration)])));
  }
  return JSON.stringify(value);
}

/**
 * SPEC §9: a shop may override a parameter only towards the buyer. Overrides arrive parsed; the
 * first one that takes a right away (or that a shop may not set) is refused naming it.
 */
export function checkOverrides(base: PolicyParams, overrides: Partial<PolicyParams>): Refusal | null {
  const merged = { ...base, ...overrides };
  for (const name of Object.keys(overrides) as ParamName[]) {
    const g = generosity(name, overrides[name], base[name], { value: merged.warranty_days, reference: base.warranty_days });
    if (g === null) {
      return refuse(
        'policy_violation',
        name,
        `店铺不能修改平台参数 ${name}`,
        `a shop cannot override the platform parameter ${name}`,
        { parameter: name },
      );
    }
    if (g < 0) {
      return refuse(
        'policy_violation',
        name,
        `覆盖参数 ${name}=${describeValue(overrides[name])} 比平台规则 (${describeValue(base[name])}) 对买家更不利`,
        `override ${name}=${describeValue(overrides[name])} is less generous to the buyer than the pack's ${describeValue(base[name])}`,
        { parameter: name, value: overrides[name], pack_value: base[name] },
      );
    }
  }
  return null;
}

export { parseDuration };
