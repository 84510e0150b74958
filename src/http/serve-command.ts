// `aftersale serve [--demo]` (what `npm start` runs): the HTTP API, the console later, and the
// worker loops in the same process, on the embedded database in AFTERSALE_DATA_DIR (default
// ./data) or on PostgreSQL with DATABASE_URL. `--demo` seeds the demo marketplace on first start.
// The HTTP layer's process entry: bin/aftersale.mjs hands it to the CLI (which never imports http).
import cluster from 'node:cluster';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { demoIdentities } from '../app/demo-identities.ts';
import { systemClock } from '../app/clock.ts';
import { ALL_DEMO_SHOPS, seedDemo } from '../app/demo-seed.ts';
import { isUsDemoBuyer } from '../app/demo-us.ts';
import { DEMO_BUYERS, nicknameOf } from '../app/demo-catalog.ts';
import { createEngine } from '../app/engine.ts';
import { builtinPacks } from '../app/packs.ts';
import { PROJECT_ROOT } from '../app/project-root.ts';
import { simulatedProvider } from '../app/payments.ts';
import { runWorker } from '../app/worker.ts';
import { buildServer } from './server.ts';
import { PLATFORM } from '../store/outbox.ts';
import { dataDirOf, flag, openConfigured } from '../app/configured-database.ts';
import { configuredWebhooks } from '../app/configured-webhooks.ts';
import { configuredTokenSecret } from '../app/configured-secrets.ts';
import type { Out } from '../app/out.ts';

const CONSOLE_DIR = join(PROJECT_ROOT, 'dist', 'console');

