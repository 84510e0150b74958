// npm run bench:http — the counter-offer workload of bench:store through the HTTP API: autocannon
// against a real listening server (buildServer(...).listen on 127.0.0.1, in this process), at
// concurrency 8 and 32, next to the same commands through the application layer directly
// (engine.caseCommand) in the same run. Needs PostgreSQL at DATABASE_URL (default the local one).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { systemClock } from '../src/app/clock.ts';
import { createEngine, type Engine } from '../src/app/engine.ts';
import { builtinPacks } from '../src/app/packs.ts';
import { simulatedProvider } from '../src/app/payments.ts';
import type { CaseCommand } from '../src/domain/commands.ts';
import { DAY } from '../test/domain-kit.ts';
import { createApiKey, issueBuyerToken } from '../src/app/credentials.ts';
import { buildServer } from '../src/http/server.ts';
import { openPostgres } from '../src/store/db.ts';
import { migrate } from '../src/store/migrations.ts';
import { anchorTps, dropAnchor, prepareAnchor } from './anchor.ts';
import { pgbench } from './pgbench.ts';

const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const SCHEMA = 'bench_http';
const CASES = 256;
const merchant = { role: 'merchant' as const, id: 'S1' };
const buyer = { role: 'buyer' as const, id: 'B1' };

interface Point {
  perSec: number;
  p50: number;
  p99: number;
}

const quantiles = (latencies: number[], seconds: number): Point => {
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? NaN;
  return { perSec: latencies.length / seconds, p50: q(0.5), p99: q(0.99) };
};

/** `n` cases in `requested` (an order each, then the buyer's refund_only application), ids `${prefix}C${i}`. */
async function makeCases(engine: Engine, prefix: string, n: number): Promise<string[]> {
  const now = Date.now();
  const ids = Array.from({ length: n }, (_, i) => i);
  // Eight at a time: set-up only, not measured.
  for (let k = 0; k < n; k += 8) {
    await Promise.all(
      ids.slice(k, k + 8).map(async (i) => {
        await engine.placeOrder(
          {
            id: `${prefix}O${i}`, shop: 'S1', buyer: 'B1', placed_at: now - 3 * DAY, paid_at: now - 3 * DAY, shipped_at: now - 2 * DAY, signed_at: now - DAY,
            shipping_fee: 0, free_shipping: true, shipping_insurance: 0,
            lines: [{ id: 'L1', sku: 'S', category: 'apparel', quantity: 1, paid_amount: 9900, flags: [] }],
          },
          { role: 'platform' },
        );
        const r = await engine.caseCommand(
          { kind: 'apply', caseId: `${prefix}C${i}`, args: { type: 'refund_only', reason: 'damaged', evidence: [{ kind: 'photo' }] } },
          buyer,
          { shopId: 'S1', orderId: `${prefix}O${i}` },
        );
        if (!r.ok) throw new Error(`apply ${prefix}C${i}: ${r.code} ${r.message.en}`);
      }),
    );
  }
  return ids.map((i) => `${prefix}C${i}`);
}

/**
 * Direct: bench/store.bench.ts's `workload` (offer by the merchant, decline_offer by the buyer,
 * whole pairs only), each worker on its own slice of the cases.
 */
async function direct(engine: Engine, concurrency: number, cases: string[], seconds: number): Promise<Point> {
  const latencies: number[] = [];
  const start = performance.now();
  const end = start + seconds * 1000;
  const perWorker = Math.floor(cases.length / concurrency);
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      for (let i = 0; i % 2 === 1 || performance.now() < end; i++) {
        const caseId = cases[w * perWorker + (Math.floor(i / 2) % perWorker)]!;
        const cmd: CaseCommand = i % 2 === 0 ? { kind: 'offer', caseId, type: 'refund_only', amount: 1000 } : { kind: 'decline_offer', caseId };
        const t = performance.now();
        const r = await engine.caseCommand(cmd, i % 2 === 0 ? merchant : buyer, { shopId: 'S1' });
        latencies.push(performance.now() - t);
        if (!r.ok) throw new Error(`${cmd.kind} ${caseId}: ${r.code} ${r.message.en}`);
      }
    }),
  );
  return quantiles(latencies, (performance.now() - start) / 1000);
}

interface HttpPoint extends Point {
  non2xx: number;
  errors: number;
  timeouts: number;
  statuses: Record<string, number>;
  sample?: string;
}

/**
 * HTTP: `concurrency` keep-alive connections, each sending offer (shop key) then decline_offer
 * (buyer token) in a loop, one request at a time. A connection takes a case off a shared queue when
 * it builds its offer and puts it back when the decline's answer arrives, so no two connections
 * ever hold the same case. The run is cut after `seconds`: a pair in flight then is abandoned,
 * which is why every point has cases of its own.
 */
