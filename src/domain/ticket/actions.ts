// What a caller may send on a ticket now (the API's `actions`): each command the caller's role may
// send that the decider would accept now, asked of the decider itself with a well-formed probe —
// so the status rules, the reopen window and the escalation rule are the decider's own.
import type { Policy } from '../policy.ts';
import type { Actor, Instant } from '../types.ts';
import { TICKET_ACTIONS, type TicketAction, type TicketCommand } from './commands.ts';
import { decideTicket } from './decide.ts';
import type { TicketState } from './types.ts';

export { TICKET_ACTIONS, type TicketAction };

const PROBES: Record<TicketAction, Record<string, unknown>> = {
  reply: { message: 'probe' },
  resolve: {},
  reopen: {},
  rate: { csat: 5 },
  claim_carrier: { claimKind: 'lost', amount: 1 },
  settle_carrier_claim: { amount: 0 },
};

export function availableTicketActions(t: TicketState, actor: Actor, policy: Policy, now: Instant): TicketAction[] {
  return TICKET_ACTIONS.filter((kind) => {
    const cmd = { kind, ...PROBES[kind], ticketId: t.id, actor } as TicketCommand;
    return decideTicket(cmd, { ticket: t, facts: null }, policy, now).ok;
  });
}
