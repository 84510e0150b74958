// Pure helpers of the governance pages (SPEC §8.1–§8.3): where a shop's points stand against the
// thresholds, which sanctions are running, the deposit's state, and evidence lines as sent.
import type { ComplaintRow, EvidenceLine, Sanction, ShopGovernance, Threshold } from './types.ts';

/** Each threshold with whether this year's points reached it (SPEC §8.2: crossing applies it). */
export function thresholdSteps(points: number, thresholds: readonly Threshold[]): (Threshold & { reached: boolean })[] {
  return [...thresholds].sort((a, b) => a.points - b.points).map((t) => ({ ...t, reached: points >= t.points }));
}

/** The first threshold not yet reached, null past the last. */
export function nextThreshold(points: number, thresholds: readonly Threshold[]): Threshold | null {
  return thresholdSteps(points, thresholds).find((t) => !t.reached) ?? null;
}

/** Points as a percentage of the highest threshold (the closure), 0–100. */
export function pointsPercent(points: number, thresholds: readonly Threshold[]): number {
  const top = Math.max(0, ...thresholds.map((t) => t.points));
  if (top <= 0) return 0;
  return Math.min(100, Math.max(0, Math.round((points / top) * 100)));
}

/** A sanction still running at `now`: not ended, and its end (if it has one) still ahead. */
export function isRunning(s: Sanction, now: number): boolean {
  if (s.ended_at !== null) return false;
  return s.until === null || new Date(s.until).getTime() > now;
}

export const runningSanctions = (sanctions: readonly Sanction[], now: number) => sanctions.filter((s) => isRunning(s, now));

/** The deposit: enough, short with time to top up, or short past its top-up deadline. */
export function depositState(d: ShopGovernance['deposit'], now: number): 'ok' | 'short' | 'overdue' {
  if (d.shortfall <= 0) return 'ok';
  if (d.topup_due_at && new Date(d.topup_due_at).getTime() <= now) return 'overdue';
  return 'short';
}

/** The balance as a share of the required amount, 0–100 (a negative balance shows as 0). */
export function depositPercent(d: ShopGovernance['deposit']): number {
  if (d.required <= 0) return 100;
  return Math.min(100, Math.max(0, Math.round((d.balance / d.required) * 100)));
}

/** Yuan typed in a form → integer fen (SPEC §5); null when not a positive amount of at most 2 decimals. */
export function yuanToFen(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isFinite(n) || n <= 0) return null;
  const fen = Math.round(n * 100);
  if (Math.abs(fen - n * 100) > 1e-6) return null;
  return fen;
}

/** The evidence lines of a form as the API takes them: kinds chosen, descriptions trimmed, blank ones left out. */
export function evidencePayload(lines: readonly (Partial<EvidenceLine> | undefined)[] | undefined): EvidenceLine[] {
  return (lines ?? []).flatMap((l) => {
    if (!l?.kind) return [];
    const description = l.description?.trim();
    return [description ? { kind: l.kind, description } : { kind: l.kind }];
  });
}

/** The API's complaint deadline (`due_at`) as the countdown takes it (`due`). */
export const countdownOf = (d: ComplaintRow['deadline']) => (d ? { kind: d.kind, due: d.due_at } : null);

/** Statuses of a complaint still waiting for someone (SPEC §8.1). */
export const OPEN_COMPLAINT = ['filed', 'under_review', 'appealed'] as const;
export const isOpenComplaint = (status: string) => (OPEN_COMPLAINT as readonly string[]).includes(status);

/** Nearest deadline first; complaints without one after, newest filed first among them. */
export function byDeadline(a: ComplaintRow, b: ComplaintRow): number {
  const da = a.deadline ? new Date(a.deadline.due_at).getTime() : Infinity;
  const db = b.deadline ? new Date(b.deadline.due_at).getTime() : Infinity;
  if (da !== db) return da < db ? -1 : 1;
  return a.filed_at < b.filed_at ? 1 : a.filed_at > b.filed_at ? -1 : 0;
}
