// The automation API (SPEC §10.2-§10.4): a shop's rules (read, replace in order, add, change,
// remove), a backtest of proposed rules on the shop's past cases, a case's resolution suggestions
// and a buyer's risk. Tenancy as everywhere: what the caller may not see does not exist (404).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Engine } from '../app/engine.ts';
import type { Refusal } from '../domain/errors.ts';
import { AutomationSettings, BacktestReport, BuyerRisk, CaseSuggestions, ErrorBody, RiskyBuyers } from '../contract/index.ts';
import { idParam } from './input.ts';

type Send = (req: FastifyRequest, reply: FastifyReply, r: Refusal) => FastifyReply;

const shopParams = z.object({ shop: idParam });
const ruleParams = z.object({ shop: idParam, rule: idParam });
/** Rules travel as JSON and are checked by the rule schema, which answers in words (SPEC §11). */
const ruleBody = z.record(z.string(), z.unknown());
const settingsBody = z
  .object({
    rules: z.array(z.unknown()).max(50).optional(),
    return_shipping_estimate: z.unknown().optional(),
    returnless_threshold: z.unknown().optional(),
    sop_tiers: z.array(z.unknown()).max(20).optional(),
  })
  .strict();

export function automationRoutes(raw: FastifyInstance, engine: Engine, send: Send): void {
  const app = raw.withTypeProvider<ZodTypeProvider>();
  const settings = { 200: AutomationSettings, '4xx': ErrorBody };

  app.get('/v1/shops/:shop/rules', { schema: { params: shopParams, tags: ['automation'], response: settings } }, async (req, reply) => {
    const r = await engine.automationSettings(req.principal, req.params.shop);
    return 'ok' in r ? send(req, reply, r) : r;
  });

  // The whole list in its new order (the console's drag and drop), and the shop's estimates.
  app.put('/v1/shops/:shop/rules', { schema: { params: shopParams, body: settingsBody, tags: ['automation'], response: settings } }, async (req, reply) => {
    const r = await engine.setAutomation(req.principal, req.params.shop, req.body);
    return 'ok' in r ? send(req, reply, r) : r;
  });

  app.post('/v1/shops/:shop/rules', { schema: { params: shopParams, body: ruleBody, tags: ['automation'], response: { 201: AutomationSettings, '4xx': ErrorBody } } }, async (req, reply) => {
    const r = await engine.editRule(req.principal, req.params.shop, null, 'add', req.body);
    return 'ok' in r ? send(req, reply, r) : reply.status(201).send(r);
  });

  app.patch('/v1/shops/:shop/rules/:rule', { schema: { params: ruleParams, body: ruleBody, tags: ['automation'], response: settings } }, async (req, reply) => {
    const r = await engine.editRule(req.principal, req.params.shop, req.params.rule, 'update', req.body);
    return 'ok' in r ? send(req, reply, r) : r;
  });

  app.delete('/v1/shops/:shop/rules/:rule', { schema: { params: ruleParams, tags: ['automation'], response: settings } }, async (req, reply) => {
    const r = await engine.editRule(req.principal, req.params.shop, req.params.rule, 'remove');
    return 'ok' in r ? send(req, reply, r) : r;
  });

  // Issue 14: what proposed rules would have done to the shop's cases of the last `days` days.
  app.post(
    '/v1/shops/:shop/rules/backtest',
    {
      schema: {
        params: shopParams,
        body: z.object({ rules: z.array(z.unknown()).max(50), days: z.number().int().min(1).max(365).default(30) }).strict(),
        tags: ['automation'],
        response: { 200: BacktestReport, '4xx': ErrorBody },
      },
    },
    async (req, reply) => {
    const r = await engine.backtestRules(req.principal, req.params.shop, req.body.rules, req.body.days);
    return 'ok' in r ? send(req, reply, r) : r;
  });

  app.get('/v1/cases/:case/suggestions', { schema: { params: z.object({ case: idParam }), tags: ['automation'], response: { 200: CaseSuggestions, '4xx': ErrorBody } } }, async (req, reply) => {
    const r = await engine.caseSuggestions(req.principal, req.params.case);
    return 'ok' in r ? send(req, reply, r) : r;
  });

  app.get(
    '/v1/buyers/risky',
    { schema: { querystring: z.object({ min_score: z.coerce.number().int().min(0).max(100).default(30) }).strict(), tags: ['automation'], response: { 200: RiskyBuyers, '4xx': ErrorBody } } },
    async (req, reply) => {
      const r = await engine.riskyBuyers(req.principal, req.query.min_score);
      return Array.isArray(r) ? { data: r } : send(req, reply, r);
    },
  );

  app.get('/v1/buyers/:buyer/risk', { schema: { params: z.object({ buyer: idParam }), tags: ['automation'], response: { 200: BuyerRisk, '4xx': ErrorBody } } }, async (req, reply) => {
    const r = await engine.buyerRisk(req.principal, req.params.buyer);
    return 'ok' in r ? send(req, reply, r) : r;
  });
}
