// `npm run fuzz -- --requests N [--seed N] [--engine both|pg|pglite] [--concurrency C]` (issue 19
// item 1): fuzzes a real server — `aftersale serve --demo` in its own process, over real sockets —
// on PostgreSQL (DATABASE_URL, a fresh schema, dropped after) and on PGlite (a temporary data
// directory). Every operation of the server's /openapi.json is called, so routes added later join
// by themselves: path and query parameters from the demo's real ids or anything odd, bodies built
// from the operation's JSON schema then bent (a field wrong, one missing, one extra, junk), with
// every principal (the platform, each shop, buyers, a read-only key, forged, expired, garbage,
// none); about 1 % are raw malformed requests on a socket (bad header bytes, bad request lines).
// Counts: requests, 5xx (must be 0), refusals without a SPEC §11 code (must be 0), transport
// errors; then `aftersale doctor` on the store the run left. Exit 1 when any of them is not clean.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import pg from 'pg';
import { ERROR_CODES } from '../src/domain/errors.ts';
import { runCli, spawnAftersale } from './aftersale-process.ts';
import { bodyFor, type JsonSchema } from './fuzz-bodies.ts';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : dflt;
};
const REQUESTS = Number(arg('--requests', '2000'));
const SEED = Number(arg('--seed', String(Date.now() % 1_000_000)));
const ENGINES = arg('--engine', 'both');
const CONCURRENCY = Number(arg('--concurrency', '8'));

interface Operation {
  method: string;
  path: string;
  params: { name: string; in: string; schema: JsonSchema; required?: boolean }[];
  body: { type: string; schema: JsonSchema } | null;
}
interface Req {
  method: string;
  url: string;
  auth: string | null;
  body?: string | Buffer;
  contentType?: string;
  raw?: Buffer;
}
interface Tally {
  engine: string;
  requests: number;
  byClass: Record<string, number>;
  serverErrors: number;
  withoutCode: number;
  transport: number;
  examples: string[];
  doctor: string;
  doctorClean: boolean;
  seconds: number;
}

function startServer(env: NodeJS.ProcessEnv): Promise<{ proc: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawnAftersale(['serve', '--demo'], env);
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 180_000);
    const onData = (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, url: m[1]! });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.on('exit', (code) => reject(new Error(`server exited ${code}:\n${out}`)));
  });
}

function operations(doc: { paths: Record<string, Record<string, { parameters?: Operation['params']; requestBody?: { content?: Record<string, { schema: JsonSchema }> } }>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const content = op.requestBody?.content ?? {};
      const type = Object.keys(content)[0];
      ops.push({ method: method.toUpperCase(), path, params: op.parameters ?? [], body: type ? { type, schema: content[type]!.schema } : null });
    }
  }
  return ops;
}

const ODD = ['', ' ', '..', '%2e%2e%2f', '%00', '%zz', '\u0000', '💥', '售后', "' OR 1=1 --", '__proto__', 'null', '-1', '0', '1e400', 'x'.repeat(300), '<script>', '%E0%A4%A'];

