// The chaos run's moving parts (issue 19 item 2): its OWN PostgreSQL — initdb into a temporary
// directory on a port of its own, restarted by the controller — never the machine's server on 5432,
// which other suites share; and the Aftersale processes (API servers, workers) it kills and restarts.
import { execFileSync, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnAftersale } from '../aftersale-process.ts';

const PG_BIN = '/usr/lib/postgresql/15/bin';

/** initdb refuses to run as root: as root, PostgreSQL's tools run as the `postgres` user. */
function pgTool(tool: string, args: string[]): string {
  const asRoot = process.getuid?.() === 0;
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(PG_BIN, tool), ...args]] : [join(PG_BIN, tool), args];
  return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export interface OwnPostgres {
  url: string;
  /** `immediate` is a crash (no checkpoint; recovery replays the WAL), `fast` a clean restart. */
  restart(mode: 'immediate' | 'fast'): void;
  stop(): void;
}

export function startOwnPostgres(port: number): OwnPostgres {
  const dir = mkdtempSync(join(tmpdir(), 'aftersale-chaos-pg-'));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  pgTool('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-locale', '-E', 'UTF8']);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=on`;
  const ctl = (...args: string[]) => pgTool('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', ...args]);
  ctl('-o', opts, 'start');
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart: (mode) => void ctl('-o', opts, '-m', mode, 'restart'),
    stop: () => {
      try {
        ctl('-m', 'fast', 'stop');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** One Aftersale process the controller may kill: started again by `restart`. */
export class Managed {
  proc: ChildProcess | null = null;
  exits = 0;
  private log = '';
  constructor(
    readonly name: string,
    private readonly args: string[],
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  start(): void {
    const proc = spawnAftersale(this.args, this.env);
    const keep = (c: Buffer) => (this.log = (this.log + c.toString()).slice(-4000));
    proc.stdout!.on('data', keep);
    proc.stderr!.on('data', keep);
    proc.on('exit', () => {
      if (this.proc === proc) {
        // An exit the controller did not cause (e.g. the database went away): counted, restarted.
        this.exits++;
        this.proc = null;
        setTimeout(() => this.proc === null && !this.stopped && this.start(), 300);
      }
    });
    this.proc = proc;
  }

  private stopped = false;

  kill(): void {
    const p = this.proc;
    this.proc = null;
    p?.kill('SIGKILL');
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const p = this.proc;
    this.proc = null;
    if (!p || p.exitCode !== null) return;
    const gone = new Promise((r) => p.once('exit', r));
    p.kill('SIGTERM');
    await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
    p.kill('SIGKILL');
  }

  tail(): string {
    return this.log;
  }
}

export async function until(check: () => Promise<boolean>, timeoutMs: number, stepMs = 200): Promise<boolean> {
  const end = performance.now() + timeoutMs;
  while (performance.now() < end) {
    if (await check().catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, stepMs));
  }
  return false;
}
