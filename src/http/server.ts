// The HTTP API under /v1 (Fastify, with the zod schemas of src/app/schemas.ts): OpenAPI at
// /openapi.json, a reference page at /docs. Every request is authenticated (Bearer API key or buyer
// token) and authorised against the resource it touches; refusals are SPEC §11 errors.
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DecidedState } from '../app/command-types.ts';
import type { Engine } from '../app/engine.ts';
import { API_CASE_ARGS, CASE_ARGS, CASE_COMMAND_NAMES, ORDER_EVENT_NAMES, toCaseCommand, toOrderCommand, toOrderInput, type CaseCommandName, type OrderEventName } from '../app/schemas.ts';
import { orderView } from '../app/views.ts';
import { actorOf, canSee, type Principal } from '../app/principal.ts';
import { caseDetail as detailOf, orderDetail } from './case-detail.ts';
import { consoleRoutes, isConsolePage, type ConsoleOptions } from './console-routes.ts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { upsertOrder } from '../app/order-upsert.ts';
import { formatInstant } from '../domain/calendar.ts';
import { refuse, type Refusal } from '../domain/errors.ts';
import { describeValue, PARAM_NAMES } from '../domain/policy.ts';
import type { CaseState } from '../domain/state.ts';
import { errorBody, language, STATUS } from './errors.ts';
import { requestRefusal, validationRefusal } from './request-errors.ts';
import { idParam, wellFormed } from './input.ts';
import { adminRoutes } from './admin-routes.ts';
import { clientErrorHandler } from './client-errors.ts';
import { sandboxRoutes } from './sandbox-routes.ts';
import { evidenceRoutes } from './evidence-routes.ts';
import { dossierRoutes } from './dossier-routes.ts';
import { opsRoutes } from './ops-routes.ts';
import { importRoutes } from './import-routes.ts';
import { governanceRoutes } from './governance-routes.ts';
import { claimRoutes } from './claim-routes.ts';
import { auditRoutes } from './audit-routes.ts';
import { securityHeaders } from './security-headers.ts';
import { automationRoutes } from './automation-routes.ts';
import { metricsRoutes } from './metrics-routes.ts';
import { deskRoutes } from './desk-routes.ts';
import { ticketAttachmentRoutes } from './ticket-attachment-routes.ts';
import { workdayRoutes } from './workday-routes.ts';
import { etagOf, matchesEtag } from './etag.ts';
import { CaseCommandResult, CaseDetail, CommandExpand, ErrorBody, NotModified, OrderDetail, OrderView, PackDetail, PackList } from '../contract/index.ts';

export interface ServerOptions {
  engine: Engine;
  tokenSecret: string;
  timeZone?: string;
  logger?: boolean;
  /** Requests per key per minute (429 `rate_limited` beyond); unlimited when absent. */
  requestsPerMinute?: number;
  /** Failed credentials per client address per minute before 429 (issue 19); unlimited when absent. */
  badCredentialsPerMinute?: number;
  /** The web console (built files) and, in the demo, the identities its sign-in page lists. */
  console?: ConsoleOptions;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
}

const notFound = (what: string) => refuse('not_found', what, '资源不存在', `no such ${what}`, { resource: what });

