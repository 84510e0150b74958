// SPEC §10.1 service tickets, given(events) → when(command) → then(events | refusal).
import { describe, expect, it } from 'vitest';
import { at, buyer, DAY, HOUR, merchant, platform, policy } from '../../../test/domain-kit.ts';
import { fireTicket, givenTicket, OPENED, tcmd, ticketFacts, ticketHistory } from '../../../test/ticket-kit.ts';
import type { TicketKind } from './types.ts';

const MIN = 60_000;
const open = (kind: TicketKind = 'consultation', actor = buyer) => tcmd({ kind: 'open_ticket', ticketKind: kind, message: '请问退货地址是哪里?' }, actor);
const answer = (actor = merchant) => tcmd({ kind: 'reply', message: '退货地址: 杭州市余杭区仓前街道 1 号' }, actor);
const resolve = (actor = merchant) => tcmd({ kind: 'resolve' }, actor);
const reopen = () => tcmd({ kind: 'reopen', message: '还是没有收到' }, buyer);
const rate = (csat: number) => tcmd({ kind: 'rate', csat }, buyer);

const opened = (kind: TicketKind = 'consultation') => ticketHistory([[open(kind), OPENED]]);
const RESOLVED = OPENED + 2 * DAY;
const resolved = () => ticketHistory([[open(), OPENED], [answer(), OPENED + HOUR], [resolve(), RESOLVED]]);

describe('open_ticket', () => {
  it('opens with the buyer’s message, a first-response SLA per kind and a resolution SLA in working days', () => {
    const w = givenTicket([]).when(open('consultation'), OPENED);
    expect(w.types()).toEqual(['TicketOpened', 'TicketMessagePosted', 'TicketDeadlineStarted', 'TicketDeadlineStarted']);
    const t = w.after();
    expect(t).toMatchObject({ status: 'open', kind: 'consultation', buyerId: 'B1', orderId: 'O1', awaitingResponse: true, messages: [{ seq: 1, party: 'buyer' }] });
    // reminder_before (24 h) would fall at the opening itself: no reminder for a 24 h SLA.
    expect(t.deadlines.ticket_first_response).toMatchObject({ dueAt: OPENED + 24 * HOUR, remindAt: null, policyVersion: '2025.1' });
    // Monday 10:00 + 7 working days (14 h Monday, Tue–Fri, Mon–Tue, Wed until 10:00).
    expect(t.deadlines.ticket_resolution!.dueAt).toBe(at('2026-04-22T10:00:00+08:00'));
  });

  it('gives each kind its first-response time: consultation 24 h, complaint 48 h, logistics and invoice 72 h', () => {
    const due = (k: TicketKind) => givenTicket([]).when(open(k), OPENED).after().deadlines.ticket_first_response!.dueAt - OPENED;
    expect([due('consultation'), due('complaint'), due('logistics'), due('invoice')]).toEqual([24 * HOUR, 48 * HOUR, 72 * HOUR, 72 * HOUR]);
    // reminder_before: 24 h ahead of a 72 h SLA.
    expect(givenTicket([]).when(open('logistics'), OPENED).after().deadlines.ticket_first_response!.remindAt).toBe(OPENED + 48 * HOUR);
  });

  it('counts the resolution across May Day and its make-up Saturday (调休 2026-05-09 is a working day)', () => {
    const start = at('2026-04-30T10:00:00+08:00');
    const t = givenTicket([], policy('tmall', start)).when(open(), start).after();
    expect(t.deadlines.ticket_resolution!.dueAt).toBe(at('2026-05-13T10:00:00+08:00'));
  });

  it('starts no first-response clock when the merchant opens it (the merchant spoke first)', () => {
    const t = givenTicket([]).when(open('invoice', merchant), OPENED).after();
    expect(t.openedBy).toBe('merchant');
    expect(t.deadlines.ticket_first_response).toBeNull();
    expect(t.deadlines.ticket_resolution).not.toBeNull();
  });

  it('lets a buyer open one without an order, on their own name', () => {
    const t = givenTicket([]).when(open(), OPENED, ticketFacts({ order: null })).after();
    expect(t).toMatchObject({ buyerId: 'B1', orderId: null });
  });

  it('refuses another buyer’s order, another shop, an unknown kind, an empty message', () => {
    expect(givenTicket([]).when(open('consultation', { role: 'buyer', id: 'B9' }), OPENED).refused()).toBe('forbidden');
    expect(givenTicket([]).when(open('consultation', { role: 'merchant', id: 'S9' }), OPENED).refused()).toBe('forbidden');
    expect(givenTicket([]).when(open('consultation', platform), OPENED).refused()).toBe('forbidden');
    expect(givenTicket([]).when(open('refund' as TicketKind), OPENED).decision).toMatchObject({ code: 'validation', details: { field: 'kind' } });
    expect(givenTicket([]).when(tcmd({ kind: 'open_ticket', ticketKind: 'consultation', message: '  ' }, buyer), OPENED).decision).toMatchObject({ code: 'validation', details: { field: 'message' } });
    expect(givenTicket([]).when(tcmd({ kind: 'open_ticket', ticketKind: 'consultation', message: 'x'.repeat(2001) }, buyer), OPENED).refused()).toBe('validation');
    expect(givenTicket([]).when(open('consultation', merchant), OPENED, ticketFacts({ order: null })).decision).toMatchObject({ code: 'validation', details: { rule: 'buyer' } });
  });

  it('refuses a second open of the same ticket id', () => {
    expect(givenTicket(opened()).when(open(), OPENED + MIN).refused()).toBe('invalid_state');
  });
});

