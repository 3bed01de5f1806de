"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizeAction } from "@/lib/auth/session";
import { fail, ok, toActionError, type ActionResult } from "@/lib/app-error";
import { linkExternalEvidence, linkReviewEvidence, unlinkEvidence } from "./mutations";
import { linkExternalSchema, linkReviewSpanSchema, unlinkSchema } from "./schema";

function invalid(error: z.ZodError) {
  return fail("INVALID_INPUT", undefined, z.flattenError(error).fieldErrors as Record<string, string[]>);
}

/** Links a span of the next year's review (a suggestion or a hand selection) to a pledge. */
export async function linkReviewEvidenceAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  const auth = await authorizeAction("evidence:link");
  if (!auth.ok) return auth;
  const parsed = linkReviewSpanSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  try {
    const created = await linkReviewEvidence(auth.user.id, parsed.data);
    revalidatePath("/reports", "layout");
    return ok(created);
  } catch (e) {
    return toActionError(e);
  }
}

/** Links an external source to a pledge. */
export async function linkExternalEvidenceAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  const auth = await authorizeAction("evidence:link");
  if (!auth.ok) return auth;
  const parsed = linkExternalSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  try {
    const created = await linkExternalEvidence(auth.user.id, parsed.data);
    revalidatePath("/reports", "layout");
    return ok(created);
  } catch (e) {
    return toActionError(e);
  }
}

/** Unlinks an evidence item from a pledge (recorded in the audit trail). */
export async function unlinkEvidenceAction(input: unknown): Promise<ActionResult> {
  const auth = await authorizeAction("evidence:link");
  if (!auth.ok) return auth;
  const parsed = unlinkSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  try {
    await unlinkEvidence(auth.user.id, parsed.data);
    revalidatePath("/reports", "layout");
    return ok(undefined);
  } catch (e) {
    return toActionError(e);
  }
}
