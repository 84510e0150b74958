// A case's (and an order's) history in words, zh-CN and English, for the CLI and the console's
// timeline: every code is said by its name (src/app/labels.ts), so a buyer reads "买家申请退货退款,
// 原因: 假冒品牌" and never "return_refund". Free text the parties wrote (a rejection reason, a
// carrier) is quoted as given.
import type { AutomatedBy } from '../domain/automation/automate.ts';
import type { DomainEvent } from '../domain/events.ts';
import type { Actor, Currency, Reason } from '../domain/types.ts';
import {
  CASE_DEADLINE_LABELS as DEADLINE,
  dateWords,
  CASE_TYPE_LABELS as TYPE,
  CLOSED_REASON_LABELS as CLOSED,
  COMPENSATION_LABELS as COMPENSATION,
  EVIDENCE_LABELS as EVIDENCE,
  LIABILITY_LABELS as LIABILITY,
  listOf,
  ORDER_CLOSED_LABELS as ORDER_CLOSED,
  ORDER_DEADLINE_LABELS as ORDER_DEADLINE,
  OUTCOME_LABELS as OUTCOME,
  REASON_LABELS as REASON,
  ROLE_LABELS as ROLE,
  moneyOf,
  type Label,
} from '../domain/labels.ts';
const text = (zh: string, en: string): Label => ({ zh, en });

/** An escalation's reason: the system's is a reason code (counterfeit), a party's is its own words. */
const escalationReason = (reason: string | null): Label | null =>
  reason === null || reason === '' ? null : reason in REASON ? REASON[reason as Reason] : text(reason, reason);

/** An offer in words; exchange, repair and reship offers carry no money, so none is said. */
const offerWords = (o: { type: keyof typeof TYPE; amount: number; buyerOwes?: number }, money: (minor: number) => string): Label =>
  o.type === 'exchange' && o.amount > 0
    ? text(`${TYPE[o.type].zh}, 退差价 ${money(o.amount)}`, `${TYPE[o.type].en}, ${money(o.amount)} difference refunded`)
    : o.buyerOwes
      ? text(`${TYPE[o.type].zh}, 买家补差价 ${money(o.buyerOwes)}`, `${TYPE[o.type].en}, the buyer pays ${money(o.buyerOwes)} difference`)
      : o.amount > 0
        ? text(`${TYPE[o.type].zh} ${money(o.amount)}`, `${TYPE[o.type].en}, ${money(o.amount)}`)
        : TYPE[o.type];

/** SPEC §10.2: an automated decision in words, naming the rule (规则「小额极速退款」自动同意). */
function ruleAgreed(r: AutomatedBy): Label {
  const who = r.source === 'platform' ? text(`平台规则「${r.name}」`, `the platform's rule “${r.name}”`) : text(`规则「${r.name}」`, `rule “${r.name}”`);
  if (r.action === 'returnless_refund') return text(`${who.zh}自动同意仅退款, 买家无需退货`, `${who.en} agreed automatically: a refund without return, the buyer keeps the goods`);
  return text(`${who.zh}自动同意`, `${who.en} agreed automatically`);
}

/**
 * Who the timeline says did it. The history keeps who sent the command; a step the rules took
 * inside that command (a counterfeit claim escalated on application, SPEC §7's evidence request on
 * escalation, a deadline started) is the system's, not the buyer's who applied.
 */
export function shownActor(e: DomainEvent, stored: Actor): Actor {
  if ('by' in e && e.by === 'system') return { role: 'system' };
  if (e.type === 'EvidenceRequested' && stored.role !== 'platform') return { role: 'system' };
  // Deadlines start, stop and run out by the rules (SPEC §4), whoever's step set them off.
  if (/^(Case|Order)Deadline(Started|Cleared|Expired)$/.test(e.type)) return { role: 'system' };
  // SPEC §13: the platform authorizes the return, though it is written with the buyer's application.
  if (e.type === 'ReturnAuthorized') return { role: 'platform' };
  return stored;
}

