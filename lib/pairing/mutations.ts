import "server-only";
import { type Tx, writeTransaction } from "@/lib/db";
import { AppError } from "@/lib/app-error";
import { recordAuditEvent } from "@/lib/audit/mutations";
import { markLineageStale } from "@/lib/lineage/mutations";
import { automaticReviewOf } from "./rule";

/*
 * The one writer of pairings. Automatic pairings (lib/pairing/rule.ts) are stored, and recomputed
 * here whenever what they rest on changes — a report arriving, changing region or year, being
 * archived, restored or deleted, a region merged — so that the stored pairing is always the
 * effective one and every reader (lib/pairing/data.ts) sees the same.
 */

/**
 * Recomputes the automatic pairings of every report of these regions that no person paired (or
 * unpaired) by hand, inside the caller's transaction; each change gets a report.pair_auto audit
 * event with before and after. Returns how many pairings changed. What changes pairings changes
 * lineage too (which plans come before which, which review reports on a target): the regions'
 * reports are marked for their lineage to be computed again (lib/lineage).
 */
export async function refreshAutomaticPairings(
  tx: Tx,
  actorId: string | null,
  regionIds: readonly string[],
): Promise<number> {
  await markLineageStale(tx, regionIds);
  let changed = 0;
  for (const regionId of new Set(regionIds)) {
    const reports = await tx.report.findMany({
      where: { regionId },
      select: {
        id: true,
        year: true,
        createdAt: true,
        archivedAt: true,
        reviewReportId: true,
        pairingManual: true,
      },
    });
    const candidates = reports.map((r) => ({
      id: r.id,
      year: r.year,
      createdAt: r.createdAt,
      archived: r.archivedAt !== null,
    }));
    for (const r of reports) {
      if (r.pairingManual) continue;
      const want = automaticReviewOf(r, candidates);
      if (want === r.reviewReportId) continue;
      await tx.report.update({ where: { id: r.id }, data: { reviewReportId: want } });
      await recordAuditEvent(tx, {
        actorId,
        entityType: "report",
        entityId: r.id,
        action: "report.pair_auto",
        before: { reviewReportId: r.reviewReportId },
        after: { reviewReportId: want },
        reportId: r.id,
      });
      changed++;
    }
  }
  return changed;
}

/**
 * Before a report is deleted: plans a reviewer paired with it by hand go back to automatic
 * pairing (their region's rule), with an audit event each. Their regions are refreshed by the caller
 * after the delete, when the report is gone. Returns those regions.
 */
export async function releasePairingsTo(
  tx: Tx,
  actorId: string,
  reportId: string,
): Promise<string[]> {
  const plans = await tx.report.findMany({
    where: { reviewReportId: reportId, pairingManual: true },
    select: { id: true, regionId: true },
  });
  for (const p of plans) {
    await tx.report.update({
      where: { id: p.id },
      data: { reviewReportId: null, pairingManual: false },
    });
    await recordAuditEvent(tx, {
      actorId,
      entityType: "report",
      entityId: p.id,
      action: "report.pair_manual",
      before: { reviewReportId: reportId, manual: true },
      after: { reviewReportId: null, manual: false, reason: "review_report_deleted" },
      reportId: p.id,
    });
  }
  return [...new Set(plans.map((p) => p.regionId))];
}

/**
 * Sets by hand which report reviews `reportId`'s plan (`reviewId`), or clears it (null): a
 * person's decision, which automatic pairing never overrides. `automatic: true` hands the report
 * back to the automatic rule instead. Audit event report.pair_manual with before and after.
 */
export async function setPairing(
  actorId: string,
  input: { reportId: string; reviewId: string | null; automatic?: boolean },
): Promise<void> {
  const { reportId, reviewId } = input;
  if (reviewId === reportId) throw new AppError("INVALID_INPUT", "PAIR_SELF");
  await writeTransaction(async (tx) => {
    const report = await tx.report.findUnique({
      where: { id: reportId },
      select: { id: true, regionId: true, reviewReportId: true, pairingManual: true },
    });
    if (!report) throw new AppError("NOT_FOUND");
    if (input.automatic) {
      if (!report.pairingManual) return;
      await tx.report.update({ where: { id: reportId }, data: { pairingManual: false } });
      await recordAuditEvent(tx, {
        actorId,
        entityType: "report",
        entityId: reportId,
        action: "report.pair_manual",
        before: { reviewReportId: report.reviewReportId, manual: true },
        after: { reviewReportId: report.reviewReportId, manual: false },
        reportId,
      });
      await refreshAutomaticPairings(tx, actorId, [report.regionId]);
      return;
    }
    if (reviewId !== null) {
      const review = await tx.report.findUnique({ where: { id: reviewId }, select: { id: true } });
      if (!review) throw new AppError("NOT_FOUND");
    }
    await tx.report.update({
      where: { id: reportId },
      data: { reviewReportId: reviewId, pairingManual: true },
    });
    await markLineageStale(tx, [report.regionId]);
    await recordAuditEvent(tx, {
      actorId,
      entityType: "report",
      entityId: reportId,
      action: "report.pair_manual",
      before: { reviewReportId: report.reviewReportId, manual: report.pairingManual },
      after: { reviewReportId: reviewId, manual: true },
      reportId,
    });
  });
}
