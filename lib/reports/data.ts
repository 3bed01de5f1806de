import "server-only";
import { db } from "@/lib/db";

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

/** All reports, by region then year, with pledge counts and their pairing. */
export async function listReports(): Promise<ReportListItem[]> {
  const rows = await db.report.findMany({
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
      _count: { select: { pledges: true } },
    },
    orderBy: [{ region: { name: "asc" } }, { year: "asc" }, { createdAt: "asc" }],
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
