// Evidence files (SPEC §7): photos, videos and documents a case's buyer or shop uploads, stored by
// content hash and recorded on the case (`submit_evidence`) so they appear in its history. The
// file type is decided by its content (magic bytes), never by what the client declares. Readable by
// the case's parties and the platform; everyone else is told the case does not exist.
import multipart from '@fastify/multipart';
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from './input.ts';
import type { Engine } from '../app/engine.ts';
import { toCaseCommand } from '../app/schemas.ts';
import { formatInstant } from '../domain/calendar.ts';
import { refuse, type Refusal } from '../domain/errors.ts';
import { EVIDENCE_KINDS } from '../domain/types.ts';
import { actorOf } from '../app/principal.ts';
import { readUpload, sendFile, sendUploadRefusal } from './upload.ts';
import { ALLOWED_TYPES, MAX_EVIDENCE_BYTES, sniffType } from '../domain/evidence-file.ts';
import { ErrorBody, EvidenceBytes, EvidenceFiles, EvidenceUploaded } from '../contract/index.ts';

export { ALLOWED_TYPES, MAX_EVIDENCE_BYTES, sniffType };

type Send = (req: FastifyRequest, reply: FastifyReply, r: Refusal) => FastifyReply;

const MAX_DESCRIPTION = 2000;

const sha256Param = z.string().regex(/^[0-9a-f]{64}$/);
const caseParams = z.object({ case: idParam });
const fileParams = caseParams.extend({ sha256: sha256Param });
const fields = z
  .object({
    kind: z.enum(EVIDENCE_KINDS),
    description: z.string().max(MAX_DESCRIPTION).optional(),
  })
  .strict();

/**
 * Registers multipart parsing and the evidence routes. Async: the multipart plugin must be loaded
 * before the server starts (call it with `await` before `ready`/`listen`).
 */
export async function evidenceRoutes(raw: FastifyInstance, engine: Engine, tz: string, send: Send, maxBytes: number = MAX_EVIDENCE_BYTES): Promise<void> {
  await raw.register(multipart);
  const app = raw.withTypeProvider<ZodTypeProvider>();

  const notFound = refuse('not_found', 'case', '资源不存在', 'no such case', { resource: 'case' });
  const invalid = (rule: string, zh: string, en: string, details: Record<string, unknown>) => refuse('validation', rule, zh, en, details);
  const urlOf = (caseId: string, sha256: string) => `/v1/cases/${encodeURIComponent(caseId)}/evidence/${sha256}`;

  app.post(
    '/v1/cases/:case/evidence',
    {
      schema: {
        params: caseParams,
        tags: ['evidence'],
        consumes: ['multipart/form-data'],
        description: `multipart/form-data: \`file\` (one file, at most ${maxBytes} bytes; JPEG, PNG, GIF, WEBP, MP4/MOV or PDF by content), \`kind\` (an evidence kind), \`description\` (optional, at most ${MAX_DESCRIPTION} characters). For the case's buyer or shop.`,
        response: { 201: EvidenceUploaded, '4xx': ErrorBody },
      },
    },
    async (req, reply) => {
      const p = req.principal;
      // Readable by whoever `canSee`s the case; uploaded only by its parties (the platform requests).
      const c = await engine.caseFor(p, req.params.case);
      if (!c) return send(req, reply, notFound);
      if (p.kind === 'platform') {
        return send(req, reply, refuse('forbidden', 'evidence_upload', '平台不能上传凭证, 请要求当事方举证', 'the platform does not upload evidence: it requests it from a party', {}));
      }
      const up = await readUpload(req, maxBytes);
      if ('refusal' in up) return sendUploadRefusal(req, reply, up);
      const parsed = fields.safeParse(up.fields);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = String(issue?.path[0] ?? (issue && 'keys' in issue ? (issue.keys as string[])[0] : 'kind'));
        return send(req, reply, invalid('field', `字段 ${field} 无效`, `invalid field ${field}: ${issue?.message ?? ''}`, field === 'kind' ? { field, allowed: EVIDENCE_KINDS } : { field }));
      }
      const { kind, description } = parsed.data;
      const sha256 = createHash('sha256').update(up.content).digest('hex');
      const actor = actorOf(p);
      await engine.storeEvidence({ shopId: c.shopId, caseId: c.id, sha256, contentType: up.type, filename: up.filename, uploadedBy: actor, content: up.content });
      const stored = { sha256, kind, content_type: up.type, size: up.content.length, url: urlOf(c.id, sha256) };
      // The file of an item this party already declared by its hash (e.g. with the application,
      // SPEC §3: the photo must come with it, and the case exists only after) is only stored: the
      // item is in the history already, recording it again would list it twice.
      const party = p.kind === 'buyer' ? 'buyer' : 'merchant';
      if (c.evidence.some((e) => e.party === party && e.sha256 === sha256)) return reply.status(201).send(stored);
      // Recorded on the case, so it is in the (tamper-evident) history. A refusal keeps the file.
      const cmd = toCaseCommand('submit_evidence', c.id, { evidence: [{ kind, sha256, ...(description ? { description } : {}) }] });
      if ('ok' in cmd) return send(req, reply, cmd);
      const key = req.headers['idempotency-key'];
      const r = await engine.caseCommand(cmd, actor, { shopId: c.shopId, ...(typeof key === 'string' && key.length > 0 && key.length <= 255 ? { idempotencyKey: key } : {}) });
      if (!r.ok) return send(req, reply, r);
      return reply.status(201).send(stored);
    },
  );

  app.get('/v1/cases/:case/evidence', { schema: { params: caseParams, tags: ['evidence'], response: { 200: EvidenceFiles, '4xx': ErrorBody } } }, async (req, reply) => {
    const found = await engine.evidenceFiles(req.principal, req.params.case);
    if (!found) return send(req, reply, notFound);
    const c = found.case;
    return {
      data: found.files.map((f) => {
        const item = c.evidence.find((e) => e.sha256 === f.sha256);
        return {
          sha256: f.sha256,
          kind: item?.kind ?? null,
          description: item?.description ?? null,
          content_type: f.contentType,
          size: f.size,
          filename: f.filename,
          uploaded_by: f.uploadedBy,
          created_at: formatInstant(f.createdAt, tz),
          url: urlOf(c.id, f.sha256),
        };
      }),
    };
  });

  app.get('/v1/cases/:case/evidence/:sha256', { schema: { params: fileParams, tags: ['evidence'], response: { 200: EvidenceBytes, '4xx': ErrorBody } } }, async (req, reply) => {
    const { case: c, file: f } = await engine.evidenceFile(req.principal, req.params.case, req.params.sha256);
    if (!c) return send(req, reply, notFound);
    if (!f) return send(req, reply, refuse('not_found', 'evidence', '凭证文件不存在', 'no such evidence file', { resource: 'evidence' }));
    return sendFile(reply, f);
  });
}
