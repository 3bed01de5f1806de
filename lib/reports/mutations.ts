import "server-only";
import { type Tx, writeTransaction } from "@/lib/db";
import { AppError } from "@/lib/app-error";
import { recordAuditEvent } from "@/lib/audit/mutations";
import { logger } from "@/lib/ops/log";
import { toSimplified } from "@/lib/report/script";
import { refreshAutomaticPairings, releasePairingsTo } from "@/lib/pairing/mutations";
import { resolveRegion, type RegionChoice } from "@/lib/regions/mutations";
import { regionChain } from "@/lib/regions/data";
import { regionFullName } from "@/lib/regions/names";
import { hashReportContent } from "./content-hash";
import { defaultReportTitle, isGenericTitle } from "./naming";
import type {
  DeleteReportInput,
  PledgeInput,
  ReportMeta,
  ReportRefInput,
  SectionInput,
  UpdateReportInput,
} from "./schema";

export type CreateReportInput = {
  meta: ReportMeta;
  sourceText: string;
  encoding: string;
  fileName: string | null;
  body?: { start: number; end: number };
  /** Parsed structure; absent when the report is stored before parsing. */
  sections?: SectionInput[];
  pledges?: PledgeInput[];
  /** A person's answer to the region question of the preview: the region they chose, or "a new region". */
  region?: Pick<RegionChoice, "regionId" | "newRegion">;
};

/** The title a report is saved with: its own, unless it names no region (政府工作报告): then its full name. */
async function titleFor(
  tx: Tx,
  title: string,
  year: number | null,
  regionId: string,
): Promise<string> {
  return isGenericTitle(title)
    ? defaultReportTitle(year, regionFullName(await regionChain(tx, regionId))).slice(0, 200)
    : title;
}

/**
 * Saves a report with its sections and pledges in one transaction, with an audit event. Its region
 * is matched or created by lib/regions (a name that asks "same as …?" is refused unless
 * `input.region` answers it), and its region's reports are paired again (lib/pairing).
 * The same content imported again is refused with DUPLICATE (details.reportId names the existing one).
 * Every pledge's text is taken from sourceText.slice(start, end), never from the caller.
 */
export async function createReport(
  actorId: string | null,
  input: CreateReportInput,
): Promise<{ id: string }> {
  const contentHash = hashReportContent(input.sourceText);
  const { meta } = input;
  const started = performance.now();
  const size = {
    characters: input.sourceText.length,
    sections: input.sections?.length ?? 0,
    pledges: input.pledges?.length ?? 0,
  };
  const created = await writeTransaction(
    async (tx) => {
      const dup = await tx.report.findUnique({
        where: { contentHash },
        select: { id: true, title: true },
      });
      // Written inside the transaction, after its first statement: the import has begun to write.
      logger.debug("report.create.begin", size);
      if (dup)
        throw new AppError("DUPLICATE", "this report has already been imported", {
          reportId: dup.id,
          title: dup.title,
        });
      const { regionId } = await resolveRegion(tx, actorId, {
        name: meta.region,
        level: meta.level,
        ...input.region,
      });
      const title = await titleFor(tx, meta.title, meta.year, regionId);
      const report = await tx.report.create({
        data: {
          regionId,
          year: meta.year,
          title,
          deliveredOn: meta.deliveredOn,
          speaker: meta.speaker,
          meeting: meta.meeting,
          script: meta.script,
          encoding: input.encoding,
          fileName: input.fileName,
          sourceText: input.sourceText,
          contentHash,
          bodyStart: input.body?.start ?? 0,
          bodyEnd: input.body?.end ?? input.sourceText.length,
          parsedAt: input.sections ? new Date() : null,
          importedById: actorId,
        },
        select: { id: true },
      });
      const sectionIds = await createSections(tx, report.id, input.sections ?? []);
      const pledges = input.pledges ?? [];
      if (pledges.length) {
        await tx.pledge.createMany({
          data: pledges.map((p, position) => {
            const text = input.sourceText.slice(p.start, p.end);
            return {
              reportId: report.id,
              sectionId: p.sectionKey ? (sectionIds.get(p.sectionKey) ?? null) : null,
              start: p.start,
              end: p.end,
              text,
              searchText: toSimplified(text),
              topic: p.topic,
              kind: p.kind,
              targetValue: p.target?.value ?? null,
              targetValueMax: p.target?.valueMax ?? null,
              targetUnit: p.target?.unit ?? null,
              targetComparator: p.target?.comparator ?? null,
              targetGrowth: p.target?.growth ?? false,
              tier: p.tier,
              tierReason: p.tierReason,
              tierSource: "parser",
              title: p.title ?? null,
              position,
            };
          }),
        });
      }
      await refreshAutomaticPairings(tx, actorId, [regionId]);
      await recordAuditEvent(tx, {
        actorId,
        entityType: "report",
        entityId: report.id,
        action: "report.import",
        after: {
          ...meta,
          title,
          regionId,
          fileName: input.fileName,
          encoding: input.encoding,
          sections: input.sections?.length ?? 0,
          pledges: pledges.length,
        },
        reportId: report.id,
      });
      return report;
    },
    { timeout: 30_000 },
  );
  logger.debug("report.create.committed", {
    reportId: created.id,
    ...size,
    durationMs: Math.round(performance.now() - started),
  });
  return created;
}

