// decideClaim(command, context, policy, now) → events | refusal: SPEC §13 A-to-z Guarantee and
// SAFE-T claims. Filing checks the pack (the claims are Amazon's: none in the Chinese packs), the
// party, the reason, one claim per order (A-to-z) or per case (SAFE-T), the amount and the window;
// every later command is checked by the command table (command-table.ts), then its arguments.
import type { EvidenceInput } from '../commands.ts';
import { refuse, type Refusal } from '../errors.ts';
import { dueAfter, isDue, newDeadline } from '../governance-deadline.ts';
import type { Policy } from '../policy.ts';
import type { EvidenceItem, Fen, Instant } from '../types.ts';
import type { ClaimCommand } from './commands.ts';
import { claimForbidden, claimTableRefusal, partyRefusal } from './command-table.ts';
import type { ClaimEvent } from './events.ts';
import { evolveClaim } from './evolve.ts';
import { CLAIM_KIND_LABELS } from './labels.ts';
import { ATOZ_OUTCOMES, ATOZ_REASONS, SAFET_OUTCOMES, SAFET_REASONS, type ClaimContext, type ClaimMoney, type ClaimOrderFacts, type ClaimOutcome, type ClaimReason, type ClaimState } from './types.ts';
import { atozWindow, safetWindow } from './window.ts';

export type ClaimDecision = { ok: true; events: ClaimEvent[] } | Refusal;
type Cmd<K extends ClaimCommand['kind']> = Extract<ClaimCommand, { kind: K }>;

/** The events of one decision and the claim they lead to. */
class Decision {
  readonly events: ClaimEvent[] = [];
  constructor(
    public claim: ClaimState | null,
    readonly policy: Policy,
    readonly now: Instant,
  ) {}
  emit(e: ClaimEvent): ClaimState {
    this.events.push(e);
    this.claim = evolveClaim(this.claim, e);
    return this.claim;
  }
}

const items = (evidence: EvidenceInput[] | undefined, party: EvidenceItem['party'], at: Instant): EvidenceItem[] => (evidence ?? []).map((e) => ({ ...e, party, at }));

/** The money of each ruling (SPEC §13; ledger kinds in docs/decisions.md). */
function moneyOf(outcome: ClaimOutcome | 'seller_refund' | 'appeal_upheld', amount: Fen): ClaimMoney | null {
  switch (outcome) {
    case 'seller_refund':
      return { kind: 'atoz_seller_refund', amount, credit: 'buyer_credit', debit: 'merchant_account' };
    case 'granted_against_seller':
      return { kind: 'atoz_seller_debit', amount, credit: 'buyer_credit', debit: 'merchant_account' };
    case 'granted_platform_funded':
      return { kind: 'atoz_platform_reimbursement', amount, credit: 'buyer_credit', debit: 'platform_funds' };
    case 'appeal_upheld':
      return { kind: 'atoz_appeal_reversal', amount, credit: 'merchant_account', debit: 'platform_funds' };
    case 'reimbursed':
      return { kind: 'safet_reimbursement', amount, credit: 'merchant_account', debit: 'platform_funds' };
    case 'denied':
      return null;
  }
}

export function decideClaim(cmd: ClaimCommand, ctx: ClaimContext, policy: Policy, now: Instant): ClaimDecision {
  const d = new Decision(ctx.claim, policy, now);
  let outcome: Refusal | void;
  if (cmd.kind === 'atoz_claim' || cmd.kind === 'safet_claim') {
    if (ctx.claim) return refuse('invalid_state', 'claim_exists', `索赔 ${cmd.claimId} 已存在`, `claim ${cmd.claimId} already exists`, { claim: cmd.claimId });
    if (!ctx.order) return refuse('not_found', 'order', '订单不存在', 'no such order', {});
    outcome = cmd.kind === 'atoz_claim' ? fileAtoz(d, cmd, ctx.order) : fileSafet(d, cmd, ctx.order);
  } else {
    const c = ctx.claim;
    if (!c) return refuse('not_found', 'claim', '索赔不存在', 'no such claim', { claim: cmd.claimId });
    outcome = decideOn(d, cmd, c);
  }
  return outcome ?? { ok: true, events: d.events };
}

function decideOn(d: Decision, cmd: Exclude<ClaimCommand, { kind: 'atoz_claim' | 'safet_claim' }>, c: ClaimState): Refusal | void {
  if (cmd.kind === 'fire_claim_deadline') {
    if (cmd.actor.role !== 'system') return claimForbidden(cmd.actor, cmd.kind, 'deadlines are fired by the system');
    return fire(d, cmd, c);
  }
  const refused = claimTableRefusal(cmd.kind, c, cmd.actor, d.policy, d.now);
  if (refused) return refused;
  switch (cmd.kind) {
    case 'withdraw_claim':
      return void d.emit({ type: 'ClaimWithdrawn', at: d.now, claimId: c.id, to: 'withdrawn' });
    case 'respond_claim':
      return respond(d, cmd, c);
    case 'rule_claim':
      return ruleClaim(d, cmd, c);
    case 'appeal_claim':
      return appeal(d, cmd, c);
    case 'rule_claim_appeal': {
      // SPEC §13: an upheld appeal gives the seller back what the ruling debited (the buyer keeps the refund).
      const upheld = cmd.outcome === 'upheld';
      const debited = c.money.filter((m) => m.kind === 'atoz_seller_debit').reduce((n, m) => n + m.amount, 0);
      const money = upheld ? moneyOf('appeal_upheld', debited) : null;
      return void d.emit({ type: 'ClaimAppealRuled', at: d.now, claimId: c.id, outcome: cmd.outcome, note: cmd.note ?? null, money, to: upheld ? 'reversed' : 'granted_against_seller' });
    }
    default: {
      const never: never = cmd;
      throw new Error(`unknown claim command ${JSON.stringify(never)}`);
    }
  }
}

