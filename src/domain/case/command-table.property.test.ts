// The command table against the decider (fast-check): over case states reached by random command
// sequences on random orders and packs, for every role, what availableActions offers is exactly
// what decide accepts when the command is sent with valid arguments, and what it does not offer
// decide refuses with the table's own code. Every refusal here speaks words, not codes.
//
// Valid arguments, per command (what each handler checks beyond the table):
//   agree          a return address (needed when the goods come back)
//   reject         a reason and one item of every evidence kind (any burden of proof is met)
//   offer          refund_only for the whole refundable amount; a reship offer when nothing is
//                  refundable. Which other remedies can be offered depends on the goods (shipped,
//                  signed, virtual or perishable lines): data of the order the table does not see.
//   modify         no changes (the claim resubmitted as it stands); when the order moved on since
//                  (shipped after an unshipped-only reason), the claim under a reason it allows now
//   ship_return / reship   carrier and tracking number
//   refuse_return  a reason, a courier rejection certificate and a photo
//   correct_tracking another carrier (OTHER with a name) and number
//   submit_evidence one item;  request_evidence a party and a kind;  rule outcome `buyer`, a note,
//                  confirmed (`force`: evidence may still be due)
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CaseCommand, Command } from '../commands.ts';
import { decide } from '../decide.ts';
import { evolveAll } from '../evolve.ts';
import { caseRefundable } from '../money.ts';
import type { Policy } from '../policy.ts';
import { emptyContext, type CaseState, type OrderContext } from '../state.ts';
import { actionArb, buildOrder, dueCommands, orderArb, PACKS, toCommand } from '../../../test/sequence-kit.ts';
import { DAY, HOUR, policy, T0 } from '../../../test/domain-kit.ts';
import { EVIDENCE_KINDS, REASONS, type Actor, type Instant } from '../types.ts';
import { availableActions, TABLE_COMMANDS, tableRefusal, type TableCommand } from './command-table.ts';

const ACTORS: Actor[] = [
  { role: 'buyer', id: 'B1' },
  { role: 'merchant', id: 'S1' },
  { role: 'platform', id: 'P' },
  { role: 'system' },
];

/** The command with arguments its handler accepts (see the comment at the top). */
function validCommand(kind: TableCommand, c: CaseState): CaseCommand {
  const caseId = c.id;
  switch (kind) {
    case 'agree':
      return { kind, caseId, returnAddress: '杭州市余杭区文一西路 969 号' };
    case 'reject':
      return { kind, caseId, reason: '商品无质量问题', evidence: EVIDENCE_KINDS.map((k) => ({ kind: k })) };
    case 'offer': {
      const max = caseRefundable(c);
      return max > 0 ? { kind, caseId, type: 'refund_only', amount: max } : { kind, caseId, type: 'reship' };
    }
    case 'modify':
      return { kind, caseId, args: {} };
    case 'ship_return':
      return { kind, caseId, carrier: '顺丰', tracking: 'SF100' };
    case 'correct_tracking':
      return { kind, caseId, carrier: 'OTHER', carrierName: '安能物流', tracking: 'AN300' };
    case 'reship':
      return { kind, caseId, carrier: '顺丰', tracking: 'SF200' };
    case 'refuse_return':
      return { kind, caseId, reason: '退回商品已损坏', evidence: [{ kind: 'courier_rejection_certificate' }, { kind: 'photo' }] };
    case 'submit_evidence':
      return { kind, caseId, evidence: [{ kind: 'other', description: '补充说明' }] };
    case 'request_evidence':
      return { kind, caseId, party: 'buyer', kinds: ['photo'] };
    case 'rule':
      // Confirmed: a ruling while an evidence request runs needs the platform's confirmation (an argument).
      return { kind, caseId, outcome: 'buyer', note: '双方证据已审阅', force: true };
    case 'escalate':
      return { kind, caseId, reason: '协商不成' };
    default:
      return { kind, caseId };
  }
}

const RAW_CODE = /\b[a-z]+_[a-z_]+\b/;

