import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/index.tsx';
import { ruleInWords } from './rule-words.ts';

const zh = (k: string, v?: Record<string, string | number>) => translate('zh', k, v);
const en = (k: string, v?: Record<string, string | number>) => translate('en', k, v);

describe('a rule in words (SPEC §10.2)', () => {
  const rule = { when: { order_status: ['paid' as const], type: ['refund_only' as const], max_amount: 5000, max_buyer_risk: 'medium' as const }, then: 'agree' as const };
  it('says every condition and the action, in both languages', () => {
    expect(ruleInWords(rule, zh)).toBe('订单待发货 · 仅退款 · 金额 ≤ ¥50.00 · 买家风险 ≤ 中风险 → 自动同意');
    expect(ruleInWords(rule, en)).toMatch(/^order [^·]+ · .* · amount ≤ ¥50\.00 · buyer risk ≤ medium risk → agree automatically$/);
  });
  it('a rule without conditions applies to every application', () => {
    expect(ruleInWords({ when: {}, then: 'returnless_refund' }, zh)).toBe('所有申请 → 仅退款不退货');
  });
});
