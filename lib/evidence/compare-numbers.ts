/**
 * Puts a pledge's numeric target next to the figure an evidence text reports for the same thing,
 * with a verdict.
 *
 * A figure is compared only when it reports on the pledge's indicator or object (figure-subject.ts:
 * 城区20条道路 is not 棚改配套道路13条; 新开通3条航线, a flow, is not 航线达到34条, a stock), in the
 * same canonical unit (万平方米 ≡ 10⁴ 平方米, 亿元 ≡ 10⁸ 元) and of the same kind: a growth target
 * (增长8%) only with a growth figure, a level with a level, a fall (下降5%) with a fall.
 *
 * Verdicts, by the target's sense:
 * - floor (以上, 突破, 不低于, 达到…, and a plain figure: 新建大棚300个): reported ≥ target → `met`,
 *   else `below`. A range (6.5%-7%, 1-2个) is met from its low end.
 * - ceiling (以内, 不超过, 控制在…; and the indicators that are ceilings by nature: consumer prices,
 *   unemployment, population growth): reported ≤ target (plus the 左右 tolerance) → `met`, else
 *   `exceeded` (overshot: a miss).
 * - 左右 on a floor: within the tolerance → `met`; under it → `below`; over it → `exceeded` (above
 *   the expected range, which for a growth rate is usually good news).
 *   Tolerance: 0.5 percentage points for rates and shares (%, 个百分点), else 5% of the target.
 * - `unclear`: the reported figure is a cumulative or multi-year total (累计, 五年, 十二五, 年均,
 *   从2017年…), which says nothing about the year.
 */
import { findMainTarget } from "../report/targets";
import { canonicalUnit, extractQuantities, type Quantity } from "./extract-quantities";
import { figureSubject, sameSubject, SUBJECT_WINDOW, type FigureSubject } from "./figure-subject";
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
  target: {
    value: number;
    unit: string;
    comparator: Comparator;
    growth: boolean;
    text?: string;
    ceiling?: boolean;
  };
  /** Offsets into the text compared; `context: "sentence"` when the figure stood in the evidence's sentence rather than in the evidence itself. */
  reported: {
    value: number;
    unit: string;
    growth: boolean;
    text: string;
    start: number;
    end: number;
    context?: "sentence";
  };
  verdict: Verdict;
  /** How the reported figure's subject matched the target's: the same indicator or object, or not read (ungated). */
  match?: "same" | "unknown";
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

/** Indicators whose targets are ceilings whatever the wording (涨幅3%左右 means at most about 3%). */
const CEILING_INDICATORS = new Set(["cpi", "unemployment", "population-growth"]);
const GROWTH_AFTER_FIGURE =
  /^[、，,]?\s*(同比|比上年|较上年|可比)?(增长|下降|增加|减少|提高|降低)\s*$/;
const PER_UNIT = /(每个|每[县市区乡镇村所校]|各县|各市|各乡镇|平均每)/;
const CEILING_WORDS = /(控制在|控制到|以内|不超过|不高于|低于|之内|以下)/;

/** Verdict of a reported value against a canonical target; `ceiling` reads a 左右 or plain target as an upper bound. */
export function judgeValue(
  target: { value: number; high: number; unit: string; comparator: Comparator },
  reported: number,
  ceiling = false,
): Verdict {
  const tol = toleranceOf(target.value, target.unit);
  if (ceiling && target.comparator !== ">=") {
    const limit = target.comparator === "~" ? target.high + tol : target.high;
    return reported <= limit ? "met" : "exceeded";
  }
  switch (target.comparator) {
    case "<=":
      return reported <= target.high ? "met" : "exceeded";
    case "~":
      if (reported < target.value - tol) return "below";
      if (reported > target.high + tol) return "exceeded";
      return "met";
    case ">=":
    case "=":
      return reported >= target.value ? "met" : "below";
  }
}

/** Units that count the same people or posts (新增就业岗位5000个 against 新增就业5487人). */
function unitsAgree(a: string, b: string, sharedIndicator: boolean): boolean {
  if (a === b) return true;
  const people = /^(人|个|名|人次)$/;
  return sharedIndicator && people.test(a) && people.test(b) && a !== "人次" && b !== "人次";
}

