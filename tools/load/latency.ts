/**
 * Latency bookkeeping for the load test and the benchmarks: exact percentiles over every sample
 * (runs are bounded in count, so all samples fit in memory), errors per endpoint, and a table.
 */
import { readdirSync, readFileSync } from "node:fs";

/** The q-quantile (0..1) of sorted samples, nearest rank: the smallest value with at least q of the samples at or below it. */
export function percentile(sorted: readonly number[], q: number): number {
  if (!sorted.length) return NaN;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export type LatencySummary = {
  count: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
};

/** Summary of a set of samples (any order). */
export function summarize(samples: readonly number[], errors = 0): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.length ? sorted.reduce((s, x) => s + x, 0) / sorted.length : NaN;
  return {
    count: sorted.length,
    errors,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? NaN,
    mean,
  };
}

/** Samples and errors by endpoint name; a failed request counts as a sample and as an error. */
export class LatencyRecorder {
  private readonly samples = new Map<string, number[]>();
  private readonly errorCounts = new Map<string, number>();
  /** The first few distinct error descriptions, for the report. */
  readonly errorSamples: string[] = [];

  record(endpoint: string, ms: number, error?: string): void {
    let list = this.samples.get(endpoint);
    if (!list) this.samples.set(endpoint, (list = []));
    list.push(ms);
    if (error !== undefined) {
      this.errorCounts.set(endpoint, (this.errorCounts.get(endpoint) ?? 0) + 1);
      const line = `${endpoint}: ${error}`;
      if (this.errorSamples.length < 10 && !this.errorSamples.includes(line))
        this.errorSamples.push(line);
    }
  }

  get total(): number {
    let n = 0;
    for (const list of this.samples.values()) n += list.length;
    return n;
  }

  /** Per endpoint (in first-seen order) and overall. */
  summary(): { endpoints: (LatencySummary & { endpoint: string })[]; total: LatencySummary } {
    const endpoints = [...this.samples].map(([endpoint, list]) => ({
      endpoint,
      ...summarize(list, this.errorCounts.get(endpoint) ?? 0),
    }));
    const all = [...this.samples.values()].flat();
    const errors = [...this.errorCounts.values()].reduce((s, x) => s + x, 0);
    return { endpoints, total: summarize(all, errors) };
  }
}

/** Columns a string takes in a terminal: CJK and full-width characters take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s)
    w +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
        ch,
      )
        ? 2
        : 1;
  return w;
}

const padEnd = (s: string, width: number) => s + " ".repeat(Math.max(0, width - displayWidth(s)));

const ms = (x: number) => (Number.isNaN(x) ? "—" : x >= 100 ? `${Math.round(x)}` : x.toFixed(1));

/** A plain-text table of summaries; `seconds` adds a requests-per-second column. */
export function formatTable(
  rows: (LatencySummary & { name: string })[],
  seconds?: number,
  labels: { name: string; count: string } = { name: "endpoint", count: "requests" },
): string {
  const w = Math.max(labels.name.length, ...rows.map((r) => displayWidth(r.name)));
  const head = `${padEnd(labels.name, w)}  ${labels.count.padStart(8)}  ${"errors".padStart(6)}  ${"p50 ms".padStart(7)}  ${"p95 ms".padStart(7)}  ${"p99 ms".padStart(7)}  ${"max ms".padStart(7)}${seconds ? `  ${"req/s".padStart(7)}` : ""}`;
  const lines = rows.map(
    (r) =>
      `${padEnd(r.name, w)}  ${String(r.count).padStart(8)}  ${String(r.errors).padStart(6)}  ${ms(r.p50).padStart(7)}  ${ms(r.p95).padStart(7)}  ${ms(r.p99).padStart(7)}  ${ms(r.max).padStart(7)}` +
      (seconds ? `  ${(r.count / seconds).toFixed(1).padStart(7)}` : ""),
  );
  return [head, "-".repeat(displayWidth(head)), ...lines].join("\n");
}

/** CPU time (user + system) a local process has used so far, in ms; null when it cannot be read (not Linux, no such process). */
export function processCpuMs(pid: number): number | null {
  try {
    // /proc/PID/stat: fields after the command name; utime and stime are the 12th and 13th, in clock ticks (100 per second on Linux).
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** The live children of a local process (Linux: /proc/PID/task/TID/children). */
function childPids(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8")
        .split(" ")
        .filter(Boolean)
        .map(Number),
    );
  } catch {
    return [];
  }
}

/**
 * CPU time of a process and all its live descendants, in ms: a `serve` process and its `next
 * start` workers (pass the pid that listens on the port, the cluster primary). Null when the
 * process itself cannot be read.
 */
export function processTreeCpuMs(pid: number): number | null {
  const own = processCpuMs(pid);
  if (own === null) return null;
  return childPids(pid).reduce((sum, child) => sum + (processTreeCpuMs(child) ?? 0), own);
}
