// A complaint's and a shop's history in words, zh-CN and English (SPEC §8): every code said by its
// name; free text the parties wrote is quoted as given.
import { COMPLAINT_KIND_LABELS, COMPLAINT_SUB_KIND_LABELS } from '../../domain/complaint/labels.ts';
import type { ComplaintEvent } from '../../domain/complaint/events.ts';
import { dateWords, EVIDENCE_LABELS, listOf, type Label, yuan } from '../../domain/labels.ts';
import { SELLER_METRIC_LABELS } from '../../domain/metrics/seller-performance.ts';
import type { ShopEvent } from '../../domain/shop/events.ts';
import type { Actor } from '../../domain/types.ts';

const text = (zh: string, en: string): Label => ({ zh, en });
// The note after the evidence list, set apart from it ("凭证: 照片; 说明: 「…」"), so it never reads as the evidence's own text.
const quoted = (s: string | null) => (s ? { zh: `; 说明: 「${s}」`, en: `; note: “${s}”` } : { zh: '', en: '' });

const DEADLINES: Record<string, Label> = {
  complaint_response: { zh: '商家答辩期限', en: 'the merchant’s time to answer' },
  complaint_review: { zh: '平台审核期限', en: 'the platform’s time to rule' },
  restriction_end: { zh: '限制结束', en: 'the end of the restriction' },
  deposit_topup: { zh: '保证金补缴期限', en: 'the deposit top-up deadline' },
};
const DEBIT: Record<string, Label> = {
  compensation: { zh: '平台赔付', en: 'compensation paid' },
  recovery: { zh: '先行赔付追偿', en: 'recovery of an advance' },
};

/** Deadlines start and run out by the rules, whoever's step set them off; system rulings are the system's. */
export function shownGovernanceActor(e: ComplaintEvent | ShopEvent, stored: Actor): Actor {
  if ('by' in e && e.by === 'system') return { role: 'system' };
  if (/Deadline(Started|Cleared|Expired)$/.test(e.type)) return { role: 'system' };
  return stored;
}

