// The contract is what the console bundles: it must reach only src/domain and zod, and nothing it
// reaches may import Node (or any package but zod).
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CaseDetail, ErrorBody, OrderView } from './index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const src = resolve(here, '..');

/** Every module `index.ts` reaches (value and type imports alike), and every package it names. */
function reach(): { modules: string[]; packages: string[] } {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\b[^;]*?from\s+'([^']+)'/gms)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) visit(join(dirname(file), spec));
      else packages.add(spec);
    }
  };
  visit(join(here, 'index.ts'));
  return { modules: [...seen].map((f) => relative(src, f)), packages: [...packages] };
}

describe('the contract', () => {
  it('reaches only src/contract and src/domain, and no package but zod', () => {
    const { modules, packages } = reach();
    expect(modules.filter((m) => !m.startsWith('contract/') && !m.startsWith('domain/'))).toEqual([]);
    expect(packages.filter((p) => p !== 'zod')).toEqual([]);
    expect(modules).toEqual(expect.arrayContaining(['contract/case.ts', 'domain/types.ts', 'domain/evidence-file.ts']));
  });

  it('is exact: a key the contract does not have is refused, as the server’s serializer refuses it', () => {
    const order = { id: 'O1', shop: 'S1', buyer: 'B1', status: 'paid', currency: 'CNY', auto_confirm_at: null, refunded: 0, compensation: 0 };
    expect(OrderView.safeParse(order).success).toBe(true);
    expect(OrderView.safeParse({ ...order, secret: 'x' }).success).toBe(false);
    expect(OrderView.safeParse({ ...order, status: 'lost' }).success).toBe(false);
    expect(ErrorBody.safeParse({ error: { code: 'not_found', message: '资源不存在', details: { rule: 'case' } } }).success).toBe(true);
    expect(ErrorBody.safeParse({ error: { code: 'teapot', message: '', details: {} } }).success).toBe(false);
    expect(CaseDetail.safeParse({}).success).toBe(false);
  });
});
