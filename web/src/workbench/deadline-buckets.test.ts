import { describe, expect, it } from 'vitest';
import type { CaseDeadlineKind } from '../../../src/contract/enums.ts';
import { bucketDeadlines, bucketOf, HOURS, mergeByLabel } from './deadline-buckets.ts';

const H = 3_600_000;
const NOW = Date.parse('2026-03-11T10:00:00+08:00');
const at = (ms: number) => new Date(ms).toISOString();
// A kind the console does not know yet is typed as a known one: the buckets must still keep it.
const row = (kind: string, dueMs: number) => ({ deadline: { kind: kind as CaseDeadlineKind, due: at(dueMs) } });
const zeros = () => new Array<number>(HOURS + 1).fill(0);

describe('bucketOf', () => {
  it('puts each hour ahead in its own bucket, the edges in the later hour', () => {
    expect(bucketOf(NOW + 1, NOW)).toBe(0);
    expect(bucketOf(NOW + H - 1, NOW)).toBe(0);
    expect(bucketOf(NOW + H, NOW)).toBe(1);
    expect(bucketOf(NOW + 5.5 * H, NOW)).toBe(5);
    expect(bucketOf(NOW + 24 * H - 1, NOW)).toBe(23);
  });
  it('counts 24 hours and beyond as later', () => {
    expect(bucketOf(NOW + 24 * H, NOW)).toBe(HOURS);
    expect(bucketOf(NOW + 30 * 24 * H, NOW)).toBe(HOURS);
  });
  it('puts what is due now or overdue in the first hour', () => {
    expect(bucketOf(NOW, NOW)).toBe(0);
    expect(bucketOf(NOW - 3 * H, NOW)).toBe(0);
  });
});

describe('bucketDeadlines', () => {
  it('counts by hour and by kind, SPEC order of kinds', () => {
    const rows = [
      row('buyer_confirm', NOW + 2.5 * H),
      row('merchant_response', NOW + 30 * 60_000),
      row('merchant_response', NOW + 40 * 60_000),
      row('merchant_response', NOW + 23.9 * H),
      row('merchant_response', NOW + 48 * H),
      row('buyer_confirm', NOW - H),
    ];
    const b = bucketDeadlines(rows, NOW);
    expect(b.series.map((s) => s.kind)).toEqual(['merchant_response', 'buyer_confirm']);
    const mr = zeros();
    mr[0] = 2;
    mr[23] = 1;
    mr[HOURS] = 1;
    const bc = zeros();
    bc[0] = 1;
    bc[2] = 1;
    expect(b.series[0]!.counts).toEqual(mr);
    expect(b.series[1]!.counts).toEqual(bc);
    expect(b.soon).toBe(5);
    expect(b.later).toBe(1);
  });

  it('reads the offset the API writes (+08:00) as the same instant', () => {
    const b = bucketDeadlines([{ deadline: { kind: 'evidence', due: '2026-03-11T13:30:00+08:00' } }], NOW);
    expect(b.series[0]!.counts[3]).toBe(1);
  });

  it('leaves out rows without a deadline or with an unreadable one', () => {
    const b = bucketDeadlines([{ deadline: null }, { deadline: { kind: 'evidence', due: 'soon' } }], NOW);
    expect(b).toEqual({ series: [], soon: 0, later: 0 });
  });

  it('keeps a kind it does not know, after the known ones', () => {
    const b = bucketDeadlines([row('zz_new', NOW + H), row('evidence', NOW + H), row('aa_new', NOW + H)], NOW);
    expect(b.series.map((s) => s.kind)).toEqual(['evidence', 'aa_new', 'zz_new']);
  });

  it('every row with a deadline is in exactly one bucket', () => {
    const rows = Array.from({ length: 200 }, (_, i) => row(i % 3 ? 'offer_reply' : 'merchant_receipt', NOW + (i - 20) * 0.37 * H));
    const b = bucketDeadlines(rows, NOW);
    const all = b.series.flatMap((s) => s.counts).reduce((a, n) => a + n, 0);
    expect(all).toBe(200);
    expect(b.soon + b.later).toBe(200);
    expect(b.series.every((s) => s.counts.length === HOURS + 1)).toBe(true);
  });
});

describe('mergeByLabel', () => {
  it('sums the kinds that read the same into one stack', () => {
    const b = bucketDeadlines([row('offer_reply', NOW + H), row('buyer_after_reject', NOW + H), row('buyer_return_shipment', NOW + 3 * H), row('merchant_response', NOW)], NOW);
    const label = (k: string) => ({ merchant_response: '自动同意' })[k] ?? '自动关闭';
    const stacks = mergeByLabel(b.series, label);
    expect(stacks.map((s) => s.label)).toEqual(['自动同意', '自动关闭']);
    expect(stacks[1]!.counts[1]).toBe(2);
    expect(stacks[1]!.counts[3]).toBe(1);
    expect(stacks[0]!.counts[0]).toBe(1);
    // The buckets it read from are left as they were.
    expect(b.series.find((s) => s.kind === 'offer_reply')!.counts[1]).toBe(1);
  });
});
