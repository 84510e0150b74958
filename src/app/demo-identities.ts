// The identities the demo's sign-in page lists (GET /demo/identities): the platform, each demo
// shop, and buyers who have cases waiting on them. Demo only: it hands out credentials.
import { issueBuyerToken } from '../http/auth.ts';
import type { DemoIdentity } from '../http/console-routes.ts';
import type { Sql } from '../store/db.ts';
import { DEMO_SHOPS } from './demo-seed.ts';

/** `keys`: the demo's API keys by `platform` and shop id. Buyer tokens are made fresh on each call. */
export async function demoIdentities(db: Sql, keys: Record<string, string>, secret: string, now: () => number = Date.now): Promise<() => DemoIdentity[]> {
  const r = await db.query<{ buyer_id: string }>(
    "SELECT DISTINCT buyer_id FROM cases WHERE status IN ('offer_pending', 'awaiting_return', 'rejected', 'requested') ORDER BY buyer_id LIMIT 4",
  );
  const buyers = ['buyer-1', ...r.rows.map((x) => x.buyer_id).filter((b) => b !== 'buyer-1')];
  return () => [
    ...(keys.platform ? [{ role: 'platform' as const, id: 'platform', name: '平台小二 · Platform', token: keys.platform }] : []),
    ...DEMO_SHOPS.filter((s) => keys[s.id]).map((s) => ({ role: 'shop' as const, id: s.id, name: s.name, pack: s.pack, token: keys[s.id]! })),
    ...buyers.map((b) => ({ role: 'buyer' as const, id: b, name: b, token: issueBuyerToken(secret, b, now() + 7 * 24 * 3_600_000) })),
  ];
}
