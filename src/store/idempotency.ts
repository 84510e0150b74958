// Idempotency keys (Stripe-style): the first result of a request, kept for repeats of it.
import type { Instant } from '../domain/types.ts';
import type { Sql } from './db.ts';
import { iso } from './time.ts';

export async function findIdempotent<T>(tx: Sql, shopId: string, key: string): Promise<{ requestHash: string; response: T } | null> {
  const r = await tx.query<{ request_hash: string; response: T }>('SELECT request_hash, response FROM idempotency_keys WHERE shop_id = $1 AND key = $2', [shopId, key]);
  const row = r.rows[0];
  return row ? { requestHash: row.request_hash, response: row.response } : null;
}

export async function rememberIdempotent(tx: Sql, shopId: string, key: string, requestHash: string | null, response: unknown, now: Instant): Promise<void> {
  await tx.query('INSERT INTO idempotency_keys (shop_id, key, request_hash, response, created_at) VALUES ($1,$2,$3,$4,$5)', [
    shopId,
    key,
    requestHash,
    JSON.stringify(response),
    iso(now),
  ]);
}

/** Forgets keys older than `before` (kept at least 24 h, SPEC-issue). */
export async function purgeIdempotencyKeys(sql: Sql, before: Instant): Promise<void> {
  await sql.query('DELETE FROM idempotency_keys WHERE created_at < $1', [iso(before)]);
}
