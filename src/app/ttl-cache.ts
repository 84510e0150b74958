// A small in-memory cache whose answers live `ttlMs` of real time (issue 18: authentication without
// a database read per request). What one process changes it forgets at once (`delete`, `clear`);
// what another process changes is seen here within `ttlMs` — the bound docs/decisions.md states
// (a revoked key stops working everywhere within a second).
import { elapsedMs } from './clock.ts';

export interface TtlCache<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  delete(key: string): void;
  clear(): void;
}

export function ttlCache<V>(ttlMs: number, max = 10_000): TtlCache<V> {
  const entries = new Map<string, { value: V; until: number }>();
  return {
    get(key) {
      const e = entries.get(key);
      if (!e) return undefined;
      if (e.until <= elapsedMs()) {
        entries.delete(key);
        return undefined;
      }
      return e.value;
    },
    set(key, value) {
      // Oldest first out when full: a Map iterates in insertion order.
      if (entries.size >= max && !entries.has(key)) entries.delete(entries.keys().next().value!);
      entries.set(key, { value, until: elapsedMs() + ttlMs });
    },
    delete: (key) => void entries.delete(key),
    clear: () => entries.clear(),
  };
}
