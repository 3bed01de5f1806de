/**
 * Fits the suggestion model of rate-suggestions.ts on the gold (`npx tsx
 * lib/evidence/__eval__/fit-confidence.ts`): a logistic regression over suggestionFeatures of every
 * shown suggestion (top 3, end to end), labelled right when it overlaps a gold quote. Prints the
 * weights to paste into MODEL_WEIGHTS, how well levels hold when fitted on one data set and tested
 * on the other, and the silence threshold sweep (pledges without evidence called silent versus right
 * evidence still shown first).
 *
 * Flags: --l2 N (default 1).
 */
import { suggestEvidence } from "../suggest-evidence";
import {
  FAIR_PROBABILITY,
  FEATURE_NAMES,
  MODEL_WEIGHTS,
  probabilityOf,
  suggestionFeatures,
} from "../rate-suggestions";
import { loadGoldCases, overlaps } from "./gold-cases";

const args = process.argv.slice(2);
const l2 = args.includes("--l2") ? Number(args[args.indexOf("--l2") + 1]) : 1;

interface Row {
  dataset: string;
  features: number[];
  right: boolean;
  rank: number;
  silent: boolean;
}

/** Plain batch gradient descent on the L2-penalised log loss (bias not penalised). */
function fit(rows: Row[], penalty: number, steps = 6000, rate = 1): number[] {
  const k = rows[0].features.length;
  const w = new Array<number>(k).fill(0);
  for (let step = 0; step < steps; step++) {
    const g = new Array<number>(k).fill(0);
    for (const r of rows) {
      const err = probabilityOf(r.features, w) - (r.right ? 1 : 0);
      for (let j = 0; j < k; j++) g[j] += err * r.features[j];
    }
    for (let j = 0; j < k; j++)
      w[j] -= (rate * (g[j] + (j === 0 ? 0 : penalty * w[j]))) / rows.length;
  }
  return w.map((x) => Math.round(x * 1000) / 1000);
}

function pct(a: number, b: number): string {
  return b ? `${((100 * a) / b).toFixed(1)}%` : "n/a";
}

function calibration(rows: Row[], w: readonly number[], label: string): void {
  const bands: [number, number][] = [
    [0, FAIR_PROBABILITY],
    [FAIR_PROBABILITY, 0.7],
    [0.7, 1.01],
  ];
  const parts = bands.map(([lo, hi]) => {
    const inBand = rows.filter((r) => {
      const p = probabilityOf(r.features, w);
      return p >= lo && p < hi;
    });
    return `[${lo}, ${Math.min(hi, 1)}) n=${inBand.length} right ${pct(inBand.filter((r) => r.right).length, inBand.length)}`;
  });
  console.log(`${label.padEnd(34)} ${parts.join("  ")}`);
}

function sweep(
  rows: Row[],
  pledgesWithout: number,
  pledgesWithNone: number,
  w: readonly number[],
): void {
  const tops = rows.filter((r) => r.rank === 0);
  const withEvidence = tops.filter((r) => !r.silent).length;
  for (const th of [0.3, 0.4, 0.45, 0.5, 0.55, 0.6]) {
    const called =
      tops.filter((r) => r.silent && probabilityOf(r.features, w) < th).length + pledgesWithNone;
    const shown = tops.filter((r) => r.right && probabilityOf(r.features, w) >= th).length;
    console.log(
      `  threshold ${th.toFixed(2)}: silent pledges called silent ${pct(called, pledgesWithout)}, right evidence shown first ${pct(shown, withEvidence)}`,
    );
  }
}

function main(): void {
  const rows: Row[] = [];
  let silentPledges = 0;
  let silentWithNothing = 0;
  for (const p of loadGoldCases()) {
    for (const c of p.cases) {
      if (!c.endToEnd) continue;
      const list = suggestEvidence(c.index, c.endToEnd, { top: 3 });
      if (!c.gold.evidence) silentPledges++;
      if (!list.length && !c.gold.evidence) silentWithNothing++;
      list.forEach((s, i) =>
        rows.push({
          dataset: p.dataset,
          features: suggestionFeatures(list, i),
          right: c.quotes.some((q) => overlaps(s, q)),
          rank: i,
          silent: !c.gold.evidence,
        }),
      );
    }
  }
  const w = fit(rows, l2);
  console.log(`rows ${rows.length}, L2 ${l2}`);
  console.log(FEATURE_NAMES.map((n, i) => `${n} ${w[i]}`).join(", "));
  console.log(`MODEL_WEIGHTS = [${w.join(", ")}]`);
  for (const [train, test] of [
    ["hailar", "hebei"],
    ["hebei", "hailar"],
  ]) {
    calibration(
      rows.filter((r) => r.dataset === test),
      fit(
        rows.filter((r) => r.dataset === train),
        l2,
      ),
      `fitted on ${train}, tested on ${test}`,
    );
  }
  calibration(rows, w, "fitted and tested on all");
  calibration(rows, MODEL_WEIGHTS, "current MODEL_WEIGHTS on all");
  console.log("silence (top suggestion below the threshold), fitted weights:");
  sweep(rows, silentPledges, silentWithNothing, w);
}

main();
