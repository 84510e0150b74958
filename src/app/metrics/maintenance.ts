// SPEC §8.4 upkeep: `aftersale metrics rebuild` recomputes a shop's facts and rollups from its event
// history; the audit (`doctor`) proves the rollups equal a recount from the events, for a sample
// of shops or all of them.
import { localDateOf } from '../../domain/calendar.ts';
import { factsFromHistory, isSummed, type MetricFact } from '../../domain/metrics/facts.ts';
import type { Policy } from '../../domain/policy.ts';
import { clearShopMetrics, dailyRollups, shopFacts, shopHistory, shopsForMetrics, writeFacts } from '../../store/metrics.ts';
import { loadForCommand } from '../../store/event-store.ts';
import type { EngineCore } from '../engine-core.ts';

export interface RebuildProgress {
  done: number;
  total: number;
  shop: string;
  facts: number;
}

export interface MetricsMismatch {
  shop: string;
  what: string;
  stored: string;
  recount: string;
}

const CHUNK = 2_000;
/** ±100 years: every day a rollup can have. */
const ALL_DAYS = ['1900-01-01', '2999-12-31'] as const;

export function createMetricsMaintenance(core: EngineCore) {
  const { db, clock, shopPolicy } = core;

  async function zoneOf(shopId: string): Promise<string> {
    const { shop } = await loadForCommand(db, shopId, '');
    const p = shopPolicy(shop, shopId, clock.now());
    return 'ok' in p ? 'Asia/Shanghai' : (p as Policy).calendar.timeZone;
  }

  /** The recount: a shop's facts from its event history (pure, src/domain/metrics/facts.ts). */
  async function recount(shopId: string): Promise<MetricFact[]> {
    const { history, complaints, tickets, claims } = await shopHistory(db, shopId);
    return factsFromHistory(shopId, history, complaints, tickets, claims);
  }

  /** Recomputes the facts and rollups of one shop (or every shop) from the event history. */
  async function rebuild(opts: { shop?: string; onProgress?: (p: RebuildProgress) => void } = {}): Promise<{ shops: number; facts: number }> {
    const shops = await shopsForMetrics(db, opts.shop ? { shopId: opts.shop } : {});
    let facts = 0;
    for (const [i, s] of shops.entries()) {
      const tz = await zoneOf(s.shopId);
      // One transaction a shop: readers see the old numbers or the new ones, never half.
      const n = await db.transaction(async (tx) => {
        await clearShopMetrics(tx, s.shopId);
        const { history, complaints, tickets, claims } = await shopHistory(tx, s.shopId);
        const all = factsFromHistory(s.shopId, history, complaints, tickets, claims).map((f) => ({ ...f, day: localDateOf(f.at, tz) }));
        for (let k = 0; k < all.length; k += CHUNK) await writeFacts(tx, all.slice(k, k + CHUNK));
        return all.length;
      });
      facts += n;
      opts.onProgress?.({ done: i + 1, total: shops.length, shop: s.shopId, facts: n });
    }
    return { shops: shops.length, facts };
  }

  /** Compares one shop's rollups and samples with a recount from its events. */
  async function auditShop(shopId: string): Promise<MetricsMismatch[]> {
    const tz = await zoneOf(shopId);
    const expected = await recount(shopId);
    const want = new Map<string, { n: number; total: number }>();
    for (const f of expected) {
      if (!isSummed(f.counter)) continue;
      const k = `${localDateOf(f.at, tz)} ${f.counter}`;
      const w = want.get(k) ?? { n: 0, total: 0 };
      want.set(k, { n: w.n + 1, total: w.total + f.value });
    }
    const have = new Map((await dailyRollups(db, [shopId], ...ALL_DAYS)).map((r) => [`${r.day} ${r.counter}`, { n: r.n, total: r.total }]));
    const out: MetricsMismatch[] = [];
    for (const k of new Set([...want.keys(), ...have.keys()])) {
      const [a, b] = [have.get(k), want.get(k)];
      if (a?.n !== b?.n || a?.total !== b?.total) out.push({ shop: shopId, what: `rollup ${k}`, stored: a ? `${a.n} / ${a.total}` : 'none', recount: b ? `${b.n} / ${b.total}` : 'none' });
    }
    const key = (f: MetricFact) => `${f.counter} ${f.ref} ${f.at} ${f.value}`;
    const stored = new Set((await shopFacts(db, shopId)).filter((f) => !isSummed(f.counter)).map(key));
    const counted = new Set(expected.filter((f) => !isSummed(f.counter)).map(key));
    for (const k of counted) if (!stored.has(k)) out.push({ shop: shopId, what: `sample ${k}`, stored: 'none', recount: 'present' });
    for (const k of stored) if (!counted.has(k)) out.push({ shop: shopId, what: `sample ${k}`, stored: 'present', recount: 'none' });
    return out;
  }

  /** SPEC §8.4 audit: rollups = recount for `sample` shops (spread over the ids), or every shop. */
  async function auditMetrics(opts: { sample?: number; full?: boolean } = {}): Promise<{ shops: number; mismatches: MetricsMismatch[] }> {
    const shops = (await shopsForMetrics(db)).map((s) => s.shopId);
    const size = opts.full ? shops.length : Math.min(shops.length, opts.sample ?? 20);
    const step = shops.length / Math.max(1, size);
    const picked = opts.full ? shops : Array.from({ length: size }, (_, i) => shops[Math.floor(i * step)]!);
    const mismatches: MetricsMismatch[] = [];
    for (const s of picked) mismatches.push(...(await auditShop(s)));
    return { shops: picked.length, mismatches };
  }

  return { rebuild, auditShop, auditMetrics };
}
