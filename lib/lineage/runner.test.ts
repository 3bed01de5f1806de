import { describe, expect, it } from "vitest";
import { recentFailures } from "./runner";

describe("the lineage worker's retry list", () => {
  it("leaves out reports that failed in the last ten minutes, and forgets older failures", () => {
    const now = 1_000_000_000;
    const failedAt = new Map([
      ["fresh", now - 60_000],
      ["old", now - 11 * 60_000],
    ]);
    expect(recentFailures(failedAt, now)).toEqual(["fresh"]);
    expect([...failedAt.keys()]).toEqual(["fresh"]);
    expect(recentFailures(failedAt, now + 10 * 60_000)).toEqual([]);
  });
});
