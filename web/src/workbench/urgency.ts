// Issue 16: how urgent a case is, by its running deadline's due instant — overdue, due within 4
// hours, within 24 hours, later, or none running. The queue colours rows by it (workday.css).
export const URGENCIES = ['overdue', 'h4', 'h24', 'later', 'none'] as const;
export type Urgency = (typeof URGENCIES)[number];

const HOUR = 3_600_000;

export function urgencyOf(due: string | null | undefined, now: number): Urgency {
  if (!due) return 'none';
  const left = new Date(due).getTime() - now;
  if (left <= 0) return 'overdue';
  if (left < 4 * HOUR) return 'h4';
  if (left < 24 * HOUR) return 'h24';
  return 'later';
}

/** The antd tag colour of each urgency (the words are `wd.urgency.*`). */
export const URGENCY_COLOR: Record<Urgency, string> = { overdue: 'red', h4: 'volcano', h24: 'gold', later: 'default', none: 'default' };
