// SPEC §13 (pack `amazon-us`): the return window counted from delivery, with the holiday window;
// returns the platform authorizes at once with a prepaid label; returnless refunds; the restocking
// fee's conditions. Pure: the label comes in as data (the engine asks the label provider before
// deciding, docs/decisions.md "amazon-us case flow").
import { addCalendarDays, formatInstant, localDateOf, startOfLocalDay } from './calendar.ts';
import { refuse, type Refusal } from './errors.ts';
import { dateWords } from './labels.ts';
import type { Policy } from './policy.ts';
import type { ClaimLine, OrderState } from './state.ts';
import { REASON_LIABILITY, RETURN_CONDITIONS, type CaseType, type Instant, type LabelPayer, type Reason, type ReturnCondition } from './types.ts';

/** SPEC §13: the seller pays the label for these reasons, the buyer for any other. */
export const SELLER_FAULT_REASONS: readonly Reason[] = ['quality_issue', 'damaged', 'wrong_or_missing_item', 'not_as_described'];
/** SPEC §13: buyer-fault reasons allowed after delivery for a return (no 7-day no-reason rule). */
export const BUYER_FAULT_RETURN_REASONS: readonly Reason[] = ['no_longer_needed', 'size_or_color'];

/** True when the pack runs the §13 window (a Chinese pack sets `return_window` to null). */
export const hasReturnWindow = (policy: Policy): boolean => policy.params.return_window !== null;

export const labelPayerOf = (reason: Reason): LabelPayer => (SELLER_FAULT_REASONS.includes(reason) ? 'merchant' : 'buyer');

export interface ReturnWindow {
  /** The first instant at which the window is closed (an application at it is late). */
  endsAt: Instant;
  /** The rule that set the end: the 30 days, or the holiday window when it ends later. */
  rule: 'return_window' | 'holiday_return_until';
}

/**
 * SPEC §13: `return_window` days from delivery (the order's sign time), counted on the wall clock
 * of the platform zone (10:00 stays 10:00 across a daylight-saving change). Delivered from
 * `holiday.from` to `holiday.to` (local dates): returnable until the end of `holiday.until` of
 * the next year (its last millisecond, 23:59:59.999 local), when that is later.
 */
export function returnWindowOf(delivered: Instant, policy: Policy): ReturnWindow | null {
  const p = policy.params;
  if (p.return_window === null) return null;
  const tz = policy.calendar.timeZone;
  const days: ReturnWindow = { endsAt: addCalendarDays(delivered, p.return_window, tz), rule: 'return_window' };
  const h = p.holiday_return_until;
  if (h === null) return days;
  const date = localDateOf(delivered, tz);
  const [year, md] = [Number(date.slice(0, 4)), date.slice(5)];
  if (md < h.from || md > h.to) return days;
  // `until` falls in the next year when it comes before `from` (01-31 after 11-01).
  const untilYear = h.until < h.from ? year + 1 : year;
  const untilDate = `${untilYear}-${h.until}`;
  const endsAt = addCalendarDays(startOfLocalDay(untilDate, tz), 1, tz);
  return endsAt > days.endsAt ? { endsAt, rule: 'holiday_return_until' } : days;
}

/** The refusal of a buyer-fault application past the window, naming the rule and its end. */
export function windowExpired(w: ReturnWindow, now: Instant, policy: Policy): Refusal {
  const tz = policy.calendar.timeZone;
  // The holiday window is read as "until 31 Jan": name its last day, not the next midnight.
  const shown = w.rule === 'holiday_return_until' ? w.endsAt - 1 : w.endsAt;
  const d = dateWords(shown, now, tz);
  const days = policy.params.return_window;
  const [zh, en] =
    w.rule === 'holiday_return_until'
      ? [`节日退货期已于 ${d.zh} 截止`, `the holiday return window closed on ${d.en}`]
      : [`${days} 天退货期已于 ${d.zh} 截止`, `the ${days}-day return window closed on ${d.en}`];
  return refuse('window_expired', w.rule, zh, en, { ended_at: formatInstant(w.endsAt, tz) });
}

/** SPEC §13: `no_reason_7d` does not exist on this marketplace. */
export const noSevenDayRule = (): Refusal =>
  refuse(
    'not_eligible',
    'no_reason_7d',
    '本平台没有七天无理由退货: 请在退货期内以「不想要了」或「尺码/颜色不合适」申请退货',
    'this marketplace has no 7-day no-reason rule: apply for a return as “no longer needed” or “wrong size or color” within the return window',
    { reason: 'no_reason_7d' },
  );

/** How a §13 application is routed once it passed eligibility. */
export type Routing = 'seller' | 'authorized' | 'returnless';

/**
 * SPEC §13: a return in the window on returnable lines is authorized by the platform; a line at or
 * under the seller's `returnless_threshold` is refunded without a return; lines flagged
 * `no_reason_excluded`, or a seller-fault return past the window, go to the seller.
 */
export function routeApplication(o: OrderState, type: CaseType, lines: readonly ClaimLine[], inWindow: boolean, policy: Policy): Routing {
  const p = policy.params;
  if (!p.platform_authorized_returns || type !== 'return_refund' || !inWindow || lines.length === 0) return 'seller';
  const ordered = lines.map((l) => o.lines.find((x) => x.id === l.lineId)!);
  const t = p.returnless_threshold;
  // "Price of the line": the line's paid amount (docs/decisions.md).
  if (t !== null && ordered.every((l) => l.paidAmount <= t)) return 'returnless';
  if (ordered.some((l) => l.flags.includes('no_reason_excluded'))) return 'seller';
  return 'authorized';
}

/**
 * SPEC §13: a restocking fee of up to `restocking_fee_max_pct` only for a buyer-fault reason and
 * when the seller records the item came back used, damaged by the buyer or incomplete.
 */
export function restockingFeeRefusal(reason: Reason, condition: ReturnCondition | undefined): Refusal | null {
  if (REASON_LIABILITY[reason] !== 'buyer') {
    return refuse('not_eligible', 'restocking_fee_buyer_fault', '只有买家原因的退货可以收取重新入库费', 'a restocking fee applies only to a return for a buyer-fault reason', { reason });
  }
  if (condition === undefined || !RETURN_CONDITIONS.includes(condition)) {
    return refuse(
      'not_eligible',
      'restocking_fee_condition',
      '收取重新入库费需记录退回商品的状况: 已使用、买家损坏或不完整',
      'a restocking fee needs the returned item’s condition recorded: used, damaged by the buyer or incomplete',
      { field: 'condition', conditions: RETURN_CONDITIONS },
    );
  }
  return null;
}
