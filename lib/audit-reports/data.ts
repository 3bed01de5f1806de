import "server-only";
import { tallyProgress } from "@/lib/assessments/progress";
import { db } from "@/lib/db";
import { listPairings } from "@/lib/pairing/data";
import { regionAndDescendantIds, regionChain } from "@/lib/regions/data";
import { regionFullName } from "@/lib/regions/names";
import { exportFileStem, reportLabel } from "@/lib/reports/naming";
import { isAssessmentStatus, isReviewState } from "@/lib/assessments/schema";
import {
  aggregatePledges,
  effectiveStatus,
  pledgeKind,
  rateIsHeadline,
  tallyCounts,
  type AggregateRow,
} from "./aggregate";
import type {
  AuditPairSummary,
  AuditPlan,
  AuditPledge,
  AuditReport,
  AuditReportOptions,
  AuditScope,
  AuditTiers,
  AuditTrendPoint,
} from "./schema";
import { toTargetDto } from "@/lib/pledges/target";

type ReportRow = {
  id: string;
  title: string;
  year: number | null;
  regionId: string;
  region: { name: string };
};

const reportSelect = {
  id: true,
  title: true,
  year: true,
  regionId: true,
  region: { select: { name: true } },
} as const;

/** Archived reports are left out of every roll-up and the overview (lib/reports/mutations.ts archiveReport). */
const inUse = { archivedAt: null } as const;

/** The plan reports with the reports that review them (lib/pairing: the one owner of the rule). */
async function describePlans(reports: ReportRow[]): Promise<AuditPlan[]> {
  const pairings = await listPairings(
    db,
    reports.map((r) => r.id),
  );
  return reports.map((r) => {
    const pairing = pairings.get(r.id);
    const review = pairing?.review;
    return {
      id: r.id,
      title: r.title,
      year: r.year,
      region: { id: r.regionId, name: r.region.name },
      review: review
        ? {
            id: review.id,
            title: review.title,
            year: review.year,
            inferred: pairing.source === "automatic",
          }
        : null,
    };
  });
}

/**
 * The pledges of some reports with what the audit shows; rationale and people only with notes.
 * "Not a pledge" is left out here, for every audit; the tier is chosen in assemble (the numbers
 * stay those of the report page whichever tiers are counted).
 */
async function loadPledges(reportIds: string[], showNotes: boolean) {
  return db.pledge.findMany({
    where: { reportId: { in: reportIds }, excluded: false },
    select: {
      id: true,
      reportId: true,
      start: true,
      end: true,
      text: true,
      title: true,
      kind: true,
      tier: true,
      tierReason: true,
      status: true,
      reviewState: true,
      suggestedStatus: true,
      reportedValue: true,
      approvedAt: true,
      updatedAt: true,
      targetValue: true,
      targetValueMax: true,
      targetUnit: true,
      targetComparator: true,
      targetGrowth: true,
      section: { select: { id: true, kind: true, heading: true, start: true, parentId: true } },
      evidence: {
        select: {
          kind: true,
          quote: true,
          sourceReportId: true,
          start: true,
          end: true,
          url: true,
        },
        orderBy: { createdAt: "asc" },
      },
      ...(showNotes ? { rationale: true, approvedBy: { select: { name: true } } } : {}),
    },
    orderBy: [{ reportId: "asc" }, { start: "asc" }, { end: "asc" }],
  });
}

type LoadedPledge = Awaited<ReturnType<typeof loadPledges>>[number] & {
  rationale?: string | null;
  approvedBy?: { name: string } | null;
};

type Grouping = (p: LoadedPledge) => { key: string; label: string; order: number };

