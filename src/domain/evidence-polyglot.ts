// Polyglot uploads (issue 19 item 6): a file whose signature says image, video or PDF but whose
// bytes also hold markup or script a browser or an interpreter would run (an image that is also an
// HTML page, a GIF that is also a JAR, a PDF with JavaScript actions) is refused. Pure, on bytes:
// the server judges uploads with it (after `sniffType`), the console may too.

/** Case-insensitive markers of active content in any accepted file. */
const MARKUP = ['<script', '<html', '<!doctype html', '<iframe', '<body', '<svg', '<object', '<embed', '<?php', '<%@', 'javascript:', '<?xml-stylesheet'];
/** PDF actions that run code or other programs. */
const PDF_ACTIVE = ['/javascript', '/js ', '/js(', '/js<', '/launch', '/embeddedfile', '/richmedia', '/xfa'];
/** An archive's end of central directory: a JAR or ZIP appended to an image (GIFAR). */
const ZIP_END = 'pk\x05\x06';

/** What active content the bytes hold (the first marker found), or null. */
export function polyglotMarker(b: Uint8Array, type: string): string | null {
  // windows-1252 maps every byte to one character: indexes stay byte offsets.
  const text = new TextDecoder('latin1').decode(b).toLowerCase();
  for (const m of MARKUP) if (text.includes(m)) return m;
  if (type === 'application/pdf') for (const m of PDF_ACTIVE) if (text.includes(m)) return m.trim();
  if (type.startsWith('image/') && text.includes(ZIP_END)) return 'zip archive';
  return null;
}
