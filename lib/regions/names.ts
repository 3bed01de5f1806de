/**
 * PURE rules for region names: how a name as a report states it (呼伦贝尔市海拉尔区, 海拉尔区, 海拉尔,
 * 海拉爾區) is split into units, compared with the region records, and written back (the full name
 * a report title uses). No database, no framework: lib/regions/mutations.ts and the import preview
 * call these with the records they loaded, and the unit tests check them on real names.
 */
import { splitRegionName } from "@/lib/report/metadata";
import { toSimplified } from "@/lib/report/script";

/** Levels of lib/reports/schema.ts REGION_LEVELS, ranked: 1 province, 2 prefecture-level city, 3 county level. */
const LEVEL_RANK: Record<string, number> = {
  national: 0,
  province: 1,
  city: 2,
  district: 3,
  county: 3,
};

/** The rank of a level (0 national … 3 county level), or null for "other". */
export function levelRank(level: string): number | null {
  return LEVEL_RANK[level] ?? null;
}

/** A name as names are compared: simplified characters, no whitespace. */
export function regionNameKey(name: string): string {
  return toSimplified(name.replace(/[\s\u3000]+/g, ""));
}

/**
 * The units a name states, the largest first: 内蒙古自治区呼伦贝尔市海拉尔区 → [内蒙古自治区, 呼伦贝尔市,
 * 海拉尔区]; 海拉尔区 → [海拉尔区]; 海拉尔 → [海拉尔]. Splits with lib/report/metadata.ts splitRegionName.
 */
export function regionUnits(name: string): string[] {
  const key = regionNameKey(name);
  if (!key) return [];
  const { short, parent } = splitRegionName(key);
  return parent ? [...regionUnits(parent), short] : [short];
}

const SUFFIXES = [
  "特别行政区",
  "自治区",
  "自治州",
  "自治县",
  "自治旗",
  "地区",
  "新区",
  "省",
  "市",
  "区",
  "县",
  "旗",
  "州",
  "盟",
];
/** Peoples named before 自治区/州/县/旗 that the short form leaves out (广西壮族自治区 → 广西). */
const PEOPLES =
  /(维吾尔|壮族|回族|藏族|蒙古族|朝鲜族|满族|苗族|彝族|土家族|侗族|瑶族|白族|哈尼族|傣族|黎族|傈僳族|佤族|畲族|拉祜族|水族|东乡族|纳西族|景颇族|柯尔克孜|土族|达斡尔族|仫佬族|羌族|布朗族|撒拉族|毛南族|仡佬族|锡伯族|阿昌族|普米族|塔吉克|怒族|鄂温克族|鄂伦春族|裕固族|哈萨克|布依族|各族)+$/;

/** Whether a unit ends with an administrative suffix (海拉尔区 does, 海拉尔 does not). */
export function hasAdminSuffix(unit: string): boolean {
  return SUFFIXES.some((s) => unit.endsWith(s) && unit.length > s.length);
}

/**
 * A unit without its administrative suffix, as people say it: 海拉尔区 → 海拉尔, 内蒙古自治区 → 内蒙古,
 * 广西壮族自治区 → 广西, 鄂温克族自治旗 → 鄂温克. A name that would keep fewer than two characters is
 * left whole (沙市 stays 沙市).
 */
export function shortFormOf(unit: string): string {
  const key = regionNameKey(unit);
  const suffix = SUFFIXES.find((s) => key.endsWith(s) && key.length > s.length);
  if (!suffix) return key;
  let stem = key.slice(0, -suffix.length);
  if (suffix.startsWith("自治")) {
    const bare = stem.replace(PEOPLES, "");
    if (bare.length >= 2) stem = bare;
    else if (stem.endsWith("族") && stem.length >= 3) stem = stem.slice(0, -1);
  }
  return stem.length >= 2 ? stem : key;
}

/**
 * The level a unit's own name suggests, for units a report names above its region (呼伦贝尔市 in
 * 呼伦贝尔市海拉尔区): 省, 自治区 and the four municipalities are provinces; 市, 州, 盟 and 地区 are
 * prefecture-level cities, unless `belowCity` (a 市 under a city is county level); 区 is a district;
 * 县 and 旗 are counties.
 */
export function unitLevel(unit: string, belowCity = false): string {
  const u = regionNameKey(unit);
  if (/^(北京市|上海市|天津市|重庆市)$/.test(u) || /(省|自治区|特别行政区)$/.test(u))
    return "province";
  if (/(县|旗)$/.test(u)) return "county";
  if (/区$/.test(u) && !/地区$/.test(u)) return "district";
  if (/市$/.test(u) && belowCity) return "county";
  if (/(市|州|盟|地区)$/.test(u)) return "city";
  return "other";
}

/** A region as the matcher sees it (lib/regions/data.ts loads them all: there are hundreds, not millions). */
export type RegionRecord = {
  id: string;
  name: string;
  nameKey: string;
  shortName: string;
  level: string;
  parentId: string | null;
  /** Other names a person confirmed for it (simplified, no spaces). */
  aliases: readonly string[];
  /** The record's version, where loaded (optimistic concurrency of renames and merges). */
  version?: number;
};

/**
 * What a name matches:
 * - `existing`: exactly one region (by a confirmed name, by its own name or short form, with no
 *   parent the name states contradicting the region's);
 * - `ask`: a person must choose: several regions fit (`ambiguous`: 城关区 of two cities), or none
 *   fits but some are close (`similar`: 海拉尔市 or 海拉区 for 海拉尔区; 海拉尔区 of another city);
 * - `new`: nothing fits or comes close.
 * `units` are the name's units, largest first (the last is the region's own).
 */
