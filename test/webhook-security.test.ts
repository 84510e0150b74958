// Webhook URLs and secrets (issue 19 items 3 and 4): every internal range refused (IPv4, IPv6,
// IPv4 inside IPv6), https only unless the development setting, the check repeated at delivery
// after DNS resolution, redirects not followed; secrets stored encrypted (AES-256-GCM), rotatable.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../src/app/clock.ts';
import { createEngine, type Engine } from '../src/app/engine.ts';
import { builtinPacks } from '../src/app/packs.ts';
import { simulatedProvider } from '../src/app/payments.ts';
import { relayBatch, SIGNATURE_HEADER, verifySignature } from '../src/app/relay.ts';
import { decryptSecret, encryptSecret, generateSecretKey, parseKeyring, storedKeyId } from '../src/app/secret-box.ts';
import { pinnedPost } from '../src/app/webhook-post.ts';
import { checkWebhookUrl, deliveryTarget, internalRange, PRODUCTION_WEBHOOKS, webhookUrlRefusal } from '../src/app/webhook-url.ts';
import { openPglite, type Database } from '../src/store/db.ts';
import { migrate } from '../src/store/migrations.ts';
import { shippedOrder, T0 } from './domain-kit.ts';

const INTERNAL: [string, string][] = [
  ['0.0.0.0', 'unspecified'], ['0.1.2.3', 'unspecified'],
  ['10.0.0.1', 'private'], ['10.255.255.255', 'private'], ['172.16.0.1', 'private'], ['172.31.255.254', 'private'], ['192.168.1.1', 'private'],
  ['100.64.0.1', 'shared'], ['100.127.255.254', 'shared'],
  ['127.0.0.1', 'loopback'], ['127.255.255.254', 'loopback'],
  ['169.254.169.254', 'link-local'], // the cloud metadata address
  ['192.0.0.8', 'reserved'], ['198.18.0.1', 'reserved'], ['240.0.0.1', 'reserved'], ['255.255.255.255', 'reserved'],
  ['192.0.2.1', 'documentation'], ['198.51.100.7', 'documentation'], ['203.0.113.9', 'documentation'],
  ['224.0.0.1', 'multicast'], ['239.255.255.250', 'multicast'],
  ['::', 'unspecified'], ['::1', 'loopback'], ['fe80::1', 'link-local'], ['febf::1', 'link-local'], ['fc00::1', 'private'], ['fd12:3456::1', 'private'],
  ['fec0::1', 'private'], ['ff02::1', 'multicast'], ['ff05::1:3', 'multicast'], ['2001:db8::1', 'documentation'], ['100::1', 'reserved'],
  ['::ffff:127.0.0.1', 'loopback'], ['::ffff:7f00:1', 'loopback'], ['::ffff:10.1.2.3', 'private'], ['::ffff:169.254.169.254', 'link-local'],
  ['::127.0.0.1', 'loopback'], ['64:ff9b::a9fe:a9fe', 'link-local'], ['64:ff9b::192.168.0.1', 'private'], ['0:0:0:0:0:ffff:c0a8:0101', 'private'],
];
const PUBLIC = ['8.8.8.8', '1.1.1.1', '172.15.255.255', '172.32.0.1', '100.63.255.255', '100.128.0.1', '169.253.255.255', '2606:4700::1111', '2001:4860:4860::8888', '::ffff:8.8.8.8', '64:ff9b::808:808'];