/** Rows per INSERT when saving sections: well under SQLite's and PostgreSQL's bind-parameter limits. */
const SECTION_BATCH = 500;

/**
 * Saves the section tree one level at a time, a batch of rows per INSERT, and returns the id of
 * each section key. One INSERT per section made a 20 MB upload with 30,000 sections hold the write
 * transaction for half a minute, close to its timeout. A parent key that names no section makes a
 * top-level section (as before).
 */
async function createSections(
  tx: Tx,
  reportId: string,
  sections: SectionInput[],
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const keys = new Set(sections.map((s) => s.key));
  const keyAt = new Map<number, string>();
  const rows = sections.map((s, position) => {
    keyAt.set(position, s.key);
    return { s, position };
  });
  let level = rows.filter(({ s }) => !s.parentKey || !keys.has(s.parentKey));
  while (level.length) {
    for (let i = 0; i < level.length; i += SECTION_BATCH) {
      const created = await tx.section.createManyAndReturn({
        data: level.slice(i, i + SECTION_BATCH).map(({ s, position }) => ({
          reportId,
          parentId: s.parentKey ? (ids.get(s.parentKey) ?? null) : null,
          kind: s.kind,
          heading: s.heading,
          start: s.start,
          end: s.end,
          position,
        })),
        select: { id: true, position: true },
      });
      for (const row of created) ids.set(keyAt.get(row.position)!, row.id);
    }
    const parents = new Set(level.map(({ s }) => s.key));
    level = rows.filter(({ s }) => s.parentKey && parents.has(s.parentKey) && !ids.has(s.key));
  }
  return ids;
}

const metaSelect = {
  id: true,
  regionId: true,
  year: true,
  title: true,
  deliveredOn: true,
  speaker: true,
  meeting: true,
  version: true,
  archivedAt: true,
  region: { select: { name: true, level: true } },
} as const;

/**
 * Analysts, reviewers, admins: corrects a report's metadata — region (matched like an import's,
 * with the same question for a close name), the region's level, year, title, date, speaker,
 * meeting. A title left empty or naming no region becomes the full name. A stale `version` is a
 * CONFLICT. One report.update audit event with the changed fields before and after; a changed
 * level is a region.update of its own. The old and new regions' reports are paired again, so a
 * corrected year or region moves the pairing with it.
 */
export async function updateReportMetadata(
  actorId: string,
  input: UpdateReportInput,
): Promise<{ version: number; changed: string[] }> {
  return writeTransaction(async (tx) => {
    const report = await tx.report.findUnique({
      where: { id: input.reportId },
      select: metaSelect,
    });
    if (!report) throw new AppError("NOT_FOUND");
    if (report.version !== input.version) throw new AppError("CONFLICT", "REPORT_CHANGED");
    const { regionId } = await resolveRegion(tx, actorId, {
      name: input.region,
      level: "other",
      regionId: input.regionId,
      newRegion: input.newRegion,
    });
    const region = await tx.region.findUniqueOrThrow({
      where: { id: regionId },
      select: { id: true, name: true, level: true },
    });
    if (input.level !== region.level) {
      await tx.region.update({
        where: { id: region.id },
        data: { level: input.level, version: { increment: 1 } },
      });
      await recordAuditEvent(tx, {
        actorId,
        entityType: "region",
        entityId: region.id,
        action: "region.update",
        before: { level: region.level },
        after: { level: input.level },
        reportId: report.id,
      });
    }
    const next = {
      regionId,
      year: input.year,
      title: await titleFor(tx, input.title ?? "", input.year, regionId),
      deliveredOn: input.deliveredOn,
      speaker: input.speaker,
      meeting: input.meeting,
    };
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter(
      (k) => next[k] !== report[k],
    );
    if (!changed.length && input.level === region.level)
      return { version: report.version, changed: [] };
    const updated = await tx.report.update({
      where: { id: report.id },
      data: { ...next, version: { increment: 1 } },
      select: { version: true },
    });
    const pick = (o: Record<string, unknown>) => Object.fromEntries(changed.map((k) => [k, o[k]]));
    await recordAuditEvent(tx, {
      actorId,
      entityType: "report",
      entityId: report.id,
      action: "report.update",
      before: {
        ...pick(report),
        ...(changed.includes("regionId") ? { region: report.region.name } : {}),
      },
      after: { ...pick(next), ...(changed.includes("regionId") ? { region: region.name } : {}) },
      reportId: report.id,
    });
    if (changed.includes("regionId") || changed.includes("year"))
      await refreshAutomaticPairings(tx, actorId, [report.regionId, regionId]);
    return {
      version: updated.version,
      changed: input.level !== region.level ? [...changed, "level"] : changed,
    };
  });
}

