// Where the loaded queue's deadlines fall: one bucket per hour of the next 24 and one for later,
// counted by deadline kind, so a team sees what goes automatic soon (SPEC §4: deadlines act by
// themselves). Pure: the clock comes in as `now`.
import { CASE_DEADLINE_KINDS } from '../../../src/contract/enums.ts';
import type { CaseSummary } from '../../../src/contract/index.ts';

export const HOURS = 24;
const HOUR_MS = 3_600_000;

export interface KindCounts {
  kind: string;
  /** HOURS + 1 counts: [i] falls due in hour i from now (i = 0 also holds the overdue), [HOURS] later. */
  counts: number[];
}

export interface DeadlineBuckets {
  /** Kinds with at least one deadline: SPEC order first, any other kind after, by name. */
  series: KindCounts[];
  /** Due within the next HOURS hours, overdue included (the system acts on those at once). */
  soon: number;
  /** Due HOURS hours from now or later. */
  later: number;
}

/** The bucket of a deadline due at `due` (ms): 0…HOURS-1 for the hours ahead, HOURS for later. */
export function bucketOf(due: number, now: number): number {
  if (due - now >= HOURS * HOUR_MS) return HOURS;
  return Math.max(0, Math.floor((due - now) / HOUR_MS));
}

const rank = (kind: string) => {
  const i = (CASE_DEADLINE_KINDS as readonly string[]).indexOf(kind);
  return i < 0 ? CASE_DEADLINE_KINDS.length : i;
};

/** Counts the rows' deadlines by hour from `now` and by kind; rows without a (readable) deadline are left out. */
export function bucketDeadlines(rows: readonly Pick<CaseSummary, 'deadline'>[], now: number): DeadlineBuckets {
  const byKind = new Map<string, number[]>();
  let soon = 0;
  let later = 0;
  for (const { deadline } of rows) {
    if (!deadline) continue;
    const due = Date.parse(deadline.due);
    if (Number.isNaN(due)) continue;
    const b = bucketOf(due, now);
    let counts = byKind.get(deadline.kind);
    if (!counts) byKind.set(deadline.kind, (counts = new Array<number>(HOURS + 1).fill(0)));
    counts[b] = (counts[b] ?? 0) + 1;
    if (b === HOURS) later++;
    else soon++;
  }
  const series = [...byKind]
    .map(([kind, counts]) => ({ kind, counts }))
    .sort((a, b) => rank(a.kind) - rank(b.kind) || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  return { series, soon, later };
}

/**
 * Kinds that read the same (three deadlines all "自动关闭") become one stack, summed, in the order
 * they first appear.
 */
export function mergeByLabel(series: readonly KindCounts[], label: (kind: string) => string): { label: string; counts: number[] }[] {
  const out: { label: string; counts: number[] }[] = [];
  for (const s of series) {
    const name = label(s.kind);
    const same = out.find((o) => o.label === name);
    if (same) same.counts = same.counts.map((n, i) => n + (s.counts[i] ?? 0));
    else out.push({ label: name, counts: [...s.counts] });
  }
  return out;
}
