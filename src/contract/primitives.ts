// Building blocks of the response schemas: how the API writes money, instants, codes and pages.
import { z } from 'zod';
import { CURRENCIES } from './enums.ts';

/** Money: integer minor units of the `currency` beside it — fen for CNY, cents for USD (SPEC §5, §13). */
export const Fen = z.number().int();
/** SPEC §13: the ISO 4217 currency of the amounts beside it (a shop's, fixed by its pack). */
export const CurrencyCode = z.enum(CURRENCIES).meta({ description: 'ISO 4217: CNY (amounts in fen) or USD (amounts in cents)' });
/** Totals over several shops: one per currency, never added across currencies (SPEC §13). */
export const CurrencyTotals = z.array(z.strictObject({ currency: CurrencyCode, amount: Fen }));
/** An instant as the API writes it: ISO 8601 with the platform zone's offset, e.g. 2026-03-01T09:00:00+08:00. */
export const IsoInstant = z.string().meta({ format: 'date-time' });
/** A stored evidence file's media type: one of ALLOWED_TYPES, as its content was judged when uploaded. */
export const MediaType = z.string().meta({ description: 'image/jpeg, image/png, image/gif, image/webp, video/mp4, video/quicktime or application/pdf' });
/** Text in both languages (policy pack names). */
export const Bilingual = z.strictObject({ zh: z.string(), en: z.string() });
/** JSON an integrator or a shop gave (policy overrides, error details): passed through as is. */
export const JsonObject = z.record(z.string(), z.unknown());

/** A page of a list read with a cursor: `next_cursor` is null on the last page. */
export const cursorPage = <T extends z.ZodType>(item: T) => z.strictObject({ data: z.array(item), next_cursor: z.string().nullable() });
/** The type of a `cursorPage(item)` answer, for code that reads any paged list. */
export type CursorPage<T> = { data: T[]; next_cursor: string | null };
/** A whole list, under `data`. */
export const listOf = <T extends z.ZodType>(item: T) => z.strictObject({ data: z.array(item) });
