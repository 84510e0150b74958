// Where the product's own files are (policies/, scenarios/, dist/console): the folder of its
// package.json. Found by walking up from this module, so the same code works run from src/ by tsx
// (tests, benches) and compiled into dist/server/ (`npm start`, the `aftersale` binary).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'policies'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no Aftersale package above ${from}`);
  }
}

export const PROJECT_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
