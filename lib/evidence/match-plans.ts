/**
 * Lineage: for each pledge of a plan, the pledge of an earlier plan of the same region that it
 * repeats or continues — the same project, facility, headline indicator, counted programme or
 * reform — or none. Plan against plan, with the matching engine of evidence suggestion: BM25 over
 * character bigrams, words, numbers with units and abbreviations (tokenize-text.ts, stop words
 * dropped), IDF over both plans' pledges; plus the same headline indicator (match-indicators.ts;
 * naming different ones counts against), the same figure subject (figure-subject.ts: 蔬菜大棚 in
 * 新建蔬菜大棚2000亩 and 新增蔬菜大棚2500座), and the longest run of informative characters both
 * share (a name: 红星美凯龙主力店, 中俄蒙国际物流园区).
 *
 * Whether the best candidate is the predecessor, or the pledge is new, is a logistic model over
 * that candidate's signals, fitted on lineage-gold.md (predecessorProbability); `npm run eval`
 * measures both.
 *
 * Pure: no parser here (see lineage-for-files.ts for files). Offsets are into each plan's text.
 */
import { normalizeForSearch as foldForMatch } from "../report/script";
import { longestCommonHanRun } from "./common-run";
import type { NumericTarget } from "./compare-numbers";
import { sameSubject, type FigureSubject } from "./figure-subject";
import { findIndicators } from "./match-indicators";
import { pledgeTargets } from "./pledge-targets";
import { probabilityOf } from "./rate-suggestions";
import { isStopBigram } from "./stop-words";
import { ABBREVIATION_WEIGHT, B, K1, QUANTITY_TERM_WEIGHT, WORD_WEIGHT } from "./suggest-evidence";
import { tokenizeBigrams, tokenizeForMatch, type Term } from "./tokenize-text";

/** A pledge of a plan: its exact span in that plan's text, with optional context and target. */
export interface LineagePledge {
  id: string;
  text: string;
  start: number;
  end: number;
  /** Subsection heading and/or topic (a weak prior). */
  section?: string;
  /** Parsed target(s); undefined reads the figures from the text, null: none. */
  target?: NumericTarget | NumericTarget[] | null;
}

/** An earlier plan of the region, its pledges in any order. */
export interface EarlierPlan {
  /** Identifies the plan to the caller (a report id, a file name). */
  id: string;
  year: number | null;
  pledges: LineagePledge[];
}

/** What a candidate's score is made of, for deciding whether it is the predecessor. */
export interface LineageSignals {
  /** Share of the later pledge's term weight (IDF) the candidate matches, 0…1. */
  coverage: number;
  /** Share of the candidate's own term weight the later pledge matches, 0…1. */
  backCoverage: number;
  /** Informative characters of the longest run both share. */
  run: number;
  /** Both name the same headline indicator / both name indicators, none the same. */
  indicator: "same" | "different" | "none";
  /** A figure of each counts the same thing (same subject, not only the same indicator). */
  subject: boolean;
  /** Both set figures whose subjects can be read, and every pair counts different things. */
  subjectDifferent: boolean;
  /** The rarest matched word or bigram: its IDF over the highest possible, 0…1 (a name both share). */
  rarest: number;
  /** How many plans back the candidate stands (0: the plan just before). */
  age: number;
}

export interface LineageCandidate {
  planId: string;
  year: number | null;
  pledgeId: string;
  /** Span in the earlier plan's text; `text === source.slice(start, end)`. */
  start: number;
  end: number;
  text: string;
  score: number;
  /** Matched terms as written in the candidate (original script), for highlighting. */
  terms: string[];
  signals: LineageSignals;
}

export interface PledgeLineage {
  pledge: LineagePledge;
  /** Best first; at most `top`. */
  candidates: LineageCandidate[];
  /** The candidate taken as the predecessor, or null: the pledge is new. */
  predecessor: LineageCandidate | null;
  /** The chance that the best candidate is the predecessor (predecessorProbability), 0…1. */
  probability: number;
}

