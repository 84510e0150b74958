// What a command returns and takes, shared by the engine and the deadline firing (kept apart so
// neither imports the other).
import type { Refusal } from '../domain/errors.ts';
import type { DomainEvent } from '../domain/events.ts';
import type { Policy } from '../domain/policy.ts';
import type { OrderContext } from '../domain/state.ts';
import type { Instant } from '../domain/types.ts';

/** The order as the command left it, with the policy and the instant it was decided under. */
export interface DecidedState {
  ctx: OrderContext;
  policy: Policy;
  at: Instant;
}

export type Result = { ok: true; events: DomainEvent[]; version: number; replayed?: boolean; state?: DecidedState } | Refusal;

export interface CommandOptions {
  /** Stripe-style: a repeat returns the first result; the same key with another command is refused. */
  idempotencyKey?: string;
  /** The case (or order) version the caller last saw; a different current version is a `conflict`. */
  expectedVersion?: number;
  /** Decision time; defaults to the clock. Deadline expiries use their due instant. */
  at?: Instant;
  /** Return the order as the command left it (`state`), so the caller need not read it again. */
  withState?: boolean;
}

export interface ShopInput {
  id: string;
  category?: string;
  pack: string;
  overrides?: Record<string, unknown>;
  /** The shop's display name (kept as it is when absent). */
  name?: string;
  /** The default return address of `agree` (kept as it is when absent). */
  returnAddress?: string;
  /** SPEC §8.3: the shop's own deposit requirement (fen), over its category's; kept when absent. */
  depositRequired?: number | null;
  /** SPEC §8.3: the opening deposit balance of a new shop (fen); default the required deposit. */
  deposit?: number;
}