function requestArb(ops: Operation[], pools: Record<string, string[]>, principals: (string | null)[]): fc.Arbitrary<Req> {
  const pick = (name: string, schema: JsonSchema): fc.Arbitrary<string> => {
    const pool = pools[name] ?? pools.any!;
    const valid = schema.enum ? fc.constantFrom(...(schema.enum as string[]).map(String)) : fc.constantFrom(...pool);
    return fc.oneof({ weight: 8, arbitrary: valid }, { weight: 1, arbitrary: fc.constantFrom(...ODD) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });
  };
  const api = fc.constantFrom(...ops).chain((op) => {
    const path = fc.tuple(...op.params.filter((p) => p.in === 'path').map((p) => pick(p.name, p.schema).map((v) => [p.name, v] as const)), fc.constant(['', ''] as const));
    const query = fc.subarray(op.params.filter((p) => p.in === 'query')).chain((ps) => fc.tuple(fc.constant(null), ...ps.map((p) => fc.oneof(fc.constant(String(bodySample(p.schema))), pick(p.name, p.schema)).map((v) => [p.name, v] as const))));
    const body = op.body ? bodyFor(op.body.type, op.body.schema, pools) : fc.constant(undefined);
    return fc.record({ path, query, body, auth: fc.constantFrom(...principals), method: fc.oneof({ weight: 19, arbitrary: fc.constant(op.method) }, { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS') }) }).map((r): Req => {
      let url = op.path;
      for (const [name, v] of r.path) if (name) url = url.replace(`{${name}}`, encodeURIComponent(v));
      const qs = r.query.slice(1).map((q) => `${encodeURIComponent(q![0])}=${encodeURIComponent(q![1])}`).join('&');
      return { method: r.method, url: qs ? `${url}?${qs}` : url, auth: r.auth, ...(r.body ? { body: r.body.payload, contentType: r.body.contentType } : {}) };
    });
  });
  const rawJunk = fc.uint8Array({ maxLength: 30 }).chain((j) =>
    fc.constantFrom(
      Buffer.concat([Buffer.from('GET /v1/me HTTP/1.1\r\nHost: x\r\nX-J: '), Buffer.from(j), Buffer.from('\r\nConnection: close\r\n\r\n')]),
      Buffer.concat([Buffer.from('GET /'), Buffer.from(j), Buffer.from(' HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')]),
      Buffer.concat([Buffer.from(j), Buffer.from(' /v1/cases HTTP/1.1\r\nConnection: close\r\n\r\n')]),
      Buffer.from(`GET /v1/me HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\nConnection: close\r\n\r\n`),
    ),
  );
  return fc.oneof({ weight: 99, arbitrary: api }, { weight: 1, arbitrary: rawJunk.map((raw): Req => ({ method: 'RAW', url: '(raw)', auth: null, raw })) });
}

const bodySample = (s: JsonSchema): unknown => (s.enum ? s.enum[0] : s.default ?? (s.type === 'integer' || s.type === 'number' ? 1 : 'x'));

function rawSend(base: URL, bytes: Buffer): Promise<{ status: number; headers: Record<string, string>; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(base.port), base.hostname);
    const chunks: Buffer[] = [];
    // A parse-time refusal comes at once; a loaded machine (PGlite blocks its event loop while it
    // works) may still take seconds: 15 s before "no HTTP answer".
    const timer = setTimeout(() => socket.destroy(), 15_000);
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', (e) => reject(e));
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      const ct = /content-type: ([^\r\n]+)/i.exec(head)?.[1] ?? '';
      const chunked = /transfer-encoding: chunked/i.test(head);
      resolve({ status, headers: { 'content-type': ct }, text: chunked ? '' : rest.join('\r\n\r\n') });
    });
    socket.write(bytes);
  });
}

function problemOf(method: string, status: number, contentType: string, text: string): string | null {
  if (status === 0) return 'no HTTP answer';
  if (status >= 500) return `server error ${status}`;
  if (status < 400 || method === 'HEAD') return null;
  if (!contentType.startsWith('application/json')) return `refusal ${status} not JSON (${contentType})`;
  try {
    const e = (JSON.parse(text) as { error?: { code?: unknown; message?: unknown; details?: unknown } }).error;
    if (!e || !(ERROR_CODES as readonly unknown[]).includes(e.code) || typeof e.message !== 'string' || typeof e.details !== 'object') return `refusal ${status} without a SPEC code: ${text.slice(0, 160)}`;
    return null;
  } catch {
    return `refusal ${status} not JSON: ${text.slice(0, 160)}`;
  }
}

