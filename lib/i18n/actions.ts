"use server";
import { cookies } from "next/headers";
import { z } from "zod";
import { runPublicAction } from "@/lib/auth/guarded-action";
import type { ActionResult } from "@/lib/app-error";
import { LOCALES } from "./messages";
import { LOCALE_COOKIE } from "./locale";

/** Sets the UI language (no account needed: it only sets a cookie with a validated value). */
export async function setLocaleAction(locale: string): Promise<ActionResult> {
  return runPublicAction({ schema: z.enum(LOCALES), input: locale }, async (value) => {
    (await cookies()).set(LOCALE_COOKIE, value, {
      path: "/",
      maxAge: 365 * 24 * 3600,
      sameSite: "lax",
      httpOnly: false,
    });
    return undefined;
  });
}