/** Where the target stands in the pledge's text, and what it counts. */
export interface LocatedTarget {
  target: NumericTarget;
  canonical: { value: number; high: number; unit: string };
  comparator: Comparator;
  growth: boolean;
  direction: "up" | "down" | null;
  ceiling: boolean;
  subject: FigureSubject | null;
  /** A target per county, village, household… (每个县建成1-2个): not comparable with a total. */
  perUnit: boolean;
  /** The target as written in the pledge ("20条", "3%左右"), and where, when found there. */
  text?: string;
  start?: number;
}

/** Finds `target` in the folded pledge text (same canonical value and unit) and reads its subject and sense. */
export function locateTarget(target: NumericTarget, pledgeText: string): LocatedTarget | null {
  if (target.unit == null || !Number.isFinite(target.value)) return null;
  const c = canonical(target);
  const growth = !!target.growth;
  const folded = foldForMatch(pledgeText);
  const qs = folded ? extractQuantities(folded) : [];
  const q =
    qs.find(
      (x) =>
        x.unit === c.unit &&
        x.growth === growth &&
        Math.abs(x.value - c.value) < 1e-9 * Math.max(1, Math.abs(c.value)),
    ) ??
    qs.find((x) => x.unit === c.unit && x.growth === growth) ??
    null;
  return describeTarget(target, pledgeText, folded, q, qs);
}

/** A figure `q` of the folded pledge text as a target (its own value, unit and comparator). */
export function locateQuantity(
  q: Quantity,
  pledgeText: string,
  folded: string,
  all: Quantity[],
  at = all.indexOf(q),
): LocatedTarget {
  return describeTarget(
    { value: q.value, high: q.high, unit: q.unit, comparator: q.comparator, growth: q.growth },
    pledgeText,
    folded,
    q,
    all,
    at,
  );
}

function describeTarget(
  target: NumericTarget,
  pledgeText: string,
  folded: string,
  q: Quantity | null,
  qs: Quantity[],
  at = q ? qs.indexOf(q) : -1,
): LocatedTarget {
  const c = canonical(target);
  const comparator = comparatorOf(target.comparator);
  const subject = q ? subjectOf(folded, q, qs, at) : null;
  const lead = q
    ? folded.slice(Math.max(0, q.start - 8), q.start) + folded.slice(q.end, q.end + 3)
    : "";
  const ceiling =
    comparator === "<=" ||
    CEILING_WORDS.test(lead) ||
    (!!subject && subject.indicators.some((id) => CEILING_INDICATORS.has(id)));
  let clauseStart = q ? q.start : 0;
  const floor = Math.max(0, clauseStart - SUBJECT_WINDOW);
  while (clauseStart > floor && !/[，,；;。]/.test(folded[clauseStart - 1])) clauseStart--;
  const perUnit = !!q && PER_UNIT.test(folded.slice(clauseStart, q.start));
  return {
    target,
    canonical: c,
    comparator,
    growth: !!target.growth,
    direction: q?.direction ?? null,
    ceiling,
    perUnit,
    subject,
    text: q ? pledgeText.slice(q.start, q.end) : undefined,
    start: q?.start,
  };
}

/** The subject of quantity `q` of folded text `text`, with the other quantities for 分别 lists. */
export function subjectOf(
  text: string,
  q: Quantity,
  all: Quantity[],
  at = all.indexOf(q),
): FigureSubject {
  // 全部财政收入完成2018.1亿元、增长10.6%: a rate right after a figure is that figure's rate
  const prev = at > 0 ? all[at - 1] : undefined;
  if (q.growth && prev && !prev.growth && GROWTH_AFTER_FIGURE.test(text.slice(prev.end, q.start))) {
    const own = figureSubject(text, q.start, q.end, q.unit);
    if (!own.phrase && !own.indicators.length)
      return { ...subjectOf(text, prev, all, at - 1), kind: null };
  }
  const earlierSameKind: number[] = [];
  for (let j = at - 1; j >= 0 && all[j].start >= q.start - SUBJECT_WINDOW; j--) {
    if (all[j].unit === q.unit && all[j].growth === q.growth) earlierSameKind.push(all[j].start);
  }
  return figureSubject(text, q.start, q.end, q.unit, { earlierSameKind });
}

/**
 * Compares `target` with the figure `evidenceText` reports for the same thing; null when the text
 * reports none. With `pledgeText`, a figure counts only when its subject agrees with the target's
 * (figure-subject.ts); without it, any figure in the same unit and kind does (callers that only
 * have a target). When several figures fit, the first whose subject is the same wins, else the one
 * after most of the pledge's words.
 */
