import { describe, expect, it } from 'vitest';
import { parseOverrides } from '../../../src/domain/policy-schema.ts';
import { translate, type T } from '../i18n/index.tsx';
import { parseOverrideInput, sourceInWords, valueInWords } from './values.ts';

const zh: T = (key, vars) => translate('zh', key, vars);
const en: T = (key, vars) => translate('en', key, vars);

describe('parseOverrideInput', () => {
  it('reads JSON: numbers, booleans, null, strings in quotes, objects', () => {
    expect(parseOverrideInput('no_reason_days', '15')).toBe(15);
    expect(parseOverrideInput('deduct_lost_shipping', 'false')).toBe(false);
    expect(parseOverrideInput('return_shipping_cap', 'null')).toBeNull();
    expect(parseOverrideInput('no_reason_start', '"sign_time"')).toBe('sign_time');
    expect(parseOverrideInput('late_shipment_compensation', '{"rate_pct":40,"min":500,"max":50000}')).toEqual({ rate_pct: 40, min: 500, max: 50000 });
    expect(parseOverrideInput('category_warranty_days', '{"phone":365}')).toEqual({ phone: 365 });
  });

  it('keeps what is not JSON as text: durations, bare words', () => {
    expect(parseOverrideInput('merchant_response_unshipped', '24h')).toBe('24h');
    expect(parseOverrideInput('merchant_receipt', '3wd')).toBe('3wd');
    expect(parseOverrideInput('no_reason_start', 'sign_time')).toBe('sign_time');
  });

  it('trims the input', () => {
    expect(parseOverrideInput('no_reason_days', '  15 \n')).toBe(15);
    expect(parseOverrideInput('ship_within', ' 48h ')).toBe('48h');
  });

  it('reads "10d" typed for a day count as 10, and only for day counts', () => {
    expect(parseOverrideInput('no_reason_days', '10d')).toBe(10);
    expect(parseOverrideInput('warranty_days', '365d')).toBe(365);
    // A duration parameter keeps its unit.
    expect(parseOverrideInput('buyer_confirm', '10d')).toBe('10d');
    // The per-category warranty is an object of day counts, not one day count.
    expect(parseOverrideInput('category_warranty_days', '10d')).toBe('10d');
    // Not a whole number of days: left for the API to refuse in words.
    expect(parseOverrideInput('no_reason_days', '1.5d')).toBe('1.5d');
  });

  it('gives what the API accepts for what a merchant would type', () => {
    const typed: [string, string][] = [
      ['no_reason_days', '10d'],
      ['no_reason_days', '15'],
      ['no_reason_start', 'sign_time'],
      ['no_reason_start', '"next_day"'],
      ['ship_within', '24h'],
      ['merchant_receipt', '3wd'],
      ['merchant_response_shipped', '1.5d'],
      ['deduct_lost_shipping', 'false'],
      ['return_shipping_cap', 'null'],
      ['counterfeit_min', '50000'],
      ['late_shipment_compensation', '{"rate_pct":40,"min":500,"max":50000}'],
      ['category_warranty_days', '{"phone":365}'],
      ['business_hours', '{"open":"09:00","close":"21:00"}'],
    ];
    for (const [name, input] of typed) {
      const r = parseOverrides({ [name]: parseOverrideInput(name, input) });
      expect('code' in r ? `${name}=${input}: ${JSON.stringify(r)}` : 'ok').toBe('ok');
    }
  });
});

