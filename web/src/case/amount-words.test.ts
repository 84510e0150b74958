import { describe, expect, it } from 'vitest';
import { fenInChinese, fenInEnglish, hasAtMostFen } from './amount-words.ts';

describe('amounts in words (issue 16)', () => {
  it('writes fen in the capital numerals of a receipt', () => {
    expect(fenInChinese(1235)).toBe('人民币壹拾贰元叁角伍分');
    expect(fenInChinese(1200)).toBe('人民币壹拾贰元整');
    expect(fenInChinese(5)).toBe('人民币零元伍分');
    expect(fenInChinese(1005)).toBe('人民币壹拾元零伍分');
    expect(fenInChinese(102000)).toBe('人民币壹仟零贰拾元整');
    expect(fenInChinese(1005000)).toBe('人民币壹万零伍拾元整');
    expect(fenInChinese(59900)).toBe('人民币伍佰玖拾玖元整');
  });
  it('writes fen in English', () => {
    expect(fenInEnglish(1235)).toBe('twelve yuan thirty-five fen');
    expect(fenInEnglish(59900)).toBe('five hundred ninety-nine yuan');
  });
  it('refuses more than two decimals', () => {
    expect(hasAtMostFen('12.345')).toBe(false);
    expect(hasAtMostFen(12.345)).toBe(false);
    expect(hasAtMostFen('12.35')).toBe(true);
    expect(hasAtMostFen(12)).toBe(true);
  });
});
