// Claim steps and `claim` checks in `aftersale simulate` (SPEC §13; docs/decisions.md "Scenario
// steps for claims"): an A-to-z or SAFE-T claim command by buyer, merchant or platform, bound by its
// scenario name, and the claim's fields (its ledger entries included) compared.
import type { ClaimCommand } from '../../domain/claim/commands.ts';
import type { Actor } from '../../domain/types.ts';
import type { Engine } from '../engine.ts';
import type { Step } from '../scenario.ts';
import { toClaimCommand } from './schemas.ts';
import { claimView } from './views.ts';

type Expect = (step: number, what: string, field: string, expected: unknown, found: unknown, detail?: string) => void;

export interface ClaimSteps {
  run(step: Extract<Step, { kind: 'claim' }>): Promise<void>;
  check(n: number, what: string, claimName: string, fields: Record<string, unknown>): Promise<void>;
}

/**
 * Claim steps of one scenario run. Scenario claim names serve as claim ids (unique within the run's
 * schema); `args.case` names a case of the scenario (bound by its `apply`).
 */
export function claimSteps(
  engine: Engine,
  file: string,
  tz: string,
  orders: Map<string, { shop: string; buyer: string }>,
  cases: Map<string, { caseId: string; order: string }>,
  expect: Expect,
): ClaimSteps {
  const bound = new Map<string, { id: string; order: string }>();

  async function check(n: number, what: string, claimName: string, fields: Record<string, unknown>) {
    const b = bound.get(claimName);
    const c = b ? await engine.getClaim(b.id) : null;
    const view = c ? (claimView(c, await engine.claimLedgerRows(c), tz) as unknown as Record<string, unknown>) : null;
    for (const [field, expected] of Object.entries(fields)) expect(n, what, field, expected, view ? view[field] : `(no claim ${claimName})`);
  }

  async function run(step: Extract<Step, { kind: 'claim' }>) {
    const n = step.index + 1;
    const what = `${step.command} ${step.claim}`;
    const binding = bound.get(step.claim);
    const orderName = step.order ?? binding?.order;
    const o = orderName ? orders.get(orderName) : undefined;
    if (step.order && !o) throw new Error(`${file}: step ${n}: unknown order ${step.order}`);
    const filing = step.command === 'atoz_claim' || step.command === 'safet_claim';
    const claimId = filing ? step.claim : (binding?.id ?? `unbound-${step.claim}`);
    const actor: Actor = { role: step.actor, id: step.as ?? (step.actor === 'buyer' ? o?.buyer : step.actor === 'merchant' ? o?.shop : 'platform') };
    const args = { ...((step.args as Record<string, unknown> | undefined) ?? {}) };
    if (typeof args.case === 'string') args.case = cases.get(args.case)?.caseId ?? `unbound-${args.case}`;
    const body = toClaimCommand(step.command, args);
    const r = 'ok' in body ? body : await engine.claimCommand({ ...body, claimId, actor } as ClaimCommand, { shopId: o?.shop, orderId: orderName });
    if (r.ok && filing) bound.set(step.claim, { id: claimId, order: orderName! });
    const { ok, error, ...fields } = step.expect;
    const detail = r.ok ? undefined : `${r.code}: ${r.message.en}`;
    if (ok !== undefined) expect(n, what, 'ok', ok, r.ok, detail);
    if (error !== undefined) expect(n, what, 'error', error, r.ok ? null : r.code, detail);
    if (ok === undefined && error === undefined && !r.ok) expect(n, what, 'ok', true, false, detail);
    if (Object.keys(fields).length) await check(n, what, step.claim, fields);
  }

  return { run, check };
}
