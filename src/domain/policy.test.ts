// SPEC §9: policy packs are versioned data with a source note per value; shops may override a
// parameter only towards the buyer (`policy_violation` naming the parameter otherwise).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACK_IDS, POLICY_DIR, builtinPacks, loadPacks } from '../app/packs.ts';
import { formatDuration, parseDuration, type Duration } from './duration.ts';
import { isRefusal, type Refusal } from './errors.ts';
import {
  PARAM_DIRECTION,
  PARAM_NAMES,
  checkOverrides,
  describeValue,
  generosity,
  resolvePolicy,
  versionAt,
  type ParamName,
  type PolicyPack,
  type PolicyParams,
} from './policy.ts';
import { parseOverrides, parsePack } from './policy-schema.ts';
import { at, policy } from '../../test/domain-kit.ts';

const pack = (id: string): PolicyPack => {
  const p = builtinPacks().get(id);
  if (!p) throw new Error(`no pack ${id}`);
  return p;
};
const dur = (text: string): Duration => {
  const d = parseDuration(text);
  if (!d) throw new Error(`bad duration ${text}`);
  return d;
};
const paramsOf = (id: string, when = at('2026-03-01T10:00:00+08:00')): PolicyParams => policy(id, when).params;
/** A parameter value written as in the pack files: durations as "48h", others as JSON. */
const shown = (v: unknown): string => describeValue(v);

function violation(r: Refusal | null): Refusal {
  if (r === null) throw new Error('expected a policy_violation, the overrides were accepted');
  return r;
}

