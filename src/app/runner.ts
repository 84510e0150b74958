// The deadline runner (SPEC §4 超时机制). Any number of runner processes share the deadlines
// table: each claims a batch of due deadlines with FOR UPDATE SKIP LOCKED and a lease, then fires
// them through the engine. Firing is exactly once whatever happens: the decider ignores a
// deadline that no longer matches its case (stale) and the order's version check lets only one
// of two concurrent firings commit; a runner killed mid-batch leaves leases that simply expire.
import type { DueDeadline } from '../store/event-store.ts';
import type { Engine } from './engine.ts';

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
  const claimed = await engine.claimDeadlines(opts.batch ?? 1000, opts.leaseMs);
  const first = new Map<string, DueDeadline>();
  const later: DueDeadline[] = [];
  for (const d of claimed) {
    // Complaints', shops', the platform's (SPEC §8) and tickets' (§10.1) deadlines go one by one, each in its own transaction.
    if ((d.aggregate ?? 'order') !== 'order') {
      later.push(d);
      continue;
    }
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
  // A burst of ticket SLAs: the first deadline of each ticket in chunks of `chunk` tickets per
  // transaction, as orders are (SPEC §10.1).
  const ticketHeads = new Map<string, DueDeadline>();
  const rest: DueDeadline[] = [];
  for (const d of later) {
    if (d.aggregate === 'ticket' && !ticketHeads.has(aggregateKey(d))) ticketHeads.set(aggregateKey(d), d);
    else rest.push(d);
  }
  const ticketChunks: DueDeadline[][] = [];
  const heads2 = [...ticketHeads.values()];
  for (let i = 0; i < heads2.length; i += size) ticketChunks.push(heads2.slice(i, i + size));
  const ticketWorker = async () => {
    for (let c = ticketChunks.shift(); c; c = ticketChunks.shift()) fired += await engine.fireTicketBatch(c);
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 4, ticketChunks.length) }, ticketWorker));
  // The rest one transaction each: distinct aggregates side by side, one aggregate's in due order.
  const groups = new Map<string, DueDeadline[]>();
  for (const d of rest) groups.set(aggregateKey(d), [...(groups.get(aggregateKey(d)) ?? []), d]);
  const queue = [...groups.values()];
  const one = async () => {
    for (let g = queue.shift(); g; g = queue.shift()) for (const d of g) if (await engine.fire(d)) fired++;
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 4, queue.length) }, one));
  return fired;
}

/** The aggregate a deadline belongs to: its order, complaint, shop or ticket (subject ticket:<id>:<kind>). */
function aggregateKey(d: DueDeadline): string {
  switch (d.aggregate ?? 'order') {
    case 'order':
      return `${d.shopId}\u0000order:${d.orderId}`;
    case 'shop':
      return `${d.shopId}\u0000shop`;
    case 'ticket':
      return `${d.shopId}\u0000${d.subject.replace(/:[a-z_]+$/, '')}`;
    default:
      return `${d.shopId}\u0000${d.subject}`;
  }
}

/**
 * Sends due reminders (SPEC §4: e.g. 24 h before auto-agree) as outbox messages. Claim and write
 * happen in one transaction, so each reminder goes out once.
 */
export function runReminders(engine: Engine, limit = 200): Promise<number> {
  return engine.sendReminders(limit);
}
