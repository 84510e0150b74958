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

/**
 * The buyer-token signing secrets (issue 19: rotatable with a grace period), as AFTERSALE_TOKEN_SECRET
 * or the data directory's `token-secret` hold them: `new[,old[@until]]...` — the first signs, the
 * others still verify, each until its instant when one is given (ISO 8601), so tokens issued before
 * a rotation keep working through the grace period and not after it.
 */
export function tokenSecrets(value: string): { secret: string; until: Instant | null }[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const at = part.lastIndexOf('@');
      if (at < 0) return { secret: part, until: null };
      const until = Date.parse(part.slice(at + 1));
      if (Number.isNaN(until)) throw new Error(`token secret: "${part.slice(at + 1)}" is not an instant (ISO 8601)`);
      return { secret: part.slice(0, at), until };
    });
}

const hmac = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest();

/** `bt_<base64url(buyer.expires)>.<hex HMAC>`: a buyer token, valid until it expires; signed with the first secret. */
export function issueBuyerToken(secrets: string, buyerId: string, expiresAt: Instant): string {
  const body = Buffer.from(JSON.stringify({ b: buyerId, e: expiresAt })).toString('base64url');
  return `bt_${body}.${hmac(tokenSecrets(secrets)[0]!.secret, body).toString('hex')}`;
}

/** The buyer of a token signed by a secret still in force and not yet expired at `now`; null otherwise (tampered, expired, malformed). */
export function principalOfBuyerToken(secrets: string, token: string, now: Instant): Principal | null {
  const m = /^bt_([A-Za-z0-9_-]+)\.([0-9a-f]{64})$/.exec(token);
  if (!m) return null;
  const given = Buffer.from(m[2]!, 'hex');
  const signed = tokenSecrets(secrets).some((s) => (s.until === null || now < s.until) && timingSafeEqual(hmac(s.secret, m[1]!), given));
  if (!signed) return null;
  try {
    const { b, e } = JSON.parse(Buffer.from(m[1]!, 'base64url').toString('utf8')) as { b: string; e: number };
    return typeof b === 'string' && typeof e === 'number' && e > now ? { kind: 'buyer', buyerId: b } : null;
  } catch {
    return null;
  }
}
