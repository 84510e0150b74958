// Where the PostgreSQL tests find their server: DATABASE_URL, default the local one. With CI=true
// a missing server fails the run; locally the tests are skipped with a loud message.
import pg from 'pg';
import { openPglite, openPostgres, type Database } from '../src/store/db.ts';

export const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function reachable(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (e) {
    return (e as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const problem = await reachable(PG_URL);
if (problem) {
  if (process.env.CI === 'true') {
    throw new Error(`PostgreSQL is required in CI but ${PG_URL} is not reachable: ${problem}`);
  }
  console.warn(`\n*** PostgreSQL at ${PG_URL} is not reachable (${problem}): SKIPPING the PostgreSQL tests ***\n`);
}

/** True when the PostgreSQL suites should run. */
export const HAVE_PG = problem === null;

/**
 * The engines a suite runs on: PGlite always, PostgreSQL when reachable. `open(schema)` gives a
 * database in a fresh schema (on PostgreSQL: made unique per process, dropped again by `close`).
 */
export function testEngines(): [string, (schema: string) => Promise<Database>][] {
  const engines: [string, (schema: string) => Promise<Database>][] = [
    ['PGlite', async (schema) => {
      const db = await openPglite();
      await db.useSchema(schema);
      return db;
    }],
  ];
  if (HAVE_PG) {
    engines.push(['PostgreSQL', async (name) => {
      const schema = `${name}_${process.pid}`;
      const db = await openPostgres(PG_URL);
      await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.useSchema(schema);
      const close = db.close.bind(db);
      return Object.assign(db, { close: async () => (await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`), await close()) });
    }]);
  }
  return engines;
}
