import "server-only";
import { db, type Tx, writeTransaction } from "@/lib/db";
import { AppError } from "@/lib/app-error";
import { can } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/mutations";
import { logger } from "@/lib/ops/log";
import { getPairing } from "@/lib/pairing/data";
import { matchPlans, type EarlierPlan, type LineagePledge } from "@/lib/evidence/match-plans";
import { indicatorOutcomes } from "@/lib/evidence/indicator-outcomes";
import { toTargetDto } from "@/lib/pledges/target";
import { LOOKBACK_YEARS, type ChoosePledgeLinkInput, type DecidePledgeLinkInput } from "./schema";

/*
 * Lineage is derived data: the matcher's links (lib/evidence/match-plans.ts) and each plan's
 * headline outcomes (lib/evidence/indicator-outcomes.ts) are stored, so that pages read them in a
 * few queries. They go stale when what they rest on changes — a report of the region arrives,
 * changes region or year, is archived, restored or deleted, a region is merged: lib/pairing marks
 * the region's reports stale wherever it refreshes pairings (markLineageStale) — and are computed
 * again outside the write that made them stale: by the background worker of each server process
 * (lib/lineage/runner.ts), and by the CLI after an import, the seed and `generate`. A person's
 * decisions (confirmed and rejected links) survive every recomputation.
 */

type Actor = { id: string; role: string };

/**
 * Marks every report of these regions as needing its lineage computed again, inside the caller's
 * transaction (one UPDATE; the work itself happens later, see refreshStaleLineage).
 */
export async function markLineageStale(tx: Tx, regionIds: readonly string[]): Promise<void> {
  const ids = [...new Set(regionIds)];
  if (ids.length)
    await tx.report.updateMany({
      where: { regionId: { in: ids } },
      data: { lineageStaleAt: new Date() },
    });
}

const staleWhere = {
  archivedAt: null,
  parsedAt: { not: null },
  OR: [{ lineageStaleAt: { not: null } }, { lineageAt: null }],
};

/** How many reports in use wait for their lineage to be computed. */
export async function countStaleLineage(regionId?: string): Promise<number> {
  return db.report.count({ where: { ...staleWhere, ...(regionId ? { regionId } : {}) } });
}

const pledgeSelect = {
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
  section: { select: { heading: true } },
} as const;

type StoredPledge = {
  id: string;
  text: string;
  start: number;
  end: number;
  topic: string | null;
  targetValue: number | null;
  targetValueMax: number | null;
  targetUnit: string | null;
  targetComparator: string | null;
  targetGrowth: boolean;
  section: { heading: string } | null;
};

function toLineagePledge(p: StoredPledge): LineagePledge {
  return {
    id: p.id,
    text: p.text,
    start: p.start,
    end: p.end,
    section: [p.section?.heading, p.topic].filter(Boolean).join(" › "),
    target: toTargetDto(p),
  };
}

/** The review section(s) of a report as stored, or its body when the parser found none. */
async function loadReviewSource(reviewId: string): Promise<{
  id: string;
  year: number | null;
  text: string;
  range: { start: number; end: number };
} | null> {
  const r = await db.report.findUnique({
    where: { id: reviewId },
    select: {
      id: true,
      year: true,
      sourceText: true,
      bodyStart: true,
      bodyEnd: true,
      sections: { where: { kind: "review", parentId: null }, select: { start: true, end: true } },
    },
  });
  if (!r) return null;
  const range = r.sections.length
    ? {
        start: Math.min(...r.sections.map((s) => s.start)),
        end: Math.max(...r.sections.map((s) => s.end)),
      }
    : { start: r.bodyStart, end: r.bodyEnd || r.sourceText.length };
  return { id: r.id, year: r.year, text: r.sourceText, range };
}

