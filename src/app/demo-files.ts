// The demo marketplace's evidence images (SPEC §7: a photo of the defect, a purchase invoice),
// drawn at seed time with @napi-rs/canvas (issue 16): a photo-like picture of the product — shapes
// with gradients, shading and a shadow on a table — with the defect ringed in red and named in
// Chinese, as buyers mark up their photos. The repository carries no binary assets; the same
// inputs draw the same bytes, so every fresh demo stores the same files (the same sha256).
// 320×240 JPEG, about 10–20 KB each.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import type { DemoProduct, Shape } from './demo-catalog.ts';

export const DEMO_IMAGE = { width: 320, height: 240 } as const;

const FONT = 'Noto Sans SC';
GlobalFonts.registerFromPath(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'), FONT);

type Ctx = SKRSContext2D;
type Painter = (g: Ctx, body: string, accent: string) => void;

const vertical = (g: Ctx, y0: number, y1: number, stops: [number, string][]) => {
  const grad = g.createLinearGradient(0, y0, 0, y1);
  for (const [at, c] of stops) grad.addColorStop(at, c);
  return grad;
};
const across = (g: Ctx, x0: number, x1: number, stops: [number, string][]) => {
  const grad = g.createLinearGradient(x0, 0, x1, 0);
  for (const [at, c] of stops) grad.addColorStop(at, c);
  return grad;
};
const path = (g: Ctx, points: [number, number][]) => {
  g.beginPath();
  g.moveTo(...points[0]!);
  for (const p of points.slice(1)) g.lineTo(...p);
  g.closePath();
};
/** Light from the upper left: a sheen over whatever was just filled. */
const sheen = (g: Ctx, x0: number, x1: number) => {
  g.fillStyle = across(g, x0, x1, [[0, 'rgba(255,255,255,0.35)'], [0.5, 'rgba(255,255,255,0)'], [1, 'rgba(0,0,0,0.22)']]);
  g.fill();
};
const roundRect = (g: Ctx, x: number, y: number, w: number, h: number, r: number) => {
  g.beginPath();
  g.roundRect(x, y, w, h, r);
};
const fruit = (g: Ctx, x: number, y: number, rx: number, ry: number, body: string, accent: string) => {
  const grad = g.createRadialGradient(x - rx / 3, y - ry / 3, 2, x, y, Math.max(rx, ry));
  grad.addColorStop(0, '#fff3c4');
  grad.addColorStop(0.35, body);
  grad.addColorStop(1, accent);
  g.beginPath();
  g.ellipse(x, y, rx, ry, 0.3, 0, Math.PI * 2);
  g.fillStyle = grad;
  g.fill();
};

const PAINT: Record<Shape, Painter> = {
  tee: (g, body, accent) => {
    path(g, [[110, 60], [140, 50], [180, 50], [210, 60], [245, 90], [225, 110], [210, 100], [210, 195], [110, 195], [110, 100], [95, 110], [75, 90]]);
    g.fillStyle = vertical(g, 50, 195, [[0, body], [1, accent]]);
    g.fill();
    sheen(g, 75, 245);
    g.strokeStyle = accent;
    g.lineWidth = 3;
    g.beginPath();
    g.arc(160, 52, 20, 0.15 * Math.PI, 0.85 * Math.PI);
    g.stroke();
  },
  jeans: (g, body, accent) => {
    path(g, [[115, 45], [205, 45], [215, 205], [172, 205], [160, 95], [148, 205], [105, 205]]);
    g.fillStyle = vertical(g, 45, 205, [[0, body], [1, accent]]);
    g.fill();
    sheen(g, 105, 215);
    g.fillStyle = accent;
    g.fillRect(115, 45, 90, 12);
    g.strokeStyle = '#d4a017';
    g.setLineDash([3, 3]);
    g.beginPath();
    g.moveTo(160, 57);
    g.lineTo(160, 92);
    g.stroke();
    g.setLineDash([]);
  },
  coat: (g, body, accent) => {
    path(g, [[125, 40], [195, 40], [225, 70], [240, 205], [80, 205], [95, 70]]);
    g.fillStyle = vertical(g, 40, 205, [[0, body], [1, accent]]);
    g.fill();
    sheen(g, 80, 240);
    g.fillStyle = '#2b1d16';
    for (const y of [95, 125, 155, 185]) {
      g.beginPath();
      g.arc(170, y, 4, 0, Math.PI * 2);
      g.fill();
    }
  },
  lipstick: (g, body, accent) => {
    roundRect(g, 135, 120, 50, 85, 4);
    g.fillStyle = across(g, 135, 185, [[0, '#f7e7a1'], [0.4, accent], [1, '#7a5c12']]);
    g.fill();
    path(g, [[142, 120], [178, 120], [178, 70], [142, 52]]);
    g.fillStyle = across(g, 142, 178, [[0, '#ff6b6b'], [0.5, body], [1, '#5c0a0f']]);
    g.fill();
  },
  serum: (g, body, accent) => {
    roundRect(g, 125, 95, 70, 110, 14);
    g.fillStyle = vertical(g, 95, 205, [[0, body], [1, accent]]);
    g.fill();
    sheen(g, 125, 195);
    g.fillStyle = '#222';
    g.fillRect(145, 65, 30, 30);
    roundRect(g, 150, 40, 20, 28, 8);
    g.fill();
    g.fillStyle = 'rgba(255,255,255,0.85)';
    g.fillRect(135, 135, 50, 30);
  },
  mask: (g, body, accent) => {
    roundRect(g, 95, 50, 130, 150, 8);
    g.fillStyle = vertical(g, 50, 200, [[0, body], [1, accent]]);
    g.fill();
    sheen(g, 95, 225);
    g.strokeStyle = 'rgba(255,255,255,0.8)';
    g.lineWidth = 2;
    g.beginPath();
    g.ellipse(160, 120, 35, 45, 0, 0, Math.PI * 2);
    g.stroke();
  },
  orange: (g, body, accent) => {
    g.fillStyle = vertical(g, 150, 210, [[0, '#c8a26b'], [1, '#9c7643']]);
    g.fillRect(70, 150, 180, 60);
    for (const [x, y] of [[110, 140], [160, 135], [210, 142], [135, 110], [185, 108]] as const) fruit(g, x, y, 28, 27, body, accent);
  },
  mango: (g, body, accent) => {
    for (const [x, y] of [[120, 140], [200, 145], [160, 105]] as const) fruit(g, x, y, 42, 28, body, accent);
  },
  earbuds: (g, body, accent) => {
    roundRect(g, 110, 100, 100, 80, 30);
    g.fillStyle = vertical(g, 100, 180, [[0, body], [1, accent]]);
    g.fill();
    for (const x of [135, 185]) {
      g.beginPath();
      g.ellipse(x, 80, 14, 18, 0, 0, Math.PI * 2);
      g.fillStyle = vertical(g, 62, 98, [[0, '#ffffff'], [1, accent]]);
      g.fill();
    }
  },
  charger: (g, body, accent) => {
    roundRect(g, 115, 85, 90, 100, 12);
    g.fillStyle = vertical(g, 85, 185, [[0, body], [1, accent]]);
    g.fill();
    sheen(g, 115, 205);
    g.fillStyle = '#9aa0a6';
    g.fillRect(140, 60, 10, 25);
    g.fillRect(170, 60, 10, 25);
  },
  card: (g, body, accent) => {
    roundRect(g, 85, 70, 150, 95, 10);
    g.fillStyle = across(g, 85, 235, [[0, body], [1, accent]]);
    g.fill();
    g.fillStyle = '#ffffff';
    g.font = `28px "${FONT}"`;
    g.fillText('¥100', 115, 128);
  },
};

/** The table the goods lie on, lit from the upper left. */
function table(g: Ctx, variant: number): void {
  const wood = [['#e8d8c3', '#b89b7a'], ['#eef0f2', '#c3c8cf'], ['#f3e9dc', '#cbb59a']][variant % 3]!;
  g.fillStyle = vertical(g, 0, DEMO_IMAGE.height, [[0, wood[0]!], [1, wood[1]!]]);
  g.fillRect(0, 0, DEMO_IMAGE.width, DEMO_IMAGE.height);
  const light = g.createRadialGradient(60, 30, 10, 60, 30, 260);
  light.addColorStop(0, 'rgba(255,255,255,0.45)');
  light.addColorStop(1, 'rgba(0,0,0,0.18)');
  g.fillStyle = light;
  g.fillRect(0, 0, DEMO_IMAGE.width, DEMO_IMAGE.height);
}

/**
 * A buyer's photo of `product` with `defect` ringed in red and named on it. `variant` moves the
 * ring and changes the table, so two photos of one product differ.
 */
export function defectPhoto(product: Pick<DemoProduct, 'shape' | 'colors'>, defect: string, variant: number): Buffer {
  const canvas = createCanvas(DEMO_IMAGE.width, DEMO_IMAGE.height);
  const g = canvas.getContext('2d');
  table(g, variant);
  g.save();
  g.shadowColor = 'rgba(0,0,0,0.35)';
  g.shadowBlur = 14;
  g.shadowOffsetX = 6;
  g.shadowOffsetY = 8;
  PAINT[product.shape](g, product.colors[0], product.colors[1]);
  g.restore();
  // The ring buyers draw around what is wrong, and the words.
  const x = 140 + ((variant * 23) % 45);
  const y = 100 + ((variant * 17) % 45);
  g.strokeStyle = '#e0112b';
  g.lineWidth = 4;
  g.beginPath();
  g.ellipse(x, y, 30, 24, 0, 0, Math.PI * 2);
  g.stroke();
  g.font = `18px "${FONT}"`;
  const w = g.measureText(defect).width + 16;
  const lx = Math.min(DEMO_IMAGE.width - w - 6, Math.max(6, x - w / 2));
  g.fillStyle = 'rgba(224,17,43,0.9)';
  roundRect(g, lx, 200, w, 30, 6);
  g.fill();
  g.fillStyle = '#ffffff';
  g.fillText(defect, lx + 8, 221);
  g.strokeStyle = '#e0112b';
  g.lineWidth = 2;
  g.beginPath();
  g.moveTo(x, y + 24);
  g.lineTo(lx + w / 2, 200);
  g.stroke();
  return canvas.toBuffer('image/jpeg', 78);
}

/** A merchant's purchase invoice (进货发票): the title, ruled entries, a total and the red seal. */
export function invoiceScan(item: string, amount: string): Buffer {
  const canvas = createCanvas(DEMO_IMAGE.width, DEMO_IMAGE.height);
  const g = canvas.getContext('2d');
  g.fillStyle = '#8a8a8a';
  g.fillRect(0, 0, DEMO_IMAGE.width, DEMO_IMAGE.height);
  g.fillStyle = vertical(g, 0, 240, [[0, '#fdfbf3'], [1, '#f1ecdc']]);
  g.fillRect(10, 8, 300, 224);
  g.fillStyle = '#9b3d2f';
  g.font = `18px "${FONT}"`;
  g.fillText('增值税普通发票', 100, 36);
  g.strokeStyle = '#7d9bb0';
  g.lineWidth = 1;
  for (let y = 52; y <= 172; y += 24) {
    g.beginPath();
    g.moveTo(22, y);
    g.lineTo(298, y);
    g.stroke();
  }
  g.fillStyle = '#333344';
  g.font = `13px "${FONT}"`;
  g.fillText('货物名称', 28, 69);
  g.fillText('金额', 240, 69);
  g.fillText(item, 28, 93);
  g.fillText(amount, 240, 93);
  g.fillText('批次 2026-09-A17', 28, 117);
  g.fillText(`合计 ${amount}`, 200, 195);
  g.strokeStyle = '#d3272f';
  g.lineWidth = 3;
  g.beginPath();
  g.ellipse(95, 190, 42, 28, 0, 0, Math.PI * 2);
  g.stroke();
  g.fillStyle = '#d3272f';
  g.font = `11px "${FONT}"`;
  g.fillText('发票专用章', 66, 195);
  return canvas.toBuffer('image/jpeg', 80);
}

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
