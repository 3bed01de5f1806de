import "server-only";
import { db, type Tx, writeTransaction } from "@/lib/db";
import { AppError } from "@/lib/app-error";
import { recordAuditEvent } from "@/lib/audit/mutations";
import { refreshAutomaticPairings } from "@/lib/pairing/mutations";
import {
  matchRegionName,
  regionFullName,
  regionNameKey,
  regionUnits,
  shortFormOf,
  unitLevel,
  type RegionRecord,
} from "./names";
import { isGenericTitle, defaultReportTitle } from "@/lib/reports/naming";
import type { MergeRegionsInput, UpdateRegionInput } from "./schema";
import { loadRegionRecords, regionChain } from "./data";

async function createRegionRecord(
  tx: Tx,
  actorId: string | null,
  unit: string,
  level: string,
  parentId: string | null,
  records: RegionRecord[],
): Promise<string> {
  const nameKey = regionNameKey(unit);
  const created = await tx.region.create({
    data: { name: nameKey, nameKey, shortName: shortFormOf(nameKey), level, parentId },
    select: { id: true },
  });
  records.push({
    id: created.id,
    name: nameKey,
    nameKey,
    shortName: shortFormOf(nameKey),
    level,
    parentId,
    aliases: [],
  });
  await recordAuditEvent(tx, {
    actorId,
    entityType: "region",
    entityId: created.id,
    action: "region.create",
    after: { name: nameKey, level, parentId },
  });
  return created.id;
}

/**
 * The region of the units above a new region's own (呼伦贝尔市 of 呼伦贝尔市海拉尔区): an existing one,
 * or one created for it; null when the name asks a person to choose (nothing is guessed).
 */
async function resolveParent(
  tx: Tx,
  actorId: string | null,
  above: string[],
  records: RegionRecord[],
): Promise<string | null> {
  if (!above.length) return null;
  const match = matchRegionName(above.join(""), records);
  if (match.kind === "existing") return match.regionId;
  if (match.kind === "ask") return null;
  const unit = above[above.length - 1];
  const parentId = await resolveParent(tx, actorId, above.slice(0, -1), records);
  return createRegionRecord(
    tx,
    actorId,
    unit,
    levelUnder(unit, above.slice(0, -1)),
    parentId,
    records,
  );
}

/** The level a unit's name suggests, given the units stated above it (a 市 under a city is county level). */
function levelUnder(unit: string, above: string[]): string {
  return unitLevel(unit, above.length > 0 && unitLevel(above[above.length - 1]) === "city");
}

/** What resolveRegion is asked: a name as stated, the level an analyst confirmed, and their answer to a question. */
export type RegionChoice = {
  name: string;
  level: string;
  /** The region a person chose ("same as 海拉尔区?" → yes): the name becomes one it is known by. */
  regionId?: string | null;
  /** A person said the name is a new region although it is close to existing ones. */
  newRegion?: boolean;
};

/**
 * The region a report belongs to, inside the caller's transaction (lib/regions/names.ts
 * matchRegionName): the region a person chose, the one the name matches (filling in a parent or a
 * level it lacked), or a new one with the regions above it that the name states. A name that
 * asks a question is refused (INVALID_INPUT REGION_UNCONFIRMED) unless `newRegion` answers it.
 * Creations, new names and filled-in parents are audited.
 */
