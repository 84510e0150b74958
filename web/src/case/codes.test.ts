import { describe, expect, it } from 'vitest';
import * as codes from './codes.ts';

describe('toFen', () => {
  it('turns yuan with float noise into the exact fen', () => {
    expect(toFenOf(19.99)).toBe(1999);
    expect(toFenOf(0.07)).toBe(7);
    expect(toFenOf(0.1 + 0.2)).toBe(30);
    expect(toFenOf(1.15)).toBe(115); // 1.15 * 100 = 114.99999999999999
    expect(toFenOf(4.35)).toBe(435); // 434.99999999999994
    expect(toFenOf(1.005 * 1000)).toBe(100500);
    expect(toFenOf(0)).toBe(0);
    expect(toFenOf(12345678.91)).toBe(1234567891);
  });

  it('round-trips every two-decimal amount up to ¥10,000', () => {
    const wrong: number[] = [];
    for (let fen = 0; fen <= 1_000_000; fen++) if (toFenOf(fen / 100) !== fen) wrong.push(fen);
    expect(wrong).toEqual([]);
  });

  it('gives an integer, rounding a third decimal to the nearest fen', () => {
    expect(toFenOf(0.123)).toBe(12);
    expect(toFenOf(0.126)).toBe(13);
    expect(Number.isInteger(toFenOf(3.14159))).toBe(true);
  });

  it('leaves an empty field empty (undefined, not 0)', () => {
    expect(codes.toFen(null)).toBeUndefined();
    expect(codes.toFen(undefined)).toBeUndefined();
  });
});

function toFenOf(yuan: number): number {
  const fen = codes.toFen(yuan);
  if (fen === undefined) throw new Error(`toFen(${yuan}) gave undefined`);
  return fen;
}

describe('guessKind', () => {
  const image = { type: 'image/png' };
  const pdf = { type: 'application/pdf' };
  const refuseReturn = ['courier_rejection_certificate', 'photo'];
  it('gives an image the photo a command wants, whatever order the files come in', () => {
    expect(codes.guessKind(image, [], refuseReturn)).toBe('photo');
    expect(codes.guessKind(image, [{ kind: 'photo' }], refuseReturn)).toBe('courier_rejection_certificate');
    expect(codes.guessKind(pdf, [], refuseReturn)).toBe('courier_rejection_certificate');
    expect(codes.guessKind(pdf, [{ kind: 'courier_rejection_certificate' }], refuseReturn)).toBe('other');
  });
  it('takes a wanted document kind for a scan, else the media type', () => {
    expect(codes.guessKind(image, [], ['invoice'])).toBe('invoice');
    expect(codes.guessKind({ type: 'video/mp4' }, [], [])).toBe('video');
    expect(codes.guessKind(image, [{ kind: 'photo' }], ['photo'])).toBe('photo');
  });
});

describe('offerInWords', () => {
  const label = (group: string, code: string) => `${group}:${code}`;
  it('says the money only when there is some, and the note when given', () => {
    expect(codes.offerInWords({ type: 'refund_only', amount: 1000, note: '补偿10元' }, label)).toBe('type:refund_only · ¥10.00 · 补偿10元');
    expect(codes.offerInWords({ type: 'reship', amount: 0, note: null }, label)).toBe('type:reship');
  });
});
