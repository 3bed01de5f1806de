/**
 * Pledge-extraction evaluation (`npx tsx lib/report/__eval__/run-extraction-eval.ts [--verbose]`).
 *
 * For every hand-labelled pledge, the best extracted pledge (decode + parseReport) is the one that
 * holds the largest share of the labelled pledge's characters, shorter first on ties. Printed per
 * file and overall:
 *   - coverage: share of labelled pledges held >= 60% by one extracted pledge at most 2x as long;
 *   - strict coverage: the same with at most 1.5x as long;
 *   - target accuracy: share of labelled numeric targets whose covering pledge (2x rule) carries a
 *     target with the same value (and upper bound of a range) and unit;
 *   - pledges extracted from the file.
 * Data sets: `pledge-gold.md` (four seed reports of different layouts) and the 181 Hailar pledges of
 * `lib/evidence/__eval__/hailar-gold.md` (no labelled values there: "target accuracy" is the share
 * of quantitative pledges whose covering pledge has any target).
 * --verbose lists every miss with the nearest extracted pledges.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { decodeReport } from "../decode";
import { parseReport } from "../parse-report";
import { toSimplified } from "../script";
import type { Pledge } from "../types";
import { HAILAR_DIR, loadGold, loadHebeiGold } from "../../evidence/__eval__/read-gold";
import { loadPledgeGold, SEEDS_DIR, type GoldTarget } from "./gold";
import { loadTierGold, locateTierGold, scoreTiers, type TierScore } from "./tier-gold";
import { readCorpusText, wildCorpusAvailable } from "./wild";

const ROOT = path.resolve(__dirname, "../../..");
export const MIN_COVER = 0.6;
export const MAX_RATIO = 2;
export const STRICT_RATIO = 1.5;

export interface EvalItem {
  text: string;
  target: GoldTarget | null;
  /** Hailar: quantitative pledge with no labelled value. */
  expectsTarget: boolean;
}

export interface ItemResult {
  item: EvalItem;
  covered: boolean;
  strict: boolean;
  targetRight: boolean | null;
  best: Pledge | null;
  bestCover: number;
  nearest: { pledge: Pledge; cover: number }[];
}

export interface FileResult {
  dataset: string;
  file: string;
  labelled: number;
  covered: number;
  strict: number;
  targets: number;
  targetsRight: number;
  extracted: number;
  items: ItemResult[];
}

export interface ExtractionEvalResult {
  /** Per wild-gold file: precision and tiers (see tier-gold.ts); empty when the corpus is not beside the checkout. */
  tiers: { file: string; score: TierScore; planChars: number; items: number }[];
  files: FileResult[];
  overall: Record<
    string,
    {
      labelled: number;
      covered: number;
      strict: number;
      targets: number;
      targetsRight: number;
      extracted: number;
    }
  >;
}

function occurrences(text: string, q: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(q); i >= 0; i = text.indexOf(q, i + 1)) out.push(i);
  return out;
}

function targetMatches(p: Pledge | null, g: GoldTarget): boolean {
  const t = p?.target;
  if (!t) return false;
  if (toSimplified(t.unit) !== g.unit) return false;
  if (Math.abs(t.value - g.value) > 1e-9) return false;
  if (g.valueMax !== undefined && t.valueMax !== g.valueMax) return false;
  return true;
}

/** Scores the labelled items of one decoded text against its parsed pledges. */
export function scoreFile(
  dataset: string,
  file: string,
  text: string,
  items: EvalItem[],
): FileResult {
  const pledges = parseReport(text).pledges;
  const res: FileResult = {
    dataset,
    file,
    labelled: items.length,
    covered: 0,
    strict: 0,
    targets: 0,
    targetsRight: 0,
    extracted: pledges.length,
    items: [],
  };
  for (const item of items) {
    const len = item.text.length;
    let best: Pledge | null = null;
    let bestCover = 0;
    let strict = false;
    const near: { pledge: Pledge; cover: number }[] = [];
    for (const at of occurrences(text, item.text)) {
      const end = at + len;
      for (const p of pledges) {
        const o = Math.min(end, p.end) - Math.max(at, p.start);
        if (o <= 0) continue;
        const cover = o / len;
        near.push({ pledge: p, cover });
        const plen = p.end - p.start;
        if (cover >= MIN_COVER && plen <= STRICT_RATIO * len) strict = true;
        if (plen > MAX_RATIO * len) continue;
        if (cover > bestCover || (cover === bestCover && best && plen < best.end - best.start)) {
          best = p;
          bestCover = cover;
        }
      }
    }
    near.sort((x, y) => y.cover - x.cover);
    const covered = bestCover >= MIN_COVER;
    let targetRight: boolean | null = null;
    if (item.target) targetRight = covered && targetMatches(best, item.target);
    else if (item.expectsTarget) targetRight = covered && !!best?.target;
    if (covered) res.covered++;
    if (strict) res.strict++;
    if (targetRight !== null) {
      res.targets++;
      if (targetRight) res.targetsRight++;
    }
    res.items.push({
      item,
      covered,
      strict,
      targetRight,
      best: covered ? best : null,
      bestCover,
      nearest: near.slice(0, 3),
    });
  }
  return res;
}

