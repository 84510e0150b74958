// Exports and documents need the bearer header, so they are fetched and handed to the browser as a
// blob: a CSV export, a case dossier PDF.
import { blobUrl } from '../api.ts';

export async function downloadFile(path: string, filename: string): Promise<void> {
  const url = await blobUrl(path);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const downloadCsv = downloadFile;
