// What the chaos run must find at the end (issue 19 item 2): nothing lost, nothing doubled. Read
// straight from the store's tables, like the crash tests do: these are the facts being checked.
import type { Database } from '../../src/store/db.ts';
import type { Ack } from './load.ts';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

const count = async (db: Database, sql: string, params: unknown[] = []) => (await db.query<{ n: number }>(sql, params)).rows[0]!.n;

/**
 * Everything the controller can wait for is done: refunds paid, due deadlines fired, messages
 * delivered. A refund the provider failed waits its backoff (30 s, 2 min, 10 min…): the wait is
 * skipped — as if that time had passed — for refunds no live executor holds (no lease, or an
 * expired one), so the run ends in minutes; the executor and the provider's idempotency are the same.
 */
export async function drained(db: Database): Promise<boolean> {
  await db.query("UPDATE refunds SET next_attempt_at = now() WHERE status = 'pending' AND next_attempt_at > now() AND (lease_until IS NULL OR lease_until < now())");
  const left = await count(
    db,
    `SELECT ((SELECT count(*) FROM refunds WHERE status = 'pending')
           + (SELECT count(*) FROM deadlines WHERE status = 'pending' AND due_at <= now())
           + (SELECT count(*) FROM deliveries WHERE status = 'pending'))::int AS n`,
  );
  return left === 0;
}

/** `received`: message ids in the order the receiver answered them 2xx (first time each). */
export async function endChecks(db: Database, acks: Ack[], received: string[]): Promise<Check[]> {
  const checks: Check[] = [];
  const add = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });

  // Refunds: each case refunded at most once, each refund paid by the provider exactly once, for its amount.
  const doubleCase = await count(db, 'SELECT count(*)::int AS n FROM (SELECT case_id FROM refunds GROUP BY shop_id, case_id HAVING count(*) > 1) d');
  const refunds = await count(db, "SELECT count(*)::int AS n FROM refunds WHERE status = 'succeeded'");
  const paid = await count(db, 'SELECT count(*)::int AS n FROM provider_refunds');
  const mismatch = await count(
    db,
    `SELECT count(*)::int AS n FROM refunds r FULL JOIN provider_refunds p USING (shop_id, refund_id)
     WHERE r.refund_id IS NULL OR p.refund_id IS NULL OR r.amount <> p.amount OR r.status <> 'succeeded'`,
  );
  add('refunds paid exactly once', doubleCase === 0 && mismatch === 0 && refunds === paid, `${refunds} refunds succeeded, ${paid} paid by the provider, ${mismatch} without their payment or paid twice, ${doubleCase} cases refunded twice`);

  // Deadlines: none due left pending; each fired deadline fired once (one expiry event per deadline).
  const overdue = await count(db, "SELECT count(*)::int AS n FROM deadlines WHERE status = 'pending' AND due_at <= now()");
  const fired = await count(db, "SELECT count(*)::int AS n FROM deadlines WHERE status <> 'pending'");
  const twice = await count(
    db,
    "SELECT count(*)::int AS n FROM (SELECT order_id FROM events WHERE type = 'OrderDeadlineExpired' GROUP BY shop_id, order_id, data->>'kind' HAVING count(*) > 1) d",
  );
  const bursts = acks.filter((a) => a.step === 'burst_order').map((a) => a.id);
  const burstExpired = await count(db, "SELECT count(DISTINCT order_id)::int AS n FROM events WHERE type = 'OrderDeadlineExpired' AND order_id = ANY($1)", [bursts]);
  add('due deadlines fired exactly once', overdue === 0 && twice === 0 && burstExpired === bursts.length, `${fired} deadlines fired, ${overdue} due and still pending, ${twice} fired twice; ${burstExpired} of ${bursts.length} acknowledged overdue orders confirmed`);

  // Outbox: every delivery delivered; the receiver answered 2xx to every message; in order per stream.
  const undelivered = await count(db, "SELECT count(*)::int AS n FROM deliveries WHERE status <> 'delivered'");
  const rows = await db.query<{ id: string; stream_id: string }>('SELECT shop_id || \':\' || id AS id, stream_id FROM outbox ORDER BY id');
  const streamOf = new Map(rows.rows.map((r) => [r.id, r.stream_id]));
  const got = new Set(received);
  const missing = rows.rows.filter((r) => !got.has(r.id)).length;
  const lastInStream = new Map<string, number>();
  let outOfOrder = 0;
  for (const id of received) {
    const stream = streamOf.get(id);
    if (!stream) continue;
    const n = Number(id.split(':').at(-1));
    if ((lastInStream.get(stream) ?? -1) > n) outOfOrder++;
    lastInStream.set(stream, n);
  }
  add('outbox delivered at least once, in order per stream', undelivered === 0 && missing === 0 && outOfOrder === 0, `${rows.rows.length} messages, ${undelivered} deliveries not delivered, ${missing} never received, ${outOfOrder} received out of order`);

  // Acknowledged commands: each one is in the event store.
  const ids = (step: Ack['step']) => acks.filter((a) => a.step === step).map((a) => a.id);
  const orders = [...ids('order'), ...bursts];
  const ordersFound = await count(db, 'SELECT count(*)::int AS n FROM orders WHERE order_id = ANY($1)', [orders]);
  const casesFound = await count(db, 'SELECT count(*)::int AS n FROM cases WHERE case_id = ANY($1)', [ids('apply')]);
  const agreedFound = await count(db, "SELECT count(DISTINCT stream_id)::int AS n FROM events WHERE type = 'MerchantAgreed' AND stream_id = ANY($1)", [ids('agree').map((c) => `case:${c}`)]);
  const uploads = ids('upload');
  const uploadsFound = await count(db, 'SELECT count(DISTINCT case_id)::int AS n FROM evidence_files WHERE case_id = ANY($1)', [uploads]);
  const lost = orders.length - ordersFound + ids('apply').length - casesFound + ids('agree').length - agreedFound + uploads.length - uploadsFound;
  add('no acknowledged command lost', lost === 0, `${acks.length} acknowledged: orders ${ordersFound}/${orders.length}, applications ${casesFound}/${ids('apply').length}, agreements ${agreedFound}/${ids('agree').length}, uploads ${uploadsFound}/${uploads.length}`);
  return checks;
}
