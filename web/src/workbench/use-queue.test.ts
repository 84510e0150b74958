import { describe, expect, it } from 'vitest';
import { queryOf } from './use-queue.ts';

const params = (q: string) => new URL(q, 'http://x').searchParams;

describe('queryOf', () => {
  it('browses open cases, nearest deadline first', () => {
    const p = params(queryOf({ status: 'open' }, null));
    expect(p.get('sort')).toBe('deadline');
    expect(p.get('status')!.split(',')).not.toContain('completed');
    expect(p.get('status')!.split(',')).toContain('requested');
  });
  it('finds a case by its number whatever its status', () => {
    const p = params(queryOf({ status: 'open', q: 'AS-completed-3' }, null));
    expect(p.get('status')).toBeNull();
    expect(p.get('q')).toBe('AS-completed-3');
    expect(params(queryOf({ status: 'closed', q: 'AS-1' }, null)).get('status')).toBe('closed');
  });
});

describe('the queue\'s ended cases and order (issue 16)', () => {
  it('lists ended cases only under "ended", newest first when asked', () => {
    const p = params(queryOf({ status: 'ended', sort: 'applied' }, null));
    expect(p.get('status')!.split(',').sort()).toEqual(['closed', 'completed']);
    expect(p.get('sort')).toBe('applied');
  });
});
