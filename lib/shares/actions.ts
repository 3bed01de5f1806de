"use server";
import { revalidatePath } from "next/cache";
import { runGuardedAction } from "@/lib/auth/guarded-action";
import type { ActionResult } from "@/lib/app-error";
import { createShareLink, revokeShareLink } from "./mutations";
import { createShareSchema, revokeShareSchema } from "./schema";

const refresh = () => revalidatePath("/audit", "layout");

/** Analyst, reviewer, admin: create a read-only public link to an audit report. Returns its token. */
export async function createShareLinkAction(
  input: unknown,
): Promise<ActionResult<{ id: string; token: string }>> {
  return runGuardedAction(
    { permission: "share:manage", schema: createShareSchema, input, after: refresh },
    (user, data) => createShareLink(user, data),
  );
}

/** Analyst, reviewer, admin: revoke a share link; its page shows "no longer available" at once. */
export async function revokeShareLinkAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return runGuardedAction(
    { permission: "share:manage", schema: revokeShareSchema, input, after: refresh },
    (user, data) => revokeShareLink(user, data),
  );
}
