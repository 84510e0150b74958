// decideTicket(command, context, policy, now) → events | refusal: SPEC §10.1 service tickets.
// Checks the actor (the wrong role, another buyer or another shop, the platform before the ticket
// is escalated: `forbidden`), then the rule of the command.
import type { EvidenceInput } from '../commands.ts';
import { formatInstant } from '../calendar.ts';
import { refuse, type Refusal } from '../errors.ts';
import { daysAfter, dueAfter, isDue, newDeadline } from '../governance-deadline.ts';
import { dateWords } from '../labels.ts';
import type { Policy } from '../policy.ts';
import type { Actor, EvidenceItem, Instant } from '../types.ts';
import { TICKET_COMMAND_ROLES, type TicketCommand } from './commands.ts';
import type { TicketEvent } from './events.ts';
import { evolveTicket } from './evolve.ts';
import { TICKET_STATUS_LABELS } from './labels.ts';
import { CARRIER_CLAIM_KINDS, MAX_MESSAGE_CHARS, TICKET_KINDS, type TicketDeadlineKind, type TicketFacts, type TicketParty, type TicketState, type TicketContext } from './types.ts';

export type TicketDecision = { ok: true; events: TicketEvent[] } | Refusal;
type Cmd<K extends TicketCommand['kind']> = Extract<TicketCommand, { kind: K }>;

/** The events of one decision and the ticket they lead to. */
class Decision {
  readonly events: TicketEvent[] = [];
  constructor(
    public ticket: TicketState | null,
    readonly policy: Policy,
    readonly now: Instant,
  ) {}
  emit(e: TicketEvent): TicketState {
    this.events.push(e);
    this.ticket = evolveTicket(this.ticket, e);
    return this.ticket;
  }
  start(kind: TicketDeadlineKind, dueAt: Instant): void {
    this.emit({ type: 'TicketDeadlineStarted', at: this.now, ticketId: this.ticket!.id, deadline: newDeadline(kind, dueAt, this.policy, this.now) });
  }
  clear(...kinds: TicketDeadlineKind[]): void {
    for (const kind of kinds) if (this.ticket!.deadlines[kind]) this.emit({ type: 'TicketDeadlineCleared', at: this.now, ticketId: this.ticket!.id, kind });
  }
  /** SPEC §10.1: the buyer spoke first (open or reopen): first response per kind, resolution in working days. */
  startClocks(buyerSpoke: boolean): void {
    const { params } = this.policy;
    const t = this.ticket!;
    if (buyerSpoke) this.start('ticket_first_response', dueAfter(this.policy, this.now, params.ticket_first_response[t.kind]));
    this.start('ticket_resolution', dueAfter(this.policy, this.now, params.ticket_resolution));
  }
}

function forbidden(actor: Actor, command: string, why: string): Refusal {
  return refuse('forbidden', 'actor', `无权执行 ${command}`, `${actor.role}${actor.id ? ` ${actor.id}` : ''} may not ${command}: ${why}`, { role: actor.role, command });
}

function invalidState(t: TicketState, command: string): Refusal {
  const s = TICKET_STATUS_LABELS[t.status];
  return refuse('invalid_state', 'ticket_status', `工单${s.zh}, 不能执行 ${command}`, `${command} is not allowed while the ticket is ${s.en}`, { status: t.status, command });
}

/** SPEC §10.1: the buyer of the ticket, the merchant of its shop, the platform once escalated. */
function checkActor(cmd: TicketCommand, parties: { buyerId: string; shopId: string; escalated: boolean }): Refusal | null {
  const { actor } = cmd;
  if (!TICKET_COMMAND_ROLES[cmd.kind].includes(actor.role)) return forbidden(actor, cmd.kind, 'wrong role');
  if (actor.role === 'buyer' && actor.id !== parties.buyerId) return forbidden(actor, cmd.kind, 'not this buyer');
  if (actor.role === 'merchant' && actor.id !== parties.shopId) return forbidden(actor, cmd.kind, 'not this shop');
  if (actor.role === 'platform' && !parties.escalated) return forbidden(actor, cmd.kind, 'the platform acts on a ticket once it is escalated (SPEC §10.1)');
  return null;
}