export const INDICATOR_BONUS = 6;
export const INDICATOR_PENALTY = 6;
export const SUBJECT_BONUS = 3;
export const LCS_BONUS = 0.8;
export const SECTION_BONUS = 1;
/** Each plan further back costs this much, so that the nearest plan's match wins a tie. */
export const AGE_PENALTY = 1.5;
/** Candidates that get the costlier signals (common run, figure subjects), by their first score. */
const LEADING = 30;

interface Doc {
  plan: number;
  pledge: LineagePledge;
  folded: string;
  terms: Term[];
  tf: Map<string, number>;
  lenB: number;
  lenW: number;
  indicators: Set<string>;
  subjects: FigureSubject[];
  headingGrams: Set<string>;
  weight: number;
}

const termWeight = (key: string) =>
  key[0] === "b"
    ? 1
    : key[0] === "w"
      ? WORD_WEIGHT
      : key[0] === "a"
        ? ABBREVIATION_WEIGHT
        : QUANTITY_TERM_WEIGHT;

function informativeLength(run: string): number {
  if (run.length < 2) return 0;
  const covered = new Uint8Array(run.length);
  for (let i = 0; i + 1 < run.length; i++)
    if (!isStopBigram(run.slice(i, i + 2))) covered[i] = covered[i + 1] = 1;
  return covered.reduce((s, x) => s + x, 0);
}

function subjectsOf(p: LineagePledge): FigureSubject[] {
  return pledgeTargets(p.text, p.target).flatMap((t) =>
    t.subject && (t.subject.phrase || t.subject.indicators.length) ? [t.subject] : [],
  );
}

function describe(p: LineagePledge, plan: number): Omit<Doc, "weight"> {
  const folded = foldForMatch(p.text);
  const { terms } = tokenizeForMatch(folded);
  const tf = new Map<string, number>();
  let lenB = 0;
  let lenW = 0;
  for (const t of terms) {
    tf.set(t.key, (tf.get(t.key) ?? 0) + 1);
    if (t.key[0] === "b") lenB++;
    else if (t.key[0] === "w") lenW++;
  }
  return {
    plan,
    pledge: p,
    folded,
    terms,
    tf,
    lenB,
    lenW,
    indicators: new Set(findIndicators(folded).map((m) => m.id)),
    subjects: subjectsOf(p),
    headingGrams: new Set(
      p.section ? tokenizeBigrams(foldForMatch(p.section)).map((t) => t.key) : [],
    ),
  };
}

function shareOf(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (!a.size || !b.size) return 0;
  let n = 0;
  for (const g of a) if (b.has(g)) n++;
  return n / Math.min(a.size, b.size);
}

/** Merged spans of `terms` whose key is in `keys`, as written in `text`. */
function termsAsWritten(text: string, terms: Term[], keys: ReadonlySet<string>): string[] {
  const spans = terms
    .filter((t) => keys.has(t.key))
    .map((t) => [t.start, t.end] as [number, number]);
  spans.sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  return [...new Set(merged.map(([a, b]) => text.slice(a, b)))];
}

/** The signals the acceptance model reads, in the order of LINEAGE_WEIGHTS (bias first). */
export const LINEAGE_FEATURE_NAMES = [
  "bias",
  "coverage",
  "backCoverage",
  "nameRun",
  "indicatorSame",
  "indicatorDifferent",
  "subject",
  "subjectDifferent",
  "rarest",
  "logScore",
  "margin",
] as const;

/**
 * Fitted by lib/evidence/__eval__/fit-lineage.ts on lineage-gold.md (L2 1.0): the chance that a
 * pledge's best candidate is its predecessor. Refit after changing the ranking or the signals.
 */
export const LINEAGE_WEIGHTS: readonly number[] = [
  -7.925, 2.165, -0.236, 0.071, 0.991, 0, 0.693, -0.798, 0.346, 2.343, 1.03,
];

