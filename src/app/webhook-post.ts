// The relay's transport (issue 19 item 3): one POST over node:http(s) to the addresses the delivery
// check resolved (src/app/webhook-url.ts `deliveryTarget`), never resolving the name a second time,
// so what was checked is what is connected to (DNS rebinding). TLS still verifies the certificate
// against the URL's host name (SNI and the certificate check use the name, not the address).
// Redirects are not followed: a 3xx is a failed attempt (a redirect could point inside).
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';

export interface PostOutcome {
  status: number;
}

/** A lookup that answers with the pinned addresses only (both call forms: one address, or `all`). */
function pinned(addresses: readonly string[]): LookupFunction {
  return (_host, options, callback) => {
    const all = addresses.map((address) => ({ address, family: isIP(address) }));
    if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: typeof all) => void)(null, all);
    else callback(null, all[0]!.address, all[0]!.family);
  };
}

export function pinnedPost(url: string, addresses: readonly string[], headers: Record<string, string>, body: string, timeoutMs: number): Promise<PostOutcome> {
  const u = new URL(url);
  const transport = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(
      u,
      { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, lookup: pinned(addresses), timeout: timeoutMs },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}
