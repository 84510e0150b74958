import { describe, expect, it } from 'vitest';
import { urgencyOf } from './urgency.ts';

describe('urgencyOf', () => {
  const now = Date.parse('2026-11-29T12:00:00+08:00');
  it('sorts a deadline into overdue, < 4 h, < 24 h, later', () => {
    expect(urgencyOf('2026-11-29T11:59:00+08:00', now)).toBe('overdue');
    expect(urgencyOf('2026-11-29T15:59:00+08:00', now)).toBe('h4');
    expect(urgencyOf('2026-11-29T16:00:00+08:00', now)).toBe('h24');
    expect(urgencyOf('2026-11-30T11:00:00+08:00', now)).toBe('h24');
    expect(urgencyOf('2026-12-08T12:00:00+08:00', now)).toBe('later');
    expect(urgencyOf(null, now)).toBe('none');
  });
});
