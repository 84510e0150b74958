// Response headers against content sniffing and script injection (issue 19 item 6): every answer
// says `nosniff`; the console's pages carry a Content-Security-Policy allowing only what the
// console uses — its own scripts and styles (antd writes its CSS-in-JS as inline <style>: hence
// 'unsafe-inline' for styles only), images from itself, data: and blob: (evidence previews), calls
// to its own API — and may not be framed. The API reference at /docs (Swagger UI, inline scripts)
// keeps its own page and gets no console policy.
import type { FastifyInstance } from 'fastify';

export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    // Issue 16: an API answer is never reused from a cache (Back after applying shows what is true
    // now); an answer that set its own policy (evidence files) keeps it.
    if (req.url.startsWith('/v1/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('text/html') && !req.url.startsWith('/docs')) {
      reply.header('content-security-policy', CONSOLE_CSP);
      reply.header('x-frame-options', 'DENY');
      reply.header('referrer-policy', 'no-referrer');
    }
    return payload;
  });
}
