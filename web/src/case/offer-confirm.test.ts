/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/index.tsx';
import { offerConfirmation } from './offer-confirm.ts';

const ctx = (lang: 'zh' | 'en') => ({ t: (k: string, v?: Record<string, string | number>) => translate(lang, k, v), label: (g: string, c: string | null | undefined) => translate(lang, `${g}.${c}`), lang });
const c = { money: { refundable: 9900 } } as Parameters<typeof offerConfirmation>[0];

describe('the offer confirmation (issue 16)', () => {
  it('states a partial refund with its amount in words', () => {
    expect(offerConfirmation(c, { type: 'refund_only', amount: 12.35 }, ctx('zh'))).toBe('确认向买家提出部分退款 ¥12.35（人民币壹拾贰元叁角伍分）？');
    expect(offerConfirmation(c, { type: 'refund_only', amount: 12.35 }, ctx('en'))).toBe('Offer the buyer a partial refund of ¥12.35 (twelve yuan thirty-five fen)?');
  });
  it('names the remedy when the full amount or no money is offered', () => {
    expect(offerConfirmation(c, { type: 'refund_only', amount: 99 }, ctx('zh'))).toBe('确认向买家提出仅退款 ¥99.00（人民币玖拾玖元整）？');
    expect(offerConfirmation(c, { type: 'reship' }, ctx('zh'))).toBe('确认向买家提出补发？');
  });
});
