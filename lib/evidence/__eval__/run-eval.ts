/**
 * Evidence-suggestion evaluation on the Hailar gold labels (`npm run eval`).
 *
 * Prints, per plan → review pair and overall, top-1 and top-3: the share of gold pledges that have
 * evidence whose evidence is ranked first / in the first three. A suggestion is correct when it
 * overlaps a gold quote by at least half of the shorter of the two spans.
 *   (a) ranking only: the gold pledge text is the query (with its plan subsection heading);
 *   (b) end to end: the parser's pledges (lib/report parseReport) are extracted from the plan, each gold
 *       pledge is mapped to the extracted pledge covering most of it (< 60% covered = a miss), and that
 *       extracted pledge is the query.
 * Also: how many no-evidence pledges get a top suggestion above CONFIDENCE_THRESHOLD (false alarms),
 * and how many evidence pledges do (whose top-1 is right or wrong).
 *
 * Flags: --verbose prints every miss; --pair 2013 restricts to the pair whose plan is that year.
 */
import { normalizeForSearch } from "../../report/script";
import { indexReview, type ReviewIndex } from "../index-review";
import { suggestEvidence, CONFIDENCE_THRESHOLD, type PledgeQuery, type Suggestion } from "../suggest-evidence";
import type { PlanPledge } from "../suggest-for-pledges";
import { findQuote, loadGold, loadHebeiGold, locatePlan, locateReview, readHailar, type GoldPair, type GoldPledge, type GoldVerdict, type Span } from "./read-gold";
import { readCorpusText, wildCorpusAvailable } from "../../report/__eval__/wild";
import { parseReport } from "../../report/parse-report";
import { findReviewRange } from "../suggest-for-pair";

const args = process.argv.slice(2);
const verbose = args.includes("--verbose");
const onlyPair = args.includes("--pair") ? args[args.indexOf("--pair") + 1] : null;

/** Reference ranking: plain BM25 over all character bigrams of the same units (no stop words, no bonuses). */
function rankBaseline(index: ReviewIndex, text: string): Suggestion[] {
  const grams = (s: string) => {
    const out: string[] = [];
    for (let i = 0; i + 1 < s.length; i++) if (/\p{Script=Han}{2}/u.test(s.slice(i, i + 2))) out.push(s.slice(i, i + 2));
    return out;
  };
  const docs = index.units.map((u) => grams(u.folded));
  const df = new Map<string, number>();
  for (const d of docs) for (const g of new Set(d)) df.set(g, (df.get(g) ?? 0) + 1);
  const avg = docs.reduce((a, d) => a + d.length, 0) / docs.length;
  const q = new Set(grams(normalizeForSearch(text)));
  const scored = docs.map((d, i) => {
    let s = 0;
    for (const g of q) {
      const tf = d.filter((x) => x === g).length;
      if (!tf) continue;
      const n = df.get(g)!;
      s += Math.log(1 + (docs.length - n + 0.5) / (n + 0.5)) * ((tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * d.length) / avg)));
    }
    return { i, s };
  });
  scored.sort((a, b) => b.s - a.s);
  return scored.slice(0, 3).map(({ i, s }) => {
    const u = index.units[i];
    return { unit: i, start: u.start, end: u.end, text: u.text, score: s, confidence: 1, terms: [], comparison: null };
  });
}

interface Tally {
  withEvidence: number;
  top1: number;
  top3: number;
  missedExtraction: number;
  noEvidence: number;
  falseAlarms: number;
  confidentRight: number;
  confidentWrong: number;
}

const empty = (): Tally => ({ withEvidence: 0, top1: 0, top3: 0, missedExtraction: 0, noEvidence: 0, falseAlarms: 0, confidentRight: 0, confidentWrong: 0 });

function overlaps(s: Span, g: Span): boolean {
  const o = Math.min(s.end, g.end) - Math.max(s.start, g.start);
  return o > 0 && o >= 0.5 * Math.min(s.end - s.start, g.end - g.start);
}

function add(t: Tally, u: Tally): void {
  for (const k of Object.keys(t) as (keyof Tally)[]) t[k] += u[k];
}

