// Issue 16: a case page that stays true — GET /v1/cases/:id again every few seconds with the
// ETag it holds (If-None-Match): 304 while nothing changed, the new state (and so the actions now
// allowed) as soon as anything did, from this tab, another tab or the other party.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, credential } from '../api.ts';
import { useLang } from '../i18n/index.tsx';
import type { CaseDetail } from '../../../src/contract/index.ts';

export const POLL_MS = 3000;

export function useLiveCase(caseId: string) {
  const { lang } = useLang();
  const [c, setC] = useState<CaseDetail | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const etag = useRef<string | null>(null);

  const load = useCallback(
    async (revalidate = false) => {
      const token = credential.get();
      try {
        const res = await fetch(`/v1/cases/${encodeURIComponent(caseId)}`, {
          cache: 'no-store',
          headers: {
            'accept-language': lang === 'en' ? 'en' : 'zh-CN',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...(revalidate && etag.current ? { 'if-none-match': etag.current } : {}),
          },
        });
        if (res.status === 304) return;
        const body = (await res.json()) as CaseDetail | { error: { code: string; message: string; details?: Record<string, unknown> } };
        if (!res.ok || 'error' in body) {
          const e = 'error' in body ? body.error : { code: 'internal', message: `HTTP ${res.status}` };
          throw new ApiError(res.status, e.code, e.message, 'details' in e ? e.details : {});
        }
        etag.current = res.headers.get('etag');
        setC(body);
        setError(null);
      } catch (e) {
        setError(e instanceof ApiError ? e : new ApiError(0, 'network', String(e)));
      }
    },
    [caseId, lang],
  );

  useEffect(() => {
    setC(null);
    etag.current = null;
    void load();
    // Polls while the tab is seen; coming back to it checks at once.
    const tick = () => {
      if (document.visibilityState === 'visible') void load(true);
    };
    const id = setInterval(tick, POLL_MS);
    document.addEventListener('visibilitychange', tick);
    return () => {
      clearInterval(id);
      document.removeEventListener('visibilitychange', tick);
    };
  }, [load]);

  return { c, error, reload: () => load() };
}
