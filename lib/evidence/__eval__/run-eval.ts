/**
 * Evidence and verdict evaluation on the hand-labelled gold (`npm run eval`): Hailar
 * (hailar-gold.md, familiar layouts) and 河北 (hebei-gold.md, layouts the suggester was not written
 * against).
 *
 * Evidence, per plan → review pair and per data set: top-1 and top-3, the share of gold pledges that
 * have evidence whose evidence is ranked first / in the first three. A suggestion is correct when it
 * overlaps a gold quote by at least half of the shorter of the two spans.
 *   (a) ranking only: the gold pledge text is the query (with its plan subsection heading);
 *   (b) end to end: the parser's pledges (lib/report parseReport) are extracted from the plan, each gold
 *       pledge is mapped to the extracted pledge covering most of it (< 60% covered = a miss), and that
 *       extracted pledge is the query.
 * Silence (end to end): of the pledges the review does not report on, how many the page calls
 * silent (no suggestion better than weak, or only a multi-year figure); of those it does report on,
 * how many show the right evidence first and are not called silent.
 * Levels (end to end): how often a suggestion at each level (strong / fair / weak) is right.
 * Verdicts (end to end): the suggested verdict against the hand verdict — on numeric pledges (gold
 * kind quantitative) with evidence, agreement on fulfilled versus not; on all pledges, exact
 * agreement, a confusion matrix, and the agreement at each confidence level.
 *
 * Flags: --verbose prints every miss; --pair 2013 restricts to the pair whose plan is that year.
 */
import { normalizeForSearch } from "../../report/script";
import { indexReview, type ReviewIndex } from "../index-review";
import type { PledgeQuery, Suggestion } from "../suggest-evidence";
import { suggestForPledge, type PlanPledge } from "../suggest-for-pledges";
import type { SuggestedVerdict } from "../suggest-verdict";
import { findQuote, loadGold, loadHebeiGold, locatePlan, locateReview, readHailar, type GoldPair, type GoldPledge, type GoldVerdict, type Span } from "./read-gold";
import { readCorpusText, wildCorpusAvailable } from "../../report/__eval__/wild";
import { parseReport } from "../../report/parse-report";
import { findReviewRange } from "../suggest-for-pair";

const args = process.argv.slice(2);
const verbose = args.includes("--verbose");
const onlyPair = args.includes("--pair") ? args[args.indexOf("--pair") + 1] : null;

/** Reference ranking: plain BM25 over all character bigrams of the same units (no stop words, no bonuses). */
function rankBaseline(index: ReviewIndex, text: string): Span[] {
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
  return scored.slice(0, 3).map(({ i }) => ({ start: index.units[i].start, end: index.units[i].end }));
}

interface Tally {
  withEvidence: number;
  top1: number;
  top3: number;
  missedExtraction: number;
  noEvidence: number;
  /** Pledges without evidence that the page calls silent. */
  silenceFound: number;
  /** Pledges with evidence whose right evidence is shown first and not called silent. */
  rightShown: number;
}

const empty = (): Tally => ({ withEvidence: 0, top1: 0, top3: 0, missedExtraction: 0, noEvidence: 0, silenceFound: 0, rightShown: 0 });

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

/** The page calls a pledge silent: no suggestion better than weak, or the review gives only a multi-year figure for it. */
function calledSilent(r: { silent: boolean; suggestedVerdict: SuggestedVerdict }): boolean {
  return r.silent || r.suggestedVerdict.grounds.kind === "multi-year";
}

/** One end-to-end record: the gold pledge, its data set and what the pipeline said. */
interface Record {
  dataset: string;
  gold: GoldPledge;
  verdict: SuggestedVerdict | null;
  /** Level of each shown suggestion and whether it is right. */
  levels: [string, boolean][];
}
const records: Record[] = [];

function score(gold: GoldPledge, r: { suggestions: Suggestion[]; silent: boolean; suggestedVerdict: SuggestedVerdict }, quotes: Span[], t: Tally, label: string): void {
  const { suggestions } = r;
  if (!gold.evidence) {
    t.noEvidence++;
    if (calledSilent(r)) t.silenceFound++;
    else if (verbose) console.log(`  [${label}] not called silent ${gold.id} ${gold.pledge} → ${suggestions[0]?.text} (${suggestions[0]?.probability})`);
    return;
  }
  t.withEvidence++;
  const rank = suggestions.findIndex((s) => quotes.some((q) => overlaps(s, q)));
  if (rank === 0) t.top1++;
  if (rank >= 0 && rank < 3) t.top3++;
  if (rank === 0 && !calledSilent(r)) t.rightShown++;
  else if (rank === 0 && verbose) console.log(`  [${label}] right but called silent ${gold.id} ${gold.pledge} (${suggestions[0].probability})`);
  if (verbose && rank !== 0) {
    console.log(`  [${label}] ${rank < 0 ? "MISS" : "rank " + (rank + 1)} ${gold.id} ${gold.pledge}`);
    console.log(`      gold: ${gold.evidence.join(" | ")}`);
    suggestions.slice(0, 3).forEach((s, i) => console.log(`      ${i + 1}. ${s.score.toFixed(2)} ${s.level} ${s.text} [${s.terms.join(",")}]`));
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
    score(g, suggestForPledge(index, query, { top: 3 }), quotes, ranking, "rank");
    if (g.evidence) {
      const base = rankBaseline(index, g.pledge);
      baseline.withEvidence++;
      const rank = base.findIndex((s) => quotes.some((q) => overlaps(s, q)));
      if (rank === 0) baseline.top1++;
      if (rank >= 0) baseline.top3++;
    }
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
        records.push({ dataset: dataset.name, gold: g, verdict: null, levels: [] });
        continue;
      }
      const q: PledgeQuery = { text: best.text, section: best.section, target: best.target };
      const r = suggestForPledge(index, q, { top: 3 });
      score(g, r, quotes, endToEnd, "e2e");
      records.push({
        dataset: dataset.name,
        gold: g,
        verdict: r.suggestedVerdict,
        levels: r.suggestions.map((s) => [s.level, quotes.some((qq) => overlaps(s, qq))]),
      });
    }
  }
  return { ranking, baseline, endToEnd, extracted: extracted.length };
}

