// decide(command, state, policy, now) → events | refusal. Checks the actor (SPEC §4: a buyer acts
// only on their own cases, a merchant only on their shop's; the wrong actor gets `forbidden`), then
// checks a case command against the command table (status and guards), then hands the command to
// its handler (argument checks) and settles the order bookkeeping.
import { CASE_COMMANDS, isTableCommand, tableRefusal, wrongRole, type TableCommand } from './case/command-table.ts';
import { automate, type AutomationInputs } from './automation/automate.ts';
import * as cases from './case-decide.ts';
import { postMessage } from './case/messages.ts';
import * as flow from './case-flow.ts';
import type { CaseCommand, Command, OrderCommand } from './commands.ts';
import { Draft } from './draft.ts';
import { refuse, type Refusal } from './errors.ts';
import type { DomainEvent } from './events.ts';
import { decideOrder } from './order-decide.ts';
import type { Policy } from './policy.ts';
import { COMMAND_LABELS } from './labels.ts';
import type { CaseOf, OrderContext } from './state.ts';
import type { Actor, Instant, Role } from './types.ts';

export type Decision = { ok: true; events: DomainEvent[] } | Refusal;

/**
 * Which roles may send each command: the case commands' from the command table (SPEC §4,
 * src/domain/case/command-table.ts); order events come from the shop system.
 */
export const COMMAND_ROLES: Record<Command['kind'], readonly Role[]> = {
  place_order: ['merchant', 'platform', 'system'],
  pay_order: ['merchant', 'platform', 'system'],
  ship_order: ['merchant', 'platform', 'system'],
  sign_order: ['merchant', 'platform', 'system'],
  complete_order: ['buyer', 'platform', 'system'],
  extend_auto_confirm: ['buyer', 'merchant'],
  fire_order_deadline: ['system'],
  apply: ['buyer'],
  fire_case_deadline: ['system'],
  confirm_refund: ['system'],
  fail_refund: ['system'],
  post_message: ['buyer', 'merchant', 'platform'],
  ...(Object.fromEntries(Object.entries(CASE_COMMANDS).map(([k, r]) => [k, r.roles])) as Record<TableCommand, readonly Role[]>),
};

/** Another shop's or another buyer's order, in words. */
function notTheirs(actor: Actor, command: Command['kind']): Refusal {
  const a = COMMAND_LABELS[command];
  const [zh, en] = actor.role === 'merchant' ? ['不是本店的订单', "another shop's order"] : ['不是您的订单', "another buyer's order"];
  return refuse('forbidden', 'actor', `${zh}, 不能执行「${a.zh}」`, `cannot ${a.en}: this is ${en}`, { role: actor.role, command });
}

function checkActor(cmd: Command, ctx: OrderContext): Refusal | null {
  const { actor } = cmd;
  if (!COMMAND_ROLES[cmd.kind].includes(actor.role)) return wrongRole(actor.role, cmd.kind);
  const o = cmd.kind === 'place_order' ? { shopId: cmd.order.shop, buyerId: cmd.order.buyer } : ctx.order!;
  if (actor.role === 'merchant' && actor.id !== o.shopId) return notTheirs(actor, cmd.kind);
  if (actor.role === 'buyer' && actor.id !== o.buyerId) return notTheirs(actor, cmd.kind);
  return null;
}

const isCaseCommand = (cmd: Command): cmd is CaseCommand & { actor: Actor } => 'caseId' in cmd;

/**
 * `automation`: the shop's rules and the buyer's risk band (SPEC §10.2, §10.4), inputs like the
 * policy; absent, no rule acts (order events, deadlines, and callers that load none).
 */
export function decide(cmd: Command, ctx: OrderContext, policy: Policy, now: Instant, automation?: AutomationInputs): Decision {
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
  // SPEC §10.2: the rules look at a case when it is applied for or modified.
  if (cmd.kind === 'apply' || cmd.kind === 'modify') automate(d, cmd.caseId, automation);
  if (d.ctx.order) d.settleOrder();
  return { ok: true, events: d.events };
}

function decideCase(d: Draft, cmd: CaseCommand & { actor: Actor }): Refusal | void {
  if (cmd.kind === 'apply') return cases.apply(d, cmd, cmd.actor);
  const c = d.caseOf(cmd.caseId);
  // SPEC §4: role, status and the case's own guards, from the command table; then the handler
  // checks the command's arguments.
  if (isTableCommand(cmd.kind)) {
    const refused = tableRefusal(cmd.kind, c, cmd.actor.role, d.policy, d.now);
    if (refused) return refused;
  }
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
    case 'withdraw_offer':
      return cases.withdrawOffer(d, c);
    case 'cancel':
      return cases.cancel(d, c);
    case 'escalate':
      return cases.escalate(d, cmd, c, cmd.actor);
    case 'submit_evidence':
      return cases.submitEvidence(d, cmd, c, cmd.actor);
    case 'request_evidence':
      return cases.requestEvidence(d, cmd, c);
    case 'post_message':
      return postMessage(d, cmd, c, cmd.actor);
    case 'rule':
      return cases.rule(d, c as CaseOf<'in_arbitration'>, cmd.outcome, cmd.liability, cmd.amount, 'platform', null, { note: cmd.note, force: cmd.force });
    case 'ship_return':
      return flow.shipReturn(d, cmd, c);
    case 'correct_tracking':
      return flow.correctTracking(d, cmd, c);
    case 'receive_return':
      return flow.receiveReturn(d, c, 'merchant', cmd.deductions, cmd.condition);
    case 'return_delivered':
      return flow.returnDelivered(d, c);
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
