// The rows of a multi-row INSERT into governance_events (the streams apart from the order's:
// complaints, shops, tickets): each event hashed onto the one before it (the chain of its stream).
import type { Instant } from '../domain/types.ts';
import { eventHash } from './event-store.ts';
import { iso } from './time.ts';

export class StreamRows {
  readonly rows: string[] = [];
  readonly params: unknown[] = [];

  /** Adds an event at `version` after `prev`; returns its hash (the next one's `prev`). */
  add(shopId: string, streamId: string, version: number, e: { type: string; at: Instant }, actorJson: string, recordedAt: string, prev: string | null): string {
    const occurredAt = iso(e.at);
    const hash = eventHash(prev, { streamId, streamVersion: version, type: e.type, data: e, occurredAt });
    const b = this.params.length;
    this.params.push(shopId, streamId, version, e.type, JSON.stringify(e), actorJson, occurredAt, recordedAt, prev, hash);
    this.rows.push(`(${Array.from({ length: 10 }, (_, i) => `$${b + i + 1}`).join(',')})`);
    return hash;
  }

  sql(): string {
    return `INSERT INTO governance_events (shop_id, stream_id, stream_version, type, data, actor, occurred_at, recorded_at, prev_hash, hash) VALUES ${this.rows.join(',')}`;
  }
}
