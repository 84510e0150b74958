// Shops: their policy choice (pack, category, overrides), a sandbox shop's test clock and the
// default return address the shop gives buyers when it agrees to take goods back.
import type { Currency, Instant } from '../domain/types.ts';
import type { Sql } from './db.ts';
import { iso, toMs } from './time.ts';

export interface ShopListing {
  shopId: string;
  category: string;
  pack: string;
  /** SPEC §13: the currency of every amount of the shop (its pack's when it registered). */
  currency: Currency;
  overrides: Record<string, unknown>;
  returnAddress: string | null;
  /** The shop's display name; null when it gave none. */
  name: string | null;
  /** A sandbox shop's test clock; null for a live shop. */
  sandboxClock: Instant | null;
}

/** Registers a shop or changes its policy choice (its clock and address stay as they are). */
export async function upsertShopRow(
  sql: Sql,
  shop: { id: string; category: string; pack: string; currency: Currency; overrides: Record<string, unknown>; returnAddress?: string | undefined; name?: string | undefined },
): Promise<void> {
  // A return address or name left out keeps the one the shop has; the currency never changes (the
  // engine refuses a pack of another currency for an existing shop).
  await sql.query(
    `INSERT INTO shops (shop_id, category, policy_pack, overrides, return_address, name, currency) VALUES ($1,$2,$3,$4,$5,$6,$7)
     ON CONFLICT (shop_id) DO UPDATE SET category=EXCLUDED.category, policy_pack=EXCLUDED.policy_pack, overrides=EXCLUDED.overrides,
       return_address=COALESCE(EXCLUDED.return_address, shops.return_address), name=COALESCE(EXCLUDED.name, shops.name)`,
    [shop.id, shop.category, shop.pack, JSON.stringify(shop.overrides), shop.returnAddress ?? null, shop.name ?? null, shop.currency],
  );
}

/** Every shop (or one), by id. */
export async function listShops(sql: Sql, shopId?: string): Promise<ShopListing[]> {
  const r = await sql.query<{ shop_id: string; category: string; policy_pack: string; currency: Currency; overrides: Record<string, unknown>; return_address: string | null; name: string | null; sandbox_clock: Date | string | null }>(
    `SELECT shop_id, category, policy_pack, currency, overrides, return_address, name, sandbox_clock FROM shops WHERE ($1::text IS NULL OR shop_id = $1) ORDER BY shop_id`,
    [shopId ?? null],
  );
  return r.rows.map((s) => ({ shopId: s.shop_id, category: s.category, pack: s.policy_pack, currency: s.currency, overrides: s.overrides, returnAddress: s.return_address, name: s.name, sandboxClock: s.sandbox_clock === null ? null : toMs(s.sandbox_clock) }));
}

export async function countShops(sql: Sql): Promise<number> {
  const r = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM shops');
  return r.rows[0]!.n;
}

/** Whether the shop exists, and its test clock (null for a live shop). */
export async function shopClock(sql: Sql, shopId: string): Promise<{ sandboxClock: Instant | null } | null> {
  const r = await sql.query<{ sandbox_clock: Date | string | null }>('SELECT sandbox_clock FROM shops WHERE shop_id = $1', [shopId]);
  const row = r.rows[0];
  if (!row) return null;
  return { sandboxClock: row.sandbox_clock === null ? null : toMs(row.sandbox_clock) };
}

/** Sets a sandbox shop's test clock (creating or resetting the sandbox). */
export async function setSandboxClock(sql: Sql, shopId: string, at: Instant): Promise<void> {
  await sql.query('UPDATE shops SET sandbox_clock = $2 WHERE shop_id = $1', [shopId, iso(at)]);
}

/** Moves a test clock forward to `at`, never back. */
export async function advanceSandboxClock(sql: Sql, shopId: string, at: Instant): Promise<void> {
  await sql.query('UPDATE shops SET sandbox_clock = greatest(sandbox_clock, $2) WHERE shop_id = $1', [shopId, iso(at)]);
}

/** Sets a shop's default return address; false when there is no such shop. */
export async function setReturnAddress(sql: Sql, shopId: string, address: string): Promise<boolean> {
  const r = await sql.query('UPDATE shops SET return_address = $2 WHERE shop_id = $1', [shopId, address]);
  return (r.affectedRows ?? 0) > 0;
}

export async function returnAddressOf(sql: Sql, shopId: string): Promise<string | null> {
  const r = await sql.query<{ return_address: string | null }>('SELECT return_address FROM shops WHERE shop_id = $1', [shopId]);
  return r.rows[0]?.return_address ?? null;
}

/** The display names of the given shops (those that have one). */
export async function shopNames(sql: Sql, shopIds: readonly string[]): Promise<Map<string, string>> {
  if (shopIds.length === 0) return new Map();
  const r = await sql.query<{ shop_id: string; name: string }>('SELECT shop_id, name FROM shops WHERE shop_id = ANY($1::text[]) AND name IS NOT NULL', [[...new Set(shopIds)]]);
  return new Map(r.rows.map((x) => [x.shop_id, x.name]));
}

/** SPEC §13: the currency of each of the given shops (those that exist). */
export async function shopCurrencies(sql: Sql, shopIds: readonly string[]): Promise<Map<string, Currency>> {
  if (shopIds.length === 0) return new Map();
  const r = await sql.query<{ shop_id: string; currency: Currency }>('SELECT shop_id, currency FROM shops WHERE shop_id = ANY($1::text[])', [[...new Set(shopIds)]]);
  return new Map(r.rows.map((x) => [x.shop_id, x.currency]));
}
