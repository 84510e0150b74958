// Calendar arithmetic in the platform time zone (SPEC §1: instants in UTC, calendar rules in
// the platform zone, default Asia/Shanghai) and working-day time with the public-holiday
// calendar, including make-up working days (调休).
import type { Instant, LocalDate } from './types.ts';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
const MINUTE = 60_000;

/** A public-holiday calendar: days off that would be working days, and weekend days worked. */
export interface HolidayCalendar {
  id: string;
  /** Years the data covers; outside them only weekends are days off. */
  years: number[];
  holidays: ReadonlySet<LocalDate>;
  /** 调休: Saturdays or Sundays that are working days. */
  workdays: ReadonlySet<LocalDate>;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, Map<number, number>>();
/** Zones whose offset never changed in [FIXED_FROM, FIXED_TO) (e.g. Asia/Shanghai since 1991). */
const fixedOffsets = new Map<string, number | null>();
const FIXED_FROM = Date.UTC(1992, 0, 1);
const FIXED_TO = Date.UTC(2100, 0, 1);

function computeOffset(tz: string, at: Instant): number {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(at))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return asUtc - Math.floor(at / 1000) * 1000;
}

/** A zone's offset if it is the same at every sampled instant of the fixed range, else null. */
function fixedOffset(tz: string): number | null {
  let fixed = fixedOffsets.get(tz);
  if (fixed === undefined) {
    // Sample every quarter of every year: a zone with DST or a change of offset shows two values.
    const samples = new Set<number>();
    for (let y = 1992; y < 2100; y++) for (const m of [0, 3, 6, 9]) samples.add(computeOffset(tz, Date.UTC(y, m, 15)));
    fixed = samples.size === 1 ? [...samples][0]! : null;
    fixedOffsets.set(tz, fixed);
  }
  return fixed;
}

/** Offset of `tz` from UTC at `at`, in ms. Cached per zone and hour (zones change on the hour). */
export function zoneOffset(tz: string, at: Instant): number {
  if (tz === 'UTC') return 0;
  if (at >= FIXED_FROM && at < FIXED_TO) {
    const fixed = fixedOffset(tz);
    if (fixed !== null) return fixed;
  }
  let byHour = offsetCache.get(tz);
  if (!byHour) offsetCache.set(tz, (byHour = new Map()));
  const hour = Math.floor(at / HOUR);
  let offset = byHour.get(hour);
  if (offset === undefined) {
    offset = computeOffset(tz, at);
    if (byHour.size > 10_000) byHour.clear();
    byHour.set(hour, offset);
  }
  return offset;
}

/** The local calendar date of an instant. */
export function localDateOf(at: Instant, tz: string): LocalDate {
  return new Date(at + zoneOffset(tz, at)).toISOString().slice(0, 10);
}

/** 00:00 local time of a date, as an instant. */
export function startOfLocalDay(date: LocalDate, tz: string): Instant {
  return localToInstant(Date.parse(`${date}T00:00:00Z`), tz);
}

export function addDaysToDate(date: LocalDate, days: number): LocalDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
function weekday(date: LocalDate): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

export function isWorkingDay(date: LocalDate, cal: HolidayCalendar): boolean {
  if (cal.holidays.has(date)) return false;
  if (cal.workdays.has(date)) return true;
  return weekday(date) <= 5;
}

/** The instant a local wall-clock time (ms since 1970-01-01T00:00 local) has in `tz`. */
function localToInstant(localMs: number, tz: string): Instant {
  // Two passes settle the offset also next to a change of offset.
  let at = localMs - zoneOffset(tz, localMs);
  at = localMs - zoneOffset(tz, at);
  return at;
}

/** Same local wall time `days` calendar days later. */
export function addCalendarDays(start: Instant, days: number, tz: string): Instant {
  return localToInstant(start + zoneOffset(tz, start) + days * DAY, tz);
}

/**
 * Adds `amount` ms of working time: time that falls inside [open, close) minutes of a working day.
 * Working days use the whole day (open 0, close 1440); working hours the business hours.
 * A start outside working time counts from the next opening.
 */
export function addWorkingTime(
  start: Instant,
  amount: number,
  tz: string,
  cal: HolidayCalendar,
  openMinute = 0,
  closeMinute = 24 * 60,
): Instant {
  let remaining = amount;
  let date = localDateOf(start, tz);
  let cursor = start;
  // Bounded: a year of holidays cannot hold more than 366 consecutive days off.
  for (let guard = 0; guard < 366 * 50; guard++) {
    const dayStart = startOfLocalDay(date, tz);
    if (isWorkingDay(date, cal)) {
      const open = dayStart + openMinute * MINUTE;
      const close = dayStart + closeMinute * MINUTE;
      const from = Math.max(cursor, open);
      if (from < close) {
        const available = close - from;
        if (remaining <= available) return from + remaining;
        remaining -= available;
      }
    }
    date = addDaysToDate(date, 1);
    cursor = startOfLocalDay(date, tz);
  }
  throw new Error('addWorkingTime: no working time found within 50 years (calendar data broken?)');
}

/** Parses an ISO-8601 instant that carries an offset (or Z). Returns null when it does not. */
export function parseInstant(text: string): Instant | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) return null;
  if (!isLocalDate(text.slice(0, 10))) return null;
  // After-sales happens in this era: years 1970–9999 (older dates are typos, and some stores
  // cannot read them back faithfully).
  const year = Number(text.slice(0, 4));
  if (year < 1970) return null;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : at;
}

/** A real calendar date YYYY-MM-DD (2026-02-30 is not). */
export function isLocalDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const at = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === text;
}

/** Formats an instant in the platform zone with its offset, e.g. 2026-03-03T12:00:00+08:00. */
export function formatInstant(at: Instant, tz: string): string {
  const off = zoneOffset(tz, at);
  const local = new Date(at + off).toISOString().slice(0, 19);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off) / MINUTE;
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${sign}${hh}:${mm}`;
}
