// SPEC §8.1 rule complaints, given(events) → when(command) → then(events | refusal).
import { describe, expect, it } from 'vitest';
import { at, buyer, DAY, HOUR, merchant, platform, policy, system } from '../../../test/domain-kit.ts';
import type { ComplaintCommand } from './commands.ts';
import { cmd, complaintHistory, fireRunning, given, orderFacts, other, PLACED } from '../../../test/complaint-kit.ts';
import { COMPLAINT_SUB_KINDS, type ComplaintKind, type ComplaintSubKind } from './types.ts';

const MIN = 60_000;
const FILED = at('2026-04-03T10:00:00+08:00');
const photo = [{ kind: 'photo' as const, description: '商品照片' }];
const chat = [{ kind: 'chat_log' as const, description: '聊天记录' }];

const complain = (complaintKind: ComplaintKind = 'breach_of_promise', subKind: string = 'unfulfilled_promise', actor = buyer): ComplaintCommand =>
  cmd({ kind: 'complain', complaintKind, subKind, evidence: photo, note: '承诺的赠品没有发' }, actor);
const respond = (actor = merchant) => cmd({ kind: 'respond_complaint', evidence: chat, note: '赠品已补发' }, actor);
const rule = (outcome: 'upheld' | 'dismissed') => cmd({ kind: 'rule_complaint', outcome }, platform);
const appeal = (actor = merchant) => cmd({ kind: 'appeal', reason: '赠品已补发, 有物流单号', evidence: chat }, actor);
const ruleAppeal = (outcome: 'accepted' | 'rejected') => cmd({ kind: 'rule_appeal', outcome }, platform);

const filed = () => complaintHistory([[complain(), FILED]]);
const underReview = () => complaintHistory([[complain(), FILED], [respond(), FILED + DAY]]);
const RULED = FILED + 2 * DAY;
const upheld = () => complaintHistory([[complain(), FILED], [respond(), FILED + DAY], [rule('upheld'), RULED]]);

describe('complain', () => {
  it('files the complaint straight for review, and gives the merchant complaint_response (tmall 72 h)', () => {
    const w = given([]).when(complain(), FILED);
    expect(w.types()).toEqual(['ComplaintFiled', 'ComplaintDeadlineStarted']);
    expect(w.after()).toMatchObject({
      status: 'filed',
      kind: 'breach_of_promise',
      subKind: 'unfulfilled_promise',
      points: 0,
      filing: { evidence: [{ kind: 'photo', party: 'buyer', at: FILED }], note: '承诺的赠品没有发' },
      deadline: { kind: 'complaint_response', dueAt: FILED + 72 * HOUR, policyVersion: '2025.1' },
    });
  });

  it('uses the pack of the platform: pinduoduo 48 h, jd 24 h', () => {
    expect(given([], policy('pinduoduo')).when(complain(), FILED).after().deadline!.dueAt).toBe(FILED + 48 * HOUR);
    expect(given([], policy('jd')).when(complain(), FILED).after().deadline!.dueAt).toBe(FILED + 24 * HOUR);
  });

  it('is open for complaint_days (15) from placed_at, to the minute', () => {
    const end = at('2026-04-16T10:00:00+08:00');
    expect(PLACED + 15 * DAY).toBe(end);
    expect(given([]).when(complain(), end - MIN).types()[0]).toBe('ComplaintFiled');
    const late = given([]).when(complain(), end).decision;
    expect(late).toMatchObject({ ok: false, code: 'window_expired', details: { rule: 'complaint_days', ended_at: '2026-04-16T10:00:00+08:00' } });
  });

  it('stays open while a case on the order is open, past complaint_days', () => {
    const w = given([]).when(complain(), PLACED + 40 * DAY, orderFacts({ caseOpen: true }));
    expect(w.after().status).toBe('filed');
  });

  it('allows one complaint per kind per order, open or ended (duplicate_case)', () => {
    const existing = orderFacts({ complaints: [{ id: 'K0', kind: 'breach_of_promise', status: 'dismissed' }] });
    const w = given([]).when(complain(), FILED, existing);
    expect(w.decision).toMatchObject({ ok: false, code: 'duplicate_case', details: { rule: 'one_complaint_per_kind', complaint: 'K0' } });
    expect(given([]).when(complain('misdescription', 'minor'), FILED, existing).after().status).toBe('filed');
  });

  it('a withdrawn complaint cannot be filed again (duplicate_case, saying so)', () => {
    const withdrawn = orderFacts({ complaints: [{ id: 'K0', kind: 'misdescription', status: 'withdrawn' }] });
    const w = given([]).when(complain('misdescription', 'severe'), FILED, withdrawn);
    expect(w.decision).toMatchObject({ ok: false, code: 'duplicate_case', details: { status: 'withdrawn' } });
    if (!w.decision.ok) expect(w.decision.message.zh).toContain('撤销后不能再次投诉');
  });

  it('refuses a sub-kind of another kind (validation) and a complaint id already used', () => {
    expect(given([]).when(complain('breach_of_promise', 'minor'), FILED).decision).toMatchObject({ ok: false, code: 'validation', details: { field: 'sub_kind' } });
    expect(given(filed()).when(complain(), FILED).refused()).toBe('invalid_state');
  });

  it('only the buyer of the order may complain (forbidden otherwise)', () => {
    expect(given([]).when(complain('breach_of_promise', 'unfulfilled_promise', other), FILED).refused()).toBe('forbidden');
    expect(given([]).when(complain('breach_of_promise', 'unfulfilled_promise', merchant), FILED).refused()).toBe('forbidden');
    expect(given([]).when(complain('breach_of_promise', 'unfulfilled_promise', platform), FILED).refused()).toBe('forbidden');
  });

  it('needs the order (not_found)', () => {
    expect(given([]).when(complain(), FILED, null as never).refused()).toBe('not_found');
  });
});