/**
 * Computes one report's lineage and headline outcomes and stores them, unless the report changed
 * meanwhile (then it stays stale and is done again). For each pledge of its plan: the earlier
 * pledge of the region (up to LOOKBACK_YEARS plans back) it repeats, as a suggested link — except
 * where a person confirmed a link, and never a predecessor a person rejected for it. Returns
 * whether it was stored.
 */
export async function refreshReportLineage(reportId: string): Promise<boolean> {
  const report = await db.report.findUnique({
    where: { id: reportId },
    select: {
      id: true,
      regionId: true,
      year: true,
      archivedAt: true,
      lineageAt: true,
      lineageStaleAt: true,
      sourceText: true,
    },
  });
  if (!report) return false;
  const seen = { lineageAt: report.lineageAt, lineageStaleAt: report.lineageStaleAt };
  const pledges = await db.pledge.findMany({
    where: { reportId, excluded: false },
    select: pledgeSelect,
    orderBy: [{ start: "asc" }, { end: "asc" }],
  });
  const links: {
    pledgeId: string;
    predecessorId: string;
    score: number;
    probability: number;
    terms: string;
  }[] = [];
  let outcomes: ReturnType<typeof indicatorOutcomes> = [];
  let sourceReport: { id: string; year: number | null } | null = null;
  if (report.year !== null && report.archivedAt === null && pledges.length) {
    const earlierReports = await db.report.findMany({
      where: {
        regionId: report.regionId,
        archivedAt: null,
        id: { not: report.id },
        year: { gte: report.year - LOOKBACK_YEARS, lt: report.year },
      },
      select: { id: true, year: true },
      orderBy: [{ year: "desc" }, { createdAt: "asc" }],
    });
    const earlierPledges = earlierReports.length
      ? await db.pledge.findMany({
          where: { reportId: { in: earlierReports.map((r) => r.id) }, excluded: false },
          select: { ...pledgeSelect, reportId: true },
        })
      : [];
    const plans: EarlierPlan[] = [];
    for (const r of earlierReports) {
      let plan = plans.find((p) => p.year === r.year);
      if (!plan) plans.push((plan = { id: String(r.year), year: r.year, pledges: [] }));
      plan.pledges.push(...earlierPledges.filter((p) => p.reportId === r.id).map(toLineagePledge));
    }
    const decided = await db.pledgeLink.findMany({
      where: { pledge: { reportId }, state: { in: ["confirmed", "rejected"] } },
      select: { pledgeId: true, predecessorId: true, state: true },
    });
    const confirmed = new Set(
      decided.filter((d) => d.state === "confirmed").map((d) => d.pledgeId),
    );
    const rejected = new Set(
      decided.filter((d) => d.state === "rejected").map((d) => `${d.pledgeId}>${d.predecessorId}`),
    );
    const later = pledges.map(toLineagePledge);
    if (plans.length) {
      for (const r of matchPlans(later, plans)) {
        const p = r.predecessor;
        if (!p || confirmed.has(r.pledge.id) || rejected.has(`${r.pledge.id}>${p.pledgeId}`))
          continue;
        links.push({
          pledgeId: r.pledge.id,
          predecessorId: p.pledgeId,
          score: p.score,
          probability: r.probability,
          terms: JSON.stringify(p.terms.slice(0, 20)),
        });
      }
    }
    const pairing = await getPairing(db, reportId);
    const review =
      pairing?.review && !pairing.review.archived
        ? await loadReviewSource(pairing.review.id)
        : null;
    sourceReport = review ? { id: review.id, year: review.year } : null;
    outcomes = indicatorOutcomes(later, review?.text ?? null, review?.range ?? null);
  }
  return writeTransaction(async (tx) => {
    // Stored only if nothing made the report stale again while it was being computed.
    const claimed = await tx.report.updateMany({
      where: { id: reportId, ...seen },
      data: { lineageAt: new Date(), lineageStaleAt: null },
    });
    if (claimed.count === 0) return false;
    await tx.pledgeLink.deleteMany({ where: { state: "suggested", pledge: { reportId } } });
    if (links.length)
      await tx.pledgeLink.createMany({ data: links.map((l) => ({ ...l, state: "suggested" })) });
    await tx.indicatorOutcome.deleteMany({ where: { reportId } });
    if (outcomes.length) {
      await tx.indicatorOutcome.createMany({
        data: outcomes.map((o) => ({
          reportId,
          pledgeId: o.pledgeId,
          indicator: o.indicator,
          growth: o.growth,
          unit: o.unit,
          targetValue: o.value,
          targetHigh: o.high,
          comparator: o.comparator,
          ceiling: o.ceiling,
          targetText: o.text,
          sourceReportId: sourceReport?.id ?? null,
          reportedValue: o.reported?.value ?? null,
          reportedText: o.reported?.text ?? null,
          quote: o.reported?.quote.text ?? null,
          quoteStart: o.reported?.quote.start ?? null,
          quoteEnd: o.reported?.quote.end ?? null,
          verdict: o.verdict,
        })),
      });
    }
    return true;
  });
}

