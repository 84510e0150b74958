// Small evidence images for the demo marketplace (SPEC §7: a photo of the defect, a purchase
// invoice), drawn in code so the repository carries no binary assets and every fresh demo stores
// the same bytes (the same sha256). A PNG is a signature and three chunks (IHDR, IDAT, IEND), each
// with a CRC-32; IDAT is the zlib-deflated rows (RFC 2083). 160×120 RGB, about 1–3 KB each.
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';

export const DEMO_IMAGE = { width: 160, height: 120 } as const;

type Rgb = [number, number, number];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (const byte of b) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A truecolour PNG whose pixel (x, y) is `paint(x, y)`. */
export function png(width: number, height: number, paint: (x: number, y: number) => Rgb): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8 bits per channel, RGB, deflate, no filter method, no interlace
  const row = 1 + 3 * width;
  const raw = Buffer.alloc(row * height); // each row: filter type 0 (none), then RGB triples
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) raw.set(paint(x, y), y * row + 1 + 3 * x);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [0, 1, 2].map((i) => Math.round(a[i]! + (b[i]! - a[i]!) * t)) as Rgb;

/** Background tones of the demo photos, one per case so the gallery tells them apart. */
const TONES: Rgb[] = [
  [222, 196, 160], [176, 196, 222], [200, 222, 176], [230, 180, 190], [210, 200, 230], [236, 214, 150], [170, 210, 210], [215, 215, 215],
];

/**
 * A buyer's photo of a defect: the goods on a table, with a crack across them and the red ring
 * buyers draw around what is wrong. `variant` picks the tone and where the defect is.
 */
export function defectPhoto(variant: number): Buffer {
  const { width: w, height: h } = DEMO_IMAGE;
  const tone = TONES[variant % TONES.length]!;
  const cx = 60 + ((variant * 23) % 50);
  const cy = 45 + ((variant * 17) % 35);
  return png(w, h, (x, y) => {
    const table = mix([250, 248, 244], [200, 196, 188], y / h);
    const onGoods = x >= 28 && x < 132 && y >= 20 && y < 104;
    let c = onGoods ? mix(tone, [255, 255, 255], (x - 28) / 260) : table;
    if (onGoods && Math.abs(y - cy - (x - cx) * 0.6) < 1.2 && Math.abs(x - cx) < 22) c = [60, 50, 45]; // the crack
    const r = Math.hypot(x - cx, y - cy);
    if (r > 24 && r < 27) c = [220, 30, 40]; // the ring
    return c;
  });
}

/** A merchant's purchase invoice (进货发票): ruled lines of entries, a total, the red seal. */
export function invoiceScan(): Buffer {
  const { width: w, height: h } = DEMO_IMAGE;
  return png(w, h, (x, y) => {
    const paper: Rgb = [252, 250, 242];
    if (x < 6 || x >= w - 6 || y < 6 || y >= h - 6) return [120, 120, 120]; // the scanner's edge
    if (y >= 12 && y < 20 && x >= 50 && x < 110) return [160, 70, 60]; // the title, in brown
    if (y > 26 && y < 92 && (y - 26) % 11 === 0 && x >= 14 && x < w - 14) return [120, 150, 170]; // the ruled grid
    const entry = y > 28 && y < 90 && (y - 26) % 11 >= 4 && (y - 26) % 11 <= 6;
    if (entry && x >= 18 && x < 18 + 30 + (((y * 7) % 5) * 12)) return [70, 70, 90]; // entries, as ink lines
    if (entry && x >= 112 && x < 136) return [70, 70, 90]; // amounts
    if (y >= 98 && y < 102 && x >= 96 && x < 140) return [40, 40, 60]; // the total
    const r = Math.hypot(x - 124, y - 94);
    if (r > 13 && r < 16) return [210, 40, 40]; // the seal
    if (r <= 13 && Math.abs(x - 124) < 6 && Math.abs(y - 94) < 2) return [210, 40, 40];
    return paper;
  });
}

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
