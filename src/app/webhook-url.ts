// Webhook URLs and server-side request forgery (OWASP API7, issue 19 item 3): a shop's endpoint must
// be `https` (plain `http` only with the development setting `allowHttp`) and must never reach an
// address inside the deployment: loopback, private, shared (CGNAT), link-local, multicast,
// unspecified, documentation or reserved ranges, IPv4 and IPv6 alike, an IPv4 address wrapped in
// IPv6 (`::ffff:127.0.0.1`, NAT64 `64:ff9b::/96`) judged as the IPv4 it carries. Checked when the
// endpoint is registered and again before every delivery, after DNS resolution (a name that later
// resolves inside is refused too); the relay does not follow redirects (src/app/relay.ts).
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { refuse, type Refusal } from '../domain/errors.ts';

export interface WebhookUrlPolicy {
  /** Development only: accept `http://` (default: https only). */
  allowHttp: boolean;
  /** Tests and local development only: accept internal addresses (a receiver on 127.0.0.1). */
  allowPrivate: boolean;
}

export const PRODUCTION_WEBHOOKS: WebhookUrlPolicy = { allowHttp: false, allowPrivate: false };

/** The resolver: every address a name has (A and AAAA). Injectable in tests. */
export type Resolve = (host: string) => Promise<string[]>;
export const systemResolve: Resolve = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

// [range name, network, prefix, family]; sources: RFC 6890 (special-purpose registries), RFC 4291.
const RANGES: [string, string, number, 'ipv4' | 'ipv6'][] = [
  ['unspecified', '0.0.0.0', 8, 'ipv4'],
  ['private', '10.0.0.0', 8, 'ipv4'],
  ['shared', '100.64.0.0', 10, 'ipv4'],
  ['loopback', '127.0.0.0', 8, 'ipv4'],
  ['link-local', '169.254.0.0', 16, 'ipv4'],
  ['private', '172.16.0.0', 12, 'ipv4'],
  ['reserved', '192.0.0.0', 24, 'ipv4'],
  ['documentation', '192.0.2.0', 24, 'ipv4'],
  ['private', '192.168.0.0', 16, 'ipv4'],
  ['reserved', '198.18.0.0', 15, 'ipv4'],
  ['documentation', '198.51.100.0', 24, 'ipv4'],
  ['documentation', '203.0.113.0', 24, 'ipv4'],
  ['multicast', '224.0.0.0', 4, 'ipv4'],
  ['reserved', '240.0.0.0', 4, 'ipv4'],
  ['unspecified', '::', 128, 'ipv6'],
  ['loopback', '::1', 128, 'ipv6'],
  ['reserved', '100::', 64, 'ipv6'],
  ['documentation', '2001:db8::', 32, 'ipv6'],
  ['private', 'fc00::', 7, 'ipv6'],
  ['link-local', 'fe80::', 10, 'ipv6'],
  ['private', 'fec0::', 10, 'ipv6'],
  ['multicast', 'ff00::', 8, 'ipv6'],
];
const LISTS = RANGES.map(([name, net, prefix, family]) => {
  const list = new BlockList();
  list.addSubnet(net, prefix, family);
  return { name, list, family };
});

/** The eight 16-bit groups of an IPv6 address (with an embedded dotted IPv4 tail too). */
function groups(ip: string): number[] {
  let text = ip.split('%')[0]!;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, -dotted[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array(8 - h.length - t.length).fill('0');
  return [...h, ...fill, ...t].map((g) => parseInt(g, 16));
}

/** An IPv4 address an IPv6 one carries (mapped `::ffff:a.b.c.d`, compatible `::a.b.c.d`, NAT64), else null. */
function embeddedIpv4(ip: string): string | null {
  const g = groups(ip);
  const v4 = () => `${g[6]! >> 8}.${g[6]! & 255}.${g[7]! >> 8}.${g[7]! & 255}`;
  const zeros = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeros(5) && g[5] === 0xffff) return v4();
  if (zeros(6) && (g[6] !== 0 || g[7]! > 1)) return v4();
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return v4();
  return null;
}

