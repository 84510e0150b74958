// The demo as `npm start` runs it, then the history commands on its data directory: export a
// case with its hash chain, verify it, and catch an edit made behind the engine's back.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { openPglite } from '../src/store/db.ts';
import { withEnv } from './env-kit.ts';

const dir = mkdtempSync(join(tmpdir(), 'aftersale-data-'));
const schema = 'demo_tmall_escalation_and_counterfeit';

async function cli(...args: string[]) {
  const out: string[] = [];
  const code = await main(args, { log: (l) => out.push(l), error: (l) => out.push(l) });
  return { code, out };
}

describe('demo data and history commands (PGlite data directory)', () => {
  withEnv({ AFTERSALE_DATA_DIR: dir, DATABASE_URL: undefined });

  it('the demo plays the public scenarios into the data directory and tells one case', async () => {
    const r = await cli('demo');
    expect(r.code).toBe(0);
    expect(r.out.some((l) => /^\d+ passed, 0 failed/.test(l))).toBe(true);
    expect(r.out.some((l) => l.includes('hash chain: intact'))).toBe(true);
  });

  it('history export writes the case with its hashes; verify confirms the chain', async () => {
    const file = join(dir, 'c2.json');
    expect((await cli('history', 'export', 'C2', '--schema', schema, '--out', file)).code).toBe(0);
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    expect(doc.intact).toBe(true);
    expect(doc.events[0]).toMatchObject({ version: 1, type: 'CaseApplied', prev_hash: null });
    expect(doc.events[1].prev_hash).toBe(doc.events[0].hash);
    expect((await cli('history', 'verify', 'C2', '--schema', schema)).code).toBe(0);
    expect((await cli('history', 'export', 'nope', '--schema', schema)).code).toBe(2);
  });

  it('history verify and doctor find an event edited in the database', async () => {
    const db = await openPglite(dir);
    await db.useSchema(schema);
    await db.query(`UPDATE events SET data = jsonb_set(data, '{reason}', '"no_reason_7d"') WHERE stream_id = 'case:C2' AND type = 'CaseApplied'`);
    await db.close();
    const v = await cli('history', 'verify', '--schema', schema);
    expect(v.code).toBe(1);
    expect(v.out[0]).toBe('BROKEN S1/case:C2 at version 1: hash_mismatch');
    const d = await cli('doctor', '--schema', schema);
    expect(d.code).toBe(1);
    expect(d.out.some((l) => l.startsWith('BREACH history_intact: S1/case:C2 at version 1'))).toBe(true);
  });
});
