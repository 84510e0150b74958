// Random orders and command sequences across packs (fast-check), shared by the property tests:
// the invariants (invariants.property.test.ts) and the command table (case/command-table.property.test.ts).
// Only tests import this file.
import fc from 'fast-check';
import type { CaseCommand, Command, OrderInput } from '../src/domain/commands.ts';
import type { OrderContext } from '../src/domain/state.ts';
import { DAY, orderInput, T0 } from './domain-kit.ts';
import { CASE_TYPES, EVIDENCE_KINDS, LINE_FLAGS, REASONS, type Actor, type CaseType, type Reason } from '../src/domain/types.ts';

// amazon-us: SPEC §13 (authorized returns with a label, delivery scans, refund_after_receipt).
export const PACKS = ['taobao', 'tmall', 'pinduoduo', 'jd', 'cn-baseline', 'amazon-us'] as const;
export const PLAUSIBLE: [CaseType, Reason][] = [
  ['refund_only', 'no_longer_needed'],
  ['refund_only', 'out_of_stock'],
  ['refund_only', 'late_shipment'],
  ['refund_only', 'not_received'],
  ['refund_only', 'damaged'],
  ['return_refund', 'quality_issue'],
  ['return_refund', 'no_reason_7d'],
  ['return_refund', 'counterfeit'],
  ['exchange', 'size_or_color'],
  ['exchange', 'quality_issue'],
  ['exchange', 'no_reason_7d'],
  ['repair', 'needs_repair'],
  ['repair', 'quality_issue'],
  ['refund_only', 'quality_issue'],
  ['reship', 'wrong_or_missing_item'],
];

export const orderArb = fc.record({
  lines: fc.array(
    fc.record({
      quantity: fc.integer({ min: 1, max: 4 }),
      paid: fc.integer({ min: 1, max: 60_000 }),
      flags: fc.subarray([...LINE_FLAGS], { maxLength: 1 }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  shippingFee: fc.constantFrom(0, 800, 1200),
  insurance: fc.constantFrom(0, 1200),
  stage: fc.constantFrom('paid', 'shipped', 'signed', 'completed'),
});

export function buildOrder(v: { lines: { quantity: number; paid: number; flags: string[] }[]; shippingFee: number; insurance: number; stage: string }): OrderInput {
  const stages = ['paid', 'shipped', 'signed', 'completed'];
  const reached = (s: string) => stages.indexOf(v.stage) >= stages.indexOf(s);
  return orderInput({
    shipped_at: reached('shipped') ? T0 + DAY : undefined,
    signed_at: reached('signed') ? T0 + 2 * DAY : undefined,
    completed_at: reached('completed') ? T0 + 3 * DAY : undefined,
    shipping_fee: v.shippingFee,
    free_shipping: v.shippingFee === 0,
    shipping_insurance: v.insurance,
    lines: v.lines.map((l, i) => ({
      id: `L${i + 1}`,
      sku: `SKU${i}`,
      category: 'general',
      quantity: l.quantity,
      paid_amount: l.paid,
      flags: l.flags as OrderInput['lines'][number]['flags'],
    })),
  });
}

export const actionArb = fc.record({
  advanceHours: fc.constantFrom(0, 0, 1, 5, 30, 80, 200),
  kind: fc.constantFrom(
    'apply', 'apply', 'agree', 'reject', 'offer', 'accept_offer', 'decline_offer', 'modify', 'cancel', 'ship_return',
    'receive_return', 'refuse_return', 'reship', 'confirm_receipt', 'escalate', 'submit_evidence', 'request_evidence',
    'rule', 'confirm_refund', 'ship_order', 'sign_order', 'withdraw_offer', 'correct_tracking', 'return_delivered',
  ),
  caseIndex: fc.nat(3),
  type: fc.constantFrom(...CASE_TYPES),
  reason: fc.constantFrom(...REASONS),
  follow: fc.boolean(),
  // Mostly combinations that fit (SPEC §3), sometimes any: both paths matter.
  remedy: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...PLAUSIBLE) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...CASE_TYPES), fc.constantFrom(...REASONS)) },
  ),
  lineMask: fc.nat(7),
  quantity: fc.integer({ min: 1, max: 4 }),
  amount: fc.option(fc.integer({ min: 1, max: 70_000 }), { nil: undefined }),
  evidence: fc.subarray([...EVIDENCE_KINDS], { maxLength: 2 }),
  outcome: fc.constantFrom('buyer', 'seller', 'partial') as fc.Arbitrary<'buyer' | 'seller' | 'partial'>,
  byMerchant: fc.boolean(),
});
export type Action = typeof actionArb extends fc.Arbitrary<infer A> ? A : never;

/** The prepaid label the engine brings to every apply (SPEC §13; the Chinese packs ignore it). */
const LABEL = { carrier: 'UPS', tracking: '1ZSEQ0000000001', cost: 699 };

export const B: Actor = { role: 'buyer', id: 'B1' };
export const M: Actor = { role: 'merchant', id: 'S1' };
export const PF: Actor = { role: 'platform', id: 'P' };
export const SYS: Actor = { role: 'system' };

/** The next step a party would naturally take on a case in this status (to reach deep paths). */
export const NEXT: Partial<Record<string, Action['kind'][]>> = {
  requested: ['agree', 'reject', 'offer'],
  offer_pending: ['accept_offer', 'decline_offer', 'withdraw_offer'],
  rejected: ['modify', 'escalate'],
  awaiting_return: ['ship_return'],
  return_in_transit: ['receive_return', 'refuse_return', 'correct_tracking', 'return_delivered'],
  awaiting_reship: ['reship'],
  reship_in_transit: ['confirm_receipt'],
  in_arbitration: ['rule', 'request_evidence'],
  refunding: ['confirm_refund'],
};

