// The engine's administration for the HTTP and CLI layers: credentials, shops (their policy in
// force, their default return address), policy packs, sandbox clocks, webhook endpoints and the
// events feed. Who may do what is decided by the caller's principal (src/app/principal.ts).
import { refuse, type Refusal } from '../domain/errors.ts';
import { resolvePolicy, versionAt } from '../domain/policy.ts';
import { parseOverrides } from '../domain/policy-schema.ts';
import type { Currency, Instant } from '../domain/types.ts';

/** A shop's marketplace: its currency and its pack's time zone (SPEC §13). */
export interface ShopMarket {
  currency: Currency;
  timeZone: string;
}
import { addEndpoint, readOutbox, type Endpoint } from '../store/outbox.ts';
import { countShops, listShops, setReturnAddress as storeReturnAddress, shopClock } from '../store/shops.ts';
import { deactivateEndpoint, listEndpoints, replaceSecret, storedSecrets } from '../store/webhook-endpoints.ts';
import { createApiKey, issueBuyerToken, principalOfBuyerToken, principalOfKey, revokeApiKey } from './credentials.ts';
import type { EngineCore } from './engine-core.ts';
import { createOperations } from './operations.ts';
import { createAuditTrail } from './audit-trail.ts';
import { createCredentialGuard } from './credential-guard.ts';
import { decryptSecret, encryptSecret, storedKeyId } from './secret-box.ts';
import { ttlCache } from './ttl-cache.ts';
import { checkWebhookUrl, PRODUCTION_WEBHOOKS } from './webhook-url.ts';
import { canSee, SCOPES, type Principal, type Scope } from './principal.ts';

/** A shop's default return address: what a parcel label can hold (SPEC §4). */
export const MAX_RETURN_ADDRESS = 500;

const noShop = (shopId: string) => refuse('not_found', 'shop', '店铺不存在', `no shop ${shopId}`, { resource: 'shop' });

/** How long a process may answer for a key without asking the database (docs/decisions.md). */
export const KEY_CACHE_MS = 1_000;

