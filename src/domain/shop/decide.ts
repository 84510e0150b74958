// decideShop(command, state, policy, now) → events | refusal: SPEC §8.2 points and sanctions,
// §8.3 the deposit. After every command the shop's durable deadlines follow its state.
import { refuse, type Refusal } from '../errors.ts';
import { daysAfter, dueAfter, isDue, newDeadline } from '../governance-deadline.ts';
import type { Policy } from '../policy.ts';
import type { Instant } from '../types.ts';
import { SHOP_COMMAND_ROLES, type ShopCommand } from './commands.ts';
import type { ShopEvent } from './events.ts';
import { evolveShop } from './evolve.ts';
import { depositRequired, pointsOfYear, shopStatusAt, yearOf } from './status.ts';
import type { ShopDeadlineKind, ShopState } from './types.ts';

export type ShopDecision = { ok: true; events: ShopEvent[] } | Refusal;
type Cmd<K extends ShopCommand['kind']> = Extract<ShopCommand, { kind: K }>;
type Outcome = Refusal | void;
type WithStatus = Extract<ShopEvent, { to: unknown }>;
type Unstated<E> = E extends WithStatus ? Omit<E, 'to'> : never;

/** The events of one decision and the shop they lead to. */
class Draft {
  readonly events: ShopEvent[] = [];
  constructor(
    public shop: ShopState,
    readonly policy: Policy,
    readonly now: Instant,
  ) {}
  emit(e: ShopEvent): void {
    this.events.push(e);
    this.shop = evolveShop(this.shop, e);
  }
  /** Emits an event that changes the status, stamped with the status it leaves the shop in now. */
  move(e: Unstated<WithStatus>): void {
    const to = shopStatusAt(evolveShop(this.shop, { ...e, to: 'active' } as ShopEvent), this.now).status;
    this.emit({ ...e, to } as ShopEvent);
  }
  get base() {
    return { at: this.now, shopId: this.shop.id };
  }
}

/**
 * Ours (docs/decisions.md "Deposit ceiling"): a deposit balance or requirement stays within
 * ¥10,000,000,000 (10^12 fen). Far above any platform's deposit tiers (tens of thousands of yuan),
 * and far below 2^53, so balances stay exact in every layer (found by the 100,000-request fuzz:
 * repeated huge top-ups drove a balance past exact integers).
 */
export const MAX_DEPOSIT_FEN = 1_000_000_000_000;

const validation = (field: string, zh: string, en: string) => refuse('validation', field, zh, en, { field });
const overCeiling = (field: string) =>
  refuse('validation', field, '保证金余额不能超过 ¥10,000,000,000', 'a deposit balance cannot exceed ¥10,000,000,000', { field, max: MAX_DEPOSIT_FEN });
const isFen = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;

export function decideShop(cmd: ShopCommand, state: ShopState | null, policy: Policy, now: Instant): ShopDecision {
  const { actor } = cmd;
  if (!SHOP_COMMAND_ROLES[cmd.kind].includes(actor.role) || (actor.role === 'merchant' && actor.id !== cmd.shopId)) {
    return refuse('forbidden', 'actor', `无权执行 ${cmd.kind}`, `${actor.role}${actor.id ? ` ${actor.id}` : ''} may not ${cmd.kind}`, { role: actor.role, command: cmd.kind });
  }
  if (cmd.kind === 'register_shop') return register(cmd, state, policy, now);
  if (!state) return refuse('not_found', 'shop', '店铺不存在', 'no such shop', { shop: cmd.shopId });
  const d = new Draft(state, policy, now);
  const outcome = decideOn(d, cmd);
  if (outcome) return outcome;
  settleDeadlines(d);
  return { ok: true, events: d.events };
}