async function fuzzEngine(engine: 'PostgreSQL' | 'PGlite'): Promise<Tally> {
  const started = Date.now();
  const schema = `fuzz_${process.pid}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'aftersale-fuzz-'));
  const pgUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const env: NodeJS.ProcessEnv = {
    PORT: '0',
    AFTERSALE_DATA_DIR: dataDir,
    AFTERSALE_DEMO_ORDERS: '80',
    AFTERSALE_REQUESTS_PER_MINUTE: '100000000',
    AFTERSALE_BAD_CREDENTIALS_PER_MINUTE: '100000000',
    ...(engine === 'PostgreSQL' ? { DATABASE_URL: pgUrl, AFTERSALE_SCHEMA: schema } : { DATABASE_URL: '' }),
  };
  if (engine === 'PGlite') delete process.env.DATABASE_URL;
  const tally: Tally = { engine, requests: 0, byClass: {}, serverErrors: 0, withoutCode: 0, transport: 0, examples: [], doctor: '', doctorClean: false, seconds: 0 };
  const { proc, url } = await startServer(env);
  try {
    const base = new URL(url);
    const get = async (path: string, auth?: string) => (await fetch(new URL(path, base), { headers: auth ? { authorization: `Bearer ${auth}` } : {} })).json() as Promise<Record<string, unknown>>;
    const identities = ((await get('/demo/identities')).data as { role: string; id: string; token: string }[]) ?? [];
    const platform = identities.find((i) => i.role === 'platform')!.token;
    const reader = (await (await fetch(new URL('/v1/api-keys', base), { method: 'POST', headers: { authorization: `Bearer ${platform}`, 'content-type': 'application/json' }, body: JSON.stringify({ shop: identities.find((i) => i.role === 'shop')!.id, label: 'fuzz reader', scopes: ['read'] }) })).json()) as { key?: string };
    const cases = ((await get('/v1/cases?limit=100', platform)).data as { id: string; shop: string; order: string }[]) ?? [];
    const complaints = ((await get('/v1/complaints?limit=50', platform)).data as { id: string }[] | undefined) ?? [];
    const shops = identities.filter((i) => i.role === 'shop').map((i) => i.id);
    const pools: Record<string, string[]> = {
      shop: [...shops, '_platform', 'nope'],
      order: [...new Set(cases.map((c) => c.order))].slice(0, 40).concat('nope'),
      case: cases.map((c) => c.id).slice(0, 60).concat('nope'),
      complaint: complaints.map((c) => c.id).concat('nope'),
      pack: ['taobao', 'tmall', 'jd', 'pinduoduo', 'cn-baseline', 'amazon-us', 'nope'],
      key_id: ['000000000000', 'abcdef012345'],
      sha256: ['a'.repeat(64), '0'.repeat(64)],
      buyer: identities.filter((i) => i.role === 'buyer').map((i) => i.id).concat('nope'),
    };
    pools.any = [...pools.shop!, ...pools.case!.slice(0, 10), ...pools.order!.slice(0, 10), '1', 'x'];
    const principals: (string | null)[] = [
      ...identities.map((i) => `Bearer ${i.token}`),
      ...(reader.key ? [`Bearer ${reader.key}`] : []),
      'Bearer sk_000000000000_forged',
      'Bearer bt_eyJiIjoiQjEiLCJlIjoxfQ.00',
      'Basic YTpi',
      'Bearer',
      null,
    ];
    const ops = operations((await get('/openapi.json')) as never);
    const arb = requestArb(ops, pools, principals);
    const BATCH = 1000;
    for (let done = 0; done < REQUESTS; done += BATCH) {
      const batch = fc.sample(arb, { seed: SEED + done, numRuns: Math.min(BATCH, REQUESTS - done) });
      let next = 0;
      const worker = async () => {
        while (next < batch.length) {
          const r = batch[next++]!;
          tally.requests++;
          try {
            let status: number;
            let contentType: string;
            let text: string;
            if (r.raw) {
              ({ status, headers: { 'content-type': contentType = '' }, text } = await rawSend(base, r.raw));
            } else {
              const res = await fetch(new URL(r.url, base), {
                method: r.method,
                headers: { ...(r.auth ? { authorization: r.auth } : {}), ...(r.contentType ? { 'content-type': r.contentType } : {}), 'accept-language': tally.requests % 2 ? 'en' : 'zh-CN' },
                ...(r.body !== undefined && !['GET', 'HEAD'].includes(r.method) ? { body: typeof r.body === "string" ? r.body : new Uint8Array(r.body) } : {}),
                redirect: 'manual',
              });
              status = res.status;
              contentType = res.headers.get('content-type') ?? '';
              text = await res.text();
            }
            tally.byClass[`${Math.floor(status / 100)}xx`] = (tally.byClass[`${Math.floor(status / 100)}xx`] ?? 0) + 1;
            const problem = problemOf(r.method, status, contentType, text);
            if (problem) {
              if (status >= 500) tally.serverErrors++;
              else tally.withoutCode++;
              if (tally.examples.length < 10) tally.examples.push(`${problem}\n    ${r.method} ${r.url.slice(0, 200)} ${r.raw ? JSON.stringify(r.raw.toString('latin1').slice(0, 120)) : ''}`);
            }
          } catch (e) {
            tally.transport++;
            if (tally.examples.length < 10) tally.examples.push(`transport: ${(e as Error).message} ${r.method} ${r.url.slice(0, 200)}`);
          }
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      process.stderr.write(`  ${engine}: ${Math.min(done + BATCH, REQUESTS)}/${REQUESTS}\n`);
    }
  } finally {
    proc.kill('SIGTERM');
    await new Promise((r) => proc.once('exit', r));
  }
  const doctor = await runCli(['doctor'], env);
  // The fuzzer registers webhook endpoints at made-up public https URLs (valid, so accepted): their
  // deliveries cannot arrive, and doctor lists them (`outbox_delivered`). Any other breach fails.
  const breaches = doctor.out.split('\n').filter((l) => l.startsWith('BREACH'));
  const others = breaches.filter((l) => !l.startsWith('BREACH outbox_delivered'));
  tally.doctorClean = doctor.code === 0 || (breaches.length > 0 && others.length === 0);
  tally.doctor = others.length > 0 ? others.join(' | ') : breaches.length > 0 ? `clean (undelivered to the fuzzer's endpoints: ${breaches.map((l) => l.replace('BREACH outbox_delivered: ', '')).join(', ')})` : 'clean';
  tally.seconds = Math.round((Date.now() - started) / 1000);
  if (engine === 'PostgreSQL') {
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }
  rmSync(dataDir, { recursive: true, force: true });
  return tally;
}

const engines: ('PostgreSQL' | 'PGlite')[] = ENGINES === 'pg' ? ['PostgreSQL'] : ENGINES === 'pglite' ? ['PGlite'] : ['PostgreSQL', 'PGlite'];
const results: Tally[] = [];
for (const e of engines) results.push(await fuzzEngine(e));
console.log(`fuzz: ${REQUESTS} requests per engine, seed ${SEED}, concurrency ${CONCURRENCY}`);
console.log('| engine | requests | 2xx | 4xx | 5xx | refusals without a SPEC code | transport errors | doctor | seconds |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |');
for (const t of results) {
  console.log(`| ${t.engine} | ${t.requests} | ${t.byClass['2xx'] ?? 0} | ${t.byClass['4xx'] ?? 0} | ${t.serverErrors} | ${t.withoutCode} | ${t.transport} | ${t.doctorClean ? t.doctor : `BREACH: ${t.doctor}`} | ${t.seconds} |`);
  for (const ex of t.examples) console.log(`  ${t.engine}: ${ex}`);
}
process.exitCode = results.every((t) => t.serverErrors === 0 && t.withoutCode === 0 && t.transport === 0 && t.doctorClean) ? 0 : 1;
