// Issue 19 item 4: secrets rotate. Buyer-token signing secrets with a grace period, and webhook
// secrets re-encrypted under a new key by `aftersale secrets rotate` (embedded data directory).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rotatedTokenSecrets } from '../src/app/configured-secrets.ts';
import { issueBuyerToken, principalOfBuyerToken, tokenSecrets } from '../src/app/credentials.ts';
import { decryptSecret, parseKeyring, storedKeyId } from '../src/app/secret-box.ts';
import { main } from '../src/cli/main.ts';
import { openPglite } from '../src/store/db.ts';
import { withEnv } from './env-kit.ts';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-29T12:00:00Z');

describe('buyer-token secrets: rotation with a grace period', () => {
  const buyer = { kind: 'buyer', buyerId: 'B1' };

  it('the first secret signs; the others verify until their end, then not', () => {
    const old = 'a'.repeat(64);
    const token = issueBuyerToken(old, 'B1', NOW + 30 * DAY);
    const rotated = rotatedTokenSecrets(old, NOW + 7 * DAY, NOW);
    expect(tokenSecrets(rotated).map((s) => s.until)).toEqual([null, NOW + 7 * DAY]);
    expect(principalOfBuyerToken(rotated, token, NOW + 6 * DAY)).toEqual(buyer);
    expect(principalOfBuyerToken(rotated, token, NOW + 7 * DAY)).toBeNull();
    // New tokens are signed with the new secret: the old secret alone does not accept them.
    const fresh = issueBuyerToken(rotated, 'B1', NOW + 30 * DAY);
    expect(principalOfBuyerToken(rotated, fresh, NOW + 8 * DAY)).toEqual(buyer);
    expect(principalOfBuyerToken(old, fresh, NOW)).toBeNull();
  });

  it('a second rotation keeps the first grace, drops ended ones; a bad instant is refused in words', () => {
    const first = rotatedTokenSecrets('s0', NOW + 7 * DAY, NOW);
    const second = rotatedTokenSecrets(first, NOW + 10 * DAY, NOW + DAY);
    expect(tokenSecrets(second).map((s) => s.until)).toEqual([null, NOW + 10 * DAY, NOW + 7 * DAY]);
    const third = rotatedTokenSecrets(second, NOW + 20 * DAY, NOW + 12 * DAY);
    expect(tokenSecrets(third).map((s) => s.until)).toEqual([null, NOW + 20 * DAY]);
    expect(() => tokenSecrets('new,old@next-tuesday')).toThrow(/not an instant/);
  });
});

describe('aftersale secrets (PGlite data directory)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aftersale-secrets-'));
  withEnv({ AFTERSALE_DATA_DIR: dir, DATABASE_URL: undefined, AFTERSALE_SECRET_KEY: undefined, AFTERSALE_TOKEN_SECRET: undefined });
  const cli = async (...args: string[]) => {
    const out: string[] = [];
    const code = await main(args, { log: (l) => out.push(l), error: (l) => out.push(l) });
    return { code, out: out.join('\n') };
  };
  const storedSecret = async () => {
    const db = await openPglite(dir);
    try {
      return (await db.query<{ secret: string }>("SELECT secret FROM webhook_endpoints WHERE endpoint_id = 'erp'")).rows[0]!.secret;
    } finally {
      await db.close();
    }
  };

  it('rotate: a new key leads, every webhook secret is re-encrypted under it and still decrypts', async () => {
    expect((await cli('migrate')).code).toBe(0);
    const add = await cli('webhooks', 'add', '--shop', '_platform', '--id', 'erp', '--url', 'https://93.184.216.34/hook', '--secret', 'whsec_rotation_0123456789');
    expect(add.code, add.out).toBe(0);
    const before = await storedSecret();
    const firstKey = readFileSync(join(dir, 'secret-key'), 'utf8');
    expect(storedKeyId(before)).toBe(parseKeyring(firstKey).current.id);

    const r = await cli('secrets', 'rotate');
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('1 of 1 webhook secrets re-encrypted');
    const ring = parseKeyring(readFileSync(join(dir, 'secret-key'), 'utf8'));
    const after = await storedSecret();
    expect(ring.current.id).not.toBe(parseKeyring(firstKey).current.id);
    expect(storedKeyId(after)).toBe(ring.current.id);
    expect(decryptSecret(ring, after)).toBe('whsec_rotation_0123456789');
    // Without the old key the new ciphertext still opens: the old key may go.
    expect(decryptSecret(parseKeyring(readFileSync(join(dir, 'secret-key'), 'utf8').split(',')[0]!), after)).toBe('whsec_rotation_0123456789');
    // Again: another new key; the file keeps the new one and the one before, no older.
    expect((await cli('secrets', 'rotate')).out).toContain('1 of 1 webhook secrets re-encrypted');
    const keys = readFileSync(join(dir, 'secret-key'), 'utf8').split(',');
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(ring.current.key.toString('base64url'));
  });

  it('rotate-token: the data directory gets a new signing secret, the old one verifies for the grace days', async () => {
    const first = (await cli('secrets', 'rotate-token', '--grace-days', '3'));
    expect(first.code, first.out).toBe(0);
    const value = readFileSync(join(dir, 'token-secret'), 'utf8');
    const [signing, old] = tokenSecrets(value);
    expect(old!.until! - Date.now()).toBeGreaterThan(3 * DAY - 60_000);
    expect(old!.until! - Date.now()).toBeLessThanOrEqual(3 * DAY);
    const oldToken = issueBuyerToken(old!.secret, 'B9', Date.now() + 30 * DAY);
    expect(principalOfBuyerToken(value, oldToken, Date.now())).toEqual({ kind: 'buyer', buyerId: 'B9' });
    expect(principalOfBuyerToken(value, oldToken, Date.now() + 4 * DAY)).toBeNull();
    expect(signing!.until).toBeNull();
    expect((await cli('secrets', 'rotate-token', '--grace-days', 'soon')).code).toBe(2);
  });
});
