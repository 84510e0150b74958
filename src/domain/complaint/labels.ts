// The names people read for the complaint codes of SPEC §8.1, in zh-CN and English (lower case:
// used inside sentences), as the platforms show them (违背承诺, 描述不符).
import type { Label } from '../labels.ts';
import type { ComplaintKind, ComplaintStatus, ComplaintSubKind } from './types.ts';

export const COMPLAINT_KIND_LABELS: Record<ComplaintKind, Label> = {
  breach_of_promise: { zh: '违背承诺', en: 'breach of promise' },
  misdescription: { zh: '描述不符', en: 'misdescription' },
};

export const COMPLAINT_SUB_KIND_LABELS: Record<ComplaintSubKind, Label> = {
  refused_invoice: { zh: '拒开发票/要求买家承担税点', en: 'refused an invoice or charged the tax to the buyer' },
  refused_trade: { zh: '付款前无特殊约定拒绝交易', en: 'refused the trade before payment without an agreement' },
  unfulfilled_promise: { zh: '承诺赠品/包邮等未兑现', en: 'a promised gift or free shipping not given' },
  campaign_violation: { zh: '参加官方活动未按要求服务', en: 'did not serve as an official campaign requires' },
  severe: { zh: '材质成分严重不符或无法使用', en: 'material severely not as described, or unusable' },
  affects_use: { zh: '未披露瑕疵且影响使用', en: 'an undisclosed flaw that affects use' },
  minor: { zh: '不符但未实质影响使用', en: 'not as described without affecting use' },
};

export const COMPLAINT_STATUS_LABELS: Record<ComplaintStatus, Label> = {
  filed: { zh: '已投诉', en: 'filed' },
  under_review: { zh: '平台审核中', en: 'under review' },
  upheld: { zh: '投诉成立', en: 'upheld' },
  dismissed: { zh: '投诉不成立', en: 'dismissed' },
  withdrawn: { zh: '已撤销', en: 'withdrawn' },
  appealed: { zh: '申诉中', en: 'appealed' },
  reversed: { zh: '申诉成功, 已撤销处罚', en: 'reversed on appeal' },
};
