// Property tests over random command sequences on random orders (fast-check): the invariants of
// SPEC §2, §4 and §5 hold whatever the parties do and whenever deadlines fire.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Command } from './commands.ts';
import { decide } from './decide.ts';
import type { DomainEvent } from './events.ts';
import { evolveAll } from './evolve.ts';
import { emptyContext, type OrderContext } from './state.ts';
import { orderRefunded } from './money.ts';
import { actionArb, buildOrder, dueCommands, orderArb, PACKS, PF, toCommand } from '../../test/sequence-kit.ts';
import { DAY, HOUR, policy, T0 } from '../../test/domain-kit.ts';
import { isOpenStatus } from './types.ts';

function checkInvariants(ctx: OrderContext, terminal: Map<string, string>): void {
  const o = ctx.order!;
  let goods = 0;
  for (const line of o.lines) {
    const led = o.ledger[line.id]!;
    // SPEC §5: never refund more than was paid on a line.
    expect(led.refunded).toBeLessThanOrEqual(line.paidAmount);
    expect(led.settledValue).toBeLessThanOrEqual(line.paidAmount);
    goods += led.refunded;
    // SPEC §2: a unit of a line is in at most one open case, and settled units are never claimed.
    const open = Object.values(ctx.cases)
      .filter((c) => isOpenStatus(c.status))
      .flatMap((c) => c.lines)
      .filter((l) => l.lineId === line.id)
      .reduce((s, l) => s + l.quantity, 0);
    expect(open + led.settledUnits).toBeLessThanOrEqual(line.quantity);
  }
  expect(goods + o.shippingFeeRefunded).toBeLessThanOrEqual(o.lines.reduce((s, l) => s + l.paidAmount, 0) + o.shippingFee);
  // SPEC §9 Precisions, per-order invariant (with exchanges, repairs, price differences and
  // partial refunds followed by new claims): refunded ≤ lines + shipping fee + return shipping the
  // merchant reimbursed, and each reimbursement ≤ what the buyer paid for that return leg.
  expect(orderRefunded(o)).toBeLessThanOrEqual(o.lines.reduce((s, l) => s + l.paidAmount, 0) + o.shippingFee + o.returnShippingReimbursed);
  expect(o.shippingFeeRefunded).toBeLessThanOrEqual(o.shippingFee);
  let reimbursed = 0;
  for (const c of Object.values(ctx.cases)) {
    expect(c.returnShippingReimbursed).toBeLessThanOrEqual(c.returnShipment?.shippingCost ?? 0);
    reimbursed += c.returnShippingReimbursed;
  }
  expect(reimbursed).toBe(o.returnShippingReimbursed);
  for (const c of Object.values(ctx.cases)) {
    // Terminal statuses stay terminal.
    const was = terminal.get(c.id);
    if (was) expect(c.status).toBe(was);
    if (!isOpenStatus(c.status)) terminal.set(c.id, c.status);
    // SPEC §4: every open case has a running deadline, or waits for the platform or the provider.
    if (isOpenStatus(c.status) && c.status !== 'in_arbitration' && c.status !== 'refunding') expect(c.deadline).not.toBeNull();
    if (c.status === 'refunding') expect(c.pendingRefund).not.toBeNull();
  }
}

describe('invariants over random command sequences', () => {
  const property = (seen: Set<string>) =>
      fc.property(orderArb, fc.constantFrom(...PACKS), fc.array(actionArb, { minLength: 5, maxLength: 40 }), (ov, pack, actions) => {
        const order = buildOrder(ov);
        let now = T0 + 4 * DAY;
        const p = policy(pack, now);
        let ctx: OrderContext = emptyContext();
        const all: DomainEvent[] = [];
        const run = (cmd: Command, at: number) => {
          const d = decide(cmd, ctx, p, at);
          if (!d.ok) {
            expect(d.message.zh.length).toBeGreaterThan(0);
            expect(d.message.en.length).toBeGreaterThan(0);
            return;
          }
          ctx = evolveAll(ctx, d.events);
          all.push(...d.events);
        };
        run({ kind: 'place_order', order, actor: PF }, now);
        expect(ctx.order).not.toBeNull();
        const terminal = new Map<string, string>();
        actions.forEach((a, i) => {
          now += a.advanceHours * HOUR;
          for (let due = dueCommands(ctx, now), guard = 0; due && guard < 50; due = dueCommands(ctx, now), guard++) {
            run(due.cmd, due.at);
            checkInvariants(ctx, terminal);
          }
          const cmd = toCommand(a, ctx, i);
          if (cmd) run(cmd, now);
          checkInvariants(ctx, terminal);
        });
        expect(evolveAll(emptyContext(), all)).toEqual(ctx);
        for (const e of all) seen.add(e.type);
      });

  it('hold for every pack, order shape and sequence; replaying the events gives the same state', () => {
    // A fresh random seed each run explores new sequences (fast-check prints the seed on failure).
    fc.assert(property(new Set()), { numRuns: Number(process.env.PROPERTY_RUNS ?? 500) });
  });

  it('the generated sequences reach the deep paths (fixed seed, so this never flakes)', () => {
    const seen = new Set<string>();
    // A seed whose sequences reach every path since amazon-us joined the packs (issue 17: one pack in six).
    fc.assert(property(seen), { numRuns: 500, seed: 2 });
    // The sequences reach the interesting paths (otherwise the invariants above prove little).
    for (const type of ['RefundCompleted', 'CaseRuled', 'CaseDeadlineExpired', 'OfferAccepted', 'ReturnReceived', 'ReplacementShipped', 'EvidenceRequestLapsed', 'AutoConfirmResumed', 'OrderClosed', 'OfferWithdrawn', 'ReturnTrackingCorrected', 'ReceiptConfirmed', 'ClaimRecorded']) {
      expect(seen, type).toContain(type);
    }
  });
});
