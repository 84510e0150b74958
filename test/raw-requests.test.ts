// Raw malformed requests on a real socket (issue 19 item 7): what Node's HTTP parser refuses before
// any route runs (a NUL byte or a bare line break in a header value, a bad request line, headers
// over the size limit) is answered with the SPEC §11 envelope, never Fastify's
// `{"error":"Bad Request","message":"Client Error"}`. Fixed cases, then random bytes (fast-check).
import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../src/domain/errors.ts';
import { openPglite } from '../src/store/db.ts';
import { httpWorld, type HttpWorld } from './http-world.ts';

/** Sends bytes, reads until the server closes (or 3 s), returns the status and the parsed body. */
export function rawRequest(port: number, bytes: Buffer | string): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(), 3000);
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      if (status === 0) return reject(new Error(`no HTTP answer: ${JSON.stringify(text.slice(0, 200))}`));
      resolve({ status, headers: head, body: rest.join('\r\n\r\n') });
    });
    socket.write(bytes);
  });
}

/** The SPEC §11 envelope, or the reason it is not. */
export function envelopeProblem(status: number, headers: string, body: string): string | null {
  if (status >= 500) return `a ${status}`;
  if (status < 400) return null;
  if (!/content-type: application\/json/i.test(headers)) return 'not application/json';
  try {
    const e = (JSON.parse(body) as { error?: { code?: unknown; message?: unknown; details?: unknown } }).error;
    if (!e || !(ERROR_CODES as readonly unknown[]).includes(e.code)) return `code outside SPEC §11: ${body.slice(0, 200)}`;
    if (typeof e.message !== 'string' || e.message === '') return 'no message';
    if (typeof e.details !== 'object' || e.details === null) return 'no details';
    return null;
  } catch {
    // A chunked answer (a route's) is not a plain JSON body here: only refusals matter.
    return /transfer-encoding: chunked/i.test(headers) ? null : `not JSON: ${body.slice(0, 200)}`;
  }
}

describe('raw malformed requests get the SPEC §11 envelope', () => {
  let world: HttpWorld;
  let port = 0;
  beforeAll(async () => {
    world = await httpWorld(openPglite, 'raw_requests');
    await world.app.listen({ port: 0, host: '127.0.0.1' });
    port = (world.app.server.address() as { port: number }).port;
  });
  afterAll(async () => world?.close());

  const cases: [string, Buffer | string, number, string][] = [
    ['a NUL byte in a header value', Buffer.concat([Buffer.from('GET /v1/me HTTP/1.1\r\nHost: x\r\nX-A: a'), Buffer.from([0]), Buffer.from('b\r\n\r\n')]), 400, 'HPE_INVALID_HEADER_TOKEN'],
    ['a bare CR in a header value', 'GET /v1/me HTTP/1.1\r\nHost: x\r\nX-A: a\rb\r\n\r\n', 400, 'HPE_'],
    ['a space in a header name', 'GET /v1/me HTTP/1.1\r\nHost: x\r\nX A: b\r\n\r\n', 400, 'HPE_INVALID_HEADER_TOKEN'],
    ['a bad request line', 'GARBAGE\r\n\r\n', 400, 'HPE_'],
    ['a lowercase method', 'get /v1/me HTTP/1.1\r\nHost: x\r\n\r\n', 400, 'HPE_'],
    ['an unknown HTTP version', 'GET /v1/me HTTP/9.9\r\nHost: x\r\n\r\n', 400, 'HPE_'],
    ['a space in the path', 'GET /v1/m e HTTP/1.1\r\nHost: x\r\n\r\n', 400, 'HPE_'],
    ['oversized headers', `GET /v1/me HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431, 'HPE_HEADER_OVERFLOW'],
    ['a bad Content-Length', 'POST /v1/orders HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n{}', 400, 'HPE_'],
    ['two Content-Lengths that differ', 'POST /v1/orders HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}', 400, 'HPE_'],
    ['a bad chunk size', 'POST /v1/orders HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n{}\r\n0\r\n\r\n', 400, 'HPE_'],
  ];
  for (const [name, bytes, status, reason] of cases) {
    it(name, async () => {
      const res = await rawRequest(port, bytes);
      expect(res.status, res.body).toBe(status);
      expect(envelopeProblem(res.status, res.headers, res.body)).toBeNull();
      const e = (JSON.parse(res.body) as { error: { code: string; details: { reason: string } } }).error;
      expect(e.code).toBe('validation');
      expect(e.details.reason.startsWith(reason)).toBe(true);
    });
  }

  it('a well-formed request on the same socket path still works (the handler is only for parser errors)', async () => {
    const res = await rawRequest(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ok: true });
  });

  it('random bytes in the request line and headers: never a 5xx, every refusal in the envelope', async () => {
    const junk = fc.uint8Array({ maxLength: 40 }).map((a) => Buffer.from(a));
    const request = fc.oneof(
      junk.map((j) => Buffer.concat([Buffer.from('GET /v1/me HTTP/1.1\r\nHost: x\r\nX-J: '), j, Buffer.from('\r\nConnection: close\r\n\r\n')])),
      junk.map((j) => Buffer.concat([Buffer.from('GET /'), j, Buffer.from(' HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')])),
      junk.map((j) => Buffer.concat([j, Buffer.from(' / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')])),
    );
    await fc.assert(
      fc.asyncProperty(request, async (bytes) => {
        const res = await rawRequest(port, bytes);
        const problem = envelopeProblem(res.status, res.headers, res.body);
        if (problem) throw new Error(`${problem} for ${JSON.stringify(bytes.toString('latin1'))}`);
      }),
      { numRuns: 150 },
    );
  });
});
