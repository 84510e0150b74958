// SPEC §13 through the application layer and the store: the label provider's idempotency, the
// label on the case view, and the ledger entry of a platform refund for a late seller.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinPacks } from '../src/app/packs.ts';
import { simulatedLabelProvider } from '../src/app/return-labels.ts';
import { parseScenario } from '../src/app/scenario.ts';
import { runScenario } from '../src/app/simulate.ts';
import { caseView } from '../src/app/views.ts';
import { openPglite, type Database } from '../src/store/db.ts';
import { at, buyer, given, history, orderInput, place, policy } from './domain-kit.ts';

describe('the case view', () => {
  it('carries the label and who pays it (SPEC §13), null on a case without one', () => {
    const us = policy('amazon-us', at('2026-06-01T00:00:00-07:00'));
    const t = at('2026-06-04T15:00:00-07:00');
    const events = history(us, place(orderInput({ placed_at: t - 86_400_000, paid_at: t - 86_400_000, shipped_at: t - 3_600_000, signed_at: t })));
    const label = { carrier: 'UPS', tracking: '1ZSIM0000000000A', cost: 699 };
    const apply = (reason: 'size_or_color' | 'quality_issue', withLabel: boolean) =>
      given(events).when({ kind: 'apply', caseId: 'C1', args: { type: 'return_refund', reason, evidence: [{ kind: 'photo' }] }, ...(withLabel ? { label } : {}), actor: buyer }, t + 1000, us).after().cases.C1!;
    expect(caseView(apply('size_or_color', true), us.calendar.timeZone, 'USD')).toMatchObject({ status: 'awaiting_return', label, label_payer: 'buyer' });
    expect(caseView(apply('quality_issue', false), us.calendar.timeZone, 'USD')).toMatchObject({ status: 'requested', label: null, label_payer: null });
  });
});

describe('the simulated label provider', () => {
  it('answers the same label for the same case, another for another case, in a recorded format', async () => {
    const labels = simulatedLabelProvider();
    const a = await labels.label({ shopId: 'S1', orderId: 'O1', caseId: 'C1' });
    expect(await labels.label({ shopId: 'S1', orderId: 'O1', caseId: 'C1' })).toEqual(a);
    expect((await labels.label({ shopId: 'S1', orderId: 'O1', caseId: 'C2' })).tracking).not.toBe(a.tracking);
    expect(a).toMatchObject({ carrier: 'UPS', cost: 699 });
    expect(a.tracking).toMatch(/^1ZSIM[0-9A-F]{13}$/);
  });
});

describe('amazon-us refund after receipt in the store', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openPglite();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('writes platform_refund_debit for the late seller (two rows, as 先行赔付 claims are written)', async () => {
    const packs = builtinPacks();
    const file = 'amazon/refund-after-receipt.json';
    const s = parseScenario(file, readFileSync(join(import.meta.dirname, '..', 'scenarios', file), 'utf8'), (id) => packs.get(id) !== undefined);
    const run = await runScenario(db, packs, s);
    try {
      expect(run.expectations.filter((e) => !e.passed)).toEqual([]);
      const rows = await db.query<{ case_id: string; account: string; kind: string; amount: string }>(
        `SELECT case_id, account, kind, amount::text FROM ${run.schema}.ledger ORDER BY entry_id`,
      );
      // C3 (size_or_color, 4000 less the buyer's 699 label): the platform paid the buyer and debits the seller.
      expect(rows.rows).toEqual([
        { case_id: 'C3', account: 'merchant_claim', kind: 'platform_refund_debit', amount: '3301' },
        { case_id: 'C3', account: 'platform_advance', kind: 'platform_refund_debit', amount: '-3301' },
      ]);
    } finally {
      await db.exec(`DROP SCHEMA ${run.schema} CASCADE`);
    }
  });
});
