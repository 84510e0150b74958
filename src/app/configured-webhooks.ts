// The webhook settings of a process (serve, worker, `webhooks add`), issue 19: the URL rules —
// production by default; `--allow-http` (or AFTERSALE_WEBHOOK_ALLOW_HTTP=1) for development,
// `--allow-private-webhooks` (or AFTERSALE_WEBHOOK_ALLOW_PRIVATE=1) for a receiver on this machine
// (tests, the chaos run) — and the key webhook secrets are encrypted with: AFTERSALE_SECRET_KEY,
// else the key kept in the data directory (`secret-key`, made by the first `serve`, mode 0600).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDirOf } from './configured-database.ts';
import { generateSecretKey, parseKeyring } from './secret-box.ts';
import type { WebhookSettings } from './webhook-url.ts';

const secretKeyFile = (env: NodeJS.ProcessEnv) => join(dataDirOf(env), 'secret-key');

export function configuredWebhooks(args: string[], env: NodeJS.ProcessEnv, opts: { generateKey: boolean }): WebhookSettings {
  const urls = {
    allowHttp: args.includes('--allow-http') || env.AFTERSALE_WEBHOOK_ALLOW_HTTP === '1',
    allowPrivate: args.includes('--allow-private-webhooks') || env.AFTERSALE_WEBHOOK_ALLOW_PRIVATE === '1',
  };
  if (env.AFTERSALE_SECRET_KEY) return { urls, keyring: parseKeyring(env.AFTERSALE_SECRET_KEY) };
  const file = secretKeyFile(env);
  if (!existsSync(file) && opts.generateKey) {
    mkdirSync(dataDirOf(env), { recursive: true });
    writeFileSync(file, generateSecretKey(), { mode: 0o600 });
  }
  return existsSync(file) ? { urls, keyring: parseKeyring(readFileSync(file, 'utf8')) } : { urls };
}

/**
 * `aftersale secrets rotate` on the embedded database: a new key first in the data directory's
 * `secret-key`, the one before it kept second (it still decrypts what a process started before the
 * rotation encrypts until it restarts); older keys are dropped, their secrets re-encrypted. With
 * AFTERSALE_SECRET_KEY the operator rotates the environment instead: nothing is written.
 */
export function rotateDataDirKey(env: NodeJS.ProcessEnv): boolean {
  if (env.AFTERSALE_SECRET_KEY) return false;
  const file = secretKeyFile(env);
  const old = existsSync(file) ? (readFileSync(file, 'utf8').trim().split(',')[0] ?? '') : '';
  mkdirSync(dataDirOf(env), { recursive: true });
  writeFileSync(file, [generateSecretKey(), old].filter(Boolean).join(','), { mode: 0o600 });
  return true;
}
