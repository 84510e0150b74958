// SPEC §13: every amount is integer minor units of one currency (fen for CNY, cents for USD), and
// two currencies are never added. Two guards: the type `Amount<C>` makes `addAmounts` of a CNY and a
// USD amount a compile error; `sameCurrency` and `sumByCurrency` refuse or group at run time where
// amounts of different shops or orders meet (platform-wide totals, ledger appends).
import { CURRENCIES, type Currency, type Fen } from './types.ts';

export { CURRENCIES, type Currency };

/** An amount in minor units branded with its currency (a plain `number` at run time). */
export type Amount<C extends Currency> = Fen & { readonly __currency: C };

/** Minor units per major unit (ISO 4217 exponent 2 for both). */
export const MINOR_UNITS: Record<Currency, number> = { CNY: 100, USD: 100 };

/** Brands an integer amount of minor units with its currency. */
export function amountOf<C extends Currency>(_currency: C, minor: Fen): Amount<C> {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`money is integer minor units, got ${minor}`);
  return minor as Amount<C>;
}

/** Adds amounts of ONE currency: `addAmounts(cny, usd)` does not type-check. */
export function addAmounts<C extends Currency>(first: Amount<C>, ...rest: Amount<NoInfer<C>>[]): Amount<C> {
  return rest.reduce<number>((s, a) => s + a, first) as Amount<C>;
}

/** Whether a string names a supported currency (ISO 4217 code). */
export const isCurrency = (v: unknown): v is Currency => typeof v === 'string' && (CURRENCIES as readonly string[]).includes(v);

/** Thrown when code is about to mix two currencies: a bug, never a user error. */
export class CurrencyMismatch extends Error {
  constructor(
    readonly expected: Currency,
    readonly actual: Currency,
    where: string,
  ) {
    super(`${where}: ${actual} amount where ${expected} is expected (SPEC §13: currencies are never added)`);
  }
}

/** Asserts two amounts' currencies agree before they meet (a ledger entry and its shop, …). */
export function sameCurrency(expected: Currency, actual: Currency, where: string): void {
  if (expected !== actual) throw new CurrencyMismatch(expected, actual, where);
}

/** One total per currency, in a fixed order (CURRENCIES), currencies without amounts left out. */
export type Totals = Partial<Record<Currency, Fen>>;

/** Sums amounts of several shops or orders: grouped by currency, never added across them. */
export function sumByCurrency<T>(items: Iterable<T>, currencyOf: (x: T) => Currency, amountOfItem: (x: T) => Fen): Totals {
  const sums = new Map<Currency, number>();
  for (const x of items) {
    const c = currencyOf(x);
    if (!isCurrency(c)) throw new RangeError(`unknown currency ${String(c)}`);
    sums.set(c, (sums.get(c) ?? 0) + amountOfItem(x));
  }
  const out: Totals = {};
  for (const c of CURRENCIES) if (sums.has(c)) out[c] = sums.get(c)!;
  return out;
}

/** A list of totals as the API writes them: `[{currency, amount}]`, in CURRENCIES order. */
export const totalsList = (t: Totals): { currency: Currency; amount: Fen }[] =>
  CURRENCIES.filter((c) => t[c] !== undefined).map((c) => ({ currency: c, amount: t[c]! }));