export function decideTicket(cmd: TicketCommand, ctx: TicketContext, policy: Policy, now: Instant): TicketDecision {
  const d = new Decision(ctx.ticket, policy, now);
  let outcome: Refusal | void;
  if (cmd.kind === 'open_ticket') {
    if (ctx.ticket) return refuse('invalid_state', 'ticket_exists', `工单 ${cmd.ticketId} 已存在`, `ticket ${cmd.ticketId} already exists`, { ticket: cmd.ticketId });
    if (!ctx.facts) return refuse('not_found', 'shop', '店铺不存在', 'no such shop', {});
    outcome = open(d, cmd, ctx.facts);
  } else {
    const t = ctx.ticket;
    if (!t) return refuse('not_found', 'ticket', '工单不存在', 'no such ticket', { ticket: cmd.ticketId });
    const denied = checkActor(cmd, t);
    if (denied) return denied;
    outcome = decideOn(d, cmd, t);
  }
  return outcome ?? { ok: true, events: d.events };
}

function decideOn(d: Decision, cmd: Exclude<TicketCommand, { kind: 'open_ticket' }>, t: TicketState): Refusal | void {
  switch (cmd.kind) {
    case 'reply':
      return reply(d, cmd, t);
    case 'resolve':
      return resolve(d, cmd, t);
    case 'reopen':
      return reopen(d, cmd, t);
    case 'rate':
      return rate(d, cmd, t);
    case 'claim_carrier':
      return claimCarrier(d, cmd, t);
    case 'settle_carrier_claim':
      return settleClaim(d, cmd, t);
    case 'fire_ticket_deadline':
      return fire(d, cmd, t);
    default: {
      const never: never = cmd;
      throw new Error(`unknown ticket command ${JSON.stringify(never)}`);
    }
  }
}

const items = (evidence: EvidenceInput[] | undefined, party: EvidenceItem['party'], at: Instant): EvidenceItem[] =>
  (evidence ?? []).map((e) => ({ ...e, party, at }));

/** A message needs words or an attachment, and stays a chat line (MAX_MESSAGE_CHARS). */
function checkMessage(text: string, attachments: EvidenceInput[] | undefined): Refusal | null {
  if (typeof text !== 'string' || (text.trim() === '' && !attachments?.length)) {
    return refuse('validation', 'message', '请填写消息内容或添加附件', 'a message needs text or an attachment', { field: 'message' });
  }
  if (text.length > MAX_MESSAGE_CHARS) {
    return refuse('validation', 'message', `消息不能超过 ${MAX_MESSAGE_CHARS} 字`, `a message is at most ${MAX_MESSAGE_CHARS} characters`, { field: 'message', max: MAX_MESSAGE_CHARS });
  }
  return null;
}

function open(d: Decision, cmd: Cmd<'open_ticket'>, f: TicketFacts): Refusal | void {
  const { actor } = cmd;
  if (!TICKET_COMMAND_ROLES.open_ticket.includes(actor.role)) return forbidden(actor, 'open_ticket', 'wrong role');
  if (!TICKET_KINDS.includes(cmd.ticketKind)) {
    return refuse('validation', 'kind', `未知的工单类型 ${String(cmd.ticketKind)}`, `unknown ticket kind ${String(cmd.ticketKind)} (known: ${TICKET_KINDS.join(', ')})`, { field: 'kind' });
  }
  const bad = checkMessage(cmd.message, cmd.attachments);
  if (bad) return bad;
  if (actor.role === 'merchant' && actor.id !== f.shopId) return forbidden(actor, 'open_ticket', 'not this shop');
  // The buyer is the order's; without an order, the buyer opening it (or the one a merchant names).
  const buyerId = f.order?.buyerId ?? (actor.role === 'buyer' ? actor.id : cmd.buyerId);
  if (!buyerId) return refuse('validation', 'buyer', '商家发起工单需指定订单或买家', 'a merchant opens a ticket on an order or for a named buyer', { field: 'order' });
  if (actor.role === 'buyer' && actor.id !== buyerId) return forbidden(actor, 'open_ticket', 'not the buyer of this order');
  const openedBy = actor.role as 'buyer' | 'merchant';
  const t = d.emit({
    type: 'TicketOpened',
    at: d.now,
    ticketId: cmd.ticketId,
    shopId: f.shopId,
    buyerId,
    orderId: f.order?.id ?? null,
    caseId: f.caseId,
    orderPaid: f.order?.paid ?? null,
    kind: cmd.ticketKind,
    openedBy,
    policyVersion: d.policy.version,
    to: 'open',
  });
  d.emit({ type: 'TicketMessagePosted', at: d.now, ticketId: t.id, party: openedBy, text: cmd.message, attachments: items(cmd.attachments, openedBy, d.now), firstResponse: false });
  // SPEC §10.1: first response only when the buyer spoke first; resolution for every ticket.
  d.startClocks(openedBy === 'buyer');
}

