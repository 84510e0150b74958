// Secrets at rest (issue 19 item 4): a webhook secret is stored encrypted with AES-256-GCM under a
// key from the environment (`AFTERSALE_SECRET_KEY`), never in clear. Stored form:
// `enc:v1:<key id>:<iv>:<tag>:<ciphertext>` (base64url). The key id (first 12 hex digits of the
// key's SHA-256) travels with each ciphertext, so keys rotate: put the new key first and keep the
// old ones after it (`AFTERSALE_SECRET_KEY=new,old`); new secrets use the first, old ones still
// decrypt, `aftersale secrets rotate` re-encrypts them under the new key.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export interface Keyring {
  /** The key new secrets are encrypted with. */
  current: { id: string; key: Buffer };
  /** Every key that may decrypt, by id (the current one included). */
  byId: Map<string, Buffer>;
}

const PREFIX = 'enc:v1:';

export const keyId = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 12);

/** A fresh 256-bit key, as `AFTERSALE_SECRET_KEY` takes it (base64url). */
export const generateSecretKey = () => randomBytes(32).toString('base64url');

function decodeKey(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64url');
  if (key.length !== 32) throw new Error('AFTERSALE_SECRET_KEY: each key must be 32 bytes (64 hex digits or 43 base64url characters)');
  return key;
}

/** `new[,old...]`: the first key encrypts, all of them decrypt. */
export function parseKeyring(value: string): Keyring {
  const keys = value.split(',').filter((k) => k.trim() !== '').map(decodeKey);
  if (keys.length === 0) throw new Error('AFTERSALE_SECRET_KEY is empty');
  return { current: { id: keyId(keys[0]!), key: keys[0]! }, byId: new Map(keys.map((k) => [keyId(k), k])) };
}

export const isEncrypted = (stored: string) => stored.startsWith(PREFIX);

export function encryptSecret(ring: Keyring, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', ring.current.key, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${PREFIX}${ring.current.id}:${iv.toString('base64url')}:${cipher.getAuthTag().toString('base64url')}:${data.toString('base64url')}`;
}

/** The clear secret; a value stored before encryption existed is returned as it is. Throws on an unknown key or a tampered value. */
export function decryptSecret(ring: Keyring | undefined, stored: string): string {
  if (!isEncrypted(stored)) return stored;
  const [id, iv, tag, data] = stored.slice(PREFIX.length).split(':') as [string, string, string, string];
  const key = ring?.byId.get(id);
  if (!key) throw new Error(`no secret key with id ${id} (AFTERSALE_SECRET_KEY)`);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

/** The id of the key a stored secret is under (null: in clear). */
export const storedKeyId = (stored: string) => (isEncrypted(stored) ? stored.slice(PREFIX.length).split(':')[0]! : null);