export function toCommand(input: Action, ctx: OrderContext, n: number): Command | null {
  let a = input;
  const ids = Object.keys(ctx.cases);
  if (a.follow && ids.length) {
    const target = ctx.cases[ids[ids.length - 1 - (a.caseIndex % ids.length)]!]!;
    const next = NEXT[target.status];
    if (next) a = { ...a, kind: next[a.lineMask % next.length]! };
  }
  // Newest cases first: index 0 is the latest, so follow-up commands often hit a live case.
  const caseId = ids.length ? ids[ids.length - 1 - (a.caseIndex % ids.length)]! : 'none';
  const ev = [...a.evidence, ...(a.byMerchant ? [] : ['photo' as const])].map((kind) => ({ kind }));
  const c = (x: Omit<CaseCommand, 'caseId'> & object, actor: Actor) => ({ caseId, ...x, actor }) as Command;
  const o = ctx.order!;
  switch (a.kind) {
    case 'apply': {
      const lines = o.lines.filter((_, i) => a.lineMask & (1 << i)).map((l) => ({ line: l.id, quantity: Math.min(a.quantity, l.quantity) }));
      return { kind: 'apply', caseId: `C${n}`, args: { type: a.remedy[0], reason: a.remedy[1], lines: lines.length ? lines : undefined, amount: a.remedy[0] === 'refund_only' || a.remedy[0] === 'return_refund' ? a.amount : undefined, intact: true, evidence: ev }, label: LABEL, actor: B };
    }
    case 'modify':
      return c({ kind: 'modify', args: { amount: a.amount, reason: a.lineMask % 2 ? a.reason : undefined, evidence: ev } } as never, B);
    case 'offer':
      // Refund offers with an amount; exchanges sometimes with a price difference either way (SPEC §2).
      return c(
        {
          kind: 'offer',
          type: a.type,
          amount: a.type === 'refund_only' || a.type === 'return_refund' ? (a.amount ?? 100) : a.type === 'exchange' && a.byMerchant ? a.amount : undefined,
          buyerOwes: a.type === 'exchange' && !a.byMerchant && a.amount ? a.amount : undefined,
        } as never,
        M,
      );
    case 'withdraw_offer':
      return c({ kind: 'withdraw_offer' } as never, M);
    case 'correct_tracking':
      return c({ kind: 'correct_tracking', carrier: 'YTO', tracking: 'YT1234567890123' } as never, B);
    case 'reject':
    case 'refuse_return':
      return c({ kind: a.kind, reason: '不同意', evidence: ev } as never, M);
    case 'agree':
      // Mostly with a return address (SPEC §4), sometimes without: a return case is then refused.
      return c({ kind: 'agree', returnAddress: a.quantity > 1 ? '杭州市余杭区' : undefined } as never, M);
    case 'ship_return':
      return c({ kind: 'ship_return', carrier: 'SF', tracking: 'SF1', shippingCost: a.quantity * 700 } as never, B);
    case 'reship':
      return c({ kind: 'reship', carrier: 'SF', tracking: 'SF2' } as never, M);
    case 'escalate':
      return c({ kind: 'escalate' } as never, a.byMerchant ? M : B);
    case 'submit_evidence':
      return c({ kind: 'submit_evidence', evidence: ev.length ? ev : [{ kind: 'other' }] } as never, a.byMerchant ? M : B);
    case 'request_evidence':
      return c({ kind: 'request_evidence', party: a.byMerchant ? 'merchant' : 'buyer', kinds: ['video'], dueInHours: 24 } as never, PF);
    case 'rule':
      return c({ kind: 'rule', outcome: a.outcome, amount: a.amount, force: a.byMerchant || undefined } as never, PF);
    case 'confirm_refund': {
      const pending = Object.values(ctx.cases).find((x) => x.pendingRefund);
      return pending ? { kind: 'confirm_refund', caseId: pending.id, refundId: pending.pendingRefund!.refundId, actor: SYS } : null;
    }
    case 'ship_order':
      return { kind: 'ship_order', carrier: 'ZTO', tracking: 'Z', actor: M };
    case 'sign_order':
      return { kind: 'sign_order', dateOnly: a.byMerchant, actor: PF };
    case 'return_delivered':
      return c({ kind: 'return_delivered' } as never, PF);
    default:
      return c({ kind: a.kind } as never, a.kind === 'receive_return' ? M : B);
  }
}

/** Fires due deadlines (earliest first) at their due instants, as the runner does. */
export function dueCommands(ctx: OrderContext, now: number): { cmd: Command; at: number } | null {
  const due: { cmd: Command; at: number }[] = [];
  const od = ctx.order?.deadline;
  if (od && od.dueAt <= now) due.push({ cmd: { kind: 'fire_order_deadline', deadline: od.kind, dueAt: od.dueAt, actor: SYS }, at: od.dueAt });
  for (const c of Object.values(ctx.cases)) {
    if (c.deadline && c.deadline.dueAt <= now) {
      due.push({ cmd: { kind: 'fire_case_deadline', caseId: c.id, deadline: c.deadline.kind, dueAt: c.deadline.dueAt, actor: SYS }, at: c.deadline.dueAt });
    }
  }
  return due.sort((a, b) => a.at - b.at)[0] ?? null;
}
