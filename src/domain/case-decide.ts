// The case decider: SPEC §4 commands and deadline expiries, §7 disputes. Each handler either
// emits events into the draft or returns a refusal.
import { burdensOf, evidenceOf, satisfies } from './burden.ts';
import type { CaseCommand, EvidenceInput } from './commands.ts';
import type { Draft } from './draft.ts';
import { checkApplication, signInstant, type ApplicationArgs } from './eligibility.ts';
import { refuse, type Refusal } from './errors.ts';
import { dateWords, fieldName, yuan } from './labels.ts';
import { labelPayerOf, routeApplication } from './marketplace-returns.ts';
import { caseRefundable, formulaAmount, paidOfLines, sumShares } from './money.ts';
import type { CaseOf, CaseState } from './state.ts';
import type { Actor, CaseStatus, CaseType, EvidenceItem, Liability, RulingOutcome } from './types.ts';

type Outcome = Refusal | void;
type Cmd<K extends CaseCommand['kind']> = Extract<CaseCommand, { kind: K }>;


function withParty(items: readonly EvidenceInput[] | undefined, party: EvidenceItem['party'], at: number): EvidenceItem[] {
  return (items ?? []).map((i) => ({ ...i, party, at }));
}

/** A required text field, refused in the words the console's forms use (请填写运单号 / fill in the tracking number). */
export function needText(value: string | undefined, field: string): Refusal | null {
  if (typeof value === 'string' && value.trim()) return null;
  const f = fieldName(field);
  return refuse('validation', field, `请填写${f.zh}`, `fill in the ${f.en}`, { field });
}

/** Types where agreeing sends the goods back to the merchant (SPEC §4 `agree`: needs a return address). */
export const needsGoodsBack = (type: CaseType): boolean => agreedStatus(type) === 'awaiting_return';

/** Where a case goes when the merchant agrees to a remedy (SPEC §4 `agree`). */
export function agreedStatus(type: CaseType): CaseStatus {
  switch (type) {
    case 'refund_only':
      return 'refunding';
    case 'return_refund':
    case 'exchange':
    case 'repair':
      return 'awaiting_return';
    case 'reship':
      return 'awaiting_reship';
    default: {
      const never: never = type;
      throw new Error(`unknown case type ${String(never)}`);
    }
  }
}

export function apply(d: Draft, cmd: Cmd<'apply'>, actor: Actor): Outcome {
  if (d.ctx.cases[cmd.caseId]) {
    return refuse('validation', 'case_id', `售后单号 ${cmd.caseId} 已存在`, `case id ${cmd.caseId} is taken`, { field: 'case' });
  }
  const evidence = withParty(cmd.args.evidence, 'buyer', d.now);
  const claim = checkApplication(d.ctx, cmd.args, evidence, d.policy, d.now, null);
  if ('ok' in claim) return claim;
  const o = d.order;
  d.emit({
    type: 'CaseApplied',
    at: d.now,
    caseId: cmd.caseId,
    orderId: o.id,
    shopId: o.shopId,
    buyerId: actor.id ?? o.buyerId,
    caseType: cmd.args.type,
    reason: cmd.args.reason,
    phase: claim.phase,
    lines: claim.lines,
    amount: claim.amount,
    shippingFeePart: claim.shippingFeePart,
    intact: cmd.args.intact ?? null,
    note: cmd.args.note ?? null,
    evidence,
    liability: claim.liability,
    appliedAfterShipBy: claim.appliedAfterShipBy,
  });
  // SPEC §2: a counterfeit claim goes to the platform at once.
  if (cmd.args.reason === 'counterfeit') return escalateCase(d, d.caseOf(cmd.caseId), { role: 'system' }, 'counterfeit');
  // SPEC §13: the platform authorizes a return in the window (with the label the engine brought:
  // without one the seller decides), or refunds a line under the returnless threshold at once.
  const route = routeApplication(o, cmd.args.type, claim.lines, claim.inWindow, d.policy);
  if (route === 'returnless') {
    d.move({ type: 'MerchantAgreed', at: d.now, caseId: cmd.caseId, by: 'system', returnAddress: null, caseType: 'refund_only', to: 'refunding' });
  } else if (route === 'authorized' && cmd.label) {
    d.move({ type: 'ReturnAuthorized', at: d.now, caseId: cmd.caseId, label: cmd.label, labelPayer: labelPayerOf(cmd.args.reason), to: 'awaiting_return' });
  } else {
    d.startCaseDeadline(cmd.caseId);
  }
}

