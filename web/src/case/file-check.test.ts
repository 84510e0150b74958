import { describe, expect, it } from 'vitest';
import { MAX_EVIDENCE_BYTES } from '../../../src/contract/enums.ts';
import { checkFiles, fileProblem } from './file-check.ts';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describe('fileProblem', () => {
  it('judges a file by its bytes, as the upload does', async () => {
    expect(await fileProblem(new Blob([PNG], { type: 'image/png' }))).toBeNull();
    expect(await fileProblem(new Blob(['%PDF-1.7\n'], { type: 'application/pdf' }))).toBeNull();
    // Named and typed as an image, but text inside: refused.
    expect(await fileProblem(new Blob(['not really a photo'], { type: 'image/png' }))).toBe('bad_type');
    expect(await fileProblem(new Blob([]))).toBe('empty');
    expect(await fileProblem(new Blob([PNG, new Uint8Array(MAX_EVIDENCE_BYTES)]))).toBe('too_big');
  });

  it('stops before sending, naming the file', async () => {
    const t = (key: string, vars?: Record<string, string | number>) => `${key}:${vars?.name}`;
    const ok = new File([PNG], 'ok.png');
    await expect(checkFiles([ok], t)).resolves.toBeUndefined();
    await expect(checkFiles([ok, new File(['hello'], 'fake.png')], t)).rejects.toThrow('case.file.bad_type:fake.png');
  });
});
