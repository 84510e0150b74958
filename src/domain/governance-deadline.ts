// Durable deadlines of the governance aggregates (complaints, shops), shaped as the cases' ones
// (src/domain/draft.ts): the pack version in force when it starts, and a reminder
// `reminder_before` ahead when that is still to come (SPEC §8: every timer is a durable deadline).
import { addDuration, type Duration } from './duration.ts';
import type { Policy } from './policy.ts';
import type { Deadline } from './state.ts';
import type { Instant } from './types.ts';

export function dueAfter(policy: Policy, start: Instant, d: Duration): Instant {
  return addDuration(start, d, policy.calendar);
}

/** Whole calendar days after `start` in the platform zone (the same wall time). */
export function daysAfter(policy: Policy, start: Instant, days: number): Instant {
  return addDuration(start, { amount: days, unit: 'days' }, policy.calendar);
}

export function newDeadline<K extends string>(kind: K, dueAt: Instant, policy: Policy, now: Instant): Deadline<K> {
  const remindAt = dueAt - (dueAfter(policy, now, policy.params.reminder_before) - now);
  return { kind, dueAt, policyVersion: policy.version, remindAt: remindAt > now ? remindAt : null };
}

/** A fire command matches the running deadline and its time has come; otherwise it is stale. */
export function isDue<K extends string>(running: Deadline<K> | null | undefined, kind: K, dueAt: Instant, now: Instant): running is Deadline<K> {
  return !!running && running.kind === kind && running.dueAt === dueAt && now >= running.dueAt;
}
