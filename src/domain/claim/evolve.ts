// evolveClaim(state, event) → state. Pure and total: every claim event is handled (the `never`
// check makes a new event type a compile error until it is).
import type { ClaimEvent } from './events.ts';
import type { ClaimMoney, ClaimState } from './types.ts';

const paid = (c: ClaimState, money: ClaimMoney | null, at: number) => (money ? [...c.money, { ...money, at }] : c.money);

export function evolveClaim(prev: ClaimState | null, e: ClaimEvent): ClaimState {
  if (e.type === 'ClaimFiled') {
    return {
      id: e.claimId,
      kind: e.kind,
      orderId: e.orderId,
      shopId: e.shopId,
      buyerId: e.buyerId,
      caseId: e.caseId,
      reason: e.reason,
      status: e.to,
      amount: e.amount,
      currency: e.currency,
      filedAt: e.at,
      basis: e.basis,
      filing: { evidence: e.evidence, note: e.note, at: e.at },
      response: null,
      sellerSilent: false,
      ruling: null,
      appeal: null,
      money: [],
      deadline: null,
      policyVersions: [e.policyVersion],
      version: 1,
    };
  }
  if (!prev) throw new Error(`${e.type} before ClaimFiled`);
  const c: ClaimState = { ...prev, version: prev.version + 1 };
  switch (e.type) {
    case 'ClaimWithdrawn':
      return { ...c, status: e.to, deadline: null };
    case 'ClaimResponded':
      return { ...c, status: e.to, response: { kind: e.response, evidence: e.evidence, note: e.note, at: e.at }, money: paid(c, e.money, e.at), deadline: null };
    case 'ClaimResponseMissed':
      return { ...c, status: e.to, sellerSilent: e.sellerSilent, deadline: null };
    case 'ClaimRuled':
      return { ...c, status: e.to, ruling: { outcome: e.outcome, at: e.at, note: e.note }, money: paid(c, e.money, e.at), deadline: null };
    case 'ClaimAppealed':
      return { ...c, status: e.to, appeal: { reason: e.reason, evidence: e.evidence, at: e.at, outcome: null, ruledAt: null } };
    case 'ClaimAppealRuled':
      return { ...c, status: e.to, appeal: c.appeal && { ...c.appeal, outcome: e.outcome, ruledAt: e.at }, money: paid(c, e.money, e.at) };
    case 'ClaimDeadlineStarted': {
      const v = e.deadline.policyVersion;
      return { ...c, deadline: e.deadline, policyVersions: c.policyVersions.includes(v) ? c.policyVersions : [...c.policyVersions, v] };
    }
    case 'ClaimDeadlineExpired':
      return { ...c, deadline: null };
    default: {
      const never: never = e;
      throw new Error(`unhandled claim event ${JSON.stringify(never)}`);
    }
  }
}

export function evolveClaimAll(state: ClaimState | null, events: readonly ClaimEvent[]): ClaimState | null {
  let s = state;
  for (const e of events) s = evolveClaim(s, e);
  return s;
}
