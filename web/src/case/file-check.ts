// A picked file checked as the server will check it (src/domain/evidence-file.ts: type by content,
// at most 20 MiB) before any command names it: a rejection or a refused return must not go through
// with proof the upload then turns away.
import { ALLOWED_TYPES, MAX_EVIDENCE_BYTES, sniffType } from '../../../src/contract/enums.ts';
import type { T } from '../i18n/index.tsx';

export type FileProblem = 'empty' | 'too_big' | 'bad_type';

export async function fileProblem(file: Blob): Promise<FileProblem | null> {
  if (file.size === 0) return 'empty';
  if (file.size > MAX_EVIDENCE_BYTES) return 'too_big';
  const head = new Uint8Array(await file.slice(0, 8192).arrayBuffer());
  const type = sniffType(head);
  return type && (ALLOWED_TYPES as readonly string[]).includes(type) ? null : 'bad_type';
}

/** Throws, in plain words naming the file, when any file would be refused; nothing is sent then. */
export async function checkFiles(files: readonly File[], t: T): Promise<void> {
  for (const f of files) {
    const problem = await fileProblem(f);
    if (problem) throw new Error(t(`case.file.${problem}`, { name: f.name, mb: MAX_EVIDENCE_BYTES / 1024 / 1024 }));
  }
}
