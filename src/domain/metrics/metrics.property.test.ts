// Property tests (fast-check) of SPEC §8.4's promise that rollups are only a faster way to the same
// numbers: over random fact histories and random windows, summing the daily rollups of the whole
// days plus the two partial days read from the facts gives exactly the recount from the facts; and
// the facts written decision by decision are the facts a replay of the history finds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDateOf } from '../calendar.ts';
import type { DomainEvent } from '../events.ts';
import type { Actor, CaseType } from '../types.ts';
import { addFacts, emptySums, metricsOf, splitWindow, totalsFromFacts, windowOf, type WindowTotals } from './compute.ts';
import { caseFactsOf, factsFromHistory, firstOfEach, isSummed, METRIC_COUNTERS, type MetricFact } from './facts.ts';

const TZ = 'Asia/Shanghai';
const T0 = Date.parse('2026-01-01T00:00:00+08:00');
const DAY = 86_400_000;

const factArb = fc.record({
  counter: fc.constantFrom(...METRIC_COUNTERS),
  at: fc.integer({ min: T0, max: T0 + 120 * DAY }),
  order: fc.integer({ min: 1, max: 30 }),
  value: fc.integer({ min: 0, max: 400 * 3_600_000 }),
});

/** The store's path: rollups per (day, counter) for whole days, the facts for the partial ends. */
function viaRollups(facts: readonly MetricFact[], from: number, to: number): WindowTotals {
  const rollup = new Map<string, { n: number; total: number }>();
  for (const f of facts) {
    if (!isSummed(f.counter)) continue;
    const k = `${localDateOf(f.at, TZ)}|${f.counter}`;
    const r = rollup.get(k) ?? { n: 0, total: 0 };
    rollup.set(k, { n: r.n + 1, total: r.total + f.value });
  }
  const { head, days, tail } = splitWindow(from, to, TZ);
  const t: WindowTotals = { sums: emptySums(), interventionOrders: 0, firstResponses: [] };
  for (const day of days) {
    for (const c of METRIC_COUNTERS) {
      const r = rollup.get(`${day}|${c}`);
      if (r) {
        t.sums[c].n += r.n;
        t.sums[c].total += r.total;
      }
    }
  }
  const none = new Set<string>();
  addFacts(t, facts, head[0], head[1], none);
  addFacts(t, facts, tail[0], tail[1], none);
  // samples over the whole window, as the store reads them
  const samples = { sums: emptySums(), interventionOrders: 0, firstResponses: [] as number[] };
  addFacts(samples, facts, from, to, new Set(), false);
  return { ...t, interventionOrders: samples.interventionOrders, firstResponses: samples.firstResponses };
}

describe('rollups = recount (SPEC §8.4)', () => {
  it('for any history, any instant and any window length', () => {
    fc.assert(
      fc.property(fc.array(factArb, { maxLength: 200 }), fc.integer({ min: T0, max: T0 + 130 * DAY }), fc.integer({ min: 1, max: 60 }), (raw, at, days) => {
        const facts: MetricFact[] = raw.map((r, i) => ({ shopId: 'S1', counter: r.counter, ref: `O${r.order}#${i}`, at: r.at, orderId: `O${r.order}`, value: r.value }));
        const { from, to } = windowOf(at, days, TZ);
        const direct = totalsFromFacts(facts, from, to);
        const rolled = viaRollups(facts, from, to);
        expect(rolled.sums).toEqual(direct.sums);
        expect(rolled.interventionOrders).toBe(direct.interventionOrders);
        expect([...rolled.firstResponses].sort()).toEqual([...direct.firstResponses].sort());
        expect(metricsOf(rolled, 0)).toEqual(metricsOf(direct, 0));
      }),
      { numRuns: 300 },
    );
  });
});

/** A random order history: applications, merchant answers, escalations, refunds, in time order. */
const historyArb = fc.array(
  fc.record({
    kind: fc.constantFrom('apply', 'agree', 'escalate', 'refund', 'expire', 'paid', 'completed'),
    caseNo: fc.integer({ min: 1, max: 3 }),
    gap: fc.integer({ min: 1, max: 48 * 3_600_000 }),
    merchant: fc.boolean(),
    batch: fc.boolean(),
  }),
  { maxLength: 40 },
);

function eventsOf(steps: { kind: string; caseNo: number; gap: number; merchant: boolean }[]): { event: DomainEvent; actor: Actor }[] {
  let t = T0;
  return steps.map((s) => {
    t += s.gap;
    const caseId = `C${s.caseNo}`;
    const actor: Actor = s.merchant ? { role: 'merchant', id: 'S1' } : { role: 'buyer', id: 'B1' };
    const e = ((): DomainEvent => {
      switch (s.kind) {
        case 'apply':
          return { type: 'CaseApplied', at: t, caseId, orderId: 'O1', shopId: 'S1', buyerId: 'B1', caseType: s.merchant ? 'return_refund' : 'refund_only', reason: s.merchant ? 'quality_issue' : 'no_longer_needed', phase: s.merchant ? 'after_sale' : 'in_sale', lines: [], amount: 100, shippingFeePart: 0, intact: null, note: null, evidence: [], liability: 'merchant', appliedAfterShipBy: false };
        case 'agree':
          return { type: 'MerchantAgreed', at: t, caseId, by: 'merchant', returnAddress: null, to: 'refunding' };
        case 'escalate':
          return { type: 'CaseEscalated', at: t, caseId, by: 'buyer', reason: null, resumeStatus: 'rejected', to: 'in_arbitration' };
        case 'refund':
          return { type: 'RefundCompleted', at: t, caseId, refundId: `R${t}` };
        case 'expire':
          return { type: 'CaseDeadlineExpired', at: t, caseId, kind: 'merchant_response', dueAt: t };
        case 'paid':
          return { type: 'OrderPaid', at: t, shipBy: t };
        default:
          return { type: 'OrderCompleted', at: t, by: 'buyer' };
      }
    })();
    return { event: e, actor: s.kind === 'expire' ? { role: 'system' } : actor };
  });
}

describe('facts written decision by decision = facts of a replay', () => {
  it('whatever the batching of events into decisions', () => {
    fc.assert(
      fc.property(historyArb, (steps) => {
        const evs = eventsOf(steps);
        // Decisions: a run of events by one actor, cut where the step says so.
        const written: MetricFact[] = [];
        const applied = new Map<string, number>();
        const types = new Map<string, CaseType>();
        let seq = 0;
        for (let i = 0; i < evs.length; ) {
          let j = i + 1;
          while (j < evs.length && steps[j]!.batch && evs[j]!.actor.role === evs[i]!.actor.role) j++;
          const batch = evs.slice(i, j);
          written.push(...caseFactsOf(batch.map((b) => b.event), { shopId: 'S1', orderId: 'O1', baseSeq: seq, actor: batch[0]!.actor, appliedAt: (id) => applied.get(id) ?? null, caseType: (id) => types.get(id) ?? null }));
          for (const b of batch) if (b.event.type === 'CaseApplied') {
            applied.set(b.event.caseId, b.event.at);
            types.set(b.event.caseId, b.event.caseType);
          }
          seq += batch.length;
          i = j;
        }
        const replay = factsFromHistory('S1', evs.map((e, k) => ({ orderId: 'O1', seq: k + 1, event: e.event, actor: e.actor })), []);
        expect(firstOfEach(written)).toEqual(replay);
      }),
      { numRuns: 300 },
    );
  });
});
