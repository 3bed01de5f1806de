import "server-only";
import { db, type Tx } from "@/lib/db";
import { listPairings, type Pairing } from "@/lib/pairing/data";
import { rateIsHeadline, tallyCounts } from "@/lib/audit-reports/aggregate";
import { matchRegionName, regionFullName, regionNameKey, type RegionRecord } from "./names";
import type { RegionMatchDto, RegionSummaryDto } from "./schema";

type Client = Pick<Tx, "region" | "regionAlias">;

/** Every region as the matcher sees it (there are hundreds at most). */
export async function loadRegionRecords(client: Client): Promise<RegionRecord[]> {
  const rows = await client.region.findMany({
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
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map((r) => ({ ...r, aliases: r.aliases.map((a) => a.nameKey) }));
}

type ChainRow = {
  id: string;
  name: string;
  level: string;
  parentId: string | null;
  parent?: ChainRow | null;
};
const chainFields = { id: true, name: true, level: true, parentId: true } as const;
/** Four levels in one query: a county-level unit, its city, its province, and one above (national). */
const chainSelect = {
  ...chainFields,
  parent: {
    select: {
      ...chainFields,
      parent: { select: { ...chainFields, parent: { select: chainFields } } },
    },
  },
} as const;

/**
 * The region and its ancestors, nearest first, in one query for the usual depth (the report page
 * asks on every view); deeper chains are followed on. A cycle (which updateRegion prevents) ends the walk.
 */
export async function regionChain(
  client: Client,
  regionId: string,
): Promise<{ id: string; name: string; level: string }[]> {
  const chain: { id: string; name: string; level: string }[] = [];
  const seen = new Set<string>();
  for (let id: string | null = regionId; id && !seen.has(id);) {
    let row: ChainRow | null | undefined = (await client.region.findUnique({
      where: { id },
      select: chainSelect,
    })) as ChainRow | null;
    id = null;
    while (row && !seen.has(row.id)) {
      seen.add(row.id);
      chain.push({ id: row.id, name: row.name, level: row.level });
      id = row.parentId;
      row = row.parent;
    }
  }
  return chain;
}

/** The region and its ancestors, nearest first, from loaded records. */
function chainOf(id: string, byId: Map<string, RegionRecord>): RegionRecord[] {
  const chain: RegionRecord[] = [];
  const seen = new Set<string>();
  for (
    let r = byId.get(id);
    r && !seen.has(r.id);
    r = r.parentId ? byId.get(r.parentId) : undefined
  ) {
    chain.push(r);
    seen.add(r.id);
  }
  return chain;
}

async function reportCounts(): Promise<Map<string, number>> {
  const rows = await db.report.groupBy({
    by: ["regionId"],
    where: { archivedAt: null },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.regionId, r._count._all]));
}

function toSummary(
  r: RegionRecord,
  byId: Map<string, RegionRecord>,
  counts: Map<string, number>,
): RegionSummaryDto {
  const chain = chainOf(r.id, byId);
  return {
    id: r.id,
    name: r.name,
    fullName: regionFullName(chain),
    level: r.level,
    path: chain
      .slice(1)
      .map((a) => a.name)
      .reverse(),
    reports: counts.get(r.id) ?? 0,
    version: r.version ?? 1,
  };
}

/**
 * What a region name matches (lib/regions/names.ts matchRegionName), as the import preview and the
 * report editor show it: the region found, the question to ask, or the new region with the
 * regions that would be created or found above it.
 */
export async function matchRegion(name: string): Promise<RegionMatchDto> {
  const [records, counts] = await Promise.all([loadRegionRecords(db), reportCounts()]);
  const byId = new Map(records.map((r) => [r.id, r]));
  const match = matchRegionName(name, records);
  if (match.kind === "existing")
    return { kind: "existing", region: toSummary(byId.get(match.regionId)!, byId, counts) };
  if (match.kind === "ask")
    return {
      kind: "ask",
      reason: match.reason,
      candidates: match.candidates.map((id) => toSummary(byId.get(id)!, byId, counts)),
    };
  return {
    kind: "new",
    name: match.units[match.units.length - 1] ?? regionNameKey(name),
    parents: match.units.slice(0, -1),
  };
}

/** Every region for pickers (report editor, merge, parent), by full name, with its path. */
export async function listRegionOptions(): Promise<RegionSummaryDto[]> {
  const [records, counts] = await Promise.all([loadRegionRecords(db), reportCounts()]);
  const byId = new Map(records.map((r) => [r.id, r]));
  return records
    .map((r) => toSummary(r, byId, counts))
    .sort((a, b) =>
      [...a.path, a.name].join("/").localeCompare([...b.path, b.name].join("/"), "zh"),
    );
}

/** A node of the region tree: a region, its reports in use, and the regions below it. */
export type RegionTreeNode = RegionSummaryDto & {
  shortName: string;
  children: RegionTreeNode[];
  reportsBelow: number;
};

/** All regions as a tree: provinces (and regions whose parent is not recorded) at the top, by name. */
export async function listRegionTree(): Promise<RegionTreeNode[]> {
  const [records, counts] = await Promise.all([loadRegionRecords(db), reportCounts()]);
  const byId = new Map(records.map((r) => [r.id, r]));
  const nodes = new Map<string, RegionTreeNode>(
    records.map((r) => [
      r.id,
      { ...toSummary(r, byId, counts), shortName: r.shortName, children: [], reportsBelow: 0 },
    ]),
  );
  const roots: RegionTreeNode[] = [];
  for (const r of records) {
    const node = nodes.get(r.id)!;
    const parent = r.parentId ? nodes.get(r.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const finish = (n: RegionTreeNode): number => {
    n.children.sort((a, b) => a.name.localeCompare(b.name, "zh"));
    n.reportsBelow = n.children.reduce((sum, c) => sum + finish(c), 0);
    return n.reports + n.reportsBelow;
  };
  roots.forEach(finish);
  const rank = (n: RegionTreeNode) =>
    ({ national: 0, province: 1, city: 2, district: 3, county: 3 })[n.level] ?? 4;
  return roots.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, "zh"));
}

/** A region and every region below it (a province's cities and their counties), for roll-ups. */
export async function regionAndDescendantIds(regionId: string): Promise<string[]> {
  return descendantsOf(
    regionId,
    await db.region.findMany({ select: { id: true, parentId: true } }),
  );
}

function descendantsOf(
  regionId: string,
  rows: readonly { id: string; parentId: string | null }[],
): string[] {
  const children = new Map<string, string[]>();
  for (const r of rows)
    if (r.parentId) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r.id]);
  const out: string[] = [];
  const seen = new Set<string>();
  for (const queue = [regionId]; queue.length;) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
    queue.push(...(children.get(id) ?? []));
  }
  return out;
}

