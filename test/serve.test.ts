// `npm start` as a new user meets it: a fresh data directory, the demo marketplace seeded, the
// URL and keys printed, the API answering with them, a graceful stop on SIGTERM.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HAVE_PG, PG_URL } from './postgres.ts';

const root = join(import.meta.dirname, '..');

describe('aftersale serve --demo (npm start)', () => {
  it('seeds, prints its URL and keys, serves them, and stops gracefully', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'aftersale-serve-'));
    const env: NodeJS.ProcessEnv = { ...process.env, AFTERSALE_DATA_DIR: dataDir, PORT: '0', AFTERSALE_DEMO_ORDERS: '200' };
    delete env.DATABASE_URL;
    const proc = spawn(process.execPath, [join(root, 'bin', 'aftersale.mjs'), 'serve', '--demo'], { env, cwd: root });
    let out = '';
    proc.stdout.on('data', (c) => (out += c));
    proc.stderr.on('data', (c) => (out += c));
    const exited = new Promise<number | null>((r) => proc.on('exit', r));
    const end = Date.now() + 60_000;
    while (!/try: curl/.test(out) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
    const platform = /platform\s+(pk_\S+)/.exec(out)?.[1];
    const shopKey = /tb-apparel\s+(sk_\S+)/.exec(out)?.[1];
    expect(url && platform && shopKey, out).toBeTruthy();
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    // The printed example: a case waiting for the shop, numbered as the platforms number them.
    const requested = /\/v1\/cases\/(\d{8}-\d{6})/.exec(out)?.[1];
    expect(requested, out).toBeDefined();
    const buyerToken = /^ {2}(tb_\d{8})\s+(\S+)\s+\(buyer token/m.exec(out);
    expect(buyerToken, out).not.toBeNull();
    const c = await fetch(`${url}/v1/cases/${requested}`, { headers: { authorization: `Bearer ${platform}` } });
    expect(c.status).toBe(200);
    expect(await c.json()).toMatchObject({ id: requested, status: 'requested', actions: [] });
    // The printed buyer token reads that buyer's own cases.
    const mine = await (await fetch(`${url}/v1/cases?status=requested`, { headers: { authorization: `Bearer ${buyerToken![2]}` } })).json();
    expect(mine.data.length).toBeGreaterThan(0);
    expect(new Set(mine.data.map((x: { buyer: string }) => x.buyer))).toEqual(new Set([buyerToken![1]]));
    const arbitration = (await (await fetch(`${url}/v1/cases?status=in_arbitration&limit=50`, { headers: { authorization: `Bearer ${platform}` } })).json()).data as { id: string }[];
    // The demo's evidence is real files: the buyer's photo, and in arbitration the shop's invoice.
    const auth = { authorization: `Bearer ${platform}` };
    const answered = [];
    for (const a of arbitration) {
      const detail = await (await fetch(`${url}/v1/cases/${a.id}`, { headers: auth })).json();
      if (detail.evidence.some((e: { party: string }) => e.party === 'merchant')) answered.push(a.id);
    }
    expect(answered).toHaveLength(1);
    for (const [caseId, parties] of [[requested!, ['buyer']], [answered[0]!, ['buyer', 'merchant']]] as const) {
      const detail = await (await fetch(`${url}/v1/cases/${caseId}`, { headers: auth })).json();
      expect(detail.evidence.map((e: { party: string }) => e.party), caseId).toEqual(parties);
      for (const e of detail.evidence) {
        expect(e, caseId).toMatchObject({ content_type: 'image/jpeg', url: `/v1/cases/${caseId}/evidence/${e.sha256}` });
        const file = await fetch(`${url}${e.url}`, { headers: auth });
        expect(file.status).toBe(200);
        expect(file.headers.get('content-type')).toBe('image/jpeg');
        const bytes = Buffer.from(await file.arrayBuffer());
        expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(e.sha256);
      }
    }
    const denied = await fetch(`${url}/v1/cases/${requested}`, { headers: { authorization: 'Bearer sk_forged' } });
    expect(denied.status).toBe(401);
    expect((await denied.json()).error.code).toBe('unauthenticated');
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain('shutting down');
  }, 90_000);
});

describe.runIf(HAVE_PG)('aftersale serve --processes 2 (PostgreSQL)', () => {
  it('forks two HTTP processes on one port, replaces one that dies, and stops them all on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'aftersale-serve-'));
    const schema = `serve_${process.pid}`;
    const env: NodeJS.ProcessEnv = { ...process.env, AFTERSALE_DATA_DIR: dataDir, PORT: '0', DATABASE_URL: PG_URL };
    const proc = spawn(process.execPath, [join(root, 'bin', 'aftersale.mjs'), 'serve', '--schema', schema, '--processes', '2', '--no-worker'], { env, cwd: root });
    let out = '';
    proc.stdout.on('data', (c) => (out += c));
    proc.stderr.on('data', (c) => (out += c));
    const exited = new Promise<number | null>((r) => proc.on('exit', r));
    const until = async (re: RegExp) => {
      const end = Date.now() + 60_000;
      while (!re.test(out) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
      return re.exec(out);
    };
    const pids = (await until(/2 HTTP processes \(--processes; pids (\d+), (\d+)\)/))?.slice(1).map(Number);
    const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
    expect(pids?.length, out).toBe(2);
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    expect(pids!.map(alive)).toEqual([true, true]);
    for (let i = 0; i < 10; i++) expect((await fetch(`${url}/healthz`)).status).toBe(200);
    process.kill(pids![0]!, 'SIGKILL');
    const replaced = await until(new RegExp(`HTTP process ${pids![0]} ended \\(SIGKILL\\): replaced by (\\d+)`));
    expect(replaced, out).toBeTruthy();
    const third = Number(replaced![1]);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect([pids![1]!, third].map(alive)).toEqual([false, false]);
    const pg = (await import('pg')).default;
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
  }, 120_000);
});
