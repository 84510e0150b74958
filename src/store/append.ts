// Appending decisions: the events of one or many orders, and everything derived from them, in a
// fixed number of statements whatever the batch size (the deadline runner fires hundreds of
// orders per transaction). Optimistic concurrency: every order's version must still be the one it
// was loaded at, or the whole batch throws ConflictError and nothing is written.
import { writeLedgerPair } from './ledger.ts';
import type { DomainEvent } from '../domain/events.ts';
import { caseIdOf } from '../domain/events.ts';
import { orderRefunded } from '../domain/money.ts';
import type { Deadline, OrderContext } from '../domain/state.ts';
import type { Actor, Instant } from '../domain/types.ts';
import type { Sql } from './db.ts';
import { ConflictError, eventHash, type LoadedOrder } from './event-store.ts';
import { outboxCtes, type OutboxMessage } from './outbox.ts';
import { factCtes, type DatedFact } from './metrics.ts';
import { signalCte, type SignalInsert } from './automation.ts';
import { notificationCte, type NotificationRow } from './notifications.ts';
import { iso } from './time.ts';

export interface Decided {
  loaded: LoadedOrder | null;
  next: OrderContext;
  events: readonly DomainEvent[];
  actor: Actor;
  /** SPEC §8.4: the metric facts of these events, written in the same statement as the events. */
  facts?: readonly DatedFact[];
  /** SPEC §10.4 / §10.5: the buyer's risk signals and the notifications these events give, in the same statement too. */
  signals?: readonly SignalInsert[];
  notifications?: readonly NotificationRow[];
}

/** Collects parameters and hands out their placeholders. */
class Params {
  readonly values: unknown[] = [];
  add(v: unknown, cast = ''): string {
    this.values.push(v);
    return `$${this.values.length}${cast}`;
  }
  /** A VALUES row; a cell given as { ref } reuses a placeholder already added. */
  row(...cells: ([unknown, string?] | { ref: string })[]): string {
    return `(${cells.map((c) => ('ref' in c ? c.ref : this.add(c[0], c[1]))).join(',')})`;
  }
}

