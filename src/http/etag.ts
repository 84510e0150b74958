// Issue 16: conditional GET of a case (RFC 9110 §8.8.3, §13.1.2): a strong tag of the stream
// version and a digest of the caller's answer, so any process computes the same tag.
import { createHash } from 'node:crypto';

export const etagOf = (version: number, body: unknown) => `"${version}-${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 22)}"`;

/** If-None-Match: `*`, or a list of tags (weak ones compared weakly, as GET allows). */
export function matchesEtag(header: string | string[] | undefined, tag: string): boolean {
  if (!header) return false;
  const given = (Array.isArray(header) ? header.join(',') : header).split(',').map((x) => x.trim().replace(/^W\//, ''));
  return given.includes('*') || given.includes(tag);
}
