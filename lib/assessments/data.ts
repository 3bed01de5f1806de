import "server-only";
import { db } from "@/lib/db";
import {
  isAssessmentStatus,
  isReviewState,
  type AssessmentDto,
  type AssignmentItem,
  type CommentDto,
} from "./schema";
import { REOPEN_CAUSES, type ReopenCause } from "./transitions";
import { toTargetDto } from "@/lib/pledges/target";
import { readAuditEvent } from "@/lib/audit/events";

/**
 * Why a draft verdict is a draft again: its latest assessment.reopen, when that is newer than its
 * latest submission (once submitted again, the reopen is history). Null for anything else.
 */
async function findOpenReopen(pledgeId: string): Promise<AssessmentDto["reopened"]> {
  const last = await db.auditEvent.findFirst({
    where: { pledgeId, action: { in: ["assessment.reopen", "assessment.submit"] } },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    select: {
      action: true,
      at: true,
      before: true,
      after: true,
      actor: { select: { name: true } },
    },
  });
  const event = last && readAuditEvent(last);
  if (!last || event?.action !== "assessment.reopen" || "unknown" in event) return null;
  const cause = (REOPEN_CAUSES as readonly unknown[]).includes(event.after?.cause)
    ? (event.after!.cause as ReopenCause)
    : "verdict_edited";
  return {
    cause,
    from: event.before?.reviewState === "submitted" ? "submitted" : "approved",
    by: last.actor?.name ?? null,
    at: last.at.toISOString(),
  };
}

/** The assessment of one pledge of one report (both ids in the where clause); null when not found. */
export async function getAssessment(
  reportId: string,
  pledgeId: string,
): Promise<AssessmentDto | null> {
  const p = await db.pledge.findFirst({
    where: { id: pledgeId, reportId },
    select: {
      id: true,
      reportId: true,
      status: true,
      rationale: true,
      reportedValue: true,
      reviewState: true,
      version: true,
      targetValue: true,
      targetValueMax: true,
      targetUnit: true,
      targetComparator: true,
      targetGrowth: true,
      submittedAt: true,
      approvedAt: true,
      assignee: { select: { id: true, name: true, role: true } },
      submittedBy: { select: { id: true, name: true, role: true } },
      approvedBy: { select: { id: true, name: true, role: true } },
      assessedBy: { select: { id: true, name: true, role: true } },
      assessedAt: true,
      _count: { select: { evidence: true } },
    },
  });
  if (!p) return null;
  const reviewState = isReviewState(p.reviewState) ? p.reviewState : "draft";
  const [lastReturn, reopened] = await Promise.all([
    reviewState === "returned"
      ? db.comment.findFirst({
          where: { pledgeId: p.id, kind: "return" },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          select: { body: true, createdAt: true, author: { select: { name: true } } },
        })
      : null,
    reviewState === "draft" ? findOpenReopen(p.id) : null,
  ]);
  return {
    pledgeId: p.id,
    reportId: p.reportId,
    status: isAssessmentStatus(p.status) ? p.status : "not_assessed",
    rationale: p.rationale,
    reportedValue: p.reportedValue,
    reviewState,
    version: p.version,
    target: toTargetDto(p),
    assignee: p.assignee,
    submittedBy: p.submittedBy,
    submittedAt: p.submittedAt?.toISOString() ?? null,
    approvedBy: p.approvedBy,
    approvedAt: p.approvedAt?.toISOString() ?? null,
    lastReturn: lastReturn
      ? {
          body: lastReturn.body,
          author: lastReturn.author?.name ?? null,
          at: lastReturn.createdAt.toISOString(),
        }
      : null,
    evidenceCount: p._count.evidence,
    assessedBy: p.assessedBy,
    assessedAt: p.assessedAt?.toISOString() ?? null,
    reopened,
  };
}

/** The comments of one pledge of one report, oldest first, with author name and role. */
export async function listPledgeComments(
  reportId: string,
  pledgeId: string,
): Promise<CommentDto[]> {
  const rows = await db.comment.findMany({
    where: { pledgeId, pledge: { reportId } },
    select: {
      id: true,
      kind: true,
      body: true,
      createdAt: true,
      author: { select: { name: true, role: true } },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 500,
  });
  return rows.map((c) => ({
    id: c.id,
    kind: c.kind === "return" ? "return" : "comment",
    body: c.body,
    author: c.author,
    createdAt: c.createdAt.toISOString(),
  }));
}

/** How many pledges are assigned to `userId` and not approved yet. */
export async function countMyAssignments(userId: string): Promise<number> {
  return db.pledge.count({
    where: { assigneeId: userId, reviewState: { not: "approved" }, report: { archivedAt: null } },
  });
}

/** Pledges assigned to `userId` that are not approved yet, most recently changed first: the window { skip, take } of them. */
export async function listMyAssignments(
  userId: string,
  page: { skip: number; take: number } = { skip: 0, take: 200 },
): Promise<AssignmentItem[]> {
  const rows = await db.pledge.findMany({
    // Archived reports are out of every list (lib/reports/mutations.ts archiveReport).
    where: { assigneeId: userId, reviewState: { not: "approved" }, report: { archivedAt: null } },
    select: {
      id: true,
      text: true,
      status: true,
      reviewState: true,
      reportId: true,
      updatedAt: true,
      report: { select: { title: true, year: true, region: { select: { name: true } } } },
    },
    // The id breaks ties, so no row falls between two pages.
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    skip: page.skip,
    take: page.take,
  });
  return rows.map((p) => ({
    pledgeId: p.id,
    text: p.text,
    status: isAssessmentStatus(p.status) ? p.status : "not_assessed",
    reviewState: isReviewState(p.reviewState) ? p.reviewState : "draft",
    reportId: p.reportId,
    reportTitle: p.report.title,
    regionName: p.report.region.name,
    year: p.report.year,
    updatedAt: p.updatedAt.toISOString(),
  }));
}

/** The report all of `pledgeIds` belong to; null when they belong to several, or some to none. */
export async function reportOfPledges(pledgeIds: string[]): Promise<string | null> {
  const ids = [...new Set(pledgeIds)];
  const rows = await db.pledge.findMany({ where: { id: { in: ids } }, select: { reportId: true } });
  const reports = new Set(rows.map((r) => r.reportId));
  return rows.length === ids.length && reports.size === 1 ? [...reports][0] : null;
}
