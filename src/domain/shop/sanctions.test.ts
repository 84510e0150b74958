// SPEC §8.2 violation points and sanctions, given(events) → when(command) → then(events | refusal).
import { describe, expect, it } from 'vitest';
import { at, DAY, HOUR, policy } from '../../../test/domain-kit.ts';
import type { ShopCommand } from './commands.ts';
import type { ShopEvent } from './events.ts';
import { pointsAt, refuseNewOrderOfClosedShop, shopStatusAt, shopView } from './status.ts';
import { givenShop, plat, record, register, remove, shopCmd, shopHistory, stateOf } from '../../../test/shop-kit.ts';

const MIN = 60_000;
const TZ = 'Asia/Shanghai';
const P = policy('taobao');
const D = at('2026-05-10T10:00:00+08:00');
/** The events after running each step on top of `events`. */
function then(events: ShopEvent[], ...steps: [ShopCommand, number][]): ShopEvent[] {
  let out = events;
  for (const [c, now] of steps) out = [...out, ...givenShop(out, P).when(c, now).events()];
  return out;
}
const registered = () => shopHistory([[register(), D - 30 * DAY]]);
const status = (events: ShopEvent[], now: number) => shopStatusAt(stateOf(events), now);

describe('points (SPEC §8.1–§8.2)', () => {
  it('count from the ruling, below a threshold the shop stays active', () => {
    const e = then(registered(), [record('K1', 4, D), D]);
    expect(pointsAt(stateOf(e), D, TZ)).toBe(4);
    expect(pointsAt(stateOf(e), D - 1, TZ)).toBe(0);
    expect(shopView(stateOf(e), P, D)).toMatchObject({ points: 4, status: 'active', restricted_until: null });
  });

  it('a ruling delivered twice counts once; different points for it are refused', () => {
    const e = then(registered(), [record('K1', 4, D), D]);
    expect(givenShop(e).when(record('K1', 4, D), D + HOUR).events()).toEqual([]);
    expect(givenShop(e).when(record('K1', 6, D), D + HOUR).refused()).toBe('invalid_state');
  });

  it('only the platform or the engine records points', () => {
    expect(givenShop(registered()).when(shopCmd({ kind: 'record_points', complaintId: 'K1', points: 4, at: D }, { role: 'merchant', id: 'S1' }), D).refused()).toBe('forbidden');
    expect(givenShop([]).when(record('K1', 4, D), D).refused()).toBe('not_found');
  });
});

