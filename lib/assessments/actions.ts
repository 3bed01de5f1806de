"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizeAction } from "@/lib/auth/session";
import { invalidInput, runGuardedAction } from "@/lib/auth/guarded-action";
import { can, type Permission } from "@/lib/auth/permissions";
import { AppError, fail, ok, toActionError, type ActionError, type ActionResult } from "@/lib/app-error";
import { addComment, approveAssessment, assignPledge, bulkUpdate, returnAssessment, saveAssessment, submitAssessment } from "./mutations";
import {
  addCommentSchema,
  assignPledgeSchema,
  bulkUpdateSchema,
  returnAssessmentSchema,
  reviewStepSchema,
  saveAssessmentSchema,
  type AssessmentConflict,
} from "./schema";

/**
 * An ActionResult whose failure may carry `conflict` (a stale version: the current values and who
 * changed them last). Assignable to ActionResult<T>.
 */
export type AssessmentActionResult<T> = { ok: true; data: T } | (ActionError & { conflict?: AssessmentConflict });

function toAssessmentError(e: unknown): ActionError & { conflict?: AssessmentConflict } {
  const base = toActionError(e);
  if (e instanceof AppError && e.code === "CONFLICT" && e.details?.conflict) return { ...base, conflict: e.details.conflict as AssessmentConflict };
  return base;
}

function refresh(): void {
  revalidatePath("/reports", "layout");
  revalidatePath("/review");
}

/** Session + permission + zod, then the mutation; a stale version's failure carries the conflict. */
function run<S extends z.ZodType, T>(
  permission: Permission,
  schema: S,
  input: unknown,
  mutate: (actor: { id: string; role: string }, data: z.infer<S>) => Promise<T>,
): Promise<AssessmentActionResult<T>> {
  return runGuardedAction({ permission, schema, input, after: refresh, mapError: toAssessmentError }, mutate);
}

/** Analyst and up: save status, rationale and reported figure (an approved or submitted assessment becomes a draft: reopened). */
export async function saveAssessmentAction(input: unknown): Promise<AssessmentActionResult<{ version: number; reviewState: string; reopened: boolean }>> {
  return run("assessment:edit", saveAssessmentSchema, input, saveAssessment);
}

/** Analyst and up: submit a draft or returned assessment for review. */
export async function submitAssessmentAction(input: unknown): Promise<AssessmentActionResult<{ version: number }>> {
  return run("assessment:submit", reviewStepSchema, input, submitAssessment);
}

/** Reviewer and admin: approve a submitted assessment someone else submitted. */
export async function approveAssessmentAction(input: unknown): Promise<AssessmentActionResult<{ version: number }>> {
  return run("assessment:review", reviewStepSchema, input, approveAssessment);
}

/** Reviewer and admin: return a submitted assessment someone else submitted, with a comment. */
export async function returnAssessmentAction(input: unknown): Promise<AssessmentActionResult<{ version: number }>> {
  return run("assessment:review", returnAssessmentSchema, input, returnAssessment);
}

/** Analyst and up: assign a pledge to a user, or clear it (assigneeId null). */
export async function assignPledgeAction(input: unknown): Promise<AssessmentActionResult<{ version: number }>> {
  return run("assessment:assign", assignPledgeSchema, input, assignPledge);
}

/** Analyst and up: comment on a pledge. */
export async function addCommentAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return run("comment:create", addCommentSchema, input, addComment);
}

/**
 * Analyst and up: one change to up to 500 pledges, each in its own transaction; pledges whose
 * state forbids the change are skipped and reported. Each part needs its permission (status or
 * rationale: assessment:edit, assignee: assessment:assign, submit: assessment:submit).
 */
export async function bulkUpdateAction(input: unknown): Promise<ActionResult<{ updated: number; skipped: { pledgeId: string; reason: string }[] }>> {
  const auth = await authorizeAction("assessment:edit");
  if (!auth.ok) return auth;
  const parsed = bulkUpdateSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const b = parsed.data;
  if ((b.assigneeId !== undefined && !can(auth.user.role, "assessment:assign")) || (b.submit && !can(auth.user.role, "assessment:submit"))) return fail("FORBIDDEN");
  try {
    const res = await bulkUpdate(auth.user, b);
    refresh();
    return ok(res);
  } catch (e) {
    return toActionError(e);
  }
}
