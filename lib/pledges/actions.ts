"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizeAction } from "@/lib/auth/session";
import { AppError, fail, ok, toActionError, type ActionError, type ActionResult } from "@/lib/app-error";
import { createPledge, deletePledge, mergePledges, splitPledge, updatePledge } from "./mutations";
import { createPledgeSchema, deletePledgeSchema, mergePledgeSchema, splitPledgeSchema, updatePledgeSchema } from "./schema";

function invalid(error: z.ZodError): ActionError {
  return fail("INVALID_INPUT", undefined, z.flattenError(error).fieldErrors as Record<string, string[]>);
}

/**
 * Like toActionError, but an overlap keeps the pledge it overlaps (fieldErrors.overlapWith =
 * [id, text]) so the page can name it and select it.
 */
function toPledgeActionError(e: unknown): ActionError {
  if (e instanceof AppError && e.message === "PLEDGE_OVERLAP" && e.details) {
    return fail("INVALID_INPUT", "PLEDGE_OVERLAP", { overlapWith: [String(e.details.pledgeId), String(e.details.text).slice(0, 200)] });
  }
  return toActionError(e);
}

function refresh(reportId: string): void {
  revalidatePath(`/reports/${reportId}`);
}

/** Analyst and up: split a pledge at source offset `at`. Returns both parts' ids. */
export async function splitPledgeAction(input: unknown): Promise<ActionResult<{ firstId: string; secondId: string }>> {
  const auth = await authorizeAction("pledge:edit");
  if (!auth.ok) return auth;
  const parsed = splitPledgeSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  try {
    const res = await splitPledge(auth.user, parsed.data);
    refresh(parsed.data.reportId);
    return ok(res);
  } catch (e) {
    return toPledgeActionError(e);
  }
}

/** Analyst and up: merge a pledge with the one directly after it. Returns the merged pledge's id. */
export async function mergePledgesAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  const auth = await authorizeAction("pledge:edit");
  if (!auth.ok) return auth;
  const parsed = mergePledgeSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  try {
    const res = await mergePledges(auth.user, parsed.data);
    refresh(parsed.data.reportId);
    return ok(res);
  } catch (e) {
    return toPledgeActionError(e);
  }
}

/** Analyst and up: change a pledge's kind and/or target (null clears the target). */
export async function updatePledgeAction(input: unknown): Promise<ActionResult<{ id: string; version: number }>> {
  const auth = await authorizeAction("pledge:edit");
  if (!auth.ok) return auth;
  const parsed = updatePledgeSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  try {
    const res = await updatePledge(auth.user, parsed.data);
    refresh(parsed.data.reportId);
    return ok(res);
  } catch (e) {
    return toPledgeActionError(e);
  }
}

/** Analyst and up: delete a pledge. */
export async function deletePledgeAction(input: unknown): Promise<ActionResult> {
  const auth = await authorizeAction("pledge:edit");
  if (!auth.ok) return auth;
  const parsed = deletePledgeSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  try {
    await deletePledge(auth.user, parsed.data);
    refresh(parsed.data.reportId);
    return ok(undefined);
  } catch (e) {
    return toPledgeActionError(e);
  }
}

/** Analyst and up: add a pledge over source [start, end) (trimmed; overlaps refused). */
export async function createPledgeAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  const auth = await authorizeAction("pledge:edit");
  if (!auth.ok) return auth;
  const parsed = createPledgeSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  try {
    const res = await createPledge(auth.user, parsed.data);
    refresh(parsed.data.reportId);
    return ok(res);
  } catch (e) {
    return toPledgeActionError(e);
  }
}