/**
 * Computes the lineage of every stale report in use (earliest plan year first), at most `limit`
 * of them; `regionId` restricts it to one region, `skip` leaves reports out (those that failed
 * lately: the background worker's retry list). Returns how many were stored. A failure on one
 * report is logged and reported to `onFailure`, and the others go on (it stays stale).
 */
export async function refreshStaleLineage(
  options: {
    limit?: number;
    regionId?: string;
    skip?: readonly string[];
    onFailure?: (reportId: string) => void;
  } = {},
): Promise<number> {
  const stale = await db.report.findMany({
    where: {
      ...staleWhere,
      ...(options.regionId ? { regionId: options.regionId } : {}),
      ...(options.skip?.length ? { id: { notIn: [...options.skip] } } : {}),
    },
    select: { id: true },
    orderBy: [{ year: "asc" }, { createdAt: "asc" }],
    take: options.limit ?? 10_000,
  });
  let done = 0;
  for (const r of stale) {
    try {
      if (await refreshReportLineage(r.id)) done++;
    } catch (e) {
      logger.error("lineage.refresh_failed", { reportId: r.id, err: e });
      options.onFailure?.(r.id);
    }
  }
  return done;
}

type LinkRow = {
  id: string;
  pledgeId: string;
  predecessorId: string;
  state: string;
  version: number;
  pledge: { reportId: string };
};

async function loadLink(tx: Tx, linkId: string): Promise<LinkRow> {
  const link = await tx.pledgeLink.findUnique({
    where: { id: linkId },
    select: {
      id: true,
      pledgeId: true,
      predecessorId: true,
      state: true,
      version: true,
      pledge: { select: { reportId: true } },
    },
  });
  if (!link) throw new AppError("NOT_FOUND");
  return link;
}

async function decide(
  actor: Actor,
  input: DecidePledgeLinkInput,
  to: "confirmed" | "rejected",
): Promise<{ id: string; version: number }> {
  if (!can(actor.role, "pledge:edit")) throw new AppError("FORBIDDEN");
  return writeTransaction(async (tx) => {
    const link = await loadLink(tx, input.linkId);
    if (link.version !== input.version) throw new AppError("CONFLICT", "LINK_CHANGED");
    if (link.state === to) throw new AppError("CONFLICT", "LINK_ALREADY_DECIDED");
    const now = new Date();
    const updated = await tx.pledgeLink.update({
      where: { id: link.id },
      data: { state: to, decidedById: actor.id, decidedAt: now, version: { increment: 1 } },
      select: { id: true, version: true },
    });
    if (to === "confirmed") {
      // One predecessor per pledge: any other link of it that still joins is set aside.
      await tx.pledgeLink.updateMany({
        where: { pledgeId: link.pledgeId, id: { not: link.id }, state: { not: "rejected" } },
        data: {
          state: "rejected",
          decidedById: actor.id,
          decidedAt: now,
          version: { increment: 1 },
        },
      });
    }
    await recordAuditEvent(tx, {
      actorId: actor.id,
      entityType: "pledge",
      entityId: link.pledgeId,
      action: to === "confirmed" ? "lineage.confirm" : "lineage.reject",
      before: { linkId: link.id, predecessorId: link.predecessorId, state: link.state },
      after: { linkId: link.id, predecessorId: link.predecessorId, state: to },
      reportId: link.pledge.reportId,
      pledgeId: link.pledgeId,
    });
    return updated;
  });
}

