// The identities the demo's sign-in page lists (GET /demo/identities): the platform, each demo
// shop, and buyers who have cases waiting on them. Demo only: it hands out credentials.
import { issueBuyerToken } from './credentials.ts';
import { nicknameOf } from './demo-catalog.ts';
import { ALL_DEMO_SHOPS } from './demo-seed.ts';
import { DEMO_US_BUYERS, isUsDemoBuyer } from './demo-us.ts';
import type { Engine } from './engine.ts';

export interface DemoIdentity {
  role: 'platform' | 'shop' | 'buyer';
  id: string;
  name: string;
  pack?: string;
  token: string;
}

/** The case states a buyer can do something in, and how the sign-in page says so. */
const WAITING: Record<string, string> = {
  offer_pending: '有方案待确认 · an offer to answer',
  awaiting_return: '待寄回商品 · goods to send back',
  rejected: '申请被拒 · rejected, may escalate',
  reship_in_transit: '补寄在途 · a reship to confirm',
  in_arbitration: '平台介入中 · in arbitration',
  requested: '等待商家处理 · waiting for the shop',
};

/** `keys`: the demo's API keys by `platform` and shop id. Buyer tokens are made fresh on each call, on the engine's clock. */
export async function demoIdentities(engine: Engine, keys: Record<string, string>, secret: string): Promise<() => DemoIdentity[]> {
  // One buyer for each state (the first by id not listed for another), so every buyer's action can be tried.
  const rows = await engine.buyersByStatus(Object.keys(WAITING));
  const seen = new Set<string>();
  const buyers: { id: string; name: string }[] = [];
  for (const status of Object.keys(WAITING)) {
    // The US shop's buyers are listed apart (below), so the Chinese shops' buyers stay as they were.
    const row = rows.find((x) => x.status === status && !seen.has(x.buyerId) && !isUsDemoBuyer(x.buyerId));
    if (!row) continue;
    seen.add(row.buyerId);
    // The nickname people see on the platform, then the id the token carries.
    const nickname = nicknameOf(row.buyerId);
    buyers.push({ id: row.buyerId, name: `${nickname ? `${nickname} (${row.buyerId})` : row.buyerId} · ${WAITING[status]}` });
  }
  // Issue 17: one buyer of the amazon-us shop with a case waiting (an offer to answer, else any).
  const us = rows.find((x) => x.status === 'offer_pending' && isUsDemoBuyer(x.buyerId)) ?? rows.find((x) => isUsDemoBuyer(x.buyerId));
  const usName = us && DEMO_US_BUYERS.find((b) => b.id === us.buyerId)?.name;
  if (us) buyers.push({ id: us.buyerId, name: `${usName} (${us.buyerId}) · Amazon US buyer · ${WAITING[us.status]}` });
  return () => [
    ...(keys.platform ? [{ role: 'platform' as const, id: 'platform', name: '平台小二 · Platform', token: keys.platform }] : []),
    ...ALL_DEMO_SHOPS.filter((s) => keys[s.id]).map((s) => ({ role: 'shop' as const, id: s.id, name: s.name, pack: s.pack, token: keys[s.id]! })),
    ...buyers.map((b) => ({ role: 'buyer' as const, id: b.id, name: b.name, token: issueBuyerToken(secret, b.id, engine.now() + 7 * 24 * 3_600_000) })),
  ];
}
