// Instants cross the database boundary as ISO strings in, Date (or string) out.
import type { Instant } from '../domain/types.ts';

export const iso = (at: Instant): string => new Date(at).toISOString();
export const toMs = (v: unknown): Instant => (v instanceof Date ? v.getTime() : Date.parse(String(v)));