/** The internal range an IP address is in (`loopback`, `private`, …), or null for a public one. */
export function internalRange(ip: string): string | null {
  const family = isIP(ip);
  if (family === 0) return 'not an address';
  if (family === 6) {
    const v4 = embeddedIpv4(ip);
    if (v4 !== null) return internalRange(v4);
  }
  const type = family === 4 ? 'ipv4' : 'ipv6';
  return LISTS.find((l) => l.family === type && l.list.check(ip.split('%')[0]!, type))?.name ?? null;
}

const refused = (url: string, zh: string, en: string, details: Record<string, unknown>): Refusal => refuse('validation', 'webhook_url', zh, en, { field: 'url', url, ...details });

/** The URL itself: scheme, credentials, a literal address or `localhost`. No network. */
export function webhookUrlRefusal(url: string, policy: WebhookUrlPolicy): Refusal | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return refused(url, '回调地址不是有效的 URL', 'the webhook URL is not a valid URL', {});
  }
  if (u.protocol !== 'https:' && !(policy.allowHttp && u.protocol === 'http:')) {
    return refused(url, '回调地址必须使用 https', 'a webhook URL must use https', { scheme: u.protocol.replace(':', '') });
  }
  if (u.username || u.password) return refused(url, '回调地址不能包含用户名或密码', 'a webhook URL cannot carry a user name or password', {});
  if (policy.allowPrivate) return null;
  const host = u.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return internal(url, host, 'loopback');
  const range = isIP(host) ? internalRange(host) : null;
  return range ? internal(url, host, range) : null;
}

const internal = (url: string, address: string, range: string) =>
  refused(url, `回调地址指向内部网络 (${range})`, `a webhook URL cannot point inside the network (${range} address ${address})`, { address, range });

/**
 * The URL and every address its name resolves to. A name that does not resolve is let through at
 * registration (`unresolvable: 'allow'`) and refused at delivery.
 */
export async function checkWebhookUrl(url: string, policy: WebhookUrlPolicy, resolve: Resolve = systemResolve, unresolvable: 'allow' | 'refuse' = 'refuse'): Promise<Refusal | null> {
  const first = webhookUrlRefusal(url, policy);
  if (first || policy.allowPrivate) return first;
  const target = await resolveTarget(url, policy, resolve);
  if ('addresses' in target) return null;
  return unresolvable === 'allow' && 'unresolvable' in target ? null : target.refused;
}

/**
 * Before a delivery: the URL's rules again, and the addresses the relay will connect to — resolved
 * once here and then pinned for the connection (src/app/webhook-post.ts), so a name cannot answer
 * the check with a public address and the connection with an internal one (DNS rebinding).
 */
export async function deliveryTarget(url: string, policy: WebhookUrlPolicy, resolve: Resolve = systemResolve): Promise<{ refused: Refusal } | { addresses: string[] }> {
  const first = webhookUrlRefusal(url, policy);
  return first ? { refused: first } : resolveTarget(url, policy, resolve);
}

async function resolveTarget(url: string, policy: WebhookUrlPolicy, resolve: Resolve): Promise<{ refused: Refusal; unresolvable?: true } | { addresses: string[] }> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await resolve(host);
  } catch {
    addresses = [];
  }
  if (addresses.length === 0) return { refused: refused(url, '回调地址的域名无法解析', 'the webhook host name does not resolve', { host }), unresolvable: true };
  if (!policy.allowPrivate) {
    for (const a of addresses) {
      const range = internalRange(a);
      if (range) return { refused: internal(url, a, range) };
    }
  }
  return { addresses };
}

/** How an engine treats webhook endpoints: the URL rules, the resolver, the key secrets are encrypted with. */
export interface WebhookSettings {
  /** Default: production (https only, no internal addresses). */
  urls?: WebhookUrlPolicy;
  resolve?: Resolve;
  /** Without one, secrets are stored in clear (a library default for tests; the CLI always gives one). */
  keyring?: import('./secret-box.ts').Keyring;
}
