// The names people read for the claim codes of SPEC §13, in zh-CN and English (lower case: used
// inside sentences).
import type { Label } from '../labels.ts';
import type { ClaimAction } from './commands.ts';
import type { ClaimKind, ClaimLedgerKind, ClaimReason, ClaimStatus } from './types.ts';

export const CLAIM_KIND_LABELS: Record<ClaimKind, Label> = {
  atoz_claim: { zh: '亚马逊商城交易保障索赔 (A-to-z)', en: 'A-to-z Guarantee claim' },
  safet_claim: { zh: '卖家安全交易索赔 (SAFE-T)', en: 'SAFE-T claim' },
};

export const CLAIM_REASON_LABELS: Record<ClaimReason, Label> = {
  not_received: { zh: '未收到商品', en: 'item not received' },
  not_as_described: { zh: '商品与描述不符', en: 'item not as described' },
  returned_damaged: { zh: '退回的商品已损坏', en: 'the return came back damaged' },
  returned_empty: { zh: '退回的包裹是空的', en: 'the return came back empty' },
  not_returned: { zh: '退款后商品未退回', en: 'the item was not returned after the refund' },
};

export const CLAIM_STATUS_LABELS: Record<ClaimStatus, Label> = {
  filed: { zh: '待卖家回应', en: 'awaiting the seller' },
  under_review: { zh: '平台审核中', en: 'under review' },
  resolved_by_seller: { zh: '卖家已全额退款', en: 'refunded by the seller' },
  granted_against_seller: { zh: '索赔成立 (卖家承担)', en: 'granted against the seller' },
  granted_platform_funded: { zh: '索赔成立 (平台承担)', en: 'granted, funded by the platform' },
  denied: { zh: '索赔不成立', en: 'denied' },
  appealed: { zh: '申诉中', en: 'appealed' },
  reversed: { zh: '申诉成功, 已撤销扣款', en: 'reversed on appeal' },
  reimbursed: { zh: '平台已补偿卖家', en: 'reimbursed' },
  withdrawn: { zh: '已撤销', en: 'withdrawn' },
};

export const CLAIM_ACTION_LABELS: Record<ClaimAction | 'atoz_claim' | 'safet_claim', Label> = {
  atoz_claim: { zh: '提交 A-to-z 索赔', en: 'file an A-to-z claim' },
  safet_claim: { zh: '提交 SAFE-T 索赔', en: 'file a SAFE-T claim' },
  withdraw_claim: { zh: '撤销索赔', en: 'withdraw the claim' },
  respond_claim: { zh: '回应索赔', en: 'respond to the claim' },
  rule_claim: { zh: '裁定索赔', en: 'rule on the claim' },
  appeal_claim: { zh: '申诉', en: 'appeal the ruling' },
  rule_claim_appeal: { zh: '裁定申诉', en: 'rule on the appeal' },
};

export const CLAIM_LEDGER_LABELS: Record<ClaimLedgerKind, Label> = {
  atoz_seller_refund: { zh: '卖家全额退款', en: 'the seller refunded in full' },
  atoz_seller_debit: { zh: '平台退款并向卖家扣款', en: 'refunded by the platform, debited to the seller' },
  atoz_platform_reimbursement: { zh: '平台出资退款', en: 'refunded at the platform’s cost' },
  atoz_appeal_reversal: { zh: '申诉成功, 退还卖家扣款', en: 'the seller’s debit reversed on appeal' },
  safet_reimbursement: { zh: '平台补偿卖家', en: 'the platform reimbursed the seller' },
};
