// Who is signed in: the credential (API key or buyer token) kept in localStorage, and the
// principal the API says it is (GET /v1/me).
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, credential } from './api.ts';
import { useLang } from './i18n/index.tsx';
import { setMarket } from './market.ts';
import type { Me as Principal } from '../../src/contract/index.ts';

interface SessionValue {
  principal: Principal | null;
  loading: boolean;
  signIn: (token: string) => Promise<Principal>;
  signOut: () => void;
}

const SessionContext = createContext<SessionValue | null>(null);

/**
 * SPEC §13: the signed-in shop's marketplace sets the console's money and date formats, and its
 * first language (English for a US-dollar shop, Chinese otherwise) unless the user chose one.
 */
function useMarketOf() {
  const { preferLang } = useLang();
  return useCallback(
    (p: Principal | null) => {
      setMarket(p?.kind === 'shop' ? { currency: p.currency, timeZone: p.time_zone } : null);
      preferLang(p?.kind === 'shop' && p.currency === 'USD' ? 'en' : 'zh');
    },
    [preferLang],
  );
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const marketOf = useMarketOf();
  const [principal, setPrincipalState] = useState<Principal | null>(null);
  const setPrincipal = useCallback(
    (p: Principal | null) => {
      marketOf(p);
      setPrincipalState(p);
    },
    [marketOf],
  );
  const [loading, setLoading] = useState(() => credential.get() !== null);

  useEffect(() => {
    if (!credential.get()) return;
    api<Principal>('/v1/me')
      .then(setPrincipal)
      .catch(() => credential.set(null))
      .finally(() => setLoading(false));
  }, [setPrincipal]);

  const signIn = useCallback(async (token: string) => {
    const previous = credential.get();
    credential.set(token.trim());
    try {
      const p = await api<Principal>('/v1/me');
      setPrincipal(p);
      return p;
    } catch (e) {
      credential.set(previous);
      throw e;
    }
  }, [setPrincipal]);
  const signOut = useCallback(() => {
    credential.set(null);
    setPrincipal(null);
  }, [setPrincipal]);
  return <SessionContext.Provider value={{ principal, loading, signIn, signOut }}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

/** The landing page of each role. */
export const homeOf = (p: Principal) => (p.kind === 'buyer' ? '/buyer/orders' : p.kind === 'platform' ? '/arbitration' : '/workbench');
