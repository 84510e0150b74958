// Who is calling: an API key of the platform or of a shop (hashed at rest, revocable, shown once),
// or a buyer access token the platform issued for one buyer (signed, expiring). Every request is
// then authorised against the resource it touches (OWASP API1): see `canSee` in routes.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Actor } from '../domain/types.ts';
import type { Sql } from '../store/db.ts';
import { PLATFORM } from '../store/outbox.ts';
import { iso } from '../store/time.ts';

export const SCOPES = ['read', 'write'] as const;
export type Scope = (typeof SCOPES)[number];

/** A key's scopes limit it ('read': GET only); a buyer token acts for its buyer in full. */
export type Principal =
  | { kind: 'platform'; scopes?: Scope[] }
  | { kind: 'shop'; shopId: string; scopes?: Scope[] }
  | { kind: 'buyer'; buyerId: string };

const hash = (key: string) => createHash('sha256').update(key).digest('hex');

/** Creates a key for a shop (or the platform) and returns it: the only time it is ever shown. */
export async function createApiKey(sql: Sql, shopId: string, label: string, now: number, scopes: readonly Scope[] = SCOPES): Promise<string> {
  const keyId = randomBytes(6).toString('hex');
  const key = `${shopId === PLATFORM ? 'pk' : 'sk'}_${keyId}_${randomBytes(24).toString('base64url')}`;
  await sql.query('INSERT INTO api_keys (shop_id, key_id, key_hash, label, created_at, scopes) VALUES ($1, $2, $3, $4, $5, $6)', [
    shopId,
    keyId,
    hash(key),
    label,
    iso(now),
    [...scopes],
  ]);
  return key;
}

export async function revokeApiKey(sql: Sql, shopId: string, keyId: string, now: number): Promise<boolean> {
  const r = await sql.query('UPDATE api_keys SET revoked_at = $3 WHERE shop_id = $1 AND key_id = $2 AND revoked_at IS NULL', [shopId, keyId, iso(now)]);
  return (r.affectedRows ?? 0) > 0;
}

export async function principalOfKey(sql: Sql, key: string): Promise<Principal | null> {
  const r = await sql.query<{ shop_id: string; scopes: Scope[] }>('SELECT shop_id, scopes FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL', [hash(key)]);
  const row = r.rows[0];
  if (!row) return null;
  return row.shop_id === PLATFORM ? { kind: 'platform', scopes: row.scopes } : { kind: 'shop', shopId: row.shop_id, scopes: row.scopes };
}

/** `bt_<base64url(buyer.expires)>.<hex HMAC>`: a buyer token, valid until it expires. */
export function issueBuyerToken(secret: string, buyerId: string, expiresAt: number): string {
  const body = Buffer.from(JSON.stringify({ b: buyerId, e: expiresAt })).toString('base64url');
  return `bt_${body}.${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function principalOfBuyerToken(secret: string, token: string, now: number): Principal | null {
  const m = /^bt_([A-Za-z0-9_-]+)\.([0-9a-f]{64})$/.exec(token);
  if (!m) return null;
  const expected = createHmac('sha256', secret).update(m[1]!).digest();
  if (!timingSafeEqual(expected, Buffer.from(m[2]!, 'hex'))) return null;
  try {
    const { b, e } = JSON.parse(Buffer.from(m[1]!, 'base64url').toString('utf8')) as { b: string; e: number };
    return typeof b === 'string' && typeof e === 'number' && e > now ? { kind: 'buyer', buyerId: b } : null;
  } catch {
    return null;
  }
}

/** The actor a principal is in the domain (SPEC §0 roles). */
export function actorOf(p: Principal): Actor {
  switch (p.kind) {
    case 'platform':
      return { role: 'platform', id: 'platform' };
    case 'shop':
      return { role: 'merchant', id: p.shopId };
    case 'buyer':
      return { role: 'buyer', id: p.buyerId };
  }
}
