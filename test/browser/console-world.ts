// The demo marketplace behind the browser tests: a fresh in-memory PGlite, the demo seed, its keys,
// and the server serving the built console (dist/console, built first when missing).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { demoIdentities } from '../../src/app/demo-identities.ts';
import { ALL_DEMO_SHOPS, seedDemo } from '../../src/app/demo-seed.ts';
import { createEngine, type Engine } from '../../src/app/engine.ts';
import { builtinPacks } from '../../src/app/packs.ts';
import { simulatedProvider } from '../../src/app/payments.ts';
import { createApiKey, issueBuyerToken } from '../../src/app/credentials.ts';
import { buildServer } from '../../src/http/server.ts';
import { openPglite, type Database } from '../../src/store/db.ts';
import { migrate } from '../../src/store/migrations.ts';
import { PLATFORM } from '../../src/store/outbox.ts';

const root = join(import.meta.dirname, '..', '..');
export const CONSOLE_DIR = join(root, 'dist', 'console');
const SECRET = 'browser-test-secret';

export interface ConsoleWorld {
  url: string;
  db: Database;
  engine: Engine;
  keys: Record<string, string>;
  /** The demo's case numbers by recipe and round (requested-1, in_arbitration-2, …; src/app/demo-cases.ts). */
  caseIds: Record<string, string>;
  buyerToken(buyer: string): string;
  /** A JSON API call as a given credential (to compare what the console shows with the API). */
  api<T>(token: string, path: string, init?: { method?: string; body?: unknown; lang?: 'zh' | 'en' }): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

export async function consoleWorld(): Promise<ConsoleWorld> {
  if (!existsSync(join(CONSOLE_DIR, 'index.html'))) {
    execFileSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(root, 'web', 'vite.config.ts'), '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  }
  const db = await openPglite();
  await migrate(db);
  // Refunds are paid inline (as `npm start` on PGlite does), so a received return shows its refund.
  const engine = createEngine({ db, packs: builtinPacks(), clock: { now: () => Date.now() }, payments: simulatedProvider(db), inlineRefunds: true });
  const { caseIds } = await seedDemo(engine, Date.now(), 240);
  const keys: Record<string, string> = { platform: await createApiKey(db, PLATFORM, 'demo platform', Date.now()) };
  for (const s of ALL_DEMO_SHOPS) keys[s.id] = await createApiKey(db, s.id, s.name, Date.now());
  const app = await buildServer({ engine, tokenSecret: SECRET, console: { dir: CONSOLE_DIR, demoIdentities: await demoIdentities(engine, keys, SECRET) } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url,
    db,
    engine,
    keys,
    caseIds,
    buyerToken: (buyer) => issueBuyerToken(SECRET, buyer, Date.now() + 3_600_000),
    async api<T>(token: string, path: string, init: { method?: string; body?: unknown; lang?: 'zh' | 'en' } = {}) {
      const res = await fetch(url + path, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: { authorization: `Bearer ${token}`, 'accept-language': init.lang === 'en' ? 'en' : 'zh-CN', ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
      return { status: res.status, body: (await res.json()) as T };
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
}
