import { describe, expect, it } from 'vitest';
import { byDeadline, countdownOf, depositPercent, depositState, evidencePayload, isOpenComplaint, isRunning, nextThreshold, pointsPercent, runningSanctions, thresholdSteps, yuanToFen } from './rules.ts';
import type { ComplaintRow, Sanction, Threshold } from './types.ts';

const DEFAULTS: Threshold[] = [
  { points: 24, sanction: 'restriction', days: 14 },
  { points: 12, sanction: 'restriction', days: 7 },
  { points: 48, sanction: 'closure', days: null },
  { points: 36, sanction: 'restriction', days: 21 },
];
const NOW = Date.parse('2026-03-10T12:00:00+08:00');

describe('points against the thresholds', () => {
  it('sorts the thresholds and marks the ones reached', () => {
    expect(thresholdSteps(12, DEFAULTS).map((s) => [s.points, s.reached])).toEqual([
      [12, true],
      [24, false],
      [36, false],
      [48, false],
    ]);
  });
  it('names the next threshold, none past the closure', () => {
    expect(nextThreshold(0, DEFAULTS)?.points).toBe(12);
    expect(nextThreshold(12, DEFAULTS)?.points).toBe(24);
    expect(nextThreshold(47, DEFAULTS)?.sanction).toBe('closure');
    expect(nextThreshold(60, DEFAULTS)).toBeNull();
  });
  it('measures points against the closure threshold', () => {
    expect(pointsPercent(0, DEFAULTS)).toBe(0);
    expect(pointsPercent(12, DEFAULTS)).toBe(25);
    expect(pointsPercent(60, DEFAULTS)).toBe(100);
    expect(pointsPercent(5, [])).toBe(0);
  });
});

describe('running sanctions', () => {
  const s = (over: Partial<Sanction>): Sanction => ({ kind: 'restriction', threshold: 12, from: '2026-03-09T10:00:00+08:00', until: '2026-03-16T10:00:00+08:00', ended_at: null, ...over });
  it('runs until its end, unless ended early', () => {
    expect(isRunning(s({}), NOW)).toBe(true);
    expect(isRunning(s({ until: '2026-03-10T11:00:00+08:00' }), NOW)).toBe(false);
    expect(isRunning(s({ ended_at: '2026-03-10T09:00:00+08:00' }), NOW)).toBe(false);
    expect(isRunning(s({ kind: 'closure', until: null }), NOW)).toBe(true);
  });
  it('keeps only the running ones', () => {
    expect(runningSanctions([s({}), s({ ended_at: '2026-03-10T09:00:00+08:00' })], NOW)).toHaveLength(1);
  });
});

describe('the deposit', () => {
  it('is ok, short, or overdue past its top-up deadline', () => {
    expect(depositState({ currency: 'CNY', required: 100, balance: 100, shortfall: 0, topup_due_at: null }, NOW)).toBe('ok');
    expect(depositState({ currency: 'CNY', required: 100, balance: 40, shortfall: 60, topup_due_at: '2026-03-17T12:00:00+08:00' }, NOW)).toBe('short');
    expect(depositState({ currency: 'CNY', required: 100, balance: 40, shortfall: 60, topup_due_at: '2026-03-09T12:00:00+08:00' }, NOW)).toBe('overdue');
  });
  it('shows the balance as a share of the required amount', () => {
    expect(depositPercent({ currency: 'CNY', required: 200, balance: 50, shortfall: 150, topup_due_at: null })).toBe(25);
    expect(depositPercent({ currency: 'CNY', required: 200, balance: -50, shortfall: 250, topup_due_at: null })).toBe(0);
    expect(depositPercent({ currency: 'CNY', required: 0, balance: 0, shortfall: 0, topup_due_at: null })).toBe(100);
  });
  it('reads yuan into fen', () => {
    expect(yuanToFen(12.34)).toBe(1234);
    expect(yuanToFen('500')).toBe(50000);
    expect(yuanToFen(0.1 + 0.2)).toBe(30);
    expect(yuanToFen(1.234)).toBeNull();
    expect(yuanToFen(0)).toBeNull();
    expect(yuanToFen(-3)).toBeNull();
    expect(yuanToFen('abc')).toBeNull();
    expect(yuanToFen(undefined)).toBeNull();
  });
});

describe('complaints', () => {
  const row = (id: string, due: string | null, filed = '2026-03-01T10:00:00+08:00'): ComplaintRow => ({
    id,
    shop: 's',
    order: 'o',
    buyer: 'b',
    kind: 'misdescription',
    sub_kind: 'minor',
    kind_label: '',
    sub_kind_label: '',
    status: 'filed',
    status_label: '',
    points: 0,
    merchant_silent: false,
    closed_reason: null,
    filed_at: filed,
    deadline: due ? { kind: 'complaint_response', due_at: due } : null,
  });
  it('orders by nearest deadline, the ones without after', () => {
    const rows = [row('a', null), row('b', '2026-03-12T10:00:00+08:00'), row('c', '2026-03-11T10:00:00+08:00'), row('d', null, '2026-03-05T10:00:00+08:00')];
    expect(rows.sort(byDeadline).map((r) => r.id)).toEqual(['c', 'b', 'd', 'a']);
  });
  it('gives the countdown its deadline', () => {
    expect(countdownOf({ kind: 'complaint_response', due_at: 'X' })).toEqual({ kind: 'complaint_response', due: 'X' });
    expect(countdownOf(null)).toBeNull();
  });
  it('knows which statuses wait for someone', () => {
    expect(['filed', 'under_review', 'appealed', 'upheld', 'withdrawn'].map(isOpenComplaint)).toEqual([true, true, true, false, false]);
  });
  it('sends only evidence lines with a kind, descriptions trimmed', () => {
    expect(evidencePayload([{ kind: 'photo', description: '  tag shows 100% cotton ' }, { description: 'no kind' }, undefined, { kind: 'chat_log', description: ' ' }])).toEqual([
      { kind: 'photo', description: 'tag shows 100% cotton' },
      { kind: 'chat_log' },
    ]);
    expect(evidencePayload(undefined)).toEqual([]);
  });
});
