import { describe, expect, it } from 'vitest';
import { translate, type T } from '../i18n/index.tsx';
import { remaining } from './countdown.tsx';

const zh: T = (key, vars) => translate('zh', key, vars);
const en: T = (key, vars) => translate('en', key, vars);
const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('remaining (zh)', () => {
  it('days and hours', () => {
    expect(remaining(2 * D + 3 * H + 12 * M, zh)).toBe('2 天 3 小时');
  });
  it('days alone when the hours are zero (the two largest units, not minutes)', () => {
    expect(remaining(2 * D + 12 * M, zh)).toBe('2 天');
  });
  it('hours and minutes, minutes even when zero', () => {
    expect(remaining(3 * H + 12 * M + 40 * S, zh)).toBe('3 小时 12 分');
    expect(remaining(3 * H, zh)).toBe('3 小时 0 分');
  });
  it('minutes alone, seconds dropped', () => {
    expect(remaining(12 * M + 59 * S, zh)).toBe('12 分');
  });
  it('seconds under a minute', () => {
    expect(remaining(40 * S + 999, zh)).toBe('40 秒');
  });
  it('zero and negative read as 0 seconds', () => {
    expect(remaining(0, zh)).toBe('0 秒');
    expect(remaining(-5 * H, zh)).toBe('0 秒');
  });
  it('rounds down (1 day minus a second is still 23 hours 59 minutes)', () => {
    expect(remaining(D - S, zh)).toBe('23 小时 59 分');
    expect(remaining(D, zh)).toBe('1 天');
  });
});

describe('remaining (en)', () => {
  it('two largest units, single spaces, no trailing space', () => {
    expect(remaining(2 * D + 3 * H + 12 * M, en)).toBe('2 d 3 h');
    expect(remaining(2 * D, en)).toBe('2 d');
    expect(remaining(3 * H + 12 * M, en)).toBe('3 h 12 min');
    expect(remaining(12 * M, en)).toBe('12 min');
    expect(remaining(40 * S, en)).toBe('40 s');
    expect(remaining(-1, en)).toBe('0 s');
  });
  it('reads in the countdown sentence', () => {
    expect(en('countdown.left', { time: remaining(3 * H + 12 * M, en), what: en('deadline.merchant_response') })).toBe('3 h 12 min left until auto-agree');
    expect(zh('countdown.left', { time: remaining(3 * H + 12 * M, zh), what: zh('deadline.merchant_response') })).toBe('剩余 3 小时 12 分自动同意');
  });
});
