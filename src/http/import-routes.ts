// Bulk order import over HTTP: `POST /v1/orders/import` with an array of orders (application/json)
// or a CSV file (text/csv), in the formats of src/app/import-orders.ts. Authorised like
// POST /v1/orders: the platform imports any shop's orders, a shop key its own shop's (rows of
// another shop fail `forbidden` one by one), a buyer not at all. Answers 200 with
// `{ placed, failed: [{ row, order?, code, message }] }`.
import { wellFormed } from './input.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Engine } from '../app/engine.ts';
import { ImportFileError, importOrders, parseOrdersFile, type ImportRow } from '../app/import-orders.ts';
import { refuse, type Refusal } from '../domain/errors.ts';
import { actorOf } from '../app/principal.ts';
import { language } from './errors.ts';
import { ErrorBody, ImportReport } from '../contract/index.ts';

type Send = (req: FastifyRequest, reply: FastifyReply, r: Refusal) => FastifyReply;

/** A bulk file may be larger than the API's usual 1 MiB body. */
const IMPORT_BODY_LIMIT = 16 * 1_048_576;

export function importRoutes(raw: FastifyInstance, engine: Engine, send: Send): void {
  const app = raw.withTypeProvider<ZodTypeProvider>();
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT }, (_req, body, done) => {
    // PostgreSQL text holds neither NUL characters nor lone surrogates.
    const text = String(body);
    if (!wellFormed(text)) return done(Object.assign(new Error('the CSV holds a NUL character or invalid Unicode'), { statusCode: 400 }), undefined);
    done(null, text);
  });

  app.post(
    '/v1/orders/import',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags: ['orders'],
        description:
          'Places many orders, each on its own. Body: a JSON array of orders (as POST /v1/orders), or text/csv with a header row and one row per order line ' +
          '(order_id, shop, buyer, placed_at, paid_at, ship_by, shipped_at, carrier, tracking, signed_at, signed_on, completed_at, shipping_fee, free_shipping, ' +
          'shipping_insurance, currency, line_id, sku, title, category, quantity, paid_amount, flags, warranty_days; currency is optional and must be the shop currency). A failed row never stops the others.',
        consumes: ['application/json', 'text/csv'],
        body: z.union([z.array(z.unknown()), z.string()]),
        response: { 200: ImportReport, '4xx': ErrorBody },
      },
    },
    async (req, reply) => {
      const p = req.principal;
      if (p.kind === 'buyer') return send(req, reply, refuse('forbidden', 'shop', '买家不能导入订单', 'buyers cannot import orders', {}));
      let rows: ImportRow[];
      if (typeof req.body === 'string') {
        try {
          rows = parseOrdersFile(req.body, 'csv');
        } catch (e) {
          if (!(e instanceof ImportFileError)) throw e;
          return send(req, reply, refuse('validation', 'csv', `CSV 文件无效: ${e.message}`, `invalid CSV file: ${e.message}`, { field: 'body' }));
        }
      } else {
        rows = req.body.map((o, i) => ({ row: i + 1, raw: o, ...(typeof (o as { id?: unknown })?.id === 'string' ? { order: (o as { id: string }).id } : {}) }));
      }
      return importOrders(engine, rows, actorOf(p), undefined, { lang: language(req.headers['accept-language']) });
    },
  );
}
