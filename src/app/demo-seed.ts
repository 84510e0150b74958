// The demo marketplace `npm start` seeds on first start: four shops on different platform packs
// and categories, ~1,000 orders placed over the last 40 days, and cases in every status
// (src/app/demo-cases.ts), made through the engine like any other caller's at the instants they
// happened (so their histories and deadlines are real). Products, notes and photos agree with each
// other (src/app/demo-catalog.ts); the photos are drawn for each case and stored as an upload
// stores them, so the console's evidence gallery and arbitration desk have something to show (SPEC §7).
import type { OrderInput } from '../domain/commands.ts';
import { CATALOG, DEMO_BUYERS } from './demo-catalog.ts';
import { seedCases, type DemoOrder } from './demo-cases.ts';
import type { Engine } from './engine.ts';
import { seedGovernance } from './demo-governance.ts';
import { seedAutomation } from './demo-automation.ts';
import { seedMetricsHistory } from './demo-metrics.ts';
import { seedDesk } from './demo-desk.ts';
import { DEMO_US_SHOP, seedUsShop } from './demo-us.ts';

export const DEMO_SHOPS = [
  { id: 'tb-apparel', pack: 'taobao', category: 'apparel', name: '淘宝·衣橱小铺' },
  { id: 'tm-beauty', pack: 'tmall', category: 'cosmetics', name: '天猫·美妆旗舰店' },
  { id: 'pdd-fresh', pack: 'pinduoduo', category: 'fresh', name: '拼多多·果园直发' },
  { id: 'jd-digital', pack: 'jd', category: 'electronics', name: '京东·数码自营' },
] as const;

/** Every demo shop with a sign-in key: the Chinese ones and the amazon-us one (src/app/demo-us.ts). */
export const ALL_DEMO_SHOPS = [...DEMO_SHOPS, DEMO_US_SHOP] as const;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A small deterministic generator, so every fresh demo looks the same. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

/** What the seed made: counts, and the number of each recipe's case by `name-round` (requested-1, …). */
export interface DemoSeeded {
  orders: number;
  cases: number;
  files: number;
  caseIds: Record<string, string>;
}

export async function seedDemo(engine: Engine, now: number, orders = 1000): Promise<DemoSeeded> {
  const rnd = prng(20261122);
  for (const s of DEMO_SHOPS) await engine.upsertShop({ id: s.id, pack: s.pack, category: s.category, name: s.name });
  let placed = 0;
  const stages = ['pending_payment', 'paid', 'shipped', 'signed', 'completed'] as const;
  const shipped: DemoOrder[] = [];
  for (let i = 1; i <= orders; i++) {
    const shop = DEMO_SHOPS[i % DEMO_SHOPS.length]!;
    const items = CATALOG[shop.category]!;
    const item = items[Math.floor(rnd() * items.length)]!;
    const stage = stages[Math.min(stages.length - 1, Math.floor(rnd() * 6))]!;
    // 3 to 41 days ago: every lifecycle step (completed 2¼ days after placing) is past, and the
    // cases of the last 30 days have orders signed before them.
    const placedAt = now - Math.floor((3 + rnd() * 38) * DAY);
    const quantity = 1 + Math.floor(rnd() * 3);
    const reached = (s: (typeof stages)[number]) => stages.indexOf(stage) >= stages.indexOf(s);
    const order: OrderInput = {
      id: `D${String(i).padStart(5, '0')}`,
      shop: shop.id,
      // Shifted by one every 40 orders, so a buyer shops at more than one shop.
      buyer: DEMO_BUYERS[(i + Math.floor(i / DEMO_BUYERS.length)) % DEMO_BUYERS.length]!.id,
      placed_at: placedAt,
      ...(reached('paid') ? { paid_at: placedAt + 10 * 60_000 } : {}),
      ...(reached('shipped') ? { shipped_at: placedAt + 20 * HOUR, carrier: 'SF', tracking: `SF${100000 + i}` } : {}),
      ...(reached('signed') ? { signed_at: placedAt + 2 * DAY } : {}),
      ...(reached('completed') ? { completed_at: placedAt + 2 * DAY + 6 * HOUR } : {}),
      shipping_fee: rnd() < 0.3 ? 800 : 0,
      free_shipping: rnd() >= 0.3,
      shipping_insurance: rnd() < 0.4 ? 1200 : 0,
      lines: [{ id: 'L1', sku: item.sku, title: item.title, category: shop.category, quantity, paid_amount: item.price * quantity, flags: item.flags ?? [] }],
    };
    order.free_shipping = order.shipping_fee === 0;
    // Recorded when its last step happened (never after the seed's now), as a live feed would have.
    const lastAt = Math.min(now, placedAt + (reached('completed') ? 2 * DAY + 6 * HOUR : reached('signed') ? 2 * DAY : reached('shipped') ? 20 * HOUR : 10 * 60_000) + 60_000);
    const r = await engine.placeOrder(order, { role: 'platform' }, { at: lastAt });
    if (!r.ok) throw new Error(`demo order ${order.id}: ${r.code} ${r.message.en}`);
    placed++;
    if (reached('shipped')) {
      shipped.push({ shop: shop.id, order: order.id, buyer: order.buyer, category: shop.category, sku: item.sku, placedAt, lastAt, signedAt: reached('signed') ? placedAt + 2 * DAY : null });
    }
  }
  const made = await seedCases(engine, now, shipped);
  // Platform governance: complaints in every status, a restricted shop, a deposit shortfall (SPEC §8).
  await seedGovernance(engine, now, placed);
  // SPEC §10.2: a demo shop's automation rules and SOP tiers (after its seeded cases).
  await seedAutomation(engine);
  // Shop metrics with 90 days of history and the governance cycle's last two verdicts (SPEC §8.4–§8.5).
  await seedMetricsHistory(engine, now);
  // The service desk: tickets in every state, quick replies, a case conversation (SPEC §10.1).
  await seedDesk(engine, now, DEMO_SHOPS.map((s) => s.id), placed, made.ids['requested-1'] ?? null);
  // Issue 17: the amazon-us shop beside them, in US dollars (after the Chinese shops: their seed is unchanged).
  const us = await seedUsShop(engine, now);
  return { orders: placed + us.orders, cases: made.cases + us.cases, files: made.files + us.cases, caseIds: made.ids };
}
