// GET /v1/cases/:case/dossier.pdf (issue 16): the case dossier, for whoever may see the case (its
// buyer, its shop, the platform); anyone else is told the case does not exist (SPEC §11).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Engine } from '../app/engine.ts';
import { refuse, type Refusal } from '../domain/errors.ts';
import { CaseDossierPdf, ErrorBody } from '../contract/index.ts';
import { idParam } from './input.ts';
import { sendFile } from './upload.ts';

type Send = (req: FastifyRequest, reply: FastifyReply, r: Refusal) => FastifyReply;

export function dossierRoutes(raw: FastifyInstance, engine: Engine, tz: string, send: Send): void {
  const app = raw.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/v1/cases/:case/dossier.pdf',
    { schema: { params: z.object({ case: idParam }), tags: ['cases'], response: { 200: CaseDossierPdf, '4xx': ErrorBody } } },
    async (req, reply) => {
      const pdf = await engine.caseDossier(req.principal, req.params.case, tz);
      if (!pdf) return send(req, reply, refuse('not_found', 'case', '资源不存在', 'no such case', { resource: 'case' }));
      // Not cached: the dossier grows with the case.
      return sendFile(reply, { contentType: 'application/pdf', filename: `dossier-${req.params.case}.pdf`, content: pdf }).header('cache-control', 'private, no-store');
    },
  );
}
