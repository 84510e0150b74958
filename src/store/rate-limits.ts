// Per-minute counters shared by every process of a deployment (the database holds them).
import type { Instant } from '../domain/types.ts';
import type { Sql } from './db.ts';
import { iso } from './time.ts';

/** The bucket the HTTP request limit counts in (command limits count per shop). */
export const HTTP_BUCKET = '_http';

/** Counts one more in `principal`'s window starting at `windowStart`; returns the count so far. */
export async function countInWindow(sql: Sql, bucket: string, principal: string, windowStart: Instant): Promise<number> {
  const r = await sql.query<{ count: number }>(
    `INSERT INTO rate_limits (shop_id, principal, window_start, count) VALUES ($1, $2, $3, 1)
     ON CONFLICT (shop_id, principal, window_start) DO UPDATE SET count = rate_limits.count + 1 RETURNING count`,
    [bucket, principal, iso(windowStart)],
  );
  return r.rows[0]!.count;
}
