import "server-only";
import { type Tx, writeTransaction } from "@/lib/db";
import { AppError } from "@/lib/app-error";
import { recordAuditEvent } from "@/lib/audit/mutations";
import { logger } from "@/lib/ops/log";
import { splitRegionName } from "@/lib/report/metadata";
import { toSimplified } from "@/lib/report/script";
import { hashReportContent } from "./content-hash";
import type { PledgeInput, ReportMeta, SectionInput } from "./schema";

export type CreateReportInput = {
  meta: ReportMeta;
  sourceText: string;
  encoding: string;
  fileName: string | null;
  body?: { start: number; end: number };
  /** Parsed structure; absent when the report is stored before parsing. */
  sections?: SectionInput[];
  pledges?: PledgeInput[];
};

/**
 * Finds or creates the region of a report. Names are compared in simplified characters and by
 * their own unit with its parent (lib/report/metadata.ts splitRegionName): 呼伦贝尔市海拉尔区, 海拉尔区
 * and 海拉爾區 are one district. A region named with its parent is preferred when both forms exist.
 */
async function upsertRegion(tx: Tx, name: string, level: string): Promise<string> {
  const nameKey = toSimplified(name.trim());
  const { short, parent } = splitRegionName(nameKey);
  const candidates = await tx.region.findMany({ where: { nameKey: { endsWith: short } }, select: { id: true, level: true, nameKey: true } });
  const same = candidates.filter((r) => {
    const other = splitRegionName(r.nameKey);
    return other.short === short && (!parent || !other.parent || other.parent === parent);
  });
  const existing = same.find((r) => r.nameKey === nameKey) ?? same.sort((x, y) => y.nameKey.length - x.nameKey.length)[0];
  if (existing) {
    if (existing.level === "other" && level !== "other") await tx.region.update({ where: { id: existing.id }, data: { level } });
    return existing.id;
  }
  const created = await tx.region.create({ data: { name: name.trim(), nameKey, level }, select: { id: true } });
  return created.id;
}

/**
 * Saves a report with its sections and pledges in one transaction, with an audit event.
 * The same content imported again is refused with DUPLICATE (details.reportId names the existing one).
 * Every pledge's text is taken from sourceText.slice(start, end), never from the caller.
 */
export async function createReport(actorId: string | null, input: CreateReportInput): Promise<{ id: string }> {
  const contentHash = hashReportContent(input.sourceText);
  const { meta } = input;
  const started = performance.now();
  const size = { characters: input.sourceText.length, sections: input.sections?.length ?? 0, pledges: input.pledges?.length ?? 0 };
  const created = await writeTransaction(
    async (tx) => {
      const dup = await tx.report.findUnique({ where: { contentHash }, select: { id: true, title: true } });
      // Written inside the transaction, after its first statement: the import has begun to write.
      logger.debug("report.create.begin", size);
      if (dup) throw new AppError("DUPLICATE", "this report has already been imported", { reportId: dup.id, title: dup.title });
      const regionId = await upsertRegion(tx, meta.region, meta.level);
      const report = await tx.report.create({
        data: {
          regionId,
          year: meta.year,
          title: meta.title,
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
      await pairAutomatically(tx, actorId, { id: report.id, regionId, year: meta.year });
      await recordAuditEvent(tx, {
        actorId,
        entityType: "report",
        entityId: report.id,
        action: "report.import",
        after: { ...meta, fileName: input.fileName, encoding: input.encoding, sections: input.sections?.length ?? 0, pledges: pledges.length },
        reportId: report.id,
      });
      return report;
    },
    { timeout: 30_000 },
  );
  logger.debug("report.create.committed", { reportId: created.id, ...size, durationMs: Math.round(performance.now() - started) });
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
async function createSections(tx: Tx, reportId: string, sections: SectionInput[]): Promise<Map<string, string>> {
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

/**
 * Automatic pairing when a report arrives: the same region's report of year N-1 is reviewed by
 * it, and it is reviewed by the region's report of year N+1. Pairings set by hand are left alone,
 * and so are reports whose year is unknown (a reviewer pairs those by hand).
 */
async function pairAutomatically(tx: Tx, actorId: string | null, report: { id: string; regionId: string; year: number | null }): Promise<void> {
  if (report.year === null) return;
  const [previous, next] = await Promise.all([
    tx.report.findFirst({
      where: { regionId: report.regionId, year: report.year - 1, pairingManual: false, reviewReportId: null, id: { not: report.id } },
      orderBy: { createdAt: "asc" },
      select: { id: true },
    }),
    tx.report.findFirst({
      where: { regionId: report.regionId, year: report.year + 1, id: { not: report.id } },
      orderBy: { createdAt: "asc" },
      select: { id: true },
    }),
  ]);
  if (previous) {
    await tx.report.update({ where: { id: previous.id }, data: { reviewReportId: report.id } });
    await recordAuditEvent(tx, { actorId, entityType: "report", entityId: previous.id, action: "report.pair_auto", before: { reviewReportId: null }, after: { reviewReportId: report.id }, reportId: previous.id });
  }
  if (next) {
    await tx.report.update({ where: { id: report.id }, data: { reviewReportId: next.id } });
    await recordAuditEvent(tx, { actorId, entityType: "report", entityId: report.id, action: "report.pair_auto", before: { reviewReportId: null }, after: { reviewReportId: next.id }, reportId: report.id });
  }
}

/**
 * Sets (or clears, with null) by hand which report reviews `reportId`'s plan, e.g. for a report
 * whose year is unknown. Marks the pairing manual so automatic pairing never overrides it.
 */
export async function setPairing(actorId: string, reportId: string, reviewReportId: string | null): Promise<void> {
  if (reviewReportId === reportId) throw new AppError("INVALID_INPUT", "PAIR_SELF");
  await writeTransaction(async (tx) => {
    const report = await tx.report.findUnique({ where: { id: reportId }, select: { id: true, reviewReportId: true, pairingManual: true } });
    if (!report) throw new AppError("NOT_FOUND");
    if (reviewReportId !== null) {
      const review = await tx.report.findUnique({ where: { id: reviewReportId }, select: { id: true } });
      if (!review) throw new AppError("NOT_FOUND");
    }
    await tx.report.update({ where: { id: reportId }, data: { reviewReportId, pairingManual: true } });
    await recordAuditEvent(tx, {
      actorId,
      entityType: "report",
      entityId: reportId,
      action: "report.pair_manual",
      before: { reviewReportId: report.reviewReportId, manual: report.pairingManual },
      after: { reviewReportId, manual: true },
      reportId,
    });
  });
}