export function modify(d: Draft, cmd: Cmd<'modify'>, c: CaseState): Outcome {
  const changesClaim = cmd.args.type !== undefined || cmd.args.lines !== undefined || cmd.args.reason !== undefined;
  const args: ApplicationArgs = {
    type: cmd.args.type ?? c.type,
    reason: cmd.args.reason ?? c.reason,
    lines: cmd.args.lines ?? c.lines.map((l) => ({ line: l.lineId, quantity: l.quantity })),
    amount: cmd.args.amount ?? (changesClaim ? undefined : c.amount || undefined),
    intact: cmd.args.intact ?? c.intact ?? undefined,
    note: cmd.args.note ?? c.note ?? undefined,
  };
  const added = withParty(cmd.args.evidence, 'buyer', d.now);
  const claim = checkApplication(d.ctx, args, [...evidenceOf(c, 'buyer'), ...added], d.policy, d.now, c.id, c.appliedAt);
  if ('ok' in claim) return claim;
  d.move({
    type: 'CaseModified',
    at: d.now,
    caseId: c.id,
    caseType: args.type,
    reason: args.reason,
    lines: claim.lines,
    amount: claim.amount,
    shippingFeePart: claim.shippingFeePart,
    intact: args.intact ?? null,
    note: args.note ?? null,
    evidence: added,
    liability: claim.liability,
    to: 'requested',
  });
}

/**
 * SPEC §4 `agree`. A merchant sending the goods back names where to (the engine fills the shop's
 * default address before deciding); the system's auto-agree may have none: the address stays null
 * and the buyer is told to ask the shop (docs/decisions.md).
 */
export function agree(d: Draft, c: CaseState, by: 'merchant' | 'system', returnAddress?: string): Outcome {
  if (by === 'merchant' && needsGoodsBack(c.type)) {
    const missing = needText(returnAddress, 'return_address');
    if (missing) {
      return refuse('validation', 'return_address', '请填写退货地址: 买家需要知道把商品寄回哪里', 'fill in the return address: the buyer needs to know where to send the goods', {
        field: 'return_address',
      });
    }
  }
  d.move({ type: 'MerchantAgreed', at: d.now, caseId: c.id, by, returnAddress: returnAddress ?? null, to: agreedStatus(c.type) });
}

export function reject(d: Draft, cmd: Cmd<'reject'>, c: CaseState): Outcome {
  const missing = needText(cmd.reason, 'reason');
  if (missing) return missing;
  const evidence = withParty(cmd.evidence, 'merchant', d.now);
  // SPEC §7: a merchant who rejects in a situation where it bears the burden attaches the proof.
  for (const b of burdensOf(c, d.order, d.policy.calendar.timeZone).filter((x) => x.party === 'merchant')) {
    if (!satisfies([...evidenceOf(c, 'merchant'), ...evidence], b)) {
      return refuse('evidence_required', `burden_of_proof.${b.situation}`, '拒绝此售后需提供举证材料', 'rejecting this case needs the merchant\'s proof', {
        kinds: b.kinds,
        mode: b.mode,
      });
    }
  }
  d.move({ type: 'CaseRejected', at: d.now, caseId: c.id, reason: cmd.reason, evidence, to: 'rejected' });
}

