import "server-only";
import { type Tx, writeTransaction } from "@/lib/db";
import { AppError } from "@/lib/app-error";
import { can } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/mutations";
import {
  isSameAssessment,
  nextReviewState,
  reasonCode,
  REOPEN_RESET,
  reopensOnChange,
  type ReopenCause,
  type ReviewAction,
  type TransitionContext,
} from "./transitions";
import {
  isAssessmentStatus,
  isReviewState,
  type AddCommentInput,
  type AssessmentConflict,
  type AssignPledgeInput,
  type BulkUpdateInput,
  type SuggestionToAccept,
  type ReturnAssessmentInput,
  type ReviewStepInput,
  type SaveAssessmentInput,
} from "./schema";

type Actor = { id: string; role: string };

const assessmentSelect = {
  id: true,
  reportId: true,
  status: true,
  rationale: true,
  reportedValue: true,
  reviewState: true,
  assigneeId: true,
  submittedById: true,
  approvedById: true,
  assessedById: true,
  excluded: true,
  version: true,
} as const;

type AssessmentRow = {
  id: string;
  reportId: string;
  status: string;
  rationale: string | null;
  reportedValue: string | null;
  reviewState: string;
  assigneeId: string | null;
  submittedById: string | null;
  approvedById: string | null;
  assessedById: string | null;
  /** "Not a pledge": its verdict may be drafted but not submitted (it counts nowhere). */
  excluded: boolean;
  version: number;
};

/** What the audit trail keeps of an assessment, before and after a change. */
function snapshot(
  p: Pick<AssessmentRow, "status" | "rationale" | "reportedValue" | "reviewState">,
) {
  return {
    status: p.status,
    rationale: p.rationale,
    reportedValue: p.reportedValue,
    reviewState: p.reviewState,
  };
}

/**
 * The current values of a pledge and who changed it last (its latest audit event), for a refused
 * stale save: the user sees what changed instead of silently overwriting it.
 */
async function describeConflict(tx: Tx, pledgeId: string): Promise<AssessmentConflict | null> {
  const p = await tx.pledge.findUnique({
    where: { id: pledgeId },
    select: { ...assessmentSelect, assignee: { select: { id: true, name: true, role: true } } },
  });
  if (!p) return null;
  const last = await tx.auditEvent.findFirst({
    where: { pledgeId },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    select: { action: true, at: true, actor: { select: { name: true, role: true } } },
  });
  return {
    current: {
      status: isAssessmentStatus(p.status) ? p.status : "not_assessed",
      rationale: p.rationale,
      reportedValue: p.reportedValue,
      reviewState: isReviewState(p.reviewState) ? p.reviewState : "draft",
      assignee: p.assignee,
      version: p.version,
    },
    lastChange: last ? { actor: last.actor, action: last.action, at: last.at.toISOString() } : null,
  };
}

/** The pledge at the version the caller read; a stale version → CONFLICT ASSESSMENT_STALE with the current values. */
async function loadAtVersion(tx: Tx, pledgeId: string, version: number): Promise<AssessmentRow> {
  const p = await tx.pledge.findUnique({ where: { id: pledgeId }, select: assessmentSelect });
  if (!p) throw new AppError("NOT_FOUND");
  if (p.version !== version)
    throw new AppError("CONFLICT", "ASSESSMENT_STALE", {
      conflict: await describeConflict(tx, pledgeId),
    });
  return p;
}

/** Writes `data` only if the row is still at `version` (the guard against a concurrent writer), bumping it. */
async function guardedUpdate(
  tx: Tx,
  p: AssessmentRow,
  version: number,
  data: Record<string, unknown>,
): Promise<AssessmentRow> {
  const res = await tx.pledge.updateMany({
    where: { id: p.id, version },
    data: { ...data, version: { increment: 1 } },
  });
  if (res.count !== 1)
    throw new AppError("CONFLICT", "ASSESSMENT_STALE", {
      conflict: await describeConflict(tx, p.id),
    });
  return tx.pledge.findUniqueOrThrow({ where: { id: p.id }, select: assessmentSelect });
}

