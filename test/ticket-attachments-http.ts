// SPEC §10.1 ticket attachments over HTTP, on every engine: a ticket's party uploads a photo, a
// reply names it by its hash, the ticket's buyer, shop and the platform download it and nobody
// else; a reply naming a file not uploaded to that ticket (another ticket's, or none) and a new
// ticket naming files are refused in words (validation); bad uploads too — every answer checked
// against the contract.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueBuyerToken } from '../src/app/credentials.ts';
import type { Database } from '../src/store/db.ts';
import { expectContract } from './contract-shapes.ts';
import { DAY } from './domain-kit.ts';
import { httpWorld, multipart, TOKEN_SECRET as SECRET, type HttpWorld, type Part } from './http-world.ts';

const BOUNDARY = '----aftersale-ticket-attachment-boundary';
/** The first bytes of a JPEG (the type is decided by the content), then a marker making it unique. */
const jpeg = (marker: string) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(marker)]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export function ticketAttachmentsHttp(engineName: string, open: () => Promise<Database>) {
  describe(`ticket attachments on ${engineName}`, () => {
    let world: HttpWorld;
    let keys: HttpWorld['keys'];
    const schema = `ticket_files_${process.pid}_${engineName.toLowerCase()}`;
    const now = Date.now();
    const buyer = issueBuyerToken(SECRET, 'B1', now + DAY);
    const otherBuyer = issueBuyerToken(SECRET, 'B2', now + DAY);
    const photo = jpeg('parcel');

    const call = async (method: 'GET' | 'POST', url: string, auth: string, body?: unknown) => {
      const res = await world.app.inject({ method, url, payload: body as object, headers: { authorization: `Bearer ${auth}` } });
      expectContract(method, url, res);
      return { status: res.statusCode, json: String(res.headers['content-type']).includes('json') ? res.json() : null, raw: res.rawPayload, type: String(res.headers['content-type']) };
    };
    const upload = async (ticket: string, auth: string, parts: Part[]) => {
      const res = await world.app.inject({
        method: 'POST',
        url: `/v1/tickets/${ticket}/attachments`,
        payload: multipart(parts, BOUNDARY),
        headers: { authorization: `Bearer ${auth}`, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      });
      expectContract('POST', `/v1/tickets/${ticket}/attachments`, res);
      return { status: res.statusCode, json: res.json() };
    };
    const file = (content: Buffer, filename = 'parcel.jpg'): Part => ({ name: 'file', filename, type: 'image/jpeg', content });

    beforeAll(async () => {
      world = await httpWorld(open, schema, now);
      keys = world.keys;
      const order = {
        id: 'O1', shop: 'S1', buyer: 'B1',
        placed_at: new Date(now - 3 * DAY).toISOString(), paid_at: new Date(now - 3 * DAY).toISOString(), shipped_at: new Date(now - 2 * DAY).toISOString(),
        shipping_fee: 0, free_shipping: true, shipping_insurance: 0,
        lines: [{ id: 'L1', sku: 'TEE', category: 'apparel', quantity: 1, paid_amount: 19900, flags: [] }],
      };
      expect((await call('POST', '/v1/orders', keys.S1, order)).status).toBe(201);
      for (const id of ['TA', 'TB']) expect((await call('POST', '/v1/tickets', buyer, { id, shop: 'S1', order: 'O1', kind: 'logistics', message: '包裹压坏了' })).status).toBe(201);
    });
    afterAll(async () => {
      await world?.close();
    });

    it('the buyer uploads a photo and replies with it; the ticket’s parties download it, nobody else', async () => {
      const up = await upload('TA', buyer, [{ name: 'kind', value: 'photo' }, file(photo)]);
      expect(up.status).toBe(201);
      expect(up.json).toEqual({ sha256: sha(photo), kind: 'photo', content_type: 'image/jpeg', size: photo.length, url: `/v1/tickets/TA/attachments/${sha(photo)}` });
      const replied = await call('POST', '/v1/tickets/TA/reply', buyer, { message: '看照片, 箱子压扁了', attachments: [{ kind: 'photo', sha256: sha(photo) }] });
      expect(replied.status).toBe(200);
      expect(replied.json.messages.at(-1).attachments).toEqual([{ kind: 'photo', description: null, sha256: sha(photo), url: up.json.url }]);
      for (const who of [buyer, keys.S1, keys.platform]) {
        const got = await call('GET', up.json.url, who);
        expect([got.status, got.type]).toEqual([200, 'image/jpeg']);
        expect(Buffer.compare(got.raw, photo)).toBe(0);
      }
      // Another buyer, another shop: the ticket does not exist for them.
      for (const who of [otherBuyer, keys.S2]) expect((await call('GET', up.json.url, who)).status).toBe(404);
      // The file belongs to TA: TB has no such attachment.
      expect((await call('GET', `/v1/tickets/TB/attachments/${sha(photo)}`, buyer)).json.error.code).toBe('not_found');
    });

    it('the merchant attaches a file of its own to its answer', async () => {
      const receipt = jpeg('receipt');
      expect((await upload('TA', keys.S1, [file(receipt, '快递理赔单.jpg')])).json.kind).toBe('photo');
      const r = await call('POST', '/v1/tickets/TA/reply', keys.S1, { message: '已向快递索赔, 凭证见附件', attachments: [{ kind: 'photo', sha256: sha(receipt), description: '理赔单' }] });
      expect(r.status).toBe(200);
      expect(r.json.messages.at(-1)).toMatchObject({ from: 'merchant', attachments: [{ sha256: sha(receipt), description: '理赔单' }] });
    });

    it('a reply naming a file not uploaded to its ticket is refused in words', async () => {
      const elsewhere = jpeg('only on TA');
      expect((await upload('TA', buyer, [file(elsewhere)])).status).toBe(201);
      const wrongTicket = await call('POST', '/v1/tickets/TB/reply', buyer, { message: '同上', attachments: [{ kind: 'photo', sha256: sha(elsewhere) }] });
      expect(wrongTicket.status).toBe(400);
      expect(wrongTicket.json.error).toMatchObject({ code: 'validation', details: { rule: 'attachment', field: 'attachments', sha256: sha(elsewhere) } });
      expect(wrongTicket.json.error.message).toContain('附件');
      const never = await call('POST', '/v1/tickets/TA/reply', buyer, { message: '再看这张', attachments: [{ kind: 'photo', sha256: 'a'.repeat(64) }] });
      expect(never.json.error).toMatchObject({ code: 'validation', details: { sha256: 'a'.repeat(64) } });
      // Nothing was appended by the refusals.
      expect((await call('GET', '/v1/tickets/TB', buyer)).json.messages).toHaveLength(1);
      // A new ticket has no files yet.
      const opened = await call('POST', '/v1/tickets', buyer, { id: 'TC', shop: 'S1', order: 'O1', kind: 'logistics', message: '看图', attachments: [{ kind: 'photo', sha256: sha(photo) }] });
      expect(opened.json.error).toMatchObject({ code: 'validation', details: { rule: 'attachment' } });
      // A declared item without a file is still a plain description.
      expect((await call('POST', '/v1/tickets/TB/reply', buyer, { message: '照片稍后补', attachments: [{ kind: 'photo', description: '压坏的箱子' }] })).status).toBe(200);
    });

    it('bad uploads: not the ticket’s party, wrong type, no file, the platform before escalation', async () => {
      expect((await upload('TA', otherBuyer, [file(jpeg('x'))])).status).toBe(404);
      expect((await upload('TA', keys.S2, [file(jpeg('x'))])).status).toBe(404);
      const text = await upload('TA', buyer, [{ name: 'file', filename: 'a.jpg', type: 'image/jpeg', content: Buffer.from('not an image') }]);
      expect(text.json.error).toMatchObject({ code: 'validation', details: { rule: 'file_type', detected: 'text/plain', declared: 'image/jpeg' } });
      expect((await upload('TA', buyer, [{ name: 'kind', value: 'photo' }])).json.error.details).toMatchObject({ rule: 'file', field: 'file' });
      expect((await upload('TA', buyer, [{ name: 'kind', value: 'selfie' }, file(jpeg('y'))])).json.error.details).toMatchObject({ field: 'kind' });
      const platform = await upload('TA', keys.platform, [file(jpeg('z'))]);
      expect([platform.status, platform.json.error.code]).toEqual([403, 'forbidden']);
    });
  });
}