export function offer(d: Draft, cmd: Cmd<'offer'>, c: CaseState): Outcome {
  const refundType = cmd.type === 'refund_only' || cmd.type === 'return_refund';
  const max = caseRefundable(c);
  if (cmd.buyerOwes !== undefined && (cmd.type !== 'exchange' || !Number.isInteger(cmd.buyerOwes) || cmd.buyerOwes < 0)) {
    return refuse('validation', 'buyer_owes', '只有换货方案可以填写买家需补的差价 (以分为单位的整数)', 'only an exchange offer can name a difference the buyer pays (a whole number of fen)', { field: 'buyer_owes' });
  }
  if (refundType) {
    if (cmd.amount === undefined || !Number.isInteger(cmd.amount) || cmd.amount <= 0) {
      return refuse('validation', 'amount', '退款方案需填写大于 0 的金额', 'a refund offer needs an amount above zero', { field: 'amount' });
    }
    if (cmd.amount > max) {
      return refuse('amount_exceeds_refundable', 'refundable', `方案金额超过了本单最多可退的 ${yuan(max)}`, `the offer is more than the ${yuan(max)} refundable on this case`, { refundable: max });
    }
  } else if (cmd.type === 'exchange' && cmd.amount) {
    // SPEC §2 / seed 002 (以实际差价为准): an exchange for a cheaper item refunds the difference,
    // at most what the goods are still worth; a dearer one records what the buyer owes.
    const goods = sumShares(c.lines);
    if (!Number.isInteger(cmd.amount) || cmd.amount < 0) {
      return refuse('validation', 'amount', '差价必须是以分为单位的整数', 'the price difference must be a whole number of fen', { field: 'amount' });
    }
    if (cmd.amount > goods) {
      return refuse('amount_exceeds_refundable', 'refundable', `退还的差价超过了商品最多可退的 ${yuan(goods)}`, `the difference refunded is more than the ${yuan(goods)} the goods are still worth`, { refundable: goods });
    }
    if (cmd.buyerOwes) {
      return refuse('validation', 'buyer_owes', '差价只能由一方补: 退给买家或由买家补', 'the difference goes one way only: refunded to the buyer or paid by the buyer', { field: 'buyer_owes' });
    }
  } else if (cmd.amount) {
    return refuse('validation', 'amount', '维修、补寄方案不含退款金额', 'repair and reship offers take no amount', { field: 'amount' });
  }
  if (cmd.type !== 'refund_only' && cmd.type !== 'reship') {
    const o = d.order;
    const bad = c.lines.map((l) => o.lines.find((x) => x.id === l.lineId)!).find((l) => l.flags.includes('virtual') || l.flags.includes('perishable'));
    if (o.shippedAt === null || bad) {
      return refuse('not_eligible', 'not_returnable', '该商品不能退回, 不能提出此方案', 'these goods cannot be sent back, so this remedy cannot be offered', { type: cmd.type });
    }
    if ((cmd.type === 'exchange' || cmd.type === 'repair') && signInstant(o, d.policy.calendar.timeZone) === null) {
      return refuse('not_eligible', 'not_signed', '商品签收后才能换货或维修', 'exchange and repair need the goods signed for');
    }
  }
  d.move({
    type: 'OfferMade',
    at: d.now,
    caseId: c.id,
    offer: {
      type: cmd.type,
      amount: refundType || cmd.type === 'exchange' ? (cmd.amount ?? 0) : 0,
      ...(cmd.buyerOwes ? { buyerOwes: cmd.buyerOwes } : {}),
      ...(cmd.note ? { note: cmd.note } : {}),
    },
    to: 'offer_pending',
  });
}

export function acceptOffer(d: Draft, cs: CaseState): Outcome {
  const c = cs as CaseOf<'offer_pending'>; // the command table let it through from offer_pending only
  d.move({ type: 'OfferAccepted', at: d.now, caseId: c.id, offer: c.offer, lines: c.lines, to: agreedStatus(c.offer.type) });
}

export function declineOffer(d: Draft, c: CaseState): Outcome {
  d.move({ type: 'OfferDeclined', at: d.now, caseId: c.id, to: 'requested' });
}

/**
 * The merchant takes an offer back before the buyer answers (issue 15): the case waits for the
 * merchant again, with a fresh merchant_response deadline, as after a declined offer (SPEC §4).
 */
export function withdrawOffer(d: Draft, c: CaseState): Outcome {
  d.move({ type: 'OfferWithdrawn', at: d.now, caseId: c.id, to: 'requested' });
}

/**
 * SPEC §4: the buyer may cancel in any open status before the merchant has the goods back (which
 * statuses: the command table, src/domain/case/command-table.ts).
 */
export function cancel(d: Draft, c: CaseState): Outcome {
  d.move({ type: 'CaseCancelled', at: d.now, caseId: c.id, to: 'closed' });
}

