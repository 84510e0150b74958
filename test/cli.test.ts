// The CLI as a user meets it: `aftersale simulate` on good and bad files, `policy show|check`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';

const root = join(import.meta.dirname, '..');
const publicFile = (name: string) => join(root, 'scenarios', 'public', name);

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { log: (l) => out.push(l), error: (l) => err.push(l) });
  return { code, out, err };
}

function scenarioFile(edit: (s: Record<string, unknown>) => unknown, raw?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'aftersale-'));
  const file = join(dir, 'bad.json');
  const base = JSON.parse(readFileSync(publicFile('taobao-return-quality-happy-path.json'), 'utf8'));
  writeFileSync(file, raw ?? JSON.stringify(edit(base) ?? base));
  return file;
}

describe('aftersale simulate', () => {
  it('runs a scenario and closes with "N passed, 0 failed"', async () => {
    const r = await cli('simulate', publicFile('taobao-refund-limits.json'));
    expect(r.code).toBe(0);
    expect(r.out.at(-1)).toMatch(/^\d+ passed, 0 failed$/);
  });

  it('reports a failed expectation with the step, what was expected and what was found, and exits 1', async () => {
    const file = scenarioFile((s) => {
      (s.steps as { expect?: Record<string, unknown> }[])[0]!.expect = { ok: true, status: 'completed' };
    });
    const r = await cli('simulate', file);
    expect(r.code).toBe(1);
    expect(r.out[0]).toBe('FAIL bad.json step 1 (apply C1): status expected completed, found requested');
    expect(r.out.at(-1)).toMatch(/^\d+ passed, 1 failed$/);
  });

  it.each([
    ['invalid JSON', () => scenarioFile(() => null, '{ "name": '), /bad\.json: invalid JSON/],
    ['an unknown command', () => scenarioFile((s) => void ((s.steps as Record<string, unknown>[])[1]!.command = 'refund_now')), /bad\.json: step 2: unknown command "refund_now"/],
    ['an unknown pack', () => scenarioFile((s) => void (s.policy = 'amazon')), /bad\.json: unknown policy pack "amazon"/],
    ['an at that goes back', () => scenarioFile((s) => void ((s.steps as Record<string, unknown>[])[1]!.at = '2026-03-01T00:00:00+08:00')), /bad\.json: step 2: "at" goes back in time/],
    ['an unknown field to check', () => scenarioFile((s) => void ((s.steps as Record<string, unknown>[])[2] = { check: { case: 'C1', colour: 'red' } })), /bad\.json: step 3: unknown field "colour"/],
  ])('a file with %s gets one line naming the file and the step, exit code 2', async (_what, make, pattern) => {
    const r = await cli('simulate', make());
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(pattern);
    expect(r.out).toEqual([]);
  });

  it('--json prints the results as JSON', async () => {
    const r = await cli('simulate', publicFile('pinduoduo-merchant-silence-auto-refund.json'), '--json');
    const parsed = JSON.parse(r.out.join('\n'));
    expect(parsed).toMatchObject({ failed: 0, failures: [] });
    expect(parsed.passed).toBeGreaterThan(0);
  });

  it('the installed binary runs (compiled server, or the sources through tsx when not built)', () => {
    const out = execFileSync(process.execPath, [join(root, 'bin', 'aftersale.mjs'), 'simulate', publicFile('taobao-no-reason-next-day.json')], {
      encoding: 'utf8',
    });
    expect(out.trim().split('\n').at(-1)).toMatch(/^\d+ passed, 0 failed$/);
  });
});

describe('aftersale policy', () => {
  it('show lists every parameter with its source', async () => {
    const r = await cli('policy', 'show', 'tmall', '--at', '2026-03-01T00:00:00+08:00');
    expect(r.code).toBe(0);
    expect(r.out.find((l) => l.startsWith('no_reason_start'))).toMatch(/sign_time.*168/);
  });

  it('show of an unknown pack exits 2', async () => {
    expect((await cli('policy', 'show', 'amazon')).code).toBe(2);
  });

  it('check lists where a pack is less generous than cn-baseline', async () => {
    const r = await cli('policy', 'check');
    expect(r.code).toBe(0);
    expect(r.out).toContain('tmall@2025.1  no_reason_start = "sign_time"  (cn-baseline: "next_day")  less generous to the buyer');
    expect(r.out.some((l) => l.startsWith('taobao@2027.spring-festival  merchant_receipt = 15d'))).toBe(true);
  });
});
