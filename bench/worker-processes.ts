// Runner processes for the deadline benchmarks: `aftersale worker --until-idle` on a schema,
// `n` at once; resolves with the wall time until the last one exits (ms).
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const bin = join(import.meta.dirname, '..', 'bin', 'aftersale.mjs');

export async function runWorkers(n: number, url: string, schema: string): Promise<number> {
  const t = performance.now();
  await Promise.all(
    Array.from({ length: n }, () => {
      const p = spawn(process.execPath, [bin, 'worker', '--until-idle', '--no-relay', '--no-refunds'], {
        env: { ...process.env, DATABASE_URL: url, AFTERSALE_SCHEMA: schema },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      return new Promise((r) => p.on('exit', r));
    }),
  );
  return performance.now() - t;
}
