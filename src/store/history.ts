// SPEC §7: a case's history is complete, ordered and tamper-evident. Each event stores the hash of
// the one before it in its stream; verification recomputes every hash and every link.
import type { DomainEvent } from '../domain/events.ts';
import { evolveAll } from '../domain/evolve.ts';
import { emptyContext, type OrderContext } from '../domain/state.ts';
import type { Sql } from './db.ts';
import { eventHash } from './event-store.ts';
import { iso } from './time.ts';

export interface StoredEvent {
  stream_id: string;
  stream_version: number;
  seq: number;
  type: string;
  data: DomainEvent;
  actor: unknown;
  occurred_at: Date;
  recorded_at: Date;
  prev_hash: string | null;
  hash: string;
}

export interface ChainBreak {
  stream: string;
  version: number;
  problem: 'hash_mismatch' | 'broken_link' | 'gap';
}

export async function streamEvents(sql: Sql, streamId: string, shopId?: string): Promise<StoredEvent[]> {
  const r = await sql.query<StoredEvent>(
    `SELECT stream_id, stream_version, seq, type, data, actor, occurred_at, recorded_at, prev_hash, hash
     FROM events WHERE stream_id = $1 AND ($2::text IS NULL OR shop_id = $2) ORDER BY stream_version`,
    [streamId, shopId ?? null],
  );
  return r.rows;
}

/** Checks one stream: versions 1..n without gaps, each hash recomputed, each link to the one before. */
export function verifyEvents(events: readonly StoredEvent[]): ChainBreak[] {
  const breaks: ChainBreak[] = [];
  let prev: string | null = null;
  events.forEach((e, i) => {
    if (e.stream_version !== i + 1) breaks.push({ stream: e.stream_id, version: e.stream_version, problem: 'gap' });
    if (e.prev_hash !== prev) breaks.push({ stream: e.stream_id, version: e.stream_version, problem: 'broken_link' });
    const expected = eventHash(e.prev_hash, {
      streamId: e.stream_id,
      streamVersion: e.stream_version,
      type: e.type,
      data: e.data,
      occurredAt: iso(new Date(e.occurred_at).getTime()),
    });
    if (expected !== e.hash) breaks.push({ stream: e.stream_id, version: e.stream_version, problem: 'hash_mismatch' });
    prev = e.hash;
  });
  return breaks;
}

/**
 * Checks the chain of every stream, and that the stored head of each case (the hash its projection
 * row remembers) is the last event's: a deleted tail shows up there.
 */
export async function verifyAll(sql: Sql): Promise<ChainBreak[]> {
  // A stream is named within its shop (order ids are the shop system's own).
  const streams = await sql.query<{ shop_id: string; stream_id: string }>('SELECT DISTINCT shop_id, stream_id FROM events ORDER BY shop_id, stream_id');
  const breaks: ChainBreak[] = [];
  for (const { shop_id, stream_id } of streams.rows) {
    breaks.push(...verifyEvents(await streamEvents(sql, stream_id, shop_id)).map((b) => ({ ...b, stream: `${shop_id}/${b.stream}` })));
  }
  // Governance streams (SPEC §8: one per complaint, one per shop; §10.1: one per ticket), and their projections' heads.
  const gov = await sql.query<{ shop_id: string; stream_id: string }>('SELECT DISTINCT shop_id, stream_id FROM governance_events ORDER BY shop_id, stream_id');
  for (const { shop_id, stream_id } of gov.rows) {
    const r = await sql.query<StoredEvent>(
      `SELECT stream_id, stream_version, 0 AS seq, type, data, actor, occurred_at, recorded_at, prev_hash, hash
       FROM governance_events WHERE shop_id = $1 AND stream_id = $2 ORDER BY stream_version`,
      [shop_id, stream_id],
    );
    breaks.push(...verifyEvents(r.rows).map((b) => ({ ...b, stream: `${shop_id}/${b.stream}` })));
  }
  const govHeads = await sql.query<{ shop_id: string; stream_id: string; version: number; last_hash: string | null; head: string | null; n: number }>(
    `SELECT p.shop_id, p.stream_id, p.version, p.last_hash,
            (SELECT e.hash FROM governance_events e WHERE e.shop_id = p.shop_id AND e.stream_id = p.stream_id ORDER BY e.stream_version DESC LIMIT 1) AS head,
            (SELECT count(*)::int FROM governance_events e WHERE e.shop_id = p.shop_id AND e.stream_id = p.stream_id) AS n
     FROM (SELECT shop_id, 'complaint:' || complaint_id AS stream_id, version, last_hash FROM complaints
           UNION ALL SELECT shop_id, 'shop:' || shop_id, version, last_hash FROM shop_governance
           UNION ALL SELECT shop_id, 'ticket:' || ticket_id, version, last_hash FROM tickets) p`,
  );
  for (const h of govHeads.rows) {
    if (h.head !== h.last_hash || h.n !== h.version) breaks.push({ stream: `${h.shop_id}/${h.stream_id}`, version: h.version, problem: 'gap' });
  }
  const heads = await sql.query<{ shop_id: string; case_id: string; version: number; last_hash: string | null; head: string | null; n: number }>(
    `SELECT c.shop_id, c.case_id, c.version, c.last_hash,
            (SELECT e.hash FROM events e WHERE e.shop_id = c.shop_id AND e.stream_id = 'case:' || c.case_id ORDER BY e.stream_version DESC LIMIT 1) AS head,
            (SELECT count(*)::int FROM events e WHERE e.shop_id = c.shop_id AND e.stream_id = 'case:' || c.case_id) AS n
     FROM cases c`,
  );
  for (const h of heads.rows) {
    if (h.head !== h.last_hash || h.n !== h.version) breaks.push({ stream: `${h.shop_id}/case:${h.case_id}`, version: h.version, problem: 'gap' });
  }
  return breaks;
}

/** Rebuilds an order's state from its events alone (all its streams, in order). */
export async function replayOrder(sql: Sql, shopId: string, orderId: string): Promise<OrderContext> {
  const r = await sql.query<{ data: DomainEvent }>('SELECT data FROM events WHERE shop_id = $1 AND order_id = $2 ORDER BY seq', [shopId, orderId]);
  return evolveAll(emptyContext(), r.rows.map((x) => x.data));
}
