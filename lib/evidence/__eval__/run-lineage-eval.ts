/**
 * Lineage evaluation on the hand-labelled gold (lineage-gold.md), printed by `npm run eval`. End to
 * end, as the app and `cli lineage` run it: both plans are parsed (lib/report), each gold pledge of
 * the later plan is mapped to the extracted pledge covering most of it (< 60% covered: not
 * extracted, a miss), and that pledge is matched against the earlier plan's extracted pledges
 * (match-plans.ts). Right predecessor first: of the gold pledges with a predecessor, the share whose
 * best candidate overlaps a gold predecessor quote (at least half of the shorter span) and is taken
 * as the predecessor. None recognised: of the gold pledges with no predecessor, the share the
 * matcher calls new.
 *
 * Flags: --verbose prints every miss; --pair 2013 restricts to the pair whose later plan is that year.
 */
import { wildCorpusAvailable } from "../../report/__eval__/wild";
import { overlaps } from "./gold-cases";
import { lineageCases, type LineageCase } from "./lineage-cases";
import { isHailarFile, loadLineageGold } from "./read-lineage-gold";

const args = process.argv.slice(2);
const verbose = args.includes("--verbose");
const onlyPair = args.includes("--pair") ? args[args.indexOf("--pair") + 1] : null;

export interface LineageTally {
  withPredecessor: number;
  rightFirst: number;
  rightRanked: number;
  notExtracted: number;
  none: number;
  noneRecognised: number;
}

/** Counts one pair's cases. */
export function tallyLineage(cases: LineageCase[], label = ""): LineageTally {
  const t: LineageTally = {
    withPredecessor: 0,
    rightFirst: 0,
    rightRanked: 0,
    notExtracted: 0,
    none: 0,
    noneRecognised: 0,
  };
  for (const c of cases) {
    const r = c.result;
    if (!c.gold.predecessors) {
      t.none++;
      if (!r || !r.predecessor) t.noneRecognised++;
      else if (verbose)
        console.log(
          `  [${label}] NOT NEW ${c.gold.id} ${c.gold.pledge} → ${r.predecessor.text} ${JSON.stringify(r.predecessor.signals)}`,
        );
      continue;
    }
    t.withPredecessor++;
    if (!r) {
      t.notExtracted++;
      if (verbose) console.log(`  [${label}] NOT EXTRACTED ${c.gold.id} ${c.gold.pledge}`);
      continue;
    }
    const rank = r.candidates.findIndex((cand) => c.predecessors.some((g) => overlaps(cand, g)));
    if (rank === 0 && r.predecessor) t.rightFirst++;
    if (rank >= 0) t.rightRanked++;
    if (verbose && !(rank === 0 && r.predecessor)) {
      console.log(
        `  [${label}] ${rank < 0 ? "MISS" : rank === 0 ? "RIGHT BUT CALLED NEW" : "rank " + (rank + 1)} ${c.gold.id} ${r.pledge.text}`,
      );
      console.log(`      gold: ${c.gold.predecessors!.join(" | ")}`);
      r.candidates.forEach((cand, i) =>
        console.log(
          `      ${i + 1}. ${cand.score.toFixed(2)} ${cand.text} [${cand.terms.join(",")}] ${JSON.stringify(cand.signals)}`,
        ),
      );
    }
  }
  return t;
}

function pct(a: number, b: number): string {
  return b ? `${((100 * a) / b).toFixed(1)}%` : "n/a";
}

function line(name: string, t: LineageTally): string {
  return (
    `${name.padEnd(34)} with predecessor n=${String(t.withPredecessor).padStart(3)}: right predecessor first ${pct(t.rightFirst, t.withPredecessor).padStart(6)}` +
    ` (in top 3 ${pct(t.rightRanked, t.withPredecessor)}; not extracted ${t.notExtracted})  | new n=${String(t.none).padStart(2)}: none recognised ${pct(t.noneRecognised, t.none)}`
  );
}

function main(): void {
  const total: LineageTally = {
    withPredecessor: 0,
    rightFirst: 0,
    rightRanked: 0,
    notExtracted: 0,
    none: 0,
    noneRecognised: 0,
  };
  const byData = new Map<string, LineageTally>();
  const started = performance.now();
  for (const pair of loadLineageGold()) {
    if (!isHailarFile(pair.laterFile) && !wildCorpusAvailable()) continue;
    if (onlyPair && !pair.laterFile.includes(onlyPair)) continue;
    const name = `${pair.earlierFile.replace(".txt", "")} → ${pair.laterFile.replace(".txt", "").replace(/^(hailar|hebei)_/, "")}`;
    const t = tallyLineage(lineageCases(pair), name);
    console.log(line(`lineage ${name}`, t));
    const key = isHailarFile(pair.laterFile) ? "Hailar" : "河北";
    const d = byData.get(key) ?? {
      withPredecessor: 0,
      rightFirst: 0,
      rightRanked: 0,
      notExtracted: 0,
      none: 0,
      noneRecognised: 0,
    };
    byData.set(key, d);
    for (const k of Object.keys(t) as (keyof LineageTally)[]) {
      d[k] += t[k];
      total[k] += t[k];
    }
  }
  for (const [name, t] of byData) console.log(line(`lineage ${name}`, t));
  console.log(line("lineage OVERALL", total));
  console.log(
    `lineage: ${Math.round(performance.now() - started)} ms for parsing and matching all pairs`,
  );
}

main();
