/**
 * Ranks the evidence units of a review index for one pledge.
 *
 * Score = BM25 over character bigrams + BM25 over words (weighted WORD_WEIGHT) + BM25 over
 * numbers-with-units, with IDF from the review units (and the plan as background) and stop words
 * removed, plus bonuses for: the same headline indicator (地区生产总值, 一般公共预算收入…); a figure
 * in the same unit as the pledge's (rarer units count more); the longest common run of characters
 * (names: 红星美凯龙主力店); and, weakly, a subsection heading similar to the pledge's.
 */
import {
  compareLocated,
  type Comparison,
  type LocatedTarget,
  type NumericTarget,
} from "./compare-numbers";
import { pledgeTargets } from "./pledge-targets";
import { rateSuggestions, type SuggestionLevel } from "./rate-suggestions";
import { normalizeForSearch as foldForMatch } from "../report/script";
import { unitContext, type EvidenceUnit, type ReviewIndex } from "./index-review";
import { findIndicators } from "./match-indicators";
import { isStopBigram } from "./stop-words";
import { longestCommonHanRun } from "./common-run";
import { tokenizeBigrams, tokenizeForMatch } from "./tokenize-text";

export interface PledgeQuery {
  text: string;
  /** Plan subsection heading (e.g. （二）积极调整经济结构…) and/or topic sentence, used as a weak prior. */
  section?: string;
  /** Parsed numeric target(s), checked first; when absent, the figures of the pledge's text (pledge-targets.ts); null: none. */
  target?: NumericTarget | NumericTarget[] | null;
}

export interface Suggestion {
  unit: number;
  /** Span in the review source; `text === source.slice(start, end)`. */
  start: number;
  end: number;
  text: string;
  score: number;
  /** Share of the pledge's term weight (IDF) the unit matches, 0…1 (a ranking signal; see `level` for trust). */
  confidence: number;
  /** Estimated chance that the suggestion reports on the pledge (rate-suggestions.ts, measured on the gold). */
  probability: number;
  /** strong / fair / weak, by `probability`; a pledge whose best suggestion is weak reads as silent. */
  level: SuggestionLevel;
  /** Matched terms as written in the source (original script), for highlighting. */
  terms: string[];
  comparison: Comparison | null;
  /** What the score is made of, for rating the suggestion (rate-suggestions.ts). */
  signals: SuggestionSignals;
}

export interface SuggestionSignals {
  /** Longest run of informative characters shared with the pledge (a name: 红星美凯龙主力店). */
  run: number;
  /** The unit names one of the pledge's headline indicators. */
  indicator: boolean;
  /** The pledge names a headline indicator. */
  pledgeIndicator: boolean;
  /** The unit reports a figure in the pledge's unit of measure. */
  unitMatch: boolean;
  /** The unit reports on several years (五年, 年均, 十二五…). */
  multiYear: boolean;
  /** Term weight (IDF) of the pledge the unit matches, absolute. */
  matched: number;
  /** Share of the pledge's term weight that occurs nowhere in the review (names it never mentions). */
  absent: number;
  /**
   * Whether the unit (or its sentence) reports the pledge's figure: `same` (a comparable figure of the
   * same indicator or object), `multi-year` (only a multi-year one), `other` (none, though the pledge
   * has a target), `none` (the pledge has no target).
   */
  figure: "same" | "multi-year" | "other" | "none";
}

export const K1 = 1.2;
export const B = 0.75;
export const WORD_WEIGHT = 0.5;
export const QUANTITY_TERM_WEIGHT = 1.5;
/** An abbreviation and its long form (化债 / 化解政府债务) count like a couple of bigrams. */
export const ABBREVIATION_WEIGHT = 2;
export const INDICATOR_BONUS = 6;
export const UNIT_BONUS = 1.2;
export const LCS_BONUS = 0.8;
export const SECTION_BONUS = 2;
export const CONTEXT_WEIGHT = 0.15;
/** Penalty for a unit about several years (五年, 十二五, 年均…): an annual plan is reviewed year by year. */
export const MULTI_YEAR_PENALTY = 3;

