// SPEC §5 (pro-rata shares: floor to fen, the last units take the remainder; return shipping) and
// §6 (compensation formulas: rate × paid, clamped to [min, max]).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Command, OrderInput } from './commands.ts';
import { decide } from './decide.ts';
import { isRefusal } from './errors.ts';
import { evolveAll } from './evolve.ts';
import { allocate, claimShare, formulaAmount, returnShipping } from './money.ts';
import type { Policy, PolicyParams } from './policy.ts';
import { emptyContext, type CaseState, type ClaimLine, type OrderContext, type OrderLine } from './state.ts';
import { DAY, T0, buyer, history, merchant, place, policy, shippedOrder, system } from '../../test/domain-kit.ts';

/** A running order: commands go through the real decider, refusals are test-setup failures. */
class Story {
  ctx: OrderContext;
  constructor(
    readonly p: Policy,
    order: OrderInput,
  ) {
    this.ctx = evolveAll(emptyContext(), history(p, place(order)));
  }
  run(cmd: Command, now: number): this {
    const d = decide(cmd, this.ctx, this.p, now);
    if (!d.ok) throw new Error(`setup ${cmd.kind} refused: ${d.code} ${d.message.en}`);
    this.ctx = evolveAll(this.ctx, d.events);
    return this;
  }
  /** Applies for refund_only of `quantity` units of L1 (shipped order, not_received). */
  claim(caseId: string, quantity: number, now = T0 + 3 * DAY): this {
    return this.run(
      { kind: 'apply', caseId, actor: buyer, args: { type: 'refund_only', reason: 'not_received', lines: [{ line: 'L1', quantity }] } },
      now,
    );
  }
  /** The merchant agrees and the refund is confirmed: the case's units are settled. */
  settle(caseId: string, now = T0 + 4 * DAY): this {
    this.run({ kind: 'agree', caseId, returnAddress: '杭州市余杭区', actor: merchant }, now);
    const refundId = this.case(caseId).pendingRefund?.refundId;
    if (!refundId) throw new Error(`no pending refund on ${caseId}`);
    return this.run({ kind: 'confirm_refund', caseId, refundId, actor: system }, now + 1000);
  }
  cancel(caseId: string, now = T0 + 4 * DAY): this {
    return this.run({ kind: 'cancel', caseId, actor: buyer }, now);
  }
  case(id: string): CaseState {
    const c = this.ctx.cases[id];
    if (!c) throw new Error(`no case ${id}`);
    return c;
  }
  line(id = 'L1'): OrderLine {
    return this.ctx.order!.lines.find((l) => l.id === id)!;
  }
  share(quantity: number, exceptCase: string | null = null) {
    return claimShare(this.ctx, this.line(), quantity, exceptCase);
  }
}

const oneLine = (quantity: number, paid: number): OrderInput =>
  shippedOrder({ lines: [{ id: 'L1', sku: 'SKU-1', category: 'apparel', quantity, paid_amount: paid, flags: [] }] });
/** Enough applications per line for any number of claims (the pack allows 3). */
const roomy = (pack = 'taobao') => policy(pack, T0, { max_applications_per_line: 1000 });

const code = (r: unknown): string => (isRefusal(r) ? r.code : `share ${String(r)}`);

