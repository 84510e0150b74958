// The public scenario files replayed through the HTTP API on sandbox shops with test clocks: the
// same expectations `aftersale simulate` checks, reached only through /v1 with keys and tokens.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../src/app/clock.ts';
import { createEngine } from '../src/app/engine.ts';
import { builtinPacks } from '../src/app/packs.ts';
import { simulatedProvider } from '../src/app/payments.ts';
import { parseScenario } from '../src/app/scenario.ts';
import { same, SCENARIO_RETURN_ADDRESS } from '../src/app/simulate.ts';

/** Scenario shops have a return address on file (as `aftersale simulate` gives them): an agree naming none uses it. */
const argsOf = (command: string, args: unknown): object => {
  const a = (args as Record<string, unknown> | undefined) ?? {};
  if (command === 'agree' && !a.return_address) return { ...a, return_address: SCENARIO_RETURN_ADDRESS };
  // The API asks what FORMAT.md leaves optional (issue 15): an escalation's reason, a ruling's note;
  // a file's ruling is a confirmed one (src/app/schemas.ts CommandSource).
  if (command === 'escalate' && !a.reason) return { ...a, reason: 'scenario escalation' };
  if (command === 'rule') return { note: 'scenario ruling', force: true, ...a };
  return a;
};
import { runDeadlines } from '../src/app/runner.ts';
import { formatInstant } from '../src/domain/calendar.ts';
import { createApiKey, issueBuyerToken } from '../src/app/credentials.ts';
import { buildServer } from '../src/http/server.ts';
import { openPglite, openPostgres, type Database } from '../src/store/db.ts';
import { HAVE_PG, PG_URL } from './postgres.ts';
import { migrate } from '../src/store/migrations.ts';

const SECRET = 'scenario-secret';
const dir = join(import.meta.dirname, '..', 'scenarios', 'public');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

const engines: [string, () => Promise<Database>][] = [['PGlite', () => openPglite()]];
if (HAVE_PG) engines.push(['PostgreSQL', () => openPostgres(PG_URL)]);

