import { z } from 'zod';

/** Ids (shops, orders, lines, cases, buyers) are short ASCII names: safe in paths, logs and SQL. */
export const ID_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;
export const idParam = z.string().regex(ID_PATTERN, 'an id of 1–64 characters A–Z a–z 0–9 _ . : -');

// What PostgreSQL can store: UTF-8 text without NUL characters. Checked at the edge, so such input
// is a `validation` error instead of a failed statement.
export function wellFormed(v: unknown): boolean {
  if (typeof v === 'string') return !v.includes('\u0000') && (v as string & { isWellFormed(): boolean }).isWellFormed();
  if (Array.isArray(v)) return v.every(wellFormed);
  if (v && typeof v === 'object') return Object.entries(v).every(([k, x]) => wellFormed(k) && wellFormed(x));
  return true;
}
