// The deadline runner (SPEC §4 超时机制). Any number of runner processes share the deadlines
// table: each claims a batch of due deadlines with FOR UPDATE SKIP LOCKED and a lease, then fires
// them through the engine. Firing is exactly once whatever happens: the decider ignores a
// deadline that no longer matches its case (stale) and the order's version check lets only one
// of two concurrent firings commit; a runner killed mid-batch leaves leases that simply expire.
import type { Instant } from '../domain/types.ts';
import type { Sql } from '../store/db.ts';
import type { DueDeadline } from '../store/event-store.ts';
import { writeOutbox } from '../store/outbox.ts';
import { iso, toMs } from '../store/time.ts';
import type { Engine } from './engine.ts';

/** Claims up to `limit` due deadlines no other runner holds, for `leaseMs`. */
export async function claimDeadlines(sql: Sql, now: Instant, limit: number, leaseMs = 60_000): Promise<DueDeadline[]> {
  const r = await sql.query<{ shop_id: string; order_id: string; subject: string; kind: string; due_at: Date }>(
    `UPDATE deadlines d SET lease_until = $2
     FROM (SELECT shop_id, order_id, subject, kind, due_at FROM deadlines
           WHERE status = 'pending' AND due_at <= $1 AND (lease_until IS NULL OR lease_until < $1)
             AND NOT EXISTS (SELECT 1 FROM shops s WHERE s.shop_id = deadlines.shop_id AND s.sandbox_clock IS NOT NULL)
           ORDER BY due_at LIMIT $3 FOR UPDATE SKIP LOCKED) c
     WHERE d.shop_id = c.shop_id AND d.order_id = c.order_id AND d.subject = c.subject AND d.kind = c.kind AND d.due_at = c.due_at
     RETURNING d.shop_id, d.order_id, d.subject, d.kind, d.due_at`,
    [iso(now), iso(now + leaseMs), limit],
  );
  return r.rows
    .map((x) => ({ shopId: x.shop_id, orderId: x.order_id, subject: x.subject, kind: x.kind, dueAt: toMs(x.due_at) }))
    .sort((a, b) => a.dueAt - b.dueAt);
}

/**
 * One pass: claim due deadlines and fire them. The first deadline of each order goes out in
 * chunks of `chunk` orders per transaction, `concurrency` chunks at a time; an order's later
 * deadlines (rare: an order and one of its cases due together) follow one by one, in due order.
 * Returns how many fired.
 */
export async function runDeadlines(
  engine: Engine,
  opts: { batch?: number; chunk?: number; concurrency?: number; leaseMs?: number } = {},
): Promise<number> {
  const claimed = await claimDeadlines(engine.db, engine.clock.now(), opts.batch ?? 1000, opts.leaseMs);
  const first = new Map<string, DueDeadline>();
  const later: DueDeadline[] = [];
  for (const d of claimed) {
    const key = `${d.shopId}\u0000${d.orderId}`;
    if (first.has(key)) later.push(d);
    else first.set(key, d);
  }
  const size = opts.chunk ?? 100;
  const chunks: DueDeadline[][] = [];
  const heads = [...first.values()];
  for (let i = 0; i < heads.length; i += size) chunks.push(heads.slice(i, i + size));
  let fired = 0;
  const worker = async () => {
    for (let c = chunks.shift(); c; c = chunks.shift()) fired += await engine.fireBatch(c);
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 4, chunks.length) }, worker));
  for (const d of later) if (await engine.fire(d)) fired++;
  return fired;
}

/**
 * Sends due reminders (SPEC §4: e.g. 24 h before auto-agree) as outbox messages. Claim and write
 * happen in one transaction, so each reminder goes out once.
 */
export async function runReminders(engine: Engine, limit = 200): Promise<number> {
  const now = engine.clock.now();
  return engine.db.transaction(async (tx) => {
    const r = await tx.query<{ shop_id: string; order_id: string; subject: string; kind: string; due_at: Date }>(
      `UPDATE deadlines d SET reminded_at = $1
       FROM (SELECT shop_id, order_id, subject, kind, due_at FROM deadlines
             WHERE status = 'pending' AND reminded_at IS NULL AND remind_at <= $1
               AND NOT EXISTS (SELECT 1 FROM shops s WHERE s.shop_id = deadlines.shop_id AND s.sandbox_clock IS NOT NULL)
             ORDER BY remind_at LIMIT $2 FOR UPDATE SKIP LOCKED) c
       WHERE d.shop_id = c.shop_id AND d.order_id = c.order_id AND d.subject = c.subject AND d.kind = c.kind AND d.due_at = c.due_at
       RETURNING d.shop_id, d.order_id, d.subject, d.kind, d.due_at`,
      [iso(now), limit],
    );
    for (const x of r.rows) {
      const streamId = x.subject === 'order' ? `order:${x.order_id}` : `case:${x.subject}`;
      await writeOutbox(
        tx,
        [{ shopId: x.shop_id, orderId: x.order_id, streamId, type: 'DeadlineReminder', payload: { shop: x.shop_id, order: x.order_id, stream: streamId, deadline: { kind: x.kind, due: iso(toMs(x.due_at)) } } }],
        now,
      );
    }
    return r.rows.length;
  });
}
