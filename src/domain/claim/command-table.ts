// The claim command table (SPEC §13): who may send which command on an existing claim, on which kind
// of claim, from which statuses, under which guards. The decider refuses with it and the API offers
// actions from it (availableClaimActions), so "what may be done now" is written once.
//
//   roles   the roles that may send it (another role, or another buyer or shop: `forbidden`)
//   kinds   the claim kinds it applies to (another: `invalid_state`)
//   from    the statuses it may be sent from (another status: `invalid_state`)
//   guards  further rules of (claim, policy, now), in order, each refusing with its own code
//
// Argument checks (evidence, a ruling's outcome for the claim's kind) stay in decide.ts.
import { formatInstant } from '../calendar.ts';
import { refuse, type Refusal } from '../errors.ts';
import { daysAfter } from '../governance-deadline.ts';
import { dateWords } from '../labels.ts';
import type { Policy } from '../policy.ts';
import type { Actor, Instant, Role } from '../types.ts';
import { CLAIM_ACTIONS, type ClaimAction } from './commands.ts';
import { CLAIM_ACTION_LABELS, CLAIM_KIND_LABELS, CLAIM_STATUS_LABELS } from './labels.ts';
import type { ClaimKind, ClaimState, ClaimStatus } from './types.ts';

type Guard = (c: ClaimState, policy: Policy, now: Instant) => Refusal | null;
interface ClaimRule {
  roles: readonly Role[];
  kinds: readonly ClaimKind[];
  from: readonly ClaimStatus[];
  guards: readonly Guard[];
}

/** SPEC §13: the seller answers within `seller_response`; past it the claim goes to the platform. */
const sellerStillMayRespond: Guard = (c, _policy, now) =>
  c.deadline?.kind === 'claim_seller_response' && now >= c.deadline.dueAt
    ? refuse('window_expired', 'seller_response', '回应时限已过, 索赔已转交平台处理', 'the time to respond has passed: the claim goes to the platform', {})
    : null;

/** SPEC §13: the seller may appeal a ruling against them once. */
const appealOnce: Guard = (c) =>
  c.appeal ? refuse('not_eligible', 'appeal_once', '每个索赔只能申诉一次', 'a ruling on a claim may be appealed once only', { appealed_at: c.appeal.at }) : null;

/** SPEC §13: … within `appeal_days` of the ruling. */
const appealWindow: Guard = (c, policy, now) => {
  const days = policy.params.atoz_claim?.appeal_days ?? 0;
  const end = daysAfter(policy, c.ruling?.at ?? c.filedAt, days);
  if (now < end) return null;
  const w = dateWords(end, now, policy.calendar.timeZone);
  return refuse('window_expired', 'appeal_days', `申诉期已于 ${w.zh} 截止 (裁定后 ${days} 天内)`, `the appeal window closed on ${w.en} (${days} days from the ruling)`, {
    ended_at: formatInstant(end, policy.calendar.timeZone),
  });
};

const rule = (roles: readonly Role[], kinds: readonly ClaimKind[], from: readonly ClaimStatus[], guards: readonly Guard[] = []): ClaimRule => ({ roles, kinds, from, guards });

export const CLAIM_COMMANDS: Record<ClaimAction, ClaimRule> = {
  withdraw_claim: rule(['buyer'], ['atoz_claim'], ['filed', 'under_review']),
  respond_claim: rule(['merchant'], ['atoz_claim'], ['filed'], [sellerStillMayRespond]),
  rule_claim: rule(['platform'], ['atoz_claim', 'safet_claim'], ['under_review']),
  appeal_claim: rule(['merchant'], ['atoz_claim'], ['granted_against_seller'], [appealOnce, appealWindow]),
  rule_claim_appeal: rule(['platform'], ['atoz_claim'], ['appealed']),
};

export function claimForbidden(actor: Actor, command: string, why: string): Refusal {
  return refuse('forbidden', 'actor', `无权执行 ${command}`, `${actor.role}${actor.id ? ` ${actor.id}` : ''} may not ${command}: ${why}`, { role: actor.role, command });
}

/** A buyer acts only on their own order, a merchant only on its own shop. */
export function partyRefusal(actor: Actor, command: string, parties: { buyerId: string; shopId: string }): Refusal | null {
  if (actor.role === 'buyer' && actor.id !== parties.buyerId) return claimForbidden(actor, command, 'not this buyer');
  if (actor.role === 'merchant' && actor.id !== parties.shopId) return claimForbidden(actor, command, 'not this shop');
  return null;
}

/** Why `actor` may not send `command` on `c` now (role, party, kind, status, guards), or null. */
export function claimTableRefusal(command: ClaimAction, c: ClaimState, actor: Actor, policy: Policy, now: Instant): Refusal | null {
  const r = CLAIM_COMMANDS[command];
  if (!r.roles.includes(actor.role)) return claimForbidden(actor, command, 'wrong role');
  const party = partyRefusal(actor, command, c);
  if (party) return party;
  const a = CLAIM_ACTION_LABELS[command];
  if (!r.kinds.includes(c.kind)) {
    const k = CLAIM_KIND_LABELS[c.kind];
    return refuse('invalid_state', 'claim_kind', `${k.zh}不能${a.zh}`, `cannot ${a.en} on a ${k.en}`, { kind: c.kind, command });
  }
  if (!r.from.includes(c.status)) {
    // A second appeal is refused as such whatever the status it left (SPEC §13: once).
    if (command === 'appeal_claim' && c.appeal) return appealOnce(c, policy, now);
    const s = CLAIM_STATUS_LABELS[c.status];
    return refuse('invalid_state', 'claim_status', `索赔${s.zh}, 不能${a.zh}`, `cannot ${a.en}: the claim is ${s.en}`, { status: c.status, command });
  }
  for (const guard of r.guards) {
    const refused = guard(c, policy, now);
    if (refused) return refused;
  }
  return null;
}

/** What `actor` may send on `c` now: every table command it would not refuse (the API's `actions`). */
export function availableClaimActions(c: ClaimState, actor: Actor, policy: Policy, now: Instant): ClaimAction[] {
  return CLAIM_ACTIONS.filter((k) => claimTableRefusal(k, c, actor, policy, now) === null);
}
