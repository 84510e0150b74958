// Issue 16: the sentence an offer is confirmed with, stating exactly what will be sent — its
// remedy ("partial" below the refundable amount) and its amount in figures and in words.
import { money } from '../api.ts';
import type { T } from '../i18n/index.tsx';
import type { CaseDetail } from '../../../src/contract/index.ts';
import { fenInChinese, fenInEnglish } from './amount-words.ts';
import { toFen } from './codes.ts';

/** The offers that carry money back to the buyer. */
export const REFUND_OFFERS = ['refund_only', 'return_refund'];

type Label = (group: string, code: string | null | undefined) => string;

/** "确认向买家提出部分退款 ¥12.35（人民币壹拾贰元叁角伍分）？" — the amount exactly as it will be sent. */
export function offerConfirmation(c: Pick<CaseDetail, 'money'>, v: { type?: string; amount?: number | null }, { t, label, lang }: { t: T; label: Label; lang: 'zh' | 'en' }): string {
  const fen = toFen(v.amount) ?? 0;
  const partial = REFUND_OFFERS.includes(v.type ?? '') && fen < c.money.refundable;
  const what = partial ? t('wd.offer.partial') : label('type', v.type);
  if (fen === 0) return t('wd.offer.confirmNoMoney', { what });
  return t('wd.offer.confirm', { what, amount: money(fen), words: lang === 'zh' ? fenInChinese(fen) : fenInEnglish(fen) });
}

