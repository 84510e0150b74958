// Chinese first, English too (issue 5): one dictionary per area of the console, merged here. A key
// missing in English falls back to Chinese, then to the key itself. `{name}` placeholders.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { setApiLanguage } from '../api.ts';
import common from './common.ts';
import workbench from './workbench.ts';
import buyer from './buyer.ts';
import arbitration from './arbitration.ts';
import policy from './policy.ts';
import governance from './governance.ts';
import automation from './automation.ts';
import metrics from './metrics.ts';
import desk from './desk.ts';
import workday from './workday.ts';
import dossier from './dossier.ts';
import claims from './claims.ts';

export type Lang = 'zh' | 'en';
export type Dict = { zh: Record<string, string>; en: Record<string, string> };
const DICTS: Dict[] = [common, workbench, buyer, arbitration, policy, governance, automation, metrics, desk, workday, dossier, claims];
const merged: Dict = { zh: Object.assign({}, ...DICTS.map((d) => d.zh)), en: Object.assign({}, ...DICTS.map((d) => d.en)) };

export type T = (key: string, vars?: Record<string, string | number>) => string;

interface LangContextValue {
  lang: Lang;
  setLang: (l: Lang) => void;
  /** The language a signed-in marketplace starts in (SPEC §13); a language the user chose wins. */
  preferLang: (l: Lang) => void;
  t: T;
}

const LangContext = createContext<LangContextValue | null>(null);
const LANG_KEY = 'aftersale.lang';

export function translate(lang: Lang, key: string, vars?: Record<string, string | number>): string {
  const text = merged[lang][key] ?? merged.zh[key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
}

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh'));
  setApiLanguage(lang);
  // The page's language for screen readers and fonts, also after a reload in English.
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  const setLang = useCallback((l: Lang) => {
    localStorage.setItem(LANG_KEY, l);
    setApiLanguage(l);
    setLangState(l);
  }, []);
  const preferLang = useCallback((l: Lang) => {
    if (localStorage.getItem(LANG_KEY) !== null) return;
    setApiLanguage(l);
    setLangState(l);
  }, []);
  const value = useMemo<LangContextValue>(() => ({ lang, setLang, preferLang, t: (key, vars) => translate(lang, key, vars) }), [lang, setLang, preferLang]);
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export function useLang(): LangContextValue {
  const v = useContext(LangContext);
  if (!v) throw new Error('useLang outside LangProvider');
  return v;
}

/** The translator of the current language. */
export const useT = (): T => useLang().t;

/** Label of a SPEC code (status, type, reason, …): `t('status.requested')`, falling back to the code. */
export function useLabel() {
  const { lang } = useLang();
  return (group: string, code: string | null | undefined) => (code ? translate(lang, `${group}.${code}`) : '—').replace(`${group}.`, '');
}
