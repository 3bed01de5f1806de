import "server-only";
import { db } from "@/lib/db";
import type { PledgeDto } from "./schema";
import { toTargetDto } from "./target";

export type ReviewQueueItem = {
  pledgeId: string;
  text: string;
  status: string;
  reportId: string;
  reportTitle: string;
  submittedBy: string | null;
  submittedAt: string | null;
};

/** Submitted assessments awaiting review, oldest submission first. */
export async function listReviewQueue(limit = 200): Promise<ReviewQueueItem[]> {
  const rows = await db.pledge.findMany({
    where: { reviewState: "submitted" },
    select: {
      id: true,
      text: true,
      status: true,
      reportId: true,
      submittedAt: true,
      report: { select: { title: true } },
      submittedBy: { select: { name: true } },
    },
    orderBy: [{ submittedAt: "asc" }],
    take: limit,
  });
  return rows.map((p) => ({
    pledgeId: p.id,
    text: p.text,
    status: p.status,
    reportId: p.reportId,
    reportTitle: p.report.title,
    submittedBy: p.submittedBy?.name ?? null,
    submittedAt: p.submittedAt?.toISOString() ?? null,
  }));
}

/**
 * A pledge as the report page's server code sees it: the browser's PledgeDto plus `searchText`
 * (the text in simplified characters, so the filter finds 電梯 when you type 电梯), which the
 * page uses to filter and does not send on.
 */
export type ReportPledge = PledgeDto & { searchText: string };

/**
 * Every pledge of one report in source order, as the report page shows them. Offsets index the
 * report's sourceText and text is always its slice.
 */
export async function listReportPledges(reportId: string): Promise<ReportPledge[]> {
  const rows = await db.pledge.findMany({
    where: { reportId },
    select: {
      id: true,
      start: true,
      end: true,
      text: true,
      searchText: true,
      sectionId: true,
      topic: true,
      kind: true,
      targetValue: true,
      targetValueMax: true,
      targetUnit: true,
      targetComparator: true,
      targetGrowth: true,
      position: true,
      status: true,
      reviewState: true,
      assigneeId: true,
      version: true,
      _count: { select: { evidence: true } },
    },
    orderBy: [{ position: "asc" }, { start: "asc" }],
  });
  return rows.map((p) => ({
    id: p.id,
    start: p.start,
    end: p.end,
    text: p.text,
    searchText: p.searchText,
    sectionId: p.sectionId,
    topic: p.topic,
    kind: p.kind,
    target: toTargetDto(p),
    position: p.position,
    status: p.status,
    reviewState: p.reviewState,
    assigneeId: p.assigneeId,
    evidenceCount: p._count.evidence,
    version: p.version,
  }));
}