describe('webhook URL ranges', () => {
  for (const [ip, range] of INTERNAL) {
    it(`${ip} is ${range}, refused as a literal and as a name resolving to it`, async () => {
      expect(internalRange(ip)).toBe(range);
      const host = ip.includes(':') ? `[${ip}]` : ip;
      const literal = webhookUrlRefusal(`https://${host}/hook`, PRODUCTION_WEBHOOKS);
      expect(literal?.code).toBe('validation');
      expect(literal?.details).toMatchObject({ rule: 'webhook_url', range });
      const named = await checkWebhookUrl('https://erp.example.com/hook', PRODUCTION_WEBHOOKS, async () => ['93.184.216.34', ip]);
      expect(named?.details).toMatchObject({ range, address: ip });
    });
  }
  for (const ip of PUBLIC) {
    it(`${ip} is public`, async () => {
      expect(internalRange(ip)).toBeNull();
      expect(await checkWebhookUrl('https://erp.example.com/hook', PRODUCTION_WEBHOOKS, async () => [ip])).toBeNull();
    });
  }
  it('https only, unless the development setting; no credentials in the URL; localhost names refused', () => {
    expect(webhookUrlRefusal('http://erp.example.com/h', PRODUCTION_WEBHOOKS)?.details).toMatchObject({ scheme: 'http' });
    expect(webhookUrlRefusal('http://erp.example.com/h', { allowHttp: true, allowPrivate: false })).toBeNull();
    expect(webhookUrlRefusal('ftp://erp.example.com/h', { allowHttp: true, allowPrivate: false })?.details).toMatchObject({ scheme: 'ftp' });
    expect(webhookUrlRefusal('https://u:p@erp.example.com/h', PRODUCTION_WEBHOOKS)?.code).toBe('validation');
    expect(webhookUrlRefusal('https://localhost/h', PRODUCTION_WEBHOOKS)?.details).toMatchObject({ range: 'loopback' });
    expect(webhookUrlRefusal('https://api.LOCALHOST./h', PRODUCTION_WEBHOOKS)).not.toBeNull();
    // Decimal and hex forms of 127.0.0.1: the URL parser normalises them to dotted form.
    expect(webhookUrlRefusal('https://2130706433/h', PRODUCTION_WEBHOOKS)?.details).toMatchObject({ range: 'loopback' });
    expect(webhookUrlRefusal('https://0x7f.1/h', PRODUCTION_WEBHOOKS)?.details).toMatchObject({ range: 'loopback' });
    expect(webhookUrlRefusal('https://127.0.0.1/h', { allowHttp: false, allowPrivate: true })).toBeNull();
  });
  it('a name that does not resolve: let through at registration, refused at delivery', async () => {
    const fail = async () => Promise.reject(new Error('ENOTFOUND'));
    expect(await checkWebhookUrl('https://nowhere.invalid/h', PRODUCTION_WEBHOOKS, fail, 'allow')).toBeNull();
    expect((await checkWebhookUrl('https://nowhere.invalid/h', PRODUCTION_WEBHOOKS, fail))?.details).toMatchObject({ host: 'nowhere.invalid' });
  });
});

describe('webhook secrets at rest', () => {
  it('encrypts with AES-256-GCM, decrypts with the key id it names, refuses a tampered value', () => {
    const ring = parseKeyring(generateSecretKey());
    const stored = encryptSecret(ring, 'whsec_0123456789abcdef');
    expect(stored).not.toContain('whsec');
    expect(stored).not.toBe(encryptSecret(ring, 'whsec_0123456789abcdef')); // a fresh IV each time
    expect(storedKeyId(stored)).toBe(ring.current.id);
    expect(decryptSecret(ring, stored)).toBe('whsec_0123456789abcdef');
    const parts = stored.split(':');
    const data = Buffer.from(parts[5]!, 'base64url');
    data[0]! ^= 1;
    expect(() => decryptSecret(ring, [...parts.slice(0, 5), data.toString('base64url')].join(':'))).toThrow();
    expect(() => decryptSecret(parseKeyring(generateSecretKey()), stored)).toThrow(/no secret key/);
    expect(decryptSecret(undefined, 'legacy-clear-secret')).toBe('legacy-clear-secret');
  });
  it('rotates: a new key first encrypts, the old one still decrypts', () => {
    const old = generateSecretKey();
    const fresh = generateSecretKey();
    const before = encryptSecret(parseKeyring(old), 's-old');
    const ring = parseKeyring(`${fresh},${old}`);
    expect(decryptSecret(ring, before)).toBe('s-old');
    expect(storedKeyId(encryptSecret(ring, 's-new'))).toBe(parseKeyring(fresh).current.id);
    expect(() => parseKeyring('short')).toThrow(/32 bytes/);
  });
});