describe('reply and the first-response SLA', () => {
  it('the merchant’s first answer stops the first-response clock, the resolution clock runs on', () => {
    const w = givenTicket(opened()).when(answer(), OPENED + 3 * HOUR);
    expect(w.types()).toEqual(['TicketMessagePosted', 'TicketDeadlineCleared']);
    expect(w.after()).toMatchObject({ firstResponseAt: OPENED + 3 * HOUR, awaitingResponse: false });
    expect(w.after().deadlines.ticket_first_response).toBeNull();
    expect(w.after().deadlines.ticket_resolution).not.toBeNull();
  });

  it('a buyer’s follow-up changes no clock', () => {
    expect(givenTicket(opened()).when(tcmd({ kind: 'reply', message: '在吗?' }, buyer), OPENED + HOUR).types()).toEqual(['TicketMessagePosted']);
  });

  it('keeps attachments as evidence of the party that sent them', () => {
    const w = givenTicket(opened()).when(tcmd({ kind: 'reply', message: '', attachments: [{ kind: 'photo', sha256: 'a'.repeat(64) }] }, buyer), OPENED + HOUR);
    expect(w.after().messages[1]).toMatchObject({ party: 'buyer', text: '', attachments: [{ kind: 'photo', party: 'buyer', at: OPENED + HOUR }] });
  });

  it('records a missed first response at its due instant, to the minute', () => {
    const w = fireTicket(opened(), 'ticket_first_response');
    expect(w.types()).toEqual(['TicketDeadlineExpired', 'TicketSlaBreached']);
    expect(w.after().slaBreaches).toEqual([{ sla: 'first_response', at: OPENED + 24 * HOUR }]);
    expect(w.after().escalated).toBe(false);
    // An answer a minute before the due instant is in time: nothing is left to fire.
    const inTime = ticketHistory([[open(), OPENED], [answer(), OPENED + 24 * HOUR - MIN]]);
    const stale = givenTicket(inTime).when(tcmd({ kind: 'fire_ticket_deadline', deadline: 'ticket_first_response', dueAt: OPENED + 24 * HOUR }, { role: 'system' }), OPENED + 24 * HOUR);
    expect(stale.events()).toEqual([]);
  });

  it('refuses the platform before escalation, and a stranger always', () => {
    expect(givenTicket(opened()).when(answer(platform), OPENED + HOUR).refused()).toBe('forbidden');
    expect(givenTicket(opened()).when(answer({ role: 'merchant', id: 'S9' }), OPENED + HOUR).refused()).toBe('forbidden');
    expect(givenTicket(opened()).when(tcmd({ kind: 'reply', message: 'hi' }, { role: 'buyer', id: 'B9' }), OPENED + HOUR).refused()).toBe('forbidden');
  });

  it('refuses a reply on a resolved ticket (the buyer reopens it instead)', () => {
    expect(givenTicket(resolved()).when(tcmd({ kind: 'reply', message: '还有问题' }, buyer), RESOLVED + HOUR).refused()).toBe('invalid_state');
  });
});

