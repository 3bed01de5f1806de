import "server-only";
import { getLineageSummary } from "@/lib/lineage/data";
import { AppError } from "@/lib/app-error";
import { db } from "@/lib/db";
import { listPairings } from "@/lib/pairing/data";
import { toTargetDto } from "@/lib/pledges/target";
import {
  decodeCursor,
  encodeCursor,
  type Page,
  type PledgeDto,
  type PledgeSummaryDto,
  type RegionDto,
  type ReportDto,
} from "./schema";

/**
 * The reads of the data API (/api/v1): explicit selects, chosen shapes, keyset paging (a cursor
 * is the sort key of the last row, so a page never shifts when rows are added before it).
 * "Not a pledge" items are never listed, as on the report page and in the audits.
 */

const pledgeUrl = (origin: string, reportId: string, pledgeId: string) =>
  `${origin}/reports/${reportId}/pledges/${pledgeId}`;

/** Regions with their reports' count and years, by id. */
export async function listApiRegions(q: {
  limit: number;
  cursor?: string;
}): Promise<Page<RegionDto>> {
  const after = decodeCursor(q.cursor ?? null, ["string"]);
  const rows = await db.region.findMany({
    where: after ? { id: { gt: after[0] as string } } : {},
    orderBy: { id: "asc" },
    take: q.limit + 1,
    select: { id: true, name: true, level: true, reports: { select: { year: true } } },
  });
  const page = rows.slice(0, q.limit);
  return {
    data: page.map((r) => ({
      id: r.id,
      name: r.name,
      level: r.level,
      reportCount: r.reports.length,
      years: [...new Set(r.reports.map((x) => x.year).filter((y): y is number => y !== null))].sort(
        (a, b) => a - b,
      ),
    })),
    nextCursor: rows.length > q.limit ? encodeCursor([page[page.length - 1].id]) : null,
  };
}

type YearFilter = { year?: number[]; from?: number; to?: number };

/** The Prisma filter on Report.year of a selection: listed years, and/or a range. */
export function yearWhere(q: YearFilter): { year?: { in?: number[]; gte?: number; lte?: number } } {
  if (!q.year?.length && q.from === undefined && q.to === undefined) return {};
  return {
    year: {
      ...(q.year?.length ? { in: q.year } : {}),
      ...(q.from !== undefined ? { gte: q.from } : {}),
      ...(q.to !== undefined ? { lte: q.to } : {}),
    },
  };
}

/** Reports, filtered by regions and years, by id. */
export async function listApiReports(
  origin: string,
  q: { region?: string[]; limit: number; cursor?: string } & YearFilter,
): Promise<Page<ReportDto>> {
  const after = decodeCursor(q.cursor ?? null, ["string"]);
  const rows = await db.report.findMany({
    // Archived reports are hidden from lists, as in the app (their own ids still answer).
    where: {
      archivedAt: null,
      ...(q.region?.length ? { regionId: { in: q.region } } : {}),
      ...yearWhere(q),
      ...(after ? { id: { gt: after[0] as string } } : {}),
    },
    orderBy: { id: "asc" },
    take: q.limit + 1,
    select: {
      id: true,
      title: true,
      year: true,
      deliveredOn: true,
      speaker: true,
      meeting: true,
      script: true,
      createdAt: true,
      region: { select: { id: true, name: true } },
    },
  });
  const page = rows.slice(0, q.limit);
  const ids = page.map((r) => r.id);
  const pairings = await listPairings(db, ids);
  const counts = ids.length
    ? await db.pledge.groupBy({
        by: ["reportId", "tier"],
        where: { reportId: { in: ids }, excluded: false },
        _count: { _all: true },
      })
    : [];
  const count = (id: string, tier?: string) =>
    counts
      .filter((c) => c.reportId === id && (!tier || c.tier === tier))
      .reduce((n, c) => n + c._count._all, 0);
  return {
    data: page.map((r) => ({
      id: r.id,
      url: `${origin}/reports/${r.id}`,
      title: r.title,
      region: r.region,
      year: r.year,
      deliveredOn: r.deliveredOn,
      speaker: r.speaker,
      meeting: r.meeting,
      script: r.script,
      reviewedById: pairings.get(r.id)?.review?.id ?? null,
      pledgeCount: count(r.id),
      trackableCount: count(r.id, "trackable"),
      importedAt: r.createdAt.toISOString(),
    })),
    nextCursor: rows.length > q.limit ? encodeCursor([page[page.length - 1].id]) : null,
  };
}

