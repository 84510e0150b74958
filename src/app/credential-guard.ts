// Repeated bad credentials from one address are slowed (issue 19 item 6, OWASP API2/API4): past
// `perMinute` failed credentials in a minute, that address is answered 429 `rate_limited` with
// Retry-After until the minute ends — good credentials too, so guessing cannot go on beside a
// valid key. Counted in the database (every API process of a deployment shares the count).
import { badCredentialCount, countBadCredential } from '../store/auth-failures.ts';
import type { EngineCore } from './engine-core.ts';
import { ttlCache } from './ttl-cache.ts';

const MINUTE = 60_000;

export function createCredentialGuard({ db, clock }: EngineCore) {
  // Issue 18: an address's count of the current minute is kept for a second, so a request with a
  // good credential costs no read. This process's own failures update it at once; another
  // process's are seen within the second.
  const counts = ttlCache<number>(1_000);
  const window = () => {
    const now = clock.now();
    const start = Math.floor(now / MINUTE) * MINUTE;
    return { start, retryAfterMs: start + MINUTE - now };
  };
  /** Milliseconds until the address may try again, or null when it may now. */
  async function credentialLockout(address: string, perMinute: number): Promise<number | null> {
    const w = window();
    const key = `${address}\u0000${w.start}`;
    let count = counts.get(key);
    if (count === undefined) counts.set(key, (count = await badCredentialCount(db, address, w.start)));
    return count >= perMinute ? w.retryAfterMs : null;
  }
  /** Counts a failed credential; the wait when this one crossed the limit. */
  async function noteBadCredential(address: string, perMinute: number): Promise<number | null> {
    const w = window();
    const count = await countBadCredential(db, address, w.start);
    counts.set(`${address}\u0000${w.start}`, count);
    return count > perMinute ? w.retryAfterMs : null;
  }
  return { credentialLockout, noteBadCredential };
}
