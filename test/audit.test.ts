// The audit trail (issue 19 item 5), on both engines: platform actions and admin actions of any
// caller are recorded with principal, key id, address and instant, secrets redacted; plain shop
// work is not; GET /v1/audit is the platform's only; the chain is verified (and doctor finds an
// edit); `aftersale audit export` writes it out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doctor } from '../src/app/doctor.ts';
import { main } from '../src/cli/main.ts';
import { openPglite, openPostgres, type Database } from '../src/store/db.ts';
import { expectContract } from './contract-shapes.ts';
import { httpWorld, type HttpWorld } from './http-world.ts';
import { HAVE_PG, PG_URL } from './postgres.ts';

function auditSuite(engineName: string, open: () => Promise<Database>, schema: string) {
  describe(`audit trail on ${engineName}`, () => {
    let world: HttpWorld;
    const call = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, key: string, payload?: unknown) => {
      const res = await world.app.inject({ method, url, headers: { authorization: `Bearer ${key}`, 'accept-language': 'en' }, ...(payload === undefined ? {} : { payload: payload as object }) });
      expectContract(method, url, res);
      return res;
    };
    beforeAll(async () => {
      world = await httpWorld(open, schema);
    });
    afterAll(async () => world?.close());

    it('records admin and platform actions, not plain shop work; secrets redacted', async () => {
      const created = await call('POST', '/v1/api-keys', world.keys.platform, { shop: 'S1', label: 'erp' });
      expect(created.statusCode).toBe(201);
      const newKey = created.json().key as string;
      expect((await call('POST', '/v1/webhook-endpoints', world.keys.S1, { shop: 'S1', id: 'erp', url: 'https://erp.example.com/hook', secret: 'whsec_0123456789abcdef' })).statusCode).toBe(201);
      expect((await call('PUT', '/v1/shops/S1/return-address', world.keys.S1, { return_address: '杭州市西湖区 1 号' })).statusCode).toBeLessThan(300);
      // A refused admin action and plain reads are not actions.
      expect((await call('POST', '/v1/api-keys', world.keys.S1, { shop: 'S2', label: 'x' })).statusCode).toBe(403);
      await call('GET', '/v1/webhook-endpoints', world.keys.S1);

      const page = (await call('GET', '/v1/audit', world.keys.platform)).json() as { data: Record<string, unknown>[]; next_after: number | null };
      expect(page.data.map((e) => e.action)).toEqual(['POST /v1/api-keys', 'POST /v1/webhook-endpoints', 'PUT /v1/shops/:shop/return-address']);
      const [key, hook, address] = page.data as { principal: string; key_id: string | null; address: string; shop: string; target: string; details: { body: Record<string, unknown> }; seq: number; prev_hash: string; hash: string }[];
      expect(key).toMatchObject({ principal: 'platform', key_id: world.keys.platform.split('_')[1], address: '127.0.0.1', shop: 'S1', target: '/v1/api-keys' });
      expect(JSON.stringify(page.data)).not.toContain(newKey);
      expect(hook).toMatchObject({ principal: 'shop:S1', key_id: world.keys.S1.split('_')[1], shop: 'S1' });
      expect(hook!.details.body).toMatchObject({ secret: '[redacted]', url: 'https://erp.example.com/hook' });
      expect(JSON.stringify(page.data)).not.toContain('whsec_');
      expect(address).toMatchObject({ target: '/v1/shops/S1/return-address', shop: 'S1' });
      expect([key!.seq, hook!.seq, address!.seq]).toEqual([1, 2, 3]);
      expect(hook!.prev_hash).toBe(key!.hash);
      expect(address!.prev_hash).toBe(hook!.hash);
      // Paging.
      const first = (await call('GET', '/v1/audit?limit=2', world.keys.platform)).json();
      expect(first.next_after).toBe(2);
      expect((await call('GET', `/v1/audit?after=${first.next_after}`, world.keys.platform)).json().data.map((e: { seq: number }) => e.seq)).toEqual([3]);
    });

    it('the platform only reads it', async () => {
      for (const who of [world.keys.S1, world.keys.S2]) expect((await call('GET', '/v1/audit', who)).json().error.code).toBe('forbidden');
    });

    it('verifies the chain: an edited, a deleted entry are found (doctor too)', async () => {
      expect(await world.engine.verifyAudit()).toEqual([]);
      expect((await doctor(world.db, Date.now())).filter((f) => f.check === 'audit_chain')).toEqual([]);
      await world.db.query("UPDATE audit_log SET address = '10.9.9.9' WHERE seq = 2");
      expect(await world.engine.verifyAudit()).toEqual([{ seq: 2, problem: 'its hash does not match its fields (edited)' }]);
      expect((await doctor(world.db, Date.now())).filter((f) => f.check === 'audit_chain').map((f) => f.detail)).toEqual(['audit entry 2: its hash does not match its fields (edited)']);
      await world.db.query('DELETE FROM audit_log WHERE seq = 2');
      expect((await world.engine.verifyAudit()).map((p) => p.problem)).toEqual(['expected entry 2 (a gap)', 'does not link to the entry before it']);
    });

    if (engineName === 'PostgreSQL') {
      it('aftersale audit export writes the trail as JSON lines', async () => {
        const lines: string[] = [];
        const out = { log: (l: string) => lines.push(l), error: (l: string) => lines.push(`ERR ${l}`) };
        const before = process.env.DATABASE_URL;
        process.env.DATABASE_URL = PG_URL;
        try {
          expect(await main(['audit', 'export', '--schema', schema], out)).toBe(0);
          expect(lines.map((l) => (JSON.parse(l) as { seq: number }).seq)).toEqual([1, 3]);
          expect(JSON.parse(lines[0]!)).toMatchObject({ action: 'POST /v1/api-keys', principal: 'platform' });
          lines.length = 0;
          expect(await main(['audit', 'verify', '--schema', schema], out)).toBe(1);
          expect(lines.at(-1)).toBe('2 problem(s)');
        } finally {
          if (before === undefined) delete process.env.DATABASE_URL;
          else process.env.DATABASE_URL = before;
        }
      });
    }
  });
}

auditSuite('PGlite', () => openPglite(), 'audit_trail');
if (HAVE_PG) auditSuite('PostgreSQL', () => openPostgres(PG_URL), `audit_trail_${process.pid}`);
