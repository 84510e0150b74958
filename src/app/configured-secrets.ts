// The process's secrets besides webhook keys (src/app/configured-webhooks.ts): the buyer-token
// signing secret — AFTERSALE_TOKEN_SECRET, else the data directory's `token-secret` (made by the
// first `serve`, mode 0600) — and its rotation with a grace period (issue 19 item 4; the format is
// in src/app/credentials.ts `tokenSecrets`).
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Instant } from '../domain/types.ts';
import { tokenSecrets } from './credentials.ts';

export function configuredTokenSecret(env: NodeJS.ProcessEnv, dataDir: string): string {
  if (env.AFTERSALE_TOKEN_SECRET) return env.AFTERSALE_TOKEN_SECRET;
  const file = join(dataDir, 'token-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/**
 * A fresh signing secret first; the one that signed until now verifies until `graceUntil`; older
 * ones keep their own end, and those already past it are dropped.
 */
export function rotatedTokenSecrets(current: string, graceUntil: Instant, now: Instant): string {
  const [signing, ...older] = tokenSecrets(current);
  const kept = older.filter((s) => s.until !== null && s.until > now);
  const entry = (s: { secret: string; until: Instant | null }) => `${s.secret}@${new Date(s.until!).toISOString()}`;
  return [randomBytes(32).toString('hex'), entry({ secret: signing!.secret, until: graceUntil }), ...kept.map(entry)].join(',');
}

/** Rotates the data directory's token secret in place (null when the environment holds it: the operator sets the new value there). */
export function rotateTokenSecretFile(env: NodeJS.ProcessEnv, dataDir: string, graceUntil: Instant, now: Instant): { value: string; written: boolean } {
  const value = rotatedTokenSecrets(configuredTokenSecret(env, dataDir), graceUntil, now);
  if (env.AFTERSALE_TOKEN_SECRET) return { value, written: false };
  writeFileSync(join(dataDir, 'token-secret'), value, { mode: 0o600 });
  return { value, written: true };
}
