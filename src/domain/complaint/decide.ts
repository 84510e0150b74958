// decideComplaint(command, context, policy, now) → events | refusal: SPEC §8.1 rule complaints.
// Checks the actor (the wrong role, another buyer or another shop: `forbidden`), then the rule of
// the command. A complaint goes straight to platform review: there is no negotiation.
import type { EvidenceInput } from '../commands.ts';
import { formatInstant } from '../calendar.ts';
import { refuse, type Refusal } from '../errors.ts';
import { daysAfter, dueAfter, isDue, newDeadline } from '../governance-deadline.ts';
import { dateWords } from '../labels.ts';
import type { Policy } from '../policy.ts';
import type { Actor, EvidenceItem, Instant } from '../types.ts';
import { COMPLAINT_COMMAND_ROLES, type ComplaintCommand } from './commands.ts';
import type { ComplaintEvent } from './events.ts';
import { evolveComplaint } from './evolve.ts';
import { COMPLAINT_KIND_LABELS, COMPLAINT_STATUS_LABELS } from './labels.ts';
import { COMPLAINT_KINDS, isSubKindOf, pointsFor, type ComplaintContext, type ComplaintOrderFacts, type ComplaintState } from './types.ts';

export type ComplaintDecision = { ok: true; events: ComplaintEvent[] } | Refusal;
type Cmd<K extends ComplaintCommand['kind']> = Extract<ComplaintCommand, { kind: K }>;

/** The events of one decision and the complaint they lead to. */
class Decision {
  readonly events: ComplaintEvent[] = [];
  constructor(
    public complaint: ComplaintState | null,
    readonly policy: Policy,
    readonly now: Instant,
  ) {}
  emit(e: ComplaintEvent): ComplaintState {
    this.events.push(e);
    this.complaint = evolveComplaint(this.complaint, e);
    return this.complaint;
  }
  /** SPEC §8.1: the platform has `complaint_review` from when review began (or the appeal). */
  startReview(c: ComplaintState): void {
    const deadline = newDeadline('complaint_review', dueAfter(this.policy, this.now, this.policy.params.complaint_review), this.policy, this.now);
    this.emit({ type: 'ComplaintDeadlineStarted', at: this.now, complaintId: c.id, deadline });
  }
}

function forbidden(actor: Actor, command: string, why: string): Refusal {
  return refuse('forbidden', 'actor', `无权执行 ${command}`, `${actor.role}${actor.id ? ` ${actor.id}` : ''} may not ${command}: ${why}`, { role: actor.role, command });
}

function invalidState(c: ComplaintState, command: string): Refusal {
  const s = COMPLAINT_STATUS_LABELS[c.status];
  return refuse('invalid_state', 'complaint_status', `投诉${s.zh}, 不能执行 ${command}`, `${command} is not allowed while the complaint is ${s.en}`, { status: c.status, command });
}

/** SPEC §8.1: a buyer only on their own order, a merchant only on their own shop. */
function checkActor(cmd: ComplaintCommand, parties: { buyerId: string; shopId: string }): Refusal | null {
  const { actor } = cmd;
  if (!COMPLAINT_COMMAND_ROLES[cmd.kind].includes(actor.role)) return forbidden(actor, cmd.kind, 'wrong role');
  if (actor.role === 'buyer' && actor.id !== parties.buyerId) return forbidden(actor, cmd.kind, 'not this buyer');
  if (actor.role === 'merchant' && actor.id !== parties.shopId) return forbidden(actor, cmd.kind, 'not this shop');
  return null;
}

export function decideComplaint(cmd: ComplaintCommand, ctx: ComplaintContext, policy: Policy, now: Instant): ComplaintDecision {
  const d = new Decision(ctx.complaint, policy, now);
  let outcome: Refusal | void;
  if (cmd.kind === 'complain') {
    if (ctx.complaint) return refuse('invalid_state', 'complaint_exists', `投诉 ${cmd.complaintId} 已存在`, `complaint ${cmd.complaintId} already exists`, { complaint: cmd.complaintId });
    if (!ctx.order) return refuse('not_found', 'order', '订单不存在', 'no such order', {});
    const denied = checkActor(cmd, ctx.order);
    if (denied) return denied;
    outcome = complain(d, cmd, ctx.order);
  } else {
    const c = ctx.complaint;
    if (!c) return refuse('not_found', 'complaint', '投诉不存在', 'no such complaint', { complaint: cmd.complaintId });
    const denied = checkActor(cmd, c);
    if (denied) return denied;
    outcome = decideOn(d, cmd, c);
  }
  return outcome ?? { ok: true, events: d.events };
}

