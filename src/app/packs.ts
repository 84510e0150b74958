// Loads the policy packs (policies/*.json) and holiday calendars once: they are read-only data,
// identical in every process, so caching them is not shared mutable state.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HolidayCalendar } from '../domain/calendar.ts';
import type { PolicyPack } from '../domain/policy.ts';
import { parseCalendar, parsePack } from '../domain/policy-schema.ts';
import { PROJECT_ROOT } from './project-root.ts';

export const POLICY_DIR = join(PROJECT_ROOT, 'policies');
export const PACK_IDS = ['cn-baseline', 'taobao', 'tmall', 'pinduoduo', 'jd', 'amazon-us'] as const;

export interface PackRegistry {
  get(id: string): PolicyPack | undefined;
  list(): PolicyPack[];
}

export function loadPacks(dir = POLICY_DIR): PackRegistry {
  const calendars: Record<string, HolidayCalendar> = {};
  for (const f of readdirSync(join(dir, 'calendars')).filter((n) => n.endsWith('.json'))) {
    const cal = parseCalendar(JSON.parse(readFileSync(join(dir, 'calendars', f), 'utf8')));
    calendars[cal.id] = cal;
  }
  const packs = new Map<string, PolicyPack>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    const pack = parsePack(JSON.parse(readFileSync(join(dir, f), 'utf8')), calendars);
    packs.set(pack.id, pack);
  }
  return { get: (id) => packs.get(id), list: () => [...packs.values()] };
}

let cached: PackRegistry | undefined;
/** The packs shipped with the product, loaded on first use. */
export function builtinPacks(): PackRegistry {
  cached ??= loadPacks();
  return cached;
}