export function describeEvent(e: DomainEvent, tz: string, currency: Currency = 'CNY'): { zh: string; en: string } {
  // SPEC §13: amounts in the order's currency (¥ for CNY, $ for USD).
  const money = (minor: number) => moneyOf(minor, currency);
  // Instants as people read them, the year only when it is not the event's.
  const t = (at: number) => dateWords(at, e.at, tz);
  switch (e.type) {
    // ---------------------------------------------------------------------------- the case
    case 'CaseApplied':
      return text(
        // Exchange, repair and reship claim goods, not money: no "¥0.00".
        `买家申请${TYPE[e.caseType].zh}, 原因: ${REASON[e.reason].zh}${e.amount > 0 ? `, 金额 ${money(e.amount)}` : ''}`,
        `buyer applied for ${TYPE[e.caseType].en} (${REASON[e.reason].en})${e.amount > 0 ? `, ${money(e.amount)}` : ''}`,
      );
    case 'CaseModified':
      return text(
        `买家修改申请: ${TYPE[e.caseType].zh}, 原因: ${REASON[e.reason].zh}, 金额 ${money(e.amount)}`,
        `buyer changed the application: ${TYPE[e.caseType].en} (${REASON[e.reason].en}), ${money(e.amount)}`,
      );
    case 'MerchantAgreed':
      if (e.rule) return ruleAgreed(e.rule);
      return e.by === 'system'
        ? text('商家超时未处理, 系统默认同意', 'the merchant did not respond in time: the system agreed')
        : text(e.returnAddress ? `商家同意, 退货地址: ${e.returnAddress}` : '商家同意', e.returnAddress ? `merchant agreed, return to: ${e.returnAddress}` : 'merchant agreed');
    case 'CaseRejected':
      return text(`商家拒绝: ${e.reason}`, `merchant rejected: ${e.reason}`);
    case 'OfferMade':
      return text(`商家提出方案: ${offerWords(e.offer, money).zh}`, `merchant offered ${offerWords(e.offer, money).en}`);
    case 'OfferAccepted':
      return text(`买家接受方案: ${offerWords(e.offer, money).zh}`, `buyer accepted the offer: ${offerWords(e.offer, money).en}`);
    case 'OfferDeclined':
      return text('买家不接受方案, 等待商家重新处理', 'buyer declined the offer: back to the merchant');
    case 'OfferWithdrawn':
      return text('商家撤回方案, 等待商家重新处理', 'merchant withdrew the offer: back to the merchant');
    case 'ReturnTrackingCorrected':
      return text(
        `买家修改退货物流: ${e.previous.carrier} ${e.previous.tracking} → ${e.carrierName ?? e.carrier} ${e.tracking}`,
        `buyer corrected the return parcel: ${e.previous.carrier} ${e.previous.tracking} → ${e.carrierName ?? e.carrier} ${e.tracking}`,
      );
    case 'CaseCancelled':
      return text('买家撤销申请', 'buyer cancelled the application');
    case 'ReturnShipped':
      return text(`买家寄回商品: ${e.carrierName ?? e.carrier} ${e.tracking}, 运费 ${money(e.shippingCost)}`, `buyer shipped the return: ${e.carrierName ?? e.carrier} ${e.tracking}, shipping ${money(e.shippingCost)}`);
    case 'ReturnReceived': {
      const less = e.deductions > 0 ? text(`, 扣除 ${money(e.deductions)}`, `, ${money(e.deductions)} deducted`) : text('', '');
      return e.by === 'system'
        ? text(`商家超时未确认收货, 系统自动确认收到退货${less.zh}`, `the merchant did not confirm in time: the return counts as received${less.en}`)
        : text(`商家确认收到退货${less.zh}`, `merchant received the return${less.en}`);
    }
    case 'ReturnAuthorized': {
      const payer = e.labelPayer === 'buyer' ? text('买家承担, 从退款中扣除', 'paid by the buyer, deducted from the refund') : text('商家承担', 'paid by the seller');
      return text(
        `平台已授权退货, 预付退货面单 ${e.label.carrier} ${e.label.tracking} (${money(e.label.cost)}, ${payer.zh})`,
        `the platform authorized the return: prepaid label ${e.label.carrier} ${e.label.tracking} (${money(e.label.cost)}, ${payer.en})`,
      );
    }
    case 'ReturnDelivered':
      return text('退货已送达商家', 'the return was delivered to the seller');
    case 'SellerRefundLapsed':
      return text('商家超时未退款, 平台向买家退款并从商家账户扣回', 'the seller did not refund in time: the platform refunds the buyer and debits the seller');
    case 'ReturnRefused':
      return text(`商家拒收退货: ${e.reason}`, `merchant refused the returned goods: ${e.reason}`);
    case 'ReplacementShipped':
      return text(`商家发出商品: ${e.carrier} ${e.tracking}`, `merchant shipped the goods: ${e.carrier} ${e.tracking}`);
    case 'ReceiptConfirmed':
      return e.by === 'system' ? text('买家超时未确认, 系统自动确认收货', 'the buyer did not confirm in time: receipt confirmed automatically') : text('买家确认收货', 'buyer confirmed receipt');
    case 'CaseEscalated': {
      const why = escalationReason(e.reason);
      return text(
        `${ROLE[e.by].zh}${e.by === 'system' ? '自动转' : '申请'}平台介入${why ? `, 原因: ${why.zh}` : ''}`,
        `${e.by === 'system' ? 'the system referred the case to the platform' : `${ROLE[e.by].en} asked the platform to step in`}${why ? ` (${why.en})` : ''}`,
      );
    }
    case 'EvidenceSubmitted': {
      const party = e.items[0]?.party ?? 'buyer';
      const kinds = [...new Set(e.items.map((i) => i.kind))];
      return text(`${ROLE[party].zh}提交凭证: ${listOf(EVIDENCE, kinds, 'zh')}`, `${ROLE[party].en} gave evidence: ${listOf(EVIDENCE, kinds, 'en')}`);
    }
    case 'CaseMessagePosted': {
      const files = e.attachments.length ? text(` (附件 ${e.attachments.length} 个)`, ` (${e.attachments.length} attachment${e.attachments.length > 1 ? 's' : ''})`) : text('', '');
      return text(`${ROLE[e.party].zh}留言: 「${e.text}」${files.zh}`, `${ROLE[e.party].en} wrote: “${e.text}”${files.en}`);
    }
    case 'EvidenceRequested': {
      const r = e.request;
      const which = r.kinds.length === 1 ? text('', '') : r.mode === 'all' ? text('以下全部', 'all of: ') : text('以下任一', 'any of: ');
      return text(
        `平台要求${ROLE[r.party].zh}在 ${t(r.dueAt).zh} 前提交${which.zh}凭证: ${listOf(EVIDENCE, r.kinds, 'zh')}`,
        `platform asked the ${ROLE[r.party].en} for evidence (${which.en}${listOf(EVIDENCE, r.kinds, 'en')}) by ${t(r.dueAt).en}`,
      );
    }
    case 'EvidenceRequestLapsed':
      return e.satisfied ? text('举证时限已到, 已按要求举证', 'the time for evidence is over: it was given') : text('举证时限已到, 未按要求举证', 'the time for evidence is over: none was given');
    case 'CaseRuled': {
      const amount = e.amount !== null ? text(`, 金额 ${money(e.amount)}`, `, ${money(e.amount)}`) : text('', '');
      const why = e.note ? text(`, 理由: ${e.note}`, ` (reason: ${e.note})`) : text('', '');
      return text(
        `${e.by === 'system' ? '系统' : '平台'}判定${OUTCOME[e.outcome].zh}, ${LIABILITY[e.liability].zh}${amount.zh}${why.zh}`,
        `${e.by} ruled ${OUTCOME[e.outcome].en}, ${LIABILITY[e.liability].en}${amount.en}${why.en}`,
      );
    }
    case 'ReshipDefaulted':
      return text(`商家超时未发货, 转为退款 ${money(e.amount)}`, `the merchant never reshipped: a full refund of ${money(e.amount)}`);
    case 'RefundRequested':
      return e.plan.paidBy === 'platform'
        ? text(`平台先行赔付, 发起退款 ${money(e.plan.total)}`, `the platform pays first: refund of ${money(e.plan.total)} sent to the payment provider`)
        : text(`发起退款 ${money(e.plan.total)}`, `refund of ${money(e.plan.total)} sent to the payment provider`);
    case 'RefundCompleted':
      return text('退款成功', 'refund confirmed');
    case 'RefundFailed':
      return text(`退款失败 (支付渠道: ${e.error}), 将自动重试`, `refund failed (payment provider: ${e.error}), to be retried`);
    case 'CaseCompleted':
      return text('售后成功', 'case completed');
    case 'CaseClosed':
      return text(`售后关闭: ${CLOSED[e.reason].zh}`, `case closed: ${CLOSED[e.reason].en}`);
    case 'CaseDeadlineStarted':
      return text(`${DEADLINE[e.deadline.kind].zh}开始计时, ${t(e.deadline.dueAt).zh} 到期`, `deadline for the ${DEADLINE[e.deadline.kind].en}: ${t(e.deadline.dueAt).en}`);
    case 'CaseDeadlineCleared':
      return text(`${DEADLINE[e.kind].zh}停止计时`, `deadline for the ${DEADLINE[e.kind].en} cleared`);
    case 'CaseDeadlineExpired':
      return text(`${DEADLINE[e.kind].zh}已到期`, `deadline for the ${DEADLINE[e.kind].en} passed`);
    // --------------------------------------------------------------------------- the order
    case 'OrderPlaced':
      return text(
        `买家下单, ${e.lines.length} 种商品, 实付 ${money(e.lines.reduce((s, l) => s + l.paidAmount, 0) + e.shippingFee)}`,
        `order placed: ${e.lines.length} line(s), ${money(e.lines.reduce((s, l) => s + l.paidAmount, 0) + e.shippingFee)} paid`,
      );
    case 'OrderPaid':
      return text(`买家付款, 承诺 ${t(e.shipBy).zh} 前发货`, `paid, to ship by ${t(e.shipBy).en}`);
    case 'ShipmentOverdue':
      return text(`超过承诺发货时间 (${t(e.shipBy).zh}) 仍未发货`, `not shipped by the promised ${t(e.shipBy).en}`);
    case 'OrderShipped':
      return text(`商家发货: ${e.carrier} ${e.tracking}${e.late ? ' (超时发货)' : ''}`, `shipped: ${e.carrier} ${e.tracking}${e.late ? ' (late)' : ''}`);
    case 'OrderSigned':
      return e.signedAt !== null ? text(`买家签收 (${t(e.signedAt).zh})`, `signed for at ${t(e.signedAt).en}`) : text(`买家签收 (${e.signedOn ?? ''})`, `signed for on ${e.signedOn ?? ''}`);
    case 'AutoConfirmExtended':
      return text(`${ROLE[e.by].zh}延长自动确认收货时间`, `${ROLE[e.by].en} extended the automatic confirmation of receipt`);
    case 'AutoConfirmPaused':
      return text('售后处理中, 自动确认收货暂停', 'a case is open: automatic confirmation of receipt paused');
    case 'AutoConfirmResumed':
      return text(`自动确认收货恢复计时, ${t(e.dueAt).zh} 到期`, `automatic confirmation of receipt resumed, due ${t(e.dueAt).en}`);
    case 'OrderCompleted':
      return e.by === 'system' ? text('系统自动确认收货, 交易成功', 'receipt confirmed automatically: order completed') : text('交易成功', 'order completed');
    case 'OrderClosed':
      return text(`交易关闭: ${ORDER_CLOSED[e.reason].zh}`, `order closed: ${ORDER_CLOSED[e.reason].en}`);
    case 'CompensationPaid':
      return text(`平台向买家赔付 ${money(e.amount)} (${COMPENSATION[e.kind].zh})`, `${COMPENSATION[e.kind].en} of ${money(e.amount)} paid to the buyer`);
    case 'ClaimRecorded':
      if (e.kind === 'platform_refund_debit') return text(`平台已代商家退款 ${money(e.amount)}, 从商家账户扣回`, `the platform refunded ${money(e.amount)} for the seller and debits the seller`);
      return text(
        `平台已先行赔付 ${money(e.amount)}, 向${e.against === 'carrier' ? '物流公司' : '商家 (保证金)'}追偿`,
        `the platform paid ${money(e.amount)} first and claims it from the ${e.against === 'carrier' ? 'carrier' : "merchant (its deposit)"}`,
      );
    case 'OrderDeadlineStarted':
      return text(`${ORDER_DEADLINE[e.deadline.kind].zh}开始计时, ${t(e.deadline.dueAt).zh} 到期`, `deadline for the ${ORDER_DEADLINE[e.deadline.kind].en}: ${t(e.deadline.dueAt).en}`);
    case 'OrderDeadlineCleared':
      return text(`${ORDER_DEADLINE[e.kind].zh}停止计时`, `deadline for the ${ORDER_DEADLINE[e.kind].en} cleared`);
    case 'OrderDeadlineExpired':
      return text(`${ORDER_DEADLINE[e.kind].zh}已到期`, `deadline for the ${ORDER_DEADLINE[e.kind].en} passed`);
    default: {
      // Exhaustive: a new event type must be described here (the compiler says so).
      const unknown: never = e;
      return text(String((unknown as { type: string }).type), String((unknown as { type: string }).type));
    }
  }
}
