// SPEC §10.1 ticket attachments: files stored by content hash per ticket (`ticket_files`), the
// same shape as a case's evidence files; a reply may only name files uploaded to its ticket.
import type { Instant } from '../domain/types.ts';
import type { Sql } from './db.ts';
import type { EvidenceFileInput } from './evidence-files.ts';
import { iso } from './time.ts';

/** A ticket's file: an evidence file's fields, owned by a ticket instead of a case. */
export type TicketFileInput = Omit<EvidenceFileInput, 'caseId'> & { ticketId: string };

/** Stores a file once per ticket (the same content again is a no-op). */
export async function storeTicketFile(sql: Sql, f: TicketFileInput, now: Instant): Promise<void> {
  await sql.query(
    `INSERT INTO ticket_files (shop_id, ticket_id, sha256, content_type, size, filename, uploaded_by, content, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (shop_id, ticket_id, sha256) DO NOTHING`,
    [f.shopId, f.ticketId, f.sha256, f.contentType, f.content.length, f.filename, JSON.stringify(f.uploadedBy), f.content, iso(now)],
  );
}

/** Which of these hashes name files of the ticket. */
export async function ticketFilesPresent(sql: Sql, shopId: string, ticketId: string, hashes: readonly string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const r = await sql.query<{ sha256: string }>('SELECT sha256 FROM ticket_files WHERE shop_id = $1 AND ticket_id = $2 AND sha256 = ANY($3)', [shopId, ticketId, hashes]);
  return new Set(r.rows.map((x) => x.sha256));
}

/** One file of a ticket with its content. */
export async function readTicketFile(sql: Sql, shopId: string, ticketId: string, sha256: string): Promise<{ contentType: string; filename: string; content: Buffer } | null> {
  const r = await sql.query<{ content_type: string; filename: string; content: Uint8Array }>(
    'SELECT content_type, filename, content FROM ticket_files WHERE shop_id = $1 AND ticket_id = $2 AND sha256 = $3',
    [shopId, ticketId, sha256],
  );
  const f = r.rows[0];
  return f ? { contentType: f.content_type, filename: f.filename, content: Buffer.from(f.content.buffer, f.content.byteOffset, f.content.byteLength) } : null;
}