function readDecoded(rel: string): string {
  const abs = path.join(ROOT, rel);
  return decodeReport(readFileSync(abs), path.basename(abs)).text;
}

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : "n/a");

function fmtTarget(t: GoldTarget | null | undefined): string {
  if (!t) return "-";
  return `${t.value}${t.valueMax !== undefined ? `-${t.valueMax}` : ""} ${t.unit}`;
}

/**
 * Runs the extraction evaluation on both data sets. `print` (default true) writes the report to
 * stdout; `verbose` also lists the misses.
 */
export function runExtractionEval(
  opts: { print?: boolean; verbose?: boolean } = {},
): ExtractionEvalResult {
  const print = opts.print ?? true;
  const files: FileResult[] = [];
  for (const g of loadPledgeGold()) {
    const items = g.pledges.map((p) => ({
      text: p.text,
      target: p.target,
      expectsTarget: !!p.target,
    }));
    files.push(scoreFile("seeds", g.file, readDecoded(path.join(SEEDS_DIR, g.file)), items));
  }
  for (const pair of loadGold()) {
    const items = pair.pledges.map((p) => ({
      text: p.pledge,
      target: null,
      expectsTarget: p.kind === "quantitative",
    }));
    files.push(
      scoreFile("hailar", pair.planFile, readDecoded(path.join(HAILAR_DIR, pair.planFile)), items),
    );
  }
  const tiers: ExtractionEvalResult["tiers"] = [];
  const hebeiTiers = { labelled: 0, covered: 0, T: 0, TasT: 0, D: 0, DasT: 0 };
  if (wildCorpusAvailable()) {
    // The 河北 evidence gold, labelled apart (tiers included), never tuned on: coverage, targets and tier agreement.
    for (const pair of loadHebeiGold()) {
      const text = readCorpusText(path.join("wild", pair.planFile));
      const items = pair.pledges.map((p) => ({
        text: p.pledge,
        target: null,
        expectsTarget: p.kind === "quantitative",
      }));
      const res = scoreFile("hebei", pair.planFile, text, items);
      files.push(res);
      res.items.forEach((r, i) => {
        const tier = pair.pledges[i].tier;
        hebeiTiers.labelled++;
        if (!r.covered || !r.best || !tier) return;
        hebeiTiers.covered++;
        const marked = tierOf(r.best);
        if (tier === "T") {
          hebeiTiers.T++;
          if (marked === "trackable") hebeiTiers.TasT++;
        } else {
          hebeiTiers.D++;
          if (marked === "trackable") hebeiTiers.DasT++;
        }
      });
    }
    for (const g of loadTierGold()) {
      const text = readCorpusText(g.file);
      const gold = locateTierGold(g.file, text, g.passages);
      const items = gold.passages.flatMap((p) =>
        p.lines
          .filter((l) => l.tier !== "N")
          .map((l) => ({ text: l.text, target: l.target, expectsTarget: !!l.target })),
      );
      files.push(scoreFile("wild", g.file, text, items));
      const parsed = parseReport(text);
      const planChars = parsed.sections
        .filter((x) => x.kind === "plan" || x.kind === "list")
        .reduce(
          (n, x) => n + (text.slice(x.start, x.end).match(/\p{Script=Han}/gu) || []).length,
          0,
        );
      tiers.push({
        file: g.file,
        score: scoreTiers(text, gold, parsed.pledges, tierOf, (p, t) => targetMatches(p, t)),
        planChars,
        items: parsed.pledges.length,
      });
    }
  }
  const overall: ExtractionEvalResult["overall"] = {};
  for (const f of files) {
    const o = (overall[f.dataset] ??= {
      labelled: 0,
      covered: 0,
      strict: 0,
      targets: 0,
      targetsRight: 0,
      extracted: 0,
    });
    o.labelled += f.labelled;
    o.covered += f.covered;
    o.strict += f.strict;
    o.targets += f.targets;
    o.targetsRight += f.targetsRight;
    o.extracted += f.extracted;
  }
  if (print) {
    const line = (
      name: string,
      r: {
        labelled: number;
        covered: number;
        strict: number;
        targets: number;
        targetsRight: number;
        extracted: number;
      },
    ) =>
      `  ${name.padEnd(28)} gold ${String(r.labelled).padStart(3)}  coverage ${pct(r.covered, r.labelled).padStart(6)}  strict ${pct(r.strict, r.labelled).padStart(6)}  targets ${pct(r.targetsRight, r.targets).padStart(6)} (${r.targetsRight}/${r.targets})  extracted ${r.extracted}`;
    const titles: Record<string, string> = {
      seeds: "Seed reports (pledge-gold.md)",
      hailar: "Hailar plans (hailar-gold.md; targets = quantitative pledge has a target)",
      wild: "Wild reports (wild-gold.md: T and D lines of completely labelled passages)",
      hebei:
        "河北 plans (hebei-gold.md, the evidence gold; targets = quantitative pledge has a target)",
    };
    for (const ds of Object.keys(overall)) {
      console.log(titles[ds]);
      for (const f of files.filter((x) => x.dataset === ds)) console.log(line(f.file, f));
      console.log(line("OVERALL", overall[ds]));
      console.log("");
    }
    if (tiers.length) printTiers(tiers, !!opts.verbose);
    if (hebeiTiers.labelled) {
      console.log(
        `Tiers on the 河北 evidence gold (labelled apart): T pledges marked trackable ${pct(hebeiTiers.TasT, hebeiTiers.T)} (${hebeiTiers.TasT}/${hebeiTiers.T}), D pledges marked trackable ${pct(hebeiTiers.DasT, hebeiTiers.D)} (${hebeiTiers.DasT}/${hebeiTiers.D})`,
      );
      console.log("");
    }
    if (opts.verbose) {
      for (const f of files) {
        const bad = f.items.filter((r) => !r.covered || !r.strict || r.targetRight === false);
        if (!bad.length) continue;
        console.log(`--- ${f.dataset}/${f.file}`);
        for (const r of bad) {
          const why = !r.covered ? "MISS" : !r.strict ? "LOOSE" : "TARGET";
          console.log(`[${why}] ${r.item.text}  (gold ${fmtTarget(r.item.target)})`);
          if (why === "TARGET") {
            const t = r.best?.target;
            console.log(
              `      got ${r.best?.text} → ${t ? `${t.value}${t.valueMax !== undefined ? `-${t.valueMax}` : ""} ${t.unit}` : "no target"}`,
            );
          } else
            for (const n of r.nearest)
              console.log(
                `      ${(100 * n.cover).toFixed(0)}% ${n.pledge.end - n.pledge.start}ch | ${n.pledge.text}`,
              );
        }
      }
    }
  }
  return { tiers, files, overall };
}