/** SPEC §4 `escalate`: when (escalation_after) and how often (once) are the command table's guards. */
export function escalate(d: Draft, cmd: Cmd<'escalate'>, c: CaseState, actor: Actor): Outcome {
  // The platforms ask why (淘宝/天猫 申请客服介入 需填写原因): a reason sent must say something. The
  // HTTP API and the console require one; scenario files (FORMAT.md) may still send none.
  if (cmd.reason !== undefined) {
    const missing = needText(cmd.reason, 'reason');
    if (missing) return missing;
  }
  escalateCase(d, c, actor, cmd.reason?.trim() ?? null);
}

function escalateCase(d: Draft, c: CaseState, actor: Actor, reason: string | null): void {
  d.move({ type: 'CaseEscalated', at: d.now, caseId: c.id, by: actor.role, reason, resumeStatus: c.status as never, to: 'in_arbitration' });
  const now = d.caseOf(c.id);
  // SPEC §7: the party that bears the burden of proof gets an evidence request at once.
  for (const b of burdensOf(now, d.order, d.policy.calendar.timeZone)) {
    const current = d.caseOf(c.id);
    d.emit({
      type: 'EvidenceRequested',
      at: d.now,
      caseId: c.id,
      request: {
        id: `${c.id}-evidence-${current.evidenceRequests.length + 1}`,
        party: b.party,
        kinds: b.kinds,
        mode: b.mode,
        dueAt: d.due(d.policy.params.evidence),
        burden: true,
        open: true,
      },
    });
  }
  d.startCaseDeadline(c.id);
}

export function submitEvidence(d: Draft, cmd: Cmd<'submit_evidence'>, c: CaseState, actor: Actor): Outcome {
  if (!cmd.evidence?.length) return refuse('validation', 'evidence', '请至少提供一项凭证', 'at least one evidence item is required', { field: 'evidence' });
  d.emit({ type: 'EvidenceSubmitted', at: d.now, caseId: c.id, items: withParty(cmd.evidence, actor.role as 'buyer' | 'merchant', d.now) });
}

export function requestEvidence(d: Draft, cmd: Cmd<'request_evidence'>, c: CaseState): Outcome {
  if (!cmd.kinds?.length) return refuse('validation', 'kinds', '请指定需要的凭证类型', 'name at least one evidence kind', { field: 'kinds' });
  if (cmd.dueInHours !== undefined && !(cmd.dueInHours > 0)) {
    return refuse('validation', 'due_in_hours', '举证期限 (小时) 必须大于 0', 'the time to give evidence (hours) must be more than 0', { field: 'due_in_hours' });
  }
  const burden = burdensOf(c, d.order, d.policy.calendar.timeZone).some((b) => b.party === cmd.party);
  d.emit({
    type: 'EvidenceRequested',
    at: d.now,
    caseId: c.id,
    request: {
      id: `${c.id}-evidence-${c.evidenceRequests.length + 1}`,
      party: cmd.party,
      kinds: cmd.kinds,
      mode: 'any',
      dueAt: cmd.dueInHours !== undefined ? d.now + cmd.dueInHours * 3_600_000 : d.due(d.policy.params.evidence),
      burden,
      open: true,
    },
  });
  d.startCaseDeadline(c.id);
}

/**
 * Evidence requests of the case still running whose party has not yet given what was asked: the
 * platform ruling now would cut their time short (issue 15).
 */
export function pendingEvidence(c: CaseState, now: number) {
  return c.evidenceRequests.filter((r) => r.open && r.dueAt > now && !satisfies(evidenceOf(c, r.party), r));
}

export interface RulingArgs {
  note?: string;
  /** The platform confirms it rules although an evidence request is still running. */
  force?: boolean;
}

