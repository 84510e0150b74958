// SPEC §8.4 arithmetic: rounding half up at 4 decimals, null on a zero denominator, nearest-rank
// percentiles, the window and its cut at the platform zone's midnights, the category average.
import { describe, expect, it } from 'vitest';
import { at, HOUR } from '../../../test/domain-kit.ts';
import { categoryAverages, metricsOf, nearestRank, rankIn, ratio4, splitWindow, totalsFromFacts, windowOf, type CategoryMember, type ShopMetrics } from './compute.ts';
import { governanceCycle, type CycleShop } from './cycle.ts';
import type { MetricFact } from './facts.ts';
import { periodEndAfter } from './period.ts';

const TZ = 'Asia/Shanghai';
const fact = (counter: MetricFact['counter'], when: string, orderId = 'O1', value = 0, ref = `${orderId}#${when}`): MetricFact => ({ shopId: 'S1', counter, ref, at: at(when), orderId, value });

describe('rates (SPEC §8.4)', () => {
  it('round half up at 4 decimals, exactly', () => {
    expect(ratio4(1, 3)).toBe(0.3333);
    expect(ratio4(2, 3)).toBe(0.6667);
    expect(ratio4(1, 8)).toBe(0.125);
    // 0.00005 exactly: half up, where 0.00005 * 10_000 in floating point would round down
    expect(ratio4(1, 20_000)).toBe(0.0001);
    expect(ratio4(1, 20_001)).toBe(0);
    expect(ratio4(0, 7)).toBe(0);
  });
  it('a zero denominator gives null', () => {
    expect(ratio4(0, 0)).toBeNull();
    expect(ratio4(3, 0)).toBeNull();
  });
});