function decideOn(d: Decision, cmd: Exclude<ComplaintCommand, { kind: 'complain' }>, c: ComplaintState): Refusal | void {
  switch (cmd.kind) {
    case 'withdraw_complaint':
      return withdraw(d, c);
    case 'respond_complaint':
      return respond(d, cmd, c);
    case 'rule_complaint':
      return ruleComplaint(d, cmd, c);
    case 'appeal':
      return appeal(d, cmd, c);
    case 'rule_appeal':
      return ruleAppeal(d, cmd, c);
    case 'fire_complaint_deadline':
      return fire(d, cmd, c);
    default: {
      const never: never = cmd;
      throw new Error(`unknown complaint command ${JSON.stringify(never)}`);
    }
  }
}

const items = (evidence: EvidenceInput[] | undefined, party: EvidenceItem['party'], at: Instant): EvidenceItem[] =>
  (evidence ?? []).map((e) => ({ ...e, party, at }));

function complain(d: Decision, cmd: Cmd<'complain'>, o: ComplaintOrderFacts): Refusal | void {
  const { complaintKind: kind, subKind } = cmd;
  if (!COMPLAINT_KINDS.includes(kind)) {
    return refuse('validation', 'kind', `未知的投诉类型 ${String(kind)}`, `unknown complaint kind ${String(kind)}`, { field: 'kind' });
  }
  if (!isSubKindOf(kind, subKind)) {
    const k = COMPLAINT_KIND_LABELS[kind];
    return refuse('validation', 'sub_kind', `${subKind} 不是${k.zh}投诉的子类型`, `${subKind} is not a sub-kind of ${k.en}`, { field: 'sub_kind' });
  }
  // SPEC §8.1 window: within complaint_days of placed_at, or while a case on the order is open.
  const { params, calendar } = d.policy;
  const end = daysAfter(d.policy, o.placedAt, params.complaint_days);
  if (d.now >= end && !o.caseOpen) {
    const w = dateWords(end, d.now, calendar.timeZone);
    return refuse('window_expired', 'complaint_days', `投诉期已于 ${w.zh} 截止 (下单后 ${params.complaint_days} 天内, 或售后处理中)`, `the complaint window closed on ${w.en} (${params.complaint_days} days from the order, or while an after-sale case is open)`, {
      ended_at: formatInstant(end, calendar.timeZone),
    });
  }
  // SPEC §8.1: one complaint per kind per order, open or ended; a withdrawn one cannot be filed again.
  const same = o.complaints.find((x) => x.kind === kind);
  if (same) {
    const k = COMPLAINT_KIND_LABELS[kind];
    const [zh, en] =
      same.status === 'withdrawn'
        ? [`该订单的${k.zh}投诉已撤销, 撤销后不能再次投诉`, `the ${k.en} complaint on this order was withdrawn and cannot be filed again`]
        : [`该订单已有${k.zh}投诉`, `this order already has a ${k.en} complaint`];
    return refuse('duplicate_case', 'one_complaint_per_kind', zh, en, { complaint: same.id, status: same.status });
  }
  const c = d.emit({
    type: 'ComplaintFiled',
    at: d.now,
    complaintId: cmd.complaintId,
    orderId: o.orderId,
    shopId: o.shopId,
    buyerId: o.buyerId,
    kind,
    subKind,
    evidence: items(cmd.evidence, 'buyer', d.now),
    note: cmd.note ?? null,
    policyVersion: d.policy.version,
    to: 'filed',
  });
  // SPEC §8.1: the merchant has complaint_response to answer with evidence.
  const deadline = newDeadline('complaint_response', dueAfter(d.policy, d.now, params.complaint_response), d.policy, d.now);
  d.emit({ type: 'ComplaintDeadlineStarted', at: d.now, complaintId: c.id, deadline });
}

function withdraw(d: Decision, c: ComplaintState): Refusal | void {
  // SPEC §8.1: the buyer withdraws while filed or under review.
  if (c.status !== 'filed' && c.status !== 'under_review') return invalidState(c, 'withdraw_complaint');
  d.emit({ type: 'ComplaintWithdrawn', at: d.now, complaintId: c.id, to: 'withdrawn' });
}

function respond(d: Decision, cmd: Cmd<'respond_complaint'>, c: ComplaintState): Refusal | void {
  const late = c.merchantSilent || (c.status === 'filed' && c.deadline?.kind === 'complaint_response' && d.now >= c.deadline.dueAt);
  if (late) {
    // SPEC §8.1: past complaint_response the merchant is judged on the buyer's evidence alone.
    return refuse('window_expired', 'complaint_response', '答辩时限已过, 平台将依据买家的凭证判定', 'the time to answer has passed: the platform rules on the buyer’s evidence alone', {});
  }
  if (c.status !== 'filed') return invalidState(c, 'respond_complaint');
  if (cmd.evidence.length === 0) {
    return refuse('evidence_required', 'complaint_response', '答辩需要提供凭证', 'an answer to a complaint needs evidence', { field: 'evidence' });
  }
  const moved = d.emit({ type: 'ComplaintResponded', at: d.now, complaintId: c.id, evidence: items(cmd.evidence, 'merchant', d.now), note: cmd.note ?? null, to: 'under_review' });
  d.startReview(moved);
}

