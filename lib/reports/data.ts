import "server-only";
import { db } from "@/lib/db";
import { hashReportContent } from "./content-hash";

export type ReportListItem = {
  id: string;
  region: string;
  regionLevel: string;
  year: number | null;
  title: string;
  deliveredOn: string | null;
  speaker: string | null;
  script: string;
  parsed: boolean;
  pledgeCount: number;
  reviewReport: { id: string; year: number | null; title: string } | null;
};

/** How many reports there are (the report list's total, for its pages). */
export async function countReports(): Promise<number> {
  return db.report.count();
}

/**
 * Reports by region then year, with pledge counts and their pairing: all of them, or the window
 * `page` ({ skip, take }) of that order.
 */
export async function listReports(page?: { skip: number; take: number }): Promise<ReportListItem[]> {
  const rows = await db.report.findMany({
    ...(page ? { skip: page.skip, take: page.take } : {}),
    select: {
      id: true,
      year: true,
      title: true,
      deliveredOn: true,
      speaker: true,
      script: true,
      parsedAt: true,
      region: { select: { name: true, level: true } },
      reviewReport: { select: { id: true, year: true, title: true } },
      // Items marked "not a pledge" are not counted.
      _count: { select: { pledges: { where: { excluded: false } } } },
    },
    orderBy: [{ region: { name: "asc" } }, { year: "asc" }, { createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map((r) => ({
    id: r.id,
    region: r.region.name,
    regionLevel: r.region.level,
    year: r.year,
    title: r.title,
    deliveredOn: r.deliveredOn,
    speaker: r.speaker,
    script: r.script,
    parsed: r.parsedAt !== null,
    pledgeCount: r._count.pledges,
    reviewReport: r.reviewReport,
  }));
}

export type RegionSummary = {
  regionId: string;
  region: string;
  years: number[];
  reports: number;
  pledges: number;
  assessed: number;
  approved: number;
};

/** Per region: years covered, pledge counts and assessment progress (for the audit overview). */
export async function summarizeRegions(): Promise<RegionSummary[]> {
  const regions = await db.region.findMany({
    select: { id: true, name: true, reports: { select: { id: true, year: true } } },
    orderBy: { name: "asc" },
  });
  const counts = await db.pledge.groupBy({
    by: ["reportId", "status", "reviewState"],
    _count: { _all: true },
  });
  return regions
    .filter((r) => r.reports.length > 0)
    .map((r) => {
      const ids = new Set(r.reports.map((x) => x.id));
      let pledges = 0;
      let assessed = 0;
      let approved = 0;
      for (const c of counts) {
        if (!ids.has(c.reportId)) continue;
        pledges += c._count._all;
        if (c.status !== "not_assessed") assessed += c._count._all;
        if (c.reviewState === "approved") approved += c._count._all;
      }
      const years = [...new Set(r.reports.map((x) => x.year).filter((y): y is number => y !== null))].sort();
      return { regionId: r.id, region: r.name, years, reports: r.reports.length, pledges, assessed, approved };
    });
}

/** The report already holding this content (same text up to line endings), if any. */
export async function findReportByContent(text: string): Promise<{ id: string; title: string } | null> {
  return db.report.findUnique({ where: { contentHash: hashReportContent(text) }, select: { id: true, title: true } });
}

export type ReportSectionDto = {
  id: string;
  parentId: string | null;
  /** review | plan | five-year | appendix | list | other (top level); subsection; topic; targets | list blocks */
  kind: string;
  heading: string;
  start: number;
  end: number;
};

export type ReportDetail = {
  id: string;
  title: string;
  region: { id: string; name: string; level: string };
  year: number | null;
  deliveredOn: string | null;
  speaker: string | null;
  meeting: string | null;
  script: string;
  encoding: string;
  fileName: string | null;
  /** Exactly as decoded at import; every offset on the page indexes this string. */
  sourceText: string;
  bodyStart: number;
  bodyEnd: number;
  parsed: boolean;
  sections: ReportSectionDto[];
  /**
   * The next year's report whose review reports on this plan: the stored pairing when set,
   * otherwise (unless a reviewer cleared it by hand) the same region's report of year + 1 found
   * on the fly (`inferred: true`).
   */
  reviewedBy: { id: string; title: string; year: number | null; inferred: boolean } | null;
};

/** The report row of getReportDetail with its region and stored pairing; column types differ by engine. */
type ReportDetailRow = {
  id: string;
  title: string;
  year: number | bigint | null;
  deliveredOn: string | null;
  speaker: string | null;
  meeting: string | null;
  script: string;
  encoding: string;
  fileName: string | null;
  sourceText: string;
  bodyStart: number | bigint;
  bodyEnd: number | bigint;
  parsedAt: unknown;
  /** 0/1 on SQLite, a boolean on PostgreSQL. */
  pairingManual: boolean | number | bigint;
  regionId: string;
  regionName: string;
  regionLevel: string;
  reviewId: string | null;
  reviewTitle: string | null;
  reviewYear: number | bigint | null;
};

type SectionRow = { id: string; parentId: string | null; kind: string; heading: string; start: number | bigint; end: number | bigint };

const num = (n: number | bigint | null): number | null => (n === null ? null : Number(n));

/**
 * One report for its page: metadata, source text, section tree (by position) and the next-year
 * report that reviews it. Null when no report has this id.
 *
 * Two raw queries at once (the report joined with its region and pairing; its sections), on both
 * engines: the report page runs this on every view, and Prisma's relation loading made it four
 * queries one after another (~6 ms of CPU for the biggest report against ~3 ms).
 */
export async function getReportDetail(reportId: string): Promise<ReportDetail | null> {
  const [rows, sections] = await Promise.all([
    db.$queryRaw<ReportDetailRow[]>`
      SELECT r."id", r."title", r."year", r."deliveredOn", r."speaker", r."meeting", r."script", r."encoding", r."fileName",
        r."sourceText", r."bodyStart", r."bodyEnd", r."parsedAt", r."pairingManual",
        g."id" AS "regionId", g."name" AS "regionName", g."level" AS "regionLevel",
        n."id" AS "reviewId", n."title" AS "reviewTitle", n."year" AS "reviewYear"
      FROM "Report" r
      JOIN "Region" g ON g."id" = r."regionId"
      LEFT JOIN "Report" n ON n."id" = r."reviewReportId"
      WHERE r."id" = ${reportId}`,
    db.$queryRaw<SectionRow[]>`
      SELECT s."id", s."parentId", s."kind", s."heading", s."start", s."end"
      FROM "Section" s
      WHERE s."reportId" = ${reportId}
      ORDER BY s."position" ASC`,
  ]);
  const r = rows[0];
  if (!r) return null;
  const year = num(r.year);
  const region = { id: r.regionId, name: r.regionName, level: r.regionLevel };
  let reviewedBy: ReportDetail["reviewedBy"] = r.reviewId ? { id: r.reviewId, title: r.reviewTitle ?? "", year: num(r.reviewYear), inferred: false } : null;
  // A pairing a reviewer cleared by hand stays cleared: nothing is inferred then.
  if (!reviewedBy && year !== null && !Number(r.pairingManual)) {
    const next = await db.report.findFirst({
      where: { regionId: region.id, year: year + 1 },
      select: { id: true, title: true, year: true },
      orderBy: { createdAt: "asc" },
    });
    if (next) reviewedBy = { ...next, inferred: true };
  }
  const bodyEnd = Number(r.bodyEnd);
  return {
    id: r.id,
    title: r.title,
    region,
    year,
    deliveredOn: r.deliveredOn,
    speaker: r.speaker,
    meeting: r.meeting,
    script: r.script,
    encoding: r.encoding,
    fileName: r.fileName,
    sourceText: r.sourceText,
    bodyStart: Number(r.bodyStart),
    bodyEnd: bodyEnd || r.sourceText.length,
    parsed: r.parsedAt !== null,
    sections: sections.map((s) => ({ id: s.id, parentId: s.parentId, kind: s.kind, heading: s.heading, start: Number(s.start), end: Number(s.end) })),
    reviewedBy,
  };
}

/** Reports a reviewer may pick as the next-year report of `reportId`: the same region's first, by year. */
export async function listPairingCandidates(reportId: string): Promise<{ id: string; title: string; region: string; year: number | null; sameRegion: boolean }[]> {
  const report = await db.report.findUnique({ where: { id: reportId }, select: { regionId: true } });
  if (!report) return [];
  const rows = await db.report.findMany({
    where: { id: { not: reportId } },
    select: { id: true, title: true, year: true, regionId: true, region: { select: { name: true } } },
    orderBy: [{ year: "asc" }, { title: "asc" }],
  });
  return rows
    .map((r) => ({ id: r.id, title: r.title, region: r.region.name, year: r.year, sameRegion: r.regionId === report.regionId }))
    .sort((a, b) => Number(b.sameRegion) - Number(a.sameRegion));
}

export type ReportIntegrity = {
  reports: number;
  sections: number;
  pledges: number;
  auditEvents: number;
  /** One line per report that is not as its import left it; empty when every report is whole. */
  problems: { reportId: string; title: string; problem: string }[];
};

/**
 * Whether every saved report is whole, as its import transaction left it: exactly one report.import
 * audit event, the number of sections that event recorded, and the number of pledges it recorded
 * (unless pledges were edited since). A report failing this would be a half-written import; `cli
 * check` runs it, e.g. after a crash.
 */
export async function checkReportIntegrity(): Promise<ReportIntegrity> {
  const [reports, imports, edited, sections, pledges, auditEvents] = await Promise.all([
    db.report.findMany({ select: { id: true, title: true, parsedAt: true, _count: { select: { sections: true, pledges: true } } }, orderBy: { createdAt: "asc" } }),
    db.auditEvent.findMany({ where: { action: "report.import" }, select: { reportId: true, after: true } }),
    db.auditEvent.findMany({ where: { action: { startsWith: "pledge." }, reportId: { not: null } }, select: { reportId: true }, distinct: ["reportId"] }),
    db.section.count(),
    db.pledge.count(),
    db.auditEvent.count(),
  ]);
  const recorded = new Map<string, { sections?: number; pledges?: number }[]>();
  for (const e of imports) {
    if (!e.reportId) continue;
    let after: { sections?: number; pledges?: number } = {};
    try {
      after = JSON.parse(e.after ?? "{}");
    } catch {
      // an unreadable record counts as recording nothing
    }
    recorded.set(e.reportId, [...(recorded.get(e.reportId) ?? []), after]);
  }
  const pledgesEdited = new Set(edited.map((e) => e.reportId));
  const problems: ReportIntegrity["problems"] = [];
  for (const r of reports) {
    const events = recorded.get(r.id) ?? [];
    const problem = (text: string) => problems.push({ reportId: r.id, title: r.title, problem: text });
    if (events.length !== 1) {
      problem(`${events.length} import audit events`);
      continue;
    }
    const [{ sections: wantSections, pledges: wantPledges }] = events;
    if (r.parsedAt && r._count.sections === 0) problem("parsed but has no sections");
    if (wantSections !== undefined && r._count.sections !== wantSections) problem(`${r._count.sections} sections, the import saved ${wantSections}`);
    if (wantPledges !== undefined && !pledgesEdited.has(r.id) && r._count.pledges !== wantPledges) problem(`${r._count.pledges} pledges, the import saved ${wantPledges}`);
  }
  return { reports: reports.length, sections, pledges, auditEvents, problems };
}