describe('thresholds (12 → 7 d, 24 → 14 d, 36 → 21 d, 48 → closure)', () => {
  it('11 points: nothing; reaching 12 exactly: restricted 7 days from the ruling, to the minute', () => {
    let e = then(registered(), [record('K1', 6, D), D], [record('K2', 5, D + HOUR), D + HOUR]);
    expect(status(e, D + HOUR).status).toBe('active');
    const w = givenShop(e).when(record('K3', 1, D + 2 * HOUR), D + 2 * HOUR);
    expect(w.types()).toEqual(['PointsRecorded', 'SanctionApplied', 'ShopDeadlineStarted']);
    const end = D + 2 * HOUR + 7 * DAY;
    expect(w.events()[1]).toMatchObject({ threshold: 12, sanction: 'restriction', until: end, to: 'restricted' });
    e = [...e, ...w.events()];
    expect(status(e, end - MIN)).toEqual({ status: 'restricted', restrictedUntil: end, depositRestricted: false });
    expect(status(e, end).status).toBe('active');
    expect(stateOf(e).deadlines.restriction_end).toMatchObject({ kind: 'restriction_end', dueAt: end });
  });

  it.each([
    [24, 14],
    [36, 21],
  ])('%i points: restricted %i days', (points, days) => {
    const e = then(registered(), [record('K1', points - 1, D), D], [record('K2', 1, D + DAY), D + DAY]);
    expect(status(e, D + DAY).restrictedUntil).toBe(D + DAY + days * DAY);
  });

  it('crossing two at once applies both; the later end wins', () => {
    const e = then(registered(), [record('K1', 24, D), D]);
    expect(stateOf(e).restrictions.map((r) => r.threshold)).toEqual([12, 24]);
    expect(status(e, D).restrictedUntil).toBe(D + 14 * DAY);
  });

  it('overlapping restrictions: the later end wins, the earlier one still runs under it', () => {
    const e = then(registered(), [record('K1', 12, D), D], [record('K2', 12, D + 5 * DAY), D + 5 * DAY]);
    expect(status(e, D + 5 * DAY).restrictedUntil).toBe(D + 19 * DAY);
    expect(status(e, D + 10 * DAY).status).toBe('restricted');
    expect(status(e, D + 19 * DAY).status).toBe('active');
  });

  it('48 points: closed until the platform reopens it; new orders refused with shop_closed', () => {
    let e = then(registered(), [record('K1', 40, D), D], [record('K2', 12, D + DAY), D + DAY]);
    expect(stateOf(e).closure).toMatchObject({ at: D + DAY, threshold: 48 });
    expect(status(e, D + 400 * DAY).status).toBe('closed');
    expect(refuseNewOrderOfClosedShop(stateOf(e), D + DAY)).toMatchObject({ code: 'not_eligible', details: { rule: 'shop_closed', shop: 'S1' } });
    expect(refuseNewOrderOfClosedShop(stateOf(e), D)).toBeNull();
    const w = givenShop(e).when(shopCmd({ kind: 'reopen_shop', note: '整改完成' }, plat), D + 30 * DAY);
    expect(w.events()[0]).toMatchObject({ type: 'ShopReopened', to: 'active' });
    e = [...e, ...w.events()];
    expect(refuseNewOrderOfClosedShop(stateOf(e), D + 30 * DAY)).toBeNull();
    // Reopened while a restriction still runs: restricted, not active.
    const early = givenShop(then(registered(), [record('K1', 48, D), D])).when(shopCmd({ kind: 'reopen_shop' }, plat), D + DAY);
    expect(early.events()[0]).toMatchObject({ to: 'restricted' });
  });

  it('reopen_shop: only the platform, only a closed shop', () => {
    expect(givenShop(registered()).when(shopCmd({ kind: 'reopen_shop' }, plat), D).refused()).toBe('invalid_state');
    const closed = then(registered(), [record('K1', 48, D), D]);
    expect(givenShop(closed).when(shopCmd({ kind: 'reopen_shop' }, { role: 'merchant', id: 'S1' }), D).refused()).toBe('forbidden');
  });

  it('a threshold applies once a year: crossing it again after a reversal or a reopening does nothing', () => {
    let e = then(registered(), [record('K1', 6, D), D], [record('K2', 6, D), D], [remove('K2', D + DAY), D + DAY]);
    const again = givenShop(e).when(record('K3', 6, D + 2 * DAY), D + 2 * DAY);
    expect(again.types()).toEqual(['PointsRecorded']);
    e = then(registered(), [record('K1', 48, D), D], [shopCmd({ kind: 'reopen_shop' }, plat), D + DAY], [record('K2', 3, D + 2 * DAY), D + 2 * DAY]);
    expect(status(e, D + 30 * DAY).status).toBe('active');
  });
});