describe('respond_complaint', () => {
  it('puts the complaint under review and gives the platform complaint_review (7 d)', () => {
    const w = given(filed()).when(respond(), FILED + DAY);
    expect(w.types()).toEqual(['ComplaintResponded', 'ComplaintDeadlineStarted']);
    expect(w.after()).toMatchObject({ status: 'under_review', merchantSilent: false, underReviewAt: FILED + DAY, deadline: { kind: 'complaint_review', dueAt: FILED + 8 * DAY } });
  });

  it('needs evidence (evidence_required)', () => {
    expect(given(filed()).when(cmd({ kind: 'respond_complaint', evidence: [] }, merchant), FILED + DAY).refused()).toBe('evidence_required');
  });

  it('only the shop of the order answers', () => {
    expect(given(filed()).when(respond({ role: 'merchant', id: 'S2' }), FILED + DAY).refused()).toBe('forbidden');
    expect(given(filed()).when(respond(buyer), FILED + DAY).refused()).toBe('forbidden');
  });

  it('answers once (invalid_state) and not after complaint_response, even before the deadline fired', () => {
    expect(given(underReview()).when(respond(), FILED + 2 * DAY).refused()).toBe('invalid_state');
    expect(given(filed()).when(respond(), FILED + 72 * HOUR - MIN).after().status).toBe('under_review');
    expect(given(filed()).when(respond(), FILED + 72 * HOUR).decision).toMatchObject({ ok: false, code: 'window_expired', details: { rule: 'complaint_response' } });
  });
});

describe('merchant silence (complaint_response expires)', () => {
  it('puts the complaint under review with merchant_silent, and starts the review', () => {
    const w = fireRunning(filed());
    expect(w.types()).toEqual(['ComplaintDeadlineExpired', 'ComplaintResponseMissed', 'ComplaintDeadlineStarted']);
    expect(w.after()).toMatchObject({ status: 'under_review', merchantSilent: true, deadline: { kind: 'complaint_review', dueAt: FILED + 72 * HOUR + 7 * DAY } });
  });

  it('a late answer is refused: the merchant is judged on the buyer’s evidence alone', () => {
    const e = [...filed(), ...fireRunning(filed()).events()];
    expect(given(e).when(respond(), FILED + 4 * DAY).refused()).toBe('window_expired');
  });

  it('a stale, early or foreign firing is a no-op or forbidden', () => {
    const e = filed();
    const due = FILED + 72 * HOUR;
    const fire = (kind: 'complaint_response' | 'complaint_review', dueAt: number, actor = system) => cmd({ kind: 'fire_complaint_deadline', deadline: kind, dueAt }, actor);
    expect(given(e).when(fire('complaint_response', due), due - 1).events()).toEqual([]);
    expect(given(e).when(fire('complaint_review', due), due).events()).toEqual([]);
    expect(given(e).when(fire('complaint_response', due - 1), due).events()).toEqual([]);
    expect(given(e).when(fire('complaint_response', due, platform), due).refused()).toBe('forbidden');
  });
});

