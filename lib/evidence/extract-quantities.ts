/**
 * Numbers with units in evidence text, in canonical units so that a target and a reported figure
 * compare (万平方米 → 平方米 × 10⁴, 亿元 → 元 × 10⁸). The reading itself (numerals, ranges, units,
 * comparators, growth) is lib/report's findTargets; this adds canonical units and flags figures
 * reported as multi-year totals. Works on normalised text (normalizeForSearch); offsets are into it.
 */
import { findTargets } from "../report/targets";
import type { Comparator } from "../report/types";

export interface Quantity {
  /** Value in the canonical unit. For a range, its low end. */
  value: number;
  /** High end of a range (`1-2个`, `3至5家`), else equal to value. */
  high: number;
  /** Canonical unit without magnitude: 元, 平方米, 人次, %, 个百分点, 个… */
  unit: string;
  /** A rate of change (增长8%, 下降3个百分点) rather than a level or a share. */
  growth: boolean;
  direction: "up" | "down" | null;
  comparator: Comparator;
  /** Reported as a multi-year or cumulative total (累计, 五年, 十二五…) in the words just before it. */
  cumulative: boolean;
  start: number;
  end: number;
}

const MAGNITUDES: [string, number][] = [
  ["万亿", 1e12],
  ["亿", 1e8],
  ["万", 1e4],
  ["千", 1e3],
  ["百", 1e2],
];
const UNITS_STARTING_WITH_A_MAGNITUDE = new Set([
  "千瓦",
  "千瓦时",
  "千米",
  "千伏",
  "千伏安",
  "千克",
  "百分点",
]);

/** Splits a unit as written into its canonical unit and magnitude factor: 万平方米 → 平方米 × 10000, 万千瓦 → 千瓦 × 10000. */
export function canonicalUnit(unit: string): { unit: string; factor: number } {
  if (unit === "百分点") return { unit: "个百分点", factor: 1 };
  if (UNITS_STARTING_WITH_A_MAGNITUDE.has(unit)) return { unit, factor: 1 };
  for (const [mag, factor] of MAGNITUDES) {
    if (unit.length > mag.length && unit.startsWith(mag)) {
      const inner = canonicalUnit(unit.slice(mag.length));
      return { unit: inner.unit, factor: factor * inner.factor };
    }
  }
  return { unit, factor: 1 };
}

/**
 * Words before a figure that make it a multi-year or cumulative figure: totals (累计, 五年, 十二五,
 * 期间), averages (年均) and changes since a base year (从2017年的…, 由…, 比2010年…, 是2010年的2.4倍).
 */
const CUMULATIVE =
  /(累计|累积|五年|共计|十[一二三四五]五|期间|年均|历年|[从由]\d{4}年|比\d{4}年|是\d{4}年的|\d{4}年以来)/;

/** Separators of a range written with the unit on both ends (6.5%-7%, 3%至5%). */
const RANGE_BETWEEN = /^\s*(-|—|–|~|～|至|到)\s*$/;

/** Falls in words lib/report does not read as a rate of change (削减5.5%, 压减3%). */
const FALL_BEFORE = /(削减|压减|缩减|减排|降低了|下降了|减少了)\s*$/;

/**
 * A count with a magnitude but no unit, before the noun it counts (378万农村人口, 20万农村扶贫对象):
 * lib/report takes no unit for it; people counts read as 人, others as a bare count (unit "").
 */
const BARE_COUNT = /(?<![\d.])(\d+(?:\.\d+)?)(万|亿)(?=[\u4e00-\u9fff])/g;
/** What may follow a magnitude as the unit itself (5万千瓦风电 is a capacity spec, not a count of 千瓦风电). */
const UNIT_AHEAD =
  /^(千瓦|千伏|千米|千克|兆瓦|吨|平方|立方|亩|元|美元|公里|米|人次|头|只|张|套|辆|台|个|家|户|所|座|条|项|件|名|栋|间|株|棵|公斤|斤|册|盏|标箱|床|千|百|多|余)/;
const PEOPLE = /^[\u4e00-\u9fff]{0,4}(人口|群众|农民|居民|职工|对象|学生|儿童|老人|贫困人口|人)/;

/**
 * Every number-with-unit in `text` (normalised), in order, in canonical units. A range written with
 * its unit on both ends (增长6.5%-7%) is one quantity from 6.5 to 7, growth like its first half; in a
 * list (分别增长10%和7%) a rate joined to a rate takes its kind; 削减5.5% is a fall.
 */
export function extractQuantities(text: string): Quantity[] {
  const out: Quantity[] = [];
  for (const t of findTargets(text)) {
    const { unit, factor } = canonicalUnit(t.unit);
    const prev = out[out.length - 1];
    const between = prev ? text.slice(prev.end, t.start) : "";
    if (
      prev &&
      prev.unit === unit &&
      RANGE_BETWEEN.test(between) &&
      t.value * factor > prev.value
    ) {
      prev.high = (t.valueMax ?? t.value) * factor;
      prev.end = t.end;
      if (t.comparator !== "=") prev.comparator = t.comparator;
      continue;
    }
    let growth = t.growth;
    let direction = t.direction ?? null;
    const rate = unit === "%" || unit === "个百分点";
    if (
      rate &&
      !growth &&
      prev?.growth &&
      prev.unit === unit &&
      /^\s*[和、与及]\s*$/.test(between)
    ) {
      growth = true;
      direction = prev.direction;
    }
    if (rate && !growth && FALL_BEFORE.test(text.slice(Math.max(0, t.start - 4), t.start))) {
      growth = true;
      direction = "down";
    }
    out.push({
      value: t.value * factor,
      high: (t.valueMax ?? t.value) * factor,
      unit,
      growth,
      direction,
      comparator: t.comparator,
      cumulative: CUMULATIVE.test(text.slice(Math.max(0, t.start - 16), t.start)),
      start: t.start,
      end: t.end,
    });
  }
  BARE_COUNT.lastIndex = 0;
  let m: RegExpExecArray | null;
  const bare: Quantity[] = [];
  // `out` is in text order: one pointer walks it alongside the matches (no rescan per match)
  let k = 0;
  while ((m = BARE_COUNT.exec(text))) {
    const start = m.index;
    const end = start + m[0].length;
    while (k < out.length && out[k].end <= start) k++;
    if ((k < out.length && out[k].start < end) || UNIT_AHEAD.test(text.slice(end, end + 2)))
      continue;
    const factor = m[2] === "亿" ? 1e8 : 1e4;
    const people = PEOPLE.test(text.slice(end, end + 8));
    bare.push({
      value: parseFloat(m[1]) * factor,
      high: parseFloat(m[1]) * factor,
      unit: people ? "人" : "",
      growth: false,
      direction: null,
      comparator: "=",
      cumulative: CUMULATIVE.test(text.slice(Math.max(0, start - 16), start)),
      start,
      end,
    });
  }
  return bare.length ? [...out, ...bare].sort((a, b) => a.start - b.start) : out;
}

/** A stable key for a quantity: same value and unit give the same key (700万吨 ≡ 7000000吨). */
export function quantityKey(q: Quantity): string {
  const v = Number(q.value.toPrecision(6));
  return `${q.growth ? "g" : ""}${v}${q.unit}`;
}
