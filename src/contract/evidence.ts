// What the evidence routes answer (src/http/evidence-routes.ts): an upload, and a case's files.
import { z } from 'zod';
import { ALLOWED_TYPES, EVIDENCE_KINDS, ROLES } from './enums.ts';
import { IsoInstant, listOf, MediaType } from './primitives.ts';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** POST /v1/cases/:case/evidence (201): the stored file, named by its content hash. */
export const EvidenceUploaded = z.strictObject({
  sha256: Sha256,
  kind: z.enum(EVIDENCE_KINDS),
  content_type: MediaType,
  size: z.number().int(),
  url: z.string(),
});
export type EvidenceUploaded = z.infer<typeof EvidenceUploaded>;

export const EvidenceFile = z.strictObject({
  sha256: Sha256,
  /** The item the file was recorded as; null for a file no item names. */
  kind: z.enum(EVIDENCE_KINDS).nullable(),
  description: z.string().nullable(),
  content_type: MediaType,
  size: z.number().int(),
  filename: z.string(),
  uploaded_by: z.strictObject({ role: z.enum(ROLES), id: z.string().optional() }),
  created_at: IsoInstant,
  url: z.string(),
});
export type EvidenceFile = z.infer<typeof EvidenceFile>;

/** GET /v1/cases/:case/evidence. */
export const EvidenceFiles = listOf(EvidenceFile);
export type EvidenceFiles = z.infer<typeof EvidenceFiles>;

/** A file's bytes, sent as they are (never serialized). */
const FileContent = z.custom<Uint8Array>((v) => v instanceof Uint8Array).meta({ type: 'string', format: 'binary' });

/** GET /v1/cases/:case/evidence/:sha256: the file's bytes, served with its own media type. */
export const EvidenceBytes = {
  description: 'The file, with the media type its content is',
  content: Object.fromEntries(ALLOWED_TYPES.map((t) => [t, { schema: FileContent }])),
};

/** GET /v1/cases/:case/dossier.pdf: the case dossier (issue 16), for a court, a regulator or an auditor. */
export const CaseDossierPdf = {
  description: 'The case dossier as a PDF: the case, both sides’ evidence, every event, the policy applied and the hash chain’s head with how to verify it',
  content: { 'application/pdf': { schema: FileContent } },
};
