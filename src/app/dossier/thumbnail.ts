// An evidence image scaled down for the dossier (issue 16): a phone photo of several megabytes
// becomes a JPEG at most 220×165 points, so a dossier with many photos stays small to send.
import { createCanvas, loadImage } from '@napi-rs/canvas';

const MAX = { width: 220, height: 165 };
const IMAGES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

/** The thumbnail and its size, or null for a file that is not an image (or will not decode). */
export async function thumbnail(content: Buffer, contentType: string): Promise<{ jpeg: Buffer; width: number; height: number } | null> {
  if (!IMAGES.has(contentType)) return null;
  try {
    const img = await loadImage(content);
    const scale = Math.min(1, MAX.width / img.width, MAX.height / img.height);
    const width = Math.max(1, Math.round(img.width * scale));
    const height = Math.max(1, Math.round(img.height * scale));
    // Drawn at twice the size it is shown, so it stays sharp when printed.
    const canvas = createCanvas(width * 2, height * 2);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width * 2, height * 2);
    ctx.drawImage(img, 0, 0, width * 2, height * 2);
    return { jpeg: await canvas.encode('jpeg', 80), width, height };
  } catch {
    return null;
  }
}
