// A protected file shown in the page: downloads need the bearer header, so the file is fetched
// and shown from a blob URL, revoked when the component goes or the file changes.
import { useEffect, useState } from 'react';
import { blobUrl } from '../api.ts';

export function useBlobUrl(path: string | null): string | null {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let url: string | null = null;
    let live = true;
    if (path) {
      blobUrl(path)
        .then((u) => {
          url = u;
          if (live) setSrc(u);
        })
        .catch(() => undefined);
    }
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [path]);
  return src;
}
