// Transactional outbox and webhook deliveries. Messages are written in the command's transaction
// and fanned out to the shop's and the platform's endpoints there too, so a committed event can
// never miss a delivery; the relay then delivers each at least once, in order per stream.
import type { Sql } from './db.ts';
import { iso, toMs } from './time.ts';
import type { Instant } from '../domain/types.ts';

export const PLATFORM = '_platform';

/** A message's payload: its own, or built from the event it refers to (`e`: events, `m`: outbox). */
const PAYLOAD = `coalesce(m.payload, jsonb_build_object('shop', e.shop_id, 'order', e.order_id, 'stream', e.stream_id,
  'stream_version', e.stream_version, 'occurred_at', e.occurred_at, 'actor', e.actor, 'event', e.data))`;

/** An event's message (by its position in the order) or a message with its own payload. */
export type OutboxMessage = { shopId: string; orderId: string; streamId: string; type: string } & ({ eventSeq: number } | { payload: unknown });

export async function writeOutbox(tx: Sql, messages: readonly OutboxMessage[], now: Instant): Promise<void> {
  if (messages.length === 0) return;
  const params: unknown[] = [];
  const add = (v: unknown) => `$${params.push(v)}`;
  // One round trip: the messages, and their fan-out to every active endpoint of the shop and the platform.
  await tx.query(`WITH ${outboxCtes(messages, add(iso(now)), add).join(', ')} SELECT 1`, params);
}

/**
 * The messages and their fan-out as two parts of a WITH (`ob`, `ob_fan`), for a statement that
 * writes other tables too (src/store/append.ts). `createdAt`: the placeholder of their instant.
 */
export function outboxCtes(messages: readonly OutboxMessage[], createdAt: string, add: (v: unknown) => string): string[] {
  const values = messages.map(
    (m) =>
      `(${add(m.shopId)}, ${add(m.orderId)}, ${add(m.streamId)}, ${add(m.type)}, ${add('payload' in m ? JSON.stringify(m.payload) : null)}::jsonb, ${add('eventSeq' in m ? m.eventSeq : null)}::integer, ${createdAt}::timestamptz)`,
  );
  return [
    `ob AS (INSERT INTO outbox (shop_id, order_id, stream_id, type, payload, event_seq, created_at) VALUES ${values.join(',')}
       RETURNING shop_id, id, stream_id, created_at)`,
    `ob_fan AS (INSERT INTO deliveries (shop_id, message_id, endpoint_shop, endpoint_id, stream_id, next_attempt_at)
       SELECT ob.shop_id, ob.id, w.shop_id, w.endpoint_id, ob.stream_id, ob.created_at
       FROM ob JOIN webhook_endpoints w ON w.shop_id IN (ob.shop_id, '${PLATFORM}') AND w.active)`,
  ];
}

export interface Endpoint {
  shopId: string;
  endpointId: string;
  url: string;
  secret: string;
  maxAttempts: number;
}

export async function addEndpoint(sql: Sql, e: Endpoint, now: Instant): Promise<void> {
  await sql.query(
    `INSERT INTO webhook_endpoints (shop_id, endpoint_id, url, secret, max_attempts, created_at) VALUES ($1,$2,$3,$4,$5,$6)
     ON CONFLICT (shop_id, endpoint_id) DO UPDATE SET url = EXCLUDED.url, secret = EXCLUDED.secret, max_attempts = EXCLUDED.max_attempts, active = true`,
    [e.shopId, e.endpointId, e.url, e.secret, e.maxAttempts, iso(now)],
  );
}

export interface ClaimedDelivery {
  shopId: string;
  messageId: number;
  endpoint: Endpoint;
  attempts: number;
  message: { streamId: string; type: string; payload: unknown; createdAt: Instant };
}

/**
 * Locks up to `limit` due deliveries whose stream has no earlier undelivered message for the same
 * endpoint (in order per case: so at most one per stream), skipping rows other relays hold. Call
 * inside a transaction and keep it open while delivering: a relay that dies releases the rows and
 * they are delivered again.
 */
export async function claimDeliveries(tx: Sql, now: Instant, limit: number): Promise<ClaimedDelivery[]> {
  if (!tx.citus) return (await tx.query<DeliveryRow>(deliveryQuery(false), [iso(now), limit])).rows.map(toClaimed);
  // docs/scaling.md (Citus): a multi-shard SELECT takes no row locks. Read the first due deliveries
  // without locking, then lock each with a statement naming its shop (one shard) that checks the
  // same conditions again: a delivery another relay holds or sent meanwhile is skipped.
  const candidates = await tx.query<{ shop_id: string; message_id: number; endpoint_shop: string; endpoint_id: string }>(
    `SELECT d.shop_id, d.message_id, d.endpoint_shop, d.endpoint_id FROM deliveries d
     WHERE d.status = 'pending' AND d.next_attempt_at <= $1 AND ${NO_EARLIER_PENDING}
     ORDER BY d.next_attempt_at, d.message_id LIMIT $2`,
    [iso(now), limit],
  );
  const claimed: ClaimedDelivery[] = [];
  for (const c of candidates.rows) {
    const r = await tx.query<DeliveryRow>(deliveryQuery(true), [iso(now), c.shop_id, c.message_id, c.endpoint_shop, c.endpoint_id]);
    if (r.rows[0]) claimed.push(toClaimed(r.rows[0]));
  }
  return claimed;
}

