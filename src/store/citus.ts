// Citus (docs/scaling.md): when the database has the citus extension, every table of the schema is
// distributed by shop_id, co-located, so all rows of one order live on one shard and a command is a
// single-shard transaction. Tables without a shop-first key are reference tables (copied to every
// node). Run by migrate() after the migrations, for the tables not yet distributed, so a later
// migration's new table is distributed too.
import type { Sql } from './db.ts';

/** Small and read by every command, or keyed by something other than the shop: on every node. */
const REFERENCE = new Set([
  'shops', // read by every command (joined to the order in the one load statement)
  'webhook_endpoints', // read by every command's outbox fan-out
  'api_keys', // looked up by key hash (unique across shops) on every request
  'audit_log', // one hash chain across all shops, keyed by its global seq
]);
/** Local to the coordinator: read only by migrate(). */
const LOCAL = new Set(['schema_migrations']);
/** The table the others are co-located with. */
const ANCHOR = 'orders';

export async function hasCitus(tx: Sql): Promise<boolean> {
  const { rows } = await tx.query("SELECT 1 FROM pg_extension WHERE extname = 'citus'");
  return rows.length > 0;
}

/** Distributes (or replicates) the current schema's tables that Citus does not know yet. */
export async function distributeTables(tx: Sql): Promise<string[]> {
  const { rows } = await tx.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
        AND NOT EXISTS (SELECT 1 FROM pg_dist_partition p WHERE p.logicalrelid = c.oid)
      ORDER BY c.relname`,
  );
  const todo = rows.map((r) => r.name).filter((n) => !LOCAL.has(n));
  // The anchor first: the others name it in colocate_with.
  todo.sort((a, b) => Number(b === ANCHOR) - Number(a === ANCHOR));
  for (const name of todo) {
    if (REFERENCE.has(name)) await tx.query('SELECT create_reference_table($1)', [name]);
    else if (name === ANCHOR) await tx.query("SELECT create_distributed_table($1, 'shop_id')", [name]);
    else await tx.query("SELECT create_distributed_table($1, 'shop_id', colocate_with => $2)", [name, ANCHOR]);
  }
  return todo;
}
