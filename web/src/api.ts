// The console talks to the public HTTP API only (/v1, see /openapi.json). A refusal arrives as
// `{error: {code, message, details}}` with a SPEC §11 code, in the language the console asks for.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'aftersale.token';
let language: 'zh' | 'en' = 'zh';

export const credential = {
  get: (): string | null => localStorage.getItem(TOKEN_KEY),
  set: (token: string | null) => (token ? localStorage.setItem(TOKEN_KEY, token) : localStorage.removeItem(TOKEN_KEY)),
};

export function setApiLanguage(lang: 'zh' | 'en') {
  language = lang;
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const token = credential.get();
  return { 'accept-language': language === 'en' ? 'en' : 'zh-CN', ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra };
}

async function parse<T>(res: Response): Promise<T> {
  const text = await res.text();
  const body = text ? (JSON.parse(text) as unknown) : undefined;
  if (!res.ok) {
    const e = (body as { error?: { code: string; message: string; details?: Record<string, unknown> } } | undefined)?.error;
    throw new ApiError(res.status, e?.code ?? 'internal', e?.message ?? `HTTP ${res.status}`, e?.details ?? {});
  }
  return body as T;
}

/** GET (no body) or POST/PUT/DELETE with a JSON body. Throws ApiError on a refusal. */
export async function api<T>(path: string, init: { method?: string; body?: unknown; idempotencyKey?: string } = {}): Promise<T> {
  const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
  const res = await fetch(path, {
    method,
    headers: headers({
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(init.idempotencyKey ? { 'idempotency-key': init.idempotencyKey } : {}),
    }),
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  return parse<T>(res);
}

/** Uploads one evidence file to a case (multipart: `kind`, `description`, `file`). */
export async function uploadEvidence(caseId: string, file: File, kind: string, description?: string): Promise<{ sha256: string; url: string }> {
  const form = new FormData();
  form.append('kind', kind);
  if (description) form.append('description', description);
  form.append('file', file, file.name);
  const res = await fetch(`/v1/cases/${encodeURIComponent(caseId)}/evidence`, { method: 'POST', headers: headers(), body: form });
  return parse(res);
}

/** Uploads one file to a ticket (multipart: `kind`, `file`); a reply then names it by its hash (SPEC §10.1). */
export async function uploadTicketAttachment(ticketId: string, file: File, kind = 'photo'): Promise<{ sha256: string; url: string }> {
  const form = new FormData();
  form.append('kind', kind);
  form.append('file', file, file.name);
  const res = await fetch(`/v1/tickets/${encodeURIComponent(ticketId)}/attachments`, { method: 'POST', headers: headers(), body: form });
  return parse(res);
}

/**
 * A file's SHA-256 in hex, as the server names it; null where the browser has no WebCrypto
 * (pages served over plain HTTP from another host are not a secure context).
 */
export async function sha256Hex(file: File): Promise<string | null> {
  if (!globalThis.crypto?.subtle) return null;
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Evidence downloads need the bearer header, so images and videos are shown from blob URLs. */
export async function blobUrl(path: string): Promise<string> {
  const res = await fetch(path, { headers: headers() });
  if (!res.ok) await parse(res);
  return URL.createObjectURL(await res.blob());
}

/** Money and instants as the marketplace writes them: one helper for the console (web/src/market.ts). */
export { isoMinutes, money } from './market.ts';
