// The layering of src/ (issue 10, "the engine is the only door"): imports point inward only —
// domain ← store ← app ← http / cli (src/contract: enums and response schemas, on the domain
// alone) — only src/store speaks SQL, and only src/app/clock.ts reads the wall clock. Each
// failure names the file and line.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');

/** What each layer may import (besides itself and packages). */
const MAY_IMPORT: Record<string, readonly string[]> = {
  domain: ['domain'],
  contract: ['contract', 'domain'],
  store: ['store', 'domain'],
  app: ['app', 'store', 'domain', 'contract'],
  http: ['http', 'app', 'store', 'domain', 'contract'],
  cli: ['cli', 'app', 'store', 'domain', 'contract'],
};

const SQL = /\b(SELECT|INSERT INTO|DELETE FROM)\b|UPDATE [a-z_]+ SET/;
const WALL_CLOCK = /Date\.now\(/;
const IMPORT = /\b(?:import|export)\s[^;]*?\bfrom\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(e.name) ? [path] : [];
  });
}

const files = sourceFiles(SRC).map((path) => ({ path, rel: relative(ROOT, path), layer: relative(SRC, path).split('/')[0]!, text: readFileSync(path, 'utf8') }));
const isTest = (rel: string) => /\.test\.tsx?$/.test(rel);
const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** Every `… from '…'` and `import('…')` of a file, with its line. */
function importsOf(text: string): { spec: string; line: number }[] {
  return [...text.matchAll(IMPORT)].map((m) => ({ spec: (m[1] ?? m[2])!, line: lineOf(text, m.index) }));
}

describe('layering of src/', () => {
  it('knows every layer', () => {
    expect(files.map((f) => f.layer).filter((l) => !(l in MAY_IMPORT))).toEqual([]);
  });

  it('imports point inward only (domain ← store ← app ← http / cli)', () => {
    const outward: string[] = [];
    for (const f of files) {
      // Tests may use anything (the test kit in test/ loads the packs for the domain's tests).
      if (isTest(f.rel)) continue;
      for (const { spec, line } of importsOf(f.text)) {
        if (!spec.startsWith('.')) continue;
        const target = relative(SRC, resolve(dirname(f.path), spec));
        const layer = target.split('/')[0]!;
        if (target.startsWith('..')) outward.push(`${f.rel}:${line} imports ${spec}, outside src/`);
        else if (!MAY_IMPORT[f.layer]!.includes(layer)) outward.push(`${f.rel}:${line} (${f.layer}) imports ${spec} (${layer})`);
      }
    }
    expect(outward).toEqual([]);
  });

  it('only src/store holds SQL', () => {
    const leaks = files
      .filter((f) => f.layer !== 'store' && !isTest(f.rel))
      .flatMap((f) => f.text.split('\n').flatMap((l, i) => (SQL.test(l) ? [`${f.rel}:${i + 1}: ${l.trim()}`] : [])));
    expect(leaks).toEqual([]);
  });

  it('reads the wall clock only in src/app/clock.ts', () => {
    const reads = files
      .filter((f) => f.rel !== join('src', 'app', 'clock.ts'))
      .flatMap((f) => f.text.split('\n').flatMap((l, i) => (WALL_CLOCK.test(l) ? [`${f.rel}:${i + 1}: ${l.trim()}`] : [])));
    expect(reads).toEqual([]);
  });

  it('finds what it looks for (the checks are not vacuous)', () => {
    expect(importsOf("import { a } from '../store/db.ts';\nexport type { B } from './b.ts';")).toEqual([
      { spec: '../store/db.ts', line: 1 },
      { spec: './b.ts', line: 2 },
    ]);
    expect(SQL.test("await sql.query('UPDATE shops SET x = 1')")).toBe(true);
    expect(SQL.test('// claims with FOR UPDATE SKIP LOCKED')).toBe(false);
    expect(files.filter((f) => f.layer === 'store' && SQL.test(f.text)).length).toBeGreaterThan(5);
  });
});
