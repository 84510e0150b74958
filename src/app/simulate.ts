// `aftersale simulate`: runs scenario files against the real application layer and store (a fresh
// schema of the embedded database per file) with a simulated clock.
import { formatInstant, parseInstant } from '../domain/calendar.ts';
import type { Actor, Instant } from '../domain/types.ts';
import type { Database } from '../store/db.ts';
import { migrate } from '../store/migrations.ts';
import { SimulatedClock } from './clock.ts';
import { createEngine, type Engine, type Result } from './engine.ts';
import type { PackRegistry } from './packs.ts';
import { simulatedProvider } from './payments.ts';
import type { Scenario, ScenarioShop } from './scenario.ts';
import type { Refusal } from '../domain/errors.ts';
import { toCaseCommand, toOrderCommand, toOrderInput } from './schemas.ts';
import { caseView, orderView } from './views.ts';
import { parseOverrides } from '../domain/policy-schema.ts';
import type { PolicyPack, PolicyParams } from '../domain/policy.ts';
import { shopView } from '../domain/shop/status.ts';
import type { ComplaintCommand } from '../domain/complaint/commands.ts';
import { toComplaintCommand, toShopEvent } from './governance/schemas.ts';
import { complaintView } from './governance/views.ts';
import { metricsFields, performanceFields } from './metrics/scenario-check.ts';
import { ticketSteps } from './desk/simulate-ticket.ts';
import { claimSteps } from './claims/simulate-claim.ts';

export interface Expectation {
  file: string;
  step: number;
  what: string;
  field: string;
  expected: unknown;
  found: unknown;
  passed: boolean;
  /** What the engine said, when it refused. */
  detail?: string;
}

export interface ScenarioRun {
  file: string;
  name: string;
  expectations: Expectation[];
  engine: Engine;
  /** The schema the scenario ran in (callers drop it when done, unless they show it afterwards). */
  schema: string;
  /** Scenario case names → the case ids the engine bound them to. */
  cases: Map<string, { caseId: string; order: string }>;
}

let schemaCounter = 0;

/**
 * A shop registers a return address before it sells (SPEC §4 `agree`: "needs a return address,
 * default the shop's"); scenario files describe no addresses, so their shops get this one as their
 * default, which the engine fills into a merchant's `agree` that names none.
 */
export const SCENARIO_RETURN_ADDRESS = 'scenario return address';

