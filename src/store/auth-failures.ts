// Failed credentials per client address and minute (src/app/credential-guard.ts), in the rate
// limits table under their own bucket.
import type { Instant } from '../domain/types.ts';
import type { Sql } from './db.ts';
import { countInWindow } from './rate-limits.ts';
import { iso } from './time.ts';

const AUTH_BUCKET = '_auth';

export const countBadCredential = (sql: Sql, address: string, windowStart: Instant) => countInWindow(sql, AUTH_BUCKET, address, windowStart);

export async function badCredentialCount(sql: Sql, address: string, windowStart: Instant): Promise<number> {
  const r = await sql.query<{ count: number }>('SELECT count FROM rate_limits WHERE shop_id = $1 AND principal = $2 AND window_start = $3', [AUTH_BUCKET, address, iso(windowStart)]);
  return r.rows[0]?.count ?? 0;
}
