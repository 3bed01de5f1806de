import { describe, expect, it } from "vitest";
import {
  displayWidth,
  formatTable,
  LatencyRecorder,
  percentile,
  processCpuMs,
  processTreeCpuMs,
  summarize,
} from "./latency";

describe("percentile (nearest rank)", () => {
  const xs = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100
  it("takes the smallest sample with at least q of the samples at or below it", () => {
    expect(percentile(xs, 0.5)).toBe(50);
    expect(percentile(xs, 0.95)).toBe(95);
    expect(percentile(xs, 0.99)).toBe(99);
    expect(percentile(xs, 1)).toBe(100);
    expect(percentile(xs, 0)).toBe(1);
  });
  it("copes with one sample and none", () => {
    expect(percentile([7], 0.95)).toBe(7);
    expect(percentile([], 0.5)).toBeNaN();
  });
  it("a few slow requests show in p95 and p99, not in p50", () => {
    const s = summarize([...Array(94).fill(10), ...Array(6).fill(900)]);
    expect(s).toMatchObject({ count: 100, p50: 10, p95: 900, p99: 900, max: 900 });
  });
});

describe("LatencyRecorder", () => {
  it("counts samples and errors per endpoint and overall, keeping a few distinct error lines", () => {
    const r = new LatencyRecorder();
    r.record("GET /a", 5);
    r.record("GET /a", 15, "HTTP 500");
    r.record("GET /a", 25, "HTTP 500");
    r.record("POST b", 40);
    const s = r.summary();
    expect(s.endpoints.map((e) => [e.endpoint, e.count, e.errors])).toEqual([
      ["GET /a", 3, 2],
      ["POST b", 1, 0],
    ]);
    expect(s.total).toMatchObject({ count: 4, errors: 2, max: 40 });
    expect(r.errorSamples).toEqual(["GET /a: HTTP 500"]);
    expect(r.total).toBe(4);
  });
  it("formats a table with a requests-per-second column when given the duration", () => {
    const table = formatTable([{ name: "total", ...summarize([10, 20, 30]) }], 2);
    expect(table.split("\n")[0]).toContain("req/s");
    expect(table.split("\n")[2]).toMatch(/total\s+3\s+0\s+20\.0\s+30\.0\s+30\.0\s+30\.0\s+1\.5$/);
  });
});

describe("displayWidth", () => {
  it("counts CJK characters as two columns, so tables line up", () => {
    expect(displayWidth("q=就业")).toBe(6);
    expect(displayWidth("GET /reports")).toBe(12);
  });
});

describe("processCpuMs", () => {
  it("reads a local process's CPU time, and is null for a process that does not exist", () => {
    if (process.platform !== "linux") return;
    const a = processCpuMs(process.pid)!;
    let x = 0;
    for (let i = 0; i < 3e7; i++) x += i % 7;
    expect(x).toBeGreaterThan(0);
    expect(processCpuMs(process.pid)!).toBeGreaterThanOrEqual(a);
    expect(processCpuMs(2 ** 22 + 7)).toBeNull();
  });
});

describe("processTreeCpuMs", () => {
  it("adds the CPU time of live children to the process's own", async () => {
    const { spawn } = await import("node:child_process");
    // The child spends 300 ms of its own CPU time (not wall time: a busy machine gives it less), then idles.
    const child = spawn(
      process.execPath,
      [
        "-e",
        "const s = process.cpuUsage(); for (;;) { const u = process.cpuUsage(s); if (u.user + u.system >= 300000) break; } setTimeout(() => {}, 10000)",
      ],
      { stdio: "ignore" },
    );
    try {
      for (let waited = 0; (processCpuMs(child.pid!) ?? 0) < 250 && waited < 9000; waited += 100)
        await new Promise((r) => setTimeout(r, 100));
      const own = processCpuMs(process.pid)!;
      const tree = processTreeCpuMs(process.pid)!;
      expect(tree - own).toBeGreaterThanOrEqual(processCpuMs(child.pid!)! - 20);
      expect(processCpuMs(child.pid!)!).toBeGreaterThanOrEqual(200);
      expect(processTreeCpuMs(2 ** 22 + 7)).toBeNull();
    } finally {
      child.kill();
    }
  });
});
