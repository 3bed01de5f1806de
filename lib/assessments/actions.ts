"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runGuardedAction } from "@/lib/auth/guarded-action";
import { can, type Permission } from "@/lib/auth/permissions";
import { AppError, toActionError, type ActionError, type ActionResult } from "@/lib/app-error";
import { getLocale } from "@/lib/i18n/locale";
import { getSuggestedVerdicts } from "@/lib/evidence-links/data";
import {
  acceptSuggestions,
  addComment,
  approveAssessment,
  assignPledge,
  bulkUpdate,
  returnAssessment,
  saveAssessment,
  submitAssessment,
} from "./mutations";
import { reportOfPledges } from "./data";
import {
  acceptSuggestionsSchema,
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
export type AssessmentActionResult<T> =
  { ok: true; data: T } | (ActionError & { conflict?: AssessmentConflict });

function toAssessmentError(e: unknown): ActionError & { conflict?: AssessmentConflict } {
  const base = toActionError(e);
  if (e instanceof AppError && e.code === "CONFLICT" && e.details?.conflict)
    return { ...base, conflict: e.details.conflict as AssessmentConflict };
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
  return runGuardedAction(
    { permission, schema, input, after: refresh, mapError: toAssessmentError },
    mutate,
  );
}

/**
 * The verdicts the evidence suggests for `pledgeIds` (all of one report, else none: ids are never
 * trusted to share a report), as id → status, for saving verdicts with the suggestion they were
 * written against.
 */
async function suggestedStatusesOf(pledgeIds: string[]): Promise<Map<string, string | null>> {
  const reportId = await reportOfPledges(pledgeIds);
  const out = new Map<string, string | null>();
  if (!reportId) return out;
  for (const [id, s] of (await getSuggestedVerdicts(reportId, pledgeIds)) ?? [])
    out.set(id, s?.status ?? null);
  return out;
}

/**
 * Analyst and up: save status, rationale and reported figure (an approved or submitted assessment
 * becomes a draft: reopened), with the verdict the evidence suggests at that moment.
 */
export async function saveAssessmentAction(
  input: unknown,
): Promise<AssessmentActionResult<{ version: number; reviewState: string; reopened: boolean }>> {
  return run("assessment:edit", saveAssessmentSchema, input, async (actor, data) => {
    const suggested = await suggestedStatusesOf([data.pledgeId]);
    return saveAssessment(actor, data, { suggestedStatus: suggested.get(data.pledgeId) ?? null });
  });
}

/**
 * Analyst and up: accept the evidence's suggested verdicts of a report's pledges (the ones named,
 * or every quantitative one), each a draft with the suggestion's reason, in the reader's language,
 * as rationale. Pledges already assessed keep their verdict and are reported as skipped.
 */
export async function acceptSuggestionsAction(
  input: unknown,
): Promise<ActionResult<{ accepted: number; skipped: { pledgeId: string; reason: string }[] }>> {
  return runGuardedAction(
    { permission: "assessment:edit", schema: acceptSuggestionsSchema, input, after: refresh },
    async (actor, data) => {
      const [suggestions, locale] = await Promise.all([
        getSuggestedVerdicts(data.reportId, data.pledgeIds),
        getLocale(),
      ]);
      if (!suggestions) throw new AppError("NOT_FOUND");
      const items = [...suggestions].flatMap(([pledgeId, s]) =>
        s
          ? [
              {
                pledgeId,
                status: s.status,
                rationale: s.reason[locale],
                reportedValue: s.reportedValue,
              },
            ]
          : [],
      );
      const res = await acceptSuggestions(actor, data.reportId, items);
      // named pledges that have no suggestion (another report's, or no paired review) are skipped too
      const missing = (data.pledgeIds ?? [])
        .filter((id) => !suggestions.get(id))
        .map((pledgeId) => ({
          pledgeId,
          reason: suggestions.has(pledgeId) ? "NO_SUGGESTION" : "NOT_FOUND",
        }));
      return { accepted: res.accepted, skipped: [...res.skipped, ...missing] };
    },
  );
}

/** Analyst and up: submit a draft or returned assessment for review. */
export async function submitAssessmentAction(
  input: unknown,
): Promise<AssessmentActionResult<{ version: number }>> {
  return run("assessment:submit", reviewStepSchema, input, submitAssessment);
}

/** Reviewer and admin: approve a submitted assessment someone else submitted. */
export async function approveAssessmentAction(
  input: unknown,
): Promise<AssessmentActionResult<{ version: number }>> {
  return run("assessment:review", reviewStepSchema, input, approveAssessment);
}

/** Reviewer and admin: return a submitted assessment someone else submitted, with a comment. */
export async function returnAssessmentAction(
  input: unknown,
): Promise<AssessmentActionResult<{ version: number }>> {
  return run("assessment:review", returnAssessmentSchema, input, returnAssessment);
}

/** Analyst and up: assign a pledge to a user, or clear it (assigneeId null). */
export async function assignPledgeAction(
  input: unknown,
): Promise<AssessmentActionResult<{ version: number }>> {
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
export async function bulkUpdateAction(
  input: unknown,
): Promise<ActionResult<{ updated: number; skipped: { pledgeId: string; reason: string }[] }>> {
  return runGuardedAction(
    { permission: "assessment:edit", schema: bulkUpdateSchema, input, after: refresh },
    async (user, b) => {
      if (
        (b.assigneeId !== undefined && !can(user.role, "assessment:assign")) ||
        (b.submit && !can(user.role, "assessment:submit"))
      )
        throw new AppError("FORBIDDEN", "FORBIDDEN");
      return bulkUpdate(user, b, {
        suggestedStatuses:
          b.status !== undefined ? await suggestedStatusesOf(b.pledgeIds) : undefined,
      });
    },
  );
}
