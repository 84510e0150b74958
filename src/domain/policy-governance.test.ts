// SPEC §9 governance table (§8.1–§8.3 parameters): the values every pack carries, their sources,
// and which of them a shop may override (only the buyer's window and the merchant's answer time).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACK_IDS, POLICY_DIR, builtinPacks } from '../app/packs.ts';
import { parseDuration } from './duration.ts';
import { PARAM_DIRECTION, checkOverrides, describeValue, generosity, type ParamName } from './policy.ts';
import { parseOverrides, parsePack } from './policy-schema.ts';
import { policy } from '../../test/domain-kit.ts';

const params = (id: string) => policy(id).params;
const dur = (s: string) => parseDuration(s)!;

describe('governance parameters of SPEC §9', () => {
  const table: [ParamName, Record<string, string>][] = [
    ['complaint_days', { 'cn-baseline': '15', taobao: '15', tmall: '15', pinduoduo: '15', jd: '15' }],
    ['complaint_response', { 'cn-baseline': '72h', taobao: '72h', tmall: '72h', pinduoduo: '48h', jd: '24h' }],
    ['complaint_review', { 'cn-baseline': '7d', taobao: '7d', tmall: '7d', pinduoduo: '7d', jd: '7d' }],
    ['appeal_days', { 'cn-baseline': '7', taobao: '7', tmall: '7', pinduoduo: '7', jd: '7' }],
    ['deposit_topup_within', { 'cn-baseline': '7d', taobao: '7d', tmall: '7d', pinduoduo: '7d', jd: '7d' }],
  ];
  it.each(table)('%s has the values of the governance table', (name, values) => {
    for (const [id, expected] of Object.entries(values)) expect(describeValue(params(id)[name]), `${id} ${name}`).toBe(expected);
  });

  it.each(PACK_IDS)('%s: sanction thresholds 12 → 7 d, 24 → 14 d, 36 → 21 d, 48 → closure (SPEC §8.2)', (id) => {
    expect(params(id).sanction_thresholds).toEqual([
      { points: 12, sanction: 'restriction', days: 7 },
      { points: 24, sanction: 'restriction', days: 14 },
      { points: 36, sanction: 'restriction', days: 21 },
      { points: 48, sanction: 'closure' },
    ]);
  });

  it.each(PACK_IDS)('%s: complaint points of the SPEC §8.1 table', (id) => {
    expect(params(id).complaint_points).toEqual({
      breach_of_promise: { refused_invoice: 6, refused_trade: 1, unfulfilled_promise: 4, campaign_violation: 6 },
      misdescription: { severe: 12, affects_use: 6, minor: 3 },
    });
  });

  it('deposits: Taobao 1,000 yuan, Tmall from 50,000 yuan (SPEC §9), none required by the law', () => {
    expect(params('taobao').deposit_required.default).toBe(100000);
    expect(params('tmall').deposit_required.default).toBe(5000000);
    expect(params('cn-baseline').deposit_required.default).toBe(0);
  });

  it.each(PACK_IDS)('%s: every governance value says where it comes from', (id) => {
    const v = builtinPacks().get(id)!.versions[0]!;
    for (const name of ['complaint_days', 'complaint_response', 'complaint_review', 'appeal_days', 'complaint_points', 'sanction_thresholds', 'deposit_required', 'deposit_topup_within'] as const) {
      expect(v.sources[name], `${id} ${name}`).toMatch(/SPEC|seed|our choice|电子商务法/);
    }
  });
});

describe('governance overrides (SPEC §9: only towards the buyer)', () => {
  it('a longer complaint window and a shorter merchant answer are more generous', () => {
    expect(checkOverrides(params('taobao'), { complaint_days: 30, complaint_response: dur('48h') })).toBeNull();
    expect(generosity('complaint_days', 10, 15)).toBeLessThan(0);
    expect(checkOverrides(params('taobao'), { complaint_days: 10 })).toMatchObject({ code: 'policy_violation', details: { parameter: 'complaint_days' } });
    expect(checkOverrides(params('taobao'), { complaint_response: dur('5d') })).toMatchObject({ code: 'policy_violation', details: { parameter: 'complaint_response' } });
  });

  it('how the platform judges and sanctions a shop is not the shop’s to set', () => {
    for (const name of ['complaint_review', 'appeal_days', 'complaint_points', 'sanction_thresholds', 'deposit_required', 'deposit_topup_within'] as const) {
      expect(PARAM_DIRECTION[name], name).toBe('platform_only');
      expect(checkOverrides(params('taobao'), { [name]: params('taobao')[name] }), name).toMatchObject({ code: 'policy_violation', details: { parameter: name } });
    }
  });

  it('parses governance overrides from raw JSON', () => {
    expect(parseOverrides({ complaint_response: '24h', complaint_days: 20 })).toEqual({ complaint_response: dur('24h'), complaint_days: 20 });
    expect(parseOverrides({ sanction_thresholds: [{ points: 12, sanction: 'restriction' }] })).toMatchObject({ code: 'validation' });
  });
});

describe('governance parameters in a pack file', () => {
  const raw = () => JSON.parse(readFileSync(join(POLICY_DIR, 'tmall.json'), 'utf8')) as { versions: { parameters: Record<string, { value: unknown; source: string }> }[] };
  const calendars = { cn: builtinPacks().get('tmall')!.calendar };

  it('refuses thresholds out of order or repeated', () => {
    const json = raw();
    json.versions[0]!.parameters.sanction_thresholds!.value = [
      { points: 24, sanction: 'restriction', days: 14 },
      { points: 12, sanction: 'restriction', days: 7 },
    ];
    expect(() => parsePack(json, calendars)).toThrow(/ascending/);
  });

  it('refuses a points table missing a sub-kind or naming an unknown one', () => {
    const json = raw();
    const table = json.versions[0]!.parameters.complaint_points!.value as Record<string, Record<string, number>>;
    delete table.misdescription!.minor;
    expect(() => parsePack(json, calendars)).toThrow();
    table.misdescription!.minor = 3;
    table.misdescription!.tiny = 1;
    expect(() => parsePack(json, calendars)).toThrow();
  });
});