/** Every table command for every actor on every case: offered ⇔ accepted with valid arguments. */
function checkAgreement(ctx: OrderContext, p: Policy, now: Instant, seen: Map<string, number>): void {
  for (const c of Object.values(ctx.cases)) {
    for (const actor of ACTORS) {
      const offered = availableActions(c, actor.role, p, now);
      for (const kind of TABLE_COMMANDS) {
        let d = decide({ ...validCommand(kind, c), actor } as Command, ctx, p, now);
        // The claim as it stands may no longer be eligible (the order shipped since): the buyer
        // modifies it under a reason the order allows now, if there is one.
        if (kind === 'modify' && !d.ok && d.code === 'not_eligible') {
          for (const reason of REASONS) {
            const again = decide({ kind, caseId: c.id, args: { reason }, actor } as Command, ctx, p, now);
            if (again.ok) {
              d = again;
              break;
            }
          }
        }
        const where = `${actor.role} ${kind} on ${c.type} ${c.status}${c.escalated ? ' (escalated)' : ''}`;
        if (offered.includes(kind)) {
          expect(d.ok ? 'accepted' : `${d.code}: ${d.message.en}`, `offered ${where}`).toBe('accepted');
          seen.set(`${actor.role} ${kind}`, (seen.get(`${actor.role} ${kind}`) ?? 0) + 1);
        } else {
          const table = tableRefusal(kind, c, actor.role, p, now);
          expect(table, `not offered ${where}`).not.toBeNull();
          expect(d.ok ? 'accepted' : d.code, `not offered ${where}`).toBe(table!.code);
        }
        if (!d.ok) {
          expect(d.message.zh, where).not.toMatch(RAW_CODE);
          expect(d.message.en, where).not.toMatch(RAW_CODE);
        }
      }
    }
  }
}

describe('the command table agrees with the decider', () => {
  const property = (seen: Map<string, number>) =>
    fc.property(orderArb, fc.constantFrom(...PACKS), fc.array(actionArb, { minLength: 3, maxLength: 25 }), (ov, pack, actions) => {
      let now = T0 + 4 * DAY;
      const p = policy(pack, now);
      let ctx: OrderContext = emptyContext();
      const run = (cmd: Command, at: number) => {
        const d = decide(cmd, ctx, p, at);
        if (d.ok) ctx = evolveAll(ctx, d.events);
      };
      run({ kind: 'place_order', order: buildOrder(ov), actor: { role: 'platform' } }, now);
      actions.forEach((a, i) => {
        now += a.advanceHours * HOUR;
        for (let due = dueCommands(ctx, now), guard = 0; due && guard < 50; due = dueCommands(ctx, now), guard++) run(due.cmd, due.at);
        const cmd = toCommand(a, ctx, i);
        if (cmd) run(cmd, now);
        checkAgreement(ctx, p, now, seen);
      });
    });

  it('offered ⇔ accepted with valid arguments; not offered ⇒ refused with the table’s code', () => {
    fc.assert(property(new Map()), { numRuns: Number(process.env.PROPERTY_RUNS ?? 150), ...(process.env.PROPERTY_SEED ? { seed: Number(process.env.PROPERTY_SEED) } : {}) });
  });

  it('the sequences reach every offered command of every role (fixed seed)', () => {
    const seen = new Map<string, number>();
    // A seed whose sequences reach every path since amazon-us joined the packs (issue 17: one pack in six).
    fc.assert(property(seen), { numRuns: 150, seed: 1 });
    const expected = TABLE_COMMANDS.flatMap((k) => ACTORS.filter((a) => availableActionsMayOffer(k, a)).map((a) => `${a.role} ${k}`));
    expect(expected.filter((k) => !seen.has(k))).toEqual([]);
  });
});

/** Whether the table lists the role for the command at all. */
function availableActionsMayOffer(kind: TableCommand, actor: Actor): boolean {
  return tableRefusal(kind, { status: 'closed' } as CaseState, actor.role, policy(), T0)?.code !== 'forbidden';
}
