// SPEC §10.1 quick replies (快捷回复): a shop's named templates with placeholders the console fills
// in. SPEC §10.3: never a payment for a good review (好评返现 breaks the platforms' rules), so a
// template that offers one is refused with `policy_violation`.
import { refuse, type Refusal } from '../errors.ts';

export const QUICK_REPLY_PLACEHOLDERS = ['buyer', 'order', 'case', 'deadline', 'amount'] as const;
export type QuickReplyPlaceholder = (typeof QUICK_REPLY_PLACEHOLDERS)[number];

export const MAX_QUICK_REPLY_NAME = 40;
export const MAX_QUICK_REPLY_TEXT = 1000;

/**
 * Offers of money or gifts for a review, as merchants write them: 好评返现, 返现, 五星好评返 2 元,
 * 晒图送红包, 给好评退 5 元 … Matched on the text without spaces and punctuation, so "好 评 返 现"
 * and "好评-返-现" are caught too.
 */
const CASHBACK = [
  /返现/,
  /(好评|五星|5星|满分|晒图|评价|追评).{0,12}(返|红包|现金|奖励|补贴|立减|退\d|送\d)/,
  /(返|红包|现金|奖励).{0,12}(好评|五星|5星|晒图|评价)/,
  /cashback.{0,20}review|review.{0,20}(cashback|refund|reward)/i,
];

/** True when the text offers money for a (good) review. */
export function offersCashForReview(text: string): boolean {
  const plain = text.replace(/[\s\p{P}\p{S}]/gu, '');
  return CASHBACK.some((re) => re.test(plain));
}

/** The placeholders a template names, in order of first use. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1]!))];
}

/** Checks a template a shop saves: a name, a text, known placeholders, no 好评返现. */
export function checkQuickReply(name: string, text: string): Refusal | null {
  if (typeof name !== 'string' || name.trim() === '' || name.length > MAX_QUICK_REPLY_NAME) {
    return refuse('validation', 'name', `请填写模板名称 (最多 ${MAX_QUICK_REPLY_NAME} 字)`, `a template needs a name of at most ${MAX_QUICK_REPLY_NAME} characters`, { field: 'name' });
  }
  if (typeof text !== 'string' || text.trim() === '' || text.length > MAX_QUICK_REPLY_TEXT) {
    return refuse('validation', 'text', `请填写模板内容 (最多 ${MAX_QUICK_REPLY_TEXT} 字)`, `a template needs a text of at most ${MAX_QUICK_REPLY_TEXT} characters`, { field: 'text' });
  }
  const unknown = placeholdersOf(text).filter((p) => !(QUICK_REPLY_PLACEHOLDERS as readonly string[]).includes(p));
  if (unknown.length) {
    const known = QUICK_REPLY_PLACEHOLDERS.map((p) => `{${p}}`).join(' ');
    return refuse('validation', 'placeholder', `未知的占位符 {${unknown[0]}} (可用: ${known})`, `unknown placeholder {${unknown[0]}} (known: ${known})`, { field: 'text', placeholder: unknown[0] });
  }
  if (offersCashForReview(text) || offersCashForReview(name)) {
    return refuse(
      'policy_violation',
      'no_cashback_for_reviews',
      '快捷回复不能以返现、红包等利益诱导买家好评 (好评返现违反平台规则)',
      'a quick reply may not offer money or gifts for a good review (好评返现 breaks the platform rules)',
      { field: 'text' },
    );
  }
  return null;
}

/** Fills a template's placeholders; one without a value stays as written, for the merchant to see. */
export function fillQuickReply(text: string, values: Partial<Record<QuickReplyPlaceholder, string>>): string {
  return text.replace(/\{([a-z_]+)\}/g, (whole, name: string) => values[name as QuickReplyPlaceholder] ?? whole);
}
