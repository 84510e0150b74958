// The command table in given(events) → when(command) → then(events | refusal) form: what the table
// refuses decide refuses with the same code, what it offers decide accepts, and refusals speak the
// console's words (SPEC §4, §11).
import { describe, expect, it } from 'vitest';
import type { CaseCommand, Command } from '../commands.ts';
import type { DomainEvent } from '../events.ts';
import { buyer, DAY, given, history, HOUR, merchant, place, platform, policy, shippedOrder, step, system, T0 } from '../../../test/domain-kit.ts';
import type { Actor } from '../types.ts';
import { availableActions, opensAt } from './command-table.ts';

const P = policy('taobao');
const NOW = T0 + 3 * DAY;
const ADDRESS = '杭州市余杭区文一西路 969 号';
const cmd = (c: CaseCommand, actor: Actor): Command => ({ ...c, actor }) as Command;
const RAW_CODE = /\b[a-z]+_[a-z_]+\b/;

/** A shipped, signed order with case C1 applied at NOW (a quality return unless told otherwise). */
const applied = (args: object = {}) =>
  history(P, place(shippedOrder()), step(cmd({ kind: 'apply', caseId: 'C1', args: { type: 'return_refund', reason: 'quality_issue', evidence: [{ kind: 'photo' }], ...args } } as CaseCommand, buyer), NOW));
const then = (events: DomainEvent[], c: Command, now = NOW) => [...events, ...given(events).when(c, now, P).events()];
const caseOf = (events: DomainEvent[]) => given(events).state.cases.C1!;
const offered = (events: DomainEvent[], actor: Actor, now = NOW) => availableActions(caseOf(events), actor.role, P, now);

describe('statuses: a stale command is refused in words', () => {
  it('agree on a rejected case: invalid_state, status and command named as the console names them', () => {
    const rejected = then(applied(), cmd({ kind: 'reject', caseId: 'C1', reason: '商品无质量问题' }, merchant));
    const w = given(rejected).when(cmd({ kind: 'agree', caseId: 'C1', returnAddress: ADDRESS }, merchant), NOW, P);
    expect(w.refused()).toBe('invalid_state');
    expect(w.decision).toMatchObject({ message: { zh: '当前状态「商家已拒绝」不能执行「同意」', en: 'cannot agree: the case is “rejected by merchant”' } });
    expect(w.decision).toMatchObject({ details: { status: 'rejected', command: 'agree' } });
    expect(offered(rejected, merchant)).toEqual(['escalate', 'submit_evidence']);
  });

  it('a second ship_return: no raw status or command code in either language', () => {
    const agreed = then(applied(), cmd({ kind: 'agree', caseId: 'C1', returnAddress: ADDRESS }, merchant));
    const shipped = then(agreed, cmd({ kind: 'ship_return', caseId: 'C1', carrier: '顺丰', tracking: 'SF1' }, buyer));
    const w = given(shipped).when(cmd({ kind: 'ship_return', caseId: 'C1', carrier: '顺丰', tracking: 'SF2' }, buyer), NOW, P);
    expect(w.refused()).toBe('invalid_state');
    if (w.decision.ok) return;
    expect(w.decision.message.zh).toBe('当前状态「退货运输中」不能执行「填写退货物流」');
    expect(w.decision.message.en).toBe('cannot ship the return: the case is “return in transit”');
    for (const m of [w.decision.message.zh, w.decision.message.en]) expect(m).not.toMatch(/ship_return|return_in_transit/);
  });

  it('a wrong role and a missing field are refused in words too', () => {
    const w = given(applied()).when(cmd({ kind: 'agree', caseId: 'C1' }, buyer), NOW, P);
    expect(w.decision).toMatchObject({ code: 'forbidden', message: { zh: '买家不能执行「同意」', en: 'a buyer cannot agree' } });
    const agreed = then(applied(), cmd({ kind: 'agree', caseId: 'C1', returnAddress: ADDRESS }, merchant));
    const noTracking = given(agreed).when(cmd({ kind: 'ship_return', caseId: 'C1', carrier: '顺丰', tracking: ' ' }, buyer), NOW, P);
    expect(noTracking.decision).toMatchObject({ code: 'validation', message: { zh: '请填写运单号', en: 'fill in the tracking number' }, details: { field: 'tracking' } });
    for (const d of [w.decision, noTracking.decision]) if (!d.ok) expect(`${d.message.zh} ${d.message.en}`).not.toMatch(RAW_CODE);
  });
});