/** At or above: the best candidate is taken as the predecessor; below: the pledge is new. */
export const PREDECESSOR_PROBABILITY = 0.5;

/** The feature vector of the best candidate of a ranked list (best first). */
export function lineageFeatures(
  candidates: readonly Pick<LineageCandidate, "score" | "signals">[],
): number[] {
  const best = candidates[0];
  const s = best.signals;
  const next = candidates[1]?.score ?? 0;
  return [
    1,
    s.coverage,
    s.backCoverage,
    Math.min(s.run, 8) / 8,
    s.indicator === "same" ? 1 : 0,
    s.indicator === "different" ? 1 : 0,
    s.subject ? 1 : 0,
    s.subjectDifferent ? 1 : 0,
    s.rarest,
    Math.log1p(Math.max(0, best.score)),
    best.score > 0 ? (best.score - next) / best.score : 0,
  ];
}

/**
 * The chance that the best of `candidates` (ranked, best first) is the pledge's predecessor
 * (a logistic model over lineageFeatures, LINEAGE_WEIGHTS); 0 without candidates.
 */
export function predecessorProbability(
  candidates: readonly Pick<LineageCandidate, "score" | "signals">[],
  weights: readonly number[] = LINEAGE_WEIGHTS,
): number {
  return candidates.length ? probabilityOf(lineageFeatures(candidates), weights) : 0;
}

/**
 * For each pledge of `later`, the pledges of the `earlier` plans (nearest first) that it may
 * repeat, best first (at most `top`, default 3), and the predecessor: the best candidate when its
 * probability reaches PREDECESSOR_PROBABILITY, else null (a new pledge). Candidates from plans further back pay
 * AGE_PENALTY per plan, so the plan just before wins when both carry the pledge.
 */