export async function resolveRegion(
  tx: Tx,
  actorId: string | null,
  choice: RegionChoice,
): Promise<{ regionId: string; created: boolean }> {
  const records = await loadRegionRecords(tx);
  const key = regionNameKey(choice.name);
  if (choice.regionId) {
    const chosen = records.find((r) => r.id === choice.regionId);
    if (!chosen) throw new AppError("NOT_FOUND");
    const match = matchRegionName(key, records);
    // A person confirmed that this name means this region: remember it, so the next import matches.
    if (
      key &&
      !(match.kind === "existing" && match.regionId === chosen.id) &&
      !records.some((r) => r.aliases.includes(key))
    ) {
      await tx.regionAlias.create({ data: { regionId: chosen.id, nameKey: key } });
      await recordAuditEvent(tx, {
        actorId,
        entityType: "region",
        entityId: chosen.id,
        action: "region.alias",
        after: { nameKey: key },
      });
    }
    await fillInLevel(tx, actorId, chosen, choice.level);
    return { regionId: chosen.id, created: false };
  }
  const match = matchRegionName(key, records);
  if (match.kind === "existing") {
    const region = records.find((r) => r.id === match.regionId)!;
    await fillInLevel(tx, actorId, region, choice.level);
    // 呼伦贝尔市海拉尔区 for a 海拉尔区 recorded without its city: the city is known now.
    const above = match.units.slice(0, -1);
    if (!region.parentId && above.length && match.via === "name") {
      const parentId = await resolveParent(tx, actorId, above, records);
      if (parentId && parentId !== region.id) {
        await attachToParent(tx, actorId, region.id, parentId);
      }
    }
    return { regionId: region.id, created: false };
  }
  if (match.kind === "ask" && !choice.newRegion)
    throw new AppError("INVALID_INPUT", "REGION_UNCONFIRMED", { candidates: match.candidates });
  if (!match.units.length) throw new AppError("INVALID_INPUT", "REGION_REQUIRED");
  const unit = match.units[match.units.length - 1];
  const above = match.units.slice(0, -1);
  const level = choice.level !== "other" ? choice.level : levelUnder(unit, above);
  const parentId = await resolveParent(tx, actorId, above, records);
  return {
    regionId: await createRegionRecord(tx, actorId, unit, level, parentId, records),
    created: true,
  };
}

async function fillInLevel(
  tx: Tx,
  actorId: string | null,
  region: RegionRecord,
  level: string,
): Promise<void> {
  if (region.level !== "other" || level === "other") return;
  await tx.region.update({ where: { id: region.id }, data: { level } });
  await recordAuditEvent(tx, {
    actorId,
    entityType: "region",
    entityId: region.id,
    action: "region.update",
    before: { level: region.level },
    after: { level },
  });
}

/** Whether `candidateId` is `regionId` or lies below it. */
async function isSelfOrBelow(tx: Tx, regionId: string, candidateId: string): Promise<boolean> {
  return (await regionChain(tx, candidateId)).some((r) => r.id === regionId);
}

/**
 * Admin: corrects a region record (name, short form, level, parent). The old name stays one the
 * region is known by (imports stating it still match); a parent below the region itself is refused
 * (PARENT_CYCLE); a stale `version` is a CONFLICT. Audit event region.update with before and after.
 */
export async function updateRegion(
  actorId: string,
  input: UpdateRegionInput,
): Promise<{ version: number }> {
  return writeTransaction(async (tx) => {
    const region = await tx.region.findUnique({
      where: { id: input.regionId },
      select: {
        id: true,
        name: true,
        nameKey: true,
        shortName: true,
        level: true,
        parentId: true,
        version: true,
      },
    });
    if (!region) throw new AppError("NOT_FOUND");
    if (region.version !== input.version) throw new AppError("CONFLICT", "REGION_CHANGED");
    if (input.parentId) {
      if (!(await tx.region.findUnique({ where: { id: input.parentId }, select: { id: true } })))
        throw new AppError("NOT_FOUND");
      if (await isSelfOrBelow(tx, region.id, input.parentId))
        throw new AppError("INVALID_INPUT", "PARENT_CYCLE");
    }
    const nameKey = regionNameKey(input.name);
    if (!nameKey) throw new AppError("INVALID_INPUT", "REGION_REQUIRED");
    const after = {
      name: nameKey,
      nameKey,
      shortName: regionNameKey(input.shortName ?? "") || shortFormOf(nameKey),
      level: input.level,
      parentId: input.parentId,
    };
    if (nameKey !== region.nameKey) {
      // The old name stays a name of this region; the new one is no longer an alias of anyone.
      await tx.regionAlias.deleteMany({ where: { nameKey } });
      if (!(await tx.regionAlias.findUnique({ where: { nameKey: region.nameKey } })))
        await tx.regionAlias.create({ data: { regionId: region.id, nameKey: region.nameKey } });
    }
    const updated = await tx.region.update({
      where: { id: region.id },
      data: { ...after, version: { increment: 1 } },
      select: { version: true },
    });
    const before = {
      name: region.name,
      nameKey: region.nameKey,
      shortName: region.shortName,
      level: region.level,
      parentId: region.parentId,
    };
    await recordAuditEvent(tx, {
      actorId,
      entityType: "region",
      entityId: region.id,
      action: "region.update",
      before,
      after,
    });
    return { version: updated.version };
  });
}