/** `--processes N`: HTTP processes sharing the port (default: the cores; 1 on the embedded database). */
export function processCount(args: string[], env: NodeJS.ProcessEnv = process.env): number {
  // PGlite lives inside one process: it cannot be shared.
  if (!env.DATABASE_URL) return 1;
  const given = flag(args, '--processes') ?? env.AFTERSALE_PROCESSES;
  const n = given === undefined ? availableParallelism() : Number(given);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--processes takes a whole number ≥ 1, not ${given}`);
  return n;
}

export async function serveCommand(args: string[], out: Out): Promise<number> {
  let processes: number;
  try {
    processes = processCount(args);
  } catch (e) {
    out.error((e as Error).message);
    return 2;
  }
  if (processes > 1 && cluster.isWorker) return httpProcess(args);
  const dataDir = dataDirOf();
  mkdirSync(dataDir, { recursive: true });
  const db = await openConfigured(args);
  const engine = makeEngine(db, args);
  const secret = configuredTokenSecret(process.env, dataDir);
  const keysFile = join(dataDir, 'demo-keys.json');
  if (args.includes('--demo')) {
    if ((await engine.shopCount()) === 0) {
      out.log('Seeding the demo marketplace (first start)…');
      const seeded = await seedDemo(engine, engine.now(), Number(process.env.AFTERSALE_DEMO_ORDERS ?? 1000));
      const keys: Record<string, string> = { platform: await engine.createKey(PLATFORM, 'demo platform') };
      for (const s of ALL_DEMO_SHOPS) keys[s.id] = await engine.createKey(s.id, `demo ${s.name}`);
      // Demo keys are kept so a restart can print them again; real keys are shown once only.
      writeFileSync(keysFile, JSON.stringify(keys, null, 2), { mode: 0o600 });
      out.log(`  ${seeded.orders} orders, ${seeded.cases} cases in every status`);
    }
  }
  // One process serves HTTP itself; with several, this one forks them (they share the port,
  // node:cluster) and keeps the worker loops.
  const app = processes > 1 ? null : await makeApp(engine, args, dataDir, secret);
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  const listening = app ? (await app.listen({ port, host }), portOf(app.server.address(), port)) : await forkHttp(processes, out);
  const url = `http://${host}:${listening}`;
  out.log(`Aftersale listening on ${url}  (console: ${url}/, API reference: ${url}/docs, OpenAPI: ${url}/openapi.json)`);
  if (processes > 1) out.log(`  ${processes} HTTP processes (--processes; pids ${Object.values(cluster.workers ?? {}).map((w) => w?.process.pid).join(', ')})`);
  if (!existsSync(join(CONSOLE_DIR, 'index.html'))) out.log('  the console is not built: run `npm run build` (npm start does)');
  out.log(`database: ${process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${dataDir}`}`);
  if (existsSync(keysFile)) {
    const keys = JSON.parse(readFileSync(keysFile, 'utf8')) as Record<string, string>;
    out.log('demo keys (Authorization: Bearer …):');
    for (const [who, key] of Object.entries(keys)) out.log(`  ${who.padEnd(12)} ${key}`);
    // A buyer whose case waits for the shop, and that case, to try the API with (their numbers
    // are dated, 20261129-000120: the demo's are the days they were applied for).
    const waiting = (await engine.buyersByStatus(['requested'])).find((x) => !isUsDemoBuyer(x.buyerId));
    const buyer = waiting?.buyerId ?? DEMO_BUYERS[0]!.id;
    const { token } = engine.buyerToken(secret, buyer, 7 * 24 * 3_600_000);
    out.log(`  ${buyer.padEnd(12)} ${token}   (buyer token, 7 days: ${nicknameOf(buyer) ?? buyer})`);
    const page = await engine.listCases({ kind: 'platform' }, { statuses: ['requested'], sort: 'applied', limit: 1 });
    const example = 'cases' in page ? page.cases[0]?.id : undefined;
    if (example) out.log(`try: curl -s -H "Authorization: Bearer ${keys.platform}" ${url}/v1/cases/${example}`);
  }

  const stop = new AbortController();
  const worker = args.includes('--no-worker') ? Promise.resolve() : runWorker(engine, { signal: stop.signal });
  await stopSignal();
  // Graceful: stop taking requests and let in-flight ones finish, stop the worker after its item.
  out.log('shutting down…');
  if (app) await app.close();
  else await stopHttp();
  stop.abort();
  await worker;
  await db.close();
  return 0;
}

const portOf = (address: string | AddressInfo | null, fallback: number): number => (typeof address === 'object' && address ? address.port : fallback);

function stopSignal(): Promise<void> {
  return new Promise<void>((resolveStop) => {
    const shutdown = () => {
      // Set at once: an HTTP process that exits on the same Ctrl-C is not replaced.
      stopping = true;
      resolveStop();
    };
    process.once('SIGTERM', shutdown);
    process.once('SIGINT', shutdown);
  });
}

function makeEngine(db: Awaited<ReturnType<typeof openConfigured>>, args: string[]) {
  return createEngine({
    db,
    packs: builtinPacks(),
    clock: systemClock,
    payments: simulatedProvider(db),
    inlineRefunds: !process.env.DATABASE_URL,
    webhooks: configuredWebhooks(args, process.env, { generateKey: true }),
    ...(process.env.AFTERSALE_RATE_LIMIT ? { rateLimit: { perMinute: Number(process.env.AFTERSALE_RATE_LIMIT) } } : {}),
  });
}

async function makeApp(engine: ReturnType<typeof makeEngine>, args: string[], dataDir: string, secret: string) {
  const keysFile = join(dataDir, 'demo-keys.json');
  return buildServer({
    engine,
    tokenSecret: secret,
    console: { dir: CONSOLE_DIR, ...(args.includes('--demo') && existsSync(keysFile) ? { demoIdentities: await demoIdentities(engine, JSON.parse(readFileSync(keysFile, 'utf8')) as Record<string, string>, secret) } : {}) },
    logger: process.env.AFTERSALE_LOG === 'json',
    requestsPerMinute: Number(process.env.AFTERSALE_REQUESTS_PER_MINUTE ?? 1200),
    badCredentialsPerMinute: Number(process.env.AFTERSALE_BAD_CREDENTIALS_PER_MINUTE ?? 30),
  });
}

let stopping = false;

/** Forks the HTTP processes; resolves with the shared port once all listen. A crashed one is replaced. */
function forkHttp(n: number, out: Out): Promise<number> {
  return new Promise((resolvePort, reject) => {
    let ready = 0;
    const fork = () => {
      const w = cluster.fork();
      w.on('message', (m: { listening?: number; failed?: string }) => {
        if (m.failed) {
          stopping = true;
          for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGTERM');
          reject(new Error(`an HTTP process could not start: ${m.failed}`));
        }
        else if (m.listening !== undefined && ++ready === n) resolvePort(m.listening);
      });
      w.on('exit', (code, signal) => {
        if (stopping) return;
        const next = fork();
        out.log(`HTTP process ${w.process.pid} ended (${signal ?? code}): replaced by ${next.process.pid}`);
      });
      return w;
    };
    for (let i = 0; i < n; i++) fork();
  });
}

/** Asks every HTTP process to finish its requests and exit; resolves when all have. */
async function stopHttp(): Promise<void> {
  stopping = true;
  await Promise.all(
    Object.values(cluster.workers ?? {}).map(
      (w) =>
        new Promise<void>((done) => {
          if (!w || w.isDead()) return done();
          w.once('exit', () => done());
          w.process.kill('SIGTERM');
        }),
    ),
  );
}

/** One HTTP process of `serve --processes N`: the API on the shared port, no worker loops. */
async function httpProcess(args: string[]): Promise<number> {
  const dataDir = dataDirOf();
  try {
    const db = await openConfigured(args);
    const app = await makeApp(makeEngine(db, args), args, dataDir, configuredTokenSecret(process.env, dataDir));
    await app.listen({ port: Number(process.env.PORT ?? 3000), host: process.env.HOST ?? '127.0.0.1' });
    process.send?.({ listening: portOf(app.server.address(), Number(process.env.PORT ?? 3000)) });
    await stopSignal();
    await app.close();
    await db.close();
    return 0;
  } catch (e) {
    process.send?.({ failed: (e as Error).message });
    return 1;
  } finally {
    // The channel to the primary would keep this process alive.
    process.disconnect?.();
  }
}