function idf(index: ReviewIndex, key: string): number {
  const df = index.df.get(key) ?? 0;
  return Math.log(1 + (index.docCount - df + 0.5) / (df + 0.5));
}

function informativeLength(run: string): number {
  // characters of the run covered by at least one non-stop bigram
  if (run.length < 2) return 0;
  const covered = new Uint8Array(run.length);
  for (let i = 0; i + 1 < run.length; i++)
    if (!isStopBigram(run.slice(i, i + 2))) covered[i] = covered[i + 1] = 1;
  return covered.reduce((s, x) => s + x, 0);
}

function headingSimilarity(ga: ReadonlySet<string>, gb: ReadonlySet<string>): number {
  if (ga.size === 0 || gb.size === 0) return 0;
  let shared = 0;
  for (const g of ga) if (gb.has(g)) shared++;
  return shared / Math.min(ga.size, gb.size);
}

function matchedTerms(unit: EvidenceUnit, queryKeys: Set<string>): string[] {
  const spans: [number, number][] = [];
  for (const t of unit.terms) if (queryKeys.has(t.key)) spans.push([t.start, t.end]);
  spans.sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  return [...new Set(merged.map(([a, b]) => unit.text.slice(a, b)))];
}

/** Ranks the units of `index` for `pledge`, best first; returns at most `top` suggestions with score > 0. */
export function suggestEvidence(
  index: ReviewIndex,
  pledge: PledgeQuery,
  options: { top?: number } = {},
): Suggestion[] {
  const top = options.top ?? 3;
  const folded = foldForMatch(pledge.text);
  const { terms, quantities } = tokenizeForMatch(folded);
  const keys = new Set(terms.map((t) => t.key));
  const n = index.units.length;
  const scores = new Float64Array(n);
  const matchedWeight = new Float64Array(n);
  let queryWeight = 0;
  let absentWeight = 0;
  const maxIdf = Math.log(1 + (index.docCount + 0.5) / 0.5);
  for (const key of keys) {
    const kind = key[0];
    const weight =
      kind === "b"
        ? 1
        : kind === "w"
          ? WORD_WEIGHT
          : kind === "a"
            ? ABBREVIATION_WEIGHT
            : QUANTITY_TERM_WEIGHT;
    const list = index.postings.get(key);
    const w = list ? idf(index, key) : maxIdf;
    if (kind !== "q") queryWeight += w * weight;
    if (!list) {
      if (kind !== "q") absentWeight += w * weight;
      continue;
    }
    for (const { unit, tf } of list) {
      const u = index.units[unit];
      const len = kind === "b" ? u.lenB / index.avgLenB : kind === "w" ? u.lenW / index.avgLenW : 1;
      scores[unit] += weight * w * ((tf * (K1 + 1)) / (tf + K1 * (1 - B + B * len)));
      if (kind !== "q") matchedWeight[unit] += w * weight;
    }
  }
  // context: a clause inherits a little of its sentence's lexical match
  const hit: number[] = [];
  for (let i = 0; i < n; i++) if (scores[i] > 0) hit.push(i);
  const bySentence = new Map<number, number>();
  for (const i of hit) {
    const key = index.units[i].sentence.start;
    bySentence.set(key, (bySentence.get(key) ?? 0) + scores[i]);
  }
  for (const i of hit) {
    const u = index.units[i];
    scores[i] += CONTEXT_WEIGHT * ((bySentence.get(u.sentence.start) ?? 0) - scores[i]);
  }
  // (clauses of a matching sentence that match nothing themselves inherit too)
  for (const u of index.units) {
    if (scores[u.id] === 0 && bySentence.has(u.sentence.start))
      scores[u.id] = CONTEXT_WEIGHT * bySentence.get(u.sentence.start)!;
  }

  // indicators
  const pledgeIndicators = new Set(findIndicators(folded).map((m) => m.id));
  const indicatorHit = new Uint8Array(n);
  if (pledgeIndicators.size) {
    for (const u of index.units) {
      if (u.indicators.some((m) => pledgeIndicators.has(m.id))) {
        scores[u.id] += INDICATOR_BONUS;
        indicatorHit[u.id] = 1;
      }
    }
  }
  // same unit of measure (only where something else already matches)
  const pledgeUnits = new Map<string, boolean>();
  for (const q of quantities) pledgeUnits.set(q.unit + (q.growth ? "/g" : ""), true);
  const unitHit = new Uint8Array(n);
  if (pledgeUnits.size) {
    for (const u of index.units) {
      if (scores[u.id] <= 0) continue;
      let best = 0;
      for (const q of u.quantities) {
        if (!pledgeUnits.has(q.unit + (q.growth ? "/g" : ""))) continue;
        unitHit[u.id] = 1;
        const df = index.quantityUnitDf.get(q.unit) ?? 1;
        best = Math.max(best, Math.log(1 + n / df));
      }
      scores[u.id] += UNIT_BONUS * best;
    }
  }
  for (const u of index.units)
    if (scores[u.id] > 0 && u.multiYear) scores[u.id] -= MULTI_YEAR_PENALTY;
  // longest common run and section prior on the leading candidates
  const order = Array.from({ length: n }, (_, i) => i).filter((i) => scores[i] > 0);
  order.sort((a, b) => scores[b] - scores[a]);
  const leading = order.slice(0, 40);
  const sectionGrams = new Set(
    pledge.section ? tokenizeBigrams(foldForMatch(pledge.section)).map((t) => t.key) : [],
  );
  const runs = new Map<number, number>();
  for (const i of leading) {
    const u = index.units[i];
    const run = longestCommonHanRun(folded, u.folded);
    const info = informativeLength(run.text);
    runs.set(i, info);
    if (info >= 3) scores[i] += LCS_BONUS * (info - 2);
    scores[i] += SECTION_BONUS * headingSimilarity(sectionGrams, u.headingGrams);
  }
  leading.sort((a, b) => scores[b] - scores[a] || a - b);
  const targets = pledgeTargets(pledge.text, pledge.target);
  const picked = leading.slice(0, top);
  const suggestions: Suggestion[] = picked.map((i) => {
    const u = index.units[i];
    const comparison = compareWithUnit(targets, u, unitContext(index, u).text, pledge.text);
    return {
      unit: i,
      start: u.start,
      end: u.end,
      text: u.text,
      score: Math.round(scores[i] * 1000) / 1000,
      confidence: queryWeight > 0 ? Math.min(1, matchedWeight[i] / queryWeight) : 0,
      terms: matchedTerms(u, keys),
      comparison,
      signals: {
        run: runs.get(i) ?? 0,
        indicator: !!indicatorHit[i],
        pledgeIndicator: pledgeIndicators.size > 0,
        unitMatch: !!unitHit[i],
        multiYear: u.multiYear,
        matched: matchedWeight[i],
        absent: queryWeight > 0 ? absentWeight / queryWeight : 0,
        figure: !targets.length
          ? "none"
          : !comparison
            ? "other"
            : comparison.verdict === "unclear"
              ? "multi-year"
              : "same",
      },
      probability: 0,
      level: "weak",
    };
  });
  rateSuggestions(suggestions);
  return suggestions;
}

/**
 * The comparison of the pledge's targets with what a unit reports: in the unit itself, else in its
 * sentence (城镇居民…14785元，…分别增长10%: the growth stands in a sibling clause). A comparison
 * that reads the year's figure wins over one that only finds a multi-year figure.
 */
function compareWithUnit(
  targets: LocatedTarget[],
  u: EvidenceUnit,
  sentence: string,
  pledgeText: string,
): Comparison | null {
  let best: Comparison | null = null;
  for (const t of targets) {
    let c = compareLocated(t, u.text, pledgeText, { multiYear: u.multiYear });
    if (!c && sentence !== u.text) {
      const inSentence = compareLocated(t, sentence, pledgeText, { multiYear: u.multiYear });
      if (inSentence)
        c = { ...inSentence, reported: { ...inSentence.reported, context: "sentence" } };
    }
    if (c && (!best || (best.verdict === "unclear" && c.verdict !== "unclear"))) best = c;
  }
  return best;
}