describe('resolution SLA and escalation', () => {
  it('a missed resolution is a breach and escalates to the platform, which may then reply and resolve', () => {
    const events = ticketHistory([[open(), OPENED], [answer(), OPENED + HOUR]]);
    const w = fireTicket(events, 'ticket_resolution');
    expect(w.types()).toEqual(['TicketDeadlineExpired', 'TicketSlaBreached', 'TicketEscalated']);
    expect(w.after()).toMatchObject({ escalated: true, escalatedAt: at('2026-04-22T10:00:00+08:00'), slaBreaches: [{ sla: 'resolution', at: at('2026-04-22T10:00:00+08:00') }] });
    const after = [...events, ...w.events()];
    const later = at('2026-04-22T11:00:00+08:00');
    expect(givenTicket(after).when(answer(platform), later).types()).toEqual(['TicketMessagePosted']);
    expect(givenTicket(after).when(resolve(platform), later).after()).toMatchObject({ status: 'resolved', resolvedBy: 'platform' });
  });

  it('resolving clears both SLA clocks and starts the close after ticket_reopen_days', () => {
    const w = givenTicket(opened()).when(resolve(), RESOLVED);
    expect(w.types()).toEqual(['TicketDeadlineCleared', 'TicketDeadlineCleared', 'TicketResolved', 'TicketDeadlineStarted']);
    expect(w.after().deadlines).toMatchObject({ ticket_first_response: null, ticket_resolution: null, ticket_close: { dueAt: RESOLVED + 7 * DAY } });
  });

  it('refuses the buyer resolving, and resolving twice', () => {
    expect(givenTicket(opened()).when(resolve(buyer), RESOLVED).refused()).toBe('forbidden');
    expect(givenTicket(resolved()).when(resolve(), RESOLVED + HOUR).refused()).toBe('invalid_state');
  });
});

describe('reopen, rate, close', () => {
  it('the buyer reopens within ticket_reopen_days: both SLAs run again from the reopening', () => {
    const when = RESOLVED + 7 * DAY - MIN;
    const t = givenTicket(resolved()).when(reopen(), when).after();
    expect(t).toMatchObject({ status: 'open', reopened: 1, awaitingResponse: true, resolvedAt: null });
    expect(t.deadlines.ticket_first_response!.dueAt).toBe(when + 24 * HOUR);
    expect(t.deadlines.ticket_close).toBeNull();
  });

  it('refuses a reopen at the end of the window, to the minute (window_expired)', () => {
    expect(givenTicket(resolved()).when(reopen(), RESOLVED + 7 * DAY).decision).toMatchObject({ code: 'window_expired', details: { rule: 'ticket_reopen_days' } });
    expect(givenTicket(opened()).when(reopen(), OPENED + HOUR).refused()).toBe('invalid_state');
  });

  it('rates once, 1–5, within the window; the ticket stays resolved until the system closes it', () => {
    const w = givenTicket(resolved()).when(rate(4), RESOLVED + HOUR);
    expect(w.after()).toMatchObject({ csat: 4, status: 'resolved' });
    const rated = [...resolved(), ...w.events()];
    expect(givenTicket(rated).when(rate(5), RESOLVED + 2 * HOUR).decision).toMatchObject({ code: 'not_eligible', details: { rule: 'csat_once' } });
    for (const bad of [0, 6, 3.5]) expect(givenTicket(resolved()).when(rate(bad), RESOLVED + HOUR).refused()).toBe('validation');
    expect(givenTicket(opened()).when(rate(3), OPENED + HOUR).refused()).toBe('invalid_state');
    const closed = fireTicket(rated, 'ticket_close');
    expect(closed.types()).toEqual(['TicketDeadlineExpired', 'TicketClosed']);
    expect(closed.after()).toMatchObject({ status: 'closed', closedAt: RESOLVED + 7 * DAY, csat: 4 });
  });

  it('refuses rating and reopening a closed ticket', () => {
    const closed = [...resolved(), ...fireTicket(resolved(), 'ticket_close').events()];
    expect(givenTicket(closed).when(rate(5), RESOLVED + 8 * DAY).refused()).toBe('window_expired');
    expect(givenTicket(closed).when(reopen(), RESOLVED + 8 * DAY).refused()).toBe('window_expired');
    expect(givenTicket(closed).when(answer(), RESOLVED + 8 * DAY).refused()).toBe('invalid_state');
  });
});

