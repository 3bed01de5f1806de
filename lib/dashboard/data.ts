import "server-only";
import { tallyProgress } from "@/lib/assessments/progress";
import { db } from "@/lib/db";
import type { HistoryEventDto } from "@/lib/audit/data";
import { readAuditEvent } from "@/lib/audit/events";
import { listPairings, pairedReportOfEvent } from "@/lib/pairing/data";
import { reportLabel } from "@/lib/reports/naming";

/** Archived reports are left out of every widget (lib/reports/mutations.ts archiveReport). */
const inUse = { report: { archivedAt: null } } as const;

/*
 * The home dashboard: one read per widget. Pledge numbers come from groupBy/count, never from
 * loading pledges, so the page stays fast with tens of thousands of them.
 */

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);

// ---------------------------------------------------------------------------------------------
// Totals

export type DashboardTotals = {
  reports: number;
  /** Every pledge but those marked "not a pledge". */
  pledges: number;
  /** Of those: trackable (next year's review can confirm or refute them) and direction items. */
  trackable: number;
  direction: number;
  /** status other than not_assessed */
  assessed: number;
  /** reviewState submitted: awaiting a reviewer */
  submitted: number;
  /** reviewState approved */
  approved: number;
};

/** Reports, pledges (trackable and direction), and how many are assessed, awaiting review and approved; "not a pledge" and archived reports left out. */
export async function getDashboardTotals(): Promise<DashboardTotals> {
  const [reports, groups] = await Promise.all([
    db.report.count({ where: { archivedAt: null } }),
    db.pledge.groupBy({
      by: ["tier", "status", "reviewState"],
      where: { excluded: false, ...inUse },
      _count: { _all: true },
    }),
  ]);
  const progress = tallyProgress(
    groups.map((g) => ({ status: g.status, reviewState: g.reviewState, n: g._count._all })),
  );
  const tier = (t: string) =>
    groups
      .filter((g) => (g.tier === "trackable") === (t === "trackable"))
      .reduce((n, g) => n + g._count._all, 0);
  return {
    reports,
    pledges: progress.total,
    trackable: tier("trackable"),
    direction: tier("direction"),
    assessed: progress.assessed,
    submitted: progress.submitted,
    approved: progress.approved,
  };
}

// ---------------------------------------------------------------------------------------------
// Recent activity

/** One audit event for the activity feed: the history event plus what it concerns, with links. */
export type ActivityItem = HistoryEventDto & {
  /** The report the event belongs to, when it still exists. */
  report: { id: string; title: string } | null;
  /** The pledge, when it still exists (text clipped for the feed). */
  pledge: { id: string; text: string } | null;
  /** For pairing events: the next-year report now reviewing this one. */
  relatedReport: { id: string; title: string } | null;
  /** For pairing events: the id of the report it paired with (null: the pairing was cleared), even when that report is gone. */
  pairedWith: string | null;
};

/**
 * The latest audit events across the app, newest first, with the report and pledge they concern.
 * User-account events (creations, role changes, password changes) only when `includeUserEvents`
 * (admins): other users have no business seeing them.
 */