/** No earlier message of the same stream is still pending for the same endpoint (in order per case). */
const NO_EARLIER_PENDING = `NOT EXISTS (SELECT 1 FROM deliveries e
  WHERE e.shop_id = d.shop_id AND e.endpoint_shop = d.endpoint_shop AND e.endpoint_id = d.endpoint_id
    AND e.stream_id = d.stream_id AND e.message_id < d.message_id AND e.status = 'pending')`;

type DeliveryRow = {
  shop_id: string;
  message_id: number;
  endpoint_shop: string;
  endpoint_id: string;
  attempts: number;
  url: string;
  secret: string;
  max_attempts: number;
  stream_id: string;
  type: string;
  payload: unknown;
  created_at: Date;
};

/**
 * Due deliveries, locked: the first $2 of them, or (`one`) the one named by $2-$5, so the
 * statement routes to one shard on Citus.
 */
function deliveryQuery(one: boolean): string {
  return `SELECT d.shop_id, d.message_id, d.endpoint_shop, d.endpoint_id, d.attempts, w.url, w.secret, w.max_attempts,
            m.stream_id, m.type, ${PAYLOAD} AS payload, m.created_at
     FROM deliveries d
     JOIN webhook_endpoints w ON w.shop_id = d.endpoint_shop AND w.endpoint_id = d.endpoint_id
     JOIN outbox m ON m.shop_id = d.shop_id AND m.id = d.message_id
     LEFT JOIN events e ON e.shop_id = m.shop_id AND e.order_id = m.order_id AND e.seq = m.event_seq
     WHERE d.status = 'pending' AND d.next_attempt_at <= $1 AND ${NO_EARLIER_PENDING}
       ${one ? 'AND d.shop_id = $2 AND d.message_id = $3 AND d.endpoint_shop = $4 AND d.endpoint_id = $5' : ''}
     ORDER BY d.next_attempt_at, d.message_id
     LIMIT ${one ? '1' : '$2'}
     FOR UPDATE OF d SKIP LOCKED`;
}

function toClaimed(x: DeliveryRow): ClaimedDelivery {
  return {
    shopId: x.shop_id,
    messageId: Number(x.message_id),
    attempts: x.attempts,
    endpoint: { shopId: x.endpoint_shop, endpointId: x.endpoint_id, url: x.url, secret: x.secret, maxAttempts: x.max_attempts },
    message: { streamId: x.stream_id, type: x.type, payload: x.payload, createdAt: toMs(x.created_at) },
  };
}

export async function recordAttempt(
  tx: Sql,
  d: ClaimedDelivery,
  outcome: { ok: true; at: Instant } | { ok: false; error: string; retryAt: Instant | null },
): Promise<void> {
  const key = [d.shopId, d.messageId, d.endpoint.shopId, d.endpoint.endpointId];
  if (outcome.ok) {
    await tx.query(
      `UPDATE deliveries SET status = 'delivered', attempts = attempts + 1, delivered_at = $5, last_error = NULL
       WHERE shop_id = $1 AND message_id = $2 AND endpoint_shop = $3 AND endpoint_id = $4`,
      [...key, iso(outcome.at)],
    );
  } else {
    // No retry time left: dead-lettered (kept, visible, and no longer blocking its stream).
    await tx.query(
      `UPDATE deliveries SET status = $5, attempts = attempts + 1, last_error = $6, next_attempt_at = COALESCE($7, next_attempt_at)
       WHERE shop_id = $1 AND message_id = $2 AND endpoint_shop = $3 AND endpoint_id = $4`,
      [...key, outcome.retryAt === null ? 'dead' : 'pending', outcome.error.slice(0, 500), outcome.retryAt === null ? null : iso(outcome.retryAt)],
    );
  }
}

export interface TailRow {
  id: number;
  shopId: string;
  streamId: string;
  type: string;
  payload: unknown;
  createdAt: Instant;
}

/** Outbox messages after `afterId`, oldest first (for `aftersale events tail`). */
export async function readOutbox(sql: Sql, afterId: number, limit: number, shopId?: string): Promise<TailRow[]> {
  const r = await sql.query<{ id: number; shop_id: string; stream_id: string; type: string; payload: unknown; created_at: Date }>(
    `SELECT m.id, m.shop_id, m.stream_id, m.type, ${PAYLOAD} AS payload, m.created_at FROM outbox m
     LEFT JOIN events e ON e.shop_id = m.shop_id AND e.order_id = m.order_id AND e.seq = m.event_seq
     WHERE m.id > $1 AND ($3::text IS NULL OR m.shop_id = $3) ORDER BY m.id LIMIT $2`,
    [afterId, limit, shopId ?? null],
  );
  return r.rows.map((x) => ({ id: Number(x.id), shopId: x.shop_id, streamId: x.stream_id, type: x.type, payload: x.payload, createdAt: toMs(x.created_at) }));
}
