// SPEC §13: a CNY and a USD amount are never added — by the types (addAmounts) and at run time
// (sameCurrency, sumByCurrency).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addAmounts, amountOf, CurrencyMismatch, sameCurrency, sumByCurrency, totalsList } from './currency.ts';
import { CURRENCIES, type Currency } from './types.ts';

describe('currency guard', () => {
  it('adds amounts of one currency', () => {
    expect(addAmounts(amountOf('USD', 2599), amountOf('USD', 1000))).toBe(3599);
  });

  it('does not type-check a CNY amount added to a USD amount', () => {
    const cny = amountOf('CNY', 100);
    const usd = amountOf('USD', 100);
    // @ts-expect-error SPEC §13: two currencies are never added
    addAmounts(cny, usd);
    // @ts-expect-error a plain number is not an amount of a currency
    addAmounts(usd, 5);
  });

  it('refuses fractional money', () => {
    expect(() => amountOf('USD', 25.99)).toThrow(RangeError);
  });

  it('sameCurrency throws on a mismatch and passes on a match', () => {
    expect(() => sameCurrency('CNY', 'USD', 'ledger')).toThrow(CurrencyMismatch);
    expect(() => sameCurrency('USD', 'USD', 'ledger')).not.toThrow();
  });

  it('sumByCurrency never adds across currencies (property)', () => {
    const item = fc.record({ currency: fc.constantFrom<Currency>(...CURRENCIES), amount: fc.integer({ min: -1e9, max: 1e9 }) });
    fc.assert(
      fc.property(fc.array(item), (items) => {
        const totals = sumByCurrency(items, (x) => x.currency, (x) => x.amount);
        for (const c of CURRENCIES) {
          const mine = items.filter((x) => x.currency === c);
          if (mine.length === 0) expect(totals[c]).toBeUndefined();
          else expect(totals[c]).toBe(mine.reduce((s, x) => s + x.amount, 0));
        }
      }),
    );
  });

  it('totalsList writes one entry per currency present, CNY before USD', () => {
    const t = sumByCurrency([{ c: 'USD' as const, a: 2599 }, { c: 'CNY' as const, a: 100 }, { c: 'USD' as const, a: 1 }], (x) => x.c, (x) => x.a);
    expect(totalsList(t)).toEqual([{ currency: 'CNY', amount: 100 }, { currency: 'USD', amount: 2600 }]);
  });
});
