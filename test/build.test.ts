// The compiled server (issue 10): `npm run build` compiles src/ into dist/server, which runs on
// plain Node (no tsx), and knows when it is older than its sources.
import { execFileSync } from 'node:child_process';
import { statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const scenario = join(root, 'scenarios', 'public', 'taobao-no-reason-next-day.json');
const node = (args: string[]) => execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
const stale = (part: string): boolean =>
  JSON.parse(node(['--input-type=module', '-e', `import { isStale } from './scripts/build-state.mjs'; console.log(JSON.stringify(isStale('${part}')))`]));

describe('the compiled server', () => {
  // `npm test` builds first; run alone, this builds what is missing (nothing when current).
  beforeAll(() => void node(['scripts/build.mjs']), 180_000);

  it('is current after a build, and runs a scenario on plain Node without tsx', () => {
    expect(stale('server')).toBe(false);
    const out = node([
      '--input-type=module',
      '-e',
      `const { main } = await import('./dist/server/cli/main.js'); process.exitCode = await main(['simulate', ${JSON.stringify(scenario)}]);`,
    ]);
    expect(out.trim().split('\n').at(-1)).toMatch(/^\d+ passed, 0 failed$/);
  });

  it('is stale once a source is newer than the build', () => {
    const file = join(root, 'src', 'app', 'clock.ts');
    const { atime, mtime } = statSync(file);
    const before = stale('server');
    const later = new Date(Date.now() + 60_000);
    utimesSync(file, later, later);
    try {
      expect(stale('server')).toBe(true);
    } finally {
      utimesSync(file, atime, mtime);
    }
    expect(stale('server')).toBe(before);
  });
});