describe('reversal (SPEC §8.2)', () => {
  it('brings the points under 12: the restriction ends at once, and its deadline goes', () => {
    const e = then(registered(), [record('K1', 6, D), D], [record('K2', 6, D), D]);
    const w = givenShop(e).when(remove('K2', D + 2 * DAY), D + 2 * DAY);
    expect(w.types()).toEqual(['PointsRemoved', 'RestrictionEnded', 'ShopDeadlineCleared']);
    expect(w.events()[1]).toMatchObject({ restrictionId: '2026:12', reason: 'reversal', to: 'active' });
    expect(shopView(w.after(), P, D + 2 * DAY)).toMatchObject({ points: 6, status: 'active' });
  });

  it('under 24 but not under 12: only the 24 restriction ends; restricted_until falls back', () => {
    const e = then(registered(), [record('K1', 12, D), D], [record('K2', 12, D + DAY), D + DAY]);
    const w = givenShop(e).when(remove('K2', D + 2 * DAY), D + 2 * DAY);
    expect(w.events().filter((x) => x.type === 'RestrictionEnded')).toHaveLength(1);
    expect(shopStatusAt(w.after(), D + 2 * DAY)).toMatchObject({ status: 'restricted', restrictedUntil: D + 7 * DAY });
  });

  it('does not lift a closure', () => {
    const e = then(registered(), [record('K1', 24, D), D], [record('K2', 24, D), D]);
    const w = givenShop(e).when(remove('K2', D + DAY), D + DAY);
    expect(shopStatusAt(w.after(), D + DAY).status).toBe('closed');
  });

  it('of unknown points is not_found; twice is a no-op', () => {
    const e = then(registered(), [record('K1', 6, D), D], [remove('K1', D + DAY), D + DAY]);
    expect(givenShop(e).when(remove('K9', D + DAY), D + DAY).refused()).toBe('not_found');
    expect(givenShop(e).when(remove('K1', D + 2 * DAY), D + 2 * DAY).events()).toEqual([]);
  });
});

describe('calendar year in the platform zone (SPEC §8.2)', () => {
  const NYE = at('2026-12-31T23:59:00+08:00');
  const NEW_YEAR = at('2027-01-01T00:00:00+08:00');

  it('points start again from 0 on 1 January 00:00 Asia/Shanghai (16:00 UTC the day before); a running restriction continues', () => {
    const e = then(registered(), [record('K1', 12, NYE), NYE]);
    expect(pointsAt(stateOf(e), NEW_YEAR - MIN, TZ)).toBe(12);
    expect(pointsAt(stateOf(e), NEW_YEAR, TZ)).toBe(0);
    expect(NEW_YEAR).toBe(Date.parse('2026-12-31T16:00:00Z'));
    expect(status(e, NEW_YEAR + 3 * DAY)).toMatchObject({ status: 'restricted', restrictedUntil: NYE + 7 * DAY });
  });

  it('a ruling at 00:00 local on 1 January counts in the new year, and its thresholds apply again', () => {
    const e = then(registered(), [record('K1', 12, D), D], [record('K2', 12, NEW_YEAR), NEW_YEAR]);
    expect(stateOf(e).points.map((p) => p.year)).toEqual([2026, 2027]);
    expect(stateOf(e).restrictions.map((r) => r.id)).toEqual(['2026:12', '2027:12']);
    expect(pointsAt(stateOf(e), NEW_YEAR, TZ)).toBe(12);
  });
});

describe('restriction_end deadline', () => {
  it('ends the restrictions due and starts the next end', () => {
    let e = then(registered(), [record('K1', 12, D), D], [record('K2', 12, D + 5 * DAY), D + 5 * DAY]);
    expect(stateOf(e).deadlines.restriction_end!.dueAt).toBe(D + 7 * DAY);
    const w = givenShop(e).when(shopCmd({ kind: 'fire_shop_deadline', deadline: 'restriction_end', dueAt: D + 7 * DAY }), D + 7 * DAY);
    expect(w.types()).toEqual(['ShopDeadlineExpired', 'RestrictionEnded', 'ShopDeadlineStarted']);
    expect(w.events()[1]).toMatchObject({ reason: 'expired', to: 'restricted' });
    e = [...e, ...w.events()];
    expect(stateOf(e).deadlines.restriction_end!.dueAt).toBe(D + 19 * DAY);
  });

  it('a stale or early firing is a no-op', () => {
    const e = then(registered(), [record('K1', 12, D), D]);
    const fire = (dueAt: number) => shopCmd({ kind: 'fire_shop_deadline', deadline: 'restriction_end', dueAt });
    expect(givenShop(e).when(fire(D + 7 * DAY), D + 7 * DAY - 1).events()).toEqual([]);
    expect(givenShop(e).when(fire(D + 6 * DAY), D + 7 * DAY).events()).toEqual([]);
  });
});