export function compareNumbers(
  target: NumericTarget,
  evidenceText: string,
  pledgeText = "",
  options: CompareOptions = {},
): Comparison | null {
  const located = pledgeText ? locateTarget(target, pledgeText) : null;
  if (target.unit == null || !Number.isFinite(target.value)) return null;
  return compareLocated(located ?? bareTarget(target), evidenceText, pledgeText, options);
}

export interface CompareOptions {
  /**
   * The evidence stands in a passage about several years (五年来…, 十二五时期): its figures are read
   * as multi-year unless their clause says they are the year's (同比, 比上年, 全年, 当年).
   */
  multiYear?: boolean;
}

const ANNUAL = /(同比|比上年|较上年|全年|当年|今年|去年|上年|\d{4}年(?!以来))/;

function bareTarget(target: NumericTarget): LocatedTarget {
  const comparator = comparatorOf(target.comparator);
  return {
    target,
    canonical: canonical(target),
    comparator,
    growth: !!target.growth,
    direction: null,
    ceiling: comparator === "<=",
    perUnit: false,
    subject: null,
  };
}

/** compareNumbers for a target already located in its pledge (see locateTarget). */
export function compareLocated(
  t: LocatedTarget,
  evidenceText: string,
  pledgeText = "",
  options: CompareOptions = {},
): Comparison | null {
  // a bare count (20万农村扶贫对象) says nothing without the noun it counts; a per-county target nothing of a
  // total; a target whose pledge names nothing it counts (a fragment: "30个") cannot be told from any other figure
  if ((t.canonical.unit === "" && !t.subject) || t.perUnit) return null;
  if (t.subject && !t.subject.phrase && !t.subject.indicators.length) return null;
  const folded = foldForMatch(evidenceText);
  const all = extractQuantities(folded);
  const gated = !!t.subject;
  const candidates: { q: Quantity; rank: number }[] = [];
  for (let i = 0; i < all.length; i++) {
    const q = all[i];
    if (q.growth !== t.growth) continue;
    let sharedIndicator = false;
    let rank = 1;
    if (gated) {
      const s = subjectOf(folded, q, all, i);
      const match = sameSubject(t.subject!, s);
      if (match === "different") continue;
      sharedIndicator = t.subject!.indicators.some((id) => s.indicators.includes(id));
      // a figure whose subject could not be read says nothing of a target whose subject could
      if (match === "unknown" && (t.subject!.phrase || t.subject!.indicators.length)) continue;
      rank = match === "same" ? 0 : 1;
    }
    if (!unitsAgree(t.canonical.unit, q.unit, sharedIndicator)) continue;
    candidates.push({ q, rank });
  }
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
  // the year's own figure before a base-year or multi-year one (从2017年的3.06万亿元增长到2022年的4.2万亿元)
  const scored = candidates.map((c) => ({ ...c, affinity: affinity(c.q) }));
  scored.sort(
    (a, b) =>
      a.rank - b.rank ||
      Number(a.q.cumulative) - Number(b.q.cumulative) ||
      b.affinity - a.affinity ||
      a.q.start - b.q.start,
  );
  const best = scored[0].q;
  const match: "same" | "unknown" = gated && scored[0].rank === 0 ? "same" : "unknown";
  let value = best.value;
  // a fall reported against a rise (or the reverse) counts as negative progress
  if (t.growth && t.direction && best.direction && t.direction !== best.direction) value = -value;
  let clauseStart = best.start;
  const floor = Math.max(0, clauseStart - SUBJECT_WINDOW);
  while (clauseStart > floor && !/[，,；;。]/.test(folded[clauseStart - 1])) clauseStart--;
  const clause = folded.slice(clauseStart, best.end);
  const multiYear = best.cumulative || (!!options.multiYear && !ANNUAL.test(clause));
  const verdict: Verdict = multiYear
    ? "unclear"
    : judgeValue({ ...t.canonical, comparator: t.comparator }, value, t.ceiling);
  return {
    target: {
      value: t.canonical.value,
      unit: t.canonical.unit,
      comparator: t.comparator,
      growth: t.growth,
      ...(t.text ? { text: t.text } : {}),
      ...(t.ceiling ? { ceiling: true } : {}),
    },
    reported: {
      value: best.value,
      unit: best.unit,
      growth: best.growth,
      text: evidenceText.slice(best.start, best.end),
      start: best.start,
      end: best.end,
    },
    verdict,
    match,
  };
}
