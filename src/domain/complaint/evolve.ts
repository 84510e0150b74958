// evolveComplaint(state, event) → state. Pure and total: every complaint event is handled (the
// `never` check makes a new event type a compile error until it is).
import type { ComplaintEvent } from './events.ts';
import type { ComplaintState } from './types.ts';

export function evolveComplaint(prev: ComplaintState | null, e: ComplaintEvent): ComplaintState {
  if (e.type === 'ComplaintFiled') {
    return {
      id: e.complaintId,
      orderId: e.orderId,
      shopId: e.shopId,
      buyerId: e.buyerId,
      kind: e.kind,
      subKind: e.subKind,
      status: e.to,
      filedAt: e.at,
      filing: { evidence: e.evidence, note: e.note, at: e.at },
      response: null,
      merchantSilent: false,
      underReviewAt: null,
      ruling: null,
      points: 0,
      closedReason: null,
      appeal: null,
      reviewReminders: 0,
      deadline: null,
      policyVersions: [e.policyVersion],
      version: 1,
    };
  }
  if (!prev) throw new Error(`${e.type} before ComplaintFiled`);
  const c: ComplaintState = { ...prev, version: prev.version + 1 };
  switch (e.type) {
    case 'ComplaintWithdrawn':
      return { ...c, status: e.to, deadline: null };
    case 'ComplaintResponded':
      return { ...c, status: e.to, response: { evidence: e.evidence, note: e.note, at: e.at }, underReviewAt: e.at, deadline: null };
    case 'ComplaintResponseMissed':
      return { ...c, status: e.to, merchantSilent: e.merchantSilent, underReviewAt: e.at, deadline: null };
    case 'ComplaintRuled':
      return {
        ...c,
        status: e.to,
        ruling: { outcome: e.outcome, by: e.by, at: e.at, note: e.note },
        points: e.points,
        closedReason: e.closedReason,
        deadline: null,
      };
    case 'ComplaintReviewOverdue':
      return { ...c, reviewReminders: c.reviewReminders + 1 };
    case 'ComplaintAppealed':
      return { ...c, status: e.to, appeal: { reason: e.reason, evidence: e.evidence, at: e.at, outcome: null, ruledAt: null } };
    case 'AppealRuled':
      return { ...c, status: e.to, points: e.points, appeal: c.appeal && { ...c.appeal, outcome: e.outcome, ruledAt: e.at }, deadline: null };
    case 'ComplaintDeadlineStarted': {
      const v = e.deadline.policyVersion;
      return { ...c, deadline: e.deadline, policyVersions: c.policyVersions.includes(v) ? c.policyVersions : [...c.policyVersions, v] };
    }
    case 'ComplaintDeadlineExpired':
      return { ...c, deadline: null };
    default: {
      const never: never = e;
      throw new Error(`unhandled complaint event ${JSON.stringify(never)}`);
    }
  }
}

export function evolveComplaintAll(state: ComplaintState | null, events: readonly ComplaintEvent[]): ComplaintState | null {
  let s = state;
  for (const e of events) s = evolveComplaint(s, e);
  return s;
}
