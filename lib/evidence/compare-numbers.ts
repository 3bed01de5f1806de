/**
 * Puts a pledge's numeric target next to the figure an evidence text reports for the same unit,
 * with a suggested verdict.
 *
 * Verdicts, by the target's comparator:
 * - `>=` (以上, 突破, 不低于, 达到…) and `=` (a plain figure: 新建大棚300个): reported ≥ target → `met`,
 *   else `below`.
 * - `<=` (以内, 不超过, 控制在…): reported ≤ target → `met`, else `exceeded` (the ceiling was overshot: a miss).
 * - `~` (左右): within the tolerance → `met`; under it → `below`; over it → `exceeded` (above the
 *   expected range; for a growth rate that is usually good news, the analyst decides).
 *   Tolerance: 0.5 percentage points for rates and shares (%, 个百分点), else 5% of the target.
 * - `unclear`: the reported figure is a cumulative / multi-year total (累计, 五年, 十二五…), or the
 *   target is a range whose ends the figure falls between for an `=` comparator.
 * A growth target (增长8%) is only compared with a growth figure (同比增长8.9%) and a level with a level.
 * Units are compared after removing magnitudes (万平方米 ≡ 10000 平方米, 亿元 ≡ 1e8 元).
 */
import { findMainTarget } from "../report/targets";
import { canonicalUnit, extractQuantities, type Quantity } from "./extract-quantities";
import { normalizeForSearch as foldForMatch } from "../report/script";

export type Comparator = ">=" | "<=" | "~" | "=";
export type Verdict = "met" | "below" | "exceeded" | "unclear";

/** A numeric target as parsed from a pledge (lib/report's target, or parseTargetFromText). */
export interface NumericTarget {
  value: number;
  /** High end of a range target (1-2个); lib/report calls it valueMax. */
  high?: number;
  valueMax?: number | null;
  /** Unit as written (万平方米, 亿元, %, 个百分点…) or canonical; null when the parser found none. */
  unit: string | null;
  /** >=, <=, ~ (左右), = (a plain figure); other strings are read as "=". */
  comparator: Comparator | string;
  /** A rate of change (增长8%) rather than a level. */
  growth?: boolean;
}

export interface Comparison {
  target: { value: number; unit: string; comparator: Comparator; growth: boolean; text?: string };
  reported: { value: number; unit: string; growth: boolean; text: string; start: number; end: number };
  verdict: Verdict;
}

/** Tolerance of a `~` (左右) target, in the target's canonical unit. */
export function toleranceOf(value: number, unit: string): number {
  return unit === "%" || unit === "个百分点" ? 0.5 : Math.abs(value) * 0.05;
}

function canonical(target: NumericTarget): { value: number; high: number; unit: string } {
  const unit = target.unit ?? "";
  const high = target.high ?? target.valueMax ?? target.value;
  const c = canonicalUnit(unit);
  return { value: target.value * c.factor, high: high * c.factor, unit: c.unit };
}

function comparatorOf(c: string): Comparator {
  return c === ">=" || c === "<=" || c === "~" ? c : "=";
}

/** Reads a target from a pledge's own words when the parser supplied none (lib/report findMainTarget). */
export function parseTargetFromText(text: string): NumericTarget | null {
  const folded = foldForMatch(text);
  return findMainTarget(folded, 0, folded.length);
}

/** Verdict of a reported value against a canonical target. */
export function judgeValue(target: { value: number; high: number; unit: string; comparator: Comparator }, reported: number): Verdict {
  const tol = toleranceOf(target.value, target.unit);
  switch (target.comparator) {
    case "<=":
      return reported <= target.high ? "met" : "exceeded";
    case "~":
      if (reported < target.value - tol) return "below";
      if (reported > target.high + tol) return "exceeded";
      return "met";
    case ">=":
      return reported >= target.value ? "met" : "below";
    case "=":
      if (target.high > target.value && reported >= target.value && reported < target.high) return "unclear";
      return reported >= target.value ? "met" : "below";
  }
}

/**
 * Compares `target` with the figure `evidenceText` reports in the same canonical unit (and the same
 * growth/level kind); returns null when the text reports no such figure. When several figures fit,
 * the one closest after words shared with `pledgeText` (e.g. the indicator name) is used.
 */
export function compareNumbers(target: NumericTarget, evidenceText: string, pledgeText = ""): Comparison | null {
  if (!target.unit || !Number.isFinite(target.value)) return null;
  const t = canonical(target);
  const comparator = comparatorOf(target.comparator);
  const growth = !!target.growth;
  const folded = foldForMatch(evidenceText);
  const candidates = extractQuantities(folded).filter((q) => q.unit === t.unit && q.growth === growth);
  if (candidates.length === 0) return null;
  const pledgeFolded = foldForMatch(pledgeText);
  // Every two-character piece of the pledge, so that each lookup below is one set lookup rather
  // than a scan of the whole pledge (pledge length × figures × 14 was quadratic on huge texts).
  const pledgePairs = new Set<string>();
  for (let i = 0; i + 1 < pledgeFolded.length; i++) pledgePairs.add(pledgeFolded.slice(i, i + 2));
  const affinity = (q: Quantity) => {
    let from = Math.max(0, q.start - 14);
    for (let i = q.start - 1; i >= from; i--) {
      if (/[,，;；。、]/.test(folded[i])) {
        from = i + 1;
        break;
      }
    }
    const before = folded.slice(from, q.start);
    let n = 0;
    for (let i = 0; i + 1 < before.length; i++) if (pledgePairs.has(before.slice(i, i + 2))) n++;
    return n;
  };
  let best = candidates[0];
  let bestAff = affinity(best);
  for (const q of candidates.slice(1)) {
    const a = affinity(q);
    if (a > bestAff) {
      best = q;
      bestAff = a;
    }
  }
  const verdict: Verdict = best.cumulative ? "unclear" : judgeValue({ ...t, comparator }, best.value);
  return {
    target: { value: t.value, unit: t.unit, comparator, growth },
    reported: {
      value: best.value,
      unit: best.unit,
      growth: best.growth,
      text: evidenceText.slice(best.start, best.end),
      start: best.start,
      end: best.end,
    },
    verdict,
  };
}
