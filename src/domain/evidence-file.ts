// What an evidence file may be (SPEC §7): its type decided by its content (magic bytes), never by
// what the client declares, and its size. Pure, so the server judges uploads with it and the
// console checks a file before it names the file in a command (a refusal must never go through
// with proof that will then be turned away).

/** The largest file accepted: 20 MiB. */
export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

export const ALLOWED_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'video/mp4', 'video/quicktime', 'application/pdf'] as const;

// Latin-1 without Buffer: the console checks a file with the same function before it uploads.
const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

/** The media type the bytes are, by their signature; `null` for nothing recognised. */
export function sniffType(b: Uint8Array): string | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && ascii(b, 0, 8) === '\x89PNG\r\n\x1a\n') return 'image/png';
  if (b.length >= 6 && /^GIF8[79]a$/.test(ascii(b, 0, 6))) return 'image/gif';
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return 'image/webp';
  if (b.length >= 12 && ascii(b, 8, 12) === 'WAVE' && ascii(b, 0, 4) === 'RIFF') return 'audio/wav';
  if (b.length >= 12 && ascii(b, 4, 8) === 'ftyp') {
    // ISO base media: the major brand tells a QuickTime movie, an MP4 video, or a HEIF/AVIF
    // still image or an audio file (both of which share the container but are not accepted).
    const brand = ascii(b, 8, 12);
    if (brand === 'qt  ') return 'video/quicktime';
    if (/^(heic|heix|heim|heis|hevc|hevx|mif1|msf1)$/.test(brand)) return 'image/heif';
    if (/^(avif|avis)$/.test(brand)) return 'image/avif';
    if (/^M4[ABP] $/.test(brand)) return 'audio/mp4';
    return 'video/mp4';
  }
  if (b.length >= 5 && ascii(b, 0, 5) === '%PDF-') return 'application/pdf';
  if (b.length >= 4 && ascii(b, 0, 4) === 'PK\x03\x04') return 'application/zip';
  if (b.length >= 3 && ascii(b, 0, 3) === 'ID3') return 'audio/mpeg';
  if (b.length >= 2 && ascii(b, 0, 2) === 'MZ') return 'application/x-msdownload';
  if (b.length >= 4 && ascii(b, 0, 4) === '\x7fELF') return 'application/x-executable';
  const head = ascii(b, 0, Math.min(b.length, 1024)).trimStart();
  if (head.startsWith('<') && /<svg[\s>]/i.test(head)) return 'image/svg+xml';
  if (b.length > 0 && !b.subarray(0, 8192).includes(0)) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, Math.min(b.length, 8192)));
      return 'text/plain';
    } catch {
      // Not text: fall through.
    }
  }
  return null;
}
