// Repeated bad credentials from one address are slowed (issue 19 item 6, OWASP API2/API4): past
// `perMinute` failed credentials in a minute, that address is answered 429 `rate_limited` with
// Retry-After until the minute ends — good credentials too, so guessing cannot go on beside a
// valid key. Counted in the database (every API process of a deployment shares the count).
import { badCredentialCount, countBadCredential } from '../store/auth-failures.ts';
import type { EngineCore } from './engine-core.ts';

const MINUTE = 60_000;

export function createCredentialGuard({ db, clock }: EngineCore) {
  const window = () => {
    const now = clock.now();
    const start = Math.floor(now / MINUTE) * MINUTE;
    return { start, retryAfterMs: start + MINUTE - now };
  };
  /** Milliseconds until the address may try again, or null when it may now. */
  async function credentialLockout(address: string, perMinute: number): Promise<number | null> {
    const w = window();
    return (await badCredentialCount(db, address, w.start)) >= perMinute ? w.retryAfterMs : null;
  }
  /** Counts a failed credential; the wait when this one crossed the limit. */
  async function noteBadCredential(address: string, perMinute: number): Promise<number | null> {
    const w = window();
    return (await countBadCredential(db, address, w.start)) > perMinute ? w.retryAfterMs : null;
  }
  return { credentialLockout, noteBadCredential };
}