/** Asks the pure rules; a refusal becomes an AppError with the rule's reason as message. */
function transition(
  current: string,
  action: ReviewAction,
  ctx: TransitionContext,
): "draft" | "submitted" | "approved" | "returned" {
  const res = nextReviewState(current, action, ctx);
  if (!res.ok) throw new AppError(reasonCode(res.reason), res.reason);
  return res.state;
}

/** Applies an edit of status/rationale/reported figure to a loaded row (shared by save and bulk). */
async function applyEdit(
  tx: Tx,
  actor: Actor,
  p: AssessmentRow,
  change: { status: string; rationale: string | null; reportedValue: string | null },
  options: {
    allowReopen: boolean;
    bulk?: boolean;
    suggestedStatus?: string | null;
    acceptedSuggestion?: boolean;
  },
): Promise<{ row: AssessmentRow; reopened: boolean }> {
  if (isSameAssessment(p, change)) {
    // Nothing changes; the rules still apply (a viewer cannot "save" either).
    if (!can(actor.role, "assessment:edit")) throw new AppError("FORBIDDEN", "FORBIDDEN");
    return { row: p, reopened: false };
  }
  const state = transition(p.reviewState, "edit", {
    actorId: actor.id,
    actorRole: actor.role,
    submittedById: p.submittedById,
    assessedById: p.assessedById,
    status: change.status,
    rationale: change.rationale,
    allowReopen: options.allowReopen,
  });
  const reopened = reopensOnChange(p.reviewState);
  // Every write of the verdict's content records its writer: the four-eyes rule refuses them as
  // its reviewer, whoever submits it later (a bulk submit included).
  const data: Record<string, unknown> = {
    status: change.status,
    rationale: change.rationale,
    reportedValue: change.reportedValue,
    reviewState: state,
    assessedById: actor.id,
    assessedAt: new Date(),
  };
  // The suggestion the verdict was written against (audit reports count accepted versus changed).
  if (options.suggestedStatus !== undefined) data.suggestedStatus = options.suggestedStatus;
  if (reopened) Object.assign(data, REOPEN_RESET);
  const after = await guardedUpdate(tx, p, p.version, data);
  await recordAuditEvent(tx, {
    actorId: actor.id,
    entityType: "pledge",
    entityId: p.id,
    action: "assessment.save",
    before: snapshot(p),
    after: {
      ...snapshot(after),
      ...(reopened ? { reopened: true } : {}),
      ...(options.bulk ? { bulk: true } : {}),
      ...(options.suggestedStatus ? { suggested: options.suggestedStatus } : {}),
      ...(options.acceptedSuggestion ? { acceptedSuggestion: true } : {}),
    },
    reportId: p.reportId,
    pledgeId: p.id,
  });
  if (reopened) await recordReopen(tx, actor.id, p, "verdict_edited");
  return { row: after, reopened };
}

/** What a reopen needs to know of the pledge as it was before. */
type ReviewedRow = Pick<
  AssessmentRow,
  "id" | "reportId" | "status" | "reviewState" | "submittedById" | "approvedById"
>;

/**
 * Writes the `assessment.reopen` event of a verdict that went back to draft, inside the caller's
 * transaction: the state it left and who had submitted and approved it (before), the cause and
 * its details (after). The one format every reopen records; the pledge page's reopen notice
 * (getAssessment) and the history read it.
 */
async function recordReopen(
  tx: Tx,
  actorId: string,
  before: ReviewedRow,
  cause: ReopenCause,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await recordAuditEvent(tx, {
    actorId,
    entityType: "pledge",
    entityId: before.id,
    action: "assessment.reopen",
    before: {
      reviewState: before.reviewState,
      status: before.status,
      submittedById: before.submittedById,
      approvedById: before.approvedById,
    },
    after: { reviewState: REOPEN_RESET.reviewState, cause, ...detail },
    reportId: before.reportId,
    pledgeId: before.id,
  });
}

/**
 * The one rule for a change to what a verdict rests on — the pledge's text (split, merge), its
 * target or kind, its evidence added or removed — called by each of those mutations inside its
 * transaction, after the change: when the pledge's verdict is submitted or approved
 * (reopensOnChange; see there why this reopens rather than refuses) it goes back to draft with
 * its submission and approval cleared (REOPEN_RESET, version bumped) and an `assessment.reopen`
 * event names the cause. A draft or returned verdict is left as it is. Returns whether it
 * reopened and the pledge's version afterwards. A pledge changed concurrently → CONFLICT
 * ASSESSMENT_STALE, and the caller's whole change rolls back with it.
 */
