import { describe, expect, it } from 'vitest';
import { parseOverrides } from '../../../src/domain/policy-schema.ts';
import { translate, type T } from '../i18n/index.tsx';
import { overrideKind, overrideValue, parseOverrideInput, sourceInWords, splitDuration, valueInWords } from './values.ts';

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
    expect(valueInWords('business_hours', '{"open":"09:00","close":"21:00"}', en)).toBe('working days 9:00–21:00');
    expect(valueInWords('business_hours', '{"open":"09:00","close":"18:00"}', zh)).toBe('工作日 9:00–18:00');
    expect(valueInWords('category_warranty_days', '{"phone":365,"tv":730}', en)).toBe('phone: 365 days, tv: 730 days');
    expect(valueInWords('category_warranty_days', '{}', zh)).toBe('无');
  });

  it('leaves what it cannot read as it came', () => {
    expect(valueInWords('ship_within', '48 hours', en)).toBe('48 hours');
    expect(valueInWords('no_reason_start', '{"a":', en)).toBe('{"a":');
  });
});

describe('sourceInWords', () => {
  it('cites a law by title and article, and a platform’s rule in its own words', () => {
    expect(sourceInWords('《网络购买商品七日无理由退货暂行办法》第七条: 自签收商品的次日开始起算 (seed 004) (same as cn-baseline)', zh)).toEqual({
      text: '《网络购买商品七日无理由退货暂行办法》第七条 — 自签收商品的次日开始起算',
      sameAs: 'cn-baseline',
    });
    expect(sourceInWords('SPEC.md §9 table; 淘宝发货管理规范 默认 48 小时', zh)).toEqual({ text: '淘宝发货管理规范 默认 48 小时', sameAs: null });
    expect(sourceInWords('SPEC.md §9 table; 淘宝《发货管理规范》延迟发货 赔付 30%, 最低 5 元 最高 500 元', zh).text).toBe('淘宝《发货管理规范》');
    expect(sourceInWords('《网络购买商品七日无理由退货暂行办法》第三条; SPEC §9 (same as cn-baseline)', zh).text).toBe('《网络购买商品七日无理由退货暂行办法》第三条');
    expect(sourceInWords('淘宝春节期间售后时效调整公告 (annual notice; value chosen for 2027)', zh).text).toBe('淘宝春节期间售后时效调整公告');
    expect(sourceInWords('SPEC.md §9 table; seed 000 拼多多售后服务规则 4: 买家提出仅退款申请后', zh).text).toBe('拼多多售后服务规则 4: 买家提出仅退款申请后');
  });

  it('says what kind of source it is when no citation is given', () => {
    expect(sourceInWords('SPEC.md §9 table (same as cn-baseline)', zh)).toEqual({ text: '平台售后规则参数表', sameAs: 'cn-baseline' });
    expect(sourceInWords('SPEC.md §9 table', en).text).toBe('the platform’s after-sales rules table');
    expect(sourceInWords("our choice, not a source's: no seed sets it", zh).text).toBe('本系统的取值 (无公开规则规定)');
    expect(sourceInWords('working hours used for durations in working hours (工作小时)', zh).text).toBe('平台默认设置');
  });

  it('never shows the maintainers’ references (SPEC §, seed, same as) for any source of the packs', () => {
    const packs = import.meta.glob('../../../policies/*.json', { eager: true, import: 'default' }) as Record<string, { versions: { parameters: Record<string, { source?: string }> }[] }>;
    let n = 0;
    for (const pack of Object.values(packs)) {
      for (const v of pack.versions) {
        for (const [name, p] of Object.entries(v.parameters)) {
          if (!p.source) continue;
          n++;
          for (const t of [zh, en]) expect(sourceInWords(p.source, t).text, `${name}: ${p.source}`).not.toMatch(/SPEC|seed \d|same as|our choice|\.md/);
        }
      }
    }
    expect(n).toBeGreaterThan(50);
  });
});

describe('overrides entered as a number and a unit', () => {
  it('knows how each parameter is entered', () => {
    expect(overrideKind('buyer_return_shipment', '7d')).toBe('duration');
    expect(overrideKind('evidence', '4wh')).toBe('duration');
    expect(overrideKind('no_reason_days', '7')).toBe('days');
    expect(overrideKind('return_shipping_cap', '2000')).toBe('yuan');
    expect(overrideKind('restocking_fee_max_pct', '0')).toBe('pct');
    expect(overrideKind('deduct_lost_shipping', 'false')).toBe('bool');
    expect(overrideKind('counterfeit_multiplier', '3')).toBe('number');
    expect(overrideKind('late_shipment_compensation', '{"rate_pct":30,"min":500,"max":50000}')).toBe('text');
  });

  it('splits a duration into its number and unit', () => {
    expect(splitDuration('72h')).toEqual({ n: 72, unit: 'h' });
    expect(splitDuration('2wd')).toEqual({ n: 2, unit: 'wd' });
    expect(splitDuration('7')).toBeNull();
    expect(splitDuration(null)).toBeNull();
  });

  it('sends what the API takes for each, and the API accepts it', () => {
    const entered: [string, ReturnType<typeof overrideKind>, Parameters<typeof overrideValue>[2], unknown][] = [
      ['buyer_return_shipment', 'duration', { n: 10, unit: 'd' }, '10d'],
      ['merchant_response_shipped', 'duration', { n: 72, unit: 'h' }, '72h'],
      ['merchant_receipt', 'duration', { n: 2, unit: 'wd' }, '2wd'],
      ['no_reason_days', 'days', { n: 15 }, 15],
      ['return_shipping_cap', 'yuan', { n: 25.5 }, 2550],
      ['deduct_lost_shipping', 'bool', { yes: false }, false],
      ['late_shipment_compensation', 'text', { text: '{"rate_pct":40,"min":500,"max":50000}' }, { rate_pct: 40, min: 500, max: 50000 }],
    ];
    for (const [name, kind, input, sent] of entered) {
      const value = overrideValue(name, kind, input);
      expect(value, name).toEqual(sent);
      const r = parseOverrides({ [name]: value });
      expect('code' in r ? `${name}: ${JSON.stringify(r)}` : 'ok').toBe('ok');
    }
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