export function createAdmin(core: EngineCore) {
  const { db, packs, clock, shopNow } = core;
  const keyCache = ttlCache<Principal | null>(KEY_CACHE_MS);

  /**
   * Who a bearer credential is: a buyer token (`bt_…`, checked against `tokenSecret` and the
   * clock) or an API key. Null for a missing, malformed, unknown, revoked, tampered or expired one.
   */
  async function authenticate(token: string, tokenSecret: string): Promise<Principal | null> {
    if (!token) return null;
    if (token.startsWith('bt_')) return principalOfBuyerToken(tokenSecret, token, clock.now());
    // Issue 18: a key's answer (a principal, or null for unknown and revoked) is kept for a second,
    // so a request costs no read; a key revoked in another process stops working within that second.
    const cached = keyCache.get(token);
    if (cached !== undefined) return cached;
    const p = await principalOfKey(db, token);
    keyCache.set(token, p);
    return p;
  }

  /** A new key (shown once) for a shop or the platform. */
  const createKey = (shopId: string, label: string, scopes: readonly Scope[] = SCOPES) => createApiKey(db, shopId, label, clock.now(), scopes);
  // Revoked here: forgotten here at once (the other processes within KEY_CACHE_MS).
  const revokeKey = async (shopId: string, keyId: string) => {
    const done = await revokeApiKey(db, shopId, keyId, clock.now());
    keyCache.clear();
    return done;
  };

  /** A buyer token valid for `ttlMs` from now. */
  function buyerToken(tokenSecret: string, buyerId: string, ttlMs: number): { token: string; expiresAt: Instant } {
    const expiresAt = clock.now() + ttlMs;
    return { token: issueBuyerToken(tokenSecret, buyerId, expiresAt), expiresAt };
  }

  /** The shops a caller sees: the platform every one, a shop key its own (buyers none). */
  async function shopsFor(p: Principal) {
    if (p.kind === 'buyer') return [];
    return listShops(db, p.kind === 'shop' ? p.shopId : undefined);
  }

  /**
   * SPEC §13: a shop's marketplace as people read it — its currency (fixed for the shop's life) and
   * its pack's time zone — for the console's formats and the API's default language. Cached a
   * minute: a changed pack's zone shows within that.
   */
  const markets = ttlCache<ShopMarket | null>(60_000);
  async function shopMarket(shopId: string): Promise<ShopMarket | null> {
    const hit = markets.get(shopId);
    if (hit !== undefined) return hit;
    const s = (await listShops(db, shopId))[0];
    const m = s ? { currency: s.currency, timeZone: packs.get(s.pack)?.timeZone ?? 'Asia/Shanghai' } : null;
    markets.set(shopId, m);
    return m;
  }

  /**
   * The policy in force for a shop (SPEC §9): its pack's version now, on the shop's clock (a
   * sandbox's test clock), with its overrides. Null when the caller may not see the shop.
   */
  async function shopPolicyInForce(p: Principal, shopId: string) {
    if (!canSee(p, { shopId })) return null;
    const shop = (await listShops(db, shopId))[0];
    const pack = shop && packs.get(shop.pack);
    if (!shop || !pack) return null;
    const overrides = parseOverrides(shop.overrides);
    if ('ok' in overrides) return overrides;
    const now = shopNow(shop, clock.now());
    return { shop, pack, version: versionAt(pack, now), inForce: resolvePolicy(pack, now, overrides), overridden: overrides };
  }

  /** The engine's packs, and one pack's version in force now. */
  const listPacks = () => packs.list();
  function packInForce(packId: string) {
    const pack = packs.get(packId);
    return pack ? { pack, version: versionAt(pack, clock.now()) } : null;
  }

  /**
   * Sets the address a shop takes goods back at when an agree names none (SPEC §4). The platform
   * or the shop itself; another shop is told there is no such shop.
   */
  async function setReturnAddress(p: Principal, shopId: string, address: string): Promise<{ shop: string; return_address: string } | Refusal> {
    if (!canSee(p, { shopId })) return noShop(shopId);
    const trimmed = address.trim();
    if (trimmed === '' || trimmed.length > MAX_RETURN_ADDRESS) {
      return refuse('validation', 'return_address', `退货地址不能为空且不超过 ${MAX_RETURN_ADDRESS} 字`, `the return address must be 1–${MAX_RETURN_ADDRESS} characters`, {
        field: 'return_address',
        max_length: MAX_RETURN_ADDRESS,
      });
    }
    if (!(await storeReturnAddress(db, shopId, trimmed))) return noShop(shopId);
    return { shop: shopId, return_address: trimmed };
  }

  /** A sandbox shop's test clock; null for a live or unknown shop. */
  const sandboxClock = async (shopId: string) => (await shopClock(db, shopId))?.sandboxClock ?? null;

  /** SPEC §11 `validation` for a URL that is not https or points inside the network (issue 19); the secret stored encrypted. */
  async function addWebhookEndpoint(e: Endpoint): Promise<Refusal | null> {
    const { urls = PRODUCTION_WEBHOOKS, resolve, keyring } = core.webhooks;
    const bad = await checkWebhookUrl(e.url, urls, resolve, 'allow');
    if (bad) return bad;
    await addEndpoint(db, { ...e, secret: keyring ? encryptSecret(keyring, e.secret) : e.secret }, clock.now());
    return null;
  }
  /**
   * Issue 19 (secrets at rest, rotation): every webhook secret not under the current key (or stored
   * in clear) re-encrypted under it. Old keys can then leave AFTERSALE_SECRET_KEY.
   */
  async function reencryptWebhookSecrets(): Promise<{ endpoints: number; reencrypted: number }> {
    const { keyring } = core.webhooks;
    if (!keyring) throw new Error('no secret key: set AFTERSALE_SECRET_KEY');
    let reencrypted = 0;
    const all = await storedSecrets(db);
    for (const e of all) {
      if (storedKeyId(e.secret) === keyring.current.id) continue;
      const fresh = encryptSecret(keyring, decryptSecret(keyring, e.secret));
      if (await replaceSecret(db, e.shopId, e.endpointId, e.secret, fresh)) reencrypted++;
    }
    return { endpoints: all.length, reencrypted };
  }
  const webhookEndpoints = (shopId: string | null) => listEndpoints(db, shopId);
  const deactivateWebhookEndpoint = (shopId: string, endpointId: string) => deactivateEndpoint(db, shopId, endpointId);
  /** The events feed (what webhooks deliver), for pulling instead. */
  const eventsFeed = (afterId: number, limit: number, shopId?: string) => readOutbox(db, afterId, limit, shopId);
  const shopCount = () => countShops(db);

  return {
    authenticate,
    createKey,
    revokeKey,
    buyerToken,
    shopsFor,
    shopMarket,
    shopPolicyInForce,
    listPacks,
    packInForce,
    setReturnAddress,
    sandboxClock,
    addWebhookEndpoint,
    reencryptWebhookSecrets,
    webhookEndpoints,
    deactivateWebhookEndpoint,
    eventsFeed,
    shopCount,
    ...createOperations(core),
    ...createAuditTrail(core),
    ...createCredentialGuard(core),
  };
}