async function viaHttp(url: string, concurrency: number, cases: string[], seconds: number, shopKey: string, buyerToken: string): Promise<HttpPoint> {
  const free = [...cases];
  const latencies: number[] = [];
  let non200 = 0;
  let sample: string | undefined;
  const note = (status: number, body: string) => {
    if (status !== 200) sample ??= `${status} ${body.slice(0, 300)}`;
  };
  const json = (token: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });
  const start = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: concurrency,
        pipelining: 1,
        duration: seconds,
        timeout: 30,
        requests: [
          {
            method: 'POST',
            headers: json(shopKey),
            body: JSON.stringify({ type: 'refund_only', amount: 1000 }),
            setupRequest: (req, context) => {
              const caseId = free.shift();
              if (caseId === undefined) throw new Error('no free case');
              (context as { caseId?: string }).caseId = caseId;
              return { ...req, path: `/v1/cases/${caseId}/offer` };
            },
            onResponse: (status, body) => note(status, body),
          },
          {
            method: 'POST',
            headers: json(buyerToken),
            body: '{}',
            setupRequest: (req, context) => ({ ...req, path: `/v1/cases/${(context as { caseId: string }).caseId}/decline_offer` }),
            onResponse: (status, body, context) => {
              note(status, body);
              free.push((context as { caseId: string }).caseId);
            },
          },
        ],
      },
      (err, res) => (err ? reject(err as Error) : resolve(res)),
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status === 200) latencies.push(ms);
      else non200++;
    });
  });
  const elapsed = (performance.now() - start) / 1000;
  // Let requests cut off by the end of the run finish on the server before the next point.
  await sleep(1000);
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([k, v]) => [k, v.count ?? 0]));
  return { ...quantiles(latencies, elapsed), non2xx: Math.max(result.non2xx, non200), errors: result.errors, timeouts: result.timeouts, statuses, ...(sample ? { sample } : {}) };
}

/** What autocannon and Fastify cost by themselves (in this same process): GET /healthz, no database. */
async function floor(url: string, concurrency: number, seconds: number): Promise<number> {
  const r = await autocannon({ url: `${url}/healthz`, connections: concurrency, duration: seconds });
  return r['2xx'] / r.duration;
}

/**
 * `aftersale serve --processes n` (issue 18: HTTP processes sharing the port, node:cluster) on the
 * bench's schema, in processes of its own: resolves with its URL once every process listens.
 */
async function serveProcesses(n: number, secret: string): Promise<{ url: string; proc: ChildProcess }> {
  const env = {
    ...process.env,
    DATABASE_URL: PG_URL,
    PORT: '0',
    AFTERSALE_TOKEN_SECRET: secret,
    AFTERSALE_DATA_DIR: mkdtempSync(join(tmpdir(), 'bench-http-')),
    // As in the in-process server: no per-key request limit (bench:store has none either).
    AFTERSALE_REQUESTS_PER_MINUTE: '0',
  };
  const proc = spawn(process.execPath, [join(import.meta.dirname, '..', 'bin', 'aftersale.mjs'), 'serve', '--schema', SCHEMA, '--processes', String(n), '--no-worker'], { env });
  let out = '';
  proc.stdout!.on('data', (c) => (out += c));
  proc.stderr!.on('data', (c) => (out += c));
  for (let i = 0; i < 600 && !/listening on (http:\/\/\S+)/.test(out); i++) await sleep(100);
  const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
  if (!url) throw new Error(`serve --processes ${n} did not start: ${out}`);
  return { url, proc };
}

