// SPEC §8.3 the deposit (保证金), given(events) → when(command) → then(events | refusal).
import { describe, expect, it } from 'vitest';
import { at, DAY, HOUR, policy } from '../../../test/domain-kit.ts';
import type { ShopCommand } from './commands.ts';
import { MAX_DEPOSIT_FEN } from './decide.ts';
import type { ShopEvent } from './events.ts';
import { depositRequired, shopStatusAt, shopView } from './status.ts';
import { givenShop, plat, register, shopCmd, shopHistory, stateOf, sys } from '../../../test/shop-kit.ts';

const MIN = 60_000;
const P = policy('taobao');
const D = at('2026-05-10T10:00:00+08:00');
const debit = (amount: number, reason: 'compensation' | 'recovery' = 'compensation', reference = 'O1/C1') => shopCmd({ kind: 'deposit_debit', amount, reason, reference });
const topup = (amount: number, actor = sys) => shopCmd({ kind: 'deposit_topup', amount }, actor);
const fire = (dueAt: number) => shopCmd({ kind: 'fire_shop_deadline', deadline: 'deposit_topup', dueAt });

function then(events: ShopEvent[], ...steps: [ShopCommand, number][]): ShopEvent[] {
  let out = events;
  for (const [c, now] of steps) out = [...out, ...givenShop(out, P).when(c, now).events()];
  return out;
}
const registered = () => shopHistory([[register(), D - DAY]]);
const short = () => then(registered(), [debit(3000), D]);
const DUE = D + 7 * DAY;

describe('the deposit account', () => {
  it('opens with the required deposit unless told otherwise (FORMAT.md shops)', () => {
    expect(shopView(stateOf(registered()), P, D)).toMatchObject({ deposit_balance: 100000, deposit_required: 100000, deposit_shortfall: false });
    const own = shopHistory([[register({ depositRequired: 500000, deposit: 200000 }), D]]);
    expect(shopView(stateOf(own), P, D)).toMatchObject({ deposit_balance: 200000, deposit_required: 500000, deposit_shortfall: true });
    expect(stateOf(own).deadlines.deposit_topup).toMatchObject({ dueAt: D + 7 * DAY });
  });

  it('the requirement: the shop’s own, else the pack’s for its main category, else the pack default', () => {
    const table = policy('taobao', D, { deposit_required: { default: 100000, by_category: { electronics: 300000 } } });
    const shop = (over: object) => stateOf(shopHistory([[register(over), D]], table));
    expect(depositRequired(shop({ category: 'electronics' }), table)).toBe(300000);
    expect(depositRequired(shop({ category: 'apparel' }), table)).toBe(100000);
    expect(depositRequired(shop({ category: 'electronics', depositRequired: 50000 }), table)).toBe(50000);
  });

  it('a debit (compensation, 先行赔付 recovery) is never lost: the balance may go negative', () => {
    const e = then(registered(), [debit(80000), D], [debit(50000, 'recovery', 'O2/C7'), D + HOUR]);
    const s = stateOf(e);
    expect(s.deposit.balance).toBe(-30000);
    expect(s.deposit.ledger.map((x) => [x.kind, x.amount, x.balance])).toEqual([
      ['opening', 100000, 100000],
      ['compensation', -80000, 20000],
      ['recovery', -50000, -30000],
    ]);
  });

  it('amounts are positive whole fen; a merchant pays only into its own deposit and never debits it', () => {
    expect(givenShop(registered()).when(topup(0), D).refused()).toBe('validation');
    expect(givenShop(registered()).when(debit(-5), D).refused()).toBe('validation');
    expect(givenShop(registered()).when(topup(10.5), D).refused()).toBe('validation');
    expect(givenShop(registered()).when(topup(1000, { role: 'merchant', id: 'S1' }), D).types()).toEqual(['DepositToppedUp']);
    expect(givenShop(registered()).when(topup(1000, { role: 'merchant', id: 'S2' }), D).refused()).toBe('forbidden');
    expect(givenShop(registered()).when(shopCmd({ kind: 'deposit_debit', amount: 1, reason: 'compensation', reference: 'x' }, { role: 'merchant', id: 'S1' }), D).refused()).toBe('forbidden');
  });

  it('a balance stays within the ceiling (¥10,000,000,000), so it stays exact: top-ups beyond it are refused', () => {
    // The opening balance is 100000 fen: a top-up to exactly the ceiling passes, one fen more does not.
    expect(givenShop(registered()).when(topup(MAX_DEPOSIT_FEN - 100000), D).types()).toEqual(['DepositToppedUp']);
    expect(givenShop(registered()).when(topup(MAX_DEPOSIT_FEN - 99999), D).refused()).toBe('validation');
    const full = then(registered(), [topup(MAX_DEPOSIT_FEN - 100000), D]);
    expect(givenShop(full).when(topup(1), D + MIN).refused()).toBe('validation');
    expect(givenShop(registered()).when(shopCmd({ kind: 'set_deposit_required', amount: MAX_DEPOSIT_FEN + 1 }, plat), D).refused()).toBe('validation');
  });
});

