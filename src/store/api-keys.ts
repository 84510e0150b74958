// API keys at rest: only their hash is kept (a key is shown once, when it is made), with the shop
// they belong to (or the platform), their scopes, and when they were revoked.
import type { Instant } from '../domain/types.ts';
import type { Sql } from './db.ts';
import { iso } from './time.ts';

export interface ApiKeyRow {
  shopId: string;
  keyId: string;
  keyHash: string;
  label: string;
  scopes: readonly string[];
}

export async function insertApiKey(sql: Sql, key: ApiKeyRow, now: Instant): Promise<void> {
  await sql.query('INSERT INTO api_keys (shop_id, key_id, key_hash, label, created_at, scopes) VALUES ($1, $2, $3, $4, $5, $6)', [
    key.shopId,
    key.keyId,
    key.keyHash,
    key.label,
    iso(now),
    [...key.scopes],
  ]);
}

/** Revokes a live key; false when there is no such key or it was revoked already. */
export async function revokeApiKeyRow(sql: Sql, shopId: string, keyId: string, now: Instant): Promise<boolean> {
  const r = await sql.query('UPDATE api_keys SET revoked_at = $3 WHERE shop_id = $1 AND key_id = $2 AND revoked_at IS NULL', [shopId, keyId, iso(now)]);
  return (r.affectedRows ?? 0) > 0;
}

/** The live (not revoked) key with this hash. */
export async function liveKeyByHash(sql: Sql, keyHash: string): Promise<{ shopId: string; scopes: string[] } | null> {
  const r = await sql.query<{ shop_id: string; scopes: string[] }>('SELECT shop_id, scopes FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL', [keyHash]);
  const row = r.rows[0];
  return row ? { shopId: row.shop_id, scopes: row.scopes } : null;
}