describe('cancel', () => {
  it('a reship case waiting for the merchant may be cancelled (offered and accepted), not once it is sent', () => {
    const agreed = then(applied({ type: 'reship', reason: 'wrong_or_missing_item' }), cmd({ kind: 'agree', caseId: 'C1' }, merchant));
    expect(offered(agreed, buyer)).toContain('cancel');
    expect(given(agreed).when(cmd({ kind: 'cancel', caseId: 'C1' }, buyer), NOW, P).types()).toContain('CaseCancelled');
    const sent = then(agreed, cmd({ kind: 'reship', caseId: 'C1', carrier: '顺丰', tracking: 'SF3' }, merchant));
    expect(offered(sent, buyer)).not.toContain('cancel');
    expect(given(sent).when(cmd({ kind: 'cancel', caseId: 'C1' }, buyer), NOW, P).refused()).toBe('invalid_state');
  });

  it('an exchange whose goods the merchant has back cannot be cancelled: the guard says why', () => {
    let e = then(applied({ type: 'exchange', reason: 'size_or_color', evidence: [] }), cmd({ kind: 'agree', caseId: 'C1', returnAddress: ADDRESS }, merchant));
    e = then(e, cmd({ kind: 'ship_return', caseId: 'C1', carrier: '顺丰', tracking: 'SF1' }, buyer));
    e = then(e, cmd({ kind: 'receive_return', caseId: 'C1' }, merchant));
    expect(offered(e, buyer)).not.toContain('cancel');
    const w = given(e).when(cmd({ kind: 'cancel', caseId: 'C1' }, buyer), NOW, P);
    expect(w.decision).toMatchObject({ code: 'invalid_state', details: { rule: 'cancel_before_goods_received' }, message: { zh: '商家已收到退回的商品, 不能再撤销申请' } });
  });
});

describe('escalate', () => {
  it('the merchant may escalate a requested case once escalation_after has passed: not offered before, with the time it opens', () => {
    const e = applied();
    const early = NOW + 72 * HOUR - 1;
    expect(offered(e, merchant, early)).not.toContain('escalate');
    expect(opensAt('escalate', caseOf(e), 'merchant', P, early)).toBe(NOW + 72 * HOUR);
    const w = given(e).when(cmd({ kind: 'escalate', caseId: 'C1' }, merchant), early, P);
    expect(w.decision).toMatchObject({ code: 'too_early', details: { earliest: NOW + 72 * HOUR } });
    expect(offered(e, merchant, NOW + 72 * HOUR)).toEqual(['agree', 'reject', 'offer', 'escalate', 'submit_evidence']);
    expect(opensAt('escalate', caseOf(e), 'merchant', P, NOW + 72 * HOUR)).toBeNull();
    expect(given(e).when(cmd({ kind: 'escalate', caseId: 'C1' }, merchant), NOW + 72 * HOUR, P).types()).toContain('CaseEscalated');
  });

  it('once only: an escalated case back in a party’s hands is not offered escalation, and has no time it opens', () => {
    let e = then(applied(), cmd({ kind: 'escalate', caseId: 'C1' }, buyer), NOW + 72 * HOUR);
    e = then(e, cmd({ kind: 'rule', caseId: 'C1', outcome: 'buyer' }, platform), NOW + 4 * DAY);
    expect(caseOf(e).status).toBe('awaiting_return');
    expect(offered(e, buyer, NOW + 5 * DAY)).toEqual(['cancel', 'ship_return', 'submit_evidence']);
    expect(opensAt('escalate', caseOf(e), 'buyer', P, NOW + 5 * DAY)).toBeNull();
    expect(given(e).when(cmd({ kind: 'escalate', caseId: 'C1' }, buyer), NOW + 5 * DAY, P).refused()).toBe('not_eligible');
  });

  it('the platform is offered its commands in arbitration, nobody anything on a closed case', () => {
    const e = then(applied(), cmd({ kind: 'escalate', caseId: 'C1' }, buyer), NOW + 72 * HOUR);
    expect(offered(e, platform)).toEqual(['request_evidence', 'rule']);
    const closed = then(e, cmd({ kind: 'rule', caseId: 'C1', outcome: 'seller' }, platform), NOW + 4 * DAY);
    for (const a of [buyer, merchant, platform, system]) expect(offered(closed, a)).toEqual([]);
  });
});

describe('agree needs a return address when the goods come back (SPEC §4)', () => {
  it('a merchant agreeing to a return without one: validation on return_address, in words', () => {
    const w = given(applied()).when(cmd({ kind: 'agree', caseId: 'C1' }, merchant), NOW, P);
    expect(w.decision).toMatchObject({ code: 'validation', details: { field: 'return_address' } });
    if (!w.decision.ok) expect(w.decision.message.zh).toContain('退货地址');
    expect(given(applied()).when(cmd({ kind: 'agree', caseId: 'C1', returnAddress: '  ' }, merchant), NOW, P).refused()).toBe('validation');
  });

  it('with one: awaiting_return, the buyer is told where', () => {
    const c = given(applied()).when(cmd({ kind: 'agree', caseId: 'C1', returnAddress: ADDRESS }, merchant), NOW, P).after().cases.C1!;
    expect(c).toMatchObject({ status: 'awaiting_return', returnAddress: ADDRESS });
  });

  it('a refund or a reship needs none', () => {
    expect(caseOf(then(applied({ type: 'refund_only', reason: 'damaged' }), cmd({ kind: 'agree', caseId: 'C1' }, merchant))).status).toBe('refunding');
    expect(caseOf(then(applied({ type: 'reship', reason: 'wrong_or_missing_item' }), cmd({ kind: 'agree', caseId: 'C1' }, merchant))).status).toBe('awaiting_reship');
  });

  it('the system’s auto-agree on the merchant deadline still moves the case (no address: the buyer asks the shop)', () => {
    const e = applied();
    const dl = caseOf(e).deadline!;
    const fired = given(e).when({ kind: 'fire_case_deadline', caseId: 'C1', deadline: dl.kind, dueAt: dl.dueAt, actor: system }, dl.dueAt, P);
    expect(fired.after().cases.C1).toMatchObject({ status: 'awaiting_return', returnAddress: null });
  });
});
