// Issue 16, the merchant's day: the filtered queue exported (CSV, Excel), and a shop's preset
// reasons for reject and refuse-return (the merchant of that shop, or the platform).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Engine } from '../app/engine.ts';
import { MAX_PRESETS, MAX_REASON } from '../app/reason-presets.ts';
import type { Refusal } from '../domain/errors.ts';
import { CasesCsv, CasesXlsx, ErrorBody, ReasonPresets } from '../contract/index.ts';
import { caseFilterOf, caseFilterQuery } from './case-list-query.ts';
import { exportCsv, exportRows, exportTotals, exportXlsx } from './case-export.ts';
import { language } from './errors.ts';
import { idParam } from './input.ts';

type Send = (req: FastifyRequest, reply: FastifyReply, r: Refusal) => FastifyReply;

/** One export holds at most this many cases (a bigger list is narrowed by its filters first). */
export const EXPORT_MAX = 20_000;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A download: attachment, its type, and whether EXPORT_MAX cut the list short. */
const file = (reply: FastifyReply, name: string, type: string, truncated: boolean, body: string | Buffer) =>
  reply.header('content-type', type).header('content-disposition', `attachment; filename="${name}"`).header('x-export-truncated', String(truncated)).send(body);

export function workdayRoutes(raw: FastifyInstance, engine: Engine, tz: string, send: Send): void {
  const app = raw.withTypeProvider<ZodTypeProvider>();
  const query = z.object(caseFilterQuery).strict();

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(
      `/v1/cases/export.${format}`,
      { schema: { tags: ['cases'], querystring: query, response: { 200: format === 'csv' ? CasesCsv : CasesXlsx, '4xx': ErrorBody } } },
      async (req, reply) => {
        // The list's own read, paged through every match: tenancy and filters exactly as GET /v1/cases.
        const all = await engine.allCases(req.principal, caseFilterOf(req.query), EXPORT_MAX);
        if ('ok' in all) return send(req, reply, all);
        const lang = language(req.headers['accept-language']);
        const rows = exportRows(all.cases, all.products, all.currencies, lang, tz);
        const body = format === 'csv' ? exportCsv(rows, lang) : await exportXlsx(rows, lang, exportTotals(all.cases, all.currencies));
        return file(reply, `cases.${format}`, format === 'csv' ? 'text/csv; charset=utf-8' : XLSX, all.truncated, body);
      },
    );
  }

  const shopParams = z.object({ shop: idParam });
  app.get('/v1/shops/:shop/reason-presets', { schema: { tags: ['cases'], params: shopParams, response: { 200: ReasonPresets, '4xx': ErrorBody } } }, async (req, reply) => {
    const r = await engine.reasonPresets(req.principal, req.params.shop);
    return 'ok' in r ? send(req, reply, r) : r;
  });
  const list = z.array(z.string().max(MAX_REASON)).max(MAX_PRESETS);
  app.put(
    '/v1/shops/:shop/reason-presets',
    { schema: { tags: ['cases'], params: shopParams, body: z.object({ reject: list.optional(), refuse_return: list.optional() }).strict(), response: { 200: ReasonPresets, '4xx': ErrorBody } } },
    async (req, reply) => {
      const r = await engine.setReasonPresets(req.principal, req.params.shop, req.body);
      return 'ok' in r ? send(req, reply, r) : r;
    },
  );
}
