// One uploaded file from a multipart/form-data body, as the evidence and ticket-attachment routes
// take it: exactly one file part named `file`, a few short text fields, the size limited, and the
// type decided by the content (magic bytes), never by what the client declares. Bad input is a
// refusal in words (SPEC §11 `validation`); a file over the limit answers 413.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { refuse, type Refusal } from '../domain/errors.ts';
import { ALLOWED_TYPES, sniffType } from '../domain/evidence-file.ts';
import { polyglotMarker } from '../domain/evidence-polyglot.ts';
import { errorBody, language } from './errors.ts';

export interface Upload {
  content: Buffer;
  filename: string;
  /** The type found in the content (one of ALLOWED_TYPES). */
  type: string;
  /** The text fields, by name. */
  fields: Record<string, string>;
}

const invalid = (rule: string, zh: string, en: string, details: Record<string, unknown>) => refuse('validation', rule, zh, en, details);

/** A client file name as stored: the last path segment, without control characters, ≤ 255. */
export function cleanFilename(name: string | undefined): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this strips
  return (name ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 255);
}

/** `Content-Disposition` for a download: an ASCII fallback plus the RFC 5987 UTF-8 name. */
export function disposition(filename: string): string {
  if (!filename) return 'attachment';
  const fallback = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** Sends a stored file: its sniffed type, as a download, never sniffed again by the browser. */
export function sendFile(reply: FastifyReply, f: { contentType: string; filename: string; content: Buffer }): FastifyReply {
  return reply
    .header('content-type', f.contentType)
    .header('content-disposition', disposition(f.filename))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, max-age=3600')
    .send(f.content);
}

/**
 * Reads the upload: the file and the text fields, or a refusal (`status` 413 for a file over
 * `maxBytes`, else 400).
 */
export async function readUpload(req: FastifyRequest, maxBytes: number): Promise<Upload | { refusal: Refusal; status: number }> {
  const bad = (refusal: Refusal, status = 400) => ({ refusal, status });
  if (!req.isMultipart()) return bad(invalid('multipart', '请以 multipart/form-data 上传文件', 'upload the file as multipart/form-data', { field: 'file' }));
  // Read every part: one file named `file`, and the text fields (in any order).
  let file: { content: Buffer; filename: string; declared: string } | null = null;
  const text: Record<string, string> = {};
  try {
    for await (const part of req.parts({ limits: { fileSize: maxBytes, files: 1, fields: 8, fieldSize: 16 * 1024, parts: 10 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          await part.toBuffer().catch(() => undefined);
          return bad(invalid('file', `未知的文件字段 ${part.fieldname}`, `unexpected file field ${part.fieldname}: send the file as "file"`, { field: part.fieldname }));
        }
        file = { content: await part.toBuffer(), filename: cleanFilename(part.filename), declared: part.mimetype };
      } else {
        if (part.valueTruncated || Object.hasOwn(text, part.fieldname)) {
          return bad(invalid('field', `字段 ${part.fieldname} 无效`, `field ${part.fieldname} is too long or repeated`, { field: part.fieldname }));
        }
        // PostgreSQL text cannot hold NUL characters.
        if (String(part.value).includes('\u0000')) {
          return bad(invalid('field', `字段 ${part.fieldname} 含有无效字符`, `field ${part.fieldname} contains a NUL character`, { field: part.fieldname }));
        }
        text[part.fieldname] = String(part.value);
      }
    }
  } catch (e) {
    const err = e as { code?: string; message?: string };
    if (err.code === 'FST_REQ_FILE_TOO_LARGE') {
      return bad(invalid('file_size', `文件超过 ${maxBytes} 字节的上限`, `the file is larger than the limit of ${maxBytes} bytes`, { field: 'file', max_bytes: maxBytes }), 413);
    }
    // Anything else that breaks while reading the parts is a malformed body.
    return bad(invalid('multipart', `上传内容无效: ${err.message ?? ''}`, `invalid upload: ${err.message ?? ''}`, { field: 'file' }));
  }
  if (!file) return bad(invalid('file', '缺少文件', 'a file is required (field "file")', { field: 'file' }));
  if (file.content.length === 0) return bad(invalid('file', '文件为空', 'the file is empty', { field: 'file' }));
  const type = sniffType(file.content);
  if (!type || !(ALLOWED_TYPES as readonly string[]).includes(type)) {
    const detected = type ?? 'application/octet-stream';
    return bad(
      invalid('file_type', `不支持的文件类型 ${detected}`, `unsupported file type ${detected}: only JPEG, PNG, GIF, WEBP, MP4/MOV and PDF`, { field: 'file', detected, declared: file.declared, allowed: ALLOWED_TYPES }),
    );
  }
  // Issue 19: an image (video, PDF) that is also a page or a script is refused.
  const marker = polyglotMarker(file.content, type);
  if (marker) {
    return bad(invalid('file_content', `文件含有可执行的内容 (${marker}), 不能作为凭证`, `the file holds active content (${marker}): a ${type} that is also a page or a script is refused`, { field: 'file', detected: type, marker }));
  }
  return { content: file.content, filename: file.filename, type, fields: text };
}

/** Sends a refusal of readUpload with its status. */
export function sendUploadRefusal(req: FastifyRequest, reply: FastifyReply, r: { refusal: Refusal; status: number }): FastifyReply {
  return reply.status(r.status).send(errorBody(r.refusal, language(req.headers['accept-language'])));
}