describe.each(engines)('public scenarios through the HTTP API on sandbox test clocks (%s)', (name, open) => {
  let db: Database;
  let app: Awaited<ReturnType<typeof buildServer>>;
  let platform = '';
  let engine: ReturnType<typeof createEngine>;
  let compared = 0;
  const schema = `http_scenarios_${process.pid}_${name.toLowerCase()}`;
  beforeAll(async () => {
    db = await open();
    await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.useSchema(schema);
    await migrate(db);
    engine = createEngine({ db, packs: builtinPacks(), clock: systemClock, payments: simulatedProvider(db) });
    platform = await createApiKey(db, '_platform', 'test', Date.now());
    app = await buildServer({ engine, tokenSecret: SECRET });
  });
  afterAll(async () => {
    await app?.close();
    await db?.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db?.close();
  });

  afterAll(() => {
    // Guard against a replay that checks nothing.
    expect(compared).toBeGreaterThan(150);
  });

  files.forEach((file, index) => {
    it(file, async () => {
      const packs = builtinPacks();
      const s = parseScenario(file, readFileSync(join(dir, file), 'utf8'), (id) => packs.get(id) !== undefined);
      const tz = packs.get(s.policy)!.timeZone;
      const px = `h${index}-`;
      const call = async (method: 'GET' | 'POST', url: string, auth: string, body?: unknown, headers: Record<string, string> = {}) => {
        const r = await app.inject({ method, url, payload: body as object, headers: { authorization: `Bearer ${auth}`, ...headers } });
        return { status: r.statusCode, json: r.json() };
      };
      const keys = new Map<string, string>();
      const shopIds = new Set([...s.shops.map((x) => x.id), ...s.orders.map((o) => String(o.shop))]);
      for (const id of shopIds) {
        const r = await call('POST', '/v1/sandbox/shops', platform, {
          id: px + id,
          pack: s.policy,
          category: s.shops.find((x) => x.id === id)?.category ?? 'general',
          overrides: s.overrides,
          start: formatInstant(s.start, tz),
        });
        expect(r.status, JSON.stringify(r.json)).toBe(201);
        keys.set(id, r.json.key);
      }
      const orders = new Map<string, { shop: string; buyer: string }>();
      for (const o of s.orders) {
        const r = await call('POST', '/v1/orders', keys.get(String(o.shop))!, { ...o, shop: px + o.shop, buyer: px + o.buyer });
        expect(r.status, JSON.stringify(r.json)).toBe(201);
        orders.set(String(o.id), { shop: String(o.shop), buyer: String(o.buyer) });
      }
      const token = (buyer: string) => issueBuyerToken(SECRET, px + buyer, Date.now() + 3_600_000);
      const bound = new Map<string, string>();
      const failures: string[] = [];
      const compare = (n: number, field: string, expected: unknown, found: unknown) => {
        compared++;
        if (!same(expected, found)) failures.push(`step ${n}: ${field} expected ${JSON.stringify(expected)} found ${JSON.stringify(found)}`);
      };
      const checkFields = async (n: number, fields: Record<string, unknown>, caseName?: string, orderName?: string) => {
        const view = caseName
          ? (await call('GET', `/v1/cases/${bound.get(caseName) ?? 'none'}`, platform)).json
          : (await call('GET', `/v1/shops/${px + orders.get(orderName!)!.shop}/orders/${orderName}`, platform)).json;
        for (const [f, v] of Object.entries(fields)) compare(n, f, v, view[f]);
      };
      for (const step of s.steps) {
        const n = step.index + 1;
        if (step.at !== undefined) {
          for (const key of keys.values()) {
            const r = await call('POST', '/v1/sandbox/clock', key, { to: formatInstant(step.at, tz) });
            expect(r.status, JSON.stringify(r.json)).toBe(200);
          }
        }
        if (step.kind === 'check') {
          await checkFields(n, step.fields, step.case, step.order);
          continue;
        }
        if (step.kind === 'order_event') {
          const o = orders.get(step.order)!;
          const auth = step.event === 'complete' || step.event === 'extend_auto_confirm' ? token(o.buyer) : step.event === 'ship' ? keys.get(o.shop)! : platform;
          const r = await call('POST', `/v1/shops/${px + o.shop}/orders/${step.order}/events/${step.event}`, auth, step.args ?? {});
          if (step.expect.ok !== undefined) compare(n, 'ok', step.expect.ok, r.status < 300);
          else if (r.status >= 300) failures.push(`step ${n}: ${step.event} refused ${JSON.stringify(r.json)}`);
          continue;
        }
        // The public files are case scenarios; governance steps are covered by test/governance-http.ts.
        if (step.kind !== 'command') throw new Error(`step ${n}: ${step.kind} steps are not replayed here`);
        const orderName = step.order ?? [...orders.keys()].find((k) => bound.get(step.case)?.includes(k));
        const o = orders.get(step.order ?? '') ?? orders.get(orderName ?? '') ?? [...orders.values()][0]!;
        const auth = step.actor === 'buyer' ? token(step.as ?? o.buyer) : step.actor === 'merchant' ? keys.get(step.as ?? o.shop)! : platform;
        const headers: Record<string, string> = {};
        if (step.idempotencyKey) headers['idempotency-key'] = step.idempotencyKey;
        if (step.expectedVersion !== undefined) headers['if-match'] = String(step.expectedVersion);
        const caseId = `${px}${step.case}-${step.order ?? ''}`;
        const r =
          step.command === 'apply'
            ? await call('POST', `/v1/shops/${px + o.shop}/orders/${step.order}/cases`, auth, { id: caseId, ...(step.args as object) }, headers)
            : await call('POST', `/v1/cases/${bound.get(step.case) ?? 'unbound'}/${step.command}`, auth, argsOf(step.command, step.args), headers);
        if (r.status < 300 && step.command === 'apply') bound.set(step.case, caseId);
        const { ok, error, ...fields } = step.expect;
        if (ok !== undefined) compare(n, 'ok', ok, r.status < 300);
        if (error !== undefined) compare(n, 'error', error, r.json?.error?.code ?? null);
        if (Object.keys(fields).length) await checkFields(n, fields, step.case);
      }
      expect(failures).toEqual([]);
    });
  });

  it('test clocks only move forward, only for sandbox shops, and only the platform makes sandboxes', async () => {
    const created = await app.inject({ method: 'POST', url: '/v1/sandbox/shops', payload: { id: 'sbx', pack: 'taobao', start: '2026-03-01T00:00:00+08:00' }, headers: { authorization: `Bearer ${platform}` } });
    expect(created.statusCode).toBe(201);
    const key = created.json().key;
    const back = await app.inject({ method: 'POST', url: '/v1/sandbox/clock', payload: { to: '2026-02-01T00:00:00+08:00' }, headers: { authorization: `Bearer ${key}` } });
    expect(back.json().error.code).toBe('validation');
    const fwd = await app.inject({ method: 'POST', url: '/v1/sandbox/clock', payload: { advance_seconds: 3600 }, headers: { authorization: `Bearer ${key}` } });
    expect(fwd.json()).toMatchObject({ now: '2026-03-01T01:00:00+08:00', fired: 0 });
    const byShop = await app.inject({ method: 'POST', url: '/v1/sandbox/shops', payload: { id: 'x', pack: 'taobao' }, headers: { authorization: `Bearer ${key}` } });
    expect(byShop.json().error.code).toBe('forbidden');
  });

  it('the wall-clock deadline runner leaves sandbox shops alone (their deadlines are long past due in real time)', async () => {
    const pending = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM deadlines WHERE status = 'pending' AND due_at < now()");
    expect(pending.rows[0]!.n).toBeGreaterThan(0);
    expect(await runDeadlines(engine)).toBe(0);
    expect((await db.query("SELECT count(*)::int AS n FROM deadlines WHERE status = 'pending' AND due_at < now()")).rows).toEqual(pending.rows);
  });
});
