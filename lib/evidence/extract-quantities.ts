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

const MAGNITUDES: [string, number][] = [["万亿", 1e12], ["亿", 1e8], ["万", 1e4], ["千", 1e3], ["百", 1e2]];
const UNITS_STARTING_WITH_A_MAGNITUDE = new Set(["千瓦", "千瓦时", "千米", "千伏", "千伏安", "千克", "百分点"]);

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

const CUMULATIVE = /(累计|累积|五年|共计|十[一二三四五]五|期间)/;

/** Every number-with-unit in `text` (normalised), in order, in canonical units. */
export function extractQuantities(text: string): Quantity[] {
  return findTargets(text).map((t) => {
    const { unit, factor } = canonicalUnit(t.unit);
    return {
      value: t.value * factor,
      high: (t.valueMax ?? t.value) * factor,
      unit,
      growth: t.growth,
      direction: t.direction ?? null,
      comparator: t.comparator,
      cumulative: CUMULATIVE.test(text.slice(Math.max(0, t.start - 16), t.start)),
      start: t.start,
      end: t.end,
    };
  });
}

/** A stable key for a quantity: same value and unit give the same key (700万吨 ≡ 7000000吨). */
export function quantityKey(q: Quantity): string {
  const v = Number(q.value.toPrecision(6));
  return `${q.growth ? "g" : ""}${v}${q.unit}`;
}