/**
 * Admin: archives a report — hidden from the report list, review queue, search, dashboard and
 * audits (its page stays reachable, marked, for a restore); its region's reports are paired again
 * without it. Archiving twice is a CONFLICT. Audit event report.archive.
 */
export async function archiveReport(actorId: string, input: ReportRefInput): Promise<void> {
  await setArchived(actorId, input.reportId, true);
}

/** Admin: restores an archived report to every list and audit; its region is paired again. Audit event report.restore. */
export async function restoreReport(actorId: string, input: ReportRefInput): Promise<void> {
  await setArchived(actorId, input.reportId, false);
}

async function setArchived(actorId: string, reportId: string, archive: boolean): Promise<void> {
  await writeTransaction(async (tx) => {
    const report = await tx.report.findUnique({
      where: { id: reportId },
      select: { id: true, regionId: true, archivedAt: true, title: true },
    });
    if (!report) throw new AppError("NOT_FOUND");
    if ((report.archivedAt !== null) === archive)
      throw new AppError("CONFLICT", archive ? "REPORT_ARCHIVED" : "REPORT_NOT_ARCHIVED");
    const archivedAt = archive ? new Date() : null;
    await tx.report.update({
      where: { id: report.id },
      data: { archivedAt, version: { increment: 1 } },
    });
    await recordAuditEvent(tx, {
      actorId,
      entityType: "report",
      entityId: report.id,
      action: archive ? "report.archive" : "report.restore",
      before: { archivedAt: report.archivedAt?.toISOString() ?? null },
      after: { archivedAt: archivedAt?.toISOString() ?? null, title: report.title },
      reportId: report.id,
    });
    await refreshAutomaticPairings(tx, actorId, [report.regionId]);
  });
}

/** What stands in the way of deleting a report: people's work on it, or in other reports pointing at it. */
export type ReportWork = {
  assessed: number;
  evidence: number;
  citedAsEvidence: number;
  comments: number;
};

/** Counts the work on a report that a delete would destroy (zero everywhere: nothing would be lost). */
export async function countReportWork(
  client: Pick<Tx, "pledge" | "evidence" | "comment">,
  reportId: string,
): Promise<ReportWork> {
  const [assessed, evidence, citedAsEvidence, comments] = await Promise.all([
    client.pledge.count({
      where: {
        reportId,
        OR: [
          { status: { not: "not_assessed" } },
          { reviewState: { not: "draft" } },
          { rationale: { not: null } },
          { reportedValue: { not: null } },
        ],
      },
    }),
    client.evidence.count({ where: { pledge: { reportId } } }),
    client.evidence.count({ where: { sourceReportId: reportId } }),
    client.comment.count({ where: { pledge: { reportId } } }),
  ]);
  return { assessed, evidence, citedAsEvidence, comments };
}

/**
 * Admin: deletes a report that nobody has worked on — no verdict, rationale or reported figure on
 * its pledges, no evidence linked to them or quoted from it, no comments — with its sections,
 * pledges and share links. Otherwise it is refused (CONFLICT REPORT_HAS_WORK): archive it instead.
 * Plans paired with it by hand go back to automatic pairing. A stale `version` is a CONFLICT.
 * Audit event report.delete (the record of what was deleted).
 */
export async function deleteReport(actorId: string, input: DeleteReportInput): Promise<void> {
  await writeTransaction(
    async (tx) => {
      const report = await tx.report.findUnique({
        where: { id: input.reportId },
        select: {
          ...metaSelect,
          contentHash: true,
          fileName: true,
          _count: { select: { pledges: true } },
        },
      });
      if (!report) throw new AppError("NOT_FOUND");
      if (report.version !== input.version) throw new AppError("CONFLICT", "REPORT_CHANGED");
      const work = await countReportWork(tx, report.id);
      if (Object.values(work).some((n) => n > 0))
        throw new AppError("CONFLICT", "REPORT_HAS_WORK", work);
      const regions = await releasePairingsTo(tx, actorId, report.id);
      await tx.report.delete({ where: { id: report.id } });
      await recordAuditEvent(tx, {
        actorId,
        entityType: "report",
        entityId: report.id,
        action: "report.delete",
        before: {
          title: report.title,
          region: report.region.name,
          regionId: report.regionId,
          year: report.year,
          deliveredOn: report.deliveredOn,
          fileName: report.fileName,
          contentHash: report.contentHash,
          pledges: report._count.pledges,
        },
        reportId: report.id,
      });
      await refreshAutomaticPairings(tx, actorId, [report.regionId, ...regions]);
    },
    { timeout: 30_000 },
  );
}
