/**
 * The review workflow's rules, pure (no database, no Next): which step may follow which, for whom.
 * lib/assessments/mutations.ts asks it inside each transaction; the assessment panel asks it to
 * decide which buttons to show. Statuses and states arrive as plain strings (database rows).
 *
 *   draft ──submit──▶ submitted ──approve──▶ approved
 *     ▲                  │                      │
 *     │               return (comment)          │
 *     │                  ▼                      │
 *     └──── edit ──── returned        edit (reopens) ──▶ draft
 *
 * Editing a submitted assessment withdraws it to draft; editing an approved one reopens it as a
 * draft. A bulk edit never does either (allowReopen: false). A change to what the verdict rests on
 * (the pledge's text, target, kind or tier, its evidence) reopens it the same way: see reopensOnChange.
 */
import { can, canReviewSubmission } from "@/lib/auth/permissions";

export const REVIEW_ACTIONS = ["edit", "submit", "approve", "return"] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

/** Why a step is refused; the message key the UI translates (field.<reason>). */
export type TransitionReason =
  | "FORBIDDEN"
  | "TRANSITION_NOT_ALLOWED"
  | "SUBMIT_NEEDS_STATUS"
  | "RATIONALE_REQUIRED"
  | "FOUR_EYES"
  | "RETURN_NEEDS_COMMENT";

export type TransitionContext = {
  actorId: string;
  actorRole: string;
  /** Who submitted the assessment (null when never submitted). */
  submittedById: string | null;
  /** Who last wrote its status, rationale or reported figure (null: unknown, older data). */
  assessedById: string | null;
  /** The status the assessment will have after the step (for edit: the new one). */
  status: string;
  /** The rationale it will have after the step. */
  rationale: string | null;
  /** The return comment (return only). */
  comment?: string | null;
  /** edit only: whether an edit may pull a submitted or approved assessment back to draft (default true). */
  allowReopen?: boolean;
};

export type TransitionResult =
  | { ok: true; state: "draft" | "submitted" | "approved" | "returned" }
  | { ok: false; reason: TransitionReason };

const PERMISSION = {
  edit: "assessment:edit",
  submit: "assessment:submit",
  approve: "assessment:review",
  return: "assessment:review",
} as const;

const blank = (s: string | null | undefined) => !s || s.trim() === "";

/** Whether a status needs a rationale (every status but not_assessed does). */
export function needsRationale(status: string): boolean {
  return status !== "not_assessed";
}

/**
 * The review state after `action` on an assessment in state `current`, or why it is refused.
 * Checks, in order: the actor's role, the source state, four eyes (approve/return), then content
 * (rationale, status, comment).
 */
export function nextReviewState(
  current: string,
  action: ReviewAction,
  ctx: TransitionContext,
): TransitionResult {
  if (!can(ctx.actorRole, PERMISSION[action])) return { ok: false, reason: "FORBIDDEN" };
  switch (action) {
    case "edit": {
      if (!["draft", "returned", "submitted", "approved"].includes(current))
        return { ok: false, reason: "TRANSITION_NOT_ALLOWED" };
      if ((current === "submitted" || current === "approved") && ctx.allowReopen === false)
        return { ok: false, reason: "TRANSITION_NOT_ALLOWED" };
      if (needsRationale(ctx.status) && blank(ctx.rationale))
        return { ok: false, reason: "RATIONALE_REQUIRED" };
      return { ok: true, state: "draft" };
    }
    case "submit": {
      if (current !== "draft" && current !== "returned")
        return { ok: false, reason: "TRANSITION_NOT_ALLOWED" };
      if (!needsRationale(ctx.status)) return { ok: false, reason: "SUBMIT_NEEDS_STATUS" };
      if (blank(ctx.rationale)) return { ok: false, reason: "RATIONALE_REQUIRED" };
      return { ok: true, state: "submitted" };
    }
    case "approve":
    case "return": {
      if (current !== "submitted") return { ok: false, reason: "TRANSITION_NOT_ALLOWED" };
      if (
        !canReviewSubmission(
          { id: ctx.actorId, role: ctx.actorRole },
          ctx.submittedById,
          ctx.assessedById,
        )
      )
        return { ok: false, reason: "FOUR_EYES" };
      if (action === "return") {
        if (blank(ctx.comment)) return { ok: false, reason: "RETURN_NEEDS_COMMENT" };
        return { ok: true, state: "returned" };
      }
      return { ok: true, state: "approved" };
    }
  }
}