describe('shortfall (SPEC §8.3)', () => {
  it('below the required amount: deposit_shortfall and a deposit_topup deadline (7 d); the shop stays active meanwhile', () => {
    const w = givenShop(registered()).when(debit(3000), D);
    expect(w.types()).toEqual(['DepositDebited', 'DepositShortfallNoticed', 'ShopDeadlineStarted']);
    expect(w.events()[1]).toMatchObject({ balance: 97000, required: 100000, dueAt: DUE });
    expect(shopView(w.after(), P, D)).toMatchObject({ deposit_shortfall: true, status: 'active', deposit_topup_due: DUE });
  });

  it('topped up in time: cleared, the deadline goes', () => {
    const w = givenShop(short()).when(topup(3000), DUE - MIN);
    expect(w.types()).toEqual(['DepositToppedUp', 'DepositShortfallCleared', 'ShopDeadlineCleared']);
    expect(shopView(w.after(), P, DUE)).toMatchObject({ deposit_shortfall: false, status: 'active' });
  });

  it('a partial top-up keeps the same deadline; another debit does not restart it', () => {
    const e = then(short(), [topup(1000), D + DAY], [debit(500), D + 2 * DAY]);
    expect(stateOf(e).deadlines.deposit_topup!.dueAt).toBe(DUE);
    expect(stateOf(e).deposit.shortfall).toEqual({ since: D, dueAt: DUE });
  });

  it('missed: restricted from the due time until the balance is back at the required amount', () => {
    const w = givenShop(short()).when(fire(DUE), DUE);
    expect(w.types()).toEqual(['ShopDeadlineExpired', 'DepositRestrictionImposed']);
    expect(w.events()[1]).toMatchObject({ to: 'restricted', balance: 97000, required: 100000 });
    let e = [...short(), ...w.events()];
    expect(shopStatusAt(stateOf(e), DUE + 30 * DAY)).toEqual({ status: 'restricted', restrictedUntil: null, depositRestricted: true });
    e = then(e, [topup(2000), DUE + DAY]);
    expect(shopStatusAt(stateOf(e), DUE + DAY).status).toBe('restricted');
    const back = givenShop(e).when(topup(1000), DUE + 2 * DAY);
    expect(back.types()).toEqual(['DepositToppedUp', 'DepositRestrictionLifted']);
    expect(back.events()[1]).toMatchObject({ to: 'active' });
    // Short again later: a new shortfall with its own deadline.
    const again = givenShop([...e, ...back.events()]).when(debit(1), DUE + 3 * DAY);
    expect(again.types()).toEqual(['DepositDebited', 'DepositShortfallNoticed', 'ShopDeadlineStarted']);
  });

  it('a stale or early firing is a no-op', () => {
    expect(givenShop(short()).when(fire(DUE), DUE - 1).events()).toEqual([]);
    const met = then(short(), [topup(3000), D + DAY]);
    expect(givenShop(met).when(fire(DUE), DUE).events()).toEqual([]);
  });

  it('a raised requirement makes a shortfall; a lowered one clears it', () => {
    const w = givenShop(registered()).when(shopCmd({ kind: 'set_deposit_required', amount: 200000 }, plat), D);
    expect(w.types()).toEqual(['DepositRequirementSet', 'DepositShortfallNoticed', 'ShopDeadlineStarted']);
    const lowered = givenShop(short()).when(shopCmd({ kind: 'set_deposit_required', amount: 90000 }, plat), D + DAY);
    expect(lowered.types()).toEqual(['DepositRequirementSet', 'DepositShortfallCleared', 'ShopDeadlineCleared']);
  });

  it('a deposit restriction and a points restriction together: restricted until both are over', () => {
    let e = then(short(), [fire(DUE), DUE], [shopCmd({ kind: 'record_points', complaintId: 'K1', points: 12, at: DUE + DAY }), DUE + DAY]);
    e = then(e, [topup(3000), DUE + 2 * DAY]);
    expect(shopStatusAt(stateOf(e), DUE + 2 * DAY)).toEqual({ status: 'restricted', restrictedUntil: DUE + 8 * DAY, depositRestricted: false });
    expect(shopStatusAt(stateOf(e), DUE + 8 * DAY).status).toBe('active');
  });
});