/** Runs one scenario in a schema of its own on `db`. */
export async function runScenario(db: Database, givenPacks: PackRegistry, s: Scenario, schemaName?: string): Promise<ScenarioRun> {
  const schema = schemaName ?? `sim_${process.pid}_${++schemaCounter}`;
  let packs = givenPacks;
  await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await db.useSchema(schema);
  await migrate(db);
  const clock = new SimulatedClock(s.start);
  // FORMAT.md `parameters`: pack parameters set for this file only, as an operator tries a change.
  if (Object.keys(s.parameters).length) packs = withParameters(packs, s.file, s.parameters);
  const engine = createEngine({ db, packs, clock, payments: simulatedProvider(db, { now: () => clock.now() }), ...(s.rateLimit ? { rateLimit: s.rateLimit } : {}) });
  const tz = packs.get(s.policy)!.timeZone;
  const results: Expectation[] = [];
  const bound = new Map<string, { caseId: string; order: string }>();
  const complaints = new Map<string, { id: string; order: string }>();
  const run: ScenarioRun = { file: s.file, name: s.name, expectations: results, engine, schema, cases: bound };
  const expect = (step: number, what: string, field: string, expected: unknown, found: unknown, detail?: string) =>
    results.push({ file: s.file, step, what, field, expected, found, passed: same(expected, found), ...(detail ? { detail } : {}) });

  // Shops: those listed, and any an order names (category `general`).
  const shopIds = new Set(s.shops.map((x) => x.id));
  for (const o of s.orders) if (typeof o.shop === 'string') shopIds.add(o.shop);
  for (const id of shopIds) {
    const listed = s.shops.find((x) => x.id === id);
    const r = await engine.upsertShop({
      id,
      category: listed?.category ?? 'general',
      pack: s.policy,
      overrides: s.overrides,
      returnAddress: SCENARIO_RETURN_ADDRESS,
      ...(listed?.depositRequired !== undefined ? { depositRequired: listed.depositRequired } : {}),
      ...(listed?.deposit !== undefined ? { deposit: listed.deposit } : {}),
    });
    // SPEC §10.2: the shop's automation rules, as its merchant would save them.
    const auto = r.ok && listed && (listed.rules || listed.returnShippingEstimate !== undefined || listed.returnlessThreshold !== undefined) ? await loadAutomation(engine, listed) : r;
    const refused = !r.ok ? r : !auto.ok ? auto : null;
    if (refused) {
      if (s.expectLoadError) {
        expect(0, 'load', 'error', s.expectLoadError, refused.code);
        return run;
      }
      throw new Error(`${s.file}: cannot load: ${refused.code}: ${refused.message.en}`);
    }
  }
  // FORMAT.md `buyers`: risk history from before the start (SPEC §10.4).
  for (const b of s.buyers) {
    const r = await engine.importRiskHistory(b.id, b.riskHistory, s.start);
    if (r) throw new Error(`${s.file}: buyer ${b.id}: ${r.code}: ${r.message.en}`);
  }
  const orders = new Map<string, { shop: string; buyer: string }>();
  for (const raw of s.orders) {
    const input = toOrderInput(raw);
    if ('ok' in input) throw new Error(`${s.file}: order ${String((raw as { id?: unknown }).id)}: ${input.message.en}`);
    const r = await engine.placeOrder(input, { role: 'platform' });
    // An order the engine refuses (SPEC §13: a currency not its shop's) is a load error too.
    if (!r.ok && s.expectLoadError) {
      expect(0, 'load', 'error', s.expectLoadError, r.code);
      return run;
    }
    if (!r.ok) throw new Error(`${s.file}: order ${input.id}: ${r.code}: ${r.message.en}`);
    orders.set(input.id, { shop: input.shop, buyer: input.buyer });
  }
  if (s.expectLoadError) expect(0, 'load', 'error', s.expectLoadError, null);

  const tickets = ticketSteps(engine, s.file, orders, bound, expect);
  const claims = claimSteps(engine, s.file, tz, orders, bound, expect);
  for (const step of s.steps) {
    if (step.at !== undefined) await advance(engine, clock, step.at);
    const n = step.index + 1;
    if (step.kind === 'ticket') {
      await tickets.run(step);
      continue;
    }
    if (step.kind === 'claim') {
      await claims.run(step);
      continue;
    }
    if (step.kind === 'check') {
      if (step.buyer !== undefined) await checkBuyer(n, step.buyer, step.fields);
      else if (step.claim !== undefined) await claims.check(n, `check ${step.claim}`, step.claim, step.fields);
      else if (step.ticket !== undefined) await tickets.check(n, `check ${step.ticket}`, step.ticket, step.fields);
      else if (step.complaint !== undefined || step.shop !== undefined) await checkGovernance(n, `check ${step.complaint ?? step.shop}`, step.complaint, step.shop, step.fields);
      else await checkFields(n, `check ${step.case ?? step.order}`, step.case, step.order, step.fields);
      continue;
    }
    if (step.kind === 'complaint') {
      const what = `${step.command} ${step.complaint}`;
      const binding = complaints.get(step.complaint);
      const orderName = step.order ?? binding?.order;
      const o = orderName ? orders.get(orderName) : undefined;
      if (step.order && !o) throw new Error(`${s.file}: step ${n}: unknown order ${step.order}`);
      // Scenario names are unique within the scenario's own schema, so they serve as complaint ids.
      const complaintId = step.command === 'complain' ? step.complaint : (binding?.id ?? `unbound-${step.complaint}`);
      const actor: Actor = { role: step.actor, id: step.as ?? (step.actor === 'buyer' ? o?.buyer : step.actor === 'merchant' ? o?.shop : 'platform') };
      const body = toComplaintCommand(step.command, step.args);
      const r = 'ok' in body ? body : await engine.complaintCommand({ ...body, complaintId, actor } as ComplaintCommand, { shopId: o?.shop, orderId: orderName });
      if (r.ok && step.command === 'complain') complaints.set(step.complaint, { id: complaintId, order: orderName! });
      const { ok, error, ...fields } = step.expect;
      const detail = r.ok ? undefined : `${r.code}: ${r.message.en}`;
      if (ok !== undefined) expect(n, what, 'ok', ok, r.ok, detail);
      if (error !== undefined) expect(n, what, 'error', error, r.ok ? null : r.code, detail);
      if (ok === undefined && error === undefined && !r.ok) expect(n, what, 'ok', true, false, detail);
      if (Object.keys(fields).length) await checkGovernance(n, what, step.complaint, undefined, fields);
      continue;
    }
    if (step.kind === 'shop_event') {
      const what = `event ${step.event} ${step.shop}`;
      const body = toShopEvent(step.event, step.args);
      // A top-up is the shop paying in; a reopening is the platform's.
      const actor: Actor = step.event === 'deposit_topup' ? { role: 'merchant', id: step.as ?? step.shop } : { role: 'platform', id: step.as ?? 'platform' };
      const r = 'ok' in body ? body : await engine.shopCommand(step.shop, body, actor);
      const { ok, error, ...fields } = step.expect;
      const detail = r.ok ? undefined : `${r.code}: ${r.message.en}`;
      if (ok !== undefined) expect(n, what, 'ok', ok, r.ok, detail);
      if (error !== undefined) expect(n, what, 'error', error, r.ok ? null : r.code, detail);
      if (ok === undefined && error === undefined && !r.ok) expect(n, what, 'ok', true, false, detail);
      if (Object.keys(fields).length) await checkGovernance(n, what, undefined, step.shop, fields);
      continue;
    }
    if (step.kind === 'order_event') {
      const o = orders.get(step.order);
      if (!o) throw new Error(`${s.file}: step ${n}: unknown order ${step.order}`);
      const cmd = toOrderCommand(step.event, step.args);
      const actor = orderActor(step.event, o, step.as);
      const r: Result = 'ok' in cmd ? cmd : await engine.orderCommand(o.shop, step.order, cmd, actor);
      if (!r.ok && step.expect.ok === undefined && step.expect.error === undefined) {
        expect(n, `event ${step.event} ${step.order}`, 'ok', true, false, `${r.code}: ${r.message.en}`);
      }
      await checkOutcome(n, `event ${step.event} ${step.order}`, r, step.expect, undefined, step.order);
      continue;
    }
    const what = `${step.command} ${step.case}`;
    const binding = bound.get(step.case);
    const orderName = step.order ?? binding?.order;
    const o = orderName ? orders.get(orderName) : undefined;
    if (step.order && !o) throw new Error(`${s.file}: step ${n}: unknown order ${step.order}`);
    // Scenario names are unique within the scenario's own schema, so they serve as case ids.
    const caseId = step.command === 'apply' ? step.case : (binding?.caseId ?? `unbound-${step.case}`);
    const cmd = toCaseCommand(step.command, caseId, step.args, 'file');
    const actor: Actor = { role: step.actor, id: step.as ?? (step.actor === 'buyer' ? o?.buyer : step.actor === 'merchant' ? o?.shop : 'platform') };
    const r: Result =
      'ok' in cmd
        ? cmd
        : await engine.caseCommand(cmd, actor, {
            shopId: o?.shop,
            orderId: orderName,
            idempotencyKey: step.idempotencyKey,
            expectedVersion: step.expectedVersion,
          });
    if (r.ok && step.command === 'apply') bound.set(step.case, { caseId, order: orderName! });
    await checkOutcome(n, what, r, step.expect, step.case, undefined);
  }
  return run;

  async function checkOutcome(n: number, what: string, r: Result, exp: Record<string, unknown>, caseName?: string, orderName?: string) {
    const { ok, error, ...fields } = exp;
    const detail = r.ok ? undefined : `${r.code}: ${r.message.en}`;
    if (ok !== undefined) expect(n, what, 'ok', ok, r.ok, detail);
    if (error !== undefined) expect(n, what, 'error', error, r.ok ? null : r.code, detail);
    if (Object.keys(fields).length) await checkFields(n, what, caseName, orderName, fields);
  }

  /** Buyer fields (FORMAT.md: `risk_band`), as the platform sees them now. */
  async function checkBuyer(n: number, buyerId: string, fields: Record<string, unknown>) {
    const r = await engine.buyerRisk({ kind: 'platform' }, buyerId, clock.now());
    const view: Record<string, unknown> = 'ok' in r ? {} : { risk_band: r.band, risk_score: r.score };
    for (const [field, expected] of Object.entries(fields)) expect(n, `check ${buyerId}`, field, expected, view[field]);
  }

  /** Complaint fields and shop fields (FORMAT.md "Governance"), at the simulated clock's instant. */
  async function checkGovernance(n: number, what: string, complaintName: string | undefined, shopId: string | undefined, fields: Record<string, unknown>) {
    let view: Record<string, unknown> | null = null;
    if (complaintName !== undefined) {
      const b = complaints.get(complaintName);
      const c = b ? await engine.getComplaint(b.id) : null;
      view = c ? (complaintView(c) as unknown as Record<string, unknown>) : null;
    } else if (shopId !== undefined) {
      const g = await engine.shopGovernance(shopId);
      if (g) {
        const v = shopView(g.shop, g.policy, g.now);
        view = { ...v, restricted_until: v.restricted_until === null ? null : formatInstant(v.restricted_until, tz), deposit_topup_due: v.deposit_topup_due === null ? null : formatInstant(v.deposit_topup_due, tz) };
      }
      if (view && ('metrics' in fields || 'category_average' in fields)) Object.assign(view, await metricsFields(engine, shopId, fields));
      if (view && ('performance' in fields || 'performance_notices' in fields)) Object.assign(view, await performanceFields(engine, shopId, fields));
    }
    for (const [field, expected] of Object.entries(fields)) {
      expect(n, what, field, expected, view ? view[field] : `(no ${complaintName !== undefined ? `complaint ${complaintName}` : `shop ${shopId}`})`);
    }
  }

  async function checkFields(n: number, what: string, caseName: string | undefined, orderName: string | undefined, fields: Record<string, unknown>) {
    let view: Record<string, unknown> | null = null;
    if (caseName) {
      const b = bound.get(caseName);
      const c = b ? await engine.getCase(b.caseId) : null;
      const o = c ? await engine.getOrder(c.shopId, c.orderId) : null;
      view = c && o ? (caseView(c, tz, o.currency) as unknown as Record<string, unknown>) : null;
    } else if (orderName) {
      const o = orders.get(orderName);
      const state = o ? await engine.getOrder(o.shop, orderName) : null;
      view = state ? (orderView(state, tz) as unknown as Record<string, unknown>) : null;
    }
    for (const [field, expected] of Object.entries(fields)) {
      expect(n, what, field, expected, view ? view[field] : `(no ${caseName ? `case ${caseName}` : `order ${orderName}`})`);
    }
  }
}

