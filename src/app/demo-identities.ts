// The identities the demo's sign-in page lists (GET /demo/identities): the platform, each demo
// shop, and buyers who have cases waiting on them. Demo only: it hands out credentials.
import { issueBuyerToken } from '../http/auth.ts';
import type { DemoIdentity } from '../http/console-routes.ts';
import type { Sql } from '../store/db.ts';
import { DEMO_SHOPS } from './demo-seed.ts';

/** The case states a buyer can do something in, and how the sign-in page says so. */
const WAITING: Record<string, string> = {
  offer_pending: '有方案待确认 · an offer to answer',
  awaiting_return: '待寄回商品 · goods to send back',
  rejected: '申请被拒 · rejected, may escalate',
  reship_in_transit: '补寄在途 · a reship to confirm',
  in_arbitration: '平台介入中 · in arbitration',
  requested: '等待商家处理 · waiting for the shop',
};

/** `keys`: the demo's API keys by `platform` and shop id. Buyer tokens are made fresh on each call. */
export async function demoIdentities(db: Sql, keys: Record<string, string>, secret: string, now: () => number = Date.now): Promise<() => DemoIdentity[]> {
  // One buyer for each state (the first by id), so every buyer's action can be tried.
  const r = await db.query<{ buyer_id: string; status: string }>(
    'SELECT DISTINCT ON (status) status, buyer_id FROM cases WHERE status = ANY($1::text[]) ORDER BY status, buyer_id',
    [Object.keys(WAITING)],
  );
  const seen = new Set<string>();
  const buyers: { id: string; name: string }[] = [];
  for (const status of Object.keys(WAITING)) {
    const row = r.rows.find((x) => x.status === status);
    if (!row || seen.has(row.buyer_id)) continue;
    seen.add(row.buyer_id);
    buyers.push({ id: row.buyer_id, name: `${row.buyer_id} · ${WAITING[status]}` });
  }
  return () => [
    ...(keys.platform ? [{ role: 'platform' as const, id: 'platform', name: '平台小二 · Platform', token: keys.platform }] : []),
    ...DEMO_SHOPS.filter((s) => keys[s.id]).map((s) => ({ role: 'shop' as const, id: s.id, name: s.name, pack: s.pack, token: keys[s.id]! })),
    ...buyers.map((b) => ({ role: 'buyer' as const, id: b.id, name: b.name, token: issueBuyerToken(secret, b.id, now() + 7 * 24 * 3_600_000) })),
  ];
}