/**
 * Whether an edit that keeps the content unchanged is a no-op (nothing to write): same status,
 * rationale and reported figure. Blank and null count as the same.
 */
export function isSameAssessment(
  a: { status: string; rationale: string | null; reportedValue: string | null },
  b: { status: string; rationale: string | null; reportedValue: string | null },
): boolean {
  const norm = (s: string | null) => (s ?? "").trim();
  return (
    a.status === b.status &&
    norm(a.rationale) === norm(b.rationale) &&
    norm(a.reportedValue) === norm(b.reportedValue)
  );
}

/** The error code a refusal travels with: a state that moved on is a CONFLICT, roles are FORBIDDEN, content is INVALID_INPUT. */
export function reasonCode(reason: TransitionReason): "FORBIDDEN" | "CONFLICT" | "INVALID_INPUT" {
  if (reason === "FORBIDDEN" || reason === "FOUR_EYES") return "FORBIDDEN";
  if (reason === "TRANSITION_NOT_ALLOWED") return "CONFLICT";
  return "INVALID_INPUT";
}

/**
 * Why a verdict went back to draft: its own content was edited, or something it rests on changed
 * (the pledge's text by a split, a merge or a moved boundary, its target, kind or tier, its evidence).
 */
export const REOPEN_CAUSES = [
  "verdict_edited",
  "pledge_split",
  "pledge_merged",
  "span_changed",
  "target_changed",
  "kind_changed",
  "tier_changed",
  "evidence_linked",
  "evidence_unlinked",
] as const;
export type ReopenCause = (typeof REOPEN_CAUSES)[number];

/**
 * Whether a change to a verdict, or to what it rests on, sends it back to draft: only a verdict
 * that is submitted or approved has a review to lose.
 *
 * Why reopen rather than refuse: an approval vouches for a verdict on a given pledge text, target
 * and body of evidence. When any of those changes, the approval no longer covers what is shown, so
 * it must not keep counting (the approved-only audit counts approved verdicts only). Refusing the
 * change instead would block the ordinary work of an analyst tool — a late statistical bulletin
 * arrives, a parser error in a target is fixed — and push people to a detour (edit the verdict to
 * reopen it, then make the change) that leaves the same result with less record of why. So the
 * change is accepted, the verdict keeps its status and rationale as a draft, the approval and
 * submission are cleared, and an `assessment.reopen` event names the cause in the same
 * transaction; the pledge page shows it until the verdict is submitted again. Three cases refuse
 * instead, because they would lose a verdict rather than change its basis: merging into a pledge
 * that has its own verdict, deleting a pledge whose verdict is submitted or approved, and marking
 * such a pledge "not a pledge" (which drops it from every count, the approved-only audit included,
 * as a delete would; reopen the verdict first by editing it, and the history says why).
 */
export function reopensOnChange(reviewState: string): boolean {
  return reviewState === "submitted" || reviewState === "approved";
}

/** What a reopen writes: back to draft, with no submission and no approval. */
export const REOPEN_RESET = {
  reviewState: "draft",
  submittedById: null,
  submittedAt: null,
  approvedById: null,
  approvedAt: null,
} as const;

/**
 * Whether a pledge carries a verdict of its own that would be lost if the pledge disappeared: a
 * status other than not_assessed, or a rationale or reported figure (blank counts as none).
 */
export function hasVerdict(p: {
  status: string;
  rationale: string | null;
  reportedValue: string | null;
}): boolean {
  return p.status !== "not_assessed" || !blank(p.rationale) || !blank(p.reportedValue);
}
