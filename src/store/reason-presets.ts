// Issue 16: a shop's preset reasons (reject, refuse return) in the store, one row per shop.
import type { Instant } from '../domain/types.ts';
import type { Sql } from './db.ts';
import { iso } from './time.ts';

export type PresetsByAction = Record<string, string[]>;

/** The shop's saved presets; null when it never saved any. */
export async function readReasonPresets(sql: Sql, shopId: string): Promise<PresetsByAction | null> {
  const r = await sql.query<{ presets: PresetsByAction }>('SELECT presets FROM reason_presets WHERE shop_id = $1', [shopId]);
  return r.rows[0]?.presets ?? null;
}

export async function saveReasonPresets(sql: Sql, shopId: string, presets: PresetsByAction, now: Instant): Promise<void> {
  await sql.query(
    `INSERT INTO reason_presets (shop_id, presets, updated_at) VALUES ($1, $2, $3)
     ON CONFLICT (shop_id) DO UPDATE SET presets = EXCLUDED.presets, updated_at = EXCLUDED.updated_at`,
    [shopId, JSON.stringify(presets), iso(now)],
  );
}
