// SPEC §1 (instants in UTC, calendar rules in the platform zone Asia/Shanghai) and §4 (deadlines in
// hours, calendar days, working days with the Chinese public-holiday calendar, working hours).
import { describe, expect, it } from 'vitest';
import { builtinPacks } from '../app/packs.ts';
import {
  addCalendarDays,
  addDaysToDate,
  formatInstant,
  isLocalDate,
  isWorkingDay,
  localDateOf,
  parseInstant,
  startOfLocalDay,
  type HolidayCalendar,
} from './calendar.ts';
import { addDuration, formatDuration, parseDuration, type CalendarContext, type Duration } from './duration.ts';
import { DAY, HOUR, at, policy } from '../../test/domain-kit.ts';

const SH = 'Asia/Shanghai';
const cal: HolidayCalendar = builtinPacks().get('taobao')!.calendar;
const ctx: CalendarContext = { timeZone: SH, calendar: cal, openMinute: 9 * 60, closeMinute: 18 * 60 };

const dur = (text: string): Duration => {
  const d = parseDuration(text);
  if (!d) throw new Error(`bad duration ${text}`);
  return d;
};
/** Adds a duration and shows the result in Shanghai time, so failures read like the calendar. */
const plus = (start: string, d: string, c: CalendarContext = ctx): string => formatInstant(addDuration(at(start), dur(d), c), c.timeZone);

