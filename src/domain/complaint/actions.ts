// What a caller may send on a complaint now (the API's `actions`): each command the caller's role
// may send (COMPLAINT_COMMAND_ROLES) that the decider would accept now, asked of the decider itself
// with a well-formed probe — so the status rules, the appeal window and the merchant's answer time
// are the decider's own, never restated here.
import type { Policy } from '../policy.ts';
import type { Actor, Instant } from '../types.ts';
import { COMPLAINT_ACTIONS, type ComplaintAction, type ComplaintCommand } from './commands.ts';
import { decideComplaint } from './decide.ts';
import type { ComplaintState } from './types.ts';

export { COMPLAINT_ACTIONS, type ComplaintAction };

const probe = [{ kind: 'other' as const, description: 'probe' }];
const PROBES: Record<ComplaintAction, Record<string, unknown>> = {
  withdraw_complaint: {},
  respond_complaint: { evidence: probe },
  rule_complaint: { outcome: 'upheld' },
  appeal: { reason: 'probe', evidence: probe },
  rule_appeal: { outcome: 'accepted' },
};

export function availableComplaintActions(c: ComplaintState, actor: Actor, policy: Policy, now: Instant): ComplaintAction[] {
  return COMPLAINT_ACTIONS.filter((kind) => {
    const cmd = { kind, ...PROBES[kind], complaintId: c.id, actor } as ComplaintCommand;
    return decideComplaint(cmd, { complaint: c, order: null }, policy, now).ok;
  });
}
