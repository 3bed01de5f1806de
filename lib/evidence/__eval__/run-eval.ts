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
import type { ReviewIndex } from "../index-review";
import type { Suggestion } from "../suggest-evidence";
import { suggestForPledge } from "../suggest-for-pledges";
import type { SuggestedVerdict } from "../suggest-verdict";
import type { GoldPledge, GoldVerdict, Span } from "./read-gold";
import { VERDICT_STATUSES } from "@/lib/vocabulary";
import { loadGoldCases, overlaps, type GoldPairCases } from "./gold-cases";

const args = process.argv.slice(2);
const verbose = args.includes("--verbose");
const onlyPair = args.includes("--pair") ? args[args.indexOf("--pair") + 1] : null;

/** Reference ranking: plain BM25 over all character bigrams of the same units (no stop words, no bonuses). */
function rankBaseline(index: ReviewIndex, text: string): Span[] {
  const grams = (s: string) => {
    const out: string[] = [];
    for (let i = 0; i + 1 < s.length; i++)
      if (/\p{Script=Han}{2}/u.test(s.slice(i, i + 2))) out.push(s.slice(i, i + 2));
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
      s +=
        Math.log(1 + (docs.length - n + 0.5) / (n + 0.5)) *
        ((tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * d.length) / avg)));
    }
    return { i, s };
  });
  scored.sort((a, b) => b.s - a.s);
  return scored
    .slice(0, 3)
    .map(({ i }) => ({ start: index.units[i].start, end: index.units[i].end }));
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

const empty = (): Tally => ({
  withEvidence: 0,
  top1: 0,
  top3: 0,
  missedExtraction: 0,
  noEvidence: 0,
  silenceFound: 0,
  rightShown: 0,
});

function add(t: Tally, u: Tally): void {
  for (const k of Object.keys(t) as (keyof Tally)[]) t[k] += u[k];
}

