// SPEC §10.1 quick replies (快捷回复) in the store: a shop's named templates.
import type { Instant } from '../domain/types.ts';
import type { Sql } from './db.ts';
import { iso, toMs } from './time.ts';

export interface QuickReplyRow {
  name: string;
  text: string;
  updatedAt: Instant;
}

export async function listQuickReplies(sql: Sql, shopId: string): Promise<QuickReplyRow[]> {
  const r = await sql.query<{ name: string; text: string; updated_at: Date }>(`SELECT name, text, updated_at FROM quick_replies WHERE shop_id = $1 ORDER BY name`, [shopId]);
  return r.rows.map((x) => ({ name: x.name, text: x.text, updatedAt: toMs(x.updated_at) }));
}

/** Saves a template under its name (a new one, or a new text for an existing one). */
export async function saveQuickReply(sql: Sql, shopId: string, name: string, text: string, now: Instant): Promise<void> {
  await sql.query(
    `INSERT INTO quick_replies (shop_id, name, text, updated_at) VALUES ($1,$2,$3,$4)
     ON CONFLICT (shop_id, name) DO UPDATE SET text = EXCLUDED.text, updated_at = EXCLUDED.updated_at`,
    [shopId, name, text, iso(now)],
  );
}

export async function deleteQuickReply(sql: Sql, shopId: string, name: string): Promise<boolean> {
  const r = await sql.query(`DELETE FROM quick_replies WHERE shop_id = $1 AND name = $2`, [shopId, name]);
  return (r.affectedRows ?? 0) > 0;
}
