// A small marketplace for HTTP tests: a fresh schema, an engine whose clock moves on every reading
// (as a real one does between deciding and appending), shops S1 (taobao) and S2 (tmall), their keys
// and the platform's, and the server.
import { createEngine, type Engine } from '../src/app/engine.ts';
import { builtinPacks } from '../src/app/packs.ts';
import { simulatedProvider } from '../src/app/payments.ts';
import { createApiKey } from '../src/app/credentials.ts';
import { buildServer } from '../src/http/server.ts';
import type { Database } from '../src/store/db.ts';
import { migrate } from '../src/store/migrations.ts';
import { expectContract } from './contract-shapes.ts';

export const TOKEN_SECRET = 'test-secret';
/** The tests' receivers listen on 127.0.0.1 over http: the development settings (issue 19). */
export const LOCAL_WEBHOOKS = { urls: { allowHttp: true, allowPrivate: true } };

export interface HttpWorld {
  db: Database;
  engine: Engine;
  app: Awaited<ReturnType<typeof buildServer>>;
  keys: Record<'S1' | 'S2' | 'platform', string>;
  close(): Promise<void>;
}

export async function httpWorld(open: () => Promise<Database>, schema: string, now = Date.now()): Promise<HttpWorld> {
  const db = await open();
  await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await db.useSchema(schema);
  await migrate(db);
  let tick = now;
  const engine = createEngine({ db, packs: builtinPacks(), clock: { now: () => (tick += 7) }, payments: simulatedProvider(db), webhooks: LOCAL_WEBHOOKS });
  const keys = {} as HttpWorld['keys'];
  for (const [id, pack] of [['S1', 'taobao'], ['S2', 'tmall']] as const) {
    await engine.upsertShop({ id, pack });
    keys[id] = await createApiKey(db, id, 'test', now);
  }
  keys.platform = await createApiKey(db, '_platform', 'test', now);
  const app = await buildServer({ engine, tokenSecret: TOKEN_SECRET });
  return {
    db,
    engine,
    app,
    keys,
    async close() {
      await app.close();
      await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.close();
    },
  };
}

/** A JSON call on the world's API as a bearer, its answer checked against the contract. */
export function contractCall(world: () => HttpWorld) {
  return async (method: 'GET' | 'POST', url: string, auth: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await world().app.inject({ method, url, payload: body as object, headers: { authorization: `Bearer ${auth}`, ...headers } });
    expectContract(method, url, res);
    return { status: res.statusCode, json: res.json() };
  };
}

export type Part = { name: string; value: string } | { name: string; filename: string; type: string; content: Buffer };

/** A multipart/form-data body, by hand (tests send malformed ones too). */
export function multipart(parts: Part[], boundary: string): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const head =
      'content' in p
        ? `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: ${p.type}\r\n\r\n`
        : `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n`;
    chunks.push(Buffer.from(head, 'utf8'), 'content' in p ? p.content : Buffer.from(p.value, 'utf8'), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}
