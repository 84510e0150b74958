// decide(command, state, policy, now) → events | refusal. Checks the actor (SPEC §4: a buyer acts
// only on their own cases, a merchant only on their shop's; the wrong actor gets `forbidden`), then
// hands the command to its handler and settles the order bookkeeping.
import * as cases from './case-decide.ts';
import * as flow from './case-flow.ts';
import type { CaseCommand, Command, OrderCommand } from './commands.ts';
import { Draft } from './draft.ts';
import { refuse, type Refusal } from './errors.ts';
import type { DomainEvent } from './events.ts';
import { decideOrder } from './order-decide.ts';
import type { Policy } from './policy.ts';
import type { OrderContext } from './state.ts';
import type { Actor, Instant, Role } from './types.ts';

export type Decision = { ok: true; events: DomainEvent[] } | Refusal;

/** Which roles may send each command (SPEC §4 table; order events come from the shop system). */
export const COMMAND_ROLES: Record<Command['kind'], readonly Role[]> = {
  place_order: ['merchant', 'platform', 'system'],
  pay_order: ['merchant', 'platform', 'system'],
  ship_order: ['merchant', 'platform', 'system'],
  sign_order: ['merchant', 'platform', 'system'],
  complete_order: ['buyer', 'platform', 'system'],
  extend_auto_confirm: ['buyer', 'merchant'],
  fire_order_deadline: ['system'],
  apply: ['buyer'],
  modify: ['buyer'],
  agree: ['merchant'],
  reject: ['merchant'],
  offer: ['merchant'],
  accept_offer: ['buyer'],
  decline_offer: ['buyer'],
  cancel: ['buyer'],
  ship_return: ['buyer'],
  receive_return: ['merchant'],
  refuse_return: ['merchant'],
  reship: ['merchant'],
  confirm_receipt: ['buyer'],
  escalate: ['buyer', 'merchant'],
  submit_evidence: ['buyer', 'merchant'],
  request_evidence: ['platform'],
  rule: ['platform'],
  fire_case_deadline: ['system'],
  confirm_refund: ['system'],
  fail_refund: ['system'],
};

function forbidden(actor: Actor, command: string, why: string): Refusal {
  return refuse('forbidden', 'actor', `无权执行 ${command}`, `${actor.role}${actor.id ? ` ${actor.id}` : ''} may not ${command}: ${why}`, {
    role: actor.role,
    command,
  });
}

function checkActor(cmd: Command, ctx: OrderContext): Refusal | null {
  const { actor } = cmd;
  if (!COMMAND_ROLES[cmd.kind].includes(actor.role)) return forbidden(actor, cmd.kind, 'wrong role');
  const o = cmd.kind === 'place_order' ? { shopId: cmd.order.shop, buyerId: cmd.order.buyer } : ctx.order!;
  if (actor.role === 'merchant' && actor.id !== o.shopId) return forbidden(actor, cmd.kind, 'not this shop');
  if (actor.role === 'buyer' && actor.id !== o.buyerId) return forbidden(actor, cmd.kind, 'not this buyer');
  return null;
}

const isCaseCommand = (cmd: Command): cmd is CaseCommand & { actor: Actor } => 'caseId' in cmd;

export function decide(cmd: Command, ctx: OrderContext, policy: Policy, now: Instant): Decision {
  if (cmd.kind !== 'place_order' && !ctx.order) {
    return refuse('not_found', 'order', '订单不存在', 'no such order', {});
  }
  if (isCaseCommand(cmd) && cmd.kind !== 'apply' && !ctx.cases[cmd.caseId]) {
    return refuse('not_found', 'case', '售后单不存在', 'no such case', { case: cmd.caseId });
  }
  const denied = checkActor(cmd, ctx);
  if (denied) return denied;
  const d = new Draft(ctx, policy, now);
  const outcome = isCaseCommand(cmd) ? decideCase(d, cmd) : decideOrder(d, cmd as OrderCommand, cmd.actor.role);
  if (outcome) return outcome;
  if (d.ctx.order) d.settleOrder();
  return { ok: true, events: d.events };
}

function decideCase(d: Draft, cmd: CaseCommand & { actor: Actor }): Refusal | void {
  if (cmd.kind === 'apply') return cases.apply(d, cmd, cmd.actor);
  const c = d.caseOf(cmd.caseId);
  switch (cmd.kind) {
    case 'modify':
      return cases.modify(d, cmd, c);
    case 'agree':
      return cases.agree(d, c, 'merchant', cmd.returnAddress);
    case 'reject':
      return cases.reject(d, cmd, c);
    case 'offer':
      return cases.offer(d, cmd, c);
    case 'accept_offer':
      return cases.acceptOffer(d, c);
    case 'decline_offer':
      return cases.declineOffer(d, c);
    case 'cancel':
      return cases.cancel(d, c);
    case 'escalate':
      return cases.escalate(d, cmd, c, cmd.actor);
    case 'submit_evidence':
      return cases.submitEvidence(d, cmd, c, cmd.actor);
    case 'request_evidence':
      return cases.requestEvidence(d, cmd, c);
    case 'rule':
      if (c.status !== 'in_arbitration') return cases.invalidState(c, 'rule');
      return cases.rule(d, c, cmd.outcome, cmd.liability, cmd.amount, 'platform', null);
    case 'ship_return':
      return flow.shipReturn(d, cmd, c);
    case 'receive_return':
      return flow.receiveReturn(d, c, 'merchant', cmd.deductions);
    case 'refuse_return':
      return flow.refuseReturn(d, cmd, c);
    case 'reship':
      return flow.reship(d, cmd, c);
    case 'confirm_receipt':
      return flow.confirmReceipt(d, c, 'buyer');
    case 'fire_case_deadline':
      return flow.fireCaseDeadline(d, cmd, c);
    case 'confirm_refund':
      return flow.confirmRefund(d, cmd, c);
    case 'fail_refund':
      return flow.failRefund(d, cmd, c);
    default: {
      const never: never = cmd;
      throw new Error(`unknown case command ${JSON.stringify(never)}`);
    }
  }
}