/** Builds the report from loaded plans and pledges: DTOs, groups, aggregate, targets, trend. */
function assemble(
  scope: AuditScope,
  names: { subject: string; heading: string; fileStem: string },
  subjectId: string,
  plans: AuditPlan[],
  rows: LoadedPledge[],
  grouping: Grouping,
  options: AuditReportOptions,
  withTrend: boolean,
): AuditReport {
  const numbers = new Map<string, number>();
  const groupOf = new Map<string, { key: string; label: string; order: number }>();
  const inTargets = new Set<string>();
  const tierCounts = { trackable: 0, direction: 0 };
  const numbered = rows.map((p) => {
    const n = (numbers.get(p.reportId) ?? 0) + 1;
    numbers.set(p.reportId, n);
    tierCounts[p.tier === "trackable" ? "trackable" : "direction"]++;
    return { p, n };
  });
  const counted =
    options.tiers === "all" ? numbered : numbered.filter(({ p }) => p.tier === "trackable");
  const pledges: AuditPledge[] = counted.map(({ p, n }) => {
    const status = isAssessmentStatus(p.status) ? p.status : "not_assessed";
    const reviewState = isReviewState(p.reviewState) ? p.reviewState : "draft";
    const g = grouping(p);
    groupOf.set(p.id, g);
    if (p.section?.kind === "targets") inTargets.add(p.id);
    return {
      id: p.id,
      reportId: p.reportId,
      number: n,
      text: p.text,
      title: p.title,
      kind: pledgeKind(p.kind),
      tier: p.tier === "trackable" ? "trackable" : "direction",
      tierReason: p.tierReason,
      section: p.section?.heading ?? null,
      group: g.label,
      target: toTargetDto(p),
      reportedValue: p.reportedValue,
      status,
      countedStatus: effectiveStatus({ status, reviewState }, options.approvedOnly),
      reviewState,
      provisional: status !== "not_assessed" && reviewState !== "approved",
      evidence: p.evidence.map((e) => ({
        kind: e.kind === "external" ? "external" : "review",
        quote: e.quote,
        sourceReportId: e.sourceReportId,
        start: e.start,
        end: e.end,
        url: e.url,
      })),
      rationale: options.showNotes ? (p.rationale ?? null) : null,
      reviewer: options.showNotes ? (p.approvedBy?.name ?? null) : null,
      approvedAt: p.approvedAt?.toISOString() ?? null,
    };
  });

  const suggestedOf = new Map(rows.map((p) => [p.id, p.suggestedStatus]));
  const aggRows: AggregateRow[] = pledges.map((p) => ({
    status: p.status,
    reviewState: p.reviewState,
    kind: p.kind,
    group: groupOf.get(p.id),
    suggestedStatus: suggestedOf.get(p.id),
  }));
  const aggregate = aggregatePledges(aggRows, { approvedOnly: options.approvedOnly });
  const groups = aggregate.byGroup.map((g) => ({
    key: g.key,
    label: g.label,
    pledges: pledges.filter((p) => groupOf.get(p.id)?.key === g.key),
  }));
  const targets = pledges.filter(
    (p) => inTargets.has(p.id) || (p.kind === "quantitative" && p.target !== null),
  );

  let trend: AuditTrendPoint[] | null = null;
  if (withTrend) {
    // One point per plan year: a province's roll-up counts all its cities' and counties' plans of that year.
    const years = new Map<number, string[]>();
    for (const plan of plans)
      if (plan.year !== null) years.set(plan.year, [...(years.get(plan.year) ?? []), plan.id]);
    trend = [...years.entries()]
      .map(([year, ids]) => {
        const t = tallyCounts(
          pledges.filter((p) => ids.includes(p.reportId)),
          options.approvedOnly,
        );
        return {
          year,
          reportId: ids[0],
          reports: ids.length,
          pledges: t.pledges,
          assessed: t.assessed,
          fulfilmentRate: t.fulfilmentRate,
          rateShown: rateIsHeadline(t),
        };
      })
      .sort((a, b) => a.year - b.year);
  }

  const last = rows.reduce<Date | null>((m, p) => (!m || p.updatedAt > m ? p.updatedAt : m), null);
  return {
    scope,
    ...names,
    subjectId,
    plans,
    asOf: new Date().toISOString(),
    lastChangeAt: last?.toISOString() ?? null,
    options,
    tierCounts,
    aggregate,
    groups,
    targets,
    trend,
  };
}

/** The group of a pledge in a pair report: its section below the plan (subsection, targets or list block). */
const sectionGrouping: Grouping = (p) =>
  p.section
    ? { key: p.section.id, label: p.section.heading, order: p.section.start }
    : { key: "_none", label: "—", order: Number.MAX_SAFE_INTEGER };

/**
 * The audit report of one plan and the report that reviews it (lib/pairing): every pledge grouped
 * by the plan's sections, headed by region and years (海拉尔区 2014 → 2015). Null when the report
 * does not exist. An archived report still has its pair report (its page links to it).
 */
export async function getPairAuditReport(
  reportId: string,
  options: AuditReportOptions,
): Promise<AuditReport | null> {
  const report = await db.report.findUnique({ where: { id: reportId }, select: reportSelect });
  if (!report) return null;
  const [plans, rows] = await Promise.all([
    describePlans([report]),
    loadPledges([report.id], options.showNotes),
  ]);
  const review = plans[0].review;
  const heading = `${reportLabel(report.region.name, report.year)} → ${review ? (review.year ?? review.title) : "?"}`;
  const names = {
    subject: report.title,
    heading,
    fileStem: exportFileStem({ year: report.year, region: report.region.name }),
  };
  return assemble(
    "pair",
    names,
    report.id,
    plans,
    rows as LoadedPledge[],
    sectionGrouping,
    options,
    false,
  );
}

/**
 * A region's roll-up: every report in use of the region and of the regions below it (a province's
 * cities and counties, as Decidim's accountability rolls results up by scope), grouped by report,
 * with the fulfilment rate per plan year. Null when the region does not exist.
 */