export async function reopenForChange(
  tx: Tx,
  actorId: string,
  pledgeId: string,
  cause: Exclude<ReopenCause, "verdict_edited">,
  detail: Record<string, unknown> = {},
): Promise<{ reopened: boolean; version: number }> {
  const p = await tx.pledge.findUnique({ where: { id: pledgeId }, select: assessmentSelect });
  if (!p) throw new AppError("NOT_FOUND");
  if (!reopensOnChange(p.reviewState)) return { reopened: false, version: p.version };
  // Guarded by the version read: an approval in between makes the change fail rather than leave
  // an approval standing on a basis its reviewer never saw.
  const res = await tx.pledge.updateMany({
    where: { id: p.id, version: p.version },
    data: { ...REOPEN_RESET, version: { increment: 1 } },
  });
  if (res.count !== 1) throw new AppError("CONFLICT", "ASSESSMENT_STALE");
  await recordReopen(tx, actorId, p, cause, detail);
  return { reopened: true, version: p.version + 1 };
}

/**
 * Saves a pledge's status, rationale and reported figure at the version the caller read. A
 * returned, submitted or approved assessment becomes a draft again (`reopened` is true when it was
 * submitted or approved). Unchanged content → no write, no audit row. `suggestedStatus`: the
 * verdict the evidence suggested (read by the caller), kept with the verdict.
 */
export async function saveAssessment(
  actor: Actor,
  input: SaveAssessmentInput,
  options: { suggestedStatus?: string | null } = {},
): Promise<{ version: number; reviewState: string; reopened: boolean }> {
  return writeTransaction(async (tx) => {
    const p = await loadAtVersion(tx, input.pledgeId, input.version);
    const { row, reopened } = await applyEdit(tx, actor, p, input, {
      allowReopen: true,
      suggestedStatus: options.suggestedStatus,
    });
    return { version: row.version, reviewState: row.reviewState, reopened };
  });
}

async function submitRow(
  tx: Tx,
  actor: Actor,
  p: AssessmentRow,
  bulk = false,
): Promise<AssessmentRow> {
  const state = transition(p.reviewState, "submit", {
    actorId: actor.id,
    actorRole: actor.role,
    submittedById: p.submittedById,
    assessedById: p.assessedById,
    status: p.status,
    rationale: p.rationale,
  });
  // An excluded pledge ("not a pledge") counts nowhere: a review of it would be wasted work.
  if (p.excluded) throw new AppError("INVALID_INPUT", "PLEDGE_EXCLUDED");
  const after = await guardedUpdate(tx, p, p.version, {
    reviewState: state,
    submittedById: actor.id,
    submittedAt: new Date(),
    approvedById: null,
    approvedAt: null,
  });
  await recordAuditEvent(tx, {
    actorId: actor.id,
    entityType: "pledge",
    entityId: p.id,
    action: "assessment.submit",
    before: { reviewState: p.reviewState },
    after: {
      reviewState: after.reviewState,
      status: after.status,
      ...(bulk ? { bulk: true } : {}),
    },
    reportId: p.reportId,
    pledgeId: p.id,
  });
  return after;
}

/** Submits a draft or returned assessment for review (status set, rationale given). */
export async function submitAssessment(
  actor: Actor,
  input: ReviewStepInput,
): Promise<{ version: number }> {
  return writeTransaction(async (tx) => {
    const p = await loadAtVersion(tx, input.pledgeId, input.version);
    const after = await submitRow(tx, actor, p);
    return { version: after.version };
  });
}

