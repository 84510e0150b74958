// Schemas of the policy data files (policies/*.json) and of shop overrides. Parsing is pure: the
// app reads the files and hands their JSON here.
import { z } from 'zod';
import type { HolidayCalendar } from './calendar.ts';
import { parseDuration, type Duration } from './duration.ts';
import { refuse, type Refusal } from './errors.ts';
import type { PackVersion, ParamName, PolicyPack, PolicyParams } from './policy.ts';
import { parseInstant } from './calendar.ts';
import { COMPLAINT_SUB_KINDS } from './complaint/types.ts';
import { WEEKDAYS } from './metrics/period.ts';
import { CURRENCIES } from './types.ts';
import { SELLER_METRICS } from './policy.ts';

const duration = z.string().transform((s, ctx): Duration => {
  const d = parseDuration(s);
  if (!d) {
    ctx.addIssue({ code: 'custom', message: `"${s}" is not a duration such as 48h, 5d, 2wd or 4wh` });
    return z.NEVER;
  }
  return d;
});
const days = z.number().int().min(0).max(3650);
const fen = z.number().int().min(0);
const compensation = z
  .object({ rate_pct: z.number().min(0).max(1000), min: fen, max: fen })
  .strict()
  .refine((c) => c.min <= c.max, 'min must not exceed max')
  .nullable();
/** Every sub-kind of a complaint kind, each with its points (SPEC §8.1 table). */
const pointsOf = (subs: readonly string[]) => Object.fromEntries(subs.map((k) => [k, z.number().int().min(0).max(100)]));
const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a month-day MM-DD');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'time of day HH:MM');

export const paramSchemas = {
  ship_within: duration,
  unpaid_close_after: duration,
  merchant_response_unshipped: duration,
  merchant_response_shipped: duration,
  merchant_response_shipped_virtual: duration,
  offer_reply: duration,
  buyer_after_reject: duration,
  buyer_return_shipment: duration,
  merchant_receipt: duration,
  merchant_reship: duration,
  buyer_confirm: duration,
  escalation_after: duration,
  evidence: duration,
  no_reason_days: days,
  no_reason_start: z.enum(['next_day', 'sign_time']),
  no_reason_exchange: z.boolean().default(true),
  exchange_days: days,
  after_sale_days: days,
  counterfeit_claim_days: days,
  warranty_days: days,
  category_warranty_days: z.record(z.string(), days),
  order_auto_confirm: duration,
  auto_confirm_extension: duration,
  auto_confirm_resume_min: duration,
  late_shipment_compensation: compensation,
  out_of_stock_compensation: compensation,
  counterfeit_multiplier: z.number().min(0).max(100),
  counterfeit_min: fen,
  return_shipping_cap: fen.nullable(),
  restocking_fee_max_pct: z.number().min(0).max(100),
  deduct_lost_shipping: z.boolean(),
  max_applications_per_line: z.number().int().min(1).max(100),
  refund_execution: duration,
  reminder_before: duration,
  business_hours: z.object({ open: hhmm, close: hhmm }).strict(),
  complaint_days: days,
  complaint_response: duration,
  complaint_review: duration,
  appeal_days: days,
  complaint_points: z
    .object({
      breach_of_promise: z.object(pointsOf(COMPLAINT_SUB_KINDS.breach_of_promise)).strict(),
      misdescription: z.object(pointsOf(COMPLAINT_SUB_KINDS.misdescription)).strict(),
    })
    .strict(),
  sanction_thresholds: z
    .array(
      z.discriminatedUnion('sanction', [
        z.object({ points: z.number().int().min(1), sanction: z.literal('restriction'), days: z.number().int().min(1).max(3650) }).strict(),
        z.object({ points: z.number().int().min(1), sanction: z.literal('closure') }).strict(),
      ]),
    )
    .refine((ts) => ts.every((t, i) => i === 0 || t.points > ts[i - 1]!.points), 'thresholds must be in ascending order of points, each once'),
  deposit_required: z.object({ default: fen, by_category: z.record(z.string(), fen) }).strict(),
  deposit_topup_within: duration,
  returnless_share: z.number().min(0).max(100),
  instant_refund_max: fen.nullable(),
  returnless_max_risk: z.enum(['low', 'medium', 'high']),
  resale_loss_pct: z.object({ default: z.number().min(0).max(100), by_category: z.record(z.string(), z.number().min(0).max(100)) }).strict(),
  metrics_window: z.number().int().min(1).max(366),
  metrics_min_orders: z.number().int().min(0),
  governance_period: z.object({ days: z.number().int().min(1).max(366), starts: z.enum(WEEKDAYS) }).strict().nullable(),
  ticket_first_response: z.object({ consultation: duration, complaint: duration, logistics: duration, invoice: duration }).strict(),
  ticket_resolution: duration,
  ticket_reopen_days: days,
  return_window: days.nullable(),
  holiday_return_until: z.object({ from: monthDay, to: monthDay, until: monthDay }).strict().nullable(),
  platform_authorized_returns: z.boolean(),
  refund_after_receipt: duration.nullable(),
  returnless_threshold: fen.nullable(),
  atoz_claim: z
    .object({ opens_after_days: days, after_return_issue: duration, window_days: days, seller_response: duration, appeal_days: days })
    .strict()
    .nullable(),
  safet_claim_days: days.nullable(),
  seller_performance: z
    .object(Object.fromEntries(SELLER_METRICS.map((m) => [m, z.object({ max_pct: z.number().min(0).max(100), window_days: z.number().int().min(1).max(366) }).strict()])))
    .strict()
    .nullable(),
} satisfies Record<ParamName, z.ZodType>;