/** An analyst confirms a lineage link: the pledge repeats that earlier pledge (audited, lineage.confirm). */
export async function confirmPledgeLink(
  actor: Actor,
  input: DecidePledgeLinkInput,
): Promise<{ id: string; version: number }> {
  return decide(actor, input, "confirmed");
}

/**
 * An analyst rejects a lineage link: the pledge does not repeat that earlier pledge. The row is
 * kept, so that the matcher never suggests it again (audited, lineage.reject).
 */
export async function rejectPledgeLink(
  actor: Actor,
  input: DecidePledgeLinkInput,
): Promise<{ id: string; version: number }> {
  return decide(actor, input, "rejected");
}

/**
 * An analyst names the predecessor themselves: an earlier plan's pledge of the same region (an
 * earlier year, not "not a pledge"). Confirmed at once; any other link of the pledge that still
 * joins is rejected. Audited (lineage.choose).
 */
export async function choosePledgeLink(
  actor: Actor,
  input: ChoosePledgeLinkInput,
): Promise<{ id: string }> {
  if (!can(actor.role, "pledge:edit")) throw new AppError("FORBIDDEN");
  if (input.pledgeId === input.predecessorId) throw new AppError("INVALID_INPUT", "LINK_SELF");
  return writeTransaction(async (tx) => {
    const [pledge, predecessor] = await Promise.all(
      [input.pledgeId, input.predecessorId].map((id) =>
        tx.pledge.findUnique({
          where: { id },
          select: {
            id: true,
            reportId: true,
            excluded: true,
            report: { select: { regionId: true, year: true } },
          },
        }),
      ),
    );
    if (!pledge || !predecessor || predecessor.excluded) throw new AppError("NOT_FOUND");
    if (
      predecessor.report.regionId !== pledge.report.regionId ||
      pledge.report.year === null ||
      predecessor.report.year === null ||
      predecessor.report.year >= pledge.report.year
    ) {
      throw new AppError("INVALID_INPUT", "LINK_NOT_EARLIER");
    }
    const now = new Date();
    const before = await tx.pledgeLink.findMany({
      where: { pledgeId: pledge.id, state: { not: "rejected" } },
      select: { id: true, predecessorId: true, state: true },
    });
    await tx.pledgeLink.updateMany({
      where: {
        pledgeId: pledge.id,
        predecessorId: { not: predecessor.id },
        state: { not: "rejected" },
      },
      data: { state: "rejected", decidedById: actor.id, decidedAt: now, version: { increment: 1 } },
    });
    const link = await tx.pledgeLink.upsert({
      where: { pledgeId_predecessorId: { pledgeId: pledge.id, predecessorId: predecessor.id } },
      create: {
        pledgeId: pledge.id,
        predecessorId: predecessor.id,
        state: "confirmed",
        decidedById: actor.id,
        decidedAt: now,
      },
      update: {
        state: "confirmed",
        decidedById: actor.id,
        decidedAt: now,
        version: { increment: 1 },
      },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      actorId: actor.id,
      entityType: "pledge",
      entityId: pledge.id,
      action: "lineage.choose",
      before: { links: before },
      after: { linkId: link.id, predecessorId: predecessor.id, state: "confirmed" },
      reportId: pledge.reportId,
      pledgeId: pledge.id,
    });
    return link;
  });
}