function decideOn(d: Draft, cmd: Exclude<ShopCommand, { kind: 'register_shop' }>): Outcome {
  switch (cmd.kind) {
    case 'set_deposit_required':
      if (cmd.amount !== null && !isFen(cmd.amount)) return validation('amount', '保证金金额必须是非负整数 (分)', 'the deposit must be a whole number of fen, not negative');
      if (cmd.amount !== null && cmd.amount > MAX_DEPOSIT_FEN) return overCeiling('amount');
      d.emit({ ...d.base, type: 'DepositRequirementSet', amount: cmd.amount });
      return checkDeposit(d);
    case 'record_points':
      return recordPoints(d, cmd);
    case 'remove_points':
      return removePoints(d, cmd);
    case 'deposit_topup':
      if (!isFen(cmd.amount) || cmd.amount === 0) return validation('amount', '缴纳金额必须是正整数 (分)', 'a top-up must be a positive whole number of fen');
      if (d.shop.deposit.balance + cmd.amount > MAX_DEPOSIT_FEN) return overCeiling('amount');
      d.emit({ ...d.base, type: 'DepositToppedUp', amount: cmd.amount, opening: false, reference: cmd.reference ?? null, balance: d.shop.deposit.balance + cmd.amount });
      return checkDeposit(d);
    case 'deposit_debit':
      // SPEC §8.3: the ledger never loses a debit: the balance may go negative.
      if (!isFen(cmd.amount) || cmd.amount === 0) return validation('amount', '扣款金额必须是正整数 (分)', 'a debit must be a positive whole number of fen');
      d.emit({ ...d.base, type: 'DepositDebited', amount: cmd.amount, reason: cmd.reason, reference: cmd.reference, balance: d.shop.deposit.balance - cmd.amount });
      return checkDeposit(d);
    case 'reopen_shop':
      // SPEC §8.2: a closure is lifted only by the platform.
      if (!d.shop.closure) return refuse('invalid_state', 'shop_not_closed', '店铺未被关闭', 'the shop is not closed', {});
      return d.move({ ...d.base, type: 'ShopReopened', note: cmd.note ?? null });
    case 'fire_shop_deadline':
      return fire(d, cmd);
    case 'governance_verdict':
      return verdict(d, cmd);
    case 'performance_review':
      return performanceReview(d, cmd);
    default: {
      const never: never = cmd;
      throw new Error(`unknown shop command ${JSON.stringify(never)}`);
    }
  }
}

function register(cmd: Cmd<'register_shop'>, state: ShopState | null, policy: Policy, now: Instant): ShopDecision {
  if (state) return refuse('invalid_state', 'shop_exists', `店铺 ${cmd.shopId} 已存在`, `shop ${cmd.shopId} already exists`, { shop: cmd.shopId });
  if (cmd.depositRequired != null && !isFen(cmd.depositRequired)) return validation('deposit_required', '保证金金额必须是非负整数 (分)', 'deposit_required must be a whole number of fen, not negative');
  if (cmd.deposit !== undefined && !isFen(cmd.deposit)) return validation('deposit', '保证金余额必须是非负整数 (分)', 'deposit must be a whole number of fen, not negative');
  if ((cmd.deposit ?? 0) > MAX_DEPOSIT_FEN || (cmd.depositRequired ?? 0) > MAX_DEPOSIT_FEN) return overCeiling(cmd.deposit !== undefined && cmd.deposit > MAX_DEPOSIT_FEN ? 'deposit' : 'deposit_required');
  const first: ShopEvent = { type: 'ShopRegistered', at: now, shopId: cmd.shopId, category: cmd.category ?? null, depositRequired: cmd.depositRequired ?? null };
  const d = new Draft(evolveShop(null, first), policy, now);
  d.events.push(first);
  // FORMAT.md `shops`: the starting balance defaults to the required deposit.
  const opening = cmd.deposit ?? depositRequired(d.shop, policy);
  if (opening > 0) d.emit({ ...d.base, type: 'DepositToppedUp', amount: opening, opening: true, reference: null, balance: opening });
  checkDeposit(d);
  settleDeadlines(d);
  return { ok: true, events: d.events };
}

