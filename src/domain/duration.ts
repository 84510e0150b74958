// Policy durations: hours, calendar days, working days (工作日) or working hours (工作小时).
// Written in packs as "48h", "5d", "2wd", "4wh".
import { DAY, HOUR, addCalendarDays, addWorkingTime, type HolidayCalendar } from './calendar.ts';
import type { Instant } from './types.ts';

export type DurationUnit = 'hours' | 'days' | 'working_days' | 'working_hours';
export interface Duration {
  amount: number;
  unit: DurationUnit;
}

const SUFFIX: Record<string, DurationUnit> = { h: 'hours', d: 'days', wd: 'working_days', wh: 'working_hours' };
const SHORT: Record<DurationUnit, string> = { hours: 'h', days: 'd', working_days: 'wd', working_hours: 'wh' };

export function parseDuration(text: string): Duration | null {
  const m = /^(\d+(?:\.\d+)?)(h|d|wd|wh)$/.exec(text.trim());
  if (!m) return null;
  return { amount: Number(m[1]), unit: SUFFIX[m[2]!]! };
}

export function formatDuration(d: Duration): string {
  return `${d.amount}${SHORT[d.unit]}`;
}

/** Where deadlines are counted: the platform zone, its holidays, its business hours. */
export interface CalendarContext {
  timeZone: string;
  calendar: HolidayCalendar;
  /** Business hours for working-hour durations, minutes after local midnight. */
  openMinute: number;
  closeMinute: number;
}

export function addDuration(start: Instant, d: Duration, ctx: CalendarContext): Instant {
  switch (d.unit) {
    case 'hours':
      return start + Math.round(d.amount * HOUR);
    case 'days':
      // Whole days keep the local wall time; fractions are added as hours.
      return Number.isInteger(d.amount)
        ? addCalendarDays(start, d.amount, ctx.timeZone)
        : start + Math.round(d.amount * DAY);
    case 'working_days':
      return addWorkingTime(start, Math.round(d.amount * DAY), ctx.timeZone, ctx.calendar);
    case 'working_hours':
      return addWorkingTime(
        start,
        Math.round(d.amount * HOUR),
        ctx.timeZone,
        ctx.calendar,
        ctx.openMinute,
        ctx.closeMinute,
      );
    default: {
      const never: never = d.unit;
      throw new Error(`unknown duration unit ${String(never)}`);
    }
  }
}
