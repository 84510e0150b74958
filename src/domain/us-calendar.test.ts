// SPEC §13: the amazon-us pack counts on the wall clock of America/Los_Angeles (daylight-saving
// changes included) and its business days are Monday–Friday except US federal holidays.
import { describe, expect, it } from 'vitest';
import { builtinPacks } from '../app/packs.ts';
import { addCalendarDays, formatInstant, isWorkingDay, parseInstant } from './calendar.ts';
import { addDuration, parseDuration, type CalendarContext } from './duration.ts';
import { resolvePolicy } from './policy.ts';

const LA = 'America/Los_Angeles';
const pack = builtinPacks().get('amazon-us')!;
const ctx: CalendarContext = { timeZone: LA, calendar: pack.calendar, openMinute: 9 * 60, closeMinute: 17 * 60 };
const at = (s: string) => parseInstant(s)!;
const la = (ms: number) => formatInstant(ms, LA);

describe('amazon-us calendar and clock', () => {
  it('keeps 10:00 at 10:00 across the spring and autumn daylight-saving changes', () => {
    // 8 March 2026 02:00 PST → PDT; 1 November 2026 02:00 PDT → PST.
    expect(la(addCalendarDays(at('2026-03-05T10:00:00-08:00'), 5, LA))).toBe(la(at('2026-03-10T10:00:00-07:00')));
    expect(addCalendarDays(at('2026-03-05T10:00:00-08:00'), 5, LA) - at('2026-03-05T10:00:00-08:00')).toBe(5 * 86_400_000 - 3_600_000);
    expect(addCalendarDays(at('2026-10-20T10:00:00-07:00'), 30, LA)).toBe(at('2026-11-19T10:00:00-08:00'));
  });

  it('has the observed federal holidays and no make-up working days', () => {
    expect(isWorkingDay('2026-07-03', pack.calendar)).toBe(false); // 4 July 2026 is a Saturday
    expect(isWorkingDay('2026-07-04', pack.calendar)).toBe(false);
    expect(isWorkingDay('2026-07-06', pack.calendar)).toBe(true);
    expect(isWorkingDay('2026-11-26', pack.calendar)).toBe(false); // Thanksgiving
    expect(isWorkingDay('2026-11-27', pack.calendar)).toBe(true);
    expect(isWorkingDay('2027-12-31', pack.calendar)).toBe(false); // New Year's Day 2028, observed
    expect(pack.calendar.workdays.size).toBe(0);
  });

  it('counts 2 business days over a weekend and a holiday', () => {
    const twoWd = parseDuration('2wd')!;
    // Thursday 2 July 2026 15:00 → Friday 3 July (holiday), weekend → Monday 6, Tuesday 7.
    expect(la(addDuration(at('2026-07-02T15:00:00-07:00'), twoWd, ctx))).toBe(la(at('2026-07-07T15:00:00-07:00')));
  });

  it('carries the §13 values with USD', () => {
    const p = resolvePolicy(pack, at('2026-06-01T00:00:00-07:00')).params;
    expect(pack.currency).toBe('USD');
    expect(p.return_window).toBe(30);
    expect(p.holiday_return_until).toEqual({ from: '11-01', to: '12-31', until: '01-31' });
    expect(p.platform_authorized_returns).toBe(true);
    expect(p.restocking_fee_max_pct).toBe(50);
    expect(p.atoz_claim).toMatchObject({ opens_after_days: 3, window_days: 90, appeal_days: 30 });
    expect(p.safet_claim_days).toBe(60);
    expect(p.seller_performance?.order_defect_rate).toEqual({ max_pct: 1, window_days: 60 });
  });
});
