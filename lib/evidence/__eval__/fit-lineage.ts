/**
 * Fits the predecessor model of match-plans.ts on the lineage gold (`npx tsx
 * lib/evidence/__eval__/fit-lineage.ts`): a logistic regression over lineageFeatures of each
 * extracted gold pledge's best candidate, labelled 1 when that candidate is a gold predecessor and
 * 0 when it is not (a wrong candidate, or a pledge that is new). Prints the weights to paste into
 * LINEAGE_WEIGHTS and the figures when fitted on one data set and tested on the other.
 *
 * Flags: --l2 N (default 1).
 */
import {
  LINEAGE_FEATURE_NAMES,
  LINEAGE_WEIGHTS,
  PREDECESSOR_PROBABILITY,
  lineageFeatures,
} from "../match-plans";
import { probabilityOf } from "../rate-suggestions";
import { overlaps } from "./gold-cases";
import { lineageCases } from "./lineage-cases";
import { isHailarFile, loadLineageGold } from "./read-lineage-gold";

const args = process.argv.slice(2);
const l2 = args.includes("--l2") ? Number(args[args.indexOf("--l2") + 1]) : 1;

interface Row {
  dataset: "hailar" | "hebei";
  features: number[] | null;
  /** The best candidate is a gold predecessor. */
  right: boolean;
  /** The gold pledge has a predecessor. */
  repeats: boolean;
}

function fit(rows: Row[], penalty: number, steps = 8000, rate = 1): number[] {
  const usable = rows.filter((r) => r.features);
  const k = usable[0].features!.length;
  const w = new Array<number>(k).fill(0);
  for (let step = 0; step < steps; step++) {
    const g = new Array<number>(k).fill(0);
    for (const r of usable) {
      const err = probabilityOf(r.features!, w) - (r.right ? 1 : 0);
      for (let j = 0; j < k; j++) g[j] += err * r.features![j];
    }
    for (let j = 0; j < k; j++)
      w[j] -= (rate * (g[j] + (j === 0 ? 0 : penalty * w[j]))) / usable.length;
  }
  return w.map((x) => Math.round(x * 1000) / 1000);
}

function pct(a: number, b: number): string {
  return b ? `${((100 * a) / b).toFixed(1)}%` : "n/a";
}

function report(rows: Row[], w: readonly number[], label: string): void {
  const accepted = (r: Row) =>
    !!r.features && probabilityOf(r.features, w) >= PREDECESSOR_PROBABILITY;
  const repeats = rows.filter((r) => r.repeats);
  const fresh = rows.filter((r) => !r.repeats);
  const right = repeats.filter((r) => r.right && accepted(r)).length;
  const none = fresh.filter((r) => !accepted(r)).length;
  console.log(
    `${label.padEnd(36)} right predecessor first ${pct(right, repeats.length)} (n=${repeats.length}); none recognised ${pct(none, fresh.length)} (n=${fresh.length})`,
  );
}

function main(): void {
  const rows: Row[] = [];
  for (const pair of loadLineageGold()) {
    for (const c of lineageCases(pair)) {
      const r = c.result;
      const top = r?.candidates[0];
      rows.push({
        dataset: isHailarFile(pair.laterFile) ? "hailar" : "hebei",
        features: r && r.candidates.length ? lineageFeatures(r.candidates) : null,
        right: !!top && c.predecessors.some((g) => overlaps(top, g)),
        repeats: !!c.gold.predecessors,
      });
    }
  }
  const w = fit(rows, l2);
  console.log(`rows ${rows.length}, L2 ${l2}`);
  console.log(LINEAGE_FEATURE_NAMES.map((n, i) => `${n} ${w[i]}`).join(", "));
  console.log(`LINEAGE_WEIGHTS = [${w.join(", ")}]`);
  for (const [train, test] of [
    ["hailar", "hebei"],
    ["hebei", "hailar"],
  ] as const) {
    report(
      rows.filter((r) => r.dataset === test),
      fit(
        rows.filter((r) => r.dataset === train),
        l2,
      ),
      `fitted on ${train}, tested on ${test}`,
    );
  }
  report(rows, w, "fitted and tested on all");
  report(rows, LINEAGE_WEIGHTS, "current LINEAGE_WEIGHTS on all");
}

main();