describe('percentiles by nearest rank', () => {
  it('the smallest value with at least p % at or below it', () => {
    expect(nearestRank([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(nearestRank([5, 1, 3, 2, 4], 90)).toBe(5);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(nearestRank([1, 2], 50)).toBe(1);
    expect(nearestRank([7], 90)).toBe(7);
    expect(nearestRank([], 50)).toBeNull();
  });
});

describe('the window', () => {
  it('ends at the instant asked, exclusive, and starts metrics_window days before, inclusive', () => {
    const w = windowOf(at('2026-03-10T12:00:00+08:00'), 30, TZ);
    expect(w.from).toBe(at('2026-02-08T12:00:00+08:00'));
    const facts = [fact('paid', '2026-02-08T12:00:00+08:00', 'O1'), fact('paid', '2026-03-10T12:00:00+08:00', 'O2'), fact('paid', '2026-02-08T11:59:59+08:00', 'O3')];
    expect(totalsFromFacts(facts, w.from, w.to).sums.paid.n).toBe(1);
  });
  it('is cut at the platform zone midnights: two partial ends and the whole days between', () => {
    const s = splitWindow(at('2026-03-01T12:00:00+08:00'), at('2026-03-04T08:00:00+08:00'), TZ);
    expect(s.head).toEqual([at('2026-03-01T12:00:00+08:00'), at('2026-03-02T00:00:00+08:00')]);
    expect(s.days).toEqual(['2026-03-02', '2026-03-03']);
    expect(s.tail).toEqual([at('2026-03-04T00:00:00+08:00'), at('2026-03-04T08:00:00+08:00')]);
  });
  it('a window inside one day has no whole day; one from midnight to midnight is whole days only', () => {
    expect(splitWindow(at('2026-03-01T01:00:00+08:00'), at('2026-03-01T05:00:00+08:00'), TZ).days).toEqual([]);
    const s = splitWindow(at('2026-03-01T00:00:00+08:00'), at('2026-03-03T00:00:00+08:00'), TZ);
    expect(s.days).toEqual(['2026-03-01', '2026-03-02']);
    expect(s.head[0]).toBe(s.head[1]);
    expect(s.tail[0]).toBe(s.tail[1]);
  });
});

describe('metrics of a window', () => {
  const to = at('2026-03-31T00:00:00+08:00');
  const from = windowOf(to, 30, TZ).from;
  it('intervention counts distinct orders; its rate is over completed orders', () => {
    const facts = [
      fact('completed', '2026-03-05T10:00:00+08:00', 'O1'),
      fact('completed', '2026-03-05T10:00:00+08:00', 'O2'),
      fact('completed', '2026-03-05T10:00:00+08:00', 'O3'),
      fact('intervention', '2026-03-06T10:00:00+08:00', 'O1'),
      fact('intervention', '2026-03-07T10:00:00+08:00', 'O1'),
      fact('intervention', '2026-03-07T10:00:00+08:00', 'O2'),
    ];
    const m = metricsOf(totalsFromFacts(facts, from, to), 0);
    expect(m.intervention_volume).toBe(2);
    expect(m.intervention_rate).toBe(0.6667);
    expect(m.refund_rate).toBeNull();
  });
  it('hours: the mean of refunds, the percentiles of first responses, 4 decimals', () => {
    const facts = [
      fact('refund_done', '2026-03-05T10:00:00+08:00', 'O1', 2 * HOUR, 'case:C1'),
      fact('refund_done', '2026-03-06T10:00:00+08:00', 'O2', HOUR / 3, 'case:C2'),
      fact('first_response', '2026-03-05T10:00:00+08:00', 'O1', HOUR, 'case:C1'),
      fact('first_response', '2026-03-05T10:00:00+08:00', 'O2', 10 * HOUR, 'case:C2'),
      fact('first_response', '2026-03-05T10:00:00+08:00', 'O3', 20 * HOUR, 'case:C3'),
    ];
    const m = metricsOf(totalsFromFacts(facts, from, to), 12);
    expect(m.avg_refund_hours).toBe(1.1667);
    expect(m.first_response_p50).toBe(10);
    expect(m.first_response_p90).toBe(20);
    expect(m.complaint_points).toBe(12);
  });
});

const metrics = (over: Partial<ShopMetrics>): ShopMetrics => ({
  refund_rate: null,
  dispute_rate: null,
  intervention_rate: null,
  intervention_volume: 0,
  quality_refund_rate: null,
  avg_refund_hours: null,
  first_response_p50: null,
  first_response_p90: null,
  complaint_points: 0,
  ticket_sla_breach_rate: null,
  csat_avg: null,
  ...over,
});

describe('the category average', () => {
  const members: CategoryMember[] = [
    { shopId: 'A', paid: 30, metrics: metrics({ refund_rate: 0.1, intervention_rate: 0.02 }) },
    { shopId: 'B', paid: 31, metrics: metrics({ refund_rate: 0.2, intervention_rate: null }) },
    { shopId: 'C', paid: 29, metrics: metrics({ refund_rate: 0.9, intervention_rate: 0.5 }) },
  ];
  it('is over the shops with at least metrics_min_orders paid, leaving out shops without a value', () => {
    const avg = categoryAverages(members, 30);
    expect(avg.refund_rate).toBe(0.15);
    expect(avg.intervention_rate).toBe(0.02);
    expect(categoryAverages(members, 0).refund_rate).toBe(0.4);
    expect(categoryAverages(members, 100).refund_rate).toBeNull();
  });
  it('ranks highest first among the shops counted; ties share a rank', () => {
    const tied = [...members, { shopId: 'D', paid: 40, metrics: metrics({ refund_rate: 0.2 }) }];
    expect(rankIn(tied, 'B', 'refund_rate', 30)).toBe(1);
    expect(rankIn(tied, 'D', 'refund_rate', 30)).toBe(1);
    expect(rankIn(tied, 'A', 'refund_rate', 30)).toBe(3);
    expect(rankIn(tied, 'C', 'refund_rate', 30)).toBeNull();
  });
});

describe('the governance cycle (SPEC §8.5)', () => {
  const shop = (shopId: string, rate: number | null, volume: number, watched = false, paid = 30, category = 'apparel'): CycleShop => ({
    shopId,
    category,
    paid,
    watched,
    metrics: metrics({ intervention_rate: rate, intervention_volume: volume }),
  });
  it('notices every shop above its category average; restricts the watched ones in the top 3 by volume', () => {
    const v = governanceCycle(
      [shop('A', 0.1, 10, true), shop('B', 0.09, 9, true), shop('C', 0.08, 8), shop('D', 0.07, 7, true), shop('E', 0.06, 6, true), shop('F', 0, 0), shop('G', 0, 0), shop('H', 0, 0)],
      30,
    );
    // average (0.1+0.09+0.08+0.07+0.06)/8 = 0.05
    expect(v.map((x) => [x.shopId, x.restrict, x.rank])).toEqual([
      ['A', true, 1],
      ['B', true, 2],
      ['C', false, 3],
      ['D', false, 4],
      ['E', false, 5],
    ]);
    expect(v[0]!.average).toBe(0.05);
  });
  it('leaves out shops under metrics_min_orders, and judges each category on its own', () => {
    const v = governanceCycle([shop('A', 0.9, 9, true, 29), shop('B', 0.1, 1), shop('C', 0, 0), shop('X', 0.2, 2, true, 30, 'food'), shop('Y', 0.1, 1, false, 30, 'food')], 30);
    expect(v.map((x) => x.shopId)).toEqual(['B', 'X']);
    expect(v.find((x) => x.shopId === 'X')!.restrict).toBe(true);
  });
  it('a shop at the average is not above it', () => {
    expect(governanceCycle([shop('A', 0.1, 1, true), shop('B', 0.1, 1, true)], 30)).toEqual([]);
  });
});

describe('governance periods', () => {
  const period = { days: 7, starts: 'monday' as const };
  it('end on Mondays 00:00 platform time, strictly after the instant', () => {
    expect(periodEndAfter(at('2026-03-04T15:00:00+08:00'), period, TZ)).toBe(at('2026-03-09T00:00:00+08:00'));
    expect(periodEndAfter(at('2026-03-09T00:00:00+08:00'), period, TZ)).toBe(at('2026-03-16T00:00:00+08:00'));
    expect(periodEndAfter(at('2026-03-08T23:59:59+08:00'), period, TZ)).toBe(at('2026-03-09T00:00:00+08:00'));
    // Sunday 23:00 UTC is Monday 07:00 in Shanghai: the period end is the next Monday
    expect(periodEndAfter(at('2026-03-08T23:00:00Z'), period, TZ)).toBe(at('2026-03-16T00:00:00+08:00'));
  });
});