function notOffered(kind: 'atoz_claim' | 'safet_claim'): Refusal {
  const k = CLAIM_KIND_LABELS[kind];
  const rule = kind === 'atoz_claim' ? 'atoz_claim' : 'safet_claim_days';
  return refuse('not_eligible', rule, `该平台没有${k.zh}`, `this marketplace has no ${k.en} (SPEC §13: pack amazon-us)`, { parameter: rule });
}

function reasonOf(kind: 'atoz_claim' | 'safet_claim', reason: string): ClaimReason | Refusal {
  const allowed: readonly string[] = kind === 'atoz_claim' ? ATOZ_REASONS : SAFET_REASONS;
  if (allowed.includes(reason)) return reason as ClaimReason;
  return refuse('validation', 'reason', `${reason} 不是${CLAIM_KIND_LABELS[kind].zh}的原因 (可选: ${allowed.join(', ')})`, `${reason} is not a reason for a ${CLAIM_KIND_LABELS[kind].en} (one of ${allowed.join(', ')})`, { field: 'reason' });
}

function amountOf(asked: Fen | undefined, max: Fen): Fen | Refusal {
  if (asked === undefined) return max;
  if (!Number.isInteger(asked) || asked <= 0) return refuse('validation', 'amount', '索赔金额须为正整数 (最小货币单位)', 'the amount claimed must be a positive whole number of minor units', { field: 'amount' });
  if (asked > max) return refuse('amount_exceeds_refundable', 'amount', `索赔金额 ${asked} 超过可索赔的 ${max}`, `the amount claimed ${asked} exceeds the ${max} that can be claimed`, { requested: asked, refundable: max });
  return asked;
}

function fileAtoz(d: Decision, cmd: Cmd<'atoz_claim'>, o: ClaimOrderFacts): Refusal | void {
  if (cmd.actor.role !== 'buyer') return claimForbidden(cmd.actor, cmd.kind, 'an A-to-z claim is the buyer’s');
  const party = partyRefusal(cmd.actor, cmd.kind, o);
  if (party) return party;
  const p = d.policy.params.atoz_claim;
  if (!p) return notOffered('atoz_claim');
  const reason = reasonOf('atoz_claim', cmd.reason);
  if (typeof reason !== 'string') return reason;
  if (cmd.caseId !== undefined && !o.cases.some((c) => c.id === cmd.caseId)) return refuse('not_found', 'case', '该订单没有此售后单', 'no such case on this order', { case: cmd.caseId });
  // docs/decisions.md: one A-to-z claim per order, whatever became of it.
  const same = o.claims.find((x) => x.kind === 'atoz_claim');
  if (same) return refuse('duplicate_case', 'one_atoz_claim_per_order', '该订单已有 A-to-z 索赔', 'this order already has an A-to-z claim', { claim: same.id, status: same.status });
  if (o.refundable <= 0) return refuse('not_eligible', 'nothing_to_claim', '该订单已全额退款, 无可索赔金额', 'the order is refunded in full: nothing is left to claim', {});
  const amount = amountOf(cmd.amount, o.refundable);
  if (typeof amount !== 'number') return amount;
  const basis = atozWindow(o, cmd.caseId ?? null, d.policy, d.now);
  if ('ok' in basis) return basis;
  const c = d.emit({
    type: 'ClaimFiled',
    at: d.now,
    claimId: cmd.claimId,
    kind: 'atoz_claim',
    orderId: o.orderId,
    shopId: o.shopId,
    buyerId: o.buyerId,
    caseId: cmd.caseId ?? basis.caseId,
    reason,
    amount,
    currency: o.currency,
    basis,
    evidence: items(cmd.evidence, 'buyer', d.now),
    note: cmd.note ?? null,
    policyVersion: d.policy.version,
    to: 'filed',
  });
  // SPEC §13: the seller has `seller_response` (72 h) to refund or contest.
  const deadline = newDeadline('claim_seller_response', dueAfter(d.policy, d.now, p.seller_response), d.policy, d.now);
  d.emit({ type: 'ClaimDeadlineStarted', at: d.now, claimId: c.id, deadline });
}

