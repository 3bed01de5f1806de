import "server-only";
import { db } from "@/lib/db";
import { getPairing, listPairings, type Pairing } from "@/lib/pairing/data";
import { regionChain } from "@/lib/regions/data";
import { regionFullName } from "@/lib/regions/names";
import { hashReportContent } from "./content-hash";

export type ReportListItem = {
  id: string;
  region: string;
  regionId: string;
  regionLevel: string;
  year: number | null;
  title: string;
  deliveredOn: string | null;
  speaker: string | null;
  script: string;
  parsed: boolean;
  pledgeCount: number;
  archived: boolean;
  /** Its pairing (lib/pairing): the report reviewing it, and how. */
  pairing: Pairing;
};

/** Which reports a list shows: those in use (the default), or the archived ones. */
export type ReportListScope = { archived?: boolean };

/** How many reports there are in use (or archived): the report list's total, for its pages. */
export async function countReports(scope: ReportListScope = {}): Promise<number> {
  return db.report.count({ where: { archivedAt: scope.archived ? { not: null } : null } });
}

/**
 * Reports by region then year, with pledge counts and their pairing: all of them, or the window
 * `page` ({ skip, take }) of that order. Archived reports only with `scope.archived`.
 */
export async function listReports(
  page?: { skip: number; take: number },
  scope: ReportListScope = {},
): Promise<ReportListItem[]> {
  const rows = await db.report.findMany({
    ...(page ? { skip: page.skip, take: page.take } : {}),
    where: { archivedAt: scope.archived ? { not: null } : null },
    select: {
      id: true,
      year: true,
      title: true,
      deliveredOn: true,
      speaker: true,
      script: true,
      parsedAt: true,
      archivedAt: true,
      regionId: true,
      region: { select: { name: true, level: true } },
      // Items marked "not a pledge" are not counted.
      _count: { select: { pledges: { where: { excluded: false } } } },
    },
    orderBy: [{ region: { name: "asc" } }, { year: "asc" }, { createdAt: "asc" }, { id: "asc" }],
  });
  const pairings = await listPairings(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    region: r.region.name,
    regionId: r.regionId,
    regionLevel: r.region.level,
    year: r.year,
    title: r.title,
    deliveredOn: r.deliveredOn,
    speaker: r.speaker,
    script: r.script,
    parsed: r.parsedAt !== null,
    pledgeCount: r._count.pledges,
    archived: r.archivedAt !== null,
    pairing: pairings.get(r.id) ?? { review: null, source: "none" },
  }));
}

/** The report already holding this content (same text up to line endings), if any. */
export async function findReportByContent(
  text: string,
): Promise<{ id: string; title: string } | null> {
  return db.report.findUnique({
    where: { contentHash: hashReportContent(text) },
    select: { id: true, title: true },
  });
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
  region: {
    id: string;
    name: string;
    level: string;
    fullName: string;
    path: { id: string; name: string }[];
  };
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
  /** Archived (hidden from lists and audits) since; null while in use. */
  archivedAt: string | null;
  /** For metadata edits (optimistic concurrency). */
  version: number;
  /** The report whose review reports on this plan, and how the pairing came about (lib/pairing). */
  pairing: Pairing;
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
  /** A Date on PostgreSQL; a number (milliseconds) or text on SQLite. */
  archivedAt: unknown;
  version: number | bigint;
  regionId: string;
};

type SectionRow = {
  id: string;
  parentId: string | null;
  kind: string;
  heading: string;
  start: number | bigint;
  end: number | bigint;
};

const num = (n: number | bigint | null): number | null => (n === null ? null : Number(n));

/**
 * One report for its page: metadata, source text, section tree (by position) and the next-year
 * report that reviews it. Null when no report has this id.
 *
 * Raw queries at once (the report; its sections), on both engines, beside its pairing
 * (lib/pairing) and its region's chain: the report page runs this on every view, and Prisma's
 * relation loading made it four queries one after another (~6 ms of CPU for the biggest report
 * against ~3 ms).
 */
export async function getReportDetail(reportId: string): Promise<ReportDetail | null> {
  const [rows, sections, pairing] = await Promise.all([
    db.$queryRaw<ReportDetailRow[]>`
      SELECT r."id", r."title", r."year", r."deliveredOn", r."speaker", r."meeting", r."script", r."encoding", r."fileName",
        r."sourceText", r."bodyStart", r."bodyEnd", r."parsedAt", r."archivedAt", r."version", r."regionId"
      FROM "Report" r
      WHERE r."id" = ${reportId}`,
    db.$queryRaw<SectionRow[]>`
      SELECT s."id", s."parentId", s."kind", s."heading", s."start", s."end"
      FROM "Section" s
      WHERE s."reportId" = ${reportId}
      ORDER BY s."position" ASC`,
    getPairing(db, reportId),
  ]);
  const r = rows[0];
  if (!r || !pairing) return null;
  const chain = await regionChain(db, r.regionId);
  const bodyEnd = Number(r.bodyEnd);
  return {
    id: r.id,
    title: r.title,
    region: {
      id: r.regionId,
      name: chain[0]?.name ?? "",
      level: chain[0]?.level ?? "other",
      fullName: regionFullName(chain),
      path: chain
        .slice(1)
        .reverse()
        .map((a) => ({ id: a.id, name: a.name })),
    },
    year: num(r.year),
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
    sections: sections.map((s) => ({
      id: s.id,
      parentId: s.parentId,
      kind: s.kind,
      heading: s.heading,
      start: Number(s.start),
      end: Number(s.end),
    })),
    archivedAt: toIso(r.archivedAt),
    version: Number(r.version),
    pairing,
  };
}

/** A raw timestamp as ISO text: a Date (PostgreSQL), or milliseconds or text (SQLite); null stays null. */
function toIso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  const d = new Date(typeof value === "bigint" ? Number(value) : (value as number | string));
  return Number.isNaN(d.getTime()) ? String(value) : d.toISOString();
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
    db.report.findMany({
      select: {
        id: true,
        title: true,
        parsedAt: true,
        _count: { select: { sections: true, pledges: true } },
      },
      orderBy: { createdAt: "asc" },
    }),
    db.auditEvent.findMany({
      where: { action: "report.import" },
      select: { reportId: true, after: true },
    }),
    db.auditEvent.findMany({
      where: { action: { startsWith: "pledge." }, reportId: { not: null } },
      select: { reportId: true },
      distinct: ["reportId"],
    }),
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
    const problem = (text: string) =>
      problems.push({ reportId: r.id, title: r.title, problem: text });
    if (events.length !== 1) {
      problem(`${events.length} import audit events`);
      continue;
    }
    const [{ sections: wantSections, pledges: wantPledges }] = events;
    if (r.parsedAt && r._count.sections === 0) problem("parsed but has no sections");
    if (wantSections !== undefined && r._count.sections !== wantSections)
      problem(`${r._count.sections} sections, the import saved ${wantSections}`);
    if (wantPledges !== undefined && !pledgesEdited.has(r.id) && r._count.pledges !== wantPledges)
      problem(`${r._count.pledges} pledges, the import saved ${wantPledges}`);
  }
  return { reports: reports.length, sections, pledges, auditEvents, problems };
}
