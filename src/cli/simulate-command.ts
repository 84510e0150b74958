// `aftersale simulate FILE... [--json] [--verbose]`
import { basename } from 'node:path';
import { builtinPacks } from '../app/packs.ts';
import { parseScenario, ScenarioError, type Scenario } from '../app/scenario.ts';
import { describe, runScenario, type Expectation } from '../app/simulate.ts';
import { openDatabase } from '../store/db.ts';
import { readInputFile } from './files.ts';

export type { Out } from '../app/out.ts';
import type { Out } from '../app/out.ts';

export async function simulateCommand(args: string[], out: Out): Promise<number> {
  const json = args.includes('--json');
  const verbose = args.includes('--verbose');
  const files = args.filter((a) => !a.startsWith('--'));
  if (files.length === 0) {
    out.error('usage: aftersale simulate FILE... [--json] [--verbose]');
    return 2;
  }
  const packs = builtinPacks();
  // Parse every file first: a bad file stops the run before anything executes (exit code 2).
  const scenarios: Scenario[] = [];
  for (const file of files) {
    const text = readInputFile(file, out);
    if (text === null) return 2;
    try {
      scenarios.push(parseScenario(file, text, (id) => packs.get(id) !== undefined));
    } catch (e) {
      if (e instanceof ScenarioError) {
        out.error(e.message);
        return 2;
      }
      throw e;
    }
  }
  // A fresh schema per file: on PGlite in memory, or on PostgreSQL when DATABASE_URL is set.
  const db = await openDatabase(process.env);
  const all: Expectation[] = [];
  const perFile: { file: string; name: string; passed: number; failed: number; error?: string }[] = [];
  try {
    for (const s of scenarios) {
      try {
        const run = await runScenario(db, packs, s);
        await db.exec(`DROP SCHEMA ${run.schema} CASCADE`);
        all.push(...run.expectations);
        const failed = run.expectations.filter((e) => !e.passed).length;
        perFile.push({ file: s.file, name: s.name, passed: run.expectations.length - failed, failed });
      } catch (e) {
        // A scenario that cannot even load (e.g. an order the engine refuses) fails as a whole.
        const message = (e as Error).message;
        all.push({ file: s.file, step: 0, what: 'load', field: 'load', expected: 'loads', found: message, passed: false });
        perFile.push({ file: s.file, name: s.name, passed: 0, failed: 1, error: message });
      }
    }
  } finally {
    await db.close();
  }
  const passed = all.filter((e) => e.passed).length;
  const failed = all.length - passed;
  if (json) {
    out.log(JSON.stringify({ passed, failed, files: perFile, failures: all.filter((e) => !e.passed) }, null, 2));
  } else {
    for (const e of all.filter((x) => !x.passed)) {
      out.log(
        `FAIL ${basename(e.file)} step ${e.step} (${e.what}): ${e.field} expected ${describe(e.expected)}, found ${describe(e.found)}${e.detail ? ` — ${e.detail}` : ''}`,
      );
    }
    if (verbose) for (const f of perFile) out.log(`${f.failed ? 'FAIL' : 'ok  '} ${basename(f.file)}: ${f.passed} passed, ${f.failed} failed — ${f.name}`);
    out.log(`${passed} passed, ${failed} failed`);
  }
  return failed > 0 ? 1 : 0;
}
