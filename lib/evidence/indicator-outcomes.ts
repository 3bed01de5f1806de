/**
 * Targets against outcomes: the headline targets a plan sets (地区生产总值增长20%, 一般公共预算收入
 * 达到14.6亿元, 城镇登记失业率控制在4%以内…) and the figure the next year's review reports for each,
 * read with the same-indicator comparison of evidence suggestion: the review's units are ranked for
 * the pledge (suggest-evidence.ts), and a figure counts only when its subject names the same
 * headline indicator and it is the same kind of figure (a growth rate against a growth target, a
 * level against a level, in the same unit: compare-numbers.ts, figure-subject.ts). Cumulative or
 * multi-year figures give `unclear`.
 *
 * Pure: offsets of the quote are into the review's text.
 */
import {
  compareLocated,
  type Comparison,
  type LocatedTarget,
  type NumericTarget,
} from "./compare-numbers";
import { indexReview, unitContext, type ReviewIndex, type TextRange } from "./index-review";
import { pledgeTargets } from "./pledge-targets";
import { suggestEvidence } from "./suggest-evidence";

/** A pledge of the plan (its text and parsed target, as stored). */
export interface TargetPledge {
  id: string;
  text: string;
  target?: NumericTarget | NumericTarget[] | null;
  section?: string;
}

/** One headline target of a pledge, for one indicator. */
export interface HeadlineTarget {
  pledgeId: string;
  /** match-indicators.ts id (gdp, public-budget…). */
  indicator: string;
  growth: boolean;
  /** Canonical unit (%, 元, 人…). */
  unit: string;
  value: number;
  /** High end of a range target; null otherwise. */
  high: number | null;
  comparator: LocatedTarget["comparator"];
  /** An upper bound: CPI, unemployment, 以内… */
  ceiling: boolean;
  /** As written in the pledge (增长20%, 240亿元). */
  text: string;
}

export interface IndicatorOutcome extends HeadlineTarget {
  /** The figure the review reports for it, with the unit of evidence it stands in; null when none is comparable. */
  reported: {
    value: number;
    text: string;
    quote: { text: string; start: number; end: number };
  } | null;
  verdict: Comparison["verdict"] | null;
}

/** How many ranked review units are read for a pledge's figures. */
const DEPTH = 5;

/**
 * The headline targets of a pledge: each of its figures (pledge-targets.ts) whose subject names
 * headline indicators, one entry per indicator (城乡居民可支配收入增长18% → urban and rural income).
 * Per-county targets and targets whose text cannot be found are left out.
 */
export function headlineTargets(
  pledge: TargetPledge,
): { target: LocatedTarget; headline: HeadlineTarget }[] {
  const out: { target: LocatedTarget; headline: HeadlineTarget }[] = [];
  for (const t of pledgeTargets(pledge.text, pledge.target)) {
    if (t.perUnit || !t.subject || !t.subject.indicators.length || t.text === undefined) continue;
    for (const indicator of new Set(t.subject.indicators)) {
      out.push({
        target: t,
        headline: {
          pledgeId: pledge.id,
          indicator,
          growth: t.growth,
          unit: t.canonical.unit,
          value: t.canonical.value,
          high: t.canonical.high !== t.canonical.value ? t.canonical.high : null,
          comparator: t.comparator,
          ceiling: t.ceiling,
          text: t.text,
        },
      });
    }
  }
  return out;
}

function compareIn(
  index: ReviewIndex,
  t: LocatedTarget,
  unit: number,
  pledgeText: string,
): Comparison | null {
  const u = index.units[unit];
  const own = compareLocated(t, u.text, pledgeText, { multiYear: u.multiYear });
  if (own && own.match === "same") return own;
  const context = unitContext(index, u);
  if (context.text === u.text) return null;
  const wider = compareLocated(t, context.text, pledgeText, { multiYear: u.multiYear });
  return wider && wider.match === "same" ? wider : null;
}

/**
 * For every headline target of `pledges`, the figure `reviewText`'s review section (`reviewRange`)
 * reports for the same indicator, and whether the target was met; `background` (the plan's text)
 * only feeds term rarity. Pledges without headline targets are skipped without touching the review.
 */
export function indicatorOutcomes(
  pledges: readonly TargetPledge[],
  reviewText: string | null,
  reviewRange: TextRange | null,
  options: { background?: string[] } = {},
): IndicatorOutcome[] {
  const targets = pledges
    .map((p) => ({ pledge: p, heads: headlineTargets(p) }))
    .filter((x) => x.heads.length);
  if (!targets.length) return [];
  const index =
    reviewText !== null && reviewRange
      ? indexReview(reviewText, reviewRange, { background: options.background })
      : null;
  const out: IndicatorOutcome[] = [];
  for (const { pledge, heads } of targets) {
    const ranked = index
      ? suggestEvidence(
          index,
          { text: pledge.text, target: pledge.target, section: pledge.section },
          { top: DEPTH },
        )
      : [];
    for (const { target, headline } of heads) {
      let found: IndicatorOutcome["reported"] = null;
      let verdict: IndicatorOutcome["verdict"] = null;
      for (const s of ranked) {
        const c = compareIn(index!, target, s.unit, pledge.text);
        if (!c) continue;
        found = {
          value: c.reported.value,
          text: c.reported.text,
          quote: { text: s.text, start: s.start, end: s.end },
        };
        verdict = c.verdict;
        break;
      }
      out.push({ ...headline, reported: found, verdict });
    }
  }
  return out;
}
