// Evidence files (SPEC §7) stored by content hash, per case: photos, videos, documents.
import type { Actor, Instant } from '../domain/types.ts';
import type { Sql } from './db.ts';
import { iso, toMs } from './time.ts';

export interface EvidenceFileInput {
  shopId: string;
  caseId: string;
  sha256: string;
  contentType: string;
  filename: string;
  uploadedBy: Actor;
  content: Buffer;
}

export interface EvidenceFileInfo {
  sha256: string;
  contentType: string;
  size: number;
  filename: string;
  uploadedBy: Actor;
  createdAt: Instant;
}

/** Stores a file once per case (the same content again is a no-op). */
export async function storeEvidenceFile(sql: Sql, f: EvidenceFileInput, now: Instant): Promise<void> {
  await sql.query(
    `INSERT INTO evidence_files (shop_id, case_id, sha256, content_type, size, filename, uploaded_by, content, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (shop_id, case_id, sha256) DO NOTHING`,
    [f.shopId, f.caseId, f.sha256, f.contentType, f.content.length, f.filename, JSON.stringify(f.uploadedBy), f.content, iso(now)],
  );
}

/** A case's files, oldest first (without their content). */
export async function listEvidenceFiles(sql: Sql, shopId: string, caseId: string): Promise<EvidenceFileInfo[]> {
  const r = await sql.query<{ sha256: string; content_type: string; size: number; filename: string; uploaded_by: Actor; created_at: Date | string }>(
    'SELECT sha256, content_type, size, filename, uploaded_by, created_at FROM evidence_files WHERE shop_id = $1 AND case_id = $2 ORDER BY created_at, sha256',
    [shopId, caseId],
  );
  return r.rows.map((f) => ({ sha256: f.sha256, contentType: f.content_type, size: Number(f.size), filename: f.filename, uploadedBy: f.uploaded_by, createdAt: toMs(f.created_at) }));
}

/** One file with its content. */
export async function readEvidenceFile(sql: Sql, shopId: string, caseId: string, sha256: string): Promise<{ contentType: string; filename: string; content: Buffer } | null> {
  const r = await sql.query<{ content_type: string; filename: string; content: Uint8Array }>(
    'SELECT content_type, filename, content FROM evidence_files WHERE shop_id = $1 AND case_id = $2 AND sha256 = $3',
    [shopId, caseId, sha256],
  );
  const f = r.rows[0];
  if (!f) return null;
  return { contentType: f.content_type, filename: f.filename, content: Buffer.from(f.content.buffer, f.content.byteOffset, f.content.byteLength) };
}

/** The content type of each of a case's files, by hash (the case detail links them). */
export async function evidenceFileTypes(sql: Sql, shopId: string, caseId: string): Promise<Map<string, string>> {
  const r = await sql.query<{ sha256: string; content_type: string }>('SELECT sha256, content_type FROM evidence_files WHERE shop_id = $1 AND case_id = $2', [shopId, caseId]);
  return new Map(r.rows.map((f) => [f.sha256, f.content_type]));
}