function ruleComplaint(d: Decision, cmd: Cmd<'rule_complaint'>, c: ComplaintState): Refusal | void {
  // SPEC §8.1: the platform rules once the complaint is under review; before that: invalid_state.
  if (c.status !== 'under_review') return invalidState(c, 'rule_complaint');
  rule(d, c, cmd.outcome, 'platform', cmd.note ?? null);
}

/** SPEC §8.1: the points of an upheld complaint count from the instant of the ruling. */
function rule(d: Decision, c: ComplaintState, outcome: 'upheld' | 'dismissed', by: 'platform' | 'system', note: string | null): void {
  const points = outcome === 'upheld' ? pointsFor(d.policy.params.complaint_points, c.kind, c.subKind) : 0;
  const closedReason = by === 'system' ? 'merchant_silent' : null;
  d.emit({ type: 'ComplaintRuled', at: d.now, complaintId: c.id, outcome, by, points, closedReason, note, to: outcome });
}

function appeal(d: Decision, cmd: Cmd<'appeal'>, c: ComplaintState): Refusal | void {
  // SPEC §8.1: once (a second appeal: not_eligible), of an upheld complaint, within appeal_days.
  if (c.appeal) return refuse('not_eligible', 'appeal_once', '每个投诉只能申诉一次', 'an upheld complaint may be appealed once only', { appealed_at: c.appeal.at });
  if (c.status !== 'upheld' || !c.ruling) return invalidState(c, 'appeal');
  const { params, calendar } = d.policy;
  const end = daysAfter(d.policy, c.ruling.at, params.appeal_days);
  if (d.now >= end) {
    const w = dateWords(end, d.now, calendar.timeZone);
    return refuse('window_expired', 'appeal_days', `申诉期已于 ${w.zh} 截止`, `the appeal window closed on ${w.en}`, { ended_at: formatInstant(end, calendar.timeZone) });
  }
  if (cmd.reason.trim() === '') return refuse('validation', 'reason', '请填写申诉理由', 'an appeal needs a reason', { field: 'reason' });
  if (cmd.evidence.length === 0) return refuse('evidence_required', 'appeal', '申诉需要提供凭证', 'an appeal needs evidence', { field: 'evidence' });
  const moved = d.emit({ type: 'ComplaintAppealed', at: d.now, complaintId: c.id, reason: cmd.reason, evidence: items(cmd.evidence, 'merchant', d.now), to: 'appealed' });
  d.startReview(moved);
}

function ruleAppeal(d: Decision, cmd: Cmd<'rule_appeal'>, c: ComplaintState): Refusal | void {
  if (c.status !== 'appealed') return invalidState(c, 'rule_appeal');
  // SPEC §8.1: accepted → reversed, its points come off at this instant; rejected → upheld.
  const accepted = cmd.outcome === 'accepted';
  d.emit({ type: 'AppealRuled', at: d.now, complaintId: c.id, outcome: cmd.outcome, points: accepted ? 0 : c.points, note: cmd.note ?? null, to: accepted ? 'reversed' : 'upheld' });
}

function fire(d: Decision, cmd: Cmd<'fire_complaint_deadline'>, c: ComplaintState): Refusal | void {
  const dl = c.deadline;
  if (!isDue(dl, cmd.deadline, cmd.dueAt, d.now)) return; // stale or early: a no-op
  d.emit({ type: 'ComplaintDeadlineExpired', at: d.now, complaintId: c.id, kind: dl.kind, dueAt: dl.dueAt });
  switch (dl.kind) {
    case 'complaint_response': {
      // SPEC §8.1: a silent merchant is judged on the buyer's evidence alone.
      const moved = d.emit({ type: 'ComplaintResponseMissed', at: d.now, complaintId: c.id, merchantSilent: true, to: 'under_review' });
      return d.startReview(moved);
    }
    case 'complaint_review':
      // SPEC §8.1: the system upholds a silent merchant's complaint; any other waits (a reminder).
      if (c.status === 'under_review' && c.merchantSilent) return rule(d, c, 'upheld', 'system', null);
      if (c.status === 'under_review' || c.status === 'appealed') {
        d.emit({ type: 'ComplaintReviewOverdue', at: d.now, complaintId: c.id, since: c.status === 'appealed' ? c.appeal!.at : c.underReviewAt!, status: c.status });
      }
      return;
    default: {
      const never: never = dl.kind;
      throw new Error(`no expiry rule for ${String(never)}`);
    }
  }
}
