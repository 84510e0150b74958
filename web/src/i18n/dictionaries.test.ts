/// <reference types="vite/client" />
// The console's words: both languages say the same things, every key the code asks for exists, and
// every SPEC code has a label in each.
import { describe, expect, it } from 'vitest';
import { PARAM_DIRECTION } from '../../../src/domain/policy.ts';
import * as spec from '../../../src/domain/types.ts';
import { CASE_COMMANDS, TABLE_COMMANDS } from '../../../src/domain/case/command-table.ts';
import {
  COMPLAINT_ACTIONS,
  COMPLAINT_CLOSED_REASONS,
  COMPLAINT_DEADLINE_KINDS,
  COMPLAINT_KINDS,
  COMPLAINT_STATUSES,
  COMPLAINT_SUB_KINDS,
  DEPOSIT_DEBIT_REASONS,
  SHOP_STATUSES,
} from '../../../src/contract/enums.ts';
import { Sanction } from '../../../src/contract/governance.ts';
import arbitration from './arbitration.ts';
import buyer from './buyer.ts';
import common from './common.ts';
import governance from './governance.ts';
import automation from './automation.ts';
import metrics from './metrics.ts';
import desk from './desk.ts';
import dossier from './dossier.ts';
import claims from './claims.ts';
import { translate, type Dict } from './index.tsx';
import policy from './policy.ts';
import workbench from './workbench.ts';
import workday from './workday.ts';

const DICTS: [string, Dict][] = [
  ['common', common],
  ['workbench', workbench],
  ['buyer', buyer],
  ['arbitration', arbitration],
  ['policy', policy],
  ['governance', governance],
  ['automation', automation],
  ['metrics', metrics],
  ['desk', desk],
  ['workday', workday],
  ['dossier', dossier],
  ['claims', claims],
];
const LANGS = ['zh', 'en'] as const;
const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

describe.each(DICTS)('the %s dictionary', (_name, dict) => {
  it('has the same keys in zh and en', () => {
    const zh = Object.keys(dict.zh);
    const en = Object.keys(dict.en);
    expect({ missingInEn: zh.filter((k) => !(k in dict.en)), missingInZh: en.filter((k) => !(k in dict.zh)) }).toEqual({ missingInEn: [], missingInZh: [] });
  });

  it('has no empty value', () => {
    for (const lang of LANGS) {
      const empty = Object.entries(dict[lang]).filter(([, v]) => typeof v !== 'string' || v.trim() === '');
      expect(empty.map(([k]) => `${lang}:${k}`)).toEqual([]);
    }
  });

  it('uses the same {placeholders} in both languages', () => {
    const differ = Object.keys(dict.zh)
      .filter((k) => k in dict.en)
      .filter((k) => placeholders(dict.zh[k]!).join() !== placeholders(dict.en[k]!).join())
      .map((k) => `${k}: zh {${placeholders(dict.zh[k]!).join()}} en {${placeholders(dict.en[k]!).join()}}`);
    expect(differ).toEqual([]);
  });
});

describe('the dictionaries together', () => {
  it('never define a key twice (a later one would silently win when they are merged)', () => {
    const owner = new Map<string, string>();
    const twice: string[] = [];
    for (const [name, dict] of DICTS) {
      for (const k of new Set([...Object.keys(dict.zh), ...Object.keys(dict.en)])) {
        if (owner.has(k)) twice.push(`${k} (${owner.get(k)}, ${name})`);
        else owner.set(k, name);
      }
    }
    expect(twice).toEqual([]);
  });

  it('translate fills placeholders and falls back to the key', () => {
    expect(translate('en', 'wb.loaded', { n: 3 })).toBe('3 loaded');
    expect(translate('zh', 'wb.loaded', { n: 3 })).toBe('已加载 3 件');
    expect(translate('en', 'no.such.key')).toBe('no.such.key');
  });
});

/** The console's source (not the dictionaries, not the tests), as text. */
const SOURCES = import.meta.glob<string>(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts', '!./*'], { query: '?raw', import: 'default', eager: true });

describe('the keys the code asks for', () => {
  it('reads the source', () => {
    expect(Object.keys(SOURCES).length).toBeGreaterThan(30);
    expect(Object.keys(SOURCES)).toContain('../pages/workbench.tsx');
  });

  it('exist in both languages: every literal t(…) / translate(…, …) key', () => {
    const missing: string[] = [];
    let seen = 0;
    for (const [file, text] of Object.entries(SOURCES)) {
      for (const m of text.matchAll(/\b(?:t|translate\(\s*\w+\s*,)\(?\s*'([a-zA-Z][\w.]*)'/g)) {
        const key = m[1]!;
        seen++;
        for (const lang of LANGS) if (!DICTS.some(([, d]) => d[lang][key])) missing.push(`${file}: ${lang}:${key}`);
      }
    }
    expect(seen).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  });
});

/** Every SPEC code the console shows, by the label group it is shown under. */
const CODES: [string, readonly string[]][] = [
  ['status', spec.CASE_STATUSES],
  ['type', spec.CASE_TYPES],
  ['reason', spec.REASONS],
  ['evidence', spec.EVIDENCE_KINDS],
  ['liability', spec.LIABILITIES],
  ['outcome', spec.RULING_OUTCOMES],
  ['deadline', spec.CASE_DEADLINE_KINDS],
  ['phase', spec.PHASES],
  ['orderStatus', spec.ORDER_STATUSES],
  ['closed', spec.CLOSED_REASONS],
  ['payer', spec.SHIPPING_PAYERS],
  ['role', spec.ROLES],
  ['policy.param', Object.keys(PARAM_DIRECTION)],
  // Every action the API can offer on a case: the domain's command table (a person's commands).
  ['action', TABLE_COMMANDS.filter((k) => CASE_COMMANDS[k].roles.some((r) => r !== 'system'))],
  // Governance (SPEC §8.1–§8.3).
  ['complaintKind', COMPLAINT_KINDS],
  ['complaintSub', Object.values(COMPLAINT_SUB_KINDS).flat()],
  ['complaintStatus', COMPLAINT_STATUSES],
  ['complaintClosed', COMPLAINT_CLOSED_REASONS],
  ['complaintAction', COMPLAINT_ACTIONS],
  ['deadline', COMPLAINT_DEADLINE_KINDS],
  ['shopStatus', SHOP_STATUSES],
  ['sanction', Sanction.shape.kind.options],
  ['ledger', ['opening', 'topup', ...DEPOSIT_DEBIT_REASONS]],
];

describe.each(CODES)('SPEC codes labelled %s.*', (group, codes) => {
  it.each(LANGS)('in %s', (lang) => {
    expect(codes.length).toBeGreaterThan(0);
    const words = new Map<string, string | undefined>();
    for (const [, dict] of DICTS) for (const code of codes) words.set(code, words.get(code) ?? dict[lang][`${group}.${code}`]);
    expect(codes.filter((c) => !words.get(c)?.trim()).map((c) => `${group}.${c}`)).toEqual([]);
  });
});