function recordPoints(d: Draft, cmd: Cmd<'record_points'>): Outcome {
  if (!Number.isInteger(cmd.points) || cmd.points < 0) return validation('points', '扣分必须是非负整数', 'points must be a whole number, not negative');
  if (cmd.at > d.now) return validation('at', '裁定时间晚于当前时间', 'the ruling instant is later than now');
  const known = d.shop.points.find((p) => p.complaintId === cmd.complaintId);
  if (known) {
    // The app may deliver a ruling twice: the same points again are a no-op.
    if (known.points === cmd.points && known.at === cmd.at) return;
    return refuse('invalid_state', 'points_recorded', `投诉 ${cmd.complaintId} 的扣分已记录`, `the points of complaint ${cmd.complaintId} are already recorded`, { complaint: cmd.complaintId });
  }
  // SPEC §8.1–§8.2: points count from the ruling, in its calendar year (platform zone).
  const year = yearOf(cmd.at, d.policy.calendar.timeZone);
  const before = pointsOfYear(d.shop, year);
  const after = before + cmd.points;
  d.emit({ ...d.base, type: 'PointsRecorded', complaintId: cmd.complaintId, points: cmd.points, ruledAt: cmd.at, year, yearTotal: after });
  // SPEC §8.2: crossing a threshold (below → at or above) applies its sanction once in that year.
  for (const t of d.policy.params.sanction_thresholds) {
    if (!(before < t.points && t.points <= after) || (d.shop.crossed[year] ?? []).includes(t.points)) continue;
    const until = t.sanction === 'restriction' ? daysAfter(d.policy, cmd.at, t.days) : null;
    d.move({ ...d.base, type: 'SanctionApplied', year, threshold: t.points, sanction: t.sanction, from: cmd.at, until });
  }
}

function removePoints(d: Draft, cmd: Cmd<'remove_points'>): Outcome {
  const entry = d.shop.points.find((p) => p.complaintId === cmd.complaintId);
  if (!entry) return refuse('not_found', 'points', `投诉 ${cmd.complaintId} 没有扣分记录`, `no points recorded for complaint ${cmd.complaintId}`, { complaint: cmd.complaintId });
  if (entry.removedAt !== null) return; // delivered twice: a no-op
  if (cmd.at > d.now) return validation('at', '撤销时间晚于当前时间', 'the reversal instant is later than now');
  const total = pointsOfYear(d.shop, entry.year) - entry.points;
  d.emit({ ...d.base, type: 'PointsRemoved', complaintId: cmd.complaintId, points: entry.points, reversedAt: cmd.at, year: entry.year, yearTotal: total });
  // SPEC §8.2: a reversal that brings the points back under a threshold ends that threshold's
  // restriction at once (a closure stays until the platform reopens the shop).
  for (const r of d.shop.restrictions) {
    if (r.year === entry.year && r.threshold > total && r.endedAt === null && r.until > d.now) {
      d.move({ ...d.base, type: 'RestrictionEnded', restrictionId: r.id, reason: 'reversal' });
    }
  }
}

/** SPEC §8.3: below the required deposit → shortfall and a top-up deadline; back at it → cleared or lifted. */
function checkDeposit(d: Draft): Outcome {
  const required = depositRequired(d.shop, d.policy);
  const { balance, shortfall, restrictedSince } = d.shop.deposit;
  if (balance < required && !shortfall && restrictedSince === null) {
    const dueAt = dueAfter(d.policy, d.now, d.policy.params.deposit_topup_within);
    d.emit({ ...d.base, type: 'DepositShortfallNoticed', balance, required, dueAt });
  } else if (balance >= required && shortfall) {
    d.emit({ ...d.base, type: 'DepositShortfallCleared', balance, required });
  } else if (balance >= required && restrictedSince !== null) {
    d.move({ ...d.base, type: 'DepositRestrictionLifted', balance, required });
  }
}

