// SPEC §10.1 quick replies and §10.3: no template may offer money for a good review (好评返现).
import { describe, expect, it } from 'vitest';
import { checkQuickReply, fillQuickReply, offersCashForReview } from './quick-reply.ts';

describe('quick replies', () => {
  it('fills the placeholders it has values for and leaves the others visible', () => {
    const text = '{buyer} 您好, 订单 {order} 的退款 {amount} 元将在 {deadline} 前处理, 售后单 {case}';
    expect(fillQuickReply(text, { buyer: '小王', order: 'O1', amount: '49.00', deadline: '4月20日 10:00' })).toBe('小王 您好, 订单 O1 的退款 49.00 元将在 4月20日 10:00 前处理, 售后单 {case}');
  });

  it('accepts an ordinary template', () => {
    expect(checkQuickReply('退货地址', '{buyer} 您好, 退货地址: 杭州市余杭区仓前街道 1 号, 请在 {deadline} 前寄出')).toBeNull();
    expect(checkQuickReply('邀评', '收到货满意的话欢迎给个好评哦')).toBeNull();
  });

  it.each(['好评返现 2 元', '给五星好评返 3 元红包', '晒图送 5 元', '好 评 - 返 - 现', '确认收货后联系客服返现', '五星好评立减10元', 'Leave a 5-star review and get cashback'])(
    'refuses an offer of money for a review: %s',
    (text) => {
      expect(offersCashForReview(text)).toBe(true);
      expect(checkQuickReply('售后', text)).toMatchObject({ ok: false, code: 'policy_violation', details: { rule: 'no_cashback_for_reviews' } });
    },
  );

  it('refuses an unknown placeholder, an empty name or text, in words', () => {
    expect(checkQuickReply('x', '您好 {name}')).toMatchObject({ code: 'validation', details: { placeholder: 'name' } });
    expect(checkQuickReply(' ', '您好')).toMatchObject({ code: 'validation', details: { field: 'name' } });
    expect(checkQuickReply('x', '')).toMatchObject({ code: 'validation', details: { field: 'text' } });
  });
});