export async function buildServer(opts: ServerOptions) {
  const { engine } = opts;
  const tz = opts.timeZone ?? 'Asia/Shanghai';
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 1_048_576,
    // Requests the HTTP parser rejects: the SPEC §11 envelope too (src/http/client-errors.ts).
    clientErrorHandler,
    // Errors the router raises before any route runs (an over-long path parameter, a malformed
    // URL): the same `validation` error body as everything else.
    frameworkErrors: (err, req, reply) => {
      void (reply as unknown as FastifyReply)
        .status(400)
        .send(errorBody(requestRefusal(err), language(req.headers['accept-language'])));
    },
  }).withTypeProvider<ZodTypeProvider>();
  // JSON bodies: a NUL character (\u0000) cannot be stored in PostgreSQL text or jsonb, so it is
  // refused here, with everything else that is not JSON.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      const parsed: unknown = JSON.parse(text);
      if (!wellFormed(parsed)) return done(Object.assign(new Error('a string holds a NUL character or invalid Unicode'), { statusCode: 400 }), undefined);
      done(null, parsed);
    } catch (e) {
      done(Object.assign(new Error(`malformed JSON: ${(e as Error).message}`), { statusCode: 400 }), undefined);
    }
  });
  securityHeaders(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const send = (req: FastifyRequest, reply: FastifyReply, r: Refusal) => reply.status(STATUS[r.code]).send(errorBody(r, language(req.headers['accept-language'])));

  // Any error Fastify raises (malformed JSON, schema mismatch, body too large) is a `validation`.
  // Said in words, naming fields as the console does (src/http/request-errors.ts).
  app.setErrorHandler((err: { validation?: unknown; validationContext?: string; code?: string; statusCode?: number; message: string }, req, reply) => {
    if (Array.isArray(err.validation)) return send(req, reply, validationRefusal(err.validation, err.validationContext));
    if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) return send(req, reply, requestRefusal(err));
    req.log.error(err);
    return reply.status(500).send({ error: { code: 'internal', message: 'internal error', details: {} } });
  });
  // A page of the console (a browser asking for /workbench, say) gets the console's index.html.
  const consoleBuilt = opts.console?.dir !== undefined && existsSync(join(opts.console.dir, 'index.html'));
  app.setNotFoundHandler((req, reply) => (consoleBuilt && isConsolePage(req) ? reply.sendFile('index.html') : send(req, reply, notFound('route'))));
  // Query strings and path parameters too: no NUL characters, valid Unicode.
  app.addHook('preValidation', async (req, reply) => {
    if (!wellFormed(req.query) || !wellFormed(req.params)) {
      return send(req, reply, refuse('validation', 'request', '请求含有无效字符', 'the URL holds a NUL character or invalid Unicode', {}));
    }
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Aftersale API', version: '0.1.0', description: 'After-sales (售后) engine: orders, cases, disputes. Errors use the SPEC §11 codes.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/healthz', { schema: { hide: true } }, async () => ({ ok: true }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await engine.ready();
      return { ok: true };
    } catch {
      return reply.status(503).send({ ok: false });
    }
  });

  // Authentication for everything under /v1. No credential, or one that is malformed, unknown,
  // revoked, tampered with or expired: 401 `unauthenticated` (docs/decisions.md). A known caller
  // without the right: 403 `forbidden`.
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/v1/')) return;
    const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    const guard = opts.badCredentialsPerMinute;
    const slowDown = (waitMs: number) => {
      reply.header('retry-after', String(Math.max(1, Math.ceil(waitMs / 1000))));
      return send(req, reply, refuse('rate_limited', 'bad_credentials_per_minute', '错误凭证过多, 请稍后再试', 'too many bad credentials from this address: wait and try again', { limit: guard }));
    };
    const lockedFor = guard === undefined ? null : await engine.credentialLockout(req.ip, guard);
    if (lockedFor !== null) return slowDown(lockedFor);
    const principal = await engine.authenticate(m?.[1] ?? '', opts.tokenSecret);
    if (!principal && guard !== undefined && req.headers.authorization) {
      const wait = await engine.noteBadCredential(req.ip, guard);
      if (wait !== null) return slowDown(wait);
    }
    if (!principal) {
      reply.header('www-authenticate', 'Bearer');
      return send(req, reply, refuse('unauthenticated', 'authentication', '缺少或无效的凭证', 'a valid API key or buyer token is required', {}));
    }
    const needs = req.method === 'GET' || req.method === 'HEAD' ? 'read' : 'write';
    if (principal.kind !== 'buyer' && principal.scopes && !principal.scopes.includes(needs)) {
      return send(req, reply, refuse('forbidden', 'scope', `该密钥没有 ${needs} 权限`, `this key has no ${needs} scope`, { scope: needs }));
    }
    req.principal = principal;
    // SPEC §13: a US-dollar (amazon-us) shop's requests are answered in English unless they ask for
    // a language; every route reads the language from this header (src/http/errors.ts language).
    if (principal.kind === 'shop' && req.headers['accept-language'] === undefined && (await engine.shopMarket(principal.shopId))?.currency === 'USD') {
      req.headers['accept-language'] = 'en';
    }
  });

  const idempotency = (req: FastifyRequest) => {
    const k = req.headers['idempotency-key'];
    return typeof k === 'string' && k.length > 0 && k.length <= 255 ? k : undefined;
  };

  const shopOrder = z.object({ shop: idParam, order: idParam });

  app.post('/v1/orders', { schema: { body: z.record(z.string(), z.unknown()), tags: ['orders'], response: { 200: OrderView, 201: OrderView, '4xx': ErrorBody } } }, async (req, reply) => {
    const input = toOrderInput(req.body);
    if ('ok' in input) return send(req, reply, input);
    if (!canSee(req.principal, { shopId: input.shop })) return send(req, reply, refuse('forbidden', 'shop', '不能为其他店铺创建订单', 'a shop key creates orders of its own shop only', {}));
    // Create, or upsert: an order sent again records the lifecycle steps it has reached since.
    const existing = await engine.getOrder(input.shop, input.id);
    const r = existing ? await upsertOrder(engine, input, existing, tz) : await engine.placeOrder(input, actorOf(req.principal), { idempotencyKey: idempotency(req) });
    if (!r.ok) return send(req, reply, r);
    const o = await engine.getOrder(input.shop, input.id);
    return reply.status(existing ? 200 : 201).send(orderView(o!, tz));
  });

  app.get('/v1/shops/:shop/orders/:order', { schema: { params: shopOrder, tags: ['orders'], response: { 200: OrderDetail, '4xx': ErrorBody } } }, async (req, reply) => {
    const found = await engine.orderWithCases(req.principal, req.params.shop, req.params.order);
    if (!found) return send(req, reply, notFound('order'));
    return orderDetail(found.order, found.cases, tz, found.shopName);
  });

  app.post(
    '/v1/shops/:shop/orders/:order/events/:event',
    { schema: { params: shopOrder.extend({ event: z.enum(ORDER_EVENT_NAMES as [OrderEventName, ...OrderEventName[]]) }), body: z.unknown().optional(), tags: ['orders'], response: { 200: OrderView, '4xx': ErrorBody } } },
    async (req, reply) => {
      const { shop, order, event } = req.params;
      const p = req.principal;
      if (!(await engine.orderFor(p, shop, order))) return send(req, reply, notFound('order'));
      const cmd = toOrderCommand(event, req.body ?? {});
      if ('ok' in cmd) return send(req, reply, cmd);
      const r = await engine.orderCommand(shop, order, cmd, actorOf(p), { idempotencyKey: idempotency(req) });
      if (!r.ok) return send(req, reply, r);
      return orderView((await engine.getOrder(shop, order))!, tz);
    },
  );

  app.post(
    '/v1/shops/:shop/orders/:order/cases',
    { schema: { params: shopOrder, querystring: CommandExpand, body: CASE_ARGS.apply.extend({ id: idParam.optional() }), tags: ['cases'], response: { 201: CaseCommandResult, '4xx': ErrorBody } } },
    async (req, reply) => {
      const { shop, order } = req.params;
      const { id, ...args } = req.body;
      // On the engine's clock, as every instant (a sandbox's ids sort by its own time too).
      const caseId = id ?? `AS${engine.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`.toUpperCase();
      const cmd = toCaseCommand('apply', caseId, args);
      if ('ok' in cmd) return send(req, reply, cmd);
      const p = req.principal;
      if (!(await engine.orderFor(p, shop, order))) return send(req, reply, notFound('order'));
      const r = await engine.caseCommand(cmd, actorOf(p), { shopId: shop, orderId: order, idempotencyKey: idempotency(req), withState: true });
      if (!r.ok) return send(req, reply, r);
      const applied = r.state?.ctx.cases[caseId] ?? (await engine.caseFor(p, caseId));
      const detail = applied && (await caseDetail(applied, p, r.state, { timeline: req.query.expand === 'timeline' }));
      return detail ? reply.status(201).send(detail) : send(req, reply, notFound('case'));
    },
  );

  for (const name of CASE_COMMAND_NAMES.filter((n) => n !== 'apply')) {
    app.post(
      `/v1/cases/:case/${name}`,
      { schema: { params: z.object({ case: idParam }), querystring: CommandExpand, body: (API_CASE_ARGS[name] as z.ZodType).optional(), tags: ['cases'], response: { 200: CaseCommandResult, '4xx': ErrorBody } } },
      async (req, reply) => {
        // The case is read once, here: for tenancy, to address the command (its shop and order),
        // and the detail then uses the order as the command left it.
        const c = await engine.caseFor(req.principal, req.params.case);
        if (!c) return send(req, reply, notFound('case'));
        const cmd = toCaseCommand(name as CaseCommandName, c.id, req.body ?? {});
        if ('ok' in cmd) return send(req, reply, cmd);
        const version = req.headers['if-match'];
        const r = await engine.caseCommand(cmd, actorOf(req.principal), {
          shopId: c.shopId,
          orderId: c.orderId,
          withState: true,
          idempotencyKey: idempotency(req),
          ...(typeof version === 'string' && /^\d+$/.test(version) ? { expectedVersion: Number(version) } : {}),
        });
        if (!r.ok) return send(req, reply, r);
        // Issue 18: built from the decision's own state; the timeline only when asked for.
        return (await caseDetail(c, req.principal, r.state, { timeline: req.query.expand === 'timeline' })) ?? send(req, reply, notFound('case'));
      },
    );
  }

  const caseDetail = (c: CaseState, p: Principal, after?: DecidedState, opts?: { timeline?: boolean }) => detailOf(engine, c, p, tz, after, opts);

  app.get(
    '/v1/cases/:case',
    { schema: { params: z.object({ case: idParam }), tags: ['cases'], response: { 200: CaseDetail, 304: NotModified, '4xx': ErrorBody } } },
    async (req, reply) => {
      const c = await engine.caseFor(req.principal, req.params.case);
      if (!c) return send(req, reply, notFound('case'));
      // A read always carries the timeline (read here, since no `timeline: false`).
      const d = await caseDetail(c, req.principal);
      if (!d) return send(req, reply, notFound('case'));
      const detail = { ...d, timeline: d.timeline ?? [], latest_refusal: d.latest_refusal ?? null };
      // Issue 16: a page polls with If-None-Match and gets 304 while nothing changed (stale tabs drop
      // dead actions within one poll). The tag is the stream version plus a digest of this caller's
      // answer, since actions can open with time alone (escalation_after) without a new event.
      const tag = etagOf(c.version, detail);
      reply.header('etag', tag).header('cache-control', 'no-store');
      if (matchesEtag(req.headers['if-none-match'], tag)) return reply.code(304).send();
      return detail;
    },
  );

  adminRoutes(app, engine, opts.tokenSecret, tz, send);
  sandboxRoutes(app, engine, tz, send);
  await evidenceRoutes(app, engine, tz, send);
  dossierRoutes(app, engine, tz, send);
  opsRoutes(app, engine, send, { requestsPerMinute: opts.requestsPerMinute });
  importRoutes(app, engine, send);
  governanceRoutes(app, engine, tz, send);
  claimRoutes(app, engine, tz, send);
  auditRoutes(app, engine, tz, send);
  automationRoutes(app, engine, send);
  metricsRoutes(app, engine, tz, send);
  deskRoutes(app, engine, tz, send);
  ticketAttachmentRoutes(app, engine, send);
  workdayRoutes(app, engine, tz, send);
  await consoleRoutes(app, engine, tz, send, opts.console ?? {});

  // The engine's packs, in force on its clock.
  app.get('/v1/policies', { schema: { tags: ['policy'], response: { 200: PackList, '4xx': ErrorBody } } }, async () =>
    engine.listPacks().map((p) => ({ id: p.id, name: p.name, currency: p.currency, time_zone: p.timeZone, versions: p.versions.map((v) => ({ version: v.version, effective_from: formatInstant(v.effectiveFrom, p.timeZone) })) })),
  );
  app.get('/v1/policies/:pack', { schema: { params: z.object({ pack: idParam }), tags: ['policy'], response: { 200: PackDetail, '4xx': ErrorBody } } }, async (req, reply) => {
    const found = engine.packInForce(req.params.pack);
    if (!found) return send(req, reply, notFound('policy pack'));
    const { pack, version: v } = found;
    return { id: pack.id, name: pack.name, version: v.version, parameters: PARAM_NAMES.map((n) => ({ name: n, value: describeValue(v.params[n]), source: v.sources[n] ?? null })) };
  });

  return app;
}
