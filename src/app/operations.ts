// The engine's operations side: readiness, the request limit, gauges for /metrics, the invariant
// audit, history export, and what the worker loops claim (deadlines, reminders, deliveries).
import type { Instant } from '../domain/types.ts';
import { buyersPerStatus } from '../store/case-reads.ts';
import { claimDeadlines as claimDue, claimReminders } from '../store/deadlines.ts';
import { streamEvents, verifyAll, verifyEvents } from '../store/history.ts';
import { purgeIdempotencyKeys } from '../store/idempotency.ts';
import { opsGauges, ping } from '../store/ops-gauges.ts';
import { writeOutbox } from '../store/outbox.ts';
import { buyerOfOrder, writeNotifications } from '../store/notifications.ts';
import { deadlineReminder } from './desk/case-notify.ts';
import { ticketOfSubject, ticketReminder } from './desk/notify.ts';
import { countInWindow, HTTP_BUCKET } from '../store/rate-limits.ts';
import { iso } from '../store/time.ts';
import { doctor } from './doctor.ts';
import type { EngineCore } from './engine-core.ts';
import { relayBatch, type RelayOptions } from './relay.ts';

export function createOperations(core: EngineCore) {
  const { db, clock } = core;
  /** Readiness: the database answers (throws when it does not). */
  const ready = () => ping(db);

  /** Counts a request of `who` in this minute's window (shared by every process). */
  async function countRequest(who: string): Promise<{ count: number; retryAfterMs: number }> {
    const now = clock.now();
    const window = now - (now % 60_000);
    return { count: await countInWindow(db, HTTP_BUCKET, who, window), retryAfterMs: window + 60_000 - now };
  }

  const gauges = () => opsGauges(db, clock.now());
  /** Every invariant a crash or a race could break (`aftersale doctor`). */
  const audit = () => doctor(db, clock.now());
  /** A case's stored events and whether its hash chain holds. */
  async function caseHistoryChecked(caseId: string) {
    const events = await streamEvents(db, `case:${caseId}`);
    return { events, breaks: verifyEvents(events) };
  }
  const verifyHistories = () => verifyAll(db);

  /** Claims due deadlines for a runner, for `leaseMs`. */
  const claimDeadlines = (limit: number, leaseMs?: number) => claimDue(db, clock.now(), limit, leaseMs);

  /**
   * Sends due reminders (SPEC §4: e.g. 24 h before auto-agree) as outbox messages. Claim and write
   * happen in one transaction, so each reminder goes out once.
   */
  async function sendReminders(limit = 200): Promise<number> {
    const now = clock.now();
    return db.transaction(async (tx) => {
      const due = await claimReminders(tx, now, limit);
      for (const x of due) {
        const streamId =
          x.aggregate === 'complaint' || x.aggregate === 'claim'
            ? x.subject
            : x.aggregate === 'shop'
              ? `shop:${x.shopId}`
              : x.aggregate === 'ticket'
                ? ticketOfSubject(x.subject)
                : x.subject === 'order'
                  ? `order:${x.orderId}`
                  : `case:${x.subject}`;
        // SPEC §10.1: a ticket's SLA reminder is the merchant's to act on: a notification too.
        if (x.aggregate === 'ticket') await writeNotifications(tx, [ticketReminder(x, streamId)], now);
        // SPEC §10.5: a case's or an order's reminder too, for the party the deadline waits on.
        if ((x.aggregate ?? 'order') === 'order') {
          const n = deadlineReminder(x, await buyerOfOrder(tx, x.shopId, x.orderId));
          if (n) await writeNotifications(tx, [n], now);
        }
        await writeOutbox(
          tx,
          [{ shopId: x.shopId, orderId: x.orderId, streamId, type: 'DeadlineReminder', payload: { shop: x.shopId, order: x.orderId, stream: streamId, deadline: { kind: x.kind, due: iso(x.dueAt) } } }],
          now,
        );
      }
      return due.length;
    });
  }

  /** Delivers due webhook messages. */
  const relay = (opts: Partial<RelayOptions>, limit: number) => relayBatch(db, { now: () => clock.now(), urlPolicy: core.webhooks.urls, resolve: core.webhooks.resolve, keyring: core.webhooks.keyring, ...opts }, limit);
  /** Forgets idempotency keys older than `keepMs`. */
  const purgeIdempotency = (keepMs: number) => purgeIdempotencyKeys(db, clock.now() - keepMs);
  /** For each status, the first buyer with a case in it (the demo's sign-in page). */
  const buyersByStatus = (statuses: readonly string[]) => buyersPerStatus(db, statuses);

  return { ready, countRequest, gauges, audit, caseHistoryChecked, verifyHistories, claimDeadlines, sendReminders, relay, purgeIdempotency, buyersByStatus, now: (): Instant => clock.now() };
}