async function loadAutomation(engine: Engine, shop: ScenarioShop): Promise<{ ok: true } | Refusal> {
  const r = await engine.setAutomation({ kind: 'platform' }, shop.id, {
    ...(shop.rules !== undefined ? { rules: shop.rules } : {}),
    ...(shop.returnShippingEstimate !== undefined ? { return_shipping_estimate: shop.returnShippingEstimate } : {}),
    ...(shop.returnlessThreshold !== undefined ? { returnless_threshold: shop.returnlessThreshold } : {}),
  });
  return 'ok' in r ? r : { ok: true };
}

/** Moves the clock to `to`, firing every deadline due on the way at its own due instant. */
export async function advance(engine: Engine, clock: SimulatedClock, to: Instant): Promise<void> {
  for (let d = await engine.nextDue(to); d; d = await engine.nextDue(to)) {
    clock.set(Math.max(clock.now(), d.dueAt));
    await engine.fire(d);
  }
  clock.set(to);
}

function orderActor(event: string, o: { shop: string; buyer: string }, as?: string): Actor {
  if (event === 'complete' || event === 'extend_auto_confirm') return { role: 'buyer', id: as ?? o.buyer };
  if (event === 'ship') return { role: 'merchant', id: as ?? o.shop };
  return { role: 'platform', id: as ?? 'platform' };
}

