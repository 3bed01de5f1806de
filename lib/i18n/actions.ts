"use server";
import { cookies } from "next/headers";
import { isLocale } from "./messages";
import { LOCALE_COOKIE } from "./locale";

/** Sets the UI language (no account needed: it only sets a cookie with a validated value). */
export async function setLocaleAction(locale: string): Promise<void> {
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax", httpOnly: false });
}
