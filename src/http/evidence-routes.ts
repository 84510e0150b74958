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
import { errorBody, language } from './errors.ts';
import { ALLOWED_TYPES, MAX_EVIDENCE_BYTES, sniffType } from '../domain/evidence-file.ts';
import { polyglotMarker } from '../domain/evidence-polyglot.ts';
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


/** A client file name as stored: the last path segment, without control characters, ≤ 255. */
function cleanFilename(name: string | undefined): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this strips
  return (name ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 255);
}

/** `Content-Disposition` for a download: an ASCII fallback plus the RFC 5987 UTF-8 name. */
function disposition(filename: string): string {
  if (!filename) return 'attachment';
  const fallback = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

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
      if (!req.isMultipart()) return send(req, reply, invalid('multipart', '请以 multipart/form-data 上传文件', 'upload the file as multipart/form-data', { field: 'file' }));

      // Read every part: one file named `file`, and the text fields (in any order).
      let file: { content: Buffer; filename: string; declared: string } | null = null;
      const text: Record<string, string> = {};
      try {
        for await (const part of req.parts({ limits: { fileSize: maxBytes, files: 1, fields: 8, fieldSize: 16 * 1024, parts: 10 } })) {
          if (part.type === 'file') {
            if (part.fieldname !== 'file') {
              await part.toBuffer().catch(() => undefined);
              return send(req, reply, invalid('file', `未知的文件字段 ${part.fieldname}`, `unexpected file field ${part.fieldname}: send the file as "file"`, { field: part.fieldname }));
            }
            file = { content: await part.toBuffer(), filename: cleanFilename(part.filename), declared: part.mimetype };
          } else {
            if (part.valueTruncated || Object.hasOwn(text, part.fieldname)) {
              return send(req, reply, invalid('field', `字段 ${part.fieldname} 无效`, `field ${part.fieldname} is too long or repeated`, { field: part.fieldname }));
            }
            // PostgreSQL text cannot hold NUL characters.
            if (String(part.value).includes('\u0000')) {
              return send(req, reply, invalid('field', `字段 ${part.fieldname} 含有无效字符`, `field ${part.fieldname} contains a NUL character`, { field: part.fieldname }));
            }
            text[part.fieldname] = String(part.value);
          }
        }
      } catch (e) {
        const err = e as { code?: string; statusCode?: number; message?: string };
        if (err.code === 'FST_REQ_FILE_TOO_LARGE') {
          const r = invalid('file_size', `文件超过 ${maxBytes} 字节的上限`, `the file is larger than the limit of ${maxBytes} bytes`, { field: 'file', max_bytes: maxBytes });
          return reply.status(413).send(errorBody(r, language(req.headers['accept-language'])));
        }
        // Anything else that breaks while reading the parts is a malformed body.
        return send(req, reply, invalid('multipart', `上传内容无效: ${err.message ?? ''}`, `invalid upload: ${err.message ?? ''}`, { field: 'file' }));
      }

      const parsed = fields.safeParse(text);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = String(issue?.path[0] ?? (issue && 'keys' in issue ? (issue.keys as string[])[0] : 'kind'));
        return send(req, reply, invalid('field', `字段 ${field} 无效`, `invalid field ${field}: ${issue?.message ?? ''}`, field === 'kind' ? { field, allowed: EVIDENCE_KINDS } : { field }));
      }
      if (!file) return send(req, reply, invalid('file', '缺少文件', 'a file is required (field "file")', { field: 'file' }));
      if (file.content.length === 0) return send(req, reply, invalid('file', '文件为空', 'the file is empty', { field: 'file' }));
      const type = sniffType(file.content);
      if (!type || !(ALLOWED_TYPES as readonly string[]).includes(type)) {
        const detected = type ?? 'application/octet-stream';
        return send(
          req,
          reply,
          invalid('file_type', `不支持的文件类型 ${detected}`, `unsupported file type ${detected}: only JPEG, PNG, GIF, WEBP, MP4/MOV and PDF`, {
            field: 'file',
            detected,
            declared: file.declared,
            allowed: ALLOWED_TYPES,
          }),
        );
      }
      // Issue 19: an image (video, PDF) that is also a page or a script is refused.
      const marker = polyglotMarker(file.content, type);
      if (marker) {
        return send(req, reply, invalid('file_content', `文件含有可执行的内容 (${marker}), 不能作为凭证`, `the file holds active content (${marker}): a ${type} that is also a page or a script is refused`, { field: 'file', detected: type, marker }));
      }

      const { kind, description } = parsed.data;
      const sha256 = createHash('sha256').update(file.content).digest('hex');
      const actor = actorOf(p);
      await engine.storeEvidence({ shopId: c.shopId, caseId: c.id, sha256, contentType: type, filename: file.filename, uploadedBy: actor, content: file.content });
      const stored = { sha256, kind, content_type: type, size: file.content.length, url: urlOf(c.id, sha256) };
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
    return reply
      .header('content-type', f.contentType)
      .header('content-disposition', disposition(f.filename))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, max-age=3600')
      .send(f.content);
  });
}
