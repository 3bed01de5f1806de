"use client";
import { createContext, useContext, useMemo } from "react";
import { createTranslator, DEFAULT_LOCALE, type Locale, type Translate } from "./messages";

const LocaleContext = createContext<Locale>(DEFAULT_LOCALE);

/** Makes the reader's language available to client components below it. */
export function I18nProvider({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

/** The translate function for client components, plus the current locale. */
export function useTranslator(): { locale: Locale; t: Translate } {
  const locale = useContext(LocaleContext);
  const t = useMemo(() => createTranslator(locale), [locale]);
  return { locale, t };
}