describe('built-in packs', () => {
  it('loads every pack of SPEC §9', () => {
    const ids = builtinPacks()
      .list()
      .map((p) => p.id)
      .sort();
    expect(ids).toEqual([...PACK_IDS].sort());
    expect(ids).toEqual(['amazon-us', 'cn-baseline', 'jd', 'pinduoduo', 'taobao', 'tmall']);
  });

  it('loads again from the files (not only from the cache)', () => {
    const fresh = loadPacks();
    expect(fresh.get('taobao')!.versions.map((v) => v.version)).toEqual(pack('taobao').versions.map((v) => v.version));
  });

  // SPEC §1 and §13: the Chinese packs count in CNY on Beijing time and the PRC calendar; amazon-us
  // in USD on Pacific time and the US federal calendar.
  const PLACE: Record<string, [string, string, string]> = { 'amazon-us': ['America/Los_Angeles', 'us', 'USD'] };
  it.each(PACK_IDS)('%s: is in its platform zone, currency and calendar and sets every parameter', (id) => {
    const p = pack(id);
    const [zone, calendar, currency] = PLACE[id] ?? ['Asia/Shanghai', 'cn', 'CNY'];
    expect(p.timeZone).toBe(zone);
    expect(p.calendar.id).toBe(calendar);
    expect(p.currency).toBe(currency);
    expect(p.name.zh.length).toBeGreaterThan(0);
    expect(p.name.en.length).toBeGreaterThan(0);
    for (const v of p.versions) {
      for (const name of PARAM_NAMES) expect(v.params[name], `${id} ${v.version} ${name}`).not.toBeUndefined();
    }
  });

  it.each(PACK_IDS)('%s: every parameter of every version has a non-empty source note', (id) => {
    for (const v of pack(id).versions) {
      for (const name of PARAM_NAMES) {
        const source = v.sources[name];
        expect(typeof source, `${id} ${v.version} ${name}`).toBe('string');
        expect(source!.trim().length, `${id} ${v.version} ${name}`).toBeGreaterThan(0);
      }
    }
  });

  it.each(PACK_IDS)('%s: versions are in ascending effective order', (id) => {
    const times = pack(id).versions.map((v) => v.effectiveFrom);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  // SPEC §9 table, the values the scenario files rely on.
  const table: [ParamName, Record<string, string>][] = [
    ['ship_within', { taobao: '48h', tmall: '72h', pinduoduo: '48h', jd: '24h' }],
    ['merchant_response_unshipped', { 'cn-baseline': '15d', taobao: '48h', tmall: '48h', pinduoduo: '48h', jd: '24h' }],
    ['merchant_response_shipped', { 'cn-baseline': '15d', taobao: '5d', tmall: '5d', pinduoduo: '48h', jd: '24h' }],
    ['merchant_response_shipped_virtual', { taobao: '3d' }],
    ['buyer_return_shipment', { 'cn-baseline': '7d', taobao: '7d', tmall: '7d', pinduoduo: '7d', jd: '7d' }],
    ['merchant_receipt', { 'cn-baseline': '10d', taobao: '10d', tmall: '10d', pinduoduo: '10d', jd: '10d' }],
    ['merchant_reship', { 'cn-baseline': '7d', taobao: '7d', tmall: '7d', pinduoduo: '7d', jd: '72h' }],
    ['buyer_confirm', { 'cn-baseline': '10d', taobao: '10d', tmall: '10d', pinduoduo: '10d', jd: '10d' }],
    ['buyer_after_reject', { 'cn-baseline': '7d', taobao: '7d', tmall: '7d', pinduoduo: '7d', jd: '15d' }],
    ['offer_reply', { 'cn-baseline': '7d', taobao: '7d', tmall: '7d', pinduoduo: '7d', jd: '7d' }],
    ['escalation_after', { taobao: '72h', tmall: '72h', pinduoduo: '48h', jd: '24h' }],
    ['evidence', { 'cn-baseline': '72h', taobao: '72h', tmall: '72h', pinduoduo: '72h', jd: '4wh' }],
    ['order_auto_confirm', { 'cn-baseline': '10d', taobao: '10d', tmall: '10d', pinduoduo: '10d', jd: '10d' }],
    ['auto_confirm_extension', { 'cn-baseline': '3d', taobao: '3d', tmall: '3d', pinduoduo: '3d', jd: '3d' }],
    ['refund_execution', { 'cn-baseline': '7d', taobao: '7d', tmall: '7d', pinduoduo: '7d', jd: '7d' }],
    ['no_reason_start', { 'cn-baseline': '"next_day"', taobao: '"next_day"', tmall: '"sign_time"', pinduoduo: '"next_day"', jd: '"next_day"' }],
    ['no_reason_days', { 'cn-baseline': '7', taobao: '7', tmall: '7', pinduoduo: '7', jd: '7' }],
    ['exchange_days', { 'cn-baseline': '15', taobao: '15', tmall: '15', pinduoduo: '15', jd: '15' }],
    ['after_sale_days', { 'cn-baseline': '15', taobao: '15', tmall: '90', pinduoduo: '15', jd: '15' }],
    ['counterfeit_multiplier', { 'cn-baseline': '3', taobao: '3', tmall: '10', pinduoduo: '10', jd: '3' }],
    ['counterfeit_min', { 'cn-baseline': '50000', taobao: '50000', tmall: '50000', pinduoduo: '50000', jd: '50000' }],
    ['return_shipping_cap', { 'cn-baseline': 'none', taobao: '2000', tmall: '2000', pinduoduo: '2000', jd: 'none' }],
    ['restocking_fee_max_pct', { 'cn-baseline': '0', taobao: '0', tmall: '0', pinduoduo: '0', jd: '0' }],
    ['max_applications_per_line', { 'cn-baseline': '3', taobao: '3', tmall: '3', pinduoduo: '3', jd: '3' }],
  ];
  it.each(table)('%s has the values of the SPEC §9 table', (name, values) => {
    for (const [id, expected] of Object.entries(values)) expect(shown(paramsOf(id)[name]), `${id} ${name}`).toBe(expected);
  });

  it('escalation_after of cn-baseline is zero (escalate at once)', () => {
    expect(paramsOf('cn-baseline').escalation_after.amount).toBe(0);
  });

  it('has the late-shipment and out-of-stock formulas of the table (30 %, 5–500 yuan; none for cn-baseline and jd)', () => {
    const formula = { rate_pct: 30, min: 500, max: 50000 };
    for (const id of ['taobao', 'tmall', 'pinduoduo']) {
      expect(paramsOf(id).late_shipment_compensation, id).toEqual(formula);
      expect(paramsOf(id).out_of_stock_compensation, id).toEqual(formula);
    }
    for (const id of ['cn-baseline', 'jd']) {
      expect(paramsOf(id).late_shipment_compensation, id).toBeNull();
      expect(paramsOf(id).out_of_stock_compensation, id).toBeNull();
    }
  });

  it('parses durations into their units', () => {
    expect(paramsOf('jd').evidence).toEqual({ amount: 4, unit: 'working_hours' });
    expect(paramsOf('taobao').merchant_response_shipped).toEqual({ amount: 5, unit: 'days' });
    expect(paramsOf('pinduoduo').escalation_after).toEqual({ amount: 48, unit: 'hours' });
  });
});

describe('versions in force (taobao Spring Festival 2027)', () => {
  const taobao = pack('taobao');

  it('has the festival version and the one after it', () => {
    const byName = new Map(taobao.versions.map((v) => [v.version, v]));
    expect(byName.get('2027.spring-festival')?.effectiveFrom).toBe(at('2027-01-28T00:00:00+08:00'));
    expect(byName.get('2027.1')?.effectiveFrom).toBe(at('2027-02-22T00:00:00+08:00'));
  });

  it.each([
    ['2026-06-01T12:00:00+08:00', '2025.1'],
    ['2027-01-27T23:59:59+08:00', '2025.1'],
    ['2027-01-28T00:00:00+08:00', '2027.spring-festival'],
    ['2027-02-10T12:00:00+08:00', '2027.spring-festival'],
    ['2027-02-21T23:59:59+08:00', '2027.spring-festival'],
    ['2027-02-22T00:00:00+08:00', '2027.1'],
    ['2027-06-01T00:00:00+08:00', '2027.1'],
  ])('at %s the version in force is %s', (iso, version) => {
    expect(versionAt(taobao, at(iso)).version).toBe(version);
    expect(resolvePolicy(taobao, at(iso)).version).toBe(version);
  });

  it('the first version applies before any effective time', () => {
    expect(versionAt(taobao, at('2020-01-01T00:00:00+08:00')).version).toBe('2025.1');
  });

  it('gives the longer festival deadlines only inside the window', () => {
    const before = resolvePolicy(taobao, at('2027-01-27T12:00:00+08:00')).params;
    const inside = resolvePolicy(taobao, at('2027-02-01T12:00:00+08:00')).params;
    const after = resolvePolicy(taobao, at('2027-02-22T12:00:00+08:00')).params;
    expect(formatDuration(before.merchant_receipt)).toBe('10d');
    expect(formatDuration(inside.merchant_receipt)).toBe('15d');
    expect(formatDuration(inside.buyer_return_shipment)).toBe('15d');
    expect(formatDuration(inside.order_auto_confirm)).toBe('15d');
    expect(formatDuration(after.merchant_receipt)).toBe('10d');
    expect(formatDuration(after.buyer_return_shipment)).toBe('7d');
  });

  it('a later version inherits every parameter it does not change, with its source', () => {
    const [first, festival] = taobao.versions;
    expect(festival!.params.merchant_response_shipped).toEqual(first!.params.merchant_response_shipped);
    expect(festival!.params.return_shipping_cap).toBe(2000);
    expect(festival!.sources.merchant_response_shipped).toBe(first!.sources.merchant_response_shipped);
    expect(festival!.sources.merchant_receipt).not.toBe(first!.sources.merchant_receipt);
    expect(festival!.sources.merchant_receipt).toContain('春节');
  });

  it('resolvePolicy applies overrides over the version and records them', () => {
    const p = resolvePolicy(taobao, at('2027-02-01T12:00:00+08:00'), { no_reason_days: 15 });
    expect(p.pack).toBe('taobao');
    expect(p.params.no_reason_days).toBe(15);
    expect(p.params.merchant_receipt).toEqual(dur('15d'));
    expect(p.overridden).toEqual(['no_reason_days']);
    expect(p.calendar).toMatchObject({ timeZone: 'Asia/Shanghai', openMinute: 540, closeMinute: 1080 });
    expect(p.calendar.calendar.id).toBe('cn');
    // The pack itself is not changed.
    expect(resolvePolicy(taobao, at('2027-02-01T12:00:00+08:00')).params.no_reason_days).toBe(7);
  });
});

describe('checkOverrides: only towards the buyer', () => {
  const taobao = paramsOf('taobao');

  it('accepts overrides that give the buyer more', () => {
    expect(checkOverrides(taobao, { no_reason_days: 15 })).toBeNull();
    expect(checkOverrides(taobao, { merchant_response_shipped: dur('3d') })).toBeNull();
    expect(checkOverrides(taobao, { buyer_return_shipment: dur('10d') })).toBeNull();
    expect(checkOverrides(taobao, { return_shipping_cap: null })).toBeNull();
    expect(checkOverrides(taobao, { return_shipping_cap: 3000 })).toBeNull();
    expect(checkOverrides(taobao, { counterfeit_multiplier: 10 })).toBeNull();
    expect(checkOverrides(taobao, { after_sale_days: 30, exchange_days: 30 })).toBeNull();
    expect(checkOverrides(taobao, { late_shipment_compensation: { rate_pct: 50, min: 500, max: 50000 } })).toBeNull();
    expect(checkOverrides(paramsOf('tmall'), { no_reason_start: 'next_day' })).toBeNull();
    expect(checkOverrides(paramsOf('jd'), { late_shipment_compensation: { rate_pct: 10, min: 100, max: 1000 } })).toBeNull();
  });

  it('accepts an override equal to the pack value', () => {
    expect(checkOverrides(taobao, { no_reason_days: 7, merchant_response_shipped: dur('5d') })).toBeNull();
  });

  it('refuses a shorter buyer window, naming the parameter', () => {
    const r = violation(checkOverrides(taobao, { no_reason_days: 5 }));
    expect(r.ok).toBe(false);
    expect(r.code).toBe('policy_violation');
    expect(r.details.parameter).toBe('no_reason_days');
    expect(r.details.rule).toBe('no_reason_days');
    expect(r.details.value).toBe(5);
    expect(r.details.pack_value).toBe(7);
    expect(r.message.en).toContain('no_reason_days');
    expect(r.message.zh).toContain('no_reason_days');
  });

  it('refuses a longer merchant deadline and accepts a shorter one', () => {
    const r = violation(checkOverrides(taobao, { merchant_response_shipped: dur('10d') }));
    expect(r.code).toBe('policy_violation');
    expect(r.details.parameter).toBe('merchant_response_shipped');
    expect(checkOverrides(taobao, { merchant_response_shipped: dur('3d') })).toBeNull();
    expect(violation(checkOverrides(taobao, { merchant_receipt: dur('11d') })).details.parameter).toBe('merchant_receipt');
    expect(violation(checkOverrides(taobao, { escalation_after: dur('96h') })).details.parameter).toBe('escalation_after');
    expect(checkOverrides(taobao, { escalation_after: dur('24h') })).toBeNull();
  });

  it('refuses platform-only parameters whatever the value', () => {
    const r = violation(checkOverrides(taobao, { evidence: dur('96h') }));
    expect(r.code).toBe('policy_violation');
    expect(r.details.parameter).toBe('evidence');
    expect(violation(checkOverrides(taobao, { evidence: dur('24h') })).details.parameter).toBe('evidence');
    expect(violation(checkOverrides(taobao, { business_hours: { open: '08:00', close: '20:00' } })).details.parameter).toBe(
      'business_hours',
    );
    expect(violation(checkOverrides(taobao, { reminder_before: dur('48h') })).details.parameter).toBe('reminder_before');
  });

  it('refuses deductions the pack does not allow', () => {
    expect(violation(checkOverrides(taobao, { restocking_fee_max_pct: 10 })).details.parameter).toBe('restocking_fee_max_pct');
    expect(violation(checkOverrides(taobao, { deduct_lost_shipping: true })).details.parameter).toBe('deduct_lost_shipping');
  });

  it('refuses sign_time on a next_day pack (the window would end earlier)', () => {
    const r = violation(checkOverrides(taobao, { no_reason_start: 'sign_time' }));
    expect(r.code).toBe('policy_violation');
    expect(r.details.parameter).toBe('no_reason_start');
  });

  it('refuses a lower return shipping cap, fewer applications, less compensation', () => {
    expect(violation(checkOverrides(taobao, { return_shipping_cap: 1000 })).details.parameter).toBe('return_shipping_cap');
    expect(violation(checkOverrides(paramsOf('jd'), { return_shipping_cap: 5000 })).details.parameter).toBe('return_shipping_cap');
    expect(violation(checkOverrides(taobao, { max_applications_per_line: 1 })).details.parameter).toBe('max_applications_per_line');
    expect(violation(checkOverrides(taobao, { counterfeit_min: 10000 })).details.parameter).toBe('counterfeit_min');
    // A formula with one smaller term is refused even if another term is larger.
    expect(
      violation(checkOverrides(taobao, { late_shipment_compensation: { rate_pct: 50, min: 500, max: 10000 } })).details.parameter,
    ).toBe('late_shipment_compensation');
    expect(violation(checkOverrides(taobao, { out_of_stock_compensation: null })).details.parameter).toBe('out_of_stock_compensation');
  });

  it('refuses taking away a category warranty the pack grants', () => {
    const base = { ...taobao, category_warranty_days: { phone: 730 } };
    expect(violation(checkOverrides(base, { category_warranty_days: {} })).details.parameter).toBe('category_warranty_days');
    expect(violation(checkOverrides(base, { category_warranty_days: { phone: 400 } })).details.parameter).toBe(
      'category_warranty_days',
    );
    expect(checkOverrides(base, { category_warranty_days: { phone: 1000 } })).toBeNull();
  });

  it('names the first offending parameter among several', () => {
    const r = violation(checkOverrides(taobao, { no_reason_days: 15, buyer_return_shipment: dur('3d') }));
    expect(r.details.parameter).toBe('buyer_return_shipment');
  });
});

describe('generosity across units (only comparisons that hold on every calendar count)', () => {
  // -0 and 0 both mean "equal"; normalise so the assertions read as signs.
  const g = (name: ParamName, value: string, reference: string) => {
    const r = generosity(name, dur(value), dur(reference));
    return r === null ? null : r + 0;
  };

  it('compares durations of the same unit by amount, in the direction of the parameter', () => {
    expect(g('buyer_return_shipment', '10d', '7d')).toBe(1);
    expect(g('buyer_return_shipment', '5d', '7d')).toBe(-1);
    expect(g('merchant_response_shipped', '3d', '5d')).toBe(1);
    expect(g('merchant_response_shipped', '10d', '5d')).toBe(-1);
    expect(g('merchant_response_shipped', '5d', '5d')).toBe(0);
  });

  it('compares hours with calendar days (a day is 24 h)', () => {
    expect(g('merchant_response_shipped', '48h', '5d')).toBe(1);
    expect(g('merchant_response_shipped', '144h', '5d')).toBe(-1);
    expect(g('merchant_response_shipped', '120h', '5d')).toBe(0);
    expect(g('buyer_return_shipment', '168h', '7d')).toBe(0);
    expect(g('buyer_return_shipment', '100h', '7d')).toBe(-1);
  });

  it('a working-day buyer window is at least as generous as the same number of 24 h days', () => {
    expect(g('buyer_return_shipment', '2wd', '48h')).toBeGreaterThanOrEqual(0);
    expect(g('buyer_return_shipment', '7wd', '7d')).toBeGreaterThanOrEqual(0);
    expect(g('buyer_return_shipment', '3wd', '48h')).toBe(1);
    expect(checkOverrides(paramsOf('taobao'), { buyer_return_shipment: dur('7wd') })).toBeNull();
  });

  it('a buyer window in hours shorter than the nominal working time is less generous', () => {
    expect(g('buyer_return_shipment', '48h', '3wd')).toBe(-1);
    expect(g('buyer_confirm', '4h', '8wh')).toBe(-1);
  });

  it('a merchant deadline in working days longer than the nominal hours is less generous', () => {
    expect(g('merchant_response_shipped', '3wd', '48h')).toBe(-1);
    expect(g('merchant_response_shipped', '6wd', '5d')).toBe(-1);
    expect(violation(checkOverrides(paramsOf('pinduoduo'), { merchant_response_shipped: dur('3wd') })).details.parameter).toBe(
      'merchant_response_shipped',
    );
  });

  it('a merchant deadline in hours shorter than a working-time one is more generous', () => {
    expect(g('merchant_response_shipped', '24h', '2wd')).toBe(1);
    expect(g('merchant_reship', '3h', '4wh')).toBe(1);
  });

  it('has no direction for platform-only parameters', () => {
    expect(g('evidence', '24h', '72h')).toBeNull();
    expect(g('evidence', '4wh', '72h')).toBeNull();
    expect(PARAM_DIRECTION.evidence).toBe('platform_only');
  });

  it('refuses a working-time merchant deadline that can be longer than the pack hours ("2wd" or "1wd" over "48h")', () => {
    for (const v of ['2wd', '1wd', '4wh']) {
      const r = checkOverrides(paramsOf('pinduoduo'), { merchant_response_shipped: dur(v) });
      expect(violation(r).details.parameter).toBe('merchant_response_shipped');
    }
  });

  it('refuses a category warranty shorter than the warranty_days it replaces', () => {
    const r = checkOverrides(paramsOf('taobao'), { category_warranty_days: { apparel: 30 } });
    expect(violation(r).details.parameter).toBe('category_warranty_days');
    expect(checkOverrides(paramsOf('taobao'), { category_warranty_days: { electronics: 730 } })).toBeNull();
  });
});

describe('overrides against a later pack version', () => {
  it('a shop override never beats a later version that is more generous to the buyer', () => {
    const taobao = builtinPacks().get('taobao')!;
    const overrides = { buyer_return_shipment: dur('10d') };
    expect(resolvePolicy(taobao, at('2026-03-01T00:00:00+08:00'), overrides).params.buyer_return_shipment).toEqual(dur('10d'));
    // Spring Festival 2027: the pack gives 15 d, more than the shop's 10 d.
    expect(resolvePolicy(taobao, at('2027-02-01T00:00:00+08:00'), overrides).params.buyer_return_shipment).toEqual(dur('15d'));
  });
});

describe('parseOverrides', () => {
  it('parses known parameters into their types', () => {
    const r = parseOverrides({ no_reason_days: 15, merchant_response_shipped: '3d', return_shipping_cap: null });
    expect(isRefusal(r)).toBe(false);
    expect(r).toEqual({ no_reason_days: 15, merchant_response_shipped: { amount: 3, unit: 'days' }, return_shipping_cap: null });
  });

  it('parsed overrides go through checkOverrides', () => {
    const ok = parseOverrides({ merchant_response_shipped: '3d' });
    const bad = parseOverrides({ merchant_response_shipped: '10d' });
    if (isRefusal(ok) || isRefusal(bad)) throw new Error('parse failed');
    expect(checkOverrides(paramsOf('taobao'), ok)).toBeNull();
    expect(checkOverrides(paramsOf('taobao'), bad)?.code).toBe('policy_violation');
  });

  it('refuses an unknown parameter with validation', () => {
    const r = parseOverrides({ no_reason_dayz: 15 });
    expect(isRefusal(r)).toBe(true);
    if (!isRefusal(r)) return;
    expect(r.code).toBe('validation');
    expect(r.details.parameter).toBe('no_reason_dayz');
  });

  it('refuses a bad duration string with validation naming the parameter', () => {
    for (const value of ['5 days', '5', 'soon', 48]) {
      const r = parseOverrides({ merchant_response_shipped: value });
      expect(isRefusal(r), String(value)).toBe(true);
      if (!isRefusal(r)) return;
      expect(r.code).toBe('validation');
      expect(r.details.parameter).toBe('merchant_response_shipped');
    }
  });

  it('refuses values of the wrong type or range', () => {
    const cases: Record<string, unknown>[] = [
      { no_reason_days: 7.5 },
      { no_reason_days: -1 },
      { no_reason_start: 'whenever' },
      { late_shipment_compensation: { rate_pct: 30, min: 60000, max: 50000 } },
      { return_shipping_cap: -1 },
      { business_hours: { open: '9am', close: '18:00' } },
    ];
    for (const raw of cases) {
      const r = parseOverrides(raw);
      expect(isRefusal(r) && r.code, JSON.stringify(raw)).toBe('validation');
    }
  });

  it('refuses overrides that are not an object', () => {
    for (const raw of [null, [], 'no_reason_days=15', 15]) {
      const r = parseOverrides(raw);
      expect(isRefusal(r) && r.code, JSON.stringify(raw)).toBe('validation');
    }
  });
});

describe('parsePack', () => {
  const raw = () => JSON.parse(readFileSync(join(POLICY_DIR, 'taobao.json'), 'utf8')) as {
    calendar: string;
    versions: { parameters: Record<string, unknown> }[];
  };
  const calendars = { cn: pack('taobao').calendar };

  it('parses a pack file', () => {
    const p = parsePack(raw(), calendars);
    expect(p.id).toBe('taobao');
    expect(p.versions.map((v) => v.version)).toEqual(['2025.1', '2027.spring-festival', '2027.1']);
  });

  it('refuses a first version that does not set every parameter', () => {
    const json = raw();
    delete json.versions[0]!.parameters.evidence;
    expect(() => parsePack(json, calendars)).toThrow(/evidence/);
  });

  it('refuses an unknown calendar', () => {
    const json = raw();
    json.calendar = 'mars';
    expect(() => parsePack(json, calendars)).toThrow(/mars/);
  });

  it('refuses a parameter without its source note', () => {
    const json = raw();
    json.versions[0]!.parameters.no_reason_days = { value: 7, source: '' };
    expect(() => parsePack(json, calendars)).toThrow();
    json.versions[0]!.parameters.no_reason_days = { value: 7 };
    expect(() => parsePack(json, calendars)).toThrow();
  });

  it('refuses a bad duration in a pack', () => {
    const json = raw();
    json.versions[0]!.parameters.merchant_receipt = { value: '10 days', source: 'x' };
    expect(() => parsePack(json, calendars)).toThrow();
  });
});
