// The one database interface the store uses: parameterised SQL and transactions. The SQL is plain
// PostgreSQL, so the same statements run on PGlite (embedded) and on a PostgreSQL server.
import { PGlite } from '@electric-sql/pglite';

export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[]; affectedRows?: number }>;
  exec(text: string): Promise<void>;
}

export interface Database extends Sql {
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly engine: 'pglite' | 'postgres';
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
    close: () => db.close(),
  };
}
