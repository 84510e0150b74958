// The policy in force for a shop now, on its clock (a sandbox's test clock), for reads that show
// what may be done now (a complaint's or a claim's `actions`); null when the shop is gone.
import type { Policy } from '../domain/policy.ts';
import type { Instant } from '../domain/types.ts';
import { loadForCommand } from '../store/event-store.ts';
import type { EngineCore } from './engine-core.ts';

export async function policyInForce(core: EngineCore, shopId: string, orderId = ''): Promise<{ policy: Policy | null; now: Instant }> {
  const { shop } = await loadForCommand(core.db, shopId, orderId);
  const now = core.shopNow(shop, core.clock.now());
  const inForce = core.shopPolicy(shop, shopId, now);
  return { policy: 'ok' in inForce ? null : inForce, now };
}
