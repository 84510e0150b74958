// Evidence files over HTTP on every engine: upload by the case's parties (type by content, size
// limit), recorded in the case history, listed and downloaded by the parties and the platform,
// invisible to everyone else.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../src/app/engine.ts';
import { DAY } from './domain-kit.ts';
import { issueBuyerToken } from '../src/app/credentials.ts';
import { MAX_EVIDENCE_BYTES } from '../src/http/evidence-routes.ts';
import { buildServer } from '../src/http/server.ts';
import type { Database } from '../src/store/db.ts';
import { httpWorld, multipart as multipartBody, TOKEN_SECRET as SECRET, type HttpWorld, type Part } from './http-world.ts';
import { expectContract } from './contract-shapes.ts';

const BOUNDARY = '----aftersale-test-boundary-7MA4YWxkTrZu0gW';


const multipart = (parts: Part[]) => multipartBody(parts, BOUNDARY);

function crc32(b: Buffer): number {
  let c = ~0;
  for (const byte of b) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** The PNG signature and the IHDR chunk of a 1×1 RGBA image, then `extra` bytes. */
function png(extra = 0): Buffer {
  const ihdr = Buffer.concat([Buffer.from('IHDR'), Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0])]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(ihdr));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), ihdr, crc, Buffer.alloc(extra)]);
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export function evidenceContract(engineName: string, open: () => Promise<Database>) {
  describe(`Evidence files on ${engineName}`, () => {
    let engine: Engine;
    let app: Awaited<ReturnType<typeof buildServer>>;
    const keys: Record<string, string> = {};
    const schema = `evidence_${process.pid}_${engineName.toLowerCase()}`;
    const now = Date.now();
    const buyer = issueBuyerToken(SECRET, 'B1', now + DAY);
    const otherBuyer = issueBuyerToken(SECRET, 'B2', now + DAY);
    const image = png();

    let world: HttpWorld;
    beforeAll(async () => {
      world = await httpWorld(open, schema, now);
      ({ engine, app } = world);
      Object.assign(keys, world.keys);

      const order = {
        id: 'O1', shop: 'S1', buyer: 'B1',
        placed_at: new Date(now - 3 * DAY).toISOString(), paid_at: new Date(now - 3 * DAY).toISOString(),
        shipped_at: new Date(now - 2 * DAY).toISOString(), signed_at: new Date(now - DAY).toISOString(),
        shipping_fee: 0, free_shipping: true, shipping_insurance: 0,
        lines: [{ id: 'L1', sku: 'TEE', category: 'apparel', quantity: 1, paid_amount: 19900, flags: [] }],
      };
      for (const [o, c] of [['O1', 'C1'], ['O2', 'C2']]) {
        expect((await call('POST', '/v1/orders', keys.S1!, { ...order, id: o })).statusCode).toBe(201);
        const applied = await call('POST', `/v1/shops/S1/orders/${o}/cases`, buyer, { id: c, type: 'return_refund', reason: 'quality_issue', evidence: [{ kind: 'photo' }] });
        expect(applied.statusCode, applied.body).toBe(201);
      }
      expect((await call('POST', '/v1/cases/C2/cancel', buyer, {})).json()).toMatchObject({ status: 'closed' });
    });
    afterAll(async () => {
      await world?.close();
    });

    // Every answer is checked against the contract (src/contract) before the test reads it.
    const call = async (method: 'GET' | 'POST', url: string, auth: string | null, body?: unknown, headers: Record<string, string> = {}) => {
      const res = await app.inject({ method, url, payload: body as object, headers: { ...(auth ? { authorization: `Bearer ${auth}` } : {}), ...headers } });
      expectContract(method, url, res);
      return res;
    };
    const upload = async (caseId: string, auth: string, parts: Part[], headers: Record<string, string> = {}) => {
      const url = `/v1/cases/${caseId}/evidence`;
      const res = await app.inject({
        method: 'POST',
        url,
        payload: multipart(parts),
        headers: { authorization: `Bearer ${auth}`, 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, ...headers },
      });
      expectContract('POST', url, res);
      return res;
    };
    const photo = (content: Buffer, filename = 'crack.png', type = 'image/png'): Part[] => [
      { name: 'kind', value: 'photo' },
      { name: 'description', value: '外壳裂纹' },
      { name: 'file', filename, type, content },
    ];

    it('takes a photo from the buyer, records it in the case history and serves it back', async () => {
      const r = await upload('C1', buyer, photo(image));
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json()).toEqual({ sha256: sha(image), kind: 'photo', content_type: 'image/png', size: image.length, url: `/v1/cases/C1/evidence/${sha(image)}` });

      const detail = (await call('GET', '/v1/cases/C1', keys.S1!)).json();
      const last = detail.timeline.at(-1);
      expect(last).toMatchObject({ type: 'EvidenceSubmitted', actor: { role: 'buyer', id: 'B1' } });
      const c = await engine.getCase('C1');
      expect(c!.evidence.at(-1)).toMatchObject({ kind: 'photo', sha256: sha(image), description: '外壳裂纹', party: 'buyer' });

      for (const auth of [buyer, keys.S1!, keys.platform!]) {
        const list = await call('GET', '/v1/cases/C1/evidence', auth);
        expect(list.statusCode).toBe(200);
        expect(list.json().data).toEqual([
          expect.objectContaining({ sha256: sha(image), kind: 'photo', content_type: 'image/png', size: image.length, filename: 'crack.png', uploaded_by: { role: 'buyer', id: 'B1' } }),
        ]);
      }
      for (const auth of [keys.S1!, keys.platform!, buyer]) {
        const file = await call('GET', `/v1/cases/C1/evidence/${sha(image)}`, auth);
        expect(file.statusCode).toBe(200);
        expect(file.headers['content-type']).toBe('image/png');
        expect(file.headers['x-content-type-options']).toBe('nosniff');
        expect(file.rawPayload.equals(image)).toBe(true);
      }
    });

    it('lets the shop upload too, over the 1 MiB JSON body limit, with its own kind', async () => {
      const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(1_500_000, 0x20)]);
      const r = await upload('C1', keys.S1!, [{ name: 'file', filename: '进货发票.pdf', type: 'application/octet-stream', content: pdf }, { name: 'kind', value: 'invoice' }]);
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json()).toMatchObject({ kind: 'invoice', content_type: 'application/pdf', size: pdf.length });
      const list = (await call('GET', '/v1/cases/C1/evidence', buyer)).json().data;
      expect(list.find((f: { sha256: string }) => f.sha256 === sha(pdf))).toMatchObject({ kind: 'invoice', uploaded_by: { role: 'merchant', id: 'S1' } });
      const file = await call('GET', `/v1/cases/C1/evidence/${sha(pdf)}`, buyer);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(file.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('进货发票.pdf')}`);
      expect(file.rawPayload.equals(pdf)).toBe(true);
    });

    it('shows nothing to another shop or buyer, and the platform may read but not upload', async () => {
      for (const auth of [keys.S2!, otherBuyer]) {
        for (const r of [
          await upload('C1', auth, photo(png(1))),
          await call('GET', '/v1/cases/C1/evidence', auth),
          await call('GET', `/v1/cases/C1/evidence/${sha(image)}`, auth),
        ]) {
          expect(r.statusCode).toBe(404);
          expect(r.json().error.code).toBe('not_found');
        }
      }
      const byPlatform = await upload('C1', keys.platform!, photo(png(2)));
      expect(byPlatform.statusCode).toBe(403);
      expect(byPlatform.json().error.code).toBe('forbidden');
      expect((await call('GET', `/v1/cases/C1/evidence/${sha(png(2))}`, keys.platform!)).statusCode).toBe(404);
      expect((await call('GET', '/v1/cases/NOPE/evidence', keys.platform!)).statusCode).toBe(404);
      expect((await call('GET', '/v1/cases/C1/evidence', null)).statusCode).toBe(401);
    });

    it('decides the type by content, not by name or declared type', async () => {
      const r = await upload('C1', buyer, photo(Buffer.from('just some text, honestly a photo\n'), 'photo.png', 'image/png'));
      expect(r.statusCode).toBe(400);
      expect(r.json().error).toMatchObject({ code: 'validation', details: { field: 'file', detected: 'text/plain', declared: 'image/png' } });
      const exe = await upload('C1', buyer, photo(Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]), 'x.jpg', 'image/jpeg'));
      expect(exe.json().error.details.detected).toBe('application/x-msdownload');
      const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0]);
      expect((await upload('C1', buyer, photo(jpeg, 'x.bin', 'application/octet-stream'))).json()).toMatchObject({ content_type: 'image/jpeg' });
      const mov = Buffer.concat([Buffer.from([0, 0, 0, 0x14]), Buffer.from('ftypqt  '), Buffer.alloc(8)]);
      expect((await upload('C1', buyer, [{ name: 'kind', value: 'video' }, { name: 'file', filename: 'a.mov', type: 'video/quicktime', content: mov }])).json()).toMatchObject({ content_type: 'video/quicktime' });
    });

    it('refuses a file over the 20 MiB limit, bad fields and non-multipart bodies', async () => {
      const big = await upload('C1', buyer, photo(png(MAX_EVIDENCE_BYTES)));
      expect(big.statusCode).toBe(413);
      expect(big.json().error).toMatchObject({ code: 'validation', details: { field: 'file', max_bytes: MAX_EVIDENCE_BYTES } });

      const badKind = await upload('C1', buyer, [{ name: 'kind', value: 'selfie' }, { name: 'file', filename: 'a.png', type: 'image/png', content: png(3) }]);
      expect(badKind.json().error).toMatchObject({ code: 'validation', details: { field: 'kind' } });
      const long = await upload('C1', buyer, [{ name: 'kind', value: 'photo' }, { name: 'description', value: 'x'.repeat(2001) }, { name: 'file', filename: 'a.png', type: 'image/png', content: png(3) }]);
      expect(long.json().error).toMatchObject({ code: 'validation', details: { field: 'description' } });
      const noFile = await upload('C1', buyer, [{ name: 'kind', value: 'photo' }]);
      expect(noFile.json().error).toMatchObject({ code: 'validation', details: { field: 'file' } });
      const empty = await upload('C1', buyer, photo(Buffer.alloc(0)));
      expect(empty.json().error.code).toBe('validation');
      const json = await call('POST', '/v1/cases/C1/evidence', buyer, { kind: 'photo' });
      expect(json.statusCode).toBe(400);
      expect(json.json().error.code).toBe('validation');
      const list = (await call('GET', '/v1/cases/C1/evidence', buyer)).json().data;
      expect(list.map((f: { sha256: string }) => f.sha256)).not.toContain(sha(png(3)));
    });

    it('stores the file of a photo declared by its hash with the application without listing it twice', async () => {
      const declared = png(5);
      const order = {
        id: 'O3', shop: 'S1', buyer: 'B1',
        placed_at: new Date(now - 3 * DAY).toISOString(), paid_at: new Date(now - 3 * DAY).toISOString(),
        shipped_at: new Date(now - 2 * DAY).toISOString(), signed_at: new Date(now - DAY).toISOString(),
        shipping_fee: 0, free_shipping: true, shipping_insurance: 0,
        lines: [{ id: 'L1', sku: 'TEE', category: 'apparel', quantity: 1, paid_amount: 19900, flags: [] }],
      };
      expect((await call('POST', '/v1/orders', keys.S1!, order)).statusCode).toBe(201);
      const applied = await call('POST', '/v1/shops/S1/orders/O3/cases', buyer, {
        id: 'C3', type: 'return_refund', reason: 'quality_issue', evidence: [{ kind: 'photo', sha256: sha(declared), description: '开线' }],
      });
      expect(applied.statusCode, applied.body).toBe(201);
      expect(applied.json().evidence).toEqual([expect.objectContaining({ kind: 'photo', sha256: sha(declared), url: null })]);

      const r = await upload('C3', buyer, photo(declared));
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json()).toEqual({ sha256: sha(declared), kind: 'photo', content_type: 'image/png', size: declared.length, url: `/v1/cases/C3/evidence/${sha(declared)}` });
      const detail = (await call('GET', '/v1/cases/C3', buyer)).json();
      expect(detail.evidence).toEqual([expect.objectContaining({ kind: 'photo', sha256: sha(declared), description: '开线', party: 'buyer', url: `/v1/cases/C3/evidence/${sha(declared)}`, content_type: 'image/png' })]);
      expect(detail.timeline.map((t: { type: string }) => t.type)).not.toContain('EvidenceSubmitted');
      const file = await call('GET', `/v1/cases/C3/evidence/${sha(declared)}`, keys.S1!);
      expect(file.statusCode).toBe(200);
      expect(file.rawPayload.equals(declared)).toBe(true);

      // The other party's upload of the same file is its own evidence, recorded as usual.
      expect((await upload('C3', keys.S1!, photo(declared))).statusCode).toBe(201);
      const after = (await call('GET', '/v1/cases/C3', buyer)).json();
      expect(after.evidence.map((e: { party: string }) => e.party)).toEqual(['buyer', 'merchant']);
    });

    it('refuses evidence on a closed case with the engine’s refusal', async () => {
      const r = await upload('C2', buyer, photo(png(4)));
      expect(r.statusCode).toBe(409);
      expect(r.json().error).toMatchObject({ code: 'invalid_state', details: { status: 'closed' } });
      expect((await call('GET', '/v1/cases/C2', buyer)).json().timeline.map((t: { type: string }) => t.type)).not.toContain('EvidenceSubmitted');
    });
  });
}