/** Compares an expectation: instants as instants, objects field by field. */
export function same(expected: unknown, found: unknown): boolean {
  if (typeof expected === 'string' && typeof found === 'string') {
    const a = parseInstant(expected);
    const b = parseInstant(found);
    if (a !== null && b !== null) return a === b;
    return expected === found;
  }
  if (expected === null || found === null || typeof expected !== 'object' || typeof found !== 'object') return expected === found;
  const e = expected as Record<string, unknown>;
  const f = found as Record<string, unknown>;
  return Object.keys(e).every((k) => same(e[k], f[k])) && Object.keys(f).every((k) => k in e);
}

export function describe(x: unknown, tz = 'Asia/Shanghai'): string {
  if (typeof x === 'number' && x > 1e12) return formatInstant(x, tz);
  return typeof x === 'string' ? x : JSON.stringify(x);
}

/** The packs with `parameters` set in every version of every pack (FORMAT.md: for this file only). */
function withParameters(packs: PackRegistry, file: string, parameters: Record<string, unknown>): PackRegistry {
  const parsed = parseOverrides(parameters);
  if ('ok' in parsed) throw new Error(`${file}: parameters: ${parsed.message.en}`);
  const patch = (p: PolicyPack): PolicyPack => ({ ...p, versions: p.versions.map((v) => ({ ...v, params: { ...v.params, ...(parsed as Partial<PolicyParams>) } })) });
  const patched = new Map(packs.list().map((p) => [p.id, patch(p)]));
  return { get: (id) => patched.get(id), list: () => [...patched.values()] };
}