/**
 * Admin: merges region `sourceId` into `targetId` — one district recorded twice. Its reports,
 * sub-regions and share links move to the target, its names become names of the target, it is
 * removed, and the target's reports are paired again (lib/pairing). A region cannot be merged
 * into itself or into a region above or below it (MERGE_RELATED). Audit event region.merge.
 */
export async function mergeRegions(
  actorId: string,
  input: MergeRegionsInput,
): Promise<{ reports: number }> {
  if (input.sourceId === input.targetId) throw new AppError("INVALID_INPUT", "MERGE_SELF");
  return writeTransaction(async (tx) => {
    const [source, target] = await Promise.all([
      tx.region.findUnique({
        where: { id: input.sourceId },
        select: {
          id: true,
          name: true,
          nameKey: true,
          shortName: true,
          level: true,
          parentId: true,
          version: true,
          aliases: { select: { nameKey: true } },
        },
      }),
      tx.region.findUnique({
        where: { id: input.targetId },
        select: { id: true, name: true, nameKey: true, shortName: true },
      }),
    ]);
    if (!source || !target) throw new AppError("NOT_FOUND");
    if (source.version !== input.sourceVersion) throw new AppError("CONFLICT", "REGION_CHANGED");
    if (
      (await isSelfOrBelow(tx, source.id, target.id)) ||
      (await isSelfOrBelow(tx, target.id, source.id))
    )
      throw new AppError("INVALID_INPUT", "MERGE_RELATED");
    const reports = await tx.report.findMany({
      where: { regionId: source.id },
      select: { id: true },
    });
    await tx.report.updateMany({ where: { regionId: source.id }, data: { regionId: target.id } });
    await tx.region.updateMany({ where: { parentId: source.id }, data: { parentId: target.id } });
    await tx.shareLink.updateMany({
      where: { regionId: source.id },
      data: { regionId: target.id },
    });
    await tx.regionAlias.updateMany({
      where: { regionId: source.id },
      data: { regionId: target.id },
    });
    const targetNames = new Set([target.nameKey, target.shortName]);
    if (
      !targetNames.has(source.nameKey) &&
      !(await tx.regionAlias.findUnique({ where: { nameKey: source.nameKey } }))
    ) {
      await tx.regionAlias.create({ data: { regionId: target.id, nameKey: source.nameKey } });
    }
    await tx.region.delete({ where: { id: source.id } });
    await tx.region.update({ where: { id: target.id }, data: { version: { increment: 1 } } });
    await recordAuditEvent(tx, {
      actorId,
      entityType: "region",
      entityId: target.id,
      action: "region.merge",
      before: {
        source: {
          id: source.id,
          name: source.name,
          level: source.level,
          parentId: source.parentId,
          aliases: source.aliases.map((a) => a.nameKey),
        },
        target: { id: target.id, name: target.name },
      },
      after: { regionId: target.id, reports: reports.map((r) => r.id) },
    });
    await refreshAutomaticPairings(tx, actorId, [target.id]);
    return { reports: reports.length };
  });
}

/**
 * The one-time data step of the region records migration (run by `cli migrate` and `npm start`
 * after the migrations; a no-op once done): each region from before, named as its first report
 * stated it (呼伦贝尔市海拉尔区), becomes its own unit (海拉尔区) under a region for each unit above it
 * (呼伦贝尔市), and is merged into a region it turns out to be (the 海拉尔区 another report created).
 * Titles that name no region and no year (政府工作报告) become the full name. Reports of changed
 * regions are paired again. Audited, by the system.
 */