function fileSafet(d: Decision, cmd: Cmd<'safet_claim'>, o: ClaimOrderFacts): Refusal | void {
  if (cmd.actor.role !== 'merchant') return claimForbidden(cmd.actor, cmd.kind, 'a SAFE-T claim is the seller’s');
  const party = partyRefusal(cmd.actor, cmd.kind, o);
  if (party) return party;
  if (d.policy.params.safet_claim_days === null) return notOffered('safet_claim');
  const reason = reasonOf('safet_claim', cmd.reason);
  if (typeof reason !== 'string') return reason;
  const kase = o.cases.find((c) => c.id === cmd.caseId);
  if (!kase) return refuse('not_found', 'case', '该订单没有此售后单', 'no such case on this order', { case: cmd.caseId });
  if (!kase.isReturn) return refuse('not_eligible', 'safet_return_only', 'SAFE-T 索赔只适用于退货退款', 'a SAFE-T claim is for a return that was refunded', { case: kase.id, type: kase.type });
  const same = o.claims.find((x) => x.kind === 'safet_claim' && x.caseId === kase.id);
  if (same) return refuse('duplicate_case', 'one_safet_claim_per_case', '该售后单已有 SAFE-T 索赔', 'this case already has a SAFE-T claim', { claim: same.id, status: same.status });
  const basis = safetWindow(kase, d.policy, d.now);
  if ('ok' in basis) return basis;
  if (cmd.evidence.length === 0) return refuse('evidence_required', 'safet_claim', 'SAFE-T 索赔需要提供凭证', 'a SAFE-T claim needs evidence', { field: 'evidence' });
  const amount = amountOf(cmd.amount, kase.refunded);
  if (typeof amount !== 'number') return amount;
  d.emit({
    type: 'ClaimFiled',
    at: d.now,
    claimId: cmd.claimId,
    kind: 'safet_claim',
    orderId: o.orderId,
    shopId: o.shopId,
    buyerId: o.buyerId,
    caseId: kase.id,
    reason,
    amount,
    currency: o.currency,
    basis,
    evidence: items(cmd.evidence, 'merchant', d.now),
    note: cmd.note ?? null,
    policyVersion: d.policy.version,
    // SPEC §13: decided by the platform.
    to: 'under_review',
  });
}

function respond(d: Decision, cmd: Cmd<'respond_claim'>, c: ClaimState): Refusal | void {
  const refund = cmd.response === 'refund';
  // SPEC §13: contesting needs evidence; refunding in full resolves the claim.
  if (!refund && cmd.evidence.length === 0) return refuse('evidence_required', 'respond_claim', '对索赔提出异议需要提供凭证', 'contesting a claim needs evidence', { field: 'evidence' });
  d.emit({
    type: 'ClaimResponded',
    at: d.now,
    claimId: c.id,
    response: cmd.response,
    evidence: items(cmd.evidence, 'merchant', d.now),
    note: cmd.note ?? null,
    money: refund ? moneyOf('seller_refund', c.amount) : null,
    to: refund ? 'resolved_by_seller' : 'under_review',
  });
}

function ruleClaim(d: Decision, cmd: Cmd<'rule_claim'>, c: ClaimState): Refusal | void {
  const allowed: readonly string[] = c.kind === 'atoz_claim' ? ATOZ_OUTCOMES : SAFET_OUTCOMES;
  if (!allowed.includes(cmd.outcome)) {
    const k = CLAIM_KIND_LABELS[c.kind];
    return refuse('validation', 'outcome', `${k.zh}的裁定结果只能是 ${allowed.join(', ')}`, `a ${k.en} is ruled ${allowed.join(', ')}`, { field: 'outcome' });
  }
  d.emit({ type: 'ClaimRuled', at: d.now, claimId: c.id, outcome: cmd.outcome, note: cmd.note ?? null, money: moneyOf(cmd.outcome, c.amount), to: cmd.outcome });
}

function appeal(d: Decision, cmd: Cmd<'appeal_claim'>, c: ClaimState): Refusal | void {
  if (cmd.reason.trim() === '') return refuse('validation', 'reason', '请填写申诉理由', 'an appeal needs a reason', { field: 'reason' });
  if (cmd.evidence.length === 0) return refuse('evidence_required', 'appeal_claim', '申诉需要提供凭证', 'an appeal needs evidence', { field: 'evidence' });
  d.emit({ type: 'ClaimAppealed', at: d.now, claimId: c.id, reason: cmd.reason, evidence: items(cmd.evidence, 'merchant', d.now), to: 'appealed' });
}

function fire(d: Decision, cmd: Cmd<'fire_claim_deadline'>, c: ClaimState): Refusal | void {
  const dl = c.deadline;
  if (!isDue(dl, cmd.deadline, cmd.dueAt, d.now)) return; // stale or early: a no-op
  d.emit({ type: 'ClaimDeadlineExpired', at: d.now, claimId: c.id, kind: dl.kind, dueAt: dl.dueAt });
  // SPEC §13: past the seller's 72 h the claim goes to the platform, without the seller's answer.
  if (dl.kind === 'claim_seller_response') d.emit({ type: 'ClaimResponseMissed', at: d.now, claimId: c.id, sellerSilent: true, to: 'under_review' });
}
