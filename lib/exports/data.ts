import "server-only";
import { db } from "@/lib/db";
import { yearWhere } from "@/lib/api/data";
import type { ExportSelection } from "@/lib/api/schema";
import { toTargetDto } from "@/lib/pledges/target";
import type { ExportPledge } from "./format";

/** Pledges read per query: the most the export ever holds at once. */
const BATCH = 500;

/**
 * Every pledge of a selection (regions, years, tiers, statuses; all when absent), report by report
 * (region, then year), in text order: pulled a batch at a time, so 100,000 pledges pass through in
 * the memory of BATCH. Items marked not a pledge and archived reports are left out, as everywhere.
 */
export async function* iterateCorpusPledges(
  origin: string,
  q: Omit<ExportSelection, "format">,
): AsyncGenerator<ExportPledge> {
  const reports = await db.report.findMany({
    where: {
      archivedAt: null,
      ...(q.region?.length ? { regionId: { in: q.region } } : {}),
      ...yearWhere(q),
    },
    select: { id: true, title: true, year: true, region: { select: { id: true, name: true } } },
    orderBy: [{ region: { name: "asc" } }, { year: "asc" }, { id: "asc" }],
  });
  for (const report of reports) {
    let after: { position: number; id: string } | null = null;
    for (;;) {
      const rows: Awaited<ReturnType<typeof readBatch>> = await readBatch(report.id, q, after);
      for (const p of rows) {
        yield {
          id: p.id,
          url: `${origin}/reports/${report.id}/pledges/${p.id}`,
          report,
          position: p.position,
          section: p.section?.heading ?? null,
          topic: p.topic,
          text: p.text,
          title: p.title,
          kind: p.kind,
          tier: p.tier,
          tierReason: p.tierReason,
          target: toTargetDto(p),
          status: p.status,
          reviewState: p.reviewState,
          reportedValue: p.reportedValue,
          rationale: p.rationale,
          suggestedStatus: p.suggestedStatus,
          evidence: p.evidence,
          submittedAt: p.submittedAt?.toISOString() ?? null,
          approvedAt: p.approvedAt?.toISOString() ?? null,
          updatedAt: p.updatedAt.toISOString(),
        };
      }
      // Let the process's other work in between batches: with SQLite the reads resolve without
      // touching the event loop, and a long export would otherwise hold the worker's requests up.
      await new Promise((resolve) => setImmediate(resolve));
      if (rows.length < BATCH) break;
      const last = rows[rows.length - 1];
      after = { position: last.position, id: last.id };
    }
  }
}

function readBatch(
  reportId: string,
  q: Omit<ExportSelection, "format">,
  after: { position: number; id: string } | null,
) {
  return db.pledge.findMany({
    where: {
      reportId,
      excluded: false,
      ...(q.tier?.length ? { tier: { in: q.tier } } : {}),
      ...(q.status?.length ? { status: { in: q.status } } : {}),
      ...(after
        ? {
            OR: [
              { position: { gt: after.position } },
              { position: after.position, id: { gt: after.id } },
            ],
          }
        : {}),
    },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    take: BATCH,
    select: {
      id: true,
      position: true,
      text: true,
      title: true,
      topic: true,
      kind: true,
      tier: true,
      tierReason: true,
      status: true,
      reviewState: true,
      reportedValue: true,
      rationale: true,
      suggestedStatus: true,
      submittedAt: true,
      approvedAt: true,
      updatedAt: true,
      targetValue: true,
      targetValueMax: true,
      targetUnit: true,
      targetComparator: true,
      targetGrowth: true,
      section: { select: { heading: true } },
      evidence: {
        select: {
          kind: true,
          quote: true,
          url: true,
          sourceReportId: true,
          start: true,
          end: true,
        },
        orderBy: { createdAt: "asc" },
      },
    },
  });
}

/** What the export form offers: the regions that have reports (by name) and the years reports plan for. */
export async function listExportChoices(): Promise<{
  regions: { id: string; name: string }[];
  years: number[];
}> {
  const regions = await db.region.findMany({
    where: { reports: { some: {} } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  const years = await db.report.findMany({
    where: { year: { not: null }, archivedAt: null },
    select: { year: true },
    distinct: ["year"],
    orderBy: { year: "asc" },
  });
  return { regions, years: years.map((y) => y.year!) };
}