describe('rule_complaint', () => {
  it('is refused before the complaint is under review (invalid_state)', () => {
    expect(given(filed()).when(rule('upheld'), FILED + HOUR).decision).toMatchObject({ ok: false, code: 'invalid_state', details: { status: 'filed' } });
  });

  const subs = Object.entries(COMPLAINT_SUB_KINDS).flatMap(([k, ss]) => ss.map((s) => [k as ComplaintKind, s as ComplaintSubKind] as const));
  const POINTS: Record<ComplaintSubKind, number> = { refused_invoice: 6, refused_trade: 1, unfulfilled_promise: 4, campaign_violation: 6, severe: 12, affects_use: 6, minor: 3 };
  it.each(subs)('upheld %s/%s counts the points of the SPEC §8.1 table from the ruling', (kind, sub) => {
    const e = complaintHistory([[complain(kind, sub), FILED], [respond(), FILED + DAY]]);
    const w = given(e).when(rule('upheld'), RULED);
    expect(w.after()).toMatchObject({ status: 'upheld', points: POINTS[sub], ruling: { outcome: 'upheld', by: 'platform', at: RULED }, closedReason: null, deadline: null });
  });

  it('dismissed counts nothing', () => {
    expect(given(underReview()).when(rule('dismissed'), RULED).after()).toMatchObject({ status: 'dismissed', points: 0 });
  });

  it('only the platform rules, and only once', () => {
    expect(given(underReview()).when(cmd({ kind: 'rule_complaint', outcome: 'dismissed' }, merchant), RULED).refused()).toBe('forbidden');
    expect(given(upheld()).when(rule('dismissed'), RULED + HOUR).refused()).toBe('invalid_state');
  });
});

describe('complaint_review expires', () => {
  it('upholds a silent merchant’s complaint (closed reason merchant_silent) with its points', () => {
    let e = filed();
    e = [...e, ...fireRunning(e).events()];
    const w = fireRunning(e);
    expect(w.types()).toEqual(['ComplaintDeadlineExpired', 'ComplaintRuled']);
    expect(w.after()).toMatchObject({ status: 'upheld', points: 4, merchantSilent: true, closedReason: 'merchant_silent', ruling: { by: 'system' } });
  });

  it('leaves an answered complaint to the platform, with a reminder', () => {
    const w = fireRunning(underReview());
    expect(w.types()).toEqual(['ComplaintDeadlineExpired', 'ComplaintReviewOverdue']);
    expect(w.after()).toMatchObject({ status: 'under_review', reviewReminders: 1, deadline: null });
    expect(given([...underReview(), ...w.events()]).when(rule('upheld'), FILED + 30 * DAY).after().status).toBe('upheld');
  });
});

describe('withdraw_complaint', () => {
  it('the buyer withdraws while filed or under review; the deadline goes', () => {
    expect(given(filed()).when(cmd({ kind: 'withdraw_complaint' }, buyer), FILED + HOUR).after()).toMatchObject({ status: 'withdrawn', deadline: null });
    expect(given(underReview()).when(cmd({ kind: 'withdraw_complaint' }, buyer), FILED + 2 * DAY).after().status).toBe('withdrawn');
  });

  it('not once ruled, and not by another buyer', () => {
    expect(given(upheld()).when(cmd({ kind: 'withdraw_complaint' }, buyer), RULED + HOUR).refused()).toBe('invalid_state');
    expect(given(filed()).when(cmd({ kind: 'withdraw_complaint' }, other), FILED + HOUR).refused()).toBe('forbidden');
  });
});

