// SPEC §13: the console's one formatting helper for money and instants. Amounts are integer minor
// units of a currency (fen, cents); the signed-in shop's marketplace (its currency and time zone,
// GET /v1/me) is the default, and a row that names its own currency (a platform queue mixing
// shops, a buyer's orders) passes it. CNY keeps the console's look (¥123.45); other currencies are
// written by Intl.NumberFormat in their own locale ($25.99). A US marketplace's instants read as a
// US seller reads them (Mar 5, 2026, 9:00 AM, in the shop's zone); others as the API writes them.
import type { Currency } from '../../src/contract/enums.ts';

export interface Market {
  currency: Currency;
  /** The shop's zone (IANA); null: the API's wall-clock time as written. */
  timeZone: string | null;
}

const CHINA: Market = { currency: 'CNY', timeZone: null };
let market: Market = CHINA;

/** The signed-in caller's marketplace: a shop's own, else the Chinese default. */
export function setMarket(m: Market | null): void {
  market = m ?? CHINA;
}
export const currentMarket = (): Market => market;

/** The locale each currency is written in (en-US for dollars). */
const LOCALE: Record<Currency, string> = { CNY: 'zh-CN', USD: 'en-US' };
const MINOR: Record<Currency, number> = { CNY: 100, USD: 100 };
const formatters = new Map<Currency, Intl.NumberFormat>();
function formatterOf(c: Currency): Intl.NumberFormat {
  let f = formatters.get(c);
  if (!f) formatters.set(c, (f = new Intl.NumberFormat(LOCALE[c], { style: 'currency', currency: c })));
  return f;
}

/** Minor units → "¥123.45" (CNY) or "$25.99" (USD); "—" for none. */
export function money(minor: number | null | undefined, currency: Currency = market.currency): string {
  if (minor === null || minor === undefined) return '—';
  if (currency === 'CNY') return `¥${(minor / 100).toFixed(2)}`;
  return formatterOf(currency).format(minor / MINOR[currency]);
}

/** The symbol a money input shows before the amount: ¥ or $. */
export const currencySymbol = (currency: Currency = market.currency): string => (currency === 'CNY' ? '¥' : (formatterOf(currency).formatToParts(0).find((p) => p.type === 'currency')?.value ?? currency));

const US_DATE_TIME: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit' };

/**
 * An instant of the API (ISO 8601 with an offset) as the marketplace reads it: "Mar 5, 2026, 9:00 AM"
 * in the shop's zone for a US shop; "2026-03-05 09:00" (the wall-clock time written) otherwise.
 */
export function isoMinutes(iso: string): string {
  if (market.currency === 'USD' && market.timeZone) {
    const ms = Date.parse(iso);
    if (!Number.isNaN(ms)) return new Intl.DateTimeFormat('en-US', { ...US_DATE_TIME, timeZone: market.timeZone }).format(ms);
  }
  return iso.replace('T', ' ').slice(0, 16);
}
