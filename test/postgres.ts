// Where the PostgreSQL tests find their server: DATABASE_URL, default the local one. With CI=true
// a missing server fails the run; locally the tests are skipped with a loud message.
import pg from 'pg';

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