/** SPEC §8.5: days of the restriction the governance cycle imposes (禁止上首页/活动 7 天). */
export const CYCLE_RESTRICTION_DAYS = 7;

/** SPEC §8.5: a notice (and the watch until the next period end); a restriction for step 2. */
function verdict(d: Draft, cmd: Cmd<'governance_verdict'>): Outcome {
  // The cycle runs once a period; a verdict delivered twice for one period end is a no-op.
  if ((d.shop.notices ?? []).some((n) => n.periodEnd === cmd.periodEnd)) return;
  if (cmd.periodEnd > d.now) return validation('period_end', '治理周期尚未结束', 'the governance period has not ended yet');
  const { periodEnd, watchUntil, rate, average, volume, rank } = cmd;
  d.emit({ ...d.base, type: 'GovernanceNoticeSent', periodEnd, rate, average, volume, rank, watchUntil });
  if (cmd.restrict) d.move({ ...d.base, type: 'CycleRestrictionApplied', periodEnd, from: periodEnd, until: daysAfter(d.policy, periodEnd, CYCLE_RESTRICTION_DAYS) });
}

/**
 * SPEC §13: a shop above a target gets a notice — once, when the review first finds the target
 * missed; the notice stands until a review finds the target met again (then `PerformanceTargetMet`).
 */
function performanceReview(d: Draft, cmd: Cmd<'performance_review'>): Outcome {
  if (cmd.reviewedAt > d.now) return validation('reviewed_at', '考核时间晚于当前时间', 'the review instant is later than now');
  for (const m of cmd.measures) {
    const alert = d.shop.performance?.[m.metric];
    if (m.missed && !alert) d.emit({ ...d.base, type: 'PerformanceNoticeSent', ...m });
    else if (!m.missed && alert) d.emit({ ...d.base, type: 'PerformanceTargetMet', ...m });
  }
}

function fire(d: Draft, cmd: Cmd<'fire_shop_deadline'>): Outcome {
  const dl = d.shop.deadlines[cmd.deadline];
  if (!isDue(dl, cmd.deadline, cmd.dueAt, d.now)) return; // stale or early: a no-op
  d.emit({ ...d.base, type: 'ShopDeadlineExpired', kind: dl.kind, dueAt: dl.dueAt });
  switch (dl.kind) {
    case 'restriction_end':
      for (const r of d.shop.restrictions) {
        if (r.endedAt === null && r.until <= d.now) d.move({ ...d.base, type: 'RestrictionEnded', restrictionId: r.id, reason: 'expired' });
      }
      return;
    case 'deposit_topup': {
      // SPEC §8.3: past the top-up deadline the shop is restricted until the balance is back.
      const required = depositRequired(d.shop, d.policy);
      const { balance } = d.shop.deposit;
      if (balance < required) return d.move({ ...d.base, type: 'DepositRestrictionImposed', balance, required });
      return checkDeposit(d);
    }
    default: {
      const never: never = dl.kind;
      throw new Error(`no expiry rule for ${String(never)}`);
    }
  }
}

/** The shop's running deadlines follow its state: the next restriction end, the top-up due time. */
function settleDeadlines(d: Draft): void {
  let nextEnd: Instant | null = null;
  for (const r of d.shop.restrictions) {
    if (r.endedAt === null && (nextEnd === null || r.until < nextEnd)) nextEnd = r.until;
  }
  want(d, 'restriction_end', nextEnd);
  want(d, 'deposit_topup', d.shop.deposit.shortfall?.dueAt ?? null);
}

function want(d: Draft, kind: ShopDeadlineKind, dueAt: Instant | null): void {
  const have = d.shop.deadlines[kind];
  if (dueAt !== null && have?.dueAt !== dueAt) {
    d.emit({ ...d.base, type: 'ShopDeadlineStarted', deadline: newDeadline(kind, dueAt, d.policy, d.now) });
  } else if (dueAt === null && have) {
    d.emit({ ...d.base, type: 'ShopDeadlineCleared', kind });
  }
}
