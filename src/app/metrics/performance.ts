// SPEC §13 seller performance in the application layer: a pack with `seller_performance` reviews
// its shops every day at 00:00 platform time (a durable platform deadline like the §8.5 cycle, taken
// once: a second runner finds it taken), sends a notice to each shop that newly misses a target
// and records when it meets it again; and one shop's four rates on request.
import { addDaysToDate, localDateOf, startOfLocalDay } from '../../domain/calendar.ts';
import { refuse, type Refusal } from '../../domain/errors.ts';
import { windowOf, type WindowTotals } from '../../domain/metrics/compute.ts';
import { performanceWindows, sellerPerformanceOf, type SellerMetricValue } from '../../domain/metrics/seller-performance.ts';
import { resolvePolicy, type Policy, type SellerMetric } from '../../domain/policy.ts';
import type { PerformanceAlert } from '../../domain/shop/types.ts';
import type { Instant } from '../../domain/types.ts';
import type { Sql } from '../../store/db.ts';
import { ConflictError, loadForCommand, type DueDeadline } from '../../store/event-store.ts';
import { loadShopGovernance } from '../../store/governance.ts';
import { governanceStates, REVIEW_KIND, reviewSubject, schedulePlatformDeadline, shopsForMetrics, takePlatformDeadline, windowTotals } from '../../store/metrics.ts';
import { isUniqueViolation } from '../../store/unique-violation.ts';
import type { EngineCore } from '../engine-core.ts';
import type { Governance } from '../governance/engine.ts';
import { canSee, type Principal } from '../principal.ts';

export interface SellerPerformanceView {
  shop: string;
  pack: string;
  /** The marketplace's zone (SPEC §13: instants shown as its sellers read them). */
  timeZone: string;
  at: Instant;
  metrics: SellerMetricValue[];
  /** The targets missed now, since the review that found each (SPEC §13 notice). */
  alerts: Partial<Record<SellerMetric, PerformanceAlert>>;
}

/** The next 00:00 of the platform zone after `at`. */
const nextMidnight = (at: Instant, tz: string): Instant => startOfLocalDay(addDaysToDate(localDateOf(at, tz), 1), tz);

export function createPerformanceReview(core: EngineCore, governance: Governance) {
  const { db, packs, clock, shopNow, shopPolicy } = core;

  const policyOf = (pack: string, at: Instant): Policy | null => {
    const p = packs.get(pack);
    return p ? resolvePolicy(p, at) : null;
  };

  /** Each shop's four measures at `at`: one rollup read per distinct window length. */
  async function measure(sql: Sql, shopIds: readonly string[], policy: Policy, at: Instant): Promise<Map<string, SellerMetricValue[]>> {
    const targets = policy.params.seller_performance!;
    const tz = policy.calendar.timeZone;
    const byWindow = new Map<number, Map<string, WindowTotals>>();
    for (const days of performanceWindows(targets)) {
      const { from, to } = windowOf(at, days, tz);
      byWindow.set(days, await windowTotals(sql, shopIds, from, to, tz));
    }
    return new Map(shopIds.map((id) => [id, sellerPerformanceOf(targets, (days) => (counter) => byWindow.get(days)!.get(id)!.sums[counter].n)]));
  }

  /** Schedules the pack's next daily review (a no-op for a pack without targets, or when scheduled). */
  async function ensureReview(pack: string, now: Instant = clock.now(), sql: Sql = db): Promise<Instant | null> {
    const policy = policyOf(pack, now);
    if (!policy?.params.seller_performance) return null;
    const due = nextMidnight(now, policy.calendar.timeZone);
    await schedulePlatformDeadline(sql, reviewSubject(pack), REVIEW_KIND, due, policy.version, now);
    return due;
  }

  /** The review of one pack at one instant, in the caller's transaction; null when already taken. */
  async function runReviewIn(tx: Sql, pack: string, at: Instant, opts: { deadline: boolean } = { deadline: true }): Promise<{ pack: string; at: Instant; noticed: string[]; next: Instant | null } | null> {
    if (opts.deadline && !(await takePlatformDeadline(tx, reviewSubject(pack), REVIEW_KIND, at, clock.now()))) return null;
    const policy = policyOf(pack, at);
    if (!policy?.params.seller_performance) return { pack, at, noticed: [], next: null };
    const shops = (await shopsForMetrics(tx, { pack })).map((s) => s.shopId);
    const measures = await measure(tx, shops, policy, at);
    const states = await governanceStates(tx, shops);
    const noticed: string[] = [];
    for (const shopId of shops) {
      const m = measures.get(shopId)!;
      const alerts = states.get(shopId)?.performance ?? {};
      // Only a change is a decision: a target newly missed, or one met again.
      if (!m.some((x) => x.missed !== (alerts[x.metric] !== undefined))) continue;
      const events = await governance.shopEffects(tx, shopId, [{ kind: 'performance_review', shopId, actor: { role: 'system' }, reviewedAt: at, measures: m }], policy, at);
      if (events.some((e) => e.type === 'PerformanceNoticeSent')) noticed.push(shopId);
    }
    const next = nextMidnight(at, policy.calendar.timeZone);
    if (opts.deadline) await schedulePlatformDeadline(tx, reviewSubject(pack), REVIEW_KIND, next, policy.version, clock.now());
    return { pack, at, noticed, next };
  }

  /** A review at an instant without its deadline (scenarios, the demo's history). */
  const reviewAt = (pack: string, at: Instant) => db.transaction((tx) => runReviewIn(tx, pack, at, { deadline: false }));

  /** Fires the review deadline (the runner's entry): 'retry' on a concurrent change of a shop. */
  async function fireReview(d: DueDeadline): Promise<'fired' | 'stale' | 'retry'> {
    if (d.kind !== REVIEW_KIND || !d.subject.startsWith(reviewSubject(''))) return 'stale';
    const pack = d.subject.slice(reviewSubject('').length);
    try {
      const out = await db.transaction((tx) => runReviewIn(tx, pack, d.dueAt));
      return out ? 'fired' : 'stale';
    } catch (e) {
      if (e instanceof ConflictError || isUniqueViolation(e)) return 'retry';
      throw e;
    }
  }

  /** SPEC §13: one shop's four rates at an instant (default now on its clock), with its open notices. */
  async function sellerPerformance(p: Principal, shopId: string, q: { at?: Instant } = {}): Promise<SellerPerformanceView | Refusal> {
    const notFound = refuse('not_found', 'shop', `店铺 ${shopId} 不存在`, `no shop ${shopId}`, { shop: shopId });
    if (p.kind === 'buyer' || !canSee(p, { shopId })) return notFound;
    const { shop } = await loadForCommand(db, shopId, '');
    if (!shop) return notFound;
    const at = q.at ?? shopNow(shop, clock.now());
    const policy = shopPolicy(shop, shopId, at);
    if ('ok' in policy) return policy;
    if (!policy.params.seller_performance) {
      return refuse('not_eligible', 'seller_performance', `店铺 ${shopId} 所在平台 (${shop.policy_pack}) 没有卖家绩效指标`, `the marketplace of shop ${shopId} (${shop.policy_pack}) has no seller performance targets`, { shop: shopId, pack: shop.policy_pack });
    }
    const metrics = (await measure(db, [shopId], policy, at)).get(shopId)!;
    const alerts = (await loadShopGovernance(db, shopId))?.state.performance ?? {};
    return { shop: shopId, pack: shop.policy_pack, timeZone: policy.calendar.timeZone, at, metrics, alerts };
  }

  return { ensureReview, runReviewIn, reviewAt, fireReview, sellerPerformance };
}
