// Requests Node's HTTP parser rejects before Fastify sees them (a NUL byte or a line break in a
// header value, a malformed request line, headers over the size limit, a request that timed out):
// Fastify's default answers `{"error":"Bad Request","message":"Client Error","statusCode":400}`.
// Issue 19 item 7: those too get the SPEC §11 envelope `{"error": {code, message, details}}`
// (`validation`; 408 for a request timeout). Written on the raw socket: no route, no Accept-Language.
import type { Socket } from 'node:net';
import { refuse, type Refusal } from '../domain/errors.ts';

interface ClientError extends Error {
  code?: string;
}

/** What the parser's error code means, in words (zh and en together: the request's headers are unreadable). */
export function clientErrorRefusal(err: ClientError): { status: number; reason: string; refusal: Refusal } {
  const code = err.code ?? 'HPE_UNKNOWN';
  const say = (status: number, reason: string, zh: string, en: string) => ({ status, reason, refusal: refuse('validation', 'http', zh, en, { reason: code }) });
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return say(408, 'Request Timeout', '请求超时', 'the request took too long to arrive');
  if (code === 'HPE_HEADER_OVERFLOW') return say(431, 'Request Header Fields Too Large', '请求头过大', 'the request headers are too large');
  if (code === 'HPE_INVALID_HEADER_TOKEN' || code === 'HPE_INVALID_HEADER_VALUE' || code === 'HPE_LF_EXPECTED' || code === 'HPE_CR_EXPECTED')
    return say(400, 'Bad Request', '请求头含有无效字符', 'a request header holds a character HTTP does not allow (a NUL byte or a line break)');
  if (code === 'HPE_INVALID_METHOD' || code === 'HPE_INVALID_URL' || code === 'HPE_INVALID_VERSION' || code === 'HPE_INVALID_CONSTANT')
    return say(400, 'Bad Request', '请求行无效', 'the request line is not valid HTTP (method, path or version)');
  if (code === 'HPE_INVALID_CONTENT_LENGTH' || code === 'HPE_UNEXPECTED_CONTENT_LENGTH' || code === 'HPE_INVALID_TRANSFER_ENCODING' || code === 'HPE_INVALID_CHUNK_SIZE')
    return say(400, 'Bad Request', '请求体长度或分块无效', 'the request body length or chunking is not valid');
  return say(400, 'Bad Request', '请求不是有效的 HTTP', 'the request is not valid HTTP');
}

/** Fastify's `clientErrorHandler`: the envelope on the socket, then the connection is closed. */
export function clientErrorHandler(err: ClientError, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, reason, refusal } = clientErrorRefusal(err);
  const body = JSON.stringify({ error: { code: refusal.code, message: `${refusal.message.zh} / ${refusal.message.en}`, details: refusal.details } });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\nX-Content-Type-Options: nosniff\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
