// The webhook relay: delivers outbox messages to endpoints, signed, at least once, in order per
// stream, retried with exponential backoff and jitter, dead-lettered after the endpoint's
// max_attempts. See docs/webhooks.md for the signature format.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Instant } from '../domain/types.ts';
import type { Database } from '../store/db.ts';
import { claimDeliveries, recordAttempt, type ClaimedDelivery } from '../store/outbox.ts';
import { iso } from '../store/time.ts';
import { decryptSecret, type Keyring } from './secret-box.ts';
import { pinnedPost } from './webhook-post.ts';
import { deliveryTarget, PRODUCTION_WEBHOOKS, type Resolve, type WebhookUrlPolicy } from './webhook-url.ts';

export const SIGNATURE_HEADER = 'aftersale-signature';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>` (Stripe's scheme). */
export function sign(secret: string, body: string, at: Instant): string {
  const t = Math.floor(at / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

/** What a receiver does: recompute the signature, compare in constant time, bound the age. */
export function verifySignature(secret: string, body: string, header: string, now: Instant, toleranceSec = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
  const t = Number(parts.t);
  if (!Number.isFinite(t) || !parts.v1 || Math.abs(now / 1000 - t) > toleranceSec) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface RelayOptions {
  now: () => Instant;
  /** First retry delay; doubles per attempt up to maxDelayMs, times a jitter in [0.5, 1). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  timeoutMs?: number;
  random?: () => number;
  /** Checked again before each delivery, after DNS resolution (default: production rules). */
  urlPolicy?: WebhookUrlPolicy;
  resolve?: Resolve;
  /** Decrypts the endpoint's stored secret (src/app/secret-box.ts). */
  keyring?: Keyring;
}

export function retryDelay(attempt: number, opts: Pick<RelayOptions, 'baseDelayMs' | 'maxDelayMs' | 'random'>): number {
  const base = opts.baseDelayMs ?? 10_000;
  const capped = Math.min(opts.maxDelayMs ?? 3_600_000, base * 2 ** attempt);
  return Math.round(capped * (0.5 + (opts.random ?? Math.random)() / 2));
}

function body(d: ClaimedDelivery): string {
  return JSON.stringify({
    id: `${d.shopId}:${d.messageId}`,
    type: d.message.type,
    created_at: iso(d.message.createdAt),
    data: d.message.payload,
  });
}

async function post(d: ClaimedDelivery, opts: RelayOptions): Promise<string | null> {
  const text = body(d);
  // Issue 19: the URL again, after resolution (a name may now resolve inside), and the connection
  // made to exactly the addresses checked; the secret decrypted.
  const target = await deliveryTarget(d.endpoint.url, opts.urlPolicy ?? PRODUCTION_WEBHOOKS, opts.resolve);
  if ('refused' in target) return `refused: ${target.refused.message.en}`;
  let secret: string;
  try {
    secret = decryptSecret(opts.keyring, d.endpoint.secret);
  } catch (e) {
    return `secret: ${(e as Error).message}`;
  }
  const headers = {
    'content-type': 'application/json',
    [SIGNATURE_HEADER]: sign(secret, text, opts.now()),
    'aftersale-event-id': `${d.shopId}:${d.messageId}`,
    'aftersale-delivery-attempt': String(d.attempts + 1),
  };
  try {
    const res = await pinnedPost(d.endpoint.url, target.addresses, headers, text, opts.timeoutMs ?? 10_000);
    return res.status >= 200 && res.status < 300 ? null : `HTTP ${res.status}`;
  } catch (e) {
    return (e as Error).message;
  }
}

/**
 * Delivers the due messages of up to `parallel` streams at once (one per stream: order per case
 * holds), holding their rows locked while posting (a relay that dies releases them and another
 * delivers them again: at least once). Returns how many were attempted (0: nothing was due).
 */
export async function relayClaimed(db: Database, opts: RelayOptions, parallel = 16): Promise<number> {
  return db.transaction(async (tx) => {
    const claimed = await claimDeliveries(tx, opts.now(), parallel);
    const errors = await Promise.all(claimed.map((d) => post(d, opts)));
    const now = opts.now();
    for (const [i, d] of claimed.entries()) {
      const error = errors[i]!;
      if (error === null) await recordAttempt(tx, d, { ok: true, at: now });
      else {
        const last = d.attempts + 1 >= d.endpoint.maxAttempts;
        await recordAttempt(tx, d, { ok: false, error, retryAt: last ? null : now + retryDelay(d.attempts, opts) });
      }
    }
    return claimed.length;
  });
}

export async function relayBatch(db: Database, opts: RelayOptions, limit = 100): Promise<number> {
  let n = 0;
  while (n < limit) {
    const done = await relayClaimed(db, opts, Math.min(16, limit - n));
    if (done === 0) break;
    n += done;
  }
  return n;
}