/** Approves a submitted assessment; reviewers and admins only, never its submitter or the last writer of its verdict (four eyes). */
export async function approveAssessment(
  actor: Actor,
  input: ReviewStepInput,
): Promise<{ version: number }> {
  return writeTransaction(async (tx) => {
    const p = await loadAtVersion(tx, input.pledgeId, input.version);
    const state = transition(p.reviewState, "approve", {
      actorId: actor.id,
      actorRole: actor.role,
      submittedById: p.submittedById,
      assessedById: p.assessedById,
      status: p.status,
      rationale: p.rationale,
    });
    const after = await guardedUpdate(tx, p, input.version, {
      reviewState: state,
      approvedById: actor.id,
      approvedAt: new Date(),
    });
    await recordAuditEvent(tx, {
      actorId: actor.id,
      entityType: "pledge",
      entityId: p.id,
      action: "assessment.approve",
      before: { reviewState: p.reviewState },
      after: { reviewState: after.reviewState, status: after.status },
      reportId: p.reportId,
      pledgeId: p.id,
    });
    return { version: after.version };
  });
}

/**
 * Returns a submitted assessment to the analyst with a required comment (stored as a Comment of
 * kind "return"); reviewers and admins only, never its submitter or the last writer of its
 * verdict (four eyes).
 */
export async function returnAssessment(
  actor: Actor,
  input: ReturnAssessmentInput,
): Promise<{ version: number }> {
  return writeTransaction(async (tx) => {
    const p = await loadAtVersion(tx, input.pledgeId, input.version);
    const state = transition(p.reviewState, "return", {
      actorId: actor.id,
      actorRole: actor.role,
      submittedById: p.submittedById,
      assessedById: p.assessedById,
      status: p.status,
      rationale: p.rationale,
      comment: input.comment,
    });
    const after = await guardedUpdate(tx, p, input.version, { reviewState: state });
    const comment = await tx.comment.create({
      data: { pledgeId: p.id, authorId: actor.id, kind: "return", body: input.comment.trim() },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      actorId: actor.id,
      entityType: "pledge",
      entityId: p.id,
      action: "assessment.return",
      before: { reviewState: p.reviewState },
      after: {
        reviewState: after.reviewState,
        comment: input.comment.trim(),
        commentId: comment.id,
      },
      reportId: p.reportId,
      pledgeId: p.id,
    });
    return { version: after.version };
  });
}

async function assignRow(
  tx: Tx,
  actor: Actor,
  p: AssessmentRow,
  assigneeId: string | null,
  bulk = false,
): Promise<AssessmentRow> {
  if (!can(actor.role, "assessment:assign")) throw new AppError("FORBIDDEN", "FORBIDDEN");
  if (p.assigneeId === assigneeId) return p;
  const people = await tx.user.findMany({
    where: { id: { in: [p.assigneeId, assigneeId].filter((x): x is string => x !== null) } },
    select: { id: true, name: true, role: true, disabled: true },
  });
  const next = assigneeId === null ? null : people.find((u) => u.id === assigneeId);
  if (assigneeId !== null && (!next || next.disabled || !can(next.role, "assessment:edit")))
    throw new AppError("INVALID_INPUT", "ASSIGNEE_INVALID");
  const previous = people.find((u) => u.id === p.assigneeId) ?? null;
  const after = await guardedUpdate(tx, p, p.version, { assigneeId });
  await recordAuditEvent(tx, {
    actorId: actor.id,
    entityType: "pledge",
    entityId: p.id,
    action: "pledge.assign",
    before: { assigneeId: p.assigneeId, assignee: previous?.name ?? null },
    after: { assigneeId, assignee: next?.name ?? null, ...(bulk ? { bulk: true } : {}) },
    reportId: p.reportId,
    pledgeId: p.id,
  });
  return after;
}

/** Assigns a pledge to an enabled analyst, reviewer or admin, or clears the assignment (null). */
export async function assignPledge(
  actor: Actor,
  input: AssignPledgeInput,
): Promise<{ version: number }> {
  return writeTransaction(async (tx) => {
    const p = await loadAtVersion(tx, input.pledgeId, input.version);
    const after = await assignRow(tx, actor, p, input.assigneeId);
    return { version: after.version };
  });
}