describe('local dates in Asia/Shanghai', () => {
  it('gives the local date of an instant, not the UTC date', () => {
    expect(localDateOf(at('2026-03-03T23:30:00+08:00'), SH)).toBe('2026-03-03');
    // 2026-03-03T23:30+08:00 is still 2026-03-03 15:30 UTC; but 16:00Z is already the next local day.
    expect(localDateOf(at('2026-03-02T16:00:00Z'), SH)).toBe('2026-03-03');
    expect(localDateOf(at('2026-03-02T15:59:59Z'), SH)).toBe('2026-03-02');
    expect(localDateOf(at('2026-03-02T16:00:00Z'), 'UTC')).toBe('2026-03-02');
  });

  it('gives 00:00 local time of a date as the UTC instant of 16:00 the day before', () => {
    expect(startOfLocalDay('2026-03-03', SH)).toBe(at('2026-03-02T16:00:00Z'));
    expect(startOfLocalDay('2026-01-01', SH)).toBe(at('2025-12-31T16:00:00Z'));
    expect(startOfLocalDay('2026-03-03', 'UTC')).toBe(at('2026-03-03T00:00:00Z'));
  });

  it('round-trips: the start of a local day lies on that local date', () => {
    for (const d of ['2026-02-14', '2026-02-28', '2026-12-31', '2027-01-01']) {
      const s = startOfLocalDay(d, SH);
      expect(localDateOf(s, SH)).toBe(d);
      expect(localDateOf(s - 1, SH)).toBe(addDaysToDate(d, -1));
    }
  });

  it('adds days to dates across month and year ends', () => {
    expect(addDaysToDate('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDaysToDate('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDaysToDate('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDaysToDate('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('formats instants in the platform zone with the offset', () => {
    expect(formatInstant(at('2026-03-02T16:00:00Z'), SH)).toBe('2026-03-03T00:00:00+08:00');
    expect(formatInstant(at('2026-03-03T04:05:06Z'), SH)).toBe('2026-03-03T12:05:06+08:00');
    expect(formatInstant(at('2026-03-03T04:05:06Z'), 'UTC')).toBe('2026-03-03T04:05:06+00:00');
    expect(formatInstant(at('2026-01-15T12:00:00Z'), 'America/New_York')).toBe('2026-01-15T07:00:00-05:00');
    expect(formatInstant(at('2026-01-15T12:00:00Z'), 'Asia/Kolkata')).toBe('2026-01-15T17:30:00+05:30');
  });

  it('formatInstant output parses back to the same instant', () => {
    const t = at('2026-07-01T01:02:03Z');
    expect(parseInstant(formatInstant(t, SH))).toBe(t);
  });
});

describe('isWorkingDay with the PRC holiday calendar (taobao pack)', () => {
  it('is the calendar of the cn holiday file', () => {
    expect(cal.id).toBe('cn');
    expect(cal.years).toEqual(expect.arrayContaining([2025, 2026]));
  });

  it('has ordinary weekdays on and weekends off', () => {
    expect(isWorkingDay('2026-03-04', cal)).toBe(true); // Wednesday
    expect(isWorkingDay('2026-03-06', cal)).toBe(true); // Friday
    expect(isWorkingDay('2026-03-07', cal)).toBe(false); // Saturday
    expect(isWorkingDay('2026-03-08', cal)).toBe(false); // Sunday
    expect(isWorkingDay('2026-03-09', cal)).toBe(true); // Monday
  });

  it('knows make-up working days (调休) on weekends', () => {
    expect(isWorkingDay('2026-02-14', cal)).toBe(true); // Saturday before the Spring Festival
    expect(isWorkingDay('2026-02-28', cal)).toBe(true); // Saturday after it
    expect(isWorkingDay('2025-10-11', cal)).toBe(true); // Saturday after National Day 2025
    expect(isWorkingDay('2025-10-12', cal)).toBe(false); // the Sunday after stays off
  });

  it('knows public holidays on weekdays', () => {
    expect(isWorkingDay('2026-02-16', cal)).toBe(false); // Monday, Spring Festival
    for (let d = '2026-02-15'; d <= '2026-02-23'; d = addDaysToDate(d, 1)) expect(isWorkingDay(d, cal), d).toBe(false);
    expect(isWorkingDay('2026-02-24', cal)).toBe(true);
    expect(isWorkingDay('2026-10-01', cal)).toBe(false); // Thursday, National Day
    expect(isWorkingDay('2026-01-01', cal)).toBe(false);
  });

  it('outside the years of the data, only weekends are days off', () => {
    expect(cal.years).not.toContain(2030);
    expect(isWorkingDay('2030-10-01', cal)).toBe(true); // a Tuesday: no holiday data for 2030
    expect(isWorkingDay('2030-10-05', cal)).toBe(false); // Saturday
  });
});

describe('addDuration', () => {
  it('uses the business hours of the pack for working hours', () => {
    const c = policy('taobao').calendar;
    expect(c.timeZone).toBe(SH);
    expect(c.openMinute).toBe(9 * 60);
    expect(c.closeMinute).toBe(18 * 60);
  });

  it('adds hours as real time, weekends and holidays included', () => {
    expect(plus('2026-03-06T10:00:00+08:00', '48h')).toBe('2026-03-08T10:00:00+08:00');
    expect(plus('2026-02-15T10:00:00+08:00', '48h')).toBe('2026-02-17T10:00:00+08:00');
    expect(addDuration(at('2026-03-06T10:00:00+08:00'), dur('48h'), ctx) - at('2026-03-06T10:00:00+08:00')).toBe(48 * HOUR);
    expect(plus('2026-03-06T10:00:00+08:00', '1.5h')).toBe('2026-03-06T11:30:00+08:00');
  });

  it('adds calendar days keeping the wall time', () => {
    expect(plus('2026-03-03T23:30:00+08:00', '5d')).toBe('2026-03-08T23:30:00+08:00');
    expect(plus('2026-02-26T10:00:00+08:00', '5d')).toBe('2026-03-03T10:00:00+08:00');
    // Holidays do not matter for calendar days.
    expect(plus('2026-02-13T10:00:00+08:00', '10d')).toBe('2026-02-23T10:00:00+08:00');
    // Fractions of a day are added as hours.
    expect(plus('2026-03-03T10:00:00+08:00', '1.5d')).toBe('2026-03-04T22:00:00+08:00');
  });

  it('keeps the wall time across a DST change in a zone that has one', () => {
    const berlin: CalendarContext = { ...ctx, timeZone: 'Europe/Berlin' };
    // CET → CEST on 2026-03-29: five calendar days are 119 hours here.
    const start = at('2026-03-27T12:00:00+01:00');
    const end = addDuration(start, dur('5d'), berlin);
    expect(formatInstant(end, 'Europe/Berlin')).toBe('2026-04-01T12:00:00+02:00');
    expect(end - start).toBe(5 * DAY - HOUR);
  });

  it('keeps the wall time when the start or end day is itself a DST-change day (Europe/Berlin, 2026-03-29)', () => {
    expect(addCalendarDays(at('2026-03-27T12:00:00+01:00'), 2, 'Europe/Berlin')).toBe(at('2026-03-29T12:00:00+02:00'));
    expect(addCalendarDays(at('2026-03-29T12:00:00+02:00'), 1, 'Europe/Berlin')).toBe(at('2026-03-30T12:00:00+02:00'));
    expect(addCalendarDays(at('2026-03-28T12:00:00+01:00'), 1, 'Europe/Berlin')).toBe(at('2026-03-29T12:00:00+02:00'));
  });

  it('rejects dates that do not exist', () => {
    expect(parseInstant('2026-02-30T10:00:00Z')).toBeNull();
    expect(isLocalDate('2026-02-30')).toBe(false);
    expect(isLocalDate('2028-02-29')).toBe(true);
  });

  it('adds working days over a weekend', () => {
    // Friday 10:00: the rest of Friday, Monday, then Tuesday until 10:00.
    expect(plus('2026-03-06T10:00:00+08:00', '2wd')).toBe('2026-03-10T10:00:00+08:00');
    expect(plus('2026-03-06T10:00:00+08:00', '1wd')).toBe('2026-03-09T10:00:00+08:00');
    // On a plain Tuesday a working day is 24 h.
    expect(plus('2026-03-03T10:00:00+08:00', '1wd')).toBe('2026-03-04T10:00:00+08:00');
  });

  it('adds working days across the 2026 Spring Festival and its make-up days', () => {
    // Thursday 02-12 10:00 + 2wd: Thu, Fri, then the make-up Saturday 02-14 until 10:00.
    expect(plus('2026-02-12T10:00:00+08:00', '2wd')).toBe('2026-02-14T10:00:00+08:00');
    // Friday 02-13 10:00 + 2wd: Fri, Sat 02-14 (make-up), holidays 02-15..23, Tue 02-24 until 10:00.
    expect(plus('2026-02-13T10:00:00+08:00', '2wd')).toBe('2026-02-24T10:00:00+08:00');
    expect(plus('2026-02-14T10:00:00+08:00', '1wd')).toBe('2026-02-24T10:00:00+08:00');
    // Friday 02-27 + 1wd ends on the make-up Saturday 02-28.
    expect(plus('2026-02-27T10:00:00+08:00', '1wd')).toBe('2026-02-28T10:00:00+08:00');
  });

  it('counts working days from the next working day 00:00 when starting on a day off', () => {
    // Saturday: counting starts Monday 03-09 00:00; two whole working days end Wednesday 00:00.
    expect(plus('2026-03-07T15:00:00+08:00', '2wd')).toBe('2026-03-11T00:00:00+08:00');
    // Spring Festival Monday: counting starts Tuesday 02-24 00:00.
    expect(plus('2026-02-16T10:00:00+08:00', '1wd')).toBe('2026-02-25T00:00:00+08:00');
    expect(plus('2026-02-16T10:00:00+08:00', '2wd')).toBe('2026-02-26T00:00:00+08:00');
    // The result does not depend on the hour of the day off.
    expect(plus('2026-02-16T00:00:00+08:00', '2wd')).toBe(plus('2026-02-22T23:59:00+08:00', '2wd'));
  });

  it('adds working hours inside business hours 09:00–18:00', () => {
    // Friday 17:00: one hour on Friday, three on Monday from 09:00.
    expect(plus('2026-03-06T17:00:00+08:00', '4wh')).toBe('2026-03-09T12:00:00+08:00');
    // Saturday: counting starts Monday 09:00.
    expect(plus('2026-03-07T10:00:00+08:00', '4wh')).toBe('2026-03-09T13:00:00+08:00');
    // Before opening: counts from 09:00; after closing: from the next opening.
    expect(plus('2026-03-09T07:30:00+08:00', '4wh')).toBe('2026-03-09T13:00:00+08:00');
    expect(plus('2026-03-09T19:00:00+08:00', '4wh')).toBe('2026-03-10T13:00:00+08:00');
    // Inside one day.
    expect(plus('2026-03-09T10:00:00+08:00', '4wh')).toBe('2026-03-09T14:00:00+08:00');
    // Nine working hours fill exactly one business day.
    expect(plus('2026-03-09T09:00:00+08:00', '9wh')).toBe('2026-03-09T18:00:00+08:00');
    expect(plus('2026-03-09T09:00:00+08:00', '10wh')).toBe('2026-03-10T10:00:00+08:00');
  });

  it('adds working hours across holidays and make-up days', () => {
    // Friday 02-13 17:00: one hour, then the make-up Saturday 02-14 from 09:00.
    expect(plus('2026-02-13T17:00:00+08:00', '4wh')).toBe('2026-02-14T12:00:00+08:00');
    // Make-up Saturday 17:00: one hour, then the holidays, then Tuesday 02-24 from 09:00.
    expect(plus('2026-02-14T17:00:00+08:00', '4wh')).toBe('2026-02-24T12:00:00+08:00');
    expect(plus('2026-10-01T10:00:00+08:00', '4wh')).toBe('2026-10-08T13:00:00+08:00');
  });
});

describe('parsing', () => {
  it('parseInstant accepts only instants with an offset or Z', () => {
    expect(parseInstant('2026-03-03T10:00:00+08:00')).toBe(Date.UTC(2026, 2, 3, 2, 0, 0));
    expect(parseInstant('2026-03-03T02:00:00Z')).toBe(Date.UTC(2026, 2, 3, 2, 0, 0));
    expect(parseInstant('2026-03-03T02:00Z')).toBe(Date.UTC(2026, 2, 3, 2, 0, 0));
    expect(parseInstant('2026-03-03T02:00:00.250Z')).toBe(Date.UTC(2026, 2, 3, 2, 0, 0, 250));
    expect(parseInstant('2026-03-02T21:00:00-05:00')).toBe(Date.UTC(2026, 2, 3, 2, 0, 0));
    // No offset: the zone would be guessed, so it is refused.
    expect(parseInstant('2026-03-03T10:00:00')).toBeNull();
    expect(parseInstant('2026-03-03')).toBeNull();
    expect(parseInstant('2026-03-03 10:00:00+08:00')).toBeNull();
    expect(parseInstant('2026-13-03T10:00:00Z')).toBeNull();
    expect(parseInstant('yesterday')).toBeNull();
  });

  it('isLocalDate accepts YYYY-MM-DD only', () => {
    expect(isLocalDate('2026-03-03')).toBe(true);
    expect(isLocalDate('2026-3-3')).toBe(false);
    expect(isLocalDate('2026-03-03T00:00:00Z')).toBe(false);
    expect(isLocalDate('2026-13-01')).toBe(false);
  });

  it('parseDuration reads h, d, wd and wh, and nothing else', () => {
    expect(parseDuration('48h')).toEqual({ amount: 48, unit: 'hours' });
    expect(parseDuration('5d')).toEqual({ amount: 5, unit: 'days' });
    expect(parseDuration('2wd')).toEqual({ amount: 2, unit: 'working_days' });
    expect(parseDuration('4wh')).toEqual({ amount: 4, unit: 'working_hours' });
    expect(parseDuration('1.5d')).toEqual({ amount: 1.5, unit: 'days' });
    expect(parseDuration('0h')).toEqual({ amount: 0, unit: 'hours' });
    for (const bad of ['5 days', '5', 'd', '-1d', '5D', '2w', '1e3h', '']) expect(parseDuration(bad), bad).toBeNull();
  });

  it('formatDuration writes what parseDuration reads', () => {
    for (const text of ['48h', '5d', '2wd', '4wh', '1.5d']) expect(formatDuration(dur(text))).toBe(text);
  });

});