function reply(d: Decision, cmd: Cmd<'reply'>, t: TicketState): Refusal | void {
  // A resolved ticket is reopened (SPEC §10.1 reopen), not answered; a closed one is over.
  if (t.status !== 'open') return invalidState(t, 'reply');
  const bad = checkMessage(cmd.message, cmd.attachments);
  if (bad) return bad;
  const party = cmd.actor.role as TicketParty;
  const answers = party !== 'buyer' && t.awaitingResponse;
  d.emit({ type: 'TicketMessagePosted', at: d.now, ticketId: t.id, party, text: cmd.message, attachments: items(cmd.attachments, party, d.now), firstResponse: answers });
  // SPEC §10.1: the merchant's (or, escalated, the platform's) answer stops the first-response clock.
  if (answers) d.clear('ticket_first_response');
}

function resolve(d: Decision, cmd: Cmd<'resolve'>, t: TicketState): Refusal | void {
  if (t.status !== 'open') return invalidState(t, 'resolve');
  d.clear('ticket_first_response', 'ticket_resolution');
  const r = d.emit({ type: 'TicketResolved', at: d.now, ticketId: t.id, by: cmd.actor.role as TicketParty, note: cmd.note ?? null, to: 'resolved' });
  // SPEC §10.1: the buyer may reopen or rate within ticket_reopen_days; then the system closes it.
  d.start('ticket_close', daysAfter(d.policy, r.resolvedAt!, d.policy.params.ticket_reopen_days));
}

/** SPEC §10.1: reopen and rate are open for ticket_reopen_days from the resolution. */
function reopenWindow(d: Decision, t: TicketState, command: string): Refusal | null {
  if (t.status === 'open') return invalidState(t, command);
  const days = d.policy.params.ticket_reopen_days;
  const end = t.resolvedAt === null ? null : daysAfter(d.policy, t.resolvedAt, days);
  if (t.status === 'closed' || end === null || d.now >= end) {
    const ended = end ?? t.closedAt ?? d.now;
    const w = dateWords(ended, d.now, d.policy.calendar.timeZone);
    return refuse('window_expired', 'ticket_reopen_days', `工单已于 ${w.zh} 关闭 (解决后 ${days} 天内可重新打开或评价)`, `the ticket closed on ${w.en} (reopen or rate within ${days} days of the resolution)`, {
      ended_at: formatInstant(ended, d.policy.calendar.timeZone),
    });
  }
  return null;
}

function reopen(d: Decision, cmd: Cmd<'reopen'>, t: TicketState): Refusal | void {
  const closed = reopenWindow(d, t, 'reopen');
  if (closed) return closed;
  if (cmd.message !== undefined && cmd.message.length > MAX_MESSAGE_CHARS) return checkMessage(cmd.message, undefined)!;
  d.clear('ticket_close');
  d.emit({ type: 'TicketReopened', at: d.now, ticketId: t.id, to: 'open' });
  if (cmd.message?.trim()) d.emit({ type: 'TicketMessagePosted', at: d.now, ticketId: t.id, party: 'buyer', text: cmd.message, attachments: [], firstResponse: false });
  // SPEC §10.1: the first-response SLA counts again from the reopening, and so does the resolution.
  d.startClocks(true);
}

function rate(d: Decision, cmd: Cmd<'rate'>, t: TicketState): Refusal | void {
  if (!Number.isInteger(cmd.csat) || cmd.csat < 1 || cmd.csat > 5) {
    return refuse('validation', 'csat', '满意度评分为 1 到 5 的整数', 'csat is a whole number from 1 to 5', { field: 'csat', value: cmd.csat });
  }
  // SPEC §10.1: once.
  if (t.csat !== null) return refuse('not_eligible', 'csat_once', '该工单已评价过, 每个工单只能评价一次', 'this ticket was rated already: a ticket is rated once', { csat: t.csat });
  const closed = reopenWindow(d, t, 'rate');
  if (closed) return closed;
  d.emit({ type: 'TicketRated', at: d.now, ticketId: t.id, csat: cmd.csat });
}

