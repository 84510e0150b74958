// The `aftersale` command in a child process, as the fuzz and chaos runs start it (bin/aftersale.mjs:
// the compiled server when built, else the sources through tsx).
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

const BIN = join(import.meta.dirname, '..', 'bin', 'aftersale.mjs');

/** `aftersale ARGS…` with `env` over this process's environment; stdout and stderr piped. */
export function spawnAftersale(args: string[], env: NodeJS.ProcessEnv): ChildProcessByStdio<null, Readable, Readable> {
  return spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs an `aftersale` command to its end: its exit code (1 when killed) and everything it printed. */
export function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const proc = spawnAftersale(args, env);
    let out = '';
    proc.stdout.on('data', (c) => (out += c));
    proc.stderr.on('data', (c) => (out += c));
    proc.on('exit', (code) => resolve({ code: code ?? 1, out }));
  });
}
