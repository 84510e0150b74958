// `npm run build`: compiles the server (tsc → dist/server) and builds the console (Vite →
// dist/console), each only when missing or stale; `--force` rebuilds both. `npm start` runs the
// same check inside the server's own process (`aftersale serve --build`), so a second start on an
// unchanged checkout goes straight to the server.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isStale, PARTS, ROOT } from './build-state.mjs';

const require = createRequire(import.meta.url);
const tsc = (args) => execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), ...args], { cwd: ROOT, stdio: 'inherit' });

/** Builds what is missing or stale (everything with `force`). */
export async function build({ force = false } = {}) {
  if (force || isStale('server')) {
    const t0 = performance.now();
    tsc(['-p', 'tsconfig.build.json']);
    mkdirSync(join(ROOT, 'dist/server'), { recursive: true });
    writeFileSync(join(ROOT, PARTS.server.output), new Date().toISOString());
    console.log(`server compiled into dist/server (${Math.round(performance.now() - t0)} ms)`);
  }
  if (force || isStale('console')) {
    const t0 = performance.now();
    const { build: vite } = await import('vite');
    await vite({ configFile: join(ROOT, 'web/vite.config.ts'), logLevel: 'warn' });
    console.log(`console built into dist/console (${Math.round(performance.now() - t0)} ms)`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await build({ force: process.argv.includes('--force') });