function claimCarrier(d: Decision, cmd: Cmd<'claim_carrier'>, t: TicketState): Refusal | void {
  if (t.status === 'closed') return invalidState(t, 'claim_carrier');
  // SPEC §10.1: on a logistics ticket of an order.
  if (t.kind !== 'logistics' || t.orderId === null) {
    return refuse('not_eligible', 'carrier_claim', '只有关联订单的物流工单可以向快递索赔', 'a carrier claim is made on a logistics ticket of an order', { kind: t.kind });
  }
  if (!CARRIER_CLAIM_KINDS.includes(cmd.claimKind)) {
    return refuse('validation', 'kind', `未知的索赔类型 ${String(cmd.claimKind)}`, `unknown claim kind ${String(cmd.claimKind)} (known: lost, damaged)`, { field: 'kind' });
  }
  if (t.claims.some((c) => c.recovered === null)) return refuse('invalid_state', 'carrier_claim_open', '已有未结的快递索赔', 'a carrier claim on this ticket is still open', {});
  if (!Number.isInteger(cmd.amount) || cmd.amount <= 0) return refuse('validation', 'amount', '索赔金额须为正整数 (分)', 'the amount is a positive whole number of fen', { field: 'amount' });
  // SPEC §10.1: at most what the buyer paid for the order.
  if (t.orderPaid !== null && cmd.amount > t.orderPaid) {
    return refuse('amount_exceeds_refundable', 'carrier_claim', `索赔金额不能超过订单实付 ${t.orderPaid} 分`, `a carrier claim cannot exceed the ${t.orderPaid} fen paid for the order`, { paid: t.orderPaid });
  }
  d.emit({
    type: 'CarrierClaimed',
    at: d.now,
    ticketId: t.id,
    claimId: `${t.id}-C${t.claims.length + 1}`,
    kind: cmd.claimKind,
    carrier: cmd.carrier ?? null,
    tracking: cmd.tracking ?? null,
    amount: cmd.amount,
  });
}

function settleClaim(d: Decision, cmd: Cmd<'settle_carrier_claim'>, t: TicketState): Refusal | void {
  const c = t.claims.find((x) => x.recovered === null);
  if (!c) return refuse('invalid_state', 'carrier_claim_open', '没有待结算的快递索赔', 'there is no open carrier claim on this ticket', {});
  if (!Number.isInteger(cmd.amount) || cmd.amount < 0) return refuse('validation', 'amount', '追回金额须为非负整数 (分)', 'the amount recovered is a whole number of fen, 0 or more', { field: 'amount' });
  if (cmd.amount > c.amount) {
    return refuse('amount_exceeds_refundable', 'carrier_claim', `追回金额不能超过索赔金额 ${c.amount} 分`, `the amount recovered cannot exceed the ${c.amount} fen claimed`, { claimed: c.amount });
  }
  d.emit({ type: 'CarrierClaimSettled', at: d.now, ticketId: t.id, claimId: c.id, claimed: c.amount, recovered: cmd.amount });
}

function fire(d: Decision, cmd: Cmd<'fire_ticket_deadline'>, t: TicketState): Refusal | void {
  const dl = t.deadlines[cmd.deadline];
  if (!isDue(dl, cmd.deadline, cmd.dueAt, d.now)) return; // stale or early: a no-op
  d.emit({ type: 'TicketDeadlineExpired', at: d.now, ticketId: t.id, kind: dl.kind, dueAt: dl.dueAt });
  switch (dl.kind) {
    case 'ticket_first_response':
      d.emit({ type: 'TicketSlaBreached', at: d.now, ticketId: t.id, sla: 'first_response', dueAt: dl.dueAt });
      return;
    case 'ticket_resolution':
      // SPEC §10.1: a missed resolution is a breach and escalates the ticket to the platform.
      d.emit({ type: 'TicketSlaBreached', at: d.now, ticketId: t.id, sla: 'resolution', dueAt: dl.dueAt });
      if (!t.escalated) d.emit({ type: 'TicketEscalated', at: d.now, ticketId: t.id });
      return;
    case 'ticket_close':
      d.emit({ type: 'TicketClosed', at: d.now, ticketId: t.id, to: 'closed' });
      return;
    default: {
      const never: never = dl.kind;
      throw new Error(`no expiry rule for ${String(never)}`);
    }
  }
}