describe('registration and delivery (PGlite)', () => {
  let db: Database;
  let server: Server;
  let redirectTarget: Server;
  let port = 0;
  let hits: { path: string; signature: string; body: string; host?: string }[] = [];
  let targetHits = 0;
  const ring = parseKeyring(generateSecretKey());
  const clock = new SimulatedClock(T0 + 3 * 86_400_000);
  const engineWith = (urls: { allowHttp: boolean; allowPrivate: boolean }, resolve?: (h: string) => Promise<string[]>): Engine =>
    createEngine({ db, packs: builtinPacks(), clock, payments: simulatedProvider(db, { now: () => clock.now() }), webhooks: { urls, keyring: ring, ...(resolve ? { resolve } : {}) } });

  beforeAll(async () => {
    db = await openPglite();
    await migrate(db);
    redirectTarget = createServer((_req, res) => ((targetHits += 1), res.end('ok')));
    await new Promise<void>((r) => redirectTarget.listen(0, '127.0.0.1', r));
    const target = `http://127.0.0.1:${(redirectTarget.address() as AddressInfo).port}/inside`;
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        hits.push({ path: req.url ?? '', signature: String(req.headers[SIGNATURE_HEADER]), body, host: req.headers.host });
        if (req.url === '/redirect') {
          res.statusCode = 302;
          res.setHeader('location', target);
        } else res.statusCode = 204;
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await new Promise((r) => redirectTarget.close(r));
    await db?.close();
  });

  it('refuses an internal or http URL at registration (production rules), stores an accepted secret encrypted', async () => {
    const prod = engineWith(PRODUCTION_WEBHOOKS, async () => ['93.184.216.34']);
    await prod.upsertShop({ id: 'S1', pack: 'taobao' });
    for (const url of ['http://erp.example.com/h', 'https://127.0.0.1/h', 'https://[::ffff:10.0.0.1]/h', 'https://169.254.169.254/latest/meta-data']) {
      expect((await prod.addWebhookEndpoint({ shopId: 'S1', endpointId: 'x', url, secret: 'whsec_0123456789abcdef', maxAttempts: 3 }))?.code, url).toBe('validation');
    }
    const insideByName = engineWith(PRODUCTION_WEBHOOKS, async () => ['10.0.0.5']);
    expect((await insideByName.addWebhookEndpoint({ shopId: 'S1', endpointId: 'x', url: 'https://erp.example.com/h', secret: 'whsec_0123456789abcdef', maxAttempts: 3 }))?.details).toMatchObject({ range: 'private' });
    expect(await prod.addWebhookEndpoint({ shopId: 'S1', endpointId: 'erp', url: 'https://erp.example.com/h', secret: 'whsec_0123456789abcdef', maxAttempts: 3 })).toBeNull();
    const stored = (await db.query<{ secret: string }>("SELECT secret FROM webhook_endpoints WHERE endpoint_id = 'erp'")).rows[0]!.secret;
    expect(stored).not.toContain('whsec_');
    expect(storedKeyId(stored)).toBe(ring.current.id);
    await prod.deactivateWebhookEndpoint('S1', 'erp');
  });

  it('delivers with the decrypted secret; refuses at delivery a name that now resolves inside; does not follow redirects', async () => {
    const local = engineWith({ allowHttp: true, allowPrivate: true });
    await local.upsertShop({ id: 'S2', pack: 'taobao' });
    expect(await local.addWebhookEndpoint({ shopId: 'S2', endpointId: 'ok', url: `http://127.0.0.1:${port}/ok`, secret: 'whsec_deliver_0123', maxAttempts: 5 })).toBeNull();
    expect(await local.addWebhookEndpoint({ shopId: 'S2', endpointId: 'redir', url: `http://127.0.0.1:${port}/redirect`, secret: 'whsec_deliver_0123', maxAttempts: 5 })).toBeNull();
    // Registered while the name was public; it now resolves to the loopback address.
    const publicThen = engineWith({ allowHttp: true, allowPrivate: false }, async () => ['93.184.216.34']);
    expect(await publicThen.addWebhookEndpoint({ shopId: 'S2', endpointId: 'rebind', url: `http://rebind.example.com:${port}/rebind`, secret: 'whsec_deliver_0123', maxAttempts: 1 })).toBeNull();
    hits = [];
    expect((await local.placeOrder(shippedOrder({ id: 'R1', shop: 'S2' }), { role: 'platform' })).ok).toBe(true);
    const strictRelay = { now: () => clock.now(), keyring: ring, urlPolicy: { allowHttp: true, allowPrivate: false }, resolve: async () => ['127.0.0.1'] };
    const localRelay = { now: () => clock.now(), keyring: ring, urlPolicy: { allowHttp: true, allowPrivate: true } };
    // The rebinding endpoint's delivery under production address rules: refused, never sent.
    const pendingFor = async (id: string) => (await db.query<{ status: string; last_error: string | null }>('SELECT status, last_error FROM deliveries WHERE endpoint_id = $1', [id])).rows;
    expect((await pendingFor('rebind')).length).toBeGreaterThan(0);
    await relayBatch(db, strictRelay, 50);
    expect(hits.filter((h) => h.path === '/rebind')).toEqual([]);
    expect((await pendingFor('rebind')).every((d) => d.status === 'dead' && /inside the network/.test(d.last_error ?? ''))).toBe(true);
    clock.set(clock.now() + 86_400_000); // past every retry delay
    await relayBatch(db, localRelay, 50);
    const ok = hits.filter((h) => h.path === '/ok');
    expect(ok.length).toBeGreaterThan(0);
    for (const h of ok) expect(verifySignature('whsec_deliver_0123', h.body, h.signature, clock.now())).toBe(true);
    expect(hits.some((h) => h.path === '/redirect')).toBe(true);
    expect(targetHits).toBe(0);
    // Per stream in order: the first message is stuck on its 302, the rest wait behind it.
    const redir = await pendingFor('redir');
    expect(redir.some((d) => /HTTP 302/.test(d.last_error ?? ''))).toBe(true);
    expect(redir.every((d) => d.status !== 'delivered')).toBe(true);
    expect((await pendingFor('ok')).every((d) => d.status === 'delivered')).toBe(true);
  });

  it('connects to the addresses the check resolved, never resolving the name again (DNS rebinding)', async () => {
    // `.invalid` never resolves (RFC 6761): only the pinned address can have carried the request.
    hits = [];
    const out = await pinnedPost(`http://pinned.invalid:${port}/pin`, ['127.0.0.1'], { 'content-type': 'application/json' }, '{}', 5000);
    expect(out.status).toBe(204);
    expect(hits).toMatchObject([{ path: '/pin', host: `pinned.invalid:${port}` }]);
    // Through the relay: the resolver's answer is the address connected to.
    const local = engineWith({ allowHttp: true, allowPrivate: true });
    await local.upsertShop({ id: 'S3', pack: 'taobao' });
    expect(await local.addWebhookEndpoint({ shopId: 'S3', endpointId: 'pin', url: `http://erp.invalid:${port}/pinned`, secret: 'whsec_deliver_0123', maxAttempts: 3 })).toBeNull();
    expect((await local.placeOrder(shippedOrder({ id: 'P1', shop: 'S3' }), { role: 'platform' })).ok).toBe(true);
    hits = [];
    await relayBatch(db, { now: () => clock.now(), keyring: ring, urlPolicy: { allowHttp: true, allowPrivate: true }, resolve: async () => ['127.0.0.1'] }, 50);
    expect(hits.filter((h) => h.path === '/pinned').length).toBeGreaterThan(0);
    expect(hits.every((h) => h.host === `erp.invalid:${port}`)).toBe(true);
    // One internal address among public ones is enough to refuse.
    const mixed = await deliveryTarget('https://erp.example.com/h', PRODUCTION_WEBHOOKS, async () => ['93.184.216.34', '10.1.2.3']);
    expect('refused' in mixed && mixed.refused.details).toMatchObject({ range: 'private', address: '10.1.2.3' });
    expect(await deliveryTarget('https://erp.example.com/h', PRODUCTION_WEBHOOKS, async () => ['93.184.216.34'])).toEqual({ addresses: ['93.184.216.34'] });
  });
});
