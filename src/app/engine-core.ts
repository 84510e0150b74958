// What the engine's parts (reads, administration, deadline firing) share: the database handle
// (never handed past the engine), the pack registry, the clock, and the two rules of time and
// policy every one of them applies the same way.
import { refuse, type Refusal } from '../domain/errors.ts';
import { resolvePolicy, type Policy } from '../domain/policy.ts';
import { parseOverrides } from '../domain/policy-schema.ts';
import type { Instant } from '../domain/types.ts';
import type { Database } from '../store/db.ts';
import type { ShopRow } from '../store/event-store.ts';
import type { Clock } from './clock.ts';
import type { PackRegistry } from './packs.ts';
import type { WebhookSettings } from './webhook-url.ts';

export interface EngineCore {
  db: Database;
  packs: PackRegistry;
  clock: Clock;
  /** Webhook URL rules and the key secrets are encrypted with (issue 19). */
  webhooks: WebhookSettings;
  /** A sandbox shop lives on its test clock; every other shop on the real one. */
  shopNow(shop: Pick<ShopRow, 'sandboxClock'> | null, now: Instant): Instant;
  /** The policy in force for a shop at an instant: its pack's version then, with its overrides. */
  shopPolicy(shop: Pick<ShopRow, 'policy_pack' | 'overrides'> | null, shopId: string, at: Instant): Policy | Refusal;
}

export function engineCore(db: Database, packs: PackRegistry, clock: Clock, webhooks: WebhookSettings = {}): EngineCore {
  return {
    db,
    packs,
    clock,
    webhooks,
    shopNow: (shop, now) => shop?.sandboxClock ?? now,
    shopPolicy(shop, shopId, at) {
      if (!shop) return refuse('not_found', 'shop', `店铺 ${shopId} 不存在`, `no shop ${shopId}`, { shop: shopId });
      const pack = packs.get(shop.policy_pack);
      if (!pack) throw new Error(`shop ${shopId} names unknown pack ${shop.policy_pack}`);
      const overrides = parseOverrides(shop.overrides);
      if ('ok' in overrides) throw new Error(`shop ${shopId} has invalid stored overrides`);
      return resolvePolicy(pack, at, overrides);
    },
  };
}
