import "server-only";
import { db } from "@/lib/db";
import type { PledgeDto } from "./schema";
import { toTargetDto } from "./target";
import { canReviewSubmission } from "@/lib/auth/permissions";

export type ReviewQueueItem = {
  pledgeId: string;
  text: string;
  tier: string;
  tierReason: string | null;
  status: string;
  reportId: string;
  reportTitle: string;
  /** The report's region and year, which name it in the queue. */
  regionName: string;
  year: number | null;
  submittedBy: string | null;
  submittedAt: string | null;
  /** Who submitted it and who last wrote its verdict: the four-eyes rule bars both from reviewing it. */
  submittedById: string | null;
  assessedById: string | null;
};

/** The review queue's tier views: every submitted assessment, or those of one tier. */
export type ReviewQueueTier = "all" | "trackable" | "direction";

// Archived reports are out of the queue (lib/reports/mutations.ts archiveReport).
const queueWhere = (tier: ReviewQueueTier) => ({
  reviewState: "submitted",
  excluded: false,
  report: { archivedAt: null },
  ...(tier === "all" ? {} : { tier }),
});

/** How many submitted assessments await review, by tier (an excluded pledge is never in the queue). */
export async function countReviewQueue(): Promise<{
  all: number;
  trackable: number;
  direction: number;
}> {
  const groups = await db.pledge.groupBy({
    by: ["tier"],
    where: queueWhere("all"),
    _count: { _all: true },
  });
  const counts = { all: 0, trackable: 0, direction: 0 };
  for (const g of groups) {
    counts.all += g._count._all;
    counts[g.tier === "trackable" ? "trackable" : "direction"] += g._count._all;
  }
  return counts;
}

/** Submitted assessments awaiting review (of one tier, or all), oldest submission first: the window { skip, take } of them. */
export async function listReviewQueue(
  page: { skip: number; take: number } = { skip: 0, take: 200 },
  tier: ReviewQueueTier = "all",
): Promise<ReviewQueueItem[]> {
  const rows = await db.pledge.findMany({
    where: queueWhere(tier),
    select: {
      id: true,
      text: true,
      tier: true,
      tierReason: true,
      status: true,
      reportId: true,
      submittedAt: true,
      submittedById: true,
      assessedById: true,
      report: { select: { title: true, year: true, region: { select: { name: true } } } },
      submittedBy: { select: { name: true } },
    },
    // The id breaks ties, so no row falls between two pages.
    orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
    skip: page.skip,
    take: page.take,
  });
  return rows.map((p) => ({
    pledgeId: p.id,
    text: p.text,
    tier: p.tier,
    tierReason: p.tierReason,
    status: p.status,
    reportId: p.reportId,
    reportTitle: p.report.title,
    regionName: p.report.region.name,
    year: p.report.year,
    submittedBy: p.submittedBy?.name ?? null,
    submittedAt: p.submittedAt?.toISOString() ?? null,
    submittedById: p.submittedById,
    assessedById: p.assessedById,
  }));
}

/**
 * The next assessment of the review queue (queue order: oldest submission first) that `reviewer`
 * may approve or return — not `currentPledgeId`, and not one the four-eyes rule keeps from them
 * (canReviewSubmission, the rule's one owner) — for "approve and next". Null when none is left.
 */
export async function findNextReviewable(
  reviewer: { id: string; role: string },
  currentPledgeId: string,
): Promise<{ reportId: string; pledgeId: string } | null> {
  // Windows of the queue, so a reviewer whose own submissions fill its head still gets the next one.
  for (let skip = 0; ; skip += 50) {
    const rows = await db.pledge.findMany({
      where: { ...queueWhere("all"), id: { not: currentPledgeId } },
      select: { id: true, reportId: true, submittedById: true, assessedById: true },
      orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
      skip,
      take: 50,
    });
    const next = rows.find((r) => canReviewSubmission(reviewer, r.submittedById, r.assessedById));
    if (next) return { reportId: next.reportId, pledgeId: next.id };
    if (rows.length < 50) return null;
  }
}

/**
 * A pledge as the report page's server code sees it: the browser's PledgeDto plus `searchText`
 * (the text in simplified characters, so the filter finds 電梯 when you type 电梯), which the
 * page uses to filter and does not send on.
 */
export type ReportPledge = PledgeDto & { searchText: string };

/** A row of the report-page query; the column types differ by engine and are normalised below. */
type ReportPledgeRow = {
  id: string;
  start: number | bigint;
  end: number | bigint;
  text: string;
  searchText: string;
  sectionId: string | null;
  topic: string | null;
  kind: string;
  targetValue: number | null;
  targetValueMax: number | null;
  targetUnit: string | null;
  targetComparator: string | null;
  /** 0/1 on SQLite, a boolean on PostgreSQL. */
  targetGrowth: boolean | number | bigint;
  position: number | bigint;
  status: string;
  reviewState: string;
  assigneeId: string | null;
  version: number | bigint;
  evidenceCount: number | bigint;
  tier: string;
  tierReason: string | null;
  tierSource: string;
  /** 0/1 on SQLite, a boolean on PostgreSQL. */
  excluded: boolean | number | bigint;
  title: string | null;
};

/**
 * Every pledge of one report in source order, as the report page shows them. Offsets index the
 * report's sourceText and text is always its slice.
 *
 * One raw query on both engines (quoted identifiers and a tagged template, so placeholders suit
 * each): Prisma's `_count` of evidence made this the costliest query of the page (12 ms p50 for
 * 528 pledges against 5 ms raw), and the report page runs it on every view.
 */
export async function listReportPledges(reportId: string): Promise<ReportPledge[]> {
  const rows = await db.$queryRaw<ReportPledgeRow[]>`
    SELECT p."id", p."start", p."end", p."text", p."searchText", p."sectionId", p."topic", p."kind",
      p."targetValue", p."targetValueMax", p."targetUnit", p."targetComparator", p."targetGrowth",
      p."position", p."status", p."reviewState", p."assigneeId", p."version",
      p."tier", p."tierReason", p."tierSource", p."excluded", p."title",
      (SELECT COUNT(*) FROM "Evidence" e WHERE e."pledgeId" = p."id") AS "evidenceCount"
    FROM "Pledge" p
    WHERE p."reportId" = ${reportId}
    ORDER BY p."position" ASC, p."start" ASC`;
  return rows.map((p) => ({
    id: p.id,
    start: Number(p.start),
    end: Number(p.end),
    text: p.text,
    searchText: p.searchText,
    sectionId: p.sectionId,
    topic: p.topic,
    kind: p.kind,
    target: toTargetDto({
      targetValue: p.targetValue === null ? null : Number(p.targetValue),
      targetValueMax: p.targetValueMax === null ? null : Number(p.targetValueMax),
      targetUnit: p.targetUnit,
      targetComparator: p.targetComparator,
      targetGrowth: Boolean(Number(p.targetGrowth)),
    }),
    position: Number(p.position),
    status: p.status,
    reviewState: p.reviewState,
    assigneeId: p.assigneeId,
    evidenceCount: Number(p.evidenceCount),
    version: Number(p.version),
    tier: p.tier,
    tierReason: p.tierReason,
    tierSource: p.tierSource,
    excluded: Boolean(Number(p.excluded)),
    title: p.title,
  }));
}
