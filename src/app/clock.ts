// Time enters the system only through a Clock: the wall clock in production, a simulated one in
// `aftersale simulate` (and, later, sandbox test clocks).
import type { Instant } from '../domain/types.ts';

export interface Clock {
  now(): Instant;
}

export const systemClock: Clock = { now: () => Date.now() };

export class SimulatedClock implements Clock {
  constructor(private at: Instant) {}
  now(): Instant {
    return this.at;
  }
  set(at: Instant): void {
    if (at < this.at) throw new Error('a simulated clock never goes back');
    this.at = at;
  }
}

/**
 * Milliseconds on a monotonic timer, for how long an in-memory cache may keep an answer
 * (src/app/ttl-cache.ts): real elapsed time even where the engine runs on a simulated clock, since
 * what it bounds is how stale a process may be against the others, not any business instant.
 */
export const elapsedMs = (): number => performance.now();
