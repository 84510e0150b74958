// What a caller may do on a case now (SPEC §4 table): commands of the caller's role whose "from"
// status matches. The console offers exactly these; the decider still checks every rule.
import type { CaseCommandName } from '../domain/commands.ts';
import type { CaseState } from '../domain/state.ts';
import type { Role } from '../domain/types.ts';

const BY_STATUS: Record<CaseState['status'], Partial<Record<Role, CaseCommandName[]>>> = {
  requested: { merchant: ['agree', 'reject', 'offer'], buyer: ['modify', 'cancel', 'escalate'] },
  offer_pending: { buyer: ['accept_offer', 'decline_offer', 'cancel', 'escalate'], merchant: ['escalate'] },
  rejected: { buyer: ['modify', 'escalate', 'cancel'], merchant: ['escalate'] },
  awaiting_return: { buyer: ['ship_return', 'cancel', 'escalate'], merchant: ['escalate'] },
  return_in_transit: { merchant: ['receive_return', 'refuse_return', 'escalate'], buyer: ['cancel', 'escalate'] },
  awaiting_reship: { merchant: ['reship', 'escalate'], buyer: ['escalate'] },
  reship_in_transit: { buyer: ['confirm_receipt', 'escalate'], merchant: ['escalate'] },
  refunding: {},
  in_arbitration: { platform: ['rule', 'request_evidence'], buyer: ['cancel'] },
  completed: {},
  closed: {},
};

export function availableActions(c: CaseState, role: Role): CaseCommandName[] {
  const base = [...(BY_STATUS[c.status][role] ?? [])];
  const open = c.status !== 'completed' && c.status !== 'closed';
  if (open && (role === 'buyer' || role === 'merchant')) base.push('submit_evidence');
  // Escalation happens once per case (SPEC §4).
  return c.escalated ? base.filter((a) => a !== 'escalate') : base;
}
