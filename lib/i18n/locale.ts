import "server-only";
import { cookies } from "next/headers";
import {
  createTranslator,
  DEFAULT_LOCALE,
  isLocale,
  type Locale,
  type Translate,
} from "./messages";

export const LOCALE_COOKIE = "duixian-lang";

/** The reader's language: the cookie set by the language switch, Chinese by default. */
export async function getLocale(): Promise<Locale> {
  const value = (await cookies()).get(LOCALE_COOKIE)?.value;
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

/** The translate function for the reader's language, for server components. */
export async function getTranslator(): Promise<{ locale: Locale; t: Translate }> {
  const locale = await getLocale();
  return { locale, t: createTranslator(locale) };
}
