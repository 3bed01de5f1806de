import { describe, expect, it } from "vitest";
import {
  assessmentIn,
  hashString,
  LoadUsageError,
  parseLoadArgs,
  pickWeighted,
  prng,
  SCENARIOS,
} from "./load";

describe("parseLoadArgs", () => {
  it("defaults to 50 users for 60 s, at most 100,000 requests, no think time, bar p95 500 ms", () => {
    const o = parseLoadArgs(["--url", "http://127.0.0.1:3303"], "/repo");
    expect(o).toMatchObject({
      users: 50,
      durationS: 60,
      maxRequests: 100_000,
      thinkMs: 0,
      reports: 20,
      p95BarMs: 500,
      nextDir: "/repo/.next",
    });
    expect(o.url.origin).toBe("http://127.0.0.1:3303");
  });
  it("reads options in both spellings", () => {
    const o = parseLoadArgs(
      [
        "--url=http://127.0.0.1:3304",
        "--users",
        "8",
        "--duration=5",
        "--max-requests",
        "300",
        "--think-ms",
        "250",
        "--next-dir",
        "/x/.next",
        "--server-pid",
        "4242",
      ],
      "/repo",
    );
    expect(o).toMatchObject({
      users: 8,
      durationS: 5,
      maxRequests: 300,
      thinkMs: 250,
      nextDir: "/x/.next",
      serverPid: 4242,
    });
  });
  it("refuses another host, a missing url, unknown options and unbounded runs", () => {
    for (const argv of [
      ["--url", "http://localhost:3000"],
      ["--url", "http://192.168.1.5:3000"],
      [],
      ["--url", "http://127.0.0.1:3000", "--rate", "5"],
      ["--url", "http://127.0.0.1:3000", "--duration", "0"],
      ["--url", "http://127.0.0.1:3000", "--duration", "3600"],
      ["--url", "http://127.0.0.1:3000", "--max-requests", "1e9"],
      ["--url", "http://127.0.0.1:3000", "--users", "1000"],
      ["--url", "http://127.0.0.1:3000", "--users"],
      ["--url", "http://127.0.0.1:3000", "extra"],
    ]) {
      expect(() => parseLoadArgs(argv), argv.join(" ")).toThrow(LoadUsageError);
    }
  });
});

describe("traffic mix", () => {
  it("analysts never review and reviewers never assess; both read reports and pledges", () => {
    const names = (role: "analyst" | "reviewer") =>
      SCENARIOS.filter((s) => s.weight[role] > 0).map((s) => s.name);
    expect(names("analyst")).toContain("assess");
    expect(names("analyst")).not.toContain("review");
    expect(names("reviewer")).toContain("review");
    expect(names("reviewer")).not.toContain("assess");
    for (const role of ["analyst", "reviewer"] as const)
      expect(names(role)).toEqual(
        expect.arrayContaining(["report page", "filtered report page", "pledge evidence page"]),
      );
  });
  it("picks in proportion to the weights", () => {
    const items = [
      { name: "a", weight: { analyst: 1, reviewer: 0 } },
      { name: "b", weight: { analyst: 3, reviewer: 1 } },
    ];
    const rng = prng(7);
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 4000; i++)
      counts[pickWeighted(items, "analyst", rng()).name as "a" | "b"]++;
    expect(counts.a / 4000).toBeGreaterThan(0.2);
    expect(counts.a / 4000).toBeLessThan(0.3);
    for (let i = 0; i < 100; i++) expect(pickWeighted(items, "reviewer", rng()).name).toBe("b");
  });
  it("spreads queued pledges over the reviewers", () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `cm${(i * 7919).toString(36)}x${i}`);
    const buckets = [0, 0, 0, 0];
    for (const id of ids) buckets[hashString(id) % 4]++;
    for (const b of buckets) expect(b).toBeGreaterThan(180);
  });
});

describe("assessmentIn", () => {
  it("reads status, review state and version of the named pledge, whatever its rationale holds", () => {
    const flight = `5:["$","div",null,{"assessment":{"pledgeId":"cmA","reportId":"cmR","status":"partial","rationale":"他说：\\"reviewState\\":\\"x\\"，未完成","reportedValue":null,"reviewState":"returned","version":7,"target":null}}]`;
    expect(assessmentIn(flight, "cmA")).toEqual({
      status: "partial",
      reviewState: "returned",
      version: 7,
    });
    expect(assessmentIn(flight, "cmB")).toBeNull();
  });
});
