// SPEC §8.5: governance periods. Pinduoduo judges shops every 7 days, the periods starting on
// Monday 00:00 platform time; a period ends where the next one starts (exclusive).
import { addDaysToDate, localDateOf, startOfLocalDay } from '../calendar.ts';
import type { Instant, LocalDate } from '../types.ts';

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A pack's `governance_period`: periods of `days` days, the first of them starting on `starts` 00:00. */
export interface GovernancePeriod {
  days: number;
  starts: Weekday;
}

/** 2001-01-01 was a Monday: period boundaries are counted in whole days from that week's weekday. */
const ANCHOR_MONDAY = '2001-01-01';
const DAY_MS = 86_400_000;

function dayNumber(date: LocalDate): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${ANCHOR_MONDAY}T00:00:00Z`)) / DAY_MS);
}

/** The first period boundary strictly after `at` (the end of the period `at` falls in). */
export function periodEndAfter(at: Instant, period: GovernancePeriod, tz: string): Instant {
  const origin = WEEKDAYS.indexOf(period.starts);
  const today = localDateOf(at, tz);
  const n = dayNumber(today) - origin;
  // Days since the last boundary on or before today, then on to the next boundary after `at`.
  const into = ((n % period.days) + period.days) % period.days;
  let boundary = addDaysToDate(today, -into);
  let instant = startOfLocalDay(boundary, tz);
  while (instant <= at) {
    boundary = addDaysToDate(boundary, period.days);
    instant = startOfLocalDay(boundary, tz);
  }
  return instant;
}

/** The start of the period that ends at `end` (a boundary). */
export function periodStartBefore(end: Instant, period: GovernancePeriod, tz: string): Instant {
  return startOfLocalDay(addDaysToDate(localDateOf(end, tz), -period.days), tz);
}