describe('valueInWords', () => {
  it('durations in the unit words', () => {
    expect(valueInWords('ship_within', '48h', zh)).toBe('48 小时');
    expect(valueInWords('merchant_receipt', '3wd', zh)).toBe('3 个工作日');
    expect(valueInWords('merchant_response_shipped', '1.5d', en)).toBe('1.5 days');
    expect(valueInWords('escalation_after', '4wh', en)).toBe('4 working hours');
  });

  it('none, null and missing', () => {
    for (const raw of [null, 'none', 'null']) {
      expect(valueInWords('return_shipping_cap', raw, zh)).toBe('无');
      expect(valueInWords('return_shipping_cap', raw, en)).toBe('none');
    }
  });

  it('numbers by what the parameter counts', () => {
    expect(valueInWords('counterfeit_min', '50000', zh)).toBe('¥500.00');
    expect(valueInWords('return_shipping_cap', '1999', en)).toBe('¥19.99');
    expect(valueInWords('no_reason_days', '7', zh)).toBe('7 天');
    expect(valueInWords('warranty_days', '365', en)).toBe('365 days');
    expect(valueInWords('restocking_fee_max_pct', '30', en)).toBe('30%');
    expect(valueInWords('counterfeit_multiplier', '3', zh)).toBe('3 倍');
    expect(valueInWords('max_applications_per_line', '2', en)).toBe('2 times');
    expect(valueInWords('something_else', '42', en)).toBe('42');
  });

  it('booleans and the start of the no-reason window', () => {
    expect(valueInWords('deduct_lost_shipping', 'true', zh)).toBe('是');
    expect(valueInWords('deduct_lost_shipping', 'false', en)).toBe('no');
    expect(valueInWords('no_reason_start', '"next_day"', zh)).toBe('签收次日 0 点起算');
    expect(valueInWords('no_reason_start', '"sign_time"', en)).toBe('from the exact sign time');
  });

  it('objects: compensation, business hours, per-category days, empty', () => {
    expect(valueInWords('late_shipment_compensation', '{"rate_pct":30,"min":500,"max":50000}', zh)).toBe('30%, 最低 ¥5.00, 最高 ¥500.00');
    expect(valueInWords('business_hours', '{"open":"09:00","close":"21:00"}', en)).toBe('09:00–21:00');
    expect(valueInWords('category_warranty_days', '{"phone":365,"tv":730}', en)).toBe('phone: 365 days, tv: 730 days');
    expect(valueInWords('category_warranty_days', '{}', zh)).toBe('无');
  });

  it('leaves what it cannot read as it came', () => {
    expect(valueInWords('ship_within', '48 hours', en)).toBe('48 hours');
    expect(valueInWords('no_reason_start', '{"a":', en)).toBe('{"a":');
  });
});

describe('sourceInWords', () => {
  const t = (key: string, vars?: Record<string, string | number>) => (key === 'policy.source.table' ? '平台规则参数表 (SPEC §9)' : `${key}${JSON.stringify(vars ?? {})}`);
  it('keeps the reference and drops the maintainers’ bookkeeping', () => {
    expect(sourceInWords('《网络购买商品七日无理由退货暂行办法》第七条: 自签收商品的次日开始起算 (seed 004) (same as cn-baseline)', t)).toEqual({
      text: '《网络购买商品七日无理由退货暂行办法》第七条: 自签收商品的次日开始起算',
      sameAs: 'cn-baseline',
    });
    expect(sourceInWords('SPEC.md §9 table; 淘宝发货管理规范 默认 48 小时', t)).toEqual({ text: '平台规则参数表 (SPEC §9); 淘宝发货管理规范 默认 48 小时', sameAs: null });
    expect(sourceInWords('《网络购买商品七日无理由退货暂行办法》第三条; SPEC §9 (same as cn-baseline)', t).text).toBe('《网络购买商品七日无理由退货暂行办法》第三条');
  });
});

describe('governance parameters in words (SPEC §8)', () => {
  it('says the sanction thresholds, the deposit and complaint points in words', () => {
    const thresholds = JSON.stringify([
      { points: 12, sanction: 'restriction', days: 7 },
      { points: 48, sanction: 'closure' },
    ]);
    expect(valueInWords('sanction_thresholds', thresholds, zh)).toBe('满 12 分限制经营 7 天; 满 48 分关店');
    expect(valueInWords('sanction_thresholds', thresholds, en)).toBe('12 points: restricted for 7 days; 48 points: shop closed');
    expect(valueInWords('deposit_required', JSON.stringify({ default: 100000, by_category: { apparel: 500000 } }), zh)).toBe('默认 ¥1000.00, apparel: ¥5000.00');
    expect(valueInWords('ticket_first_response', JSON.stringify({ consultation: '24h', logistics: '72h' }), zh)).toBe('咨询 24 小时, 物流 72 小时');
    expect(valueInWords('complaint_points', JSON.stringify({ misdescription: { severe: 12, minor: 3 } }), zh)).toBe('严重不符 12 分, 轻微不符 3 分');
  });
});