export type RegionMatch =
  | { kind: "existing"; regionId: string; via: "alias" | "name"; units: string[] }
  | { kind: "ask"; reason: "ambiguous" | "similar"; candidates: string[]; units: string[] }
  | { kind: "new"; units: string[] };

function names(r: RegionRecord): string[] {
  return [r.nameKey, r.shortName, ...r.aliases].filter(Boolean);
}

function ancestorsOf(r: RegionRecord, byId: Map<string, RegionRecord>): RegionRecord[] {
  const chain: RegionRecord[] = [];
  const seen = new Set([r.id]);
  for (
    let p = r.parentId ? byId.get(r.parentId) : undefined;
    p && !seen.has(p.id);
    p = p.parentId ? byId.get(p.parentId) : undefined
  ) {
    chain.push(p);
    seen.add(p.id);
  }
  return chain;
}

/** Whether `unit` names `r`: its own name, its short form, or a name confirmed for it; a unit without suffix by its short form. */
function unitNames(unit: string, r: RegionRecord): boolean {
  return names(r).includes(unit) || (!hasAdminSuffix(unit) && r.shortName === unit);
}

/**
 * Whether the units a name states above its own (`above`, largest first) agree with what is known
 * of `r`'s parents: each is one of r's ancestors, or r's known ancestors hold no unit of its level
 * (a parent not recorded yet is no contradiction: 呼伦贝尔市海拉尔区 fits 海拉尔区 without a parent).
 */
function parentsAgree(above: string[], r: RegionRecord, byId: Map<string, RegionRecord>): boolean {
  const chain = ancestorsOf(r, byId);
  return above.every((unit) => {
    if (chain.some((a) => unitNames(unit, a))) return true;
    const rank = levelRank(unitLevel(unit));
    return rank === null || !chain.some((a) => levelRank(a.level) === rank);
  });
}

/** Edit distance of two short strings, capped: enough to tell 海拉区 from 海拉尔区 (1). */
function editDistance(a: string, b: string, cap = 2): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/**
 * Regions close to a unit that names none: the same stem with another suffix (海拉尔市, 海拉尔区), or
 * one character added or dropped (海拉区, 海拉尔区). One character *changed* counts only in long names:
 * 西岗区 and 西湖区 are different districts, not a typo.
 */
function similarRegions(unit: string, regions: readonly RegionRecord[]): RegionRecord[] {
  const stem = shortFormOf(unit);
  const close = (a: string, b: string) =>
    a.length >= 3 &&
    b.length >= 3 &&
    editDistance(a, b) <= 1 &&
    (a.length !== b.length || a.length >= 5);
  return regions.filter(
    (r) =>
      (r.shortName && r.shortName === stem) ||
      close(unit, r.nameKey) ||
      (stem !== unit && close(stem, r.shortName)),
  );
}

/**
 * Matches a region name, as a report or an analyst states it, to the region records: see
 * RegionMatch. Compared in simplified characters without spaces, so 海拉爾區 finds 海拉尔区.
 */
export function matchRegionName(input: string, regions: readonly RegionRecord[]): RegionMatch {
  const key = regionNameKey(input);
  const units = regionUnits(key);
  if (!units.length) return { kind: "new", units };
  const byAlias = regions.find((r) => r.aliases.includes(key));
  if (byAlias) return { kind: "existing", regionId: byAlias.id, via: "alias", units };
  const byId = new Map(regions.map((r) => [r.id, r]));
  const unit = units[units.length - 1];
  const above = units.slice(0, -1);
  const named = regions.filter((r) => unitNames(unit, r));
  const fitting = named.filter((r) => parentsAgree(above, r, byId));
  if (fitting.length === 1)
    return { kind: "existing", regionId: fitting[0].id, via: "name", units };
  if (fitting.length > 1) {
    // The one the name states most of (呼伦贝尔市海拉尔区 → the 海拉尔区 recorded under 呼伦贝尔市) wins.
    const score = (r: RegionRecord) =>
      ancestorsOf(r, byId).filter((a) => above.some((u) => unitNames(u, a))).length;
    const best = Math.max(...fitting.map(score));
    const top = fitting.filter((r) => score(r) === best);
    if (top.length === 1 && best > 0)
      return { kind: "existing", regionId: top[0].id, via: "name", units };
    return { kind: "ask", reason: "ambiguous", candidates: fitting.map((r) => r.id), units };
  }
  const close = [...named, ...similarRegions(unit, regions).filter((r) => !named.includes(r))];
  if (close.length)
    return {
      kind: "ask",
      reason: "similar",
      candidates: close.slice(0, 5).map((r) => r.id),
      units,
    };
  return { kind: "new", units };
}

/**
 * The name a report title and a heading use for a region: a county-level unit with the region
 * above it (呼伦贝尔市海拉尔区, 北京市朝阳区), anything else on its own (大连市, 内蒙古自治区).
 * `chain` is the region and its ancestors, nearest first.
 */
export function regionFullName(chain: readonly { name: string; level: string }[]): string {
  const [self, parent] = chain;
  if (!self) return "";
  if (
    parent &&
    (self.level === "district" || self.level === "county") &&
    !self.name.startsWith(parent.name)
  )
    return `${parent.name}${self.name}`;
  return self.name;
}
