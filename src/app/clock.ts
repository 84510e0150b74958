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
