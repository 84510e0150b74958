// The merchant's queue: GET /v1/cases sorted by the nearest deadline (cases without one last), a
// page at a time, under the workbench's filters.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../api.ts';
import { CASE_STATUSES, isOpenStatus } from '../../../src/contract/enums.ts';
import type { CaseSummary, CursorPage as Page } from '../../../src/contract/index.ts';

export interface QueueFilters {
  /** A status, `open` (every status but completed/closed), or `all`. */
  status: string;
  type?: string;
  reason?: string;
  phase?: string;
  /** Hours from now the deadline falls within. */
  within?: number;
  q?: string;
}

const PAGE = 50;
const OPEN_STATUSES = CASE_STATUSES.filter(isOpenStatus);

export function queryOf(f: QueueFilters, cursor: string | null): string {
  const p = new URLSearchParams({ sort: 'deadline', limit: String(PAGE) });
  // Looking a case up by its number finds it finished too: "open" only narrows a browse.
  if (f.status === 'open') {
    if (!f.q) p.set('status', OPEN_STATUSES.join(','));
  } else if (f.status !== 'all') p.set('status', f.status);
  if (f.type) p.set('type', f.type);
  if (f.reason) p.set('reason', f.reason);
  if (f.phase) p.set('phase', f.phase);
  if (f.within) p.set('deadline_before', new Date(Date.now() + f.within * 3_600_000).toISOString());
  if (f.q) p.set('q', f.q);
  if (cursor) p.set('cursor', cursor);
  return `/v1/cases?${p.toString()}`;
}

export function useQueue(filters: QueueFilters) {
  const [rows, setRows] = useState<CaseSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  // A newer request (filters changed while a page was loading) wins; older answers are dropped.
  const generation = useRef(0);
  const key = JSON.stringify(filters);

  const fetchFrom = useCallback(
    async (from: string | null, append: boolean) => {
      const f = JSON.parse(key) as QueueFilters;
      const gen = ++generation.current;
      setLoading(true);
      try {
        const page = await api<Page<CaseSummary>>(queryOf(f, from));
        if (gen !== generation.current) return;
        setRows((old) => (append ? [...old, ...page.data] : page.data));
        setCursor(page.next_cursor);
        setError(null);
      } catch (e) {
        if (gen === generation.current) setError(e instanceof ApiError ? e : new ApiError(0, 'network', String(e)));
      } finally {
        if (gen === generation.current) setLoading(false);
      }
    },
    [key],
  );

  useEffect(() => {
    void fetchFrom(null, false);
  }, [fetchFrom]);

  return {
    rows,
    loading,
    error,
    hasMore: cursor !== null,
    loadMore: () => void fetchFrom(cursor, true),
    reload: () => void fetchFrom(null, false),
  };
}
