// A notification as its reader sees it (SPEC §10.5): one sentence in the reader's language, from
// the facts stored with it, and where it leads (its subject).
import { formatInstant, parseInstant } from '../../domain/calendar.ts';
import { SELLER_METRIC_LABELS } from '../../domain/metrics/seller-performance.ts';
import type { SellerMetric } from '../../domain/policy.ts';
import { CASE_DEADLINE_LABELS, CASE_STATUS_LABELS, ORDER_DEADLINE_LABELS, type Label, type Lang } from '../../domain/labels.ts';
import type { CaseDeadlineKind, CaseStatus, OrderDeadlineKind } from '../../domain/types.ts';
import { TICKET_KIND_LABELS, TICKET_SLA_LABELS } from '../../domain/ticket/labels.ts';
import { COMPLAINT_STATUS_LABELS } from '../../domain/complaint/labels.ts';
import type { ComplaintStatus } from '../../domain/complaint/types.ts';
import type { TicketKind, TicketSla } from '../../domain/ticket/types.ts';
import type { StoredNotification } from '../../store/notifications.ts';

const PARTY: Record<string, Label> = { buyer: { zh: '买家', en: 'the buyer' }, merchant: { zh: '商家', en: 'the merchant' }, platform: { zh: '平台', en: 'the platform' } };
const DEADLINE: Record<string, Label> = {
  ticket_first_response: { zh: '首次响应', en: 'first response' },
  ticket_resolution: { zh: '解决时效', en: 'resolution' },
};

/** A rate as a percentage with 2 decimals (SPEC §8.4 rates are fractions). */
const pct = (v: unknown): string => (typeof v === 'number' ? `${(v * 100).toFixed(2)}%` : '');

