// A list the API pages with `next_cursor`, read page by page ("load more").
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../api.ts';
import type { CursorPage as Page } from '../../../src/contract/index.ts';

export function usePaged<T>(path: string) {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (after: string | null) => {
      setLoading(true);
      setError(null);
      try {
        const sep = path.includes('?') ? '&' : '?';
        const page = await api<Page<T>>(after ? `${path}${sep}cursor=${encodeURIComponent(after)}` : path);
        setItems((prev) => (after ? [...prev, ...page.data] : page.data));
        setCursor(page.next_cursor);
      } catch (e) {
        setError(e instanceof ApiError ? e.message : String(e));
      } finally {
        setLoading(false);
      }
    },
    [path],
  );
  useEffect(() => {
    void load(null);
  }, [load]);
  return { items, loading, error, more: cursor ? () => load(cursor) : null, reload: () => load(null) };
}
