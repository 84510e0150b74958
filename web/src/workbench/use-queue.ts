// The merchant's queue: GET /v1/cases sorted by the nearest deadline (cases without one last), a
// page at a time, under the workbench's filters.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../api.ts';
import { CASE_STATUSES, isOpenStatus } from '../../../src/contract/enums.ts';
import type { CaseSummary, CursorPage as Page } from '../../../src/contract/index.ts';

export interface QueueFilters {
  /** A status, `open` (every status but completed/closed), `ended` (completed or closed), or `all`. */
  status: string;
  /** `applied`: newest first; otherwise most urgent first (the running deadline's due instant). */
  sort?: 'applied';
  type?: string;
  reason?: string;
  phase?: string;
  /** Hours from now the deadline falls within. */
  within?: number;
  q?: string;
}

const PAGE = 50;
const OPEN_STATUSES = CASE_STATUSES.filter(isOpenStatus);
const ENDED_STATUSES = CASE_STATUSES.filter((s) => !isOpenStatus(s));

/** The list's filters as a query string (no page): the queue and its exports ask the same. */
export function filterQuery(f: QueueFilters): URLSearchParams {
  const p = new URLSearchParams({ sort: f.sort ?? 'deadline' });
  // Looking a case up by its number finds it finished too: "open" only narrows a browse.
  if (f.status === 'open') {
    if (!f.q) p.set('status', OPEN_STATUSES.join(','));
  } else if (f.status === 'ended') p.set('status', ENDED_STATUSES.join(','));
  else if (f.status !== 'all') p.set('status', f.status);
  if (f.type) p.set('type', f.type);
  if (f.reason) p.set('reason', f.reason);
  if (f.phase) p.set('phase', f.phase);
  if (f.within) p.set('deadline_before', new Date(Date.now() + f.within * 3_600_000).toISOString());
  if (f.q) p.set('q', f.q);
  return p;
}

export function queryOf(f: QueueFilters, cursor: string | null): string {
  const p = filterQuery(f);
  p.set('limit', String(PAGE));
  if (cursor) p.set('cursor', cursor);
  return `/v1/cases?${p.toString()}`;
}

/** Any filter beyond the default queue (open cases, most urgent first): an empty list then means "nothing found". */
export const isNarrowed = (f: QueueFilters) => f.status !== 'open' || !!(f.type || f.reason || f.phase || f.within || f.q);

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