describe('claimShare (SPEC §5: pro rata, floor to fen, the last units take the remainder)', () => {
  it('prices units of a line of 100 yuan × 3 with nothing claimed yet', () => {
    const s = new Story(roomy(), oneLine(3, 10000));
    expect(s.share(1)).toBe(3333);
    expect(s.share(2)).toBe(6666);
    expect(s.share(3)).toBe(10000);
  });

  it('gives the claim of the last free units the remainder', () => {
    const s = new Story(roomy(), oneLine(3, 10000)).claim('C1', 2);
    expect(s.case('C1').lines).toEqual([{ lineId: 'L1', quantity: 2, share: 6666 }]);
    expect(s.share(1)).toBe(3334);
    s.claim('C2', 1);
    expect(s.case('C2').lines[0]!.share).toBe(3334);
    expect(s.case('C1').lines[0]!.share + s.case('C2').lines[0]!.share).toBe(10000);
  });

  it('three single-unit claims add up to the line', () => {
    const s = new Story(roomy(), oneLine(3, 10000)).claim('C1', 1).claim('C2', 1);
    expect(s.share(1)).toBe(3334);
    s.claim('C3', 1);
    expect(['C1', 'C2', 'C3'].map((id) => s.case(id).lines[0]!.share)).toEqual([3333, 3333, 3334]);
  });

  it('refuses units held by another open case with duplicate_case', () => {
    const s = new Story(roomy(), oneLine(3, 10000)).claim('C1', 2);
    const r = s.share(2);
    expect(code(r)).toBe('duplicate_case');
    if (!isRefusal(r)) return;
    expect(r.details).toMatchObject({ line: 'L1', requested: 2, available: 1 });
    expect(code(s.share(3))).toBe('duplicate_case');
  });

  it('does not count the case being modified against itself', () => {
    const s = new Story(roomy(), oneLine(3, 10000)).claim('C1', 2);
    expect(s.share(3, 'C1')).toBe(10000);
    expect(s.share(2, 'C1')).toBe(6666);
  });

  it('frees the units of a cancelled case', () => {
    const s = new Story(roomy(), oneLine(3, 10000)).claim('C1', 2).cancel('C1');
    expect(s.share(3)).toBe(10000);
    expect(s.share(2)).toBe(6666);
  });

  it('refuses settled units with amount_exceeds_refundable and prices the rest from what is left', () => {
    const s = new Story(roomy(), oneLine(3, 10000)).claim('C1', 1).settle('C1');
    expect(s.case('C1').status).toBe('completed');
    expect(s.ctx.order!.ledger.L1).toMatchObject({ refunded: 3333, settledUnits: 1, settledValue: 3333 });
    const r = s.share(3);
    expect(code(r)).toBe('amount_exceeds_refundable');
    if (!isRefusal(r)) return;
    expect(r.details).toMatchObject({ line: 'L1', requested: 3, available: 2 });
    expect(s.share(1)).toBe(3333);
    expect(s.share(2)).toBe(6667);
  });

  it('with units both settled and held: more than unsettled is amount_exceeds_refundable, else duplicate_case', () => {
    const s = new Story(roomy(), oneLine(3, 10000)).claim('C1', 1).settle('C1').claim('C2', 1);
    expect(code(s.share(3))).toBe('amount_exceeds_refundable');
    expect(code(s.share(2))).toBe('duplicate_case');
    expect(s.share(1)).toBe(3334);
  });

  it('a line of one unit is claimed whole', () => {
    const s = new Story(roomy(), oneLine(1, 9900));
    expect(s.share(1)).toBe(9900);
  });

  it('property: the shares of any partition of the units add up to the paid amount', () => {
    // Bound: a claim that is not the last is the floor of its exact pro-rata value (less than 1 fen
    // under it); the last claim takes the remainder, so it is at or above its exact value by the sum
    // of the others' rounding, i.e. by less than (number of earlier claims) fen. A bound of "1 fen ×
    // units of the claim" does not hold for the last claim (see the next test).
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.array(fc.record({ units: fc.integer({ min: 1, max: 5 }), settle: fc.boolean() }), { minLength: 1, maxLength: 8 }),
        (paid, claims) => {
          const total = claims.reduce((n, c) => n + c.units, 0);
          const s = new Story(roomy(), oneLine(total, paid));
          const shares: number[] = [];
          claims.forEach((c, i) => {
            const share = s.share(c.units);
            if (typeof share !== 'number') throw new Error(`claim ${i} refused: ${share.code}`);
            const id = `C${i + 1}`;
            s.claim(id, c.units);
            expect(s.case(id).lines[0]!.share).toBe(share);
            if (c.settle) s.settle(id);
            shares.push(share);
          });
          expect(shares.reduce((a, b) => a + b, 0)).toBe(paid);
          const k = claims.length;
          claims.forEach((c, i) => {
            // Compare share × total with paid × units to stay in integers.
            const diff = shares[i]! * total - paid * c.units;
            if (i < k - 1) {
              expect(diff).toBeLessThanOrEqual(0);
              expect(diff).toBeGreaterThan(-total);
            } else {
              expect(diff).toBeGreaterThanOrEqual(0);
              if (k === 1) expect(diff).toBe(0);
              else expect(diff).toBeLessThan((k - 1) * total);
            }
          });
          // Nothing is left to claim, and claiming again is refused.
          expect(code(s.share(1))).not.toMatch(/^share/);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('the last claim can be off its exact value by more than 1 fen per unit (why the bound above)', () => {
    // 10 units of 100.09 yuan: nine single-unit claims of floor(1000.9) = 1000, the last gets 1009.
    const s = new Story(roomy(), oneLine(10, 10009));
    for (let i = 1; i <= 9; i++) s.claim(`C${i}`, 1);
    expect(s.share(1)).toBe(1009);
  });
});

describe('allocate (a refund amount over the claim lines)', () => {
  const lines = (...shares: number[]): ClaimLine[] => shares.map((share, i) => ({ lineId: `L${i + 1}`, quantity: 1, share }));

  it('floors each part and gives the last line the rest', () => {
    expect(allocate(1000, lines(1, 1, 1))).toEqual([333, 333, 334]);
    expect(allocate(5000, lines(3333, 6667))).toEqual([1666, 3334]);
    expect(allocate(3000, lines(1000, 2000, 3000))).toEqual([500, 1000, 1500]);
  });

  it('gives the shares back when the amount is their total', () => {
    expect(allocate(10000, lines(3333, 3333, 3334))).toEqual([3333, 3333, 3334]);
    expect(allocate(9900, lines(9900))).toEqual([9900]);
  });

  it('gives zeros when nothing is shared, and nothing for no lines', () => {
    expect(allocate(500, lines(0, 0))).toEqual([0, 0]);
    expect(allocate(0, lines(100, 200))).toEqual([0, 0]);
    expect(allocate(500, [])).toEqual([]);
  });

  it('property: parts add up to the amount, are not negative and follow the shares', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 10 }).filter((s) => s.some((x) => x > 0)),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (shares, fraction) => {
          const total = shares.reduce((a, b) => a + b, 0);
          const amount = Math.floor(total * fraction);
          const parts = allocate(amount, lines(...shares));
          expect(parts).toHaveLength(shares.length);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(amount);
          for (const [i, part] of parts.entries()) {
            expect(Number.isInteger(part)).toBe(true);
            expect(part).toBeGreaterThanOrEqual(0);
            // Cumulative rounding: every part is its exact pro-rata value rounded down or up.
            expect(Math.abs(part - (amount * shares[i]!) / total)).toBeLessThan(1);
          }
          if (amount === total) expect(parts).toEqual(shares);
        },
      ),
    );
  });

  it('never gives a line more than its share when the amount is at most the total', () => {
    const lines = [3333, 3333, 3334].map((share, i) => ({ lineId: `L${i}`, quantity: 1, share }));
    expect(allocate(9999, lines)).toEqual([3332, 3333, 3334]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 6 }), fc.double({ min: 0, max: 1, noNaN: true }), (shares, f) => {
        const total = shares.reduce((a, b) => a + b, 0);
        const amount = Math.floor(total * f);
        const parts = allocate(amount, shares.map((share, i) => ({ lineId: `L${i}`, quantity: 1, share })));
        parts.forEach((p, i) => {
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(shares[i]!);
        });
        expect(parts.reduce((a, b) => a + b, 0)).toBe(amount);
      }),
    );
  });
});