export async function upgradeLegacyRegions(): Promise<{
  upgraded: number;
  merged: number;
  titles: number;
}> {
  const legacy = await db.region.findMany({
    where: { shortName: "" },
    select: { id: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  let upgraded = 0;
  let merged = 0;
  for (const { id } of legacy) {
    await writeTransaction(async (tx) => {
      const region = await tx.region.findUnique({
        where: { id },
        select: { id: true, name: true, level: true, shortName: true, version: true },
      });
      if (!region || region.shortName) return;
      const records = (await loadRegionRecords(tx)).filter(
        (r) => r.id !== id && r.shortName !== "",
      );
      const match = matchRegionName(region.name, records);
      if (match.kind === "existing") {
        const reports = await tx.report.findMany({ where: { regionId: id }, select: { id: true } });
        await tx.report.updateMany({ where: { regionId: id }, data: { regionId: match.regionId } });
        await tx.region.updateMany({ where: { parentId: id }, data: { parentId: match.regionId } });
        await tx.shareLink.updateMany({
          where: { regionId: id },
          data: { regionId: match.regionId },
        });
        await tx.regionAlias.updateMany({
          where: { regionId: id },
          data: { regionId: match.regionId },
        });
        await tx.region.delete({ where: { id } });
        await recordAuditEvent(tx, {
          actorId: null,
          entityType: "region",
          entityId: match.regionId,
          action: "region.merge",
          before: { source: { id, name: region.name } },
          after: { regionId: match.regionId, reports: reports.map((r) => r.id), reason: "upgrade" },
        });
        await refreshAutomaticPairings(tx, null, [match.regionId]);
        merged++;
        return;
      }
      const units = regionUnits(region.name);
      const unit = units[units.length - 1] ?? regionNameKey(region.name);
      const level = region.level !== "other" ? region.level : levelUnder(unit, units.slice(0, -1));
      const parentId = await resolveParent(tx, null, units.slice(0, -1), records);
      const nameKey = regionNameKey(unit);
      const after = { name: nameKey, nameKey, shortName: shortFormOf(nameKey), level, parentId };
      await tx.region.update({ where: { id }, data: { ...after, version: { increment: 1 } } });
      await recordAuditEvent(tx, {
        actorId: null,
        entityType: "region",
        entityId: id,
        action: "region.update",
        before: { name: region.name, level: region.level },
        after: { ...after, reason: "upgrade" },
      });
      upgraded++;
    });
  }
  const titles = legacy.length ? await defaultGenericTitles() : 0;
  return { upgraded, merged, titles };
}

/** Reports titled only 政府工作报告 (no region, no year) get the full name: 2019年呼伦贝尔市海拉尔区政府工作报告. */
async function defaultGenericTitles(): Promise<number> {
  const reports = await db.report.findMany({
    select: { id: true, title: true, year: true, regionId: true },
  });
  let changed = 0;
  for (const r of reports.filter((x) => isGenericTitle(x.title))) {
    await writeTransaction(async (tx) => {
      const title = defaultReportTitle(r.year, regionFullName(await regionChain(tx, r.regionId)));
      await tx.report.update({ where: { id: r.id }, data: { title, version: { increment: 1 } } });
      await recordAuditEvent(tx, {
        actorId: null,
        entityType: "report",
        entityId: r.id,
        action: "report.update",
        before: { title: r.title },
        after: { title, reason: "upgrade" },
        reportId: r.id,
      });
    });
    changed++;
  }
  return changed;
}

/**
 * Records that region `name` lies in region `parentName` (found, or created with the level its name
 * suggests), when its parent is not recorded yet: for the seed's table of known parents, where no
 * report states them. A region that is not there, or whose parent is already known, is left alone.
 * Returns whether it changed. Audited (region.update).
 */
export async function placeRegionUnder(
  actorId: string | null,
  name: string,
  parentName: string,
): Promise<boolean> {
  return writeTransaction(async (tx) => {
    const records = await loadRegionRecords(tx);
    const match = matchRegionName(name, records);
    if (match.kind !== "existing") return false;
    const region = records.find((r) => r.id === match.regionId)!;
    if (region.parentId) return false;
    const parentId = await resolveParent(tx, actorId, regionUnits(parentName), records);
    if (!parentId || (await isSelfOrBelow(tx, region.id, parentId))) return false;
    await attachToParent(tx, actorId, region.id, parentId);
    return true;
  });
}

/** Places a region that had no parent under `parentId` (audited as region.update). */
async function attachToParent(
  tx: Tx,
  actorId: string | null,
  regionId: string,
  parentId: string,
): Promise<void> {
  await tx.region.update({
    where: { id: regionId },
    data: { parentId, version: { increment: 1 } },
  });
  await recordAuditEvent(tx, {
    actorId,
    entityType: "region",
    entityId: regionId,
    action: "region.update",
    before: { parentId: null },
    after: { parentId },
  });
}
