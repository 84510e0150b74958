// The database a command or the server works on: PostgreSQL when DATABASE_URL is set, else the
// embedded one in AFTERSALE_DATA_DIR (default ./data); `--schema NAME` (or AFTERSALE_SCHEMA)
// picks a schema. Shared by the CLI and the HTTP server's process (src/http/serve-command.ts).
import { resolve } from 'node:path';
import { openDatabase, type Database } from '../store/db.ts';
import { migrate } from '../store/migrations.ts';

/** The value after `name` in the arguments. */
export function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** The embedded database's and the generated secrets' directory: AFTERSALE_DATA_DIR, default ./data. */
export const dataDirOf = (env: NodeJS.ProcessEnv = process.env) => resolve(env.AFTERSALE_DATA_DIR ?? 'data');

/** Opens the configured database, in its schema, migrated. */
export async function openConfigured(args: string[]): Promise<Database> {
  const db = await openDatabase(process.env, dataDirOf());
  const schema = flag(args, '--schema') ?? process.env.AFTERSALE_SCHEMA;
  if (schema) await db.useSchema(schema);
  await migrate(db);
  return db;
}