/** SPEC §4 `rule`: the platform's (or, on an evidence timeout, the system's) ruling. */
export function rule(
  d: Draft,
  c: CaseOf<'in_arbitration'>,
  outcome: RulingOutcome,
  liability: Liability | undefined,
  amount: number | undefined,
  by: 'platform' | 'system',
  basis: string | null,
  args: RulingArgs = {},
): Outcome {
  if (by === 'platform') {
    if (args.note !== undefined) {
      const missing = needText(args.note, 'note');
      if (missing) return refuse('validation', 'note', '请填写裁决理由: 双方都会看到', 'fill in the reason for the ruling: both parties see it', { field: 'note' });
    }
    const pending = pendingEvidence(c, d.now);
    if (pending.length && !args.force) {
      const first = pending.reduce((a, b) => (a.dueAt <= b.dueAt ? a : b));
      const who = first.party === 'buyer' ? { zh: '买家', en: 'the buyer' } : { zh: '商家', en: 'the merchant' };
      const when = dateWords(first.dueAt, d.now, d.policy.calendar.timeZone);
      return refuse(
        'too_early',
        'evidence_pending',
        `${who.zh}的举证期限到 ${when.zh} 才截止, 尚未提交所需凭证; 如仍要现在裁决, 请确认`,
        `${who.en} has until ${when.en} to give the evidence asked for and has not yet: confirm to rule now anyway`,
        { evidence_pending: pending.map((r) => ({ id: r.id, party: r.party, kinds: r.kinds, due: r.dueAt })), earliest: first.dueAt },
      );
    }
  }
  const note = args.note?.trim() || null;
  const base = { type: 'CaseRuled' as const, at: d.now, caseId: c.id, outcome, by, basis, ...(note ? { note } : {}) };
  if (outcome === 'seller') {
    d.move({ ...base, liability: liability ?? 'buyer', amount: null, to: 'closed', closedReason: by === 'system' ? 'evidence_timeout' : 'ruled_for_seller' });
    return;
  }
  const full = caseRefundable(c);
  if (outcome === 'partial') {
    if (amount === undefined || !Number.isInteger(amount) || amount <= 0) {
      return refuse('validation', 'amount', '部分支持的裁决需填写大于 0 的金额', 'a partial ruling needs an amount above zero', { field: 'amount' });
    }
    if (amount > full) {
      return refuse('amount_exceeds_refundable', 'refundable', `裁决金额超过了本单最多可退的 ${yuan(full)}`, `the ruled amount is more than the ${yuan(full)} refundable on this case`, { refundable: full });
    }
    d.move({ ...base, liability: liability ?? 'merchant', amount, to: 'refunding', closedReason: null });
    return;
  }
  // For the buyer: the requested remedy proceeds, and the merchant can no longer refuse the return.
  let to: CaseStatus;
  let ruledAmount: number | null = null;
  if (c.type === 'refund_only') to = 'refunding';
  else if (c.replacement !== null) [to, ruledAmount] = ['refunding', full];
  else if (c.goodsReceivedAt !== null) to = c.type === 'return_refund' ? 'refunding' : 'awaiting_reship';
  else if (c.type === 'reship') to = 'awaiting_reship';
  else to = c.resumeStatus === 'return_in_transit' ? 'return_in_transit' : 'awaiting_return';
  if (to === 'refunding' && c.type !== 'refund_only' && c.type !== 'return_refund') ruledAmount = full;
  d.move({ ...base, liability: liability ?? 'merchant', amount: ruledAmount, to, closedReason: null });
}

/** SPEC §6: compensation that a completed refund triggers. */
export function compensationOnRefund(d: Draft, c: CaseState): void {
  const o = d.order;
  const p = d.policy.params;
  const lineIds = c.lines.map((l) => l.lineId);
  const basis = paidOfLines(o, lineIds);
  const pay = (kind: 'late_shipment' | 'out_of_stock' | 'counterfeit', amount: number) =>
    d.emit({ type: 'CompensationPaid', at: d.now, kind, amount, forCase: c.id, lines: lineIds, basis });
  if (c.reason === 'late_shipment' && c.appliedAfterShipBy && p.late_shipment_compensation && !o.compensated.late_shipment) {
    pay('late_shipment', formulaAmount(p.late_shipment_compensation, basis));
  }
  if (c.reason === 'out_of_stock' && p.out_of_stock_compensation && !o.compensated.out_of_stock) {
    pay('out_of_stock', formulaAmount(p.out_of_stock_compensation, basis));
  }
  if (c.reason === 'counterfeit' && c.ruling?.outcome === 'buyer') {
    pay('counterfeit', Math.max(p.counterfeit_min, Math.floor(basis * p.counterfeit_multiplier)));
  }
}
