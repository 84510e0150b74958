// The case command table: who may send which case command, from which statuses, under which
// guards (SPEC §4 "Commands (actor → command → from status → to status)"). State transitions as
// data, as in Vendure's order process: the decider refuses with it and the API offers with it, so
// "what may be done now" is written once.
//
//   roles   the roles that may send the command (another role: `forbidden`)
//   from    the statuses it may be sent from (another status: `invalid_state`)
//   guards  further rules on the case alone, pure functions of (case, policy, now), checked in
//           order; each refuses with its own code (`not_eligible` escalate once, `too_early`
//           escalation before `escalation_after`, `invalid_state` cancel after the merchant has
//           the goods back or refuse_return after a ruling for the buyer)
//
// What the table does not hold: whose case it is (decide.ts: a buyer acts on their own cases, a
// merchant on its shop's), and each command's argument checks (reason text, amounts, evidence the
// burden of proof asks for, return address…), which stay in the handlers. `apply` (no case yet) and
// the system's deadline and refund commands (no-ops when stale) are not in the table.
import type { CaseCommand } from '../commands.ts';
import { addDuration } from '../duration.ts';
import { refuse, type Refusal } from '../errors.ts';
import { CASE_STATUS_LABELS, COMMAND_LABELS, dateWords, ROLE_LABELS } from '../labels.ts';
import type { Policy } from '../policy.ts';
import type { CaseState } from '../state.ts';
import type { CaseStatus, Instant, Role } from '../types.ts';

// `post_message` moves no status: a message may be written whatever the case's status (issue 13).
export type TableCommand = Exclude<CaseCommand['kind'], 'apply' | 'fire_case_deadline' | 'confirm_refund' | 'fail_refund' | 'post_message'>;
export type Guard = (c: CaseState, policy: Policy, now: Instant) => Refusal | null;
export interface CommandRule {
  roles: readonly Role[];
  from: readonly CaseStatus[];
  guards: readonly Guard[];
}

/** A command sent from a status the table does not list, in words (codes stay in details). */
export function invalidState(c: CaseState, command: TableCommand): Refusal {
  const [s, a] = [CASE_STATUS_LABELS[c.status], COMMAND_LABELS[command]];
  return refuse('invalid_state', 'status', `当前状态「${s.zh}」不能执行「${a.zh}」`, `cannot ${a.en}: the case is “${s.en}”`, { status: c.status, command });
}

/** A role the table does not list for the command. */
export function wrongRole(role: Role, command: CaseCommand['kind'] | string): Refusal {
  const a = COMMAND_LABELS[command as CaseCommand['kind']] ?? { zh: command, en: command };
  const r = ROLE_LABELS[role];
  return refuse('forbidden', 'actor', `${r.zh}不能执行「${a.zh}」`, `a ${r.en} cannot ${a.en}`, { role, command });
}

/**
 * From when a party may ask the platform to step in (SPEC §4 `escalation_after`, counted from the
 * application); null when at once (a rejected case may be escalated straight away).
 */
export function escalationOpensAt(c: CaseState, policy: Policy): Instant | null {
  return c.status === 'rejected' ? null : addDuration(c.appliedAt, policy.params.escalation_after, policy.calendar);
}

const escalatedOnce: Guard = (c) =>
  c.escalated ? refuse('not_eligible', 'escalate_once', '每个售后单只能申请一次平台介入', 'a case can be escalated to the platform once only') : null;

const escalationOpen: Guard = (c, policy, now) => {
  const from = escalationOpensAt(c, policy);
  if (from === null || now >= from) return null;
  const when = dateWords(from, now, policy.calendar.timeZone);
  return refuse('too_early', 'escalation_after', `${when.zh} 起才可申请平台介入`, `the platform can be asked to step in from ${when.en}`, { earliest: from });
};

/** SPEC §4 cancel: "any open status before goods are received by the merchant". */
const goodsNotBack: Guard = (c) =>
  c.goodsReceivedAt === null
    ? null
    : refuse('invalid_state', 'cancel_before_goods_received', '商家已收到退回的商品, 不能再撤销申请', 'cannot cancel the request: the merchant has the goods back', {
        status: c.status,
        command: 'cancel',
      });

const mayRefuse: Guard = (c) =>
  c.merchantMayRefuse ? null : refuse('invalid_state', 'ruled_for_buyer', '平台已裁定支持买家, 商家不能拒收退货', 'the platform ruled for the buyer: the return cannot be refused', {});

