// SPEC §13 seller performance: the four rates over their windows against the pack's ceilings, and
// the shop's notice, given(events) → when(review) → then(events).
import { describe, expect, it } from 'vitest';
import { at, DAY, policy } from '../../../test/domain-kit.ts';
import { givenShop, register, shopCmd, shopHistory, stateOf } from '../../../test/shop-kit.ts';
import type { SellerPerformanceTargets } from '../policy.ts';
import type { ShopEvent } from '../shop/events.ts';
import type { MetricCounter } from './facts.ts';
import { performanceWindows, sellerPerformanceOf, type SellerMetricValue } from './seller-performance.ts';

const P = policy('amazon-us', at('2026-06-01T00:00:00-07:00'));
const TARGETS = P.params.seller_performance as SellerPerformanceTargets;
const R = at('2026-06-10T00:00:00-07:00');

/** Counts per window length: `{60: {paid: 100, atoz_granted: 1}, …}`; absent counters are 0. */
const measure = (counts: Record<number, Partial<Record<MetricCounter, number>>>) =>
  sellerPerformanceOf(TARGETS, (days) => (c) => counts[days]?.[c] ?? 0);
const byMetric = (v: SellerMetricValue[]) => Object.fromEntries(v.map((m) => [m.metric, m]));

describe('seller performance rates (SPEC §13)', () => {
  it('reads each metric over its own window: ODR 60 d, return dissatisfaction and late shipment 30 d, cancellation 7 d', () => {
    expect(performanceWindows(TARGETS).sort((a, b) => a - b)).toEqual([7, 30, 60]);
    const m = byMetric(measure({ 60: { paid: 200, atoz_granted: 1 }, 30: { return_applied: 20, return_dissatisfied: 1, shipped: 50, shipped_late: 1, paid: 999 }, 7: { paid: 40, seller_cancelled: 1 } }));
    expect(m.order_defect_rate).toMatchObject({ rate: 0.005, numerator: 1, denominator: 200, missed: false, windowDays: 60 });
    expect(m.return_dissatisfaction_rate).toMatchObject({ rate: 0.05, missed: false });
    expect(m.late_shipment_rate).toMatchObject({ rate: 0.02, missed: false });
    expect(m.cancel_rate).toMatchObject({ rate: 0.025, numerator: 1, denominator: 40, missed: true });
  });

  it('misses a target at the ceiling itself ("< 1 %"), exactly, and not just under it', () => {
    expect(byMetric(measure({ 60: { paid: 100, atoz_granted: 1 } })).order_defect_rate!.missed).toBe(true);
    expect(byMetric(measure({ 60: { paid: 101, atoz_granted: 1 } })).order_defect_rate!.missed).toBe(false);
    // 2.5 %: 1 in 40 misses, 1 in 41 does not (compared in integers, not in floating point).
    expect(byMetric(measure({ 7: { paid: 41, seller_cancelled: 1 } })).cancel_rate!.missed).toBe(false);
    expect(byMetric(measure({ 30: { shipped: 25, shipped_late: 1 } })).late_shipment_rate!.missed).toBe(true);
  });

  it('takes an A-to-z ruling reversed on appeal off the order defects', () => {
    expect(byMetric(measure({ 60: { paid: 50, atoz_granted: 2, atoz_reversed: 1 } })).order_defect_rate).toMatchObject({ numerator: 1, rate: 0.02, missed: true });
    expect(byMetric(measure({ 60: { paid: 50, atoz_granted: 1, atoz_reversed: 1 } })).order_defect_rate).toMatchObject({ numerator: 0, rate: 0, missed: false });
  });

  it('gives null and no miss on an empty window', () => {
    for (const m of measure({})) expect(m).toMatchObject({ rate: null, missed: false, denominator: 0 });
  });
});

describe('the performance notice (SPEC §13: a shop above a target gets a notice)', () => {
  const review = (measures: SellerMetricValue[]) => shopCmd({ kind: 'performance_review', reviewedAt: R, measures });
  const lateMissed = measure({ 30: { shipped: 10, shipped_late: 1 } });
  const allMet = measure({ 30: { shipped: 100, shipped_late: 1 } });
  const registered = () => shopHistory([[register(), R - DAY]], P);
  const after = (events: ShopEvent[], measures: SellerMetricValue[], now = R) => [...events, ...givenShop(events, P).when(review(measures), now).events()];

  it('sends one notice when a target is first missed, none while it stays missed', () => {
    const once = givenShop(registered(), P).when(review(lateMissed), R);
    expect(once.types()).toEqual(['PerformanceNoticeSent']);
    expect(once.events()[0]).toMatchObject({ metric: 'late_shipment_rate', rate: 0.1, maxPct: 4, windowDays: 30, numerator: 1, denominator: 10 });
    const noticed = after(registered(), lateMissed);
    expect(givenShop(noticed, P).when(review(lateMissed), R + DAY).types()).toEqual([]);
    expect(stateOf(noticed).performance).toEqual({ late_shipment_rate: { since: R, rate: 0.1, maxPct: 4, windowDays: 30 } });
  });

  it('records the target met again, and notices again if it is missed later', () => {
    const met = after(after(registered(), lateMissed), allMet, R + DAY);
    expect(met.at(-1)).toMatchObject({ type: 'PerformanceTargetMet', metric: 'late_shipment_rate' });
    expect(stateOf(met).performance).toEqual({});
    expect(givenShop(met, P).when(review(lateMissed), R + 2 * DAY).types()).toEqual(['PerformanceNoticeSent']);
  });

  it('is the system’s, and never from the future', () => {
    expect(givenShop(registered(), P).when(shopCmd({ kind: 'performance_review', reviewedAt: R, measures: lateMissed }, { role: 'platform' }), R).refused()).toBe('forbidden');
    expect(givenShop(registered(), P).when(review(lateMissed), R - 1).refused()).toBe('validation');
  });
});
