// evolveShop(state, event) → state. Pure and total: every shop event is handled (the `never`
// check makes a new event type a compile error until it is).
import type { ShopEvent } from './events.ts';
import type { DepositEntry, ShopState } from './types.ts';

export function evolveShop(prev: ShopState | null, e: ShopEvent): ShopState {
  if (e.type === 'ShopRegistered') {
    return {
      id: e.shopId,
      category: e.category,
      ownDepositRequired: e.depositRequired,
      points: [],
      crossed: {},
      restrictions: [],
      closure: null,
      closures: [],
      deposit: { balance: 0, ledger: [], shortfall: null, restrictedSince: null },
      deadlines: { restriction_end: null, deposit_topup: null },
      version: 1,
    };
  }
  if (!prev) throw new Error(`${e.type} before ShopRegistered`);
  const s: ShopState = { ...prev, version: prev.version + 1 };
  switch (e.type) {
    case 'DepositRequirementSet':
      return { ...s, ownDepositRequired: e.amount };
    case 'PointsRecorded':
      return { ...s, points: [...s.points, { complaintId: e.complaintId, points: e.points, at: e.ruledAt, year: e.year, removedAt: null }] };
    case 'PointsRemoved':
      return { ...s, points: s.points.map((p) => (p.complaintId === e.complaintId ? { ...p, removedAt: e.reversedAt } : p)) };
    case 'SanctionApplied': {
      const crossed = { ...s.crossed, [e.year]: [...(s.crossed[e.year] ?? []), e.threshold] };
      if (e.sanction === 'closure') {
        if (s.closure) return { ...s, crossed };
        return { ...s, crossed, closure: { at: e.from, year: e.year, threshold: e.threshold }, closures: [...s.closures, { at: e.from, reopenedAt: null }] };
      }
      const r = { id: `${e.year}:${e.threshold}`, year: e.year, threshold: e.threshold, from: e.from, until: e.until!, endedAt: null, endReason: null };
      return { ...s, crossed, restrictions: [...s.restrictions, r] };
    }
    case 'GovernanceNoticeSent': {
      const { periodEnd, rate, average, volume, rank, watchUntil } = e;
      return { ...s, notices: [...(s.notices ?? []), { periodEnd, rate, average, volume, rank, watchUntil }] };
    }
    case 'CycleRestrictionApplied': {
      // threshold 0: a points reversal never ends it (SPEC §8.2 concerns points thresholds only).
      const r = { id: `cycle:${e.periodEnd}`, year: new Date(e.from).getUTCFullYear(), threshold: 0, cause: 'governance_cycle' as const, from: e.from, until: e.until, endedAt: null, endReason: null };
      return { ...s, restrictions: [...s.restrictions, r] };
    }
    case 'RestrictionEnded':
      return { ...s, restrictions: s.restrictions.map((r) => (r.id === e.restrictionId ? { ...r, endedAt: e.at, endReason: e.reason } : r)) };
    case 'ShopReopened':
      return { ...s, closure: null, closures: s.closures.map((c) => (c.reopenedAt === null ? { ...c, reopenedAt: e.at } : c)) };
    case 'DepositToppedUp':
      return { ...s, deposit: entry(s, { kind: e.opening ? 'opening' : 'topup', amount: e.amount, at: e.at, reference: e.reference, balance: e.balance }) };
    case 'DepositDebited':
      return { ...s, deposit: entry(s, { kind: e.reason, amount: -e.amount, at: e.at, reference: e.reference, balance: e.balance }) };
    case 'DepositShortfallNoticed':
      return { ...s, deposit: { ...s.deposit, shortfall: { since: e.at, dueAt: e.dueAt } } };
    case 'DepositShortfallCleared':
      return { ...s, deposit: { ...s.deposit, shortfall: null } };
    case 'DepositRestrictionImposed':
      return { ...s, deposit: { ...s.deposit, shortfall: null, restrictedSince: e.at } };
    case 'DepositRestrictionLifted':
      return { ...s, deposit: { ...s.deposit, restrictedSince: null } };
    case 'PerformanceNoticeSent':
      return { ...s, performance: { ...s.performance, [e.metric]: { since: e.at, rate: e.rate ?? 0, maxPct: e.maxPct, windowDays: e.windowDays } } };
    case 'PerformanceTargetMet': {
      const performance = { ...s.performance };
      delete performance[e.metric];
      return { ...s, performance };
    }
    case 'ShopDeadlineStarted':
      return { ...s, deadlines: { ...s.deadlines, [e.deadline.kind]: e.deadline } };
    case 'ShopDeadlineCleared':
    case 'ShopDeadlineExpired':
      return { ...s, deadlines: { ...s.deadlines, [e.kind]: null } };
    default: {
      const never: never = e;
      throw new Error(`unhandled shop event ${JSON.stringify(never)}`);
    }
  }
}

function entry(s: ShopState, x: DepositEntry): ShopState['deposit'] {
  return { ...s.deposit, balance: x.balance, ledger: [...s.deposit.ledger, x] };
}

export function evolveShopAll(state: ShopState | null, events: readonly ShopEvent[]): ShopState | null {
  let s = state;
  for (const e of events) s = evolveShop(s, e);
  return s;
}