describe('appeal (申诉)', () => {
  it('the merchant appeals an upheld complaint with evidence; the platform has complaint_review', () => {
    const w = given(upheld()).when(appeal(), RULED + DAY);
    expect(w.types()).toEqual(['ComplaintAppealed', 'ComplaintDeadlineStarted']);
    expect(w.after()).toMatchObject({ status: 'appealed', points: 4, appeal: { at: RULED + DAY, outcome: null }, deadline: { kind: 'complaint_review', dueAt: RULED + 8 * DAY } });
  });

  it('within appeal_days (7) of the ruling, to the minute', () => {
    expect(given(upheld()).when(appeal(), RULED + 7 * DAY - MIN).after().status).toBe('appealed');
    expect(given(upheld()).when(appeal(), RULED + 7 * DAY).decision).toMatchObject({ ok: false, code: 'window_expired', details: { rule: 'appeal_days' } });
  });

  it('needs a reason and evidence', () => {
    expect(given(upheld()).when(cmd({ kind: 'appeal', reason: ' ', evidence: chat }, merchant), RULED + DAY).refused()).toBe('validation');
    expect(given(upheld()).when(cmd({ kind: 'appeal', reason: '有凭证', evidence: [] }, merchant), RULED + DAY).refused()).toBe('evidence_required');
  });

  it('only an upheld complaint, only by its shop', () => {
    const dismissed = complaintHistory([[complain(), FILED], [respond(), FILED + DAY], [rule('dismissed'), RULED]]);
    expect(given(dismissed).when(appeal(), RULED + DAY).refused()).toBe('invalid_state');
    expect(given(underReview()).when(appeal(), RULED).refused()).toBe('invalid_state');
    expect(given(upheld()).when(appeal({ role: 'merchant', id: 'S2' }), RULED + DAY).refused()).toBe('forbidden');
  });

  it('accepted: reversed, the points come off at the reversal', () => {
    const e = [...upheld(), ...given(upheld()).when(appeal(), RULED + DAY).events()];
    const w = given(e).when(ruleAppeal('accepted'), RULED + 3 * DAY);
    expect(w.after()).toMatchObject({ status: 'reversed', points: 0, appeal: { outcome: 'accepted', ruledAt: RULED + 3 * DAY }, deadline: null });
  });

  it('rejected: upheld again with its points; a second appeal is not_eligible', () => {
    let e = [...upheld(), ...given(upheld()).when(appeal(), RULED + DAY).events()];
    e = [...e, ...given(e).when(ruleAppeal('rejected'), RULED + 2 * DAY).events()];
    expect(given(e).state).toMatchObject({ status: 'upheld', points: 4 });
    expect(given(e).when(appeal(), RULED + 3 * DAY).decision).toMatchObject({ ok: false, code: 'not_eligible', details: { rule: 'appeal_once' } });
  });

  it('a second appeal while the first is pending or after a reversal is not_eligible', () => {
    const e = [...upheld(), ...given(upheld()).when(appeal(), RULED + DAY).events()];
    expect(given(e).when(appeal(), RULED + 2 * DAY).refused()).toBe('not_eligible');
    const reversed = [...e, ...given(e).when(ruleAppeal('accepted'), RULED + 2 * DAY).events()];
    expect(given(reversed).when(appeal(), RULED + 3 * DAY).refused()).toBe('not_eligible');
  });

  it('rule_appeal only on an appealed complaint, by the platform; an overdue appeal review reminds', () => {
    expect(given(upheld()).when(ruleAppeal('accepted'), RULED + DAY).refused()).toBe('invalid_state');
    const e = [...upheld(), ...given(upheld()).when(appeal(), RULED + DAY).events()];
    expect(given(e).when(cmd({ kind: 'rule_appeal', outcome: 'accepted' }, merchant), RULED + 2 * DAY).refused()).toBe('forbidden');
    const w = fireRunning(e);
    expect(w.types()).toEqual(['ComplaintDeadlineExpired', 'ComplaintReviewOverdue']);
    expect(w.after()).toMatchObject({ status: 'appealed', reviewReminders: 1 });
  });
});