export function matchPlans(
  later: readonly LineagePledge[],
  earlier: readonly EarlierPlan[],
  options: { top?: number } = {},
): PledgeLineage[] {
  const top = options.top ?? 3;
  const raw = earlier.flatMap((plan, i) => plan.pledges.map((p) => describe(p, i)));
  const queries = later.map((p) => describe(p, -1));
  // document frequencies over both sides: a word every plan repeats (建设, 改革) weighs little
  const df = new Map<string, number>();
  for (const d of [...raw, ...queries])
    for (const key of d.tf.keys()) df.set(key, (df.get(key) ?? 0) + 1);
  const n = raw.length + queries.length;
  const idf = (key: string) => {
    const f = df.get(key) ?? 0;
    return Math.log(1 + (n - f + 0.5) / (f + 0.5));
  };
  const maxIdf = Math.log(1 + (n - 1 + 0.5) / 1.5);
  const docs: Doc[] = raw.map((d) => ({
    ...d,
    weight: [...d.tf.keys()].reduce((s, k) => (k[0] === "q" ? s : s + idf(k) * termWeight(k)), 0),
  }));
  const postings = new Map<string, { doc: number; tf: number }[]>();
  docs.forEach((d, i) => {
    for (const [key, tf] of d.tf) {
      let list = postings.get(key);
      if (!list) postings.set(key, (list = []));
      list.push({ doc: i, tf });
    }
  });
  const avgB = docs.reduce((s, d) => s + d.lenB, 0) / Math.max(1, docs.length) || 1;
  const avgW = docs.reduce((s, d) => s + d.lenW, 0) / Math.max(1, docs.length) || 1;

  return queries.map((q) => {
    const scores = new Map<number, number>();
    const matched = new Map<number, number>();
    const matchedKeys = new Map<number, Set<string>>();
    const docOf = new Map<LineageCandidate, number>();
    let queryWeight = 0;
    for (const key of q.tf.keys()) {
      const w = idf(key) * termWeight(key);
      if (key[0] !== "q") queryWeight += w;
      for (const { doc, tf } of postings.get(key) ?? []) {
        const d = docs[doc];
        const len = key[0] === "b" ? d.lenB / avgB : key[0] === "w" ? d.lenW / avgW : 1;
        scores.set(
          doc,
          (scores.get(doc) ?? 0) + w * ((tf * (K1 + 1)) / (tf + K1 * (1 - B + B * len))),
        );
        if (key[0] !== "q") matched.set(doc, (matched.get(doc) ?? 0) + w);
        let keys = matchedKeys.get(doc);
        if (!keys) matchedKeys.set(doc, (keys = new Set()));
        keys.add(key);
      }
    }
    // a headline indicator is the pledge's identity: GDP growth in one plan is GDP growth in the next
    if (q.indicators.size)
      docs.forEach(
        (d, i) =>
          [...q.indicators].some((id) => d.indicators.has(id)) &&
          !scores.has(i) &&
          scores.set(i, 0),
      );
    // cheap signals first; the longest common run and the figure subjects only for the leading candidates
    const first: { i: number; score: number; indicator: LineageSignals["indicator"] }[] = [];
    for (const [i, base] of scores) {
      const d = docs[i];
      const indicator: LineageSignals["indicator"] =
        q.indicators.size && d.indicators.size
          ? [...q.indicators].some((id) => d.indicators.has(id))
            ? "same"
            : "different"
          : "none";
      const score =
        base +
        (indicator === "same"
          ? INDICATOR_BONUS
          : indicator === "different"
            ? -INDICATOR_PENALTY
            : 0) -
        AGE_PENALTY * d.plan;
      first.push({ i, score, indicator });
    }
    first.sort((a, b) => b.score - a.score || a.i - b.i);
    const ranked: LineageCandidate[] = [];
    for (const { i, score: cheap, indicator } of first.slice(0, LEADING)) {
      const d = docs[i];
      const run = informativeLength(longestCommonHanRun(q.folded, d.folded).text);
      const pairs = q.subjects.flatMap((a) =>
        d.subjects.map((b) => ({ a, b, match: sameSubject(a, b) })),
      );
      const subject = pairs.some(
        ({ a, b, match }) => !a.indicators.length && !b.indicators.length && match === "same",
      );
      const subjectDifferent =
        pairs.length > 0 && pairs.every(({ match }) => match === "different");
      let rarest = 0;
      for (const key of matchedKeys.get(i) ?? [])
        if (key[0] === "b" || key[0] === "w") rarest = Math.max(rarest, idf(key) / maxIdf);
      let score = cheap;
      if (subject) score += SUBJECT_BONUS;
      if (run >= 3) score += LCS_BONUS * (run - 2);
      score += SECTION_BONUS * shareOf(q.headingGrams, d.headingGrams);
      if (score <= 0) continue;
      const plan = earlier[d.plan];
      ranked.push({
        planId: plan.id,
        year: plan.year,
        pledgeId: d.pledge.id,
        start: d.pledge.start,
        end: d.pledge.end,
        text: d.pledge.text,
        score: Math.round(score * 1000) / 1000,
        terms: [],
        signals: {
          coverage: queryWeight > 0 ? Math.min(1, (matched.get(i) ?? 0) / queryWeight) : 0,
          backCoverage: d.weight > 0 ? Math.min(1, (matched.get(i) ?? 0) / d.weight) : 0,
          run,
          indicator,
          subject,
          subjectDifferent,
          rarest,
          age: d.plan,
        },
      });
      docOf.set(ranked[ranked.length - 1], i);
    }
    ranked.sort((a, b) => b.score - a.score || a.start - b.start);
    const candidates = ranked.slice(0, top);
    for (const c of candidates) {
      const i = docOf.get(c)!;
      c.terms = termsAsWritten(docs[i].pledge.text, docs[i].terms, matchedKeys.get(i) ?? new Set());
    }
    const probability = Math.round(predecessorProbability(candidates) * 1000) / 1000;
    return {
      pledge: q.pledge,
      candidates,
      predecessor: probability >= PREDECESSOR_PROBABILITY ? candidates[0] : null,
      probability,
    };
  });
}
