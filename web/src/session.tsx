// Who is signed in: the credential (API key or buyer token) kept in localStorage, and the
// principal the API says it is (GET /v1/me).
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, credential } from './api.ts';
import type { Me as Principal } from '../../src/contract/index.ts';

interface SessionValue {
  principal: Principal | null;
  loading: boolean;
  signIn: (token: string) => Promise<Principal>;
  signOut: () => void;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [principal, setPrincipal] = useState<Principal | null>(null);
  const [loading, setLoading] = useState(() => credential.get() !== null);

  useEffect(() => {
    if (!credential.get()) return;
    api<Principal>('/v1/me')
      .then(setPrincipal)
      .catch(() => credential.set(null))
      .finally(() => setLoading(false));
  }, []);

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
  }, []);
  const signOut = useCallback(() => {
    credential.set(null);
    setPrincipal(null);
  }, []);
  return <SessionContext.Provider value={{ principal, loading, signIn, signOut }}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

/** The landing page of each role. */
export const homeOf = (p: Principal) => (p.kind === 'buyer' ? '/buyer/orders' : p.kind === 'platform' ? '/arbitration' : '/workbench');
