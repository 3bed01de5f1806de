import "server-only";
import { db } from "@/lib/db";
import { isAssessmentStatus } from "@/lib/assessments/schema";
import { matchPlans, type LineagePledge } from "@/lib/evidence/match-plans";
import { toTargetDto } from "@/lib/pledges/target";
import {
  buildIndicatorSeries,
  buildLines,
  lineThrough,
  recurringLines,
  type LineLink,
  type LineNode,
  type OutcomeRow,
  type PledgeLine,
} from "./line";
import { countStaleLineage } from "./mutations";
import {
  LOOKBACK_YEARS,
  type LineageCandidateDto,
  type LineageSummary,
  type LinkState,
  type PledgeLineageDto,
  type PledgeLinkDto,
  type RegionRecordDto,
} from "./schema";

/*
 * Reads of lineage: lines (pledges joined by links that still join: suggested or confirmed),
 * a region's recurring pledges and its headline targets against outcomes. A few queries per page,
 * whatever the number of years: links and outcomes are stored (lib/lineage/mutations.ts).
 */

const nodeSelect = {
  id: true,
  reportId: true,
  text: true,
  title: true,
  status: true,
  reviewState: true,
  tier: true,
} as const;

type RegionReports = { id: string; year: number }[];

async function regionReports(regionId: string): Promise<RegionReports> {
  const rows = await db.report.findMany({
    where: { regionId, archivedAt: null, year: { not: null } },
    select: { id: true, year: true },
  });
  return rows.map((r) => ({ id: r.id, year: r.year! }));
}

type RegionGraph = { nodes: Map<string, LineNode>; links: LineLink[] };

/**
 * The pledges of a region's reports in use, each with its own links that still join. By report and
 * by pledge, both indexed; the graph and the outcomes below are joined to them in memory, as
 * filters on the relations of links or outcomes make SQLite scan those tables (seconds on the
 * large database).
 */
async function regionPledges(reports: RegionReports) {
  if (!reports.length) return [];
  return db.pledge.findMany({
    where: { reportId: { in: reports.map((r) => r.id) }, excluded: false },
    select: {
      ...nodeSelect,
      position: true,
      predecessorLinks: {
        where: { state: { in: ["suggested", "confirmed"] } },
        select: { predecessorId: true, state: true },
      },
    },
  });
}

type RegionPledges = Awaited<ReturnType<typeof regionPledges>>;

/** The lineage graph of a region's reports in use: every link that still joins two of `pledges`, with the pledges at its ends. */
function regionGraph(reports: RegionReports, pledges: RegionPledges): RegionGraph {
  const year = new Map(reports.map((r) => [r.id, r.year]));
  const inRegion = new Set(pledges.map((p) => p.id));
  const links: LineLink[] = [];
  for (const p of pledges) {
    for (const l of p.predecessorLinks) {
      if (inRegion.has(l.predecessorId))
        links.push({
          pledgeId: p.id,
          predecessorId: l.predecessorId,
          state: l.state === "confirmed" ? "confirmed" : "suggested",
        });
    }
  }
  const ends = new Set(links.flatMap((l) => [l.pledgeId, l.predecessorId]));
  const nodes = new Map<string, LineNode>();
  for (const p of pledges) {
    if (!ends.has(p.id)) continue;
    nodes.set(p.id, {
      pledgeId: p.id,
      reportId: p.reportId,
      year: year.get(p.reportId)!,
      text: p.text,
      title: p.title,
      status: isAssessmentStatus(p.status) ? p.status : "not_assessed",
      reviewState: p.reviewState,
      tier: p.tier === "trackable" ? "trackable" : "direction",
    });
  }
  return { nodes, links };
}

/** The stored headline outcomes of a region's reports in use, of its pledges not excluded (`pledges`), in plan order. */
async function regionOutcomes(
  reports: RegionReports,
  pledges: RegionPledges,
): Promise<OutcomeRow[]> {
  if (!reports.length) return [];
  const year = new Map(reports.map((r) => [r.id, r.year]));
  const position = new Map(pledges.map((p) => [p.id, p.position]));
  const rows = (
    await db.indicatorOutcome.findMany({
      where: { reportId: { in: reports.map((r) => r.id) } },
      select: {
        reportId: true,
        pledgeId: true,
        indicator: true,
        growth: true,
        unit: true,
        targetValue: true,
        targetHigh: true,
        comparator: true,
        ceiling: true,
        targetText: true,
        reportedValue: true,
        reportedText: true,
        quote: true,
        verdict: true,
        sourceReportId: true,
      },
    })
  ).filter((r) => position.has(r.pledgeId));
  // The reviewing report is the region's next one, unless a person paired another: look those up.
  const others = [
    ...new Set(
      rows.map((r) => r.sourceReportId).filter((id): id is string => id !== null && !year.has(id)),
    ),
  ];
  const sourceYear = new Map<string, number | null>(year);
  if (others.length)
    for (const r of await db.report.findMany({
      where: { id: { in: others } },
      select: { id: true, year: true },
    }))
      sourceYear.set(r.id, r.year);
  rows.sort(
    (a, b) =>
      year.get(a.reportId)! - year.get(b.reportId)! ||
      position.get(a.pledgeId)! - position.get(b.pledgeId)!,
  );
  return rows.map(({ sourceReportId, ...r }) => ({
    ...r,
    year: year.get(r.reportId)!,
    sourceYear: sourceReportId ? (sourceYear.get(sourceReportId) ?? null) : null,
  }));
}

