// `aftersale demo` (what `npm start` runs until the HTTP server lands): plays the demo scenarios
// into an embedded database in a data directory (AFTERSALE_DATA_DIR, default ./data), then prints
// the timeline of one case with its hash chain checked.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { dataDirOf } from '../app/configured-database.ts';
import { builtinPacks } from '../app/packs.ts';
import { PROJECT_ROOT } from '../app/project-root.ts';
import { parseScenario } from '../app/scenario.ts';
import { runScenario } from '../app/simulate.ts';
import { describeEvent } from '../app/timeline.ts';
import { formatInstant } from '../domain/calendar.ts';
import { openPglite } from '../store/db.ts';
import { streamEvents, verifyEvents } from '../store/history.ts';
import type { Out } from './simulate-command.ts';

const SCENARIO_DIR = join(PROJECT_ROOT, 'scenarios', 'public');
/** The case whose story the demo tells: a counterfeit claim that goes to the platform. */
const FEATURED = { file: 'tmall-escalation-and-counterfeit.json', case: 'C2' };

export async function demoCommand(args: string[], out: Out): Promise<number> {
  const flag = args.indexOf('--data-dir');
  const dataDir = flag >= 0 && args[flag + 1] ? resolve(args[flag + 1]!) : dataDirOf();
  mkdirSync(dataDir, { recursive: true });
  out.log(`Aftersale demo — embedded PostgreSQL (PGlite) in ${dataDir}`);
  const started = performance.now();
  const db = await openPglite(dataDir);
  const packs = builtinPacks();
  try {
    let passed = 0;
    let failed = 0;
    let featured: { schema: string; caseId: string; tz: string } | null = null;
    for (const file of readdirSync(SCENARIO_DIR).filter((f) => f.endsWith('.json')).sort()) {
      const s = parseScenario(file, readFileSync(join(SCENARIO_DIR, file), 'utf8'), (id) => packs.get(id) !== undefined);
      const schema = `demo_${basename(file, '.json').replace(/[^a-z0-9]/g, '_')}`;
      const run = await runScenario(db, packs, s, schema);
      const bad = run.expectations.filter((e) => !e.passed).length;
      passed += run.expectations.length - bad;
      failed += bad;
      out.log(`  ${bad ? '✗' : '✓'} ${s.name}`);
      const c = run.cases.get(FEATURED.case);
      if (file === FEATURED.file && c) featured = { schema, caseId: c.caseId, tz: packs.get(s.policy)!.timeZone };
    }
    out.log(`${passed} passed, ${failed} failed (${Math.round(performance.now() - started)} ms)`);
    if (featured) {
      await db.useSchema(featured.schema);
      const events = await streamEvents(db, `case:${featured.caseId}`);
      out.log('');
      out.log(`售后单时间线 / timeline of case ${featured.caseId} (tmall, 假一赔十):`);
      for (const e of events) {
        const d = describeEvent(e.data, featured.tz);
        out.log(`  ${String(e.stream_version).padStart(2)}  ${formatInstant(e.data.at, featured.tz)}  ${d.zh}  /  ${d.en}`);
      }
      const breaks = verifyEvents(events);
      out.log(`  hash chain: ${breaks.length ? `BROKEN at ${breaks.map((b) => b.version).join(', ')}` : `intact (${events.length} events, head ${events.at(-1)?.hash.slice(0, 16)}…)`}`);
    }
    out.log('');
    out.log('Next: `npx aftersale simulate ../shared/scenarios/*.json`, `npx aftersale policy show taobao`, `npx aftersale policy check`.');
    return failed ? 1 : 0;
  } finally {
    await db.close();
  }
}