function pct(a: number, b: number): string {
  return b ? `${((100 * a) / b).toFixed(1)}%` : "n/a";
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

function score(
  gold: GoldPledge,
  r: { suggestions: Suggestion[]; silent: boolean; suggestedVerdict: SuggestedVerdict },
  quotes: Span[],
  t: Tally,
  label: string,
): void {
  const { suggestions } = r;
  if (!gold.evidence) {
    t.noEvidence++;
    if (calledSilent(r)) t.silenceFound++;
    else if (verbose)
      console.log(
        `  [${label}] not called silent ${gold.id} ${gold.pledge} → ${suggestions[0]?.text} (${suggestions[0]?.probability})`,
      );
    return;
  }
  t.withEvidence++;
  const rank = suggestions.findIndex((s) => quotes.some((q) => overlaps(s, q)));
  if (rank === 0) t.top1++;
  if (rank >= 0 && rank < 3) t.top3++;
  if (rank === 0 && !calledSilent(r)) t.rightShown++;
  else if (rank === 0 && verbose)
    console.log(
      `  [${label}] right but called silent ${gold.id} ${gold.pledge} (${suggestions[0].probability})`,
    );
  if (verbose && rank !== 0) {
    console.log(
      `  [${label}] ${rank < 0 ? "MISS" : "rank " + (rank + 1)} ${gold.id} ${gold.pledge}`,
    );
    console.log(`      gold: ${gold.evidence.join(" | ")}`);
    suggestions
      .slice(0, 3)
      .forEach((s, i) =>
        console.log(
          `      ${i + 1}. ${s.score.toFixed(2)} ${s.level} ${s.text} [${s.terms.join(",")}]`,
        ),
      );
  }
}

function evalPair(p: GoldPairCases): { ranking: Tally; baseline: Tally; endToEnd: Tally } {
  const ranking = empty();
  const baseline = empty();
  const endToEnd = empty();
  for (const c of p.cases) {
    const { gold: g, index, quotes } = c;
    score(g, suggestForPledge(index, c.ranking, { top: 3 }), quotes, ranking, "rank");
    if (g.evidence) {
      const base = rankBaseline(index, g.pledge);
      baseline.withEvidence++;
      const rank = base.findIndex((s) => quotes.some((q) => overlaps(s, q)));
      if (rank === 0) baseline.top1++;
      if (rank >= 0) baseline.top3++;
    }
    if (!c.endToEnd) {
      if (g.evidence) {
        endToEnd.withEvidence++;
        endToEnd.missedExtraction++;
        if (verbose) console.log(`  [e2e] NOT EXTRACTED ${g.id} ${g.pledge}`);
      } else endToEnd.noEvidence++;
      records.push({ dataset: c.dataset, gold: g, verdict: null, levels: [] });
      continue;
    }
    const r = suggestForPledge(index, c.endToEnd, { top: 3 });
    score(g, r, quotes, endToEnd, "e2e");
    records.push({
      dataset: c.dataset,
      gold: g,
      verdict: r.suggestedVerdict,
      levels: r.suggestions.map((s) => [s.level, quotes.some((q) => overlaps(s, q))]),
    });
  }
  return { ranking, baseline, endToEnd };
}

function line(name: string, t: Tally, e2e: boolean): string {
  const base = `${name.padEnd(32)} n=${String(t.withEvidence).padStart(3)}  top-1 ${pct(t.top1, t.withEvidence).padStart(6)}  top-3 ${pct(t.top3, t.withEvidence).padStart(6)}`;
  const extra = e2e ? `  not extracted ${t.missedExtraction}` : "";
  const silence = `  | silent ${t.noEvidence}: called silent ${pct(t.silenceFound, t.noEvidence)}; right evidence shown first ${pct(t.rightShown, t.withEvidence)}`;
  return base + extra + silence;
}

const STATUSES: readonly GoldVerdict[] = VERDICT_STATUSES;

/** Levels and verdicts of the end-to-end records. */
function printRecords(): void {
  console.log(
    "suggestion levels (end to end, every shown suggestion): how often one at that level is right",
  );
  for (const level of ["strong", "fair", "weak"]) {
    const rows = records.flatMap((r) => r.levels.filter(([l]) => l === level));
    console.log(
      `  ${level.padEnd(7)} n=${String(rows.length).padStart(4)}  right ${pct(rows.filter(([, ok]) => ok).length, rows.length)}`,
    );
  }
  const binary = (v: GoldVerdict | null | undefined) => (v == null ? null : v === "fulfilled");
  for (const name of [...new Set(records.map((v) => v.dataset)), "all"]) {
    const rows = records.filter((v) => name === "all" || v.dataset === name);
    const numeric = rows.filter((v) => v.gold.kind === "quantitative" && v.gold.evidence);
    const agree = numeric.filter(
      (v) => binary(v.verdict?.status) === binary(v.gold.verdict),
    ).length;
    const exact = rows.filter((v) => v.verdict?.status === v.gold.verdict).length;
    const withEvidence = rows.filter((v) => v.gold.evidence);
    const agreeAll = withEvidence.filter(
      (v) => binary(v.verdict?.status) === binary(v.gold.verdict),
    ).length;
    console.log(
      `verdicts ${name.padEnd(7)} numeric with evidence n=${numeric.length}: fulfilled-or-not agreement ${pct(agree, numeric.length)}; ` +
        `all with evidence n=${withEvidence.length}: ${pct(agreeAll, withEvidence.length)}; all pledges n=${rows.length}: exact ${pct(exact, rows.length)}`,
    );
    if (verbose && name !== "all") {
      for (const v of numeric.filter((v) => binary(v.verdict?.status) !== binary(v.gold.verdict))) {
        console.log(
          `    ${v.gold.id} hand ${v.gold.verdict}, suggested ${v.verdict?.status ?? "none"}: ${v.gold.pledge} — ${v.verdict?.reason ?? ""}`,
        );
      }
    }
  }
  console.log("confusion matrix, all pledges end to end (rows: hand verdict; columns: suggested)");
  console.log(`  ${"".padEnd(15)}${[...STATUSES, "none"].map((s) => s.padStart(15)).join("")}`);
  for (const hand of STATUSES) {
    const cells = [...STATUSES, null].map(
      (sug) =>
        records.filter((v) => v.gold.verdict === hand && (v.verdict?.status ?? null) === sug)
          .length,
    );
    console.log(`  ${hand.padEnd(15)}${cells.map((c) => String(c).padStart(15)).join("")}`);
  }
  console.log("verdict confidence (end to end): agreement at each level");
  for (const level of ["high", "medium", "low"]) {
    const rows = records.filter((v) => v.verdict?.confidence === level);
    const exact = rows.filter((v) => v.verdict!.status === v.gold.verdict).length;
    const bin = rows.filter((v) => binary(v.verdict!.status) === binary(v.gold.verdict)).length;
    console.log(
      `  ${level.padEnd(7)} n=${String(rows.length).padStart(4)}  exact ${pct(exact, rows.length).padStart(6)}  fulfilled-or-not ${pct(bin, rows.length).padStart(6)}`,
    );
  }
  if (verbose) {
    console.log("exact disagreements:");
    for (const v of records.filter((v) => v.verdict && v.verdict.status !== v.gold.verdict)) {
      console.log(
        `    ${v.gold.id} hand ${v.gold.verdict}, suggested ${v.verdict!.status} (${v.verdict!.confidence}): ${v.gold.pledge} — ${v.verdict!.reason}`,
      );
    }
  }
}

function main(): void {
  const totalR = empty();
  const totalB = empty();
  const totalE = empty();
  const rows: string[] = [];
  const byDataset = new Map<string, { r: Tally; e: Tally }>();
  for (const p of loadGoldCases(onlyPair)) {
    const name = `${p.pair.planFile.replace(".txt", "")} → ${p.pair.reviewFile.replace(".txt", "").replace(/^(hailar|hebei)_/, "")}`;
    const r = evalPair(p);
    const d = byDataset.get(p.dataset) ?? { r: empty(), e: empty() };
    byDataset.set(p.dataset, d);
    add(d.r, r.ranking);
    add(d.e, r.endToEnd);
    add(totalR, r.ranking);
    add(totalB, r.baseline);
    add(totalE, r.endToEnd);
    rows.push(line(`(a) ${name}`, r.ranking, false));
    rows.push(line(`(b) ${name} [${p.extracted} pledges]`, r.endToEnd, true));
  }
  console.log(rows.join("\n"));
  for (const [name, d] of byDataset) {
    console.log(line(`(a) ${name} ranking only`, d.r, false));
    console.log(line(`(b) ${name} end to end`, d.e, true));
  }
  console.log(line("(a) OVERALL ranking only", totalR, false));
  console.log(
    `    reference, plain BM25 over character bigrams of the same units: top-1 ${pct(totalB.top1, totalB.withEvidence)}, top-3 ${pct(totalB.top3, totalB.withEvidence)}`,
  );
  console.log(line("(b) OVERALL end to end", totalE, true));
  printRecords();
}

main();
