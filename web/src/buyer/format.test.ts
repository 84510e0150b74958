import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { kindOf, localTime, MEDIA_ACCEPT } from './format.ts';

describe('localTime', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-06-15T12:00:00+08:00'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('this year: month, day and time, no year', () => {
    expect(localTime('2026-03-11T00:00:00+08:00', 'zh')).toBe('3月11日 00:00');
    expect(localTime('2026-03-11T00:00:00+08:00', 'en')).toBe('11 Mar 00:00');
  });

  it('another year: the year too', () => {
    expect(localTime('2025-12-31T23:59:59+08:00', 'zh')).toBe('2025年12月31日 23:59');
    expect(localTime('2025-12-31T23:59:59+08:00', 'en')).toBe('31 Dec 2025 23:59');
    expect(localTime('2027-01-01T08:05:00+08:00', 'en')).toBe('1 Jan 2027 08:05');
  });

  it('the wall-clock time as written, not moved to the reader’s zone', () => {
    expect(localTime('2026-07-04T09:30:00-05:00', 'zh')).toBe('7月4日 09:30');
    expect(localTime('2026-07-04T09:30:00Z', 'en')).toBe('4 Jul 09:30');
    expect(localTime('2026-10-09T18:45:12.123+08:00', 'en')).toBe('9 Oct 18:45');
  });

  it('every month has its English name', () => {
    const names = Array.from({ length: 12 }, (_, i) => localTime(`2026-${String(i + 1).padStart(2, '0')}-01T00:00:00+08:00`, 'en').split(' ')[1]);
    expect(names).toEqual(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']);
  });

  it('a dash for nothing or something that is not an instant', () => {
    expect(localTime(null, 'zh')).toBe('—');
    expect(localTime(undefined, 'en')).toBe('—');
    expect(localTime('', 'en')).toBe('—');
    expect(localTime('2026-03-11', 'zh')).toBe('—');
    expect(localTime('yesterday', 'en')).toBe('—');
  });
});

describe('evidence files', () => {
  it('a video is a video, anything else a photo', () => {
    expect(kindOf({ type: 'video/mp4' } as File)).toBe('video');
    expect(kindOf({ type: 'video/quicktime' } as File)).toBe('video');
    expect(kindOf({ type: 'image/png' } as File)).toBe('photo');
    expect(kindOf({ type: '' } as File)).toBe('photo');
  });

  it('offers the images and videos the API takes, not its documents', () => {
    expect(MEDIA_ACCEPT.split(',')).toEqual(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'video/mp4', 'video/quicktime']);
  });
});