const sourced = <T extends z.ZodType>(value: T) => z.object({ value, source: z.string().min(1) }).strict();

const fullParams = z
  .object(Object.fromEntries(Object.entries(paramSchemas).map(([k, s]) => [k, sourced(s)])) as Record<string, z.ZodType>)
  .strict();
const partialParams = fullParams.partial();

const instant = z.string().refine((s) => parseInstant(s) !== null, 'an ISO-8601 instant with an offset');

const packFile = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    name: z.object({ zh: z.string(), en: z.string() }).strict(),
    currency: z.enum(CURRENCIES),
    time_zone: z.string(),
    calendar: z.string(),
    versions: z
      .array(
        z
          .object({
            version: z.string().min(1),
            effective_from: instant,
            note: z.string().optional(),
            parameters: partialParams,
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

const calendarFile = z.object({
  id: z.string(),
  years: z.record(
    z.string().regex(/^\d{4}$/),
    z.object({
      provisional: z.boolean().optional(),
      holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)),
      workdays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)),
    }),
  ),
});

export function parseCalendar(json: unknown): HolidayCalendar {
  const c = calendarFile.parse(json);
  const years = Object.entries(c.years);
  return {
    id: c.id,
    years: years.map(([y]) => Number(y)),
    holidays: new Set(years.flatMap(([, y]) => y.holidays)),
    workdays: new Set(years.flatMap(([, y]) => y.workdays)),
  };
}

/** Parses a pack file. The first version must set every parameter; later ones change some. */
export function parsePack(json: unknown, calendars: Record<string, HolidayCalendar>): PolicyPack {
  const p = packFile.parse(json);
  const calendar = calendars[p.calendar];
  if (!calendar) throw new Error(`pack ${p.id}: unknown calendar ${p.calendar}`);
  const sortedFirst = [...p.versions].sort((a, b) => parseInstant(a.effective_from)! - parseInstant(b.effective_from)!)[0]!;
  const missing = Object.keys(paramSchemas).filter((k) => !(k in sortedFirst.parameters));
  if (missing.length) throw new Error(`pack ${p.id}: the first version must set every parameter; missing ${missing.join(', ')}`);
  const versions: PackVersion[] = [];
  let params = {} as PolicyParams;
  let sources: PackVersion['sources'] = {};
  const sorted = [...p.versions].sort((a, b) => parseInstant(a.effective_from)! - parseInstant(b.effective_from)!);
  for (const v of sorted) {
    params = { ...params };
    sources = { ...sources };
    for (const [k, entry] of Object.entries(v.parameters)) {
      (params as unknown as Record<string, unknown>)[k] = (entry as { value: unknown }).value;
      sources[k as ParamName] = (entry as { source: string }).source;
    }
    versions.push({ version: v.version, effectiveFrom: parseInstant(v.effective_from)!, note: v.note, params, sources });
  }
  return { id: p.id, name: p.name, currency: p.currency, timeZone: p.time_zone, calendar, versions };
}

/** Parses shop overrides given as raw JSON values (durations as strings, e.g. "72h"). */
export function parseOverrides(raw: unknown): Partial<PolicyParams> | Refusal {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return refuse('validation', 'overrides', '覆盖参数必须是对象', 'overrides must be an object');
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    const schema = (paramSchemas as Record<string, z.ZodType>)[k];
    if (!schema) {
      return refuse('validation', 'overrides', `未知的政策参数 ${k}`, `unknown policy parameter ${k}`, { parameter: k });
    }
    const r = schema.safeParse(v);
    if (!r.success) {
      return refuse('validation', k, `参数 ${k} 的值无效`, `invalid value for ${k}: ${r.error.issues[0]?.message}`, {
        parameter: k,
      });
    }
    out[k] = r.data;
  }
  return out as Partial<PolicyParams>;
}
