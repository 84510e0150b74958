// Credentials: API keys (hashed at rest, revocable, shown once: src/store/api-keys.ts keeps the
// hash) and buyer access tokens (signed, expiring; no storage). Either resolves to a Principal, or
// to nothing (the HTTP layer's 401 `unauthenticated`).
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Instant } from '../domain/types.ts';
import { insertApiKey, liveKeyByHash, revokeApiKeyRow } from '../store/api-keys.ts';
import type { Sql } from '../store/db.ts';
import { PLATFORM } from '../store/outbox.ts';
import { SCOPES, type Principal, type Scope } from './principal.ts';

const hash = (key: string) => createHash('sha256').update(key).digest('hex');

/** Creates a key for a shop (or the platform) and returns it: the only time it is ever shown. */
export async function createApiKey(sql: Sql, shopId: string, label: string, now: Instant, scopes: readonly Scope[] = SCOPES): Promise<string> {
  const keyId = randomBytes(6).toString('hex');
  const key = `${shopId === PLATFORM ? 'pk' : 'sk'}_${keyId}_${randomBytes(24).toString('base64url')}`;
  await insertApiKey(sql, { shopId, keyId, keyHash: hash(key), label, scopes }, now);
  return key;
}

export async function revokeApiKey(sql: Sql, shopId: string, keyId: string, now: Instant): Promise<boolean> {
  return revokeApiKeyRow(sql, shopId, keyId, now);
}

/** The principal of a live key; null for an unknown or revoked one. */
export async function principalOfKey(sql: Sql, key: string): Promise<Principal | null> {
  const row = await liveKeyByHash(sql, hash(key));
  if (!row) return null;
  const scopes = row.scopes as Scope[];
  return row.shopId === PLATFORM ? { kind: 'platform', scopes } : { kind: 'shop', shopId: row.shopId, scopes };
}

/** `bt_<base64url(buyer.expires)>.<hex HMAC>`: a buyer token, valid until it expires. */
export function issueBuyerToken(secret: string, buyerId: string, expiresAt: Instant): string {
  const body = Buffer.from(JSON.stringify({ b: buyerId, e: expiresAt })).toString('base64url');
  return `bt_${body}.${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** The buyer of a well-signed token not yet expired at `now`; null otherwise (tampered, expired, malformed). */
export function principalOfBuyerToken(secret: string, token: string, now: Instant): Principal | null {
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
