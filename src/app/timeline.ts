// A case's history in words (zh-CN and English), for the CLI now and the console later.
import { formatInstant } from '../domain/calendar.ts';
import type { DomainEvent } from '../domain/events.ts';

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

export function describeEvent(e: DomainEvent, tz: string): { zh: string; en: string } {
  const t = (at: number) => formatInstant(at, tz);
  switch (e.type) {
    case 'CaseApplied':
      return { zh: `买家申请${e.caseType}, 原因 ${e.reason}, 金额 ${yuan(e.amount)}`, en: `buyer applied for ${e.caseType} (${e.reason}), ${yuan(e.amount)}` };
    case 'CaseModified':
      return { zh: `买家修改申请: ${e.caseType}/${e.reason} ${yuan(e.amount)}`, en: `buyer modified the application: ${e.caseType}/${e.reason} ${yuan(e.amount)}` };
    case 'MerchantAgreed':
      return e.by === 'system'
        ? { zh: '商家超时未处理, 系统默认同意', en: 'merchant silent: the system agreed' }
        : { zh: '商家同意', en: 'merchant agreed' };
    case 'CaseRejected':
      return { zh: `商家拒绝: ${e.reason}`, en: `merchant rejected: ${e.reason}` };
    case 'OfferMade':
      return { zh: `商家提出方案: ${e.offer.type} ${yuan(e.offer.amount)}`, en: `merchant offered ${e.offer.type} ${yuan(e.offer.amount)}` };
    case 'OfferAccepted':
      return { zh: '买家接受方案', en: 'buyer accepted the offer' };
    case 'OfferDeclined':
      return { zh: '买家拒绝方案', en: 'buyer declined the offer' };
    case 'CaseCancelled':
      return { zh: '买家撤销申请', en: 'buyer cancelled' };
    case 'ReturnShipped':
      return { zh: `买家退货 ${e.carrier} ${e.tracking}, 运费 ${yuan(e.shippingCost)}`, en: `buyer shipped the return ${e.carrier} ${e.tracking}, shipping ${yuan(e.shippingCost)}` };
    case 'ReturnReceived':
      return e.by === 'system'
        ? { zh: '商家超时未收货, 系统自动确认收货', en: 'merchant silent: the return counts as received' }
        : { zh: '商家确认收到退货', en: 'merchant received the return' };
    case 'ReturnRefused':
      return { zh: `商家拒收退货: ${e.reason}`, en: `merchant refused the return: ${e.reason}` };
    case 'ReplacementShipped':
      return { zh: `商家发出商品 ${e.carrier} ${e.tracking}`, en: `merchant shipped ${e.carrier} ${e.tracking}` };
    case 'ReceiptConfirmed':
      return { zh: e.by === 'system' ? '超时自动确认收货' : '买家确认收货', en: e.by === 'system' ? 'receipt confirmed by timeout' : 'buyer confirmed receipt' };
    case 'CaseEscalated':
      return { zh: `申请平台介入 (${e.by})`, en: `escalated to the platform (${e.by})` };
    case 'EvidenceSubmitted':
      return { zh: `提交凭证: ${e.items.map((i) => i.kind).join(', ')}`, en: `evidence submitted: ${e.items.map((i) => i.kind).join(', ')}` };
    case 'EvidenceRequested':
      return {
        zh: `平台要求${e.request.party === 'buyer' ? '买家' : '商家'}举证 (${e.request.kinds.join('/')}), 截止 ${t(e.request.dueAt)}`,
        en: `platform asked the ${e.request.party} for ${e.request.kinds.join('/')} by ${t(e.request.dueAt)}`,
      };
    case 'EvidenceRequestLapsed':
      return { zh: `举证期限届满${e.satisfied ? ' (已举证)' : ' (未举证)'}`, en: `evidence request lapsed (${e.satisfied ? 'met' : 'not met'})` };
    case 'CaseRuled':
      return {
        zh: `${e.by === 'system' ? '系统' : '平台'}判定: ${e.outcome}, 责任方 ${e.liability}${e.amount !== null ? `, 金额 ${yuan(e.amount)}` : ''}`,
        en: `${e.by} ruled ${e.outcome}, liability ${e.liability}${e.amount !== null ? `, ${yuan(e.amount)}` : ''}`,
      };
    case 'ReshipDefaulted':
      return { zh: `商家超时未发货, 转为退款 ${yuan(e.amount)}`, en: `merchant never reshipped: full refund of ${yuan(e.amount)}` };
    case 'RefundRequested':
      return { zh: `发起退款 ${yuan(e.plan.total)}`, en: `refund of ${yuan(e.plan.total)} sent to the payment provider` };
    case 'RefundCompleted':
      return { zh: '退款成功', en: 'refund confirmed' };
    case 'RefundFailed':
      return { zh: `退款失败: ${e.error}`, en: `refund failed: ${e.error}` };
    case 'CaseCompleted':
      return { zh: '售后成功', en: 'case completed' };
    case 'CaseClosed':
      return { zh: `售后关闭 (${e.reason})`, en: `case closed (${e.reason})` };
    case 'CaseDeadlineStarted':
      return { zh: `计时开始: ${e.deadline.kind}, 到期 ${t(e.deadline.dueAt)}`, en: `deadline ${e.deadline.kind} due ${t(e.deadline.dueAt)}` };
    case 'CaseDeadlineCleared':
      return { zh: `计时取消: ${e.kind}`, en: `deadline ${e.kind} cleared` };
    case 'CaseDeadlineExpired':
      return { zh: `超时: ${e.kind}`, en: `deadline ${e.kind} passed` };
    default:
      return { zh: e.type, en: e.type };
  }
}
