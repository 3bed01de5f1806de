"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizeAction } from "@/lib/auth/session";
import { fail, ok, toActionError, type ActionError, type ActionResult } from "@/lib/app-error";
import { createShareLink, revokeShareLink } from "./mutations";
import { createShareSchema, revokeShareSchema } from "./schema";

function invalid(error: z.ZodError): ActionError {
  const fieldErrors = z.flattenError(error).fieldErrors as Record<string, string[]>;
  const first = Object.values(fieldErrors).flat()[0];
  return fail("INVALID_INPUT", first && /^[A-Z_]+$/.test(first) ? first : undefined, fieldErrors);
}

/** Analyst, reviewer, admin: create a read-only public link to an audit report. Returns its token. */
export async function createShareLinkAction(input: unknown): Promise<ActionResult<{ id: string; token: string }>> {
  const auth = await authorizeAction("share:manage");
  if (!auth.ok) return auth;
  const parsed = createShareSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  try {
    const res = await createShareLink(auth.user, parsed.data);
    revalidatePath("/audit", "layout");
    return ok(res);
  } catch (e) {
    return toActionError(e);
  }
}

/** Analyst, reviewer, admin: revoke a share link; its page shows "no longer available" at once. */
export async function revokeShareLinkAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  const auth = await authorizeAction("share:manage");
  if (!auth.ok) return auth;
  const parsed = revokeShareSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  try {
    const res = await revokeShareLink(auth.user, parsed.data);
    revalidatePath("/audit", "layout");
    return ok(res);
  } catch (e) {
    return toActionError(e);
  }
}
