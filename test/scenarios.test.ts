// Every scenario file kept in the repo (the public ones from shared/ and our own) runs green
// through the real application layer and store.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinPacks } from '../src/app/packs.ts';
import { parseScenario } from '../src/app/scenario.ts';
import { runScenario } from '../src/app/simulate.ts';
import { openPglite, openPostgres, type Database } from '../src/store/db.ts';
import { HAVE_PG, PG_URL } from './postgres.ts';

const root = join(import.meta.dirname, '..', 'scenarios');
const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.json'))
  .sort();

const engines: [string, () => Promise<Database>][] = [['PGlite', () => openPglite()]];
if (HAVE_PG) engines.push(['PostgreSQL', () => openPostgres(PG_URL)]);

describe.each(engines)('scenario files on %s', (_engine, open) => {
  let db: Database;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('finds the public scenarios', () => {
    expect(files.filter((f) => f.startsWith('public')).length).toBeGreaterThanOrEqual(12);
  });
  for (const file of files) {
    it(file, async () => {
      const packs = builtinPacks();
      const s = parseScenario(file, readFileSync(join(root, file), 'utf8'), (id) => packs.get(id) !== undefined);
      const run = await runScenario(db, packs, s);
      await db.exec(`DROP SCHEMA ${run.schema} CASCADE`);
      const failed = run.expectations.filter((e) => !e.passed);
      expect(failed.map((f) => `step ${f.step} ${f.what}: ${f.field} expected ${JSON.stringify(f.expected)} found ${JSON.stringify(f.found)} ${f.detail ?? ''}`)).toEqual([]);
      expect(run.expectations.length).toBeGreaterThan(0);
    });
  }
});