/** A report's pledges in text order, filtered by tier, status and review state; NOT_FOUND for an unknown report. */
export async function listApiReportPledges(
  origin: string,
  reportId: string,
  q: { tier?: string[]; status?: string[]; reviewState?: string[]; limit: number; cursor?: string },
): Promise<Page<PledgeSummaryDto>> {
  const report = await db.report.findUnique({ where: { id: reportId }, select: { id: true } });
  if (!report) throw new AppError("NOT_FOUND", "no report with this id");
  const after = decodeCursor(q.cursor ?? null, ["number", "string"]);
  const rows = await db.pledge.findMany({
    where: {
      reportId,
      excluded: false,
      ...(q.tier?.length ? { tier: { in: q.tier } } : {}),
      ...(q.status?.length ? { status: { in: q.status } } : {}),
      ...(q.reviewState?.length ? { reviewState: { in: q.reviewState } } : {}),
      ...(after
        ? {
            OR: [
              { position: { gt: after[0] as number } },
              { position: after[0] as number, id: { gt: after[1] as string } },
            ],
          }
        : {}),
    },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    take: q.limit + 1,
    select: { ...PLEDGE_FIELDS, _count: { select: { evidence: true } } },
  });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    data: page.map((p) => ({ ...summary(origin, p), evidenceCount: p._count.evidence })),
    nextCursor: rows.length > q.limit ? encodeCursor([last.position, last.id]) : null,
  };
}

const PLEDGE_FIELDS = {
  id: true,
  reportId: true,
  position: true,
  text: true,
  title: true,
  topic: true,
  kind: true,
  tier: true,
  tierReason: true,
  status: true,
  reviewState: true,
  targetValue: true,
  targetValueMax: true,
  targetUnit: true,
  targetComparator: true,
  targetGrowth: true,
  section: { select: { heading: true } },
} as const;

type PledgeRow = {
  id: string;
  reportId: string;
  position: number;
  text: string;
  title: string | null;
  topic: string | null;
  kind: string;
  tier: string;
  tierReason: string | null;
  status: string;
  reviewState: string;
  targetValue: number | null;
  targetValueMax: number | null;
  targetUnit: string | null;
  targetComparator: string | null;
  targetGrowth: boolean;
  section: { heading: string } | null;
};

function summary(origin: string, p: PledgeRow): Omit<PledgeSummaryDto, "evidenceCount"> {
  return {
    id: p.id,
    url: pledgeUrl(origin, p.reportId, p.id),
    reportId: p.reportId,
    position: p.position,
    text: p.text,
    title: p.title,
    section: p.section?.heading ?? null,
    topic: p.topic,
    kind: p.kind,
    tier: p.tier,
    tierReason: p.tierReason,
    target: toTargetDto(p),
    status: p.status,
    reviewState: p.reviewState,
  };
}

/** One pledge with its evidence, verdict and review state; null for an unknown id or an item marked not a pledge. */
export async function getApiPledge(origin: string, pledgeId: string): Promise<PledgeDto | null> {
  const p = await db.pledge.findFirst({
    where: { id: pledgeId, excluded: false },
    select: {
      ...PLEDGE_FIELDS,
      start: true,
      end: true,
      rationale: true,
      reportedValue: true,
      suggestedStatus: true,
      assessedAt: true,
      submittedAt: true,
      approvedAt: true,
      updatedAt: true,
      report: {
        select: { id: true, title: true, year: true, region: { select: { id: true, name: true } } },
      },
      evidence: {
        select: {
          id: true,
          kind: true,
          quote: true,
          url: true,
          sourceReportId: true,
          start: true,
          end: true,
          sourceDate: true,
          note: true,
        },
        orderBy: { createdAt: "asc" },
      },
    },
  });
  if (!p) return null;
  const lineage = await getLineageSummary(p.id);
  return {
    ...summary(origin, p),
    start: p.start,
    end: p.end,
    report: p.report,
    verdict: {
      status: p.status,
      rationale: p.rationale,
      reportedValue: p.reportedValue,
      suggestedStatus: p.suggestedStatus,
      assessedAt: p.assessedAt?.toISOString() ?? null,
    },
    review: {
      state: p.reviewState,
      submittedAt: p.submittedAt?.toISOString() ?? null,
      approvedAt: p.approvedAt?.toISOString() ?? null,
    },
    evidence: p.evidence,
    lineage: lineage ?? { predecessor: null, successors: [], line: null, computed: false },
    updatedAt: p.updatedAt.toISOString(),
  };
}
