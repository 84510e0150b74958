// Daily series for charts (SPEC §8.4): a metric as it stood at the end of each day (the window
// then is whole days, so the rollups alone give the sums; the samples come from the facts).
import { addDaysToDate, startOfLocalDay } from '../calendar.ts';
import type { LocalDate } from '../types.ts';
import { addFacts, emptySums, metricsOf, type ShopMetrics, type WindowTotals } from './compute.ts';
import type { MetricCounter, MetricFact } from './facts.ts';

export interface DayRollup {
  day: LocalDate;
  counter: MetricCounter;
  n: number;
  total: number;
}

/** The metrics at the end of each day of `days` (a window of `windowDays` whole days ending there). */
export function seriesOf(days: readonly LocalDate[], windowDays: number, rollups: readonly DayRollup[], samples: readonly MetricFact[], tz: string): { day: LocalDate; metrics: ShopMetrics; paid: number }[] {
  const byDay = new Map<LocalDate, DayRollup[]>();
  for (const r of rollups) byDay.set(r.day, [...(byDay.get(r.day) ?? []), r]);
  return days.map((day) => {
    const first = addDaysToDate(day, 1 - windowDays);
    const t: WindowTotals = { sums: emptySums(), interventionOrders: 0, firstResponses: [] };
    for (let d = first; d <= day; d = addDaysToDate(d, 1)) {
      for (const r of byDay.get(d) ?? []) {
        t.sums[r.counter].n += r.n;
        t.sums[r.counter].total += r.total;
      }
    }
    addFacts(t, samples, startOfLocalDay(first, tz), startOfLocalDay(addDaysToDate(day, 1), tz), new Set(), false);
    return { day, metrics: { ...metricsOf(t, 0), complaint_points: null }, paid: t.sums.paid.n };
  });
}
