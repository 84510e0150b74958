// SPEC §10.1 ticket attachments: a ticket's party uploads a file (a photo of the parcel, the
// invoice as PDF), stored by content hash for that ticket, then names it in a reply
// (`attachments: [{ kind, sha256 }]`); a reply naming a file not uploaded to its ticket is refused
// (validation, in words). Files are read by whoever sees the ticket: its buyer, its shop, the
// platform; everyone else is told the ticket does not exist. Multipart parsing is registered by
// evidenceRoutes (call this after it).
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ticketAttachmentUrl } from '../app/desk/views.ts';
import type { Engine } from '../app/engine.ts';
import { actorOf } from '../app/principal.ts';
import { refuse, type Refusal } from '../domain/errors.ts';
import { MAX_EVIDENCE_BYTES } from '../domain/evidence-file.ts';
import { EVIDENCE_KINDS } from '../domain/types.ts';
import { ErrorBody, EvidenceBytes, EvidenceUploaded } from '../contract/index.ts';
import { idParam } from './input.ts';
import { readUpload, sendFile, sendUploadRefusal } from './upload.ts';

type Send = (req: FastifyRequest, reply: FastifyReply, r: Refusal) => FastifyReply;

const ticketParams = z.object({ ticket: idParam });
const fileParams = ticketParams.extend({ sha256: z.string().regex(/^[0-9a-f]{64}$/) });
const fields = z.object({ kind: z.enum(EVIDENCE_KINDS).default('photo') }).strict();

export function ticketAttachmentRoutes(raw: FastifyInstance, engine: Engine, send: Send, maxBytes: number = MAX_EVIDENCE_BYTES): void {
  const app = raw.withTypeProvider<ZodTypeProvider>();
  const notFound = refuse('not_found', 'ticket', '资源不存在', 'no such ticket', { resource: 'ticket' });

  app.post(
    '/v1/tickets/:ticket/attachments',
    {
      schema: {
        params: ticketParams,
        tags: ['tickets'],
        consumes: ['multipart/form-data'],
        description: `multipart/form-data: \`file\` (one file, at most ${maxBytes} bytes; JPEG, PNG, GIF, WEBP, MP4/MOV or PDF by content), \`kind\` (an evidence kind, default photo). For the ticket's buyer and shop, and the platform once the ticket is escalated. Attach it to a reply by its sha256.`,
        response: { 201: EvidenceUploaded, '4xx': ErrorBody },
      },
    },
    async (req, reply) => {
      const p = req.principal;
      const t = await engine.ticketFor(p, req.params.ticket);
      if (!t) return send(req, reply, notFound);
      // The parties who may write on the ticket: the platform only once it is involved (SPEC §10.1).
      if (p.kind === 'platform' && !t.escalated) {
        return send(req, reply, refuse('forbidden', 'ticket_attachment', '工单未升级到平台, 平台不能上传附件', 'the ticket is not escalated: the platform does not write on it yet', { ticket: t.id }));
      }
      const up = await readUpload(req, maxBytes);
      if ('refusal' in up) return sendUploadRefusal(req, reply, up);
      const parsed = fields.safeParse(up.fields);
      if (!parsed.success) {
        const field = String(parsed.error.issues[0]?.path[0] ?? 'kind');
        return send(req, reply, refuse('validation', 'field', `字段 ${field} 无效`, `invalid field ${field}`, { field, allowed: EVIDENCE_KINDS }));
      }
      const sha256 = createHash('sha256').update(up.content).digest('hex');
      await engine.storeTicketAttachment({ shopId: t.shopId, ticketId: t.id, sha256, contentType: up.type, filename: up.filename, uploadedBy: actorOf(p), content: up.content });
      return reply.status(201).send({ sha256, kind: parsed.data.kind, content_type: up.type, size: up.content.length, url: ticketAttachmentUrl(t.id, sha256) });
    },
  );

  app.get('/v1/tickets/:ticket/attachments/:sha256', { schema: { params: fileParams, tags: ['tickets'], response: { 200: EvidenceBytes, '4xx': ErrorBody } } }, async (req, reply) => {
    const found = await engine.ticketAttachment(req.principal, req.params.ticket, req.params.sha256);
    if (!found) return send(req, reply, notFound);
    if (!found.file) return send(req, reply, refuse('not_found', 'attachment', '附件不存在', 'no such attachment', { resource: 'attachment' }));
    return sendFile(reply, found.file);
  });
}