function sentence(n: StoredNotification, tz: string): Label {
  const d = n.data as Record<string, string>;
  const id = d.ticket ?? d.case ?? d.complaint ?? n.subject;
  const quote = d.text ? { zh: `: 「${d.text}」`, en: `: “${d.text}”` } : { zh: '', en: '' };
  const from = PARTY[d.from ?? ''] ?? { zh: '对方', en: 'the other party' };
  const kind = TICKET_KIND_LABELS[d.ticket_kind as TicketKind] ?? { zh: '', en: '' };
  const due = d.due && parseInstant(d.due) !== null ? formatInstant(parseInstant(d.due)!, tz) : '';
  switch (n.kind) {
    case 'ticket.opened':
      return { zh: `${from.zh}发起了${kind.zh}工单 ${id}${quote.zh}`, en: `${from.en} opened ${kind.en} ticket ${id}${quote.en}` };
    case 'ticket.message':
      return { zh: `${from.zh}回复了工单 ${id}${quote.zh}`, en: `${from.en} replied on ticket ${id}${quote.en}` };
    case 'ticket.resolved':
      return { zh: `工单 ${id} 已解决: 可以评价, 或在 7 天内重新打开`, en: `ticket ${id} is resolved: rate it, or reopen it within 7 days` };
    case 'ticket.reopened':
      return { zh: `买家重新打开了工单 ${id}`, en: `the buyer reopened ticket ${id}` };
    case 'ticket.rated':
      return { zh: `买家评价了工单 ${id}`, en: `the buyer rated ticket ${id}` };
    case 'ticket.sla_breached': {
      const sla = TICKET_SLA_LABELS[d.sla as TicketSla] ?? { zh: '', en: '' };
      return { zh: `工单 ${id} 已超出${sla.zh}时限 (${due})`, en: `ticket ${id} missed its ${sla.en} time (${due})` };
    }
    case 'ticket.escalated':
      return { zh: `工单 ${id} 超时未解决, 已升级至平台处理`, en: `ticket ${id} was not resolved in time and is escalated to the platform` };
    case 'ticket.reminder': {
      const dl = DEADLINE[d.deadline ?? ''] ?? { zh: '时限', en: 'deadline' };
      return { zh: `工单 ${id} 的${dl.zh}将于 ${due} 到期`, en: `the ${dl.en} of ticket ${id} is due ${due}` };
    }
    case 'case.status': {
      const s = CASE_STATUS_LABELS[d.status as CaseStatus] ?? { zh: d.status ?? '', en: d.status ?? '' };
      return { zh: `售后单 ${id} 现为「${s.zh}」`, en: `case ${id} is now “${s.en}”` };
    }
    case 'case.evidence_requested':
      return { zh: `平台要求您在 ${due} 前为售后单 ${id} 提交凭证`, en: `the platform asks you for evidence on case ${id} by ${due}` };
    case 'deadline.reminder': {
      const dl = CASE_DEADLINE_LABELS[d.deadline as CaseDeadlineKind] ?? ORDER_DEADLINE_LABELS[d.deadline as OrderDeadlineKind] ?? { zh: d.deadline ?? '', en: d.deadline ?? '' };
      const what = d.case ? { zh: `售后单 ${d.case}`, en: `case ${d.case}` } : { zh: `订单 ${d.order ?? ''}`, en: `order ${d.order ?? ''}` };
      return { zh: `${what.zh}的「${dl.zh}」将于 ${due} 到期`, en: `the ${dl.en} of ${what.en} is due ${due}` };
    }
    case 'complaint.status': {
      const s = COMPLAINT_STATUS_LABELS[d.status as ComplaintStatus] ?? { zh: d.status ?? '', en: d.status ?? '' };
      return { zh: `投诉 ${id} 现为「${s.zh}」`, en: `complaint ${id} is now “${s.en}”` };
    }
    case 'shop.status': {
      const what: Record<string, Label> = {
        SanctionApplied: { zh: '店铺因违规扣分被处罚', en: 'the shop is sanctioned for its points' },
        RestrictionEnded: { zh: '店铺限制已结束', en: 'the shop’s restriction ended' },
        ShopReopened: { zh: '平台已重新开放店铺', en: 'the platform reopened the shop' },
        DepositShortfallNoticed: { zh: `保证金不足, 请在 ${due} 前补足`, en: `the deposit is short: top it up by ${due}` },
        DepositRestrictionImposed: { zh: '保证金未按时补足, 店铺被限制经营', en: 'the deposit was not topped up in time: the shop is restricted' },
        DepositRestrictionLifted: { zh: '保证金已补足, 限制解除', en: 'the deposit is topped up: the restriction is lifted' },
        GovernanceNoticeSent: {
          zh: `站内信: 介入率 ${pct(d.rate)} 高于行业均值 ${pct(d.average)}, 介入量类目第 ${d.rank ?? ''}; 重点观察至 ${due}`,
          en: `notice: the intervention rate ${pct(d.rate)} is above the category average ${pct(d.average)}, rank ${d.rank ?? ''} by volume; watched until ${due}`,
        },
        PerformanceNoticeSent: performanceNotice(d),
        CycleRestrictionApplied: { zh: `介入率连续高于行业均值: 店铺被限制上首页和活动至 ${due}`, en: `the intervention rate stayed above the category average: the shop is kept off the home page and campaigns until ${due}` },
      };
      return what[d.event ?? ''] ?? { zh: d.event ?? '', en: d.event ?? '' };
    }
    case 'case.message':
      return { zh: `${from.zh}在售后单 ${id} 中留言${quote.zh}`, en: `${from.en} wrote on case ${id}${quote.en}` };
    default:
      return { zh: n.kind, en: n.kind };
  }
}

/** SPEC §13: a missed seller performance target, as the seller's inbox says it. */
function performanceNotice(d: Record<string, string>): Label {
  const name = SELLER_METRIC_LABELS[d.metric as SellerMetric] ?? { zh: d.metric ?? '', en: d.metric ?? '' };
  return {
    zh: `绩效通知: ${name.zh} ${pct(d.rate)} (近 ${d.window_days} 天) 未达到低于 ${d.max_pct}% 的目标`,
    en: `performance notice: the ${name.en} of ${pct(d.rate)} (last ${d.window_days} days) misses the target of under ${d.max_pct}%`,
  };
}

export function notificationView(n: StoredNotification, lang: Lang, tz: string) {
  return {
    id: n.id,
    kind: n.kind,
    subject: n.subject,
    shop: n.shopId,
    order: n.orderId,
    text: sentence(n, tz)[lang],
    data: n.data,
    created_at: formatInstant(n.createdAt, tz),
    read_at: n.readAt === null ? null : formatInstant(n.readAt, tz),
  };
}