describe('formulaAmount (SPEC §6: rate × paid, clamped to [min, max])', () => {
  const f = { rate_pct: 30, min: 500, max: 50000 };

  it('takes 30 % of the paid amount inside the bounds', () => {
    expect(formulaAmount(f, 9900)).toBe(2970);
    expect(formulaAmount(f, 10001)).toBe(3000); // 3000.3 floors
  });

  it('pays at least the minimum and at most the maximum', () => {
    expect(formulaAmount(f, 1000)).toBe(500);
    expect(formulaAmount(f, 0)).toBe(500);
    expect(formulaAmount(f, 300000)).toBe(50000);
    expect(formulaAmount(f, 166666)).toBe(49999);
    expect(formulaAmount(f, 166667)).toBe(50000);
  });

  it('handles fractional rates in whole fen', () => {
    expect(formulaAmount({ rate_pct: 12.5, min: 0, max: 1_000_000 }, 9900)).toBe(1237);
    expect(formulaAmount({ rate_pct: 0, min: 0, max: 100 }, 9900)).toBe(0);
  });

  it('uses the taobao late-shipment formula of the pack', () => {
    const formula = policy('taobao').params.late_shipment_compensation!;
    expect(formulaAmount(formula, 9900)).toBe(2970);
    expect(formulaAmount(formula, 1000)).toBe(500);
    expect(formulaAmount(formula, 300000)).toBe(50000);
  });
});