export async function listRecentActivity({
  limit = 20,
  includeUserEvents = false,
}: { limit?: number; includeUserEvents?: boolean } = {}): Promise<ActivityItem[]> {
  const rows = await db.auditEvent.findMany({
    // A person's API tokens and batch-import bookkeeping are theirs (each imported report shows as report.import).
    where: {
      entityType: { notIn: includeUserEvents ? ["token", "import"] : ["user", "token", "import"] },
    },
    select: {
      id: true,
      at: true,
      action: true,
      entityType: true,
      before: true,
      after: true,
      reportId: true,
      pledgeId: true,
      actor: { select: { name: true, role: true } },
    },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: limit,
  });
  const events = rows.map((e) => ({ ...e, event: readAuditEvent(e) }));
  const reportIds = new Set<string>();
  const pledgeIds = new Set<string>();
  for (const e of events) {
    if (e.reportId) reportIds.add(e.reportId);
    if (e.pledgeId) pledgeIds.add(e.pledgeId);
    const related = pairedReportOfEvent(e.event);
    if (related) reportIds.add(related);
  }
  const [reports, pledges] = await Promise.all([
    reportIds.size
      ? db.report.findMany({
          where: { id: { in: [...reportIds] } },
          select: { id: true, title: true },
        })
      : [],
    pledgeIds.size
      ? db.pledge.findMany({
          where: { id: { in: [...pledgeIds] } },
          select: { id: true, text: true },
        })
      : [],
  ]);
  const reportById = new Map(reports.map((r) => [r.id, r]));
  const pledgeById = new Map(pledges.map((p) => [p.id, { id: p.id, text: clip(p.text, 120) }]));
  return events.map((e) => {
    const related = pairedReportOfEvent(e.event);
    return {
      id: e.id,
      at: e.at.toISOString(),
      entityType: e.entityType,
      actor: e.actor,
      event: e.event,
      report: (e.reportId && reportById.get(e.reportId)) || null,
      pledge: (e.pledgeId && pledgeById.get(e.pledgeId)) || null,
      relatedReport: (related && reportById.get(related)) || null,
      pairedWith: related,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// My queue

export type QueuePledge = {
  pledgeId: string;
  reportId: string;
  reportTitle: string;
  /** Region and year of the report: `海拉尔区 2014`. */
  reportLabel: string;
  /** Clipped for the dashboard. */
  text: string;
  status: string;
  reviewState: string;
};

const queueReport = {
  select: { title: true, year: true, region: { select: { name: true } } },
} as const;

function toQueuePledge(p: {
  id: string;
  text: string;
  status: string;
  reviewState: string;
  reportId: string;
  report: { title: string; year: number | null; region: { name: string } };
}): QueuePledge {
  return {
    pledgeId: p.id,
    reportId: p.reportId,
    reportTitle: p.report.title,
    reportLabel: reportLabel(p.report.region.name, p.report.year),
    text: clip(p.text, 160),
    status: p.status,
    reviewState: p.reviewState,
  };
}

export type ReviewQueueSummary = {
  count: number;
  oldest: (QueuePledge & { submittedBy: string | null; submittedAt: string | null })[];
};

/** For reviewers and admins: how many assessments await review, and the `limit` oldest. */
export async function getReviewQueueSummary(limit = 5): Promise<ReviewQueueSummary> {
  const [count, rows] = await Promise.all([
    db.pledge.count({ where: { reviewState: "submitted", excluded: false, ...inUse } }),
    db.pledge.findMany({
      where: { reviewState: "submitted", excluded: false, ...inUse },
      select: {
        id: true,
        text: true,
        status: true,
        reviewState: true,
        reportId: true,
        submittedAt: true,
        report: queueReport,
        submittedBy: { select: { name: true } },
      },
      orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
      take: limit,
    }),
  ]);
  return {
    count,
    oldest: rows.map((p) => ({
      ...toQueuePledge(p),
      submittedBy: p.submittedBy?.name ?? null,
      submittedAt: p.submittedAt?.toISOString() ?? null,
    })),
  };
}

export type MyWork = {
  /** Assigned to the user, neither approved nor returned (returned ones are listed apart). */
  assigned: { count: number; items: (QueuePledge & { updatedAt: string })[] };
  /** Returned by a reviewer, assigned to or submitted by the user, with the latest return reason. */
  returned: {
    count: number;
    items: (QueuePledge & {
      reason: string | null;
      returnedBy: string | null;
      returnedAt: string | null;
    })[];
  };
};

/** For anyone who assesses: their open assignments and their returned assessments. */
export async function getMyWork(userId: string, limit = 5): Promise<MyWork> {
  const assignedWhere = {
    assigneeId: userId,
    reviewState: { in: ["draft", "submitted"] },
    ...inUse,
  };
  const returnedWhere = {
    reviewState: "returned",
    OR: [{ assigneeId: userId }, { submittedById: userId }],
    ...inUse,
  };
  const base = {
    id: true,
    text: true,
    status: true,
    reviewState: true,
    reportId: true,
    updatedAt: true,
    report: queueReport,
  } as const;
  const [assignedCount, assigned, returnedCount, returned] = await Promise.all([
    db.pledge.count({ where: assignedWhere }),
    db.pledge.findMany({
      where: assignedWhere,
      select: base,
      orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
      take: limit,
    }),
    db.pledge.count({ where: returnedWhere }),
    db.pledge.findMany({
      where: returnedWhere,
      select: {
        ...base,
        comments: {
          where: { kind: "return" },
          select: { body: true, createdAt: true, author: { select: { name: true } } },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take: 1,
        },
      },
      orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
      take: limit,
    }),
  ]);
  return {
    assigned: {
      count: assignedCount,
      items: assigned.map((p) => ({ ...toQueuePledge(p), updatedAt: p.updatedAt.toISOString() })),
    },
    returned: {
      count: returnedCount,
      items: returned.map((p) => {
        const last = p.comments[0];
        return {
          ...toQueuePledge(p),
          reason: last?.body ?? null,
          returnedBy: last?.author?.name ?? null,
          returnedAt: last?.createdAt.toISOString() ?? null,
        };
      }),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Reports awaiting pairing or assessment

export type ReportProgress = {
  id: string;
  title: string;
  region: string;
  year: number | null;
  total: number;
  /** status other than not_assessed */
  assessed: number;
  /** awaiting review */
  submitted: number;
  approved: number;
  /** The report reviewing this one (lib/pairing). */
  reviewedBy: { id: string; title: string } | null;
};

export type ReportsAwaiting = {
  /** No next-year report: its year is unknown, the report of year + 1 is not imported, or a reviewer cleared the pairing. */
  pairing: { count: number; items: ReportProgress[] };
  /** Paired, with pledges, but more than half of them not assessed yet. */
  assessment: { count: number; items: ReportProgress[] };
};

/**
 * The reports that wait for a next-year report (pairing) and the pairs that wait for assessment,
 * each with its progress. Unknown years first for pairing (only a person can pair them); least
 * assessed first for assessment.
 */
export async function listReportsAwaiting(limit = 8): Promise<ReportsAwaiting> {
  const [reports, groups] = await Promise.all([
    db.report.findMany({
      where: { archivedAt: null },
      select: { id: true, title: true, year: true, region: { select: { name: true } } },
      orderBy: [{ region: { name: "asc" } }, { year: "asc" }, { createdAt: "asc" }],
    }),
    db.pledge.groupBy({
      by: ["reportId", "status", "reviewState"],
      where: { excluded: false, ...inUse },
      _count: { _all: true },
    }),
  ]);
  const byReport = new Map<string, { status: string; reviewState: string; n: number }[]>();
  for (const g of groups)
    byReport.set(g.reportId, [
      ...(byReport.get(g.reportId) ?? []),
      { status: g.status, reviewState: g.reviewState, n: g._count._all },
    ]);
  const counts = new Map([...byReport].map(([id, rows]) => [id, tallyProgress(rows)]));
  // The pairing as every screen sees it (lib/pairing): a plan paired with an archived report waits too.
  const pairings = await listPairings(
    db,
    reports.map((r) => r.id),
  );
  const progress: ReportProgress[] = reports.map((r) => {
    const review = pairings.get(r.id)?.review;
    return {
      id: r.id,
      title: r.title,
      region: r.region.name,
      year: r.year,
      ...(counts.get(r.id) ?? { total: 0, assessed: 0, submitted: 0, approved: 0 }),
      reviewedBy: review && !review.archived ? { id: review.id, title: review.title } : null,
    };
  });
  const pairing = progress
    .filter((r) => r.reviewedBy === null)
    .sort((a, b) => Number(b.year === null) - Number(a.year === null));
  const assessment = progress
    .filter((r) => r.reviewedBy !== null && r.total > 0 && r.assessed * 2 < r.total)
    .sort((a, b) => a.assessed / a.total - b.assessed / b.total);
  return {
    pairing: { count: pairing.length, items: pairing.slice(0, limit) },
    assessment: { count: assessment.length, items: assessment.slice(0, limit) },
  };
}