/** One report of a region page: its year, pairing and progress over its trackable pledges. */
export type RegionReportRow = {
  id: string;
  title: string;
  year: number | null;
  archived: boolean;
  pairing: Pairing;
  /** Trackable pledges ("not a pledge" left out). */
  pledges: number;
  assessed: number;
  approved: number;
  fulfilmentRate: number | null;
  /** Whether enough are assessed for the rate to be headlined (lib/audit-reports/aggregate.ts rateIsHeadline). */
  rateShown: boolean;
};

export type RegionDetail = RegionSummaryDto & {
  shortName: string;
  parentId: string | null;
  /** The regions above it, largest first, with ids. */
  ancestors: { id: string; name: string }[];
  children: (RegionSummaryDto & { reportsBelow: number })[];
  /** Other names it is known by (confirmed by a person, old names, names of regions merged into it). */
  aliases: string[];
  /** Its own reports, archived ones last, by year. */
  reportRows: RegionReportRow[];
  /** Reports of the regions below it (what its roll-up audit adds). */
  reportsBelow: number;
};

/** A region's page: the record, where it sits, its reports by year with pairing and fulfilment. Null when unknown. */
export async function getRegionDetail(regionId: string): Promise<RegionDetail | null> {
  const [records, counts] = await Promise.all([loadRegionRecords(db), reportCounts()]);
  const byId = new Map(records.map((r) => [r.id, r]));
  const self = byId.get(regionId);
  if (!self) return null;
  const chain = chainOf(regionId, byId);
  const below = descendantsOf(regionId, records).filter((id) => id !== regionId);
  const reports = await db.report.findMany({
    where: { regionId },
    select: { id: true, title: true, year: true, archivedAt: true },
    orderBy: [{ year: "asc" }, { createdAt: "asc" }, { id: "asc" }],
  });
  const ids = reports.map((r) => r.id);
  const [pairings, groups] = await Promise.all([
    listPairings(db, ids),
    ids.length
      ? db.pledge.groupBy({
          by: ["reportId", "status", "reviewState"],
          where: { reportId: { in: ids }, excluded: false, tier: "trackable" },
          _count: { _all: true },
        })
      : [],
  ]);
  const rows: RegionReportRow[] = reports.map((r) => {
    const t = tallyCounts(
      groups
        .filter((g) => g.reportId === r.id)
        .map((g) => ({ status: g.status, reviewState: g.reviewState, n: g._count._all })),
    );
    return {
      id: r.id,
      title: r.title,
      year: r.year,
      archived: r.archivedAt !== null,
      pairing: pairings.get(r.id) ?? { review: null, source: "none" },
      pledges: t.pledges,
      assessed: t.assessed,
      approved: t.approved,
      fulfilmentRate: t.fulfilmentRate,
      rateShown: rateIsHeadline(t),
    };
  });
  rows.sort((a, b) => Number(a.archived) - Number(b.archived));
  const childIds = records.filter((r) => r.parentId === regionId).map((r) => r.id);
  const childSummaries = childIds.map((id) => ({
    ...toSummary(byId.get(id)!, byId, counts),
    reportsBelow: descendantsOf(id, records).reduce(
      (n, x) => n + (x === id ? 0 : (counts.get(x) ?? 0)),
      0,
    ),
  }));
  return {
    ...toSummary(self, byId, counts),
    shortName: self.shortName,
    parentId: self.parentId,
    ancestors: chain
      .slice(1)
      .reverse()
      .map((a) => ({ id: a.id, name: a.name })),
    children: childSummaries.sort((a, b) => a.name.localeCompare(b.name, "zh")),
    aliases: [...self.aliases].sort(),
    reportRows: rows,
    reportsBelow: below.reduce((n, id) => n + (counts.get(id) ?? 0), 0),
  };
}
