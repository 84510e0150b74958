// Which parts of the product are missing or older than their sources: the server (src/ compiled
// by tsc into dist/server) and the console (web/ built by Vite into dist/console). `npm start`
// builds only those, and the `aftersale` binary runs the compiled server only when it is current.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

const SKIP = new Set(['node_modules', 'dist', '.git', 'data', '.artifacts']);

/** The newest modification time under the given paths (files or folders), tests excluded. */
function newest(paths) {
  let max = 0;
  const visit = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) {
      for (const name of readdirSync(p)) if (!SKIP.has(name)) visit(join(p, name));
    } else if (!/\.test\.tsx?$/.test(p)) {
      max = Math.max(max, s.mtimeMs);
    }
  };
  for (const p of paths) visit(join(ROOT, p));
  return max;
}

const builtAt = (file) => (existsSync(join(ROOT, file)) ? statSync(join(ROOT, file)).mtimeMs : -1);

export const PARTS = {
  server: {
    output: 'dist/server/.built',
    inputs: ['src', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'],
  },
  // The console imports the shared contract and pure domain modules from src/.
  console: {
    output: 'dist/console/index.html',
    inputs: ['web', 'src/contract', 'src/domain', 'package-lock.json'],
  },
};

/** True when the part's output is missing or older than one of its sources. */
export function isStale(part) {
  const { output, inputs } = PARTS[part];
  const at = builtAt(output);
  return at < 0 || newest(inputs) > at;
}