/** Adds a comment to a pledge's thread (no version: comments never conflict). */
export async function addComment(actor: Actor, input: AddCommentInput): Promise<{ id: string }> {
  if (!can(actor.role, "comment:create")) throw new AppError("FORBIDDEN", "FORBIDDEN");
  return writeTransaction(async (tx) => {
    const p = await tx.pledge.findUnique({
      where: { id: input.pledgeId },
      select: { id: true, reportId: true },
    });
    if (!p) throw new AppError("NOT_FOUND");
    const body = input.body.trim();
    const created = await tx.comment.create({
      data: { pledgeId: p.id, authorId: actor.id, kind: "comment", body },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      actorId: actor.id,
      entityType: "comment",
      entityId: created.id,
      action: "comment.create",
      after: { kind: "comment", body },
      reportId: p.reportId,
      pledgeId: p.id,
    });
    return created;
  });
}

/**
 * Applies one change to many pledges, each in its own transaction with its own audit events, at
 * whatever version each pledge has (bulk names no version). Per pledge, in order: status and/or
 * rationale (never reopening a submitted or approved assessment), assignee, submit. A pledge whose
 * state forbids any part is left unchanged and reported in `skipped` with the reason.
 */
export async function bulkUpdate(
  actor: Actor,
  input: BulkUpdateInput,
  options: { suggestedStatuses?: Map<string, string | null> } = {},
): Promise<{ updated: number; skipped: { pledgeId: string; reason: string }[] }> {
  const skipped: { pledgeId: string; reason: string }[] = [];
  let updated = 0;
  for (const pledgeId of [...new Set(input.pledgeIds)]) {
    try {
      const changed = await writeTransaction(async (tx) => {
        let p = await tx.pledge.findUnique({ where: { id: pledgeId }, select: assessmentSelect });
        if (!p) throw new AppError("NOT_FOUND", "NOT_FOUND");
        const startVersion = p.version;
        if (input.status !== undefined || input.rationale !== undefined) {
          const change = {
            status: input.status ?? p.status,
            rationale: input.rationale !== undefined ? input.rationale.trim() || null : p.rationale,
            reportedValue: p.reportedValue,
          };
          p = (
            await applyEdit(tx, actor, p, change, {
              allowReopen: false,
              bulk: true,
              suggestedStatus: options.suggestedStatuses?.get(pledgeId),
            })
          ).row;
        }
        if (input.assigneeId !== undefined)
          p = await assignRow(tx, actor, p, input.assigneeId, true);
        if (input.submit) p = await submitRow(tx, actor, p, true);
        return p.version !== startVersion;
      });
      if (changed) updated++;
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      skipped.push({ pledgeId, reason: e.message === e.code || !e.message ? e.code : e.message });
    }
  }
  return { updated, skipped };
}

/**
 * Accepts suggested verdicts of one report's pledges: each pledge, in its own transaction, gets the
 * suggestion's status, its reason as rationale and its reported figure, as a draft the analyst
 * still submits (its suggestedStatus set, an assessment.save event marked acceptedSuggestion). A
 * pledge of another report is not found; one already assessed (any status but not_assessed) keeps
 * its verdict; both are reported in `skipped`.
 */
export async function acceptSuggestions(
  actor: Actor,
  reportId: string,
  items: SuggestionToAccept[],
): Promise<{ accepted: number; skipped: { pledgeId: string; reason: string }[] }> {
  const skipped: { pledgeId: string; reason: string }[] = [];
  let accepted = 0;
  for (const item of items) {
    try {
      await writeTransaction(async (tx) => {
        const p = await tx.pledge.findUnique({
          where: { id: item.pledgeId },
          select: assessmentSelect,
        });
        if (!p || p.reportId !== reportId) throw new AppError("NOT_FOUND", "NOT_FOUND");
        if (p.status !== "not_assessed") throw new AppError("CONFLICT", "ALREADY_ASSESSED");
        await applyEdit(
          tx,
          actor,
          p,
          {
            status: item.status,
            rationale: item.rationale,
            reportedValue: item.reportedValue ?? p.reportedValue,
          },
          {
            allowReopen: false,
            bulk: true,
            suggestedStatus: item.status,
            acceptedSuggestion: true,
          },
        );
      });
      accepted++;
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      skipped.push({
        pledgeId: item.pledgeId,
        reason: e.message === e.code || !e.message ? e.code : e.message,
      });
    }
  }
  return { accepted, skipped };
}