/**
 * A region's multi-year record from its own reports in use (not those of the regions below it):
 * lines spanning three or more plan years, worst record first, and its headline indicators as
 * series of targets against reported outcomes. Null when the region does not exist.
 */
export async function getRegionRecord(regionId: string): Promise<RegionRecordDto | null> {
  const region = await db.region.findUnique({ where: { id: regionId }, select: { id: true } });
  if (!region) return null;
  const reports = await regionReports(regionId);
  const [pledges, pending] = await Promise.all([
    regionPledges(reports),
    countStaleLineage(regionId),
  ]);
  const graph = regionGraph(reports, pledges);
  const outcomes = await regionOutcomes(reports, pledges);
  // Like the audit reports, the record is about trackable commitments: a line counts when one of its pledges is.
  const lines: PledgeLine[] = buildLines(graph.nodes, graph.links).filter((l) =>
    l.nodes.some((n) => n.tier === "trackable"),
  );
  const years = reports.map((r) => r.year);
  return {
    regionId,
    years: years.length ? [Math.min(...years), Math.max(...years)] : null,
    recurring: recurringLines(lines),
    series: buildIndicatorSeries(outcomes),
    pending,
  };
}

type LinkRow = {
  id: string;
  state: string;
  version: number;
  score: number | null;
  probability: number | null;
  terms: string;
  decidedAt: Date | null;
  decidedBy: { name: string } | null;
  predecessor: {
    id: string;
    reportId: string;
    text: string;
    status: string;
    report: { year: number | null };
  };
};

