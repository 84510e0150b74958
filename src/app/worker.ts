// `aftersale worker`: the background loops of one process — deadline runner, reminders, refund
// executor, webhook relay, and the cleanup of expired idempotency keys. Run as many copies as
// needed against one PostgreSQL: they share nothing but the database.
import type { Instant } from '../domain/types.ts';
import { iso } from '../store/time.ts';
import type { Engine } from './engine.ts';
import { relayBatch, type RelayOptions } from './relay.ts';
import { runDeadlines, runReminders } from './runner.ts';

export interface WorkerOptions {
  deadlines?: boolean;
  reminders?: boolean;
  refunds?: boolean;
  relay?: boolean;
  /** Sleep when a pass found nothing to do. */
  idleMs?: number;
  /** Keep idempotency keys at least this long (SPEC-issue: ≥ 24 h). */
  keepKeysMs?: number;
  relayOptions?: Partial<RelayOptions>;
  /** How long a claimed batch of deadlines is this worker's before others may take it over. */
  leaseMs?: number;
  /** Deadlines claimed per pass, and orders fired per transaction. */
  batch?: number;
  chunk?: number;
  /** Stop after the first pass that finds nothing to do. */
  untilIdle?: boolean;
  signal?: AbortSignal;
  onPass?: (done: { deadlines: number; reminders: number; refunds: number; deliveries: number }) => void;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const wake = () => {
      clearTimeout(t);
      signal?.removeEventListener('abort', wake);
      resolve();
    };
    const t = setTimeout(wake, ms);
    signal?.addEventListener('abort', wake, { once: true });
  });

export async function runWorker(engine: Engine, opts: WorkerOptions = {}): Promise<void> {
  const keepKeys = opts.keepKeysMs ?? 48 * 3_600_000;
  let lastCleanup = 0;
  while (!opts.signal?.aborted) {
    const now: Instant = engine.clock.now();
    const done = {
      deadlines: opts.deadlines === false ? 0 : await runDeadlines(engine, { leaseMs: opts.leaseMs, batch: opts.batch, chunk: opts.chunk }),
      reminders: opts.reminders === false ? 0 : await runReminders(engine),
      refunds: opts.refunds === false ? 0 : await engine.runRefunds(now, 100),
      deliveries: opts.relay === false ? 0 : await relayBatch(engine.db, { now: () => engine.clock.now(), ...opts.relayOptions }, 100),
    };
    opts.onPass?.(done);
    if (now - lastCleanup > 60_000) {
      await engine.db.query('DELETE FROM idempotency_keys WHERE created_at < $1', [iso(now - keepKeys)]);
      lastCleanup = now;
    }
    const busy = done.deadlines + done.reminders + done.refunds + done.deliveries > 0;
    if (!busy) {
      if (opts.untilIdle) return;
      await sleep(opts.idleMs ?? 250, opts.signal);
    }
  }
}
