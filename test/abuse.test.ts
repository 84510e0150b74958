// Abuse (issue 19 item 6): repeated bad credentials from one address get 429 with Retry-After;
// polyglot uploads (an image that is also a page or a script, a GIF that is also a JAR, a PDF with
// JavaScript) and SVG refused; downloads as attachments, nosniff; the console's pages under a
// Content-Security-Policy.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueBuyerToken } from '../src/app/credentials.ts';
import { polyglotMarker } from '../src/domain/evidence-polyglot.ts';
import { CONSOLE_CSP } from '../src/http/security-headers.ts';
import { buildServer } from '../src/http/server.ts';
import { openPglite } from '../src/store/db.ts';
import { expectContract } from './contract-shapes.ts';
import { httpWorld, multipart, TOKEN_SECRET, type HttpWorld } from './http-world.ts';

const DAY = 86_400_000;
const BOUNDARY = 'abuse-boundary-93jd';
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR plain image bytes')]);

describe('abuse', () => {
  let world: HttpWorld;
  let buyer = '';
  const consoleDir = mkdtempSync(join(tmpdir(), 'aftersale-csp-'));
  beforeAll(async () => {
    world = await httpWorld(openPglite, 'abuse');
    const now = Date.now();
    buyer = issueBuyerToken(TOKEN_SECRET, 'B1', now + DAY);
    const order = {
      id: 'O1', shop: 'S1', buyer: 'B1', placed_at: new Date(now - 3 * DAY).toISOString(), paid_at: new Date(now - 3 * DAY).toISOString(),
      shipped_at: new Date(now - 2 * DAY).toISOString(), signed_at: new Date(now - DAY).toISOString(), shipping_fee: 0, free_shipping: true, shipping_insurance: 0,
      lines: [{ id: 'L1', sku: 'TEE', category: 'apparel', quantity: 1, paid_amount: 19900, flags: [] }],
    };
    expect((await world.app.inject({ method: 'POST', url: '/v1/orders', payload: order, headers: { authorization: `Bearer ${world.keys.S1}` } })).statusCode).toBe(201);
    const applied = await world.app.inject({ method: 'POST', url: '/v1/shops/S1/orders/O1/cases', payload: { id: 'C1', type: 'return_refund', reason: 'quality_issue', evidence: [{ kind: 'photo' }] }, headers: { authorization: `Bearer ${buyer}` } });
    expect(applied.statusCode, applied.body).toBe(201);
    writeFileSync(join(consoleDir, 'index.html'), '<!doctype html><html><body><div id="root"></div></body></html>');
  });
  afterAll(async () => {
    await world?.close();
    rmSync(consoleDir, { recursive: true, force: true });
  });

  it('slows repeated bad credentials from one address: 429 with Retry-After, other addresses unaffected', async () => {
    const app = await buildServer({ engine: world.engine, tokenSecret: TOKEN_SECRET, badCredentialsPerMinute: 3 });
    try {
      const get = (auth: string, remoteAddress = '203.0.113.7') => app.inject({ method: 'GET', url: '/v1/me', remoteAddress, headers: { authorization: `Bearer ${auth}` } });
      for (let i = 0; i < 3; i++) expect((await get('sk_000000000000_guess')).statusCode).toBe(401);
      const slowed = await get('sk_000000000000_guess');
      expect(slowed.statusCode).toBe(429);
      expect(slowed.json().error).toMatchObject({ code: 'rate_limited', details: { rule: 'bad_credentials_per_minute', limit: 3 } });
      const wait = Number(slowed.headers['retry-after']);
      expect(wait).toBeGreaterThanOrEqual(1);
      expect(wait).toBeLessThanOrEqual(60);
      // Guessing cannot go on beside a valid key from the same address.
      expect((await get(world.keys.S1)).statusCode).toBe(429);
      expect((await get(world.keys.S1, '203.0.113.8')).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  const upload = (content: Buffer, filename: string, type: string) =>
    world.app.inject({
      method: 'POST',
      url: '/v1/cases/C1/evidence',
      payload: multipart([{ name: 'kind', value: 'photo' }, { name: 'file', filename, type, content }], BOUNDARY),
      headers: { authorization: `Bearer ${buyer}`, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    });

  const POLYGLOTS: [string, Buffer, string][] = [
    ['a PNG that is also an HTML page', Buffer.concat([PNG, Buffer.from('<html><body>hi</body></html>')]), '<html'],
    ['a JPEG with a script in its comment', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xfe]), Buffer.from('<SCRIPT>alert(1)</SCRIPT>')]), '<script'],
    ['a GIF that is also a JAR (GIFAR)', Buffer.concat([Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'), Buffer.from('PK\x03\x04 ... PK\x05\x06\x00\x00', 'latin1')]), 'zip archive'],
    ['a PDF with JavaScript', Buffer.from('%PDF-1.7\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>'), '/javascript'],
    ['a PNG with PHP', Buffer.concat([PNG, Buffer.from('<?php system($_GET[c]); ?>')]), '<?php'],
  ];
  for (const [name, bytes, marker] of POLYGLOTS) {
    it(`refuses ${name}`, async () => {
      const res = await upload(bytes, 'x.bin', 'image/png');
      expectContract('POST', '/v1/cases/C1/evidence', res);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'validation', details: { rule: 'file_content', marker } });
    });
  }

  it('refuses SVG, and a clean image is taken and served as an attachment with nosniff', async () => {
    const svg = await upload(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'a.svg', 'image/svg+xml');
    expect(svg.statusCode).toBe(400);
    expect(svg.json().error.details).toMatchObject({ rule: 'file_type', detected: 'image/svg+xml' });
    expect(polyglotMarker(PNG, 'image/png')).toBeNull();
    const ok = await upload(PNG, 'crack.png', 'image/png');
    expect(ok.statusCode, ok.body).toBe(201);
    const file = await world.app.inject({ method: 'GET', url: ok.json().url, headers: { authorization: `Bearer ${buyer}` } });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="crack.png"/);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves the console under a Content-Security-Policy; API answers say nosniff', async () => {
    const app = await buildServer({ engine: world.engine, tokenSecret: TOKEN_SECRET, console: { dir: consoleDir } });
    try {
      const page = await app.inject({ method: 'GET', url: '/workbench', headers: { accept: 'text/html' } });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-security-policy']).toBe(CONSOLE_CSP);
      expect(CONSOLE_CSP).toContain("script-src 'self'");
      expect(CONSOLE_CSP).not.toMatch(/script-src[^;]*unsafe/);
      expect(page.headers['x-frame-options']).toBe('DENY');
      const api = await app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${world.keys.S1}` } });
      expect(api.headers['x-content-type-options']).toBe('nosniff');
      expect(api.headers['content-security-policy']).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});