export async function appendDecisions(tx: Sql, items: readonly Decided[], recordedAt: Instant): Promise<number[]> {
  const now = iso(recordedAt);
  // Issue 18: the order's version check is one statement (`op`), everything else one more (`p`).
  const op = new Params();
  const p = new Params();
  const insertRows: string[] = [];
  const updateRows: string[] = [];
  const eventRows: string[] = [];
  const caseRows: string[] = [];
  const messages: OutboxMessage[] = [];
  const versions: number[] = [];

  for (const { loaded, next, events, actor } of items) {
    const order = next.order!;
    const [shopId, orderId] = [order.shopId, order.id];
    const prevCases = loaded?.ctx.cases ?? {};
    const baseVersion = loaded?.version ?? 0;
    let orderStream = loaded?.streamVersion ?? 0;
    let orderHash = loaded?.lastHash ?? null;
    const caseVersions: Record<string, number> = {};
    const caseHashes: Record<string, string | null> = { ...(loaded?.caseHashes ?? {}) };
    const actorJson = JSON.stringify(actor);
    events.forEach((e, i) => {
      // Each event goes to its stream (the case's, or the order's) and hashes the one before it.
      const caseId = caseIdOf(e);
      const streamId = caseId ? `case:${caseId}` : `order:${orderId}`;
      const streamVersion = caseId ? (caseVersions[caseId] = (caseVersions[caseId] ?? prevCases[caseId]?.version ?? 0) + 1) : ++orderStream;
      const prev = caseId ? (caseHashes[caseId] ?? null) : orderHash;
      const occurredAt = iso(e.at);
      const hash = eventHash(prev, { streamId, streamVersion, type: e.type, data: e, occurredAt });
      if (caseId) caseHashes[caseId] = hash;
      else orderHash = hash;
      const seq = baseVersion + i + 1;
      eventRows.push(p.row([shopId], [orderId], [seq], [streamId], [streamVersion], [e.type], [JSON.stringify(e)], [actorJson], [occurredAt], [now], [prev], [hash]));
      messages.push({ shopId, orderId, streamId, type: e.type, eventSeq: seq });
    });
    const version = baseVersion + events.length;
    versions.push(version);
    const cells: [unknown, string?][] = [
      [shopId, '::text'],
      [orderId, '::text'],
      [order.buyerId, '::text'],
      [order.status, '::text'],
      [version, '::integer'],
      [orderStream, '::integer'],
      [orderHash, '::text'],
      [order.autoConfirm.dueAt === null ? null : iso(order.autoConfirm.dueAt), '::timestamptz'],
      [orderRefunded(order), '::bigint'],
      [order.compensation, '::bigint'],
      [JSON.stringify(order), '::jsonb'],
      [now, '::timestamptz'],
    ];
    if (loaded) updateRows.push(op.row(...cells, [baseVersion, '::integer']));
    else insertRows.push(op.row(...cells, [order.currency, '::text'])); // SPEC §13: set once, never changes

    for (const caseId of Object.keys(caseVersions)) {
      const c = next.cases[caseId]!;
      caseRows.push(
        p.row(
          [shopId], [caseId], [orderId], [c.buyerId], [c.type], [c.reason], [c.status], [c.phase], [c.amount], [c.refunded], [c.liability],
          [c.status === 'closed' ? c.closedReason : null], [c.deadline?.kind ?? null], [c.deadline ? iso(c.deadline.dueAt) : null],
          [iso(c.appliedAt)], [now], [c.version], [caseHashes[caseId]], [JSON.stringify(c)],
        ),
      );
    }
  }

  // The order rows first, on their own: the version check takes the order's row lock before
  // anything else is written, so concurrent writers of one order queue there, and the one that
  // finds the version moved stops (ConflictError, retried on fresh state) before its other writes
  // could meet the winner's rows in any other unique key.
  if (insertRows.length) {
    const r = await tx.query(
      `INSERT INTO orders (shop_id, order_id, buyer_id, status, version, stream_version, last_hash, auto_confirm_at, refunded, compensation, state, updated_at, currency)
       VALUES ${insertRows.join(',')} ON CONFLICT (shop_id, order_id) DO NOTHING`,
      op.values,
    );
    if (r.affectedRows !== insertRows.length) throw new ConflictError('an order was created concurrently');
  }
  if (updateRows.length) {
    const r = await tx.query(
      `UPDATE orders o SET buyer_id = v.buyer_id, status = v.status, version = v.version, stream_version = v.stream_version,
         last_hash = v.last_hash, auto_confirm_at = v.auto_confirm_at, refunded = v.refunded, compensation = v.compensation,
         state = v.state, updated_at = v.updated_at
       FROM (VALUES ${updateRows.join(',')}) v(shop_id, order_id, buyer_id, status, version, stream_version, last_hash, auto_confirm_at,
         refunded, compensation, state, updated_at, base)
       WHERE o.shop_id = v.shop_id AND o.order_id = v.order_id AND o.version = v.base`,
      op.values,
    );
    if (r.affectedRows !== updateRows.length) throw new ConflictError('an order changed concurrently');
  }
  const ctes: string[] = [];
  const facts = items.flatMap((x) => x.facts ?? []);
  if (facts.length) ctes.push(factCtes(facts, (v) => p.add(v)));
  if (eventRows.length) {
    ctes.push(`event_new AS (INSERT INTO events (shop_id, order_id, seq, stream_id, stream_version, type, data, actor, occurred_at, recorded_at, prev_hash, hash)
       VALUES ${eventRows.join(',')})`);
  }
  if (caseRows.length) {
    ctes.push(`case_set AS (INSERT INTO cases (shop_id, case_id, order_id, buyer_id, type, reason, status, phase, amount, refunded, liability, closed_reason,
         deadline_kind, deadline_due, applied_at, updated_at, version, last_hash, state)
       VALUES ${caseRows.join(',')}
       ON CONFLICT (shop_id, case_id) DO UPDATE SET type=EXCLUDED.type, reason=EXCLUDED.reason, status=EXCLUDED.status,
         amount=EXCLUDED.amount, refunded=EXCLUDED.refunded, liability=EXCLUDED.liability, closed_reason=EXCLUDED.closed_reason,
         deadline_kind=EXCLUDED.deadline_kind, deadline_due=EXCLUDED.deadline_due, updated_at=EXCLUDED.updated_at,
         version=EXCLUDED.version, last_hash=EXCLUDED.last_hash, state=EXCLUDED.state)`);
  }
  ctes.push(...deadlineCtes(p, items, now));
  if (messages.length) ctes.push(...outboxCtes(messages, p.add(now), (v) => p.add(v)));
  const signals = items.flatMap((x) => x.signals ?? []);
  if (signals.length) ctes.push(signalCte(signals, (v) => p.add(v)));
  const notes = items.flatMap((x) => x.notifications ?? []);
  if (notes.length) ctes.push(notificationCte(notes, p.add(now), (v) => p.add(v)));
  // Issue 18: the events (with their hash chain and metric facts), the case projections, the
  // deadlines, the outbox with its fan-out, the buyer's signals and the notifications in ONE
  // statement: PostgreSQL runs every data-modifying part of a WITH exactly once, on one snapshot.
  // Money rows (rare events) follow.
  if (ctes.length) await tx.query(`WITH ${ctes.join(',\n     ')} SELECT 1`, p.values);
  await recordMoney(tx, items, now);
  return versions;
}

/**
 * Deadline rows follow the state: a deadline the decision ended is marked fired (its expiry is
 * among the events) or cancelled, a new one is inserted — all orders' changes in one statement.
 */
