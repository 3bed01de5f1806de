/**
 * Evidence benchmark for `npm run bench`: suggestions for every pledge of the largest Hailar pair
 * (hailar_2015 → hailar_2016), parse included, in one process; the bar is < 1 s.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { suggestForPair } from "./suggest-for-pair";

export interface EvidenceBench {
  /** Median wall time of one full suggestForPair run (parse both reports, index, rank all pledges), ms. */
  medianMs: number;
  /** Pledges ranked per run. */
  pledges: number;
  runs: number;
}

const HAILAR_DIR = path.resolve(__dirname, "../../seed/reports/hailar");

/** For tools/bench.ts's table: reads the pair once and returns the function to time (one full suggestForPair). */
export function setupEvidenceBench(): () => unknown {
  const plan = readFileSync(path.join(HAILAR_DIR, "hailar_2015.txt"), "utf8");
  const review = readFileSync(path.join(HAILAR_DIR, "hailar_2016.txt"), "utf8");
  return () => suggestForPair(plan, review);
}

/** Runs suggestForPair on hailar_2015 → hailar_2016 `runs` times (after one warm-up) and returns the median. */
export function benchSuggestForPair(options: { runs?: number } = {}): EvidenceBench {
  const runs = options.runs ?? 7;
  const plan = readFileSync(path.join(HAILAR_DIR, "hailar_2015.txt"), "utf8");
  const review = readFileSync(path.join(HAILAR_DIR, "hailar_2016.txt"), "utf8");
  let pledges = suggestForPair(plan, review).pledges.length; // warm-up: converters, segmenter
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    pledges = suggestForPair(plan, review).pledges.length;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { medianMs: Math.round(times[Math.floor(times.length / 2)] * 10) / 10, pledges, runs };
}
