// `aftersale worker`: the background loops of one process — deadline runner, reminders, refund
// executor, webhook relay, and the cleanup of expired idempotency keys. Run as many copies as
// needed against one PostgreSQL: they share nothing but the database.
import type { Instant } from '../domain/types.ts';
import type { Engine } from './engine.ts';
import type { RelayOptions } from './relay.ts';
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
  let failures = 0;
  // One loop's failure (a provider down, a deadlock, a lost connection) must not stop the others
  // or the process: it is logged, and the loop is tried again on the next pass.
  const guarded = async (name: string, enabled: boolean | undefined, fn: () => Promise<number>): Promise<number> => {
    if (enabled === false) return 0;
    try {
      return await fn();
    } catch (e) {
      failures++;
      console.error(JSON.stringify({ level: 'error', loop: name, error: (e as Error).message }));
      return 0;
    }
  };
  while (!opts.signal?.aborted) {
    const now: Instant = engine.clock.now();
    const before = failures;
    const done = {
      deadlines: await guarded('deadlines', opts.deadlines, () => runDeadlines(engine, { leaseMs: opts.leaseMs, batch: opts.batch, chunk: opts.chunk })),
      reminders: await guarded('reminders', opts.reminders, () => runReminders(engine)),
      refunds: await guarded('refunds', opts.refunds, () => engine.runRefunds(now, 100)),
      deliveries: await guarded('relay', opts.relay, () => engine.relay(opts.relayOptions ?? {}, 100)),
    };
    if (failures > before) await sleep(Math.min(5_000, 250 * 2 ** Math.min(failures - before, 4)), opts.signal);
    opts.onPass?.(done);
    if (now - lastCleanup > 60_000) {
      await guarded('cleanup', true, async () => (await engine.purgeIdempotency(keepKeys), 0));
      lastCleanup = now;
    }
    const busy = done.deadlines + done.reminders + done.refunds + done.deliveries > 0;
    if (!busy) {
      if (opts.untilIdle) return;
      await sleep(opts.idleMs ?? 250, opts.signal);
    }
  }
}
