// The case dossier over HTTP (issue 16), on every engine: the case's buyer, its shop and the
// platform download a PDF whose text names the case, every event of its stored history, the head
// hash of that history (compared with the stream's real head) and the CLI command that verifies it,
// with the photo embedded and a file-less item listed; another shop and another buyer are told the
// case does not exist (SPEC §11). The OpenAPI document names the route's PDF.
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueBuyerToken } from '../src/app/credentials.ts';
import { productOf } from '../src/app/demo-catalog.ts';
import { defectPhoto, sha256 } from '../src/app/demo-files.ts';
import type { Database } from '../src/store/db.ts';
import { expectContract } from './contract-shapes.ts';
import { DAY } from './domain-kit.ts';
import { httpWorld, TOKEN_SECRET as SECRET, type HttpWorld } from './http-world.ts';

const pdfText = async (b: Buffer) => (await new PDFParse({ data: new Uint8Array(b) }).getText()).text;
/** The text with line breaks and runs of spaces as one space (a long line may wrap). */
const flat = (s: string) => s.replace(/\s+/g, ' ');

export function dossierHttp(engineName: string, open: () => Promise<Database>) {
  describe(`the case dossier on ${engineName}`, () => {
    let world: HttpWorld;
    let url = '';
    const schema = `dossier_${process.pid}_${engineName.toLowerCase()}`;
    const now = Date.now();
    const buyer = issueBuyerToken(SECRET, 'B1', now + DAY);
    const photo = defectPhoto(productOf('apparel', 'JEANS-30')!, '裤腿开线', 3);
    const get = async (path: string, auth: string) => {
      const res = await fetch(url + path, { headers: { authorization: `Bearer ${auth}` } });
      const body = Buffer.from(await res.arrayBuffer());
      expectContract('GET', path, { statusCode: res.status, body: body.toString('utf8'), headers: { 'content-type': res.headers.get('content-type') ?? '' } });
      return { status: res.status, type: res.headers.get('content-type') ?? '', body };
    };

    beforeAll(async () => {
      world = await httpWorld(open, schema, now);
      await world.engine.upsertShop({ id: 'S1', pack: 'taobao', name: '淘宝·衣橱小铺' });
      const placed = await world.engine.placeOrder(
        {
          id: 'O1', shop: 'S1', buyer: 'B1', placed_at: now - 5 * DAY, paid_at: now - 5 * DAY, shipped_at: now - 4 * DAY, signed_at: now - 2 * DAY,
          shipping_fee: 0, free_shipping: true, shipping_insurance: 0,
          lines: [{ id: 'L1', sku: 'JEANS-30', title: '直筒牛仔裤 30', category: 'apparel', quantity: 1, paid_amount: 15900, flags: [] }],
        },
        { role: 'platform' },
      );
      expect(placed.ok).toBe(true);
      const evidence = [{ kind: 'photo', description: '裤腿开线', sha256: sha256(photo) }, { kind: 'chat_log', description: '客服承诺包退' }];
      const applied = await world.engine.caseCommand({ kind: 'apply', caseId: '20261129-000001', args: { type: 'return_refund', reason: 'quality_issue', evidence } as never }, { role: 'buyer', id: 'B1' }, { shopId: 'S1', orderId: 'O1' });
      expect(applied.ok).toBe(true);
      await world.engine.storeEvidence({ shopId: 'S1', caseId: '20261129-000001', sha256: sha256(photo), contentType: 'image/jpeg', filename: 'seam.jpg', uploadedBy: { role: 'buyer', id: 'B1' }, content: photo });
      const rejected = await world.engine.caseCommand({ kind: 'reject', caseId: '20261129-000001', reason: '吊牌已剪, 影响二次销售' }, { role: 'merchant', id: 'S1' }, { shopId: 'S1' });
      expect(rejected.ok).toBe(true);
      await world.app.listen({ port: 0, host: '127.0.0.1' });
      const address = world.app.server.address();
      url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    });
    afterAll(async () => {
      await world?.close();
    });

    it('gives the case’s buyer, its shop and the platform a PDF naming the case, every event, the head hash and how to verify it', async () => {
      const history = await world.engine.caseHistory('20261129-000001');
      const head = history.at(-1)!.hash;
      expect(history.length).toBeGreaterThanOrEqual(3);
      for (const auth of [buyer, world.keys.S1, world.keys.platform]) {
        const res = await get('/v1/cases/20261129-000001/dossier.pdf', auth);
        expect(res.status).toBe(200);
        expect(res.type).toBe('application/pdf');
        expect(res.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        const text = flat(await pdfText(res.body));
        expect(text).toContain('20261129-000001');
        expect(text).toContain('淘宝·衣橱小铺');
        expect(text).toContain('直筒牛仔裤 30');
        // Every event of the stored history, by its version, its type and its hash.
        for (const e of history) {
          expect(text).toContain(`#${e.stream_version} `);
          expect(text).toContain(`${e.type} · hash ${e.hash}`);
        }
        expect(text).toContain('吊牌已剪, 影响二次销售');
        expect(text).toContain(`Head hash (sha256): ${head}`);
        expect(text).toContain('aftersale history verify 20261129-000001');
        // The photo by name and hash (and embedded), the chat log with no file.
        expect(text).toContain(`seam.jpg (image/jpeg, ${photo.length} bytes) sha256 ${sha256(photo)}`);
        expect(text).toMatch(/聊天记录 \/ chat log .*客服承诺包退.* 未附文件 no file/);
        expect(res.body.toString('latin1')).toMatch(/\/Subtype \/Image/);
        expect(text).toContain('taobao');
      }
    });

    it('tells another shop and another buyer that the case does not exist (SPEC §11)', async () => {
      const other = issueBuyerToken(SECRET, 'B2', now + DAY);
      for (const auth of [world.keys.S2, other]) {
        const res = await get('/v1/cases/20261129-000001/dossier.pdf', auth);
        expect(res.status).toBe(404);
        expect(JSON.parse(res.body.toString('utf8')).error.code).toBe('not_found');
      }
      expect((await get('/v1/cases/no-such-case/dossier.pdf', world.keys.platform)).status).toBe(404);
    });

    it('names the dossier’s media type in the OpenAPI document', async () => {
      const doc = (await world.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, { get: { responses: Record<string, { content: Record<string, unknown> }> } }> };
      expect(Object.keys(doc.paths['/v1/cases/{case}/dossier.pdf']!.get.responses['200']!.content)).toEqual(['application/pdf']);
    });
  });
}