/** The tier an item carries: the parser's, or (before tiers existed) quantitative and project as trackable. */
function tierOf(p: Pledge): "trackable" | "direction" {
  const tier = (p as Pledge & { tier?: "trackable" | "direction" }).tier;
  return tier ?? (p.kind === "policy" ? "direction" : "trackable");
}

function printTiers(tiers: ExtractionEvalResult["tiers"], verbose: boolean): void {
  console.log(
    "Precision and tiers (wild-gold.md; items inside the labelled passages, labelled by the gold line holding most of their text)",
  );
  const sum = {
    items: 0,
    N: 0,
    D: 0,
    T: 0,
    marked: 0,
    markedWrong: 0,
    goldT: 0,
    goldTFound: 0,
    planChars: 0,
    extracted: 0,
  };
  const line = (name: string, x: typeof sum) =>
    `  ${name.padEnd(28)} items ${String(x.items).padStart(4)}  not pledges ${pct(x.N, x.items).padStart(6)}  direction ${pct(x.D, x.items).padStart(6)}  trackable ${pct(x.T, x.items).padStart(6)}  | marked trackable ${String(x.marked).padStart(3)}, wrongly ${pct(x.markedWrong, x.marked).padStart(6)}  | T found as trackable ${pct(x.goldTFound, x.goldT).padStart(6)} (${x.goldTFound}/${x.goldT})  | ${((1000 * x.extracted) / Math.max(1, x.planChars)).toFixed(1)} items per 1,000 plan chars`;
  for (const t of tiers) {
    const x = {
      items: t.score.items,
      N: t.score.itemsN,
      D: t.score.itemsD,
      T: t.score.itemsT,
      marked: t.score.markedTrackable,
      markedWrong: t.score.markedTrackableWrong,
      goldT: t.score.goldT,
      goldTFound: t.score.goldTFound,
      planChars: t.planChars,
      extracted: t.items,
    };
    for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += x[k];
    console.log(line(t.file, x));
  }
  console.log(line("OVERALL", sum));
  console.log("");
  if (!verbose) return;
  for (const t of tiers) {
    console.log(`--- tiers ${t.file}`);
    for (const m of t.score.misses)
      console.log(`[T ${m.why}] ${m.line.text}${m.nearest ? `\n      nearest: ${m.nearest}` : ""}`);
    for (const w of t.score.wrong) console.log(`[${w.label} marked ${w.marked}] ${w.item.text}`);
  }
}

if (require.main === module) {
  runExtractionEval({ verbose: process.argv.includes("--verbose") });
}
