// The command anchor (issue 18; bench/anchor/*.sql, copied unchanged from the shared bench folder):
// pgbench running the least a durable after-sales command must write — bump a case stream's
// version, append one event, upsert the case projection, move its deadline — with no application
// in between. bench:store and bench:http report the engine's commands/s as a ratio of it, measured
// in the same run (the machine's load moves between runs; the ratio much less).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const DIR = join(import.meta.dirname, 'anchor');
const SCHEMA = 'bench_anchor';

/** Creates the anchor's tables (100 shops × 1,000 cases) in their own schema. */
export function prepareAnchor(url: string): void {
  execFileSync('psql', [url, '-q', '-v', 'ON_ERROR_STOP=1', '-c', `DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE; CREATE SCHEMA ${SCHEMA}`], { stdio: 'pipe' });
  execFileSync('psql', [url, '-q', '-v', 'ON_ERROR_STOP=1', '-f', join(DIR, 'anchor-schema.sql')], { stdio: 'pipe', env: { ...process.env, PGOPTIONS: `-c search_path=${SCHEMA}` } });
}

/** The anchor's transactions per second at `clients` (pgbench -j 2, as the shared README runs it). */
export function anchorTps(url: string, clients: number, seconds: number): number {
  const out = execFileSync('pgbench', ['-n', '-c', String(clients), '-j', String(Math.min(clients, 2)), '-T', String(seconds), '-f', join(DIR, 'anchor-command.sql'), url], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PGOPTIONS: `-c search_path=${SCHEMA}` },
  });
  const m = /tps = ([\d.]+)/.exec(out);
  return m ? Number(m[1]) : NaN;
}

export function dropAnchor(url: string): void {
  execFileSync('psql', [url, '-q', '-c', `DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`], { stdio: 'pipe' });
}
