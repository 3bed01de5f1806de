/**
 * `npm run bench`: micro-benchmarks of the library, run in one process after warm-up.
 * Each benchmark reports the median (and p90) of repeated runs. Add a benchmark by
 * appending to `benchmarks`; timing is never part of pass/fail tests.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { decodeReport } from "./report/decode";
import { parseReport } from "./report/parse-report";
import { setupEvidenceBench } from "./evidence/bench-evidence";

type Benchmark = {
  name: string;
  /** Budget in milliseconds for the median (shown, not enforced). */
  targetMs: number;
  /** Prepare inputs once; returns the function to time. */
  setup: () => () => unknown;
  runs?: number;
  warmup?: number;
};

const root = path.resolve(__dirname, "..");
const largestReport = path.join(root, "seed/reports/seeds/002_f43de3d8f036b3c9.txt");

const benchmarks: Benchmark[] = [
  {
    name: "parse + extract pledges, largest corpus report (002)",
    targetMs: 100,
    setup: () => {
      const { text } = decodeReport(readFileSync(largestReport), largestReport);
      return () => parseReport(text);
    },
  },
  {
    name: "decode + parse + extract, largest corpus report (002)",
    targetMs: 100,
    setup: () => {
      const bytes = readFileSync(largestReport);
      return () => parseReport(decodeReport(bytes, largestReport).text);
    },
  },
  {
    name: "suggest evidence, every pledge of hailar_2015 → 2016",
    targetMs: 1000,
    setup: setupEvidenceBench,
    runs: 9,
    warmup: 1,
  },
];

function quantile(sorted: number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[i];
}

/** Run every benchmark and print a table; returns the rows for programmatic use. */
export function runBenchmarks(list: Benchmark[] = benchmarks): { name: string; medianMs: number; p90Ms: number; targetMs: number }[] {
  const rows = list.map((b) => {
    const fn = b.setup();
    for (let i = 0; i < (b.warmup ?? 5); i++) fn();
    const times: number[] = [];
    for (let i = 0; i < (b.runs ?? 30); i++) {
      const t0 = performance.now();
      fn();
      times.push(performance.now() - t0);
    }
    times.sort((x, y) => x - y);
    return { name: b.name, medianMs: quantile(times, 0.5), p90Ms: quantile(times, 0.9), targetMs: b.targetMs };
  });
  const w = Math.max(...rows.map((r) => r.name.length), 9);
  const line = `${"benchmark".padEnd(w)}  ${"median".padStart(9)}  ${"p90".padStart(9)}  ${"target".padStart(8)}  ok`;
  process.stdout.write(`${line}\n${"-".repeat(line.length)}\n`);
  for (const r of rows) {
    const ok = r.medianMs <= r.targetMs ? "yes" : "NO";
    process.stdout.write(
      `${r.name.padEnd(w)}  ${`${r.medianMs.toFixed(2)} ms`.padStart(9)}  ${`${r.p90Ms.toFixed(2)} ms`.padStart(9)}  ${`${r.targetMs} ms`.padStart(8)}  ${ok}\n`,
    );
  }
  return rows;
}

runBenchmarks();