describe('returnShipping (SPEC §5: who pays the buyer’s return shipping)', () => {
  const photo = [{ kind: 'photo' as const, description: 'broken' }];
  /** A return of L1 shipped back at `cost`, for a reason and on an order with or without insurance. */
  function returned(opts: { reason: 'damaged' | 'no_reason_7d'; cost: number; insurance?: number; pack?: string; overrides?: Partial<PolicyParams> }) {
    const p = policy(opts.pack ?? 'taobao', T0, opts.overrides ?? {});
    const s = new Story(p, shippedOrder({ shipping_insurance: opts.insurance ?? 0 }));
    const now = T0 + 3 * DAY;
    s.run(
      {
        kind: 'apply',
        caseId: 'C1',
        actor: buyer,
        args: { type: 'return_refund', reason: opts.reason, intact: opts.reason === 'no_reason_7d' ? true : undefined, evidence: photo },
      },
      now,
    )
      .run({ kind: 'agree', caseId: 'C1', returnAddress: '杭州市余杭区', actor: merchant }, now + 1000)
      .run({ kind: 'ship_return', caseId: 'C1', actor: buyer, carrier: 'SF', tracking: 'SF1', shippingCost: opts.cost }, now + 2000);
    return { s, c: s.case('C1'), o: s.ctx.order!, params: p.params, now: now + 3000 };
  }

  it('merchant liability: the merchant reimburses, up to the cap (taobao 20 yuan)', () => {
    const { c, o, params } = returned({ reason: 'damaged', cost: 1200 });
    expect(c.liability).toBe('merchant');
    expect(returnShipping(c, o, params)).toEqual({ payer: 'merchant', reimbursed: 1200, insurerClaim: 0 });
    const big = returned({ reason: 'damaged', cost: 2500 });
    expect(returnShipping(big.c, big.o, big.params)).toEqual({ payer: 'merchant', reimbursed: 2000, insurerClaim: 0 });
  });

  it('merchant liability without a cap (cn-baseline, or a shop lifting the cap): all of it', () => {
    const base = returned({ reason: 'damaged', cost: 2500, pack: 'cn-baseline' });
    expect(returnShipping(base.c, base.o, base.params)).toEqual({ payer: 'merchant', reimbursed: 2500, insurerClaim: 0 });
    const lifted = returned({ reason: 'damaged', cost: 2500, overrides: { return_shipping_cap: null } });
    expect(returnShipping(lifted.c, lifted.o, lifted.params).reimbursed).toBe(2500);
  });

  it('merchant liability even when the order has shipping insurance: the insurer pays nothing', () => {
    const { c, o, params } = returned({ reason: 'damaged', cost: 1200, insurance: 1500 });
    expect(returnShipping(c, o, params)).toEqual({ payer: 'merchant', reimbursed: 1200, insurerClaim: 0 });
  });

  it('carrier liability: the merchant reimburses (and claims from the carrier)', () => {
    const { c, o, params } = returned({ reason: 'damaged', cost: 2500 });
    expect(returnShipping({ ...c, liability: 'carrier' }, o, params)).toEqual({ payer: 'merchant', reimbursed: 2000, insurerClaim: 0 });
  });

  it('buyer liability with shipping insurance: the insurer pays up to the insured amount', () => {
    const small = returned({ reason: 'no_reason_7d', cost: 1000, insurance: 1500 });
    expect(small.c.liability).toBe('buyer');
    expect(returnShipping(small.c, small.o, small.params)).toEqual({ payer: 'insurer', reimbursed: 0, insurerClaim: 1000 });
    const big = returned({ reason: 'no_reason_7d', cost: 2500, insurance: 1500 });
    expect(returnShipping(big.c, big.o, big.params)).toEqual({ payer: 'insurer', reimbursed: 0, insurerClaim: 1500 });
  });

  it('buyer liability without insurance: the buyer pays', () => {
    const { c, o, params } = returned({ reason: 'no_reason_7d', cost: 1000 });
    expect(returnShipping(c, o, params)).toEqual({ payer: 'buyer', reimbursed: 0, insurerClaim: 0 });
  });

  it('no return shipment: nobody pays', () => {
    const s = new Story(policy(), shippedOrder({ shipping_insurance: 1500 })).claim('C1', 1);
    expect(s.case('C1').returnShipment).toBeNull();
    expect(returnShipping(s.case('C1'), s.ctx.order!, policy().params)).toEqual({ payer: 'none', reimbursed: 0, insurerClaim: 0 });
  });

  it('the refund adds the reimbursed return shipping to the goods (merchant liability)', () => {
    const { s, now } = returned({ reason: 'damaged', cost: 2500 });
    s.run({ kind: 'receive_return', caseId: 'C1', actor: merchant }, now);
    const plan = s.case('C1').pendingRefund!;
    expect(plan).toMatchObject({ returnShippingPayer: 'merchant', returnShippingReimbursed: 2000, insurerClaim: 0, total: 9900 + 2000 });
  });

  it('the refund records the insurer claim and adds nothing (buyer liability, insured)', () => {
    const { s, now } = returned({ reason: 'no_reason_7d', cost: 2500, insurance: 1500 });
    s.run({ kind: 'receive_return', caseId: 'C1', actor: merchant }, now);
    const plan = s.case('C1').pendingRefund!;
    expect(plan).toMatchObject({ returnShippingPayer: 'insurer', returnShippingReimbursed: 0, insurerClaim: 1500, total: 9900 });
  });
});
