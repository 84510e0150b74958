// SPEC §8.5 the governance cycle (Pinduoduo 介入率治理) as a durable periodic deadline: one row per
// pack and period end in the deadlines table, fired by the same runner as every other deadline.
// The whole cycle — taking the deadline, every shop's verdict as shop events (webhooks
// `shop.notice`, `shop.sanctioned`), the next period's deadline — is ONE transaction: a second
// runner firing the same period finds it taken and does nothing (exactly once).
import { metricsOf, windowOf } from '../../domain/metrics/compute.ts';
import { governanceCycle, type CycleShop, type CycleVerdict } from '../../domain/metrics/cycle.ts';
import { periodEndAfter } from '../../domain/metrics/period.ts';
import { resolvePolicy, type Policy } from '../../domain/policy.ts';
import { watchedThrough } from '../../domain/shop/status.ts';
import type { Instant } from '../../domain/types.ts';
import type { Sql } from '../../store/db.ts';
import { ConflictError, type DueDeadline } from '../../store/event-store.ts';
import { governedShops } from '../../store/governance.ts';
import { CYCLE_KIND, cycleSubject, scheduleCycle, shopsForMetrics, takeCycle, windowTotals } from '../../store/metrics.ts';
import { isUniqueViolation } from '../../store/unique-violation.ts';
import type { EngineCore } from '../engine-core.ts';
import type { Governance } from '../governance/engine.ts';

export interface CycleOutcome {
  pack: string;
  periodEnd: Instant;
  verdicts: CycleVerdict[];
  next: Instant;
}

export function createCycle(core: EngineCore, governance: Governance) {
  const { db, packs, clock } = core;

  const policyOf = (pack: string, at: Instant): Policy | null => {
    const p = packs.get(pack);
    return p ? resolvePolicy(p, at) : null;
  };

  /** Makes sure a pack with a governance period has its next period end scheduled (a no-op otherwise). */
  async function ensureCycle(pack: string, now: Instant = clock.now(), sql: Sql = db): Promise<Instant | null> {
    const policy = policyOf(pack, now);
    const period = policy?.params.governance_period;
    if (!policy || !period) return null;
    const due = periodEndAfter(now, period, policy.calendar.timeZone);
    await scheduleCycle(sql, pack, due, policy.version, now);
    return due;
  }

  /** The cycle of one pack at one period end, in the caller's transaction; null when already run. */
  async function runCycleIn(tx: Sql, pack: string, periodEnd: Instant, opts: { deadline: boolean } = { deadline: true }): Promise<CycleOutcome | null> {
    if (opts.deadline && !(await takeCycle(tx, pack, periodEnd, clock.now()))) return null;
    const policy = policyOf(pack, periodEnd);
    const period = policy?.params.governance_period;
    if (!policy || !period) return null; // the pack dropped its period: nothing to judge, nothing next
    const tz = policy.calendar.timeZone;
    const shops = await shopsForMetrics(tx, { pack });
    const { from, to } = windowOf(periodEnd, policy.params.metrics_window, tz);
    const totals = await windowTotals(tx, shops.map((s) => s.shopId), from, to, tz);
    const states = new Map((await governedShops(tx)).map((s) => [s.id, s]));
    const cycleShops: CycleShop[] = shops.map((s) => {
      const t = totals.get(s.shopId)!;
      const state = states.get(s.shopId);
      return { shopId: s.shopId, category: s.category, paid: t.sums.paid.n, metrics: metricsOf(t, 0), watched: state ? watchedThrough(state, periodEnd) : false };
    });
    const verdicts = governanceCycle(cycleShops, policy.params.metrics_min_orders);
    const next = periodEndAfter(periodEnd, period, tz);
    for (const v of verdicts) {
      await governance.shopEffects(
        tx,
        v.shopId,
        [{ kind: 'governance_verdict', shopId: v.shopId, actor: { role: 'system' }, periodEnd, watchUntil: next, restrict: v.restrict, rate: v.rate, average: v.average, volume: v.volume, rank: v.rank }],
        policy,
        periodEnd,
      );
    }
    if (opts.deadline) await scheduleCycle(tx, pack, next, policy.version, clock.now());
    return { pack, periodEnd, verdicts, next };
  }

  /**
   * The cycle of a past period end, without its deadline (the demo's history: what the runner
   * would have done then). A period already judged is not judged again (the verdicts are no-ops).
   */
  const replayCycle = (pack: string, periodEnd: Instant) => db.transaction((tx) => runCycleIn(tx, pack, periodEnd, { deadline: false }));

  /** Fires a platform deadline (the runner's entry): 'retry' on a concurrent change of a shop. */
  async function firePlatform(d: DueDeadline): Promise<'fired' | 'stale' | 'retry'> {
    if (d.kind !== CYCLE_KIND || !d.subject.startsWith(cycleSubject(''))) return 'stale';
    const pack = d.subject.slice(cycleSubject('').length);
    try {
      const out = await db.transaction((tx) => runCycleIn(tx, pack, d.dueAt));
      return out ? 'fired' : 'stale';
    } catch (e) {
      if (e instanceof ConflictError || isUniqueViolation(e)) return 'retry';
      throw e;
    }
  }

  return { ensureCycle, runCycleIn, replayCycle, firePlatform };
}

export type Cycle = ReturnType<typeof createCycle>;