export function describeGovernanceEvent(e: ComplaintEvent | ShopEvent, tz: string): Label {
  const t = (at: number) => dateWords(at, e.at, tz);
  const evidence = (items: { kind: keyof typeof EVIDENCE_LABELS }[]) =>
    items.length ? { zh: `, 凭证: ${listOf(EVIDENCE_LABELS, items.map((i) => i.kind), 'zh')}`, en: `, evidence: ${listOf(EVIDENCE_LABELS, items.map((i) => i.kind), 'en')}` } : { zh: '', en: '' };
  switch (e.type) {
    case 'ComplaintFiled': {
      const k = COMPLAINT_KIND_LABELS[e.kind];
      const s = COMPLAINT_SUB_KIND_LABELS[e.subKind];
      const ev = evidence(e.evidence);
      return text(`买家投诉${k.zh} (${s.zh})${ev.zh}${quoted(e.note).zh}`, `buyer complained of ${k.en} (${s.en})${ev.en}${quoted(e.note).en}`);
    }
    case 'ComplaintWithdrawn':
      return text('买家撤销了投诉', 'buyer withdrew the complaint');
    case 'ComplaintResponded': {
      const ev = evidence(e.evidence);
      return text(`商家提交答辩${ev.zh}${quoted(e.note).zh}`, `merchant answered${ev.en}${quoted(e.note).en}`);
    }
    case 'ComplaintResponseMissed':
      return text('商家未在期限内答辩, 平台将依据买家凭证判定', 'merchant did not answer in time: judged on the buyer’s evidence alone');
    case 'ComplaintRuled':
      if (e.outcome === 'upheld') {
        const by = e.by === 'system' ? text('商家未答辩, 系统判定', 'merchant silent: the system ruled ') : text('平台判定', 'platform ruled ');
        return text(`${by.zh}投诉成立, 扣 ${e.points} 分${quoted(e.note).zh}`, `${by.en}the complaint upheld, ${e.points} points${quoted(e.note).en}`);
      }
      return text(`平台判定投诉不成立${quoted(e.note).zh}`, `platform dismissed the complaint${quoted(e.note).en}`);
    case 'ComplaintReviewOverdue':
      return text('平台审核已超时, 请尽快判定', 'the platform’s review is overdue: rule soon');
    case 'ComplaintAppealed': {
      const ev = evidence(e.evidence);
      return text(`商家提出申诉${ev.zh}: 「${e.reason}」`, `merchant appealed${ev.en}: “${e.reason}”`);
    }
    case 'AppealRuled':
      return e.outcome === 'accepted'
        ? text(`平台接受申诉, 撤销处罚 (扣分撤回)${quoted(e.note).zh}`, `platform accepted the appeal: the points come off${quoted(e.note).en}`)
        : text(`平台驳回申诉, 投诉维持成立${quoted(e.note).zh}`, `platform rejected the appeal: the complaint stays upheld${quoted(e.note).en}`);
    case 'ComplaintDeadlineStarted': {
      const w = t(e.deadline.dueAt);
      return text(`${DEADLINES[e.deadline.kind]!.zh}: ${w.zh}`, `${DEADLINES[e.deadline.kind]!.en}: ${w.en}`);
    }
    case 'ComplaintDeadlineExpired':
      return text(`${DEADLINES[e.kind]!.zh}已到`, `${DEADLINES[e.kind]!.en} passed`);
    // ---------------------------------------------------------------------------- the shop
    case 'ShopRegistered':
      return text('店铺开通平台治理账户', 'shop registered for platform governance');
    case 'DepositRequirementSet':
      return e.amount === null ? text('保证金要求恢复为类目标准', 'deposit requirement back to the category’s') : text(`保证金要求设为 ${yuan(e.amount)}`, `deposit requirement set to ${yuan(e.amount)}`);
    case 'PointsRecorded':
      return text(`投诉 ${e.complaintId} 扣 ${e.points} 分, ${e.year} 年累计 ${e.yearTotal} 分`, `complaint ${e.complaintId}: ${e.points} points, ${e.yearTotal} in ${e.year}`);
    case 'PointsRemoved':
      return text(`投诉 ${e.complaintId} 申诉成功, 撤回 ${e.points} 分, ${e.year} 年累计 ${e.yearTotal} 分`, `complaint ${e.complaintId} reversed: ${e.points} points off, ${e.yearTotal} in ${e.year}`);
    case 'SanctionApplied':
      return e.sanction === 'closure'
        ? text(`累计扣分达 ${e.threshold} 分: 店铺被关闭`, `${e.threshold} points reached: the shop is closed`)
        : text(`累计扣分达 ${e.threshold} 分: 店铺限制经营至 ${t(e.until!).zh}`, `${e.threshold} points reached: the shop is restricted until ${t(e.until!).en}`);
    case 'GovernanceNoticeSent': {
      const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
      return text(
        `站内信: 介入率 ${pct(e.rate)} 高于类目均值 ${pct(e.average)} (介入量类目第 ${e.rank}), 下一周期重点观察至 ${t(e.watchUntil).zh}`,
        `notice: intervention rate ${pct(e.rate)} above the category average ${pct(e.average)} (rank ${e.rank} by volume); watched until ${t(e.watchUntil).en}`,
      );
    }
    case 'PerformanceNoticeSent':
    case 'PerformanceTargetMet': {
      // SPEC §13: the rate, its ceiling and window, and the counts behind it.
      const name = SELLER_METRIC_LABELS[e.metric];
      const pct = e.rate === null ? '—' : `${(e.rate * 100).toFixed(2)}%`;
      const counts = `${e.numerator}/${e.denominator}`;
      return e.type === 'PerformanceNoticeSent'
        ? text(`绩效通知: ${name.zh} ${pct} (${counts}, 近 ${e.windowDays} 天) 未达到低于 ${e.maxPct}% 的目标`, `performance notice: ${name.en} ${pct} (${counts}, last ${e.windowDays} days) misses the target of under ${e.maxPct}%`)
        : text(`${name.zh} ${pct} 已回到 ${e.maxPct}% 以下`, `${name.en} ${pct} is back under ${e.maxPct}%`);
    }
    case 'CycleRestrictionApplied':
      return text(`介入率治理: 连续高于类目均值且介入量前三, 禁止上首页/活动至 ${t(e.until).zh}`, `governance cycle: still above the category average and top 3 by volume: restricted until ${t(e.until).en}`);
    case 'RestrictionEnded':
      return e.reason === 'reversal' ? text('申诉成功, 扣分低于门槛, 限制立即结束', 'a reversal brought the points under the threshold: the restriction ended') : text('限制期满结束', 'the restriction ran out');
    case 'ShopReopened':
      return text(`平台重新开放店铺${quoted(e.note).zh}`, `the platform reopened the shop${quoted(e.note).en}`);
    case 'DepositToppedUp':
      return e.opening ? text(`保证金开户存入 ${yuan(e.amount)}`, `opening deposit of ${yuan(e.amount)}`) : text(`缴纳保证金 ${yuan(e.amount)}, 余额 ${yuan(e.balance)}`, `deposit topped up by ${yuan(e.amount)}, balance ${yuan(e.balance)}`);
    case 'DepositDebited':
      return text(`保证金扣除 ${yuan(e.amount)} (${DEBIT[e.reason]!.zh}), 余额 ${yuan(e.balance)}`, `deposit debited ${yuan(e.amount)} (${DEBIT[e.reason]!.en}), balance ${yuan(e.balance)}`);
    case 'DepositShortfallNoticed':
      return text(`保证金不足 (余额 ${yuan(e.balance)}, 应缴 ${yuan(e.required)}), 请于 ${t(e.dueAt).zh} 前补缴`, `deposit short (balance ${yuan(e.balance)}, required ${yuan(e.required)}): top up by ${t(e.dueAt).en}`);
    case 'DepositShortfallCleared':
      return text('保证金已补足', 'deposit back at the required amount');
    case 'DepositRestrictionImposed':
      return text('保证金未按期补足: 店铺限制经营至补足为止', 'deposit not topped up in time: the shop is restricted until it is');
    case 'DepositRestrictionLifted':
      return text('保证金已补足, 限制解除', 'deposit topped up: the restriction is lifted');
    case 'ShopDeadlineStarted': {
      const w = t(e.deadline.dueAt);
      return text(`${DEADLINES[e.deadline.kind]!.zh}: ${w.zh}`, `${DEADLINES[e.deadline.kind]!.en}: ${w.en}`);
    }
    case 'ShopDeadlineCleared':
      return text(`${DEADLINES[e.kind]!.zh}取消`, `${DEADLINES[e.kind]!.en} cancelled`);
    case 'ShopDeadlineExpired':
      return text(`${DEADLINES[e.kind]!.zh}已到`, `${DEADLINES[e.kind]!.en} passed`);
    default: {
      const never: never = e;
      throw new Error(`no words for ${JSON.stringify(never)}`);
    }
  }
}
