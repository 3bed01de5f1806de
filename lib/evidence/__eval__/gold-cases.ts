/**
 * The gold pledges as evaluation cases, for run-eval.ts and fit-confidence.ts: each with its review
 * index, the quotes as spans, the ranking-only query (the gold text with its plan subsection) and the
 * end-to-end query (the parser's pledge covering most of it, or null when none covers 60%).
 */
import { indexReview, type ReviewIndex } from "../index-review";
import type { PledgeQuery } from "../suggest-evidence";
import type { PlanPledge } from "../suggest-for-pledges";
import { extractPlanPledges, findReviewRange } from "../suggest-for-pair";
import { parseReport } from "../../report/parse-report";
import { readCorpusText, wildCorpusAvailable } from "../../report/__eval__/wild";
import {
  findQuote,
  loadGold,
  loadHebeiGold,
  locatePlan,
  locateReview,
  readHailar,
  type GoldPair,
  type GoldPledge,
  type Span,
} from "./read-gold";

/**
 * A data set's texts and the spans its gold lives in. Hailar: the simple heading locator of
 * read-gold.ts (independent of the parser). 河北 (wild corpus): the parser's review range, as the
 * product uses it, and the plan anywhere in the file (a body saved twice: the first copy).
 */
export type Dataset = {
  name: "hailar" | "hebei";
  read: (file: string) => string;
  planSpan: (text: string) => Span;
  reviewSpan: (text: string) => Span;
};

export const HAILAR: Dataset = {
  name: "hailar",
  read: (f) => readHailar(f),
  planSpan: locatePlan,
  reviewSpan: locateReview,
};
export const HEBEI: Dataset = {
  name: "hebei",
  read: (f) => readCorpusText(`wild/${f}`),
  planSpan: (text) => ({ start: 0, end: text.length }),
  reviewSpan: (text) => findReviewRange(parseReport(text)),
};

export interface GoldCase {
  dataset: Dataset["name"];
  gold: GoldPledge;
  index: ReviewIndex;
  quotes: Span[];
  ranking: PledgeQuery;
  /** The parser's pledge standing for the gold one, or null when it was not extracted. */
  endToEnd: PledgeQuery | null;
}

export interface GoldPairCases {
  dataset: Dataset["name"];
  pair: GoldPair;
  /** Pledges the parser extracted from the plan. */
  extracted: number;
  cases: GoldCase[];
}

/** Overlap of a suggestion with a gold quote: at least half of the shorter span. */
export function overlaps(s: Span, g: Span): boolean {
  const o = Math.min(s.end, g.end) - Math.max(s.start, g.start);
  return o > 0 && o >= 0.5 * Math.min(s.end - s.start, g.end - g.start);
}

/** Subsection heading (（一）… line) above `offset` in the plan. */
function sectionAt(plan: string, planSpan: Span, offset: number): string {
  const before = plan.slice(planSpan.start, offset);
  const re = /[（(][一二三四五六七八九十]+[)）][^\n。]*/g;
  let last = "";
  let m: RegExpExecArray | null;
  while ((m = re.exec(before))) last = m[0];
  return last;
}

function coverage(p: PlanPledge, g: Span): number {
  const o = Math.min(p.end, g.end) - Math.max(p.start, g.start);
  return o > 0 ? o / (g.end - g.start) : 0;
}

/** The cases of one gold pair. */
export function casesOfPair(pair: GoldPair, dataset: Dataset): GoldPairCases {
  const plan = dataset.read(pair.planFile);
  const review = dataset.read(pair.reviewFile);
  const planSpan = dataset.planSpan(plan);
  const reviewSpan = dataset.reviewSpan(review);
  const index = indexReview(review, reviewSpan, {
    background: [plan.slice(planSpan.start, planSpan.end)],
  });
  const extracted = extractPlanPledges(plan);
  const cases = pair.pledges.map((gold): GoldCase => {
    const at = findQuote(plan, gold.pledge, planSpan);
    if (!at) throw new Error(`gold pledge not in plan: ${gold.id}`);
    const quotes = (gold.evidence ?? []).map((q) => {
      const span = findQuote(review, q, reviewSpan);
      if (!span) throw new Error(`gold quote not in review: ${gold.id} ${q}`);
      return span;
    });
    let best: PlanPledge | null = null;
    let bestCov = 0;
    for (const p of extracted) {
      const c = coverage(p, at);
      if (c > bestCov) {
        best = p;
        bestCov = c;
      }
    }
    return {
      dataset: dataset.name,
      gold,
      index,
      quotes,
      ranking: { text: gold.pledge, section: sectionAt(plan, planSpan, at.start) },
      endToEnd:
        best && bestCov >= 0.6
          ? { text: best.text, section: best.section, target: best.target }
          : null,
    };
  });
  return { dataset: dataset.name, pair, extracted: extracted.length, cases };
}

/** Every gold pair with its cases: Hailar, then 河北 when the wild corpus is on this machine. */
export function loadGoldCases(onlyPair: string | null = null): GoldPairCases[] {
  const pairs: [Dataset, GoldPair][] = [
    ...loadGold().map((p) => [HAILAR, p] as [Dataset, GoldPair]),
    ...(wildCorpusAvailable() ? loadHebeiGold().map((p) => [HEBEI, p] as [Dataset, GoldPair]) : []),
  ];
  return pairs
    .filter(([, p]) => !onlyPair || p.planFile.includes(onlyPair))
    .map(([d, p]) => casesOfPair(p, d));
}