async function stopServe(proc: ChildProcess): Promise<void> {
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGTERM');
  await exited;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => n.toFixed(2);

const pg = await openPostgres(PG_URL, { max: 40 });
await pg.exec(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
await pg.useSchema(SCHEMA);
await migrate(pg);
const engine = createEngine({ db: pg, packs: builtinPacks(), clock: systemClock, payments: simulatedProvider(pg), inlineRefunds: false });
await engine.upsertShop({ id: 'S1', pack: 'taobao' });
const secret = randomBytes(32).toString('hex');
const shopKey = await createApiKey(pg, 'S1', 'bench', Date.now());
const buyerToken = issueBuyerToken(secret, 'B1', Date.now() + 24 * 3_600_000);
// No requestsPerMinute: the HTTP rate limit (one counter upsert per request) is off, as the
// engine's command rate limit is in bench:store.
// The bad-credentials guard on, as `aftersale serve` runs it (its lookup is cached, issue 18).
const app = await buildServer({ engine, tokenSecret: secret, badCredentialsPerMinute: 30 });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

const concurrencies = [8, 32];
const N = Number(process.env.BENCH_PROCESSES ?? availableParallelism());
const KINDS = ['d', 'h', 'p', 'n'];
const t0 = performance.now();
const warm = await makeCases(engine, 'W', 64);
const sets = new Map<string, string[]>();
for (const c of concurrencies) for (const kind of KINDS) sets.set(`${kind}${c}`, await makeCases(engine, `${kind}${c}-`, CASES));
console.log(`set-up: ${64 + concurrencies.length * KINDS.length * CASES} cases in ${((performance.now() - t0) / 1000).toFixed(1)} s; server at ${url}`);
prepareAnchor(PG_URL);

// Warm-up (not reported): both paths for a second, on cases of their own.
await direct(engine, 8, warm, 1);
const warmHttp = await viaHttp(url, 8, warm, 1, shopKey, buyerToken);

console.log(`\n# command throughput over HTTP vs direct (offer / decline_offer), ${SECONDS} s per point, ${CASES} fresh cases per point`);
console.log('| concurrency | HTTP cmd/s | p50 ms | p99 ms | direct cmd/s | p50 ms | p99 ms | pgbench tps (same SQL) | HTTP/direct | HTTP/pgbench | non-2xx |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
const points: HttpPoint[] = [warmHttp];
const rows: string[] = [];
for (const c of concurrencies) {
  const d = await direct(engine, c, sets.get(`d${c}`)!, SECONDS);
  // The same statements as one command, by pgbench, on the direct run's cases (bench/pgbench.ts).
  const base = pgbench(PG_URL, SCHEMA, c, { cases: CASES, seconds: SECONDS, prefix: `d${c}-` });
  const anchor = anchorTps(PG_URL, c, SECONDS);
  const h = await viaHttp(url, c, sets.get(`h${c}`)!, SECONDS, shopKey, buyerToken);
  points.push(h);
  console.log(
    `| ${c} | ${fmt(h.perSec)} | ${ms(h.p50)} | ${ms(h.p99)} | ${fmt(d.perSec)} | ${ms(d.p50)} | ${ms(d.p99)} | ${fmt(base)} | ${(h.perSec / d.perSec).toFixed(2)}× | ${(h.perSec / base).toFixed(2)}× | ${h.non2xx} |`,
  );
  // Issue 18: `aftersale serve` in processes of its own, 1 and N, against the anchor.
  const served: Point[] = [];
  for (const [kind, n] of [['p', 1], ['n', N]] as const) {
    const s = await serveProcesses(n, secret);
    const x = await viaHttp(s.url, c, sets.get(`${kind}${c}`)!, SECONDS, shopKey, buyerToken);
    await stopServe(s.proc);
    points.push(x);
    served.push(x);
  }
  const [one, many] = served as [Point, Point];
  rows.push(
    `| ${c} | ${fmt(anchor)} | ${fmt(d.perSec)} (${(d.perSec / anchor).toFixed(2)}×) | ${fmt(h.perSec)} (${(h.perSec / anchor).toFixed(2)}×), p99 ${ms(h.p99)} | ${fmt(one.perSec)} (${(one.perSec / anchor).toFixed(2)}×), p99 ${ms(one.p99)} | ${fmt(many.perSec)} (${(many.perSec / anchor).toFixed(2)}×), p99 ${ms(many.p99)} | ${(Math.max(one.perSec, many.perSec) / d.perSec).toFixed(2)}× |`,
  );
}
dropAnchor(PG_URL);
console.log(`\n# against the command anchor (bench/anchor.ts), same run; serve = \`aftersale serve --processes 1 | ${N}\` in processes of its own`);
console.log(`| concurrency | anchor tps | direct cmd/s (/anchor) | HTTP in this process (/anchor) | serve, 1 process (/anchor) | serve, ${N} processes (/anchor) | best HTTP/direct |`);
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) console.log(r);
const floorRate = await floor(url, 8, Math.min(3, SECONDS));
console.log(`\nfloor: GET /healthz (autocannon + Fastify in this process, no database), 8 connections: ${fmt(floorRate)} req/s`);

const longest = await pg.query<{ n: number }>(`SELECT max(n)::int AS n FROM (SELECT count(*) AS n FROM events WHERE stream_id LIKE 'case:h%' GROUP BY stream_id) x`);
console.log(`longest case timeline (not returned: commands answer without it unless ?expand=timeline): ${longest.rows[0]?.n ?? 0} events`);

const non2xx = points.reduce((s, p) => s + p.non2xx, 0);
const errors = points.reduce((s, p) => s + p.errors + p.timeouts, 0);
console.log(`non-2xx responses: ${non2xx} (warm-up included); connection errors/timeouts: ${errors}; status codes: ${points.map((p) => JSON.stringify(p.statuses)).join(' ')}`);
for (const p of points) if (p.sample) console.log(`first non-200: ${p.sample}`);

await app.close();
await pg.exec(`DROP SCHEMA ${SCHEMA} CASCADE`);
await pg.close();
if (non2xx > 0 || errors > 0) process.exitCode = 1;
