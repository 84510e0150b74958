// What a shop is at an instant, derived from its state (SPEC §8.2–§8.3): its points this
// calendar year, `active` | `restricted` | `closed`, the deposit it must hold. Pure functions the
// decider, the views and the order decider (a closed shop takes no new orders) share.
import { localDateOf } from '../calendar.ts';
import { refuse, type Refusal } from '../errors.ts';
import type { Policy } from '../policy.ts';
import type { Fen, Instant } from '../types.ts';
import type { Restriction, ShopState, ShopStatus } from './types.ts';

/** The calendar year of an instant in the platform time zone (SPEC §8.2: reset on 1 January 00:00 there). */
export function yearOf(at: Instant, timeZone: string): number {
  return Number(localDateOf(at, timeZone).slice(0, 4));
}

/** Points of a year counted at `now`: ruled by then, not reversed by then. */
export function pointsOfYear(s: ShopState, year: number, now: Instant = Infinity): number {
  let total = 0;
  for (const p of s.points) {
    if (p.year === year && p.at <= now && (p.removedAt === null || p.removedAt > now)) total += p.points;
  }
  return total;
}

/** SPEC §8.2: points accumulate per calendar year in the platform zone; this year's at `now`. */
export function pointsAt(s: ShopState, now: Instant, timeZone: string): number {
  return pointsOfYear(s, yearOf(now, timeZone), now);
}

export function isRestrictionActive(r: Restriction, now: Instant): boolean {
  return r.from <= now && now < r.until && (r.endedAt === null || r.endedAt > now);
}

export interface ShopStatusView {
  status: ShopStatus;
  /** The end of the points restrictions running (the later end wins); null when none runs. */
  restrictedUntil: Instant | null;
  /** Restricted for a deposit not topped up in time: until the balance is back (no end time). */
  depositRestricted: boolean;
}

/** SPEC §8.2: closed until reopened; restricted while a restriction runs; otherwise active. */
export function shopStatusAt(s: ShopState, now: Instant): ShopStatusView {
  let until: Instant | null = null;
  for (const r of s.restrictions) if (isRestrictionActive(r, now) && (until === null || r.until > until)) until = r.until;
  const depositRestricted = s.deposit.restrictedSince !== null && s.deposit.restrictedSince <= now;
  const closed = s.closure !== null && s.closure.at <= now;
  const status: ShopStatus = closed ? 'closed' : until !== null || depositRestricted ? 'restricted' : 'active';
  return { status, restrictedUntil: until, depositRestricted };
}

/** SPEC §8.3: the shop's own requirement, else the pack's for its main category, else the pack default. */
export function depositRequired(s: ShopState, policy: Policy): Fen {
  const table = policy.params.deposit_required;
  if (s.ownDepositRequired !== null) return s.ownDepositRequired;
  return (s.category !== null ? table.by_category[s.category] : undefined) ?? table.default;
}

/** SPEC §8.5: watched at `now` (a notice's watch runs from the notice to the next period end). */
export function watchedAt(s: ShopState, now: Instant): boolean {
  return (s.notices ?? []).some((n) => n.periodEnd <= now && now < n.watchUntil);
}

/** Watched through the period that ends at `periodEnd` (noticed at an earlier period end). */
export function watchedThrough(s: ShopState, periodEnd: Instant): boolean {
  return (s.notices ?? []).some((n) => n.periodEnd < periodEnd && n.watchUntil >= periodEnd);
}

/** The fields a `shop` check of a scenario file reads (FORMAT.md), at an instant. */
export function shopView(s: ShopState, policy: Policy, now: Instant) {
  const st = shopStatusAt(s, now);
  const required = depositRequired(s, policy);
  return {
    points: pointsAt(s, now, policy.calendar.timeZone),
    status: st.status,
    restricted_until: st.restrictedUntil,
    deposit_balance: s.deposit.balance,
    deposit_required: required,
    deposit_shortfall: s.deposit.balance < required,
    deposit_topup_due: s.deposit.shortfall?.dueAt ?? null,
    watched: watchedAt(s, now),
    notices: (s.notices ?? []).filter((n) => n.periodEnd <= now).length,
  };
}

/**
 * SPEC §8.2: a closed shop's new orders are refused (`not_eligible`, rule `shop_closed`); every
 * buyer right on existing orders continues. For the order decider to call on `place_order`.
 */
export function refuseNewOrderOfClosedShop(s: ShopState | null, now: Instant): Refusal | null {
  if (!s || shopStatusAt(s, now).status !== 'closed') return null;
  return refuse('not_eligible', 'shop_closed', '店铺已被平台关闭, 暂不能下单', 'the shop is closed by the platform and takes no new orders', { shop: s.id });
}