function line(name: string, t: Tally, e2e: boolean): string {
  const base = `${name.padEnd(32)} n=${String(t.withEvidence).padStart(3)}  top-1 ${pct(t.top1, t.withEvidence).padStart(6)}  top-3 ${pct(t.top3, t.withEvidence).padStart(6)}`;
  const extra = e2e ? `  not extracted ${t.missedExtraction}` : "";
  const silence = `  | silent ${t.noEvidence}: called silent ${pct(t.silenceFound, t.noEvidence)}; right evidence shown first ${pct(t.rightShown, t.withEvidence)}`;
  return base + extra + silence;
}

const STATUSES: GoldVerdict[] = ["fulfilled", "partial", "unfulfilled", "not_verifiable"];

/** Levels and verdicts of the end-to-end records. */
function printRecords(): void {
  console.log("suggestion levels (end to end, every shown suggestion): how often one at that level is right");
  for (const level of ["strong", "fair", "weak"]) {
    const rows = records.flatMap((r) => r.levels.filter(([l]) => l === level));
    console.log(`  ${level.padEnd(7)} n=${String(rows.length).padStart(4)}  right ${pct(rows.filter(([, ok]) => ok).length, rows.length)}`);
  }
  const binary = (v: GoldVerdict | null | undefined) => (v == null ? null : v === "fulfilled");
  for (const name of [...new Set(records.map((v) => v.dataset)), "all"]) {
    const rows = records.filter((v) => name === "all" || v.dataset === name);
    const numeric = rows.filter((v) => v.gold.kind === "quantitative" && v.gold.evidence);
    const agree = numeric.filter((v) => binary(v.verdict?.status) === binary(v.gold.verdict)).length;
    const exact = rows.filter((v) => v.verdict?.status === v.gold.verdict).length;
    const withEvidence = rows.filter((v) => v.gold.evidence);
    const agreeAll = withEvidence.filter((v) => binary(v.verdict?.status) === binary(v.gold.verdict)).length;
    console.log(
      `verdicts ${name.padEnd(7)} numeric with evidence n=${numeric.length}: fulfilled-or-not agreement ${pct(agree, numeric.length)}; ` +
        `all with evidence n=${withEvidence.length}: ${pct(agreeAll, withEvidence.length)}; all pledges n=${rows.length}: exact ${pct(exact, rows.length)}`,
    );
    if (verbose && name !== "all") {
      for (const v of numeric.filter((v) => binary(v.verdict?.status) !== binary(v.gold.verdict))) {
        console.log(`    ${v.gold.id} hand ${v.gold.verdict}, suggested ${v.verdict?.status ?? "none"}: ${v.gold.pledge} — ${v.verdict?.reason ?? ""}`);
      }
    }
  }
  console.log("confusion matrix, all pledges end to end (rows: hand verdict; columns: suggested)");
  console.log(`  ${"".padEnd(15)}${[...STATUSES, "none"].map((s) => s.padStart(15)).join("")}`);
  for (const hand of STATUSES) {
    const cells = [...STATUSES, null].map((sug) => records.filter((v) => v.gold.verdict === hand && (v.verdict?.status ?? null) === sug).length);
    console.log(`  ${hand.padEnd(15)}${cells.map((c) => String(c).padStart(15)).join("")}`);
  }
  console.log("verdict confidence (end to end): agreement at each level");
  for (const level of ["high", "medium", "low"]) {
    const rows = records.filter((v) => v.verdict?.confidence === level);
    const exact = rows.filter((v) => v.verdict!.status === v.gold.verdict).length;
    const bin = rows.filter((v) => binary(v.verdict!.status) === binary(v.gold.verdict)).length;
    console.log(`  ${level.padEnd(7)} n=${String(rows.length).padStart(4)}  exact ${pct(exact, rows.length).padStart(6)}  fulfilled-or-not ${pct(bin, rows.length).padStart(6)}`);
  }
  if (verbose) {
    console.log("exact disagreements:");
    for (const v of records.filter((v) => v.verdict && v.verdict.status !== v.gold.verdict)) {
      console.log(`    ${v.gold.id} hand ${v.gold.verdict}, suggested ${v.verdict!.status} (${v.verdict!.confidence}): ${v.gold.pledge} — ${v.verdict!.reason}`);
    }
  }
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
  if (e2eAvailable) {
    console.log(line("(b) OVERALL end to end", totalE, true));
    printRecords();
  } else console.log("(b) end to end: unavailable (lib/report/parse-report.ts not importable yet)");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