export async function getRegionAuditReport(
  regionId: string,
  options: AuditReportOptions,
): Promise<AuditReport | null> {
  const region = await db.region.findUnique({
    where: { id: regionId },
    select: { id: true, name: true },
  });
  if (!region) return null;
  const [regionIds, chain] = await Promise.all([
    regionAndDescendantIds(regionId),
    regionChain(db, regionId),
  ]);
  const reports = await db.report.findMany({
    where: { regionId: { in: regionIds }, ...inUse, pledges: { some: { excluded: false } } },
    select: reportSelect,
    orderBy: [{ year: "asc" }, { region: { name: "asc" } }, { createdAt: "asc" }],
  });
  const [plans, rows] = await Promise.all([
    describePlans(reports),
    loadPledges(
      reports.map((r) => r.id),
      options.showNotes,
    ),
  ]);
  const rollUp = regionIds.length > 1;
  const order = new Map(
    reports.map((r, i) => [
      r.id,
      { label: rollUp ? `${reportLabel(r.region.name, r.year)} · ${r.title}` : r.title, order: i },
    ]),
  );
  const grouping: Grouping = (p) => ({
    key: p.reportId,
    label: order.get(p.reportId)!.label,
    order: order.get(p.reportId)!.order,
  });
  const names = {
    subject: region.name,
    heading: regionFullName(chain),
    fileStem: exportFileStem({ region: region.name }),
  };
  return assemble(
    "region",
    names,
    region.id,
    plans,
    rows as LoadedPledge[],
    grouping,
    options,
    true,
  );
}

/** A year's roll-up: every plan report in use of that year across regions, grouped by report. */
export async function getYearAuditReport(
  year: number,
  options: AuditReportOptions,
): Promise<AuditReport | null> {
  const reports = await db.report.findMany({
    where: { year, ...inUse, pledges: { some: { excluded: false } } },
    select: reportSelect,
    orderBy: [{ region: { name: "asc" } }, { createdAt: "asc" }],
  });
  if (reports.length === 0) return null;
  const [plans, rows] = await Promise.all([
    describePlans(reports),
    loadPledges(
      reports.map((r) => r.id),
      options.showNotes,
    ),
  ]);
  const order = new Map(
    reports.map((r, i) => [r.id, { label: `${r.region.name} · ${r.title}`, order: i }]),
  );
  const grouping: Grouping = (p) => ({
    key: p.reportId,
    label: order.get(p.reportId)!.label,
    order: order.get(p.reportId)!.order,
  });
  const names = {
    subject: String(year),
    heading: String(year),
    fileStem: exportFileStem({ year }),
  };
  return assemble(
    "year",
    names,
    String(year),
    plans,
    rows as LoadedPledge[],
    grouping,
    options,
    false,
  );
}

/** The audit report of a scope and its subject id (reportId, regionId or the year as text). */
export async function getAuditReport(
  scope: AuditScope,
  subjectId: string,
  options: AuditReportOptions,
): Promise<AuditReport | null> {
  if (scope === "pair") return getPairAuditReport(subjectId, options);
  if (scope === "region") return getRegionAuditReport(subjectId, options);
  const year = Number(subjectId);
  return Number.isInteger(year) ? getYearAuditReport(year, options) : null;
}

/**
 * The audit overview: every report in use with pledges as a plan → review pair (lib/pairing;
 * review null when nothing reviews it), with its progress and fulfilment rate over its trackable
 * pledges (or all, with tiers "all"; "not a pledge" never counts) and whether enough are assessed
 * to headline that rate; by region, then plan year.
 */
export async function listAuditPairs(
  options: { tiers: AuditTiers } = { tiers: "trackable" },
): Promise<AuditPairSummary[]> {
  const [reports, allCounts] = await Promise.all([
    db.report.findMany({
      where: { ...inUse, pledges: { some: { excluded: false } } },
      select: reportSelect,
      orderBy: [{ region: { name: "asc" } }, { year: "asc" }, { createdAt: "asc" }],
    }),
    db.pledge.groupBy({
      by: ["reportId", "tier", "status", "reviewState"],
      where: { excluded: false, report: inUse },
      _count: { _all: true },
    }),
  ]);
  const counts =
    options.tiers === "all" ? allCounts : allCounts.filter((c) => c.tier === "trackable");
  const plans = await describePlans(reports);
  return plans.map((plan) => {
    const rows = counts
      .filter((c) => c.reportId === plan.id)
      .map((c) => ({ status: c.status, reviewState: c.reviewState, n: c._count._all }));
    const tally = tallyCounts(rows);
    return {
      plan,
      pledges: tally.pledges,
      direction: allCounts
        .filter((c) => c.reportId === plan.id && c.tier !== "trackable")
        .reduce((n, c) => n + c._count._all, 0),
      assessed: tally.assessed,
      submitted: tallyProgress(rows).submitted,
      approved: tally.approved,
      fulfilmentRate: tally.fulfilmentRate,
      rateShown: rateIsHeadline(tally),
    };
  });
}
