// The one database interface the store uses: parameterised SQL and transactions. The SQL is plain
// PostgreSQL, so the same statements run on PGlite (embedded) and on a PostgreSQL server.
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[]; affectedRows?: number }>;
  exec(text: string): Promise<void>;
  /**
   * True on a Citus coordinator (docs/scaling.md): statements that would span shops are sent one
   * shop at a time, so each routes to one shard.
   */
  readonly citus?: boolean;
}

export interface Database extends Sql {
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /** Makes `schema` (created if missing) the one every later statement uses. */
  useSchema(schema: string): Promise<void>;
  close(): Promise<void>;
  readonly engine: 'pglite' | 'postgres';
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
function checkSchema(schema: string): void {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name ${schema}`);
}

/** PGlite in memory (`dataDir` undefined) or in a data directory. */
export async function openPglite(dataDir?: string): Promise<Database> {
  const db = dataDir ? new PGlite(dataDir) : new PGlite();
  await db.waitReady;
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Sql => ({
    query: async <T>(text: string, params?: unknown[]) => {
      const r = await q.query<T>(text, params);
      return { rows: r.rows, affectedRows: r.affectedRows };
    },
    exec: async (text: string) => {
      await q.exec(text);
    },
  });
  return {
    ...wrap(db),
    engine: 'pglite',
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    // One connection: setting the search path is enough.
    useSchema: async (schema) => {
      checkSchema(schema);
      await db.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema}`);
    },
    close: () => db.close(),
  };
}

// bigint columns hold fen and counts well inside 2^53: read them as numbers, as PGlite does.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** A PostgreSQL server through a connection pool (several processes may share one database). */
export async function openPostgres(url: string, opts: { schema?: string; max?: number } = {}): Promise<Database> {
  const make = (schema?: string) => {
    const p = new pg.Pool({
      connectionString: url,
      max: opts.max ?? 10,
      types,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    // An idle connection the server closed (a restart, a failover) is dropped from the pool and
    // the next query opens a new one; unhandled, the pool's 'error' would end the process (issue 19:
    // the chaos run restarts PostgreSQL under load).
    p.on('error', (e) => console.error(JSON.stringify({ level: 'warn', db: 'idle connection lost', error: e.message })));
    return p;
  };
  if (opts.schema) checkSchema(opts.schema);
  let pool = make(opts.schema);
  let citus = false;
  const wrap = (c: pg.Pool | pg.PoolClient): Sql => ({
    citus,
    query: async <T>(text: string, params?: unknown[]) => {
      const r = await c.query(text, params as unknown[]);
      return { rows: r.rows as T[], affectedRows: r.rowCount ?? 0 };
    },
    exec: async (text: string) => {
      await c.query(text);
    },
  });
  // Fail early and clearly when the server is not there.
  await pool.query('SELECT 1');
  citus = (await pool.query("SELECT 1 FROM pg_extension WHERE extname = 'citus'")).rows.length > 0;
  return {
    engine: 'postgres',
    citus,
    query: (text, params) => wrap(pool).query(text, params),
    exec: (text) => wrap(pool).exec(text),
    async transaction(fn) {
      const client = await pool.connect();
      let broken = false;
      // The server may drop the connection while no query is running on it (between statements,
      // e.g. while the relay posts a webhook): pg emits 'error' on the checked-out client, which
      // would end the process unheard. Heard here: the next statement fails and the client is dropped.
      const lost = () => void (broken = true);
      client.on('error', lost);
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (e) {
        // A connection that cannot even roll back is dead: destroyed, not returned to the pool.
        broken = broken || (await client.query('ROLLBACK').then(() => false, () => true));
        throw e;
      } finally {
        client.off('error', lost);
        client.release(broken);
      }
    },
    async useSchema(schema) {
      checkSchema(schema);
      try {
        await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      } catch (e) {
        // Two processes creating the same schema at once: the loser sees a duplicate; fine.
        if (!['23505', '42P06'].includes((e as { code?: string }).code ?? '')) throw e;
      }
      const old = pool;
      pool = make(schema);
      await old.end();
    },
    close: () => pool.end(),
  };
}

/** PostgreSQL when DATABASE_URL is set, else PGlite in `dataDir` (or in memory). */
export function openDatabase(env: { DATABASE_URL?: string }, dataDir?: string): Promise<Database> {
  return env.DATABASE_URL ? openPostgres(env.DATABASE_URL) : openPglite(dataDir);
}
