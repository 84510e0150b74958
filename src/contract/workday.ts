// Issue 16, the merchant's day: the queue's exports and a shop's preset reasons.
import { z } from 'zod';

/** GET /v1/cases/export.csv: the filtered queue, every match, one row per case. */
export const CasesCsv = {
  description: 'CSV (UTF-8 with BOM, header row): every case the filters match, in the list order',
  content: { 'text/csv': { schema: z.string() } },
};

/** GET /v1/cases/export.xlsx: the same rows as an Excel workbook (one sheet). */
export const CasesXlsx = {
  description: 'Excel workbook (one sheet "cases", header row): every case the filters match, in the list order',
  content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().meta({ format: 'binary' }) } },
};

/** The reasons a shop picks from when it rejects an application or refuses a returned parcel. */
export const ReasonPresetLists = z.strictObject({ reject: z.array(z.string()), refuse_return: z.array(z.string()) });

/** GET/PUT /v1/shops/:shop/reason-presets; `defaults`: the shop never saved any, these are the built-in ones. */
export const ReasonPresets = z.strictObject({ shop: z.string(), presets: ReasonPresetLists, defaults: z.boolean() });
export type ReasonPresets = z.infer<typeof ReasonPresets>;

/** 304: the answer the caller holds (its ETag sent as If-None-Match) is still the current one. */
export const NotModified = z.void().meta({ description: 'Not modified: the ETag sent as If-None-Match is current', type: 'null' });
