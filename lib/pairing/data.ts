import "server-only";
import { db, type Tx } from "@/lib/db";
import { rankPairingCandidates } from "./rule";
import type { AuditEvent, UnknownAuditEvent } from "@/lib/audit/events";

/*
 * The one reader of pairings (which report's review reports on which report's plan). Every screen
 * that shows or uses a pairing — report page, evidence page and linking, audit reports and their
 * overview, dashboard, exports — asks here; lib/pairing/owner.test.ts fails when code elsewhere
 * reads Report.reviewReportId or Report.pairingManual itself. The stored pairing is always the
 * effective one: lib/pairing/mutations.ts keeps automatic pairings up to date, so nothing is
 * inferred on the fly (which is how a cleared pairing used to come back on the evidence page).
 */

type ReportClient = Pick<Tx, "report">;

/** The report that reviews a plan, as screens name it. */
export type PairedReport = {
  id: string;
  title: string;
  year: number | null;
  regionId: string;
  regionName: string;
  archived: boolean;
};

/**
 * A report's pairing: the report whose review reports on its plan, and how it came about:
 * `automatic` (its region's report of the next year), `manual` (set by a reviewer), `cleared` (a
 * reviewer removed it: nothing reviews this plan until a reviewer sets one), `none` (no report of
 * the next year yet, or the year is unknown).
 */
export type Pairing = {
  review: PairedReport | null;
  source: "automatic" | "manual" | "cleared" | "none";
};

const pairingSelect = {
  id: true,
  pairingManual: true,
  reviewReport: {
    select: {
      id: true,
      title: true,
      year: true,
      regionId: true,
      archivedAt: true,
      region: { select: { name: true } },
    },
  },
} as const;

type PairingRow = {
  id: string;
  pairingManual: boolean;
  reviewReport: {
    id: string;
    title: string;
    year: number | null;
    regionId: string;
    archivedAt: Date | null;
    region: { name: string };
  } | null;
};

function toPairing(row: PairingRow): Pairing {
  const r = row.reviewReport;
  const review = r
    ? {
        id: r.id,
        title: r.title,
        year: r.year,
        regionId: r.regionId,
        regionName: r.region.name,
        archived: r.archivedAt !== null,
      }
    : null;
  return {
    review,
    source: row.pairingManual ? (review ? "manual" : "cleared") : review ? "automatic" : "none",
  };
}

/** The pairing of one report; null when no report has this id. `client` may be a transaction. */
export async function getPairing(client: ReportClient, reportId: string): Promise<Pairing | null> {
  const row = await client.report.findUnique({ where: { id: reportId }, select: pairingSelect });
  return row ? toPairing(row) : null;
}

/** The pairings of several reports (unknown ids are left out), for lists and audits. */
export async function listPairings(
  client: ReportClient,
  reportIds: readonly string[],
): Promise<Map<string, Pairing>> {
  if (!reportIds.length) return new Map();
  const rows = await client.report.findMany({
    where: { id: { in: [...new Set(reportIds)] } },
    select: pairingSelect,
  });
  return new Map(rows.map((r) => [r.id, toPairing(r)]));
}

/**
 * Reports a reviewer may pick as the one that reviews `reportId`'s plan, in the picker's order
 * (lib/pairing/rule.ts rankPairingCandidates): the region's report of the next year first, then
 * the region's other years, then other regions. Archived reports are not offered.
 */
export async function listPairingCandidates(reportId: string): Promise<
  {
    id: string;
    title: string;
    regionName: string;
    year: number | null;
    group: "next-year" | "same-region" | "other-region";
  }[]
> {
  const report = await db.report.findUnique({
    where: { id: reportId },
    select: { id: true, regionId: true, year: true },
  });
  if (!report) return [];
  const rows = await db.report.findMany({
    where: { id: { not: reportId }, archivedAt: null },
    select: {
      id: true,
      title: true,
      year: true,
      regionId: true,
      region: { select: { name: true } },
    },
  });
  return rankPairingCandidates(
    report,
    rows.map((r) => ({
      id: r.id,
      title: r.title,
      year: r.year,
      regionId: r.regionId,
      regionName: r.region.name,
    })),
  ).map((c) => ({
    id: c.id,
    title: c.title,
    regionName: c.regionName,
    year: c.year,
    group: c.group,
  }));
}

/**
 * The report a pairing audit event (report.pair_auto, report.pair_manual) paired with, from its
 * `after` record; null when it cleared the pairing or is no pairing event. The dashboard's
 * activity feed reads pairing events only through this.
 */
export function pairedReportOfEvent(event: AuditEvent | UnknownAuditEvent): string | null {
  if (event.action !== "report.pair_auto" && event.action !== "report.pair_manual") return null;
  const id = (event.after as { reviewReportId?: unknown } | null)?.reviewReportId;
  return typeof id === "string" ? id : null;
}
