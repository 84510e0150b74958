// `aftersale serve [--demo]` (what `npm start` runs): the HTTP API, the console later, and the
// worker loops in the same process, on the embedded database in AFTERSALE_DATA_DIR (default
// ./data) or on PostgreSQL with DATABASE_URL. `--demo` seeds the demo marketplace on first start.
// The HTTP layer's process entry: bin/aftersale.mjs hands it to the CLI (which never imports http).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { demoIdentities } from '../app/demo-identities.ts';
import { systemClock } from '../app/clock.ts';
import { DEMO_SHOPS, seedDemo } from '../app/demo-seed.ts';
import { DEMO_BUYERS, nicknameOf } from '../app/demo-catalog.ts';
import { createEngine } from '../app/engine.ts';
import { builtinPacks } from '../app/packs.ts';
import { PROJECT_ROOT } from '../app/project-root.ts';
import { simulatedProvider } from '../app/payments.ts';
import { runWorker } from '../app/worker.ts';
import { buildServer } from './server.ts';
import { PLATFORM } from '../store/outbox.ts';
import { openConfigured } from '../app/configured-database.ts';
import { configuredWebhooks } from '../app/configured-webhooks.ts';
import type { Out } from '../app/out.ts';

const CONSOLE_DIR = join(PROJECT_ROOT, 'dist', 'console');

/** The buyer-token secret: from the environment, or made once and kept in the data directory. */
function tokenSecret(dataDir: string): string {
  if (process.env.AFTERSALE_TOKEN_SECRET) return process.env.AFTERSALE_TOKEN_SECRET;
  const file = join(dataDir, 'token-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

export async function serveCommand(args: string[], out: Out): Promise<number> {
  const dataDir = resolve(process.env.AFTERSALE_DATA_DIR ?? 'data');
  mkdirSync(dataDir, { recursive: true });
  const db = await openConfigured(args);
  const engine = createEngine({
    db,
    packs: builtinPacks(),
    clock: systemClock,
    payments: simulatedProvider(db),
    inlineRefunds: !process.env.DATABASE_URL,
    webhooks: configuredWebhooks(args, process.env, { generateKey: true }),
    ...(process.env.AFTERSALE_RATE_LIMIT ? { rateLimit: { perMinute: Number(process.env.AFTERSALE_RATE_LIMIT) } } : {}),
  });
  const secret = tokenSecret(dataDir);
  const keysFile = join(dataDir, 'demo-keys.json');
  if (args.includes('--demo')) {
    if ((await engine.shopCount()) === 0) {
      out.log('Seeding the demo marketplace (first start)…');
      const seeded = await seedDemo(engine, engine.now(), Number(process.env.AFTERSALE_DEMO_ORDERS ?? 1000));
      const keys: Record<string, string> = { platform: await engine.createKey(PLATFORM, 'demo platform') };
      for (const s of DEMO_SHOPS) keys[s.id] = await engine.createKey(s.id, `demo ${s.name}`);
      // Demo keys are kept so a restart can print them again; real keys are shown once only.
      writeFileSync(keysFile, JSON.stringify(keys, null, 2), { mode: 0o600 });
      out.log(`  ${seeded.orders} orders, ${seeded.cases} cases in every status`);
    }
  }
  const app = await buildServer({
    engine,
    tokenSecret: secret,
    console: { dir: CONSOLE_DIR, ...(args.includes('--demo') && existsSync(keysFile) ? { demoIdentities: await demoIdentities(engine, JSON.parse(readFileSync(keysFile, 'utf8')) as Record<string, string>, secret) } : {}) },
    logger: process.env.AFTERSALE_LOG === 'json',
    requestsPerMinute: Number(process.env.AFTERSALE_REQUESTS_PER_MINUTE ?? 1200),
    badCredentialsPerMinute: Number(process.env.AFTERSALE_BAD_CREDENTIALS_PER_MINUTE ?? 30),
  });
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  await app.listen({ port, host });
  const address = app.server.address();
  const url = `http://${host}:${typeof address === 'object' && address ? address.port : port}`;
  out.log(`Aftersale listening on ${url}  (console: ${url}/, API reference: ${url}/docs, OpenAPI: ${url}/openapi.json)`);
  if (!existsSync(join(CONSOLE_DIR, 'index.html'))) out.log('  the console is not built: run `npm run build` (npm start does)');
  out.log(`database: ${process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${dataDir}`}`);
  if (existsSync(keysFile)) {
    const keys = JSON.parse(readFileSync(keysFile, 'utf8')) as Record<string, string>;
    out.log('demo keys (Authorization: Bearer …):');
    for (const [who, key] of Object.entries(keys)) out.log(`  ${who.padEnd(12)} ${key}`);
    // A buyer whose case waits for the shop, and that case, to try the API with (their numbers
    // are dated, 20261129-000120: the demo's are the days they were applied for).
    const [waiting] = await engine.buyersByStatus(['requested']);
    const buyer = waiting?.buyerId ?? DEMO_BUYERS[0]!.id;
    const { token } = engine.buyerToken(secret, buyer, 7 * 24 * 3_600_000);
    out.log(`  ${buyer.padEnd(12)} ${token}   (buyer token, 7 days: ${nicknameOf(buyer) ?? buyer})`);
    const page = await engine.listCases({ kind: 'platform' }, { statuses: ['requested'], sort: 'applied', limit: 1 });
    const example = 'cases' in page ? page.cases[0]?.id : undefined;
    if (example) out.log(`try: curl -s -H "Authorization: Bearer ${keys.platform}" ${url}/v1/cases/${example}`);
  }

  const stop = new AbortController();
  const worker = args.includes('--no-worker') ? Promise.resolve() : runWorker(engine, { signal: stop.signal });
  await new Promise<void>((resolveStop) => {
    const shutdown = () => resolveStop();
    process.once('SIGTERM', shutdown);
    process.once('SIGINT', shutdown);
  });
  // Graceful: stop taking requests and let in-flight ones finish, stop the worker after its item.
  out.log('shutting down…');
  await app.close();
  stop.abort();
  await worker;
  await db.close();
  return 0;
}