function parseTerms(json: string): string[] {
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

function toLinkDto(l: LinkRow): PledgeLinkDto {
  return {
    id: l.id,
    state: (["suggested", "confirmed", "rejected"] as const).includes(l.state as LinkState)
      ? (l.state as LinkState)
      : "suggested",
    version: l.version,
    predecessor: {
      id: l.predecessor.id,
      reportId: l.predecessor.reportId,
      year: l.predecessor.report.year ?? 0,
      text: l.predecessor.text,
      status: isAssessmentStatus(l.predecessor.status) ? l.predecessor.status : "not_assessed",
    },
    score: l.score,
    probability: l.probability,
    terms: parseTerms(l.terms),
    decidedBy: l.decidedBy?.name ?? null,
    decidedAt: l.decidedAt?.toISOString() ?? null,
  };
}

const linkSelect = {
  id: true,
  state: true,
  version: true,
  score: true,
  probability: true,
  terms: true,
  decidedAt: true,
  decidedBy: { select: { name: true } },
  predecessor: {
    select: {
      id: true,
      reportId: true,
      text: true,
      status: true,
      report: { select: { year: true } },
    },
  },
} as const;

/**
 * A pledge's lineage: the line it belongs to, its own link to a predecessor (to confirm or
 * reject) and the predecessors a person rejected; null when the pledge does not exist.
 */
export async function getPledgeLineage(pledgeId: string): Promise<PledgeLineageDto | null> {
  const pledge = await db.pledge.findUnique({
    where: { id: pledgeId },
    select: {
      id: true,
      report: {
        select: { regionId: true, lineageAt: true, lineageStaleAt: true, archivedAt: true },
      },
    },
  });
  if (!pledge) return null;
  const [reports, links] = await Promise.all([
    regionReports(pledge.report.regionId),
    db.pledgeLink.findMany({
      where: { pledgeId },
      select: linkSelect,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
  ]);
  const graph = regionGraph(reports, await regionPledges(reports));
  const own = links.map((l) => toLinkDto(l as LinkRow));
  return {
    line: lineThrough(graph.nodes, graph.links, pledgeId),
    link: own.find((l) => l.state !== "rejected") ?? null,
    rejected: own.filter((l) => l.state === "rejected"),
    pending:
      pledge.report.archivedAt === null &&
      (pledge.report.lineageAt === null || pledge.report.lineageStaleAt !== null),
  };
}

/**
 * The earlier pledges of the region (up to LOOKBACK_YEARS plans back) a pledge may repeat, best
 * first, computed now (for an analyst choosing another predecessor); [] when there are none.
 */
export async function findLineageCandidates(
  pledgeId: string,
  top = 5,
): Promise<LineageCandidateDto[]> {
  const pledge = await db.pledge.findUnique({
    where: { id: pledgeId },
    select: {
      id: true,
      text: true,
      start: true,
      end: true,
      topic: true,
      targetValue: true,
      targetValueMax: true,
      targetUnit: true,
      targetComparator: true,
      targetGrowth: true,
      report: { select: { regionId: true, year: true } },
    },
  });
  if (!pledge || pledge.report.year === null) return [];
  const reports = await db.report.findMany({
    where: {
      regionId: pledge.report.regionId,
      archivedAt: null,
      year: { gte: pledge.report.year - LOOKBACK_YEARS, lt: pledge.report.year },
    },
    select: { id: true, year: true },
    orderBy: [{ year: "desc" }],
  });
  if (!reports.length) return [];
  const rows = await db.pledge.findMany({
    where: { reportId: { in: reports.map((r) => r.id) }, excluded: false },
    select: {
      id: true,
      reportId: true,
      text: true,
      start: true,
      end: true,
      status: true,
      topic: true,
      targetValue: true,
      targetValueMax: true,
      targetUnit: true,
      targetComparator: true,
      targetGrowth: true,
    },
  });
  const year = new Map(reports.map((r) => [r.id, r.year!]));
  const years = [...new Set(reports.map((r) => r.year!))].sort((a, b) => b - a);
  const toQuery = (p: (typeof rows)[number] | typeof pledge): LineagePledge => ({
    id: p.id,
    text: p.text,
    start: p.start,
    end: p.end,
    section: p.topic ?? undefined,
    target: toTargetDto(p),
  });
  const [result] = matchPlans(
    [toQuery(pledge)],
    years.map((y) => ({
      id: String(y),
      year: y,
      pledges: rows.filter((r) => year.get(r.reportId) === y).map(toQuery),
    })),
    { top },
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return result.candidates.map((c) => {
    const r = byId.get(c.pledgeId)!;
    return {
      id: r.id,
      reportId: r.reportId,
      year: year.get(r.reportId)!,
      text: r.text,
      status: isAssessmentStatus(r.status) ? r.status : "not_assessed",
      score: c.score,
      terms: c.terms,
    };
  });
}

/** The data API's lineage of one pledge (see LineageSummary); null for an unknown pledge. */
export async function getLineageSummary(pledgeId: string): Promise<LineageSummary | null> {
  const [lineage, successors] = await Promise.all([
    getPledgeLineage(pledgeId),
    db.pledgeLink.findMany({
      where: {
        predecessorId: pledgeId,
        state: { in: ["suggested", "confirmed"] },
        pledge: { excluded: false, report: { archivedAt: null } },
      },
      select: {
        state: true,
        pledge: { select: { id: true, reportId: true, report: { select: { year: true } } } },
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
  ]);
  if (!lineage) return null;
  const state = (s: string) =>
    (s === "confirmed" ? "confirmed" : "suggested") as "suggested" | "confirmed";
  const link = lineage.link;
  return {
    predecessor: link
      ? {
          pledgeId: link.predecessor.id,
          reportId: link.predecessor.reportId,
          year: link.predecessor.year,
          state: state(link.state),
          score: link.score,
        }
      : null,
    successors: successors.map((l) => ({
      pledgeId: l.pledge.id,
      reportId: l.pledge.reportId,
      year: l.pledge.report.year ?? 0,
      state: state(l.state),
    })),
    line: lineage.line
      ? {
          years: lineage.line.years,
          pledges: lineage.line.nodes.map((n) => ({
            pledgeId: n.pledgeId,
            reportId: n.reportId,
            year: n.year,
            status: n.status,
          })),
        }
      : null,
    computed: !lineage.pending,
  };
}

/** The region with the most plan years of reports in use, and how many (for benchmarks); null without reports. */
export async function findRegionWithMostYears(): Promise<{
  regionId: string;
  years: number;
} | null> {
  const rows = await db.report.groupBy({
    by: ["regionId", "year"],
    where: { archivedAt: null, year: { not: null } },
  });
  const years = new Map<string, number>();
  for (const r of rows) years.set(r.regionId, (years.get(r.regionId) ?? 0) + 1);
  let best: { regionId: string; years: number } | null = null;
  for (const [regionId, n] of years) if (!best || n > best.years) best = { regionId, years: n };
  return best;
}