describe('carrier claims', () => {
  const claim = (amount: number) => tcmd({ kind: 'claim_carrier', claimKind: 'lost', amount, carrier: 'SF', tracking: 'SF1001' }, merchant);
  it('the merchant claims up to the order’s paid amount on a logistics ticket, then settles what was recovered', () => {
    const events = opened('logistics');
    expect(givenTicket(events).when(claim(4901), OPENED + HOUR).decision).toMatchObject({ code: 'amount_exceeds_refundable', details: { paid: 4900 } });
    const c = givenTicket(events).when(claim(4900), OPENED + HOUR);
    expect(c.after().claims).toEqual([{ id: 'T1-C1', kind: 'lost', carrier: 'SF', tracking: 'SF1001', amount: 4900, claimedAt: OPENED + HOUR, recovered: null, settledAt: null }]);
    const claimed = [...events, ...c.events()];
    expect(givenTicket(claimed).when(claim(100), OPENED + 2 * HOUR).refused()).toBe('invalid_state');
    expect(givenTicket(claimed).when(tcmd({ kind: 'settle_carrier_claim', amount: 5000 }, merchant), OPENED + DAY).refused()).toBe('amount_exceeds_refundable');
    const s = givenTicket(claimed).when(tcmd({ kind: 'settle_carrier_claim', amount: 3000 }, merchant), OPENED + DAY);
    expect(s.events()).toMatchObject([{ type: 'CarrierClaimSettled', claimed: 4900, recovered: 3000 }]);
  });

  it('refuses a claim on a consultation, by the buyer, and a settlement with no open claim', () => {
    expect(givenTicket(opened('consultation')).when(claim(100), OPENED + HOUR).refused()).toBe('not_eligible');
    expect(givenTicket(opened('logistics')).when(tcmd({ kind: 'claim_carrier', claimKind: 'lost', amount: 100 }, buyer), OPENED + HOUR).refused()).toBe('forbidden');
    expect(givenTicket(opened('logistics')).when(tcmd({ kind: 'settle_carrier_claim', amount: 0 }, merchant), OPENED + HOUR).refused()).toBe('invalid_state');
  });
});

describe('available actions', () => {
  it('are what the decider accepts now, per party', async () => {
    const { availableTicketActions } = await import('./actions.ts');
    const p = policy('tmall', OPENED);
    const t = givenTicket(opened('logistics')).state!;
    expect(availableTicketActions(t, merchant, p, OPENED + HOUR)).toEqual(['reply', 'resolve', 'claim_carrier']);
    expect(availableTicketActions(t, buyer, p, OPENED + HOUR)).toEqual(['reply']);
    expect(availableTicketActions(t, platform, p, OPENED + HOUR)).toEqual([]);
    const r = givenTicket(resolved()).state!;
    expect(availableTicketActions(r, buyer, p, RESOLVED + HOUR)).toEqual(['reopen', 'rate']);
    expect(availableTicketActions(r, buyer, p, RESOLVED + 7 * DAY)).toEqual([]);
  });
});