function deadlineCtes(p: Params, items: readonly Decided[], now: string): string[] {
  // Added when used: a placeholder no part of the statement reads has no type (an error).
  let nowP: string | undefined;
  const nowRef = () => (nowP ??= p.add(now, '::timestamptz'));
  const ends: string[] = [];
  const starts: string[] = [];
  for (const { loaded, next, events } of items) {
    const o = next.order!;
    const subjects: [string, Deadline<string> | null, Deadline<string> | null][] = [['order', loaded?.ctx.order?.deadline ?? null, o.deadline]];
    for (const [id, c] of Object.entries(next.cases)) subjects.push([id, loaded?.ctx.cases[id]?.deadline ?? null, c.deadline]);
    for (const [subject, before, after] of subjects) {
      if (before && after && before.kind === after.kind && before.dueAt === after.dueAt) continue;
      if (before) {
        const fired = events.some(
          (e) =>
            (e.type === 'CaseDeadlineExpired' && e.caseId === subject && e.kind === before.kind && e.dueAt === before.dueAt) ||
            (e.type === 'OrderDeadlineExpired' && subject === 'order' && e.kind === before.kind && e.dueAt === before.dueAt),
        );
        ends.push(p.row([o.shopId, '::text'], [o.id, '::text'], [subject, '::text'], [before.kind, '::text'], [iso(before.dueAt), '::timestamptz'], [fired ? 'fired' : 'cancelled', '::text']));
      }
      if (after) {
        starts.push(
          p.row([o.shopId, '::text'], [o.id, '::text'], [subject, '::text'], [after.kind, '::text'], [iso(after.dueAt), '::timestamptz'], [after.policyVersion, '::text'], ['pending', '::text'], { ref: nowRef() }, [after.remindAt ? iso(after.remindAt) : null, '::timestamptz']),
        );
      }
    }
  }
  if (!ends.length && !starts.length) return [];
  const end = ends.length
    ? `UPDATE deadlines d SET status = v.status, fired_at = CASE WHEN v.status = 'fired' THEN ${nowRef()} END
       FROM (VALUES ${ends.join(',')}) v(shop_id, order_id, subject, kind, due_at, status)
       WHERE d.shop_id = v.shop_id AND d.order_id = v.order_id AND d.subject = v.subject AND d.kind = v.kind AND d.due_at = v.due_at
         AND d.status = 'pending'`
    : '';
  // The insert reads the update's result, so the update has finished before a new pending row
  // meets the one-pending-per-subject index (sub-statements of a WITH otherwise run in any order).
  const start = starts.length
    ? `INSERT INTO deadlines (shop_id, order_id, subject, kind, due_at, policy_version, status, created_at, remind_at)
       SELECT * FROM (VALUES ${starts.join(',')}) v ${ends.length ? 'WHERE (SELECT count(*) FROM ended) >= 0' : ''}
       ON CONFLICT (shop_id, order_id, subject, kind, due_at) DO UPDATE SET status = 'pending', fired_at = NULL, lease_until = NULL,
         policy_version = EXCLUDED.policy_version, remind_at = EXCLUDED.remind_at, reminded_at = NULL`
    : '';
  return [...(end ? [`ended AS (${end} RETURNING 1)`] : []), ...(start ? [`started AS (${start})`] : [])];
}

/** Refund rows for the executor (SPEC §5) and the double-entry ledger of compensation (§6). */
async function recordMoney(tx: Sql, items: readonly Decided[], now: string): Promise<void> {
  for (const { loaded, next, events } of items) {
    const [shopId, orderId, currency] = [next.order!.shopId, next.order!.id, next.order!.currency];
    const baseVersion = loaded?.version ?? 0;
    for (const [i, e] of events.entries()) {
      if (e.type === 'RefundRequested') {
        // Due from the decision's own instant, so an executor running at that instant finds it.
        await tx.query(
          `INSERT INTO refunds (shop_id, refund_id, order_id, case_id, amount, next_attempt_at, created_at, currency) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
          [shopId, e.plan.refundId, orderId, e.caseId, e.plan.total, iso(e.at), now, currency],
        );
      } else if (e.type === 'RefundCompleted') {
        await tx.query(`UPDATE refunds SET status = 'succeeded', completed_at = $3, lease_until = NULL WHERE shop_id = $1 AND refund_id = $2`, [shopId, e.refundId, now]);
      } else if (e.type === 'CompensationPaid' || e.type === 'ClaimRecorded') {
        const id = `${orderId}:${baseVersion + i + 1}`;
        const [creditTo, debitFrom, kind] =
          e.type === 'CompensationPaid' ? ['buyer_credit', 'merchant_deposit', e.kind] : [`${e.against}_claim`, 'platform_advance', e.kind ?? 'advance_payment'];
        await writeLedgerPair(tx, { shopId, id, orderId, caseId: e.forCase, credit: creditTo, debit: debitFrom, kind, amount: e.amount, at: e.at, currency });
      }
    }
  }
}