/** Issue 15: the buyer may correct a return's tracking number once. */
const correctedOnce: Guard = (c) =>
  c.returnShipment?.corrected
    ? refuse('not_eligible', 'correct_tracking_once', '退货运单号只能修改一次', 'the return tracking number can be corrected once only')
    : null;

/** SPEC §13: a delivery scan is reported once, on a pack where it starts refund_after_receipt. */
const deliveryReported: Guard = (c, policy) =>
  policy.params.refund_after_receipt === null
    ? refuse('not_eligible', 'refund_after_receipt', '本平台不记录退货的派送', 'this marketplace does not record the return’s delivery', {})
    : c.goodsReceivedAt !== null
      ? refuse('invalid_state', 'return_delivered_once', '退货已记录为送达', 'the return is already recorded as delivered', { status: c.status, command: 'return_delivered' })
      : null;

const OPEN: readonly CaseStatus[] = ['requested', 'offer_pending', 'rejected', 'awaiting_return', 'return_in_transit', 'awaiting_reship', 'reship_in_transit', 'refunding', 'in_arbitration'];
const rule = (roles: readonly Role[], from: readonly CaseStatus[], guards: readonly Guard[] = []): CommandRule => ({ roles, from, guards });

export const CASE_COMMANDS: Record<TableCommand, CommandRule> = {
  modify: rule(['buyer'], ['requested', 'rejected']),
  agree: rule(['merchant'], ['requested']),
  reject: rule(['merchant'], ['requested']),
  offer: rule(['merchant'], ['requested']),
  accept_offer: rule(['buyer'], ['offer_pending']),
  decline_offer: rule(['buyer'], ['offer_pending']),
  // Issue 15: the merchant may take an offer back until the buyer answers.
  withdraw_offer: rule(['merchant'], ['offer_pending']),
  // Not once the merchant has the goods back; not while a replacement travels (the buyer confirms
  // or escalates) nor while the refund is paid (docs/decisions.md).
  cancel: rule(['buyer'], ['requested', 'offer_pending', 'rejected', 'awaiting_return', 'return_in_transit', 'awaiting_reship', 'in_arbitration'], [goodsNotBack]),
  ship_return: rule(['buyer'], ['awaiting_return']),
  correct_tracking: rule(['buyer'], ['return_in_transit'], [correctedOnce]),
  receive_return: rule(['merchant'], ['return_in_transit']),
  refuse_return: rule(['merchant'], ['return_in_transit'], [mayRefuse]),
  return_delivered: rule(['platform'], ['return_in_transit'], [deliveryReported]),
  reship: rule(['merchant'], ['awaiting_reship']),
  confirm_receipt: rule(['buyer'], ['reship_in_transit']),
  // Every open status where a party still waits on the other (not while the refund is paid).
  escalate: rule(['buyer', 'merchant'], ['requested', 'offer_pending', 'rejected', 'awaiting_return', 'return_in_transit', 'awaiting_reship', 'reship_in_transit'], [escalatedOnce, escalationOpen]),
  submit_evidence: rule(['buyer', 'merchant'], OPEN),
  request_evidence: rule(['platform'], ['in_arbitration']),
  rule: rule(['platform'], ['in_arbitration']),
};

export const TABLE_COMMANDS = Object.keys(CASE_COMMANDS) as TableCommand[];
export const isTableCommand = (kind: string): kind is TableCommand => kind in CASE_COMMANDS;

/** Why `role` may not send `command` on `c` now (role, then status, then guards), or null. */
export function tableRefusal(command: TableCommand, c: CaseState, role: Role, policy: Policy, now: Instant): Refusal | null {
  const r = CASE_COMMANDS[command];
  if (!r.roles.includes(role)) return wrongRole(role, command);
  if (!r.from.includes(c.status)) return invalidState(c, command);
  for (const guard of r.guards) {
    const refused = guard(c, policy, now);
    if (refused) return refused;
  }
  return null;
}

/** What `role` may send on `c` now: every table command it would not refuse (SPEC §4). */
export function availableActions(c: CaseState, role: Role, policy: Policy, now: Instant): TableCommand[] {
  return TABLE_COMMANDS.filter((k) => tableRefusal(k, c, role, policy, now) === null);
}

/** When a command refused only for being early (`too_early`) becomes possible; null otherwise. */
export function opensAt(command: TableCommand, c: CaseState, role: Role, policy: Policy, now: Instant): Instant | null {
  const r = tableRefusal(command, c, role, policy, now);
  return r?.code === 'too_early' ? (r.details.earliest as Instant) : null;
}