function pct(a: number, b: number): string {
  return b ? `${((100 * a) / b).toFixed(1)}%` : "n/a";
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

/** Top-1 confidences seen in ranking-only mode: [confidence, no-evidence?, top-1 right?]. */
const sweep: [number, boolean, boolean][] = [];

/** One end-to-end verdict record: the gold pledge, its data set and what the pipeline said. */
interface VerdictRecord {
  dataset: string;
  gold: GoldPledge;
  /** The verdict the pipeline suggests (before: read off the top-1 suggestion's number comparison). */
  status: GoldVerdict | null;
}
const verdicts: VerdictRecord[] = [];

/** Before suggested verdicts existed: the top-1 suggestion's comparison, met → fulfilled, below/exceeded → unfulfilled. */
function verdictOfComparison(suggestions: Suggestion[]): GoldVerdict | null {
  const c = suggestions[0]?.comparison;
  if (!c) return null;
  return c.verdict === "met" ? "fulfilled" : c.verdict === "unclear" ? "not_verifiable" : "unfulfilled";
}

function score(gold: GoldPledge, suggestions: Suggestion[], quotes: Span[], t: Tally, label: string): void {
  if (label === "rank") {
    sweep.push([suggestions[0]?.confidence ?? 0, !gold.evidence, !!gold.evidence && !!suggestions[0] && quotes.some((q) => overlaps(suggestions[0], q))]);
  }
  if (!gold.evidence) {
    t.noEvidence++;
    if (suggestions[0] && suggestions[0].confidence >= CONFIDENCE_THRESHOLD) {
      t.falseAlarms++;
      if (verbose) console.log(`  [${label}] false alarm ${gold.id} ${gold.pledge} → ${suggestions[0].text} (${suggestions[0].confidence.toFixed(2)})`);
    }
    return;
  }
  t.withEvidence++;
  const rank = suggestions.findIndex((s) => quotes.some((q) => overlaps(s, q)));
  if (rank === 0) t.top1++;
  if (rank >= 0 && rank < 3) t.top3++;
  if (suggestions[0] && suggestions[0].confidence >= CONFIDENCE_THRESHOLD) {
    if (rank === 0) t.confidentRight++;
    else t.confidentWrong++;
  }
  if (verbose && rank !== 0 && !label.endsWith("quiet")) {
    console.log(`  [${label}] ${rank < 0 ? "MISS" : "rank " + (rank + 1)} ${gold.id} ${gold.pledge}`);
    console.log(`      gold: ${gold.evidence.join(" | ")}`);
    suggestions.slice(0, 3).forEach((s, i) => console.log(`      ${i + 1}. ${s.score.toFixed(2)} ${s.text} [${s.terms.join(",")}]`));
  }
}

function coverage(p: PlanPledge, g: Span): number {
  const o = Math.min(p.end, g.end) - Math.max(p.start, g.start);
  return o > 0 ? o / (g.end - g.start) : 0;
}

/**
 * A data set's texts and the spans its gold lives in. Hailar: the simple heading locator of
 * read-gold.ts (independent of the parser). 河北 (wild corpus): the parser's review range, as the
 * product uses it, and the plan anywhere in the file (a body saved twice: the first copy).
 */
type Dataset = { name: string; read: (file: string) => string; planSpan: (text: string) => Span; reviewSpan: (text: string) => Span };
const HAILAR: Dataset = { name: "hailar", read: (f) => readHailar(f), planSpan: locatePlan, reviewSpan: locateReview };
const HEBEI: Dataset = {
  name: "hebei",
  read: (f) => readCorpusText(`wild/${f}`),
  planSpan: (text) => ({ start: 0, end: text.length }),
  reviewSpan: (text) => findReviewRange(parseReport(text)),
};

async function evalPair(pair: GoldPair, dataset: Dataset = HAILAR): Promise<{ ranking: Tally; baseline: Tally; endToEnd: Tally | null; extracted: number }> {
  const plan = dataset.read(pair.planFile);
  const review = dataset.read(pair.reviewFile);
  const planSpan = dataset.planSpan(plan);
  const reviewSpan = dataset.reviewSpan(review);
  const index: ReviewIndex = indexReview(review, reviewSpan, { background: [plan.slice(planSpan.start, planSpan.end)] });
  const ranking = empty();
  const baseline = empty();
  let endToEnd: Tally | null = empty();
  let extracted: PlanPledge[] = [];
  try {
    // imported lazily so that the ranking-only figures print even while the parser is unavailable
    const { extractPlanPledges } = await import("../suggest-for-pair");
    extracted = extractPlanPledges(plan);
  } catch (e) {
    if (verbose) console.log(`  end-to-end unavailable: ${(e as Error).message}`);
    endToEnd = null;
  }
  for (const g of pair.pledges) {
    const at = findQuote(plan, g.pledge, planSpan);
    if (!at) throw new Error(`gold pledge not in plan: ${g.id}`);
    const quotes = (g.evidence ?? []).map((q) => {
      const span = findQuote(review, q, reviewSpan);
      if (!span) throw new Error(`gold quote not in review: ${g.id} ${q}`);
      return span;
    });
    const query: PledgeQuery = { text: g.pledge, section: sectionAt(plan, planSpan, at.start) };
    score(g, suggestEvidence(index, query, { top: 3 }), quotes, ranking, "rank");
    if (g.evidence) score(g, rankBaseline(index, g.pledge), quotes, baseline, "base-quiet");
    if (endToEnd) {
      let best: PlanPledge | null = null;
      let bestCov = 0;
      for (const p of extracted) {
        const c = coverage(p, at);
        if (c > bestCov) {
          best = p;
          bestCov = c;
        }
      }
      if (!best || bestCov < 0.6) {
        if (g.evidence) {
          endToEnd.withEvidence++;
          endToEnd.missedExtraction++;
          if (verbose) console.log(`  [e2e] NOT EXTRACTED ${g.id} ${g.pledge}${best ? ` (best ${Math.round(bestCov * 100)}%: ${best.text})` : ""}`);
        } else endToEnd.noEvidence++;
        verdicts.push({ dataset: dataset.name, gold: g, status: null });
        continue;
      }
      const q: PledgeQuery = { text: best.text, section: best.section, target: best.target };
      const suggestions = suggestEvidence(index, q, { top: 3 });
      score(g, suggestions, quotes, endToEnd, "e2e");
      verdicts.push({ dataset: dataset.name, gold: g, status: verdictOfComparison(suggestions) });
    }
  }
  return { ranking, baseline, endToEnd, extracted: extracted.length };
}

function line(name: string, t: Tally, e2e: boolean): string {
  const base = `${name.padEnd(32)} n=${String(t.withEvidence).padStart(3)}  top-1 ${pct(t.top1, t.withEvidence).padStart(6)}  top-3 ${pct(t.top3, t.withEvidence).padStart(6)}`;
  const extra = e2e ? `  not extracted ${t.missedExtraction}` : "";
  const conf = `  | no-evidence ${t.noEvidence}: confident false ${t.falseAlarms}; evidence: confident right ${t.confidentRight}, confident wrong ${t.confidentWrong}`;
  return base + extra + conf;
}

async function main(): Promise<void> {
  const sets: [Dataset, GoldPair][] = [
    ...loadGold().map((p) => [HAILAR, p] as [Dataset, GoldPair]),
    ...(wildCorpusAvailable() ? loadHebeiGold().map((p) => [HEBEI, p] as [Dataset, GoldPair]) : []),
  ];
  const gold = sets.filter(([, p]) => !onlyPair || p.planFile.includes(onlyPair));
  const totalR = empty();
  const totalB = empty();
  const totalE = empty();
  let e2eAvailable = true;
  const rows: string[] = [];
  const byDataset = new Map<string, { r: Tally; e: Tally }>();
  for (const [dataset, pair] of gold) {
    const name = `${pair.planFile.replace(".txt", "")} → ${pair.reviewFile.replace(".txt", "").replace(/^(hailar|hebei)_/, "")}`;
    const r = await evalPair(pair, dataset);
    const d = byDataset.get(dataset.name) ?? { r: empty(), e: empty() };
    byDataset.set(dataset.name, d);
    add(d.r, r.ranking);
    if (r.endToEnd) add(d.e, r.endToEnd);
    add(totalR, r.ranking);
    add(totalB, r.baseline);
    rows.push(line(`(a) ${name}`, r.ranking, false));
    if (r.endToEnd) {
      add(totalE, r.endToEnd);
      rows.push(line(`(b) ${name} [${r.extracted} pledges]`, r.endToEnd, true));
    } else e2eAvailable = false;
  }
  console.log(rows.join("\n"));
  for (const [name, d] of byDataset) {
    console.log(line(`(a) ${name} ranking only`, d.r, false));
    console.log(line(`(b) ${name} end to end`, d.e, true));
  }
  console.log(line("(a) OVERALL ranking only", totalR, false));
  console.log(`    reference, plain BM25 over character bigrams of the same units: top-1 ${pct(totalB.top1, totalB.withEvidence)}, top-3 ${pct(totalB.top3, totalB.withEvidence)}`);
  if (e2eAvailable) console.log(line("(b) OVERALL end to end", totalE, true));
  else console.log("(b) end to end: unavailable (lib/report/parse-report.ts not importable yet)");
  printVerdicts();
  console.log(`confidence threshold ${CONFIDENCE_THRESHOLD}; sweep (ranking only):`);
  for (const th of [0.2, 0.25, 0.3, 0.35, 0.4, 0.5]) {
    const none = sweep.filter((x) => x[1]);
    const right = sweep.filter((x) => x[2]);
    console.log(
      `  ≥${th.toFixed(2)}: no-evidence pledges flagged ${none.filter((x) => x[0] >= th).length}/${none.length}, ` +
        `correct top-1 kept ${right.filter((x) => x[0] >= th).length}/${right.length}`,
    );
  }
}

const STATUSES: GoldVerdict[] = ["fulfilled", "partial", "unfulfilled", "not_verifiable"];

/**
 * Suggested verdicts against the hand verdicts (end to end): on numeric pledges (gold kind
 * quantitative) with evidence, agreement on fulfilled versus not (no verdict counts as a miss);
 * on every pledge, exact agreement and the confusion matrix.
 */
function printVerdicts(): void {
  const binary = (v: GoldVerdict | null) => (v === null ? null : v === "fulfilled");
  for (const name of [...new Set(verdicts.map((v) => v.dataset)), "all"]) {
    const rows = verdicts.filter((v) => name === "all" || v.dataset === name);
    const numeric = rows.filter((v) => v.gold.kind === "quantitative" && v.gold.evidence);
    const agree = numeric.filter((v) => binary(v.status) === binary(v.gold.verdict)).length;
    const none = numeric.filter((v) => v.status === null).length;
    const exact = rows.filter((v) => v.status === v.gold.verdict).length;
    console.log(
      `verdicts ${name.padEnd(7)} numeric with evidence n=${numeric.length}: fulfilled-or-not agreement ${pct(agree, numeric.length)} (no verdict ${none}); ` +
        `all pledges n=${rows.length}: exact ${pct(exact, rows.length)}`,
    );
    if (verbose) {
      for (const v of numeric.filter((v) => binary(v.status) !== binary(v.gold.verdict))) {
        console.log(`    ${v.gold.id} hand ${v.gold.verdict}, suggested ${v.status ?? "none"}: ${v.gold.pledge}`);
      }
    }
  }
  console.log("confusion matrix, all pledges end to end (rows: hand verdict; columns: suggested)");
  console.log(`  ${"".padEnd(15)}${[...STATUSES, "none"].map((s) => s.padStart(15)).join("")}`);
  for (const hand of STATUSES) {
    const cells = [...STATUSES, null].map((sug) => verdicts.filter((v) => v.gold.verdict === hand && v.status === sug).length);
    console.log(`  ${hand.padEnd(15)}${cells.map((c) => String(c).padStart(15)).join("")}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
