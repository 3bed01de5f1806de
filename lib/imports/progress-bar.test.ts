import { describe, expect, it } from "vitest";
import { formatDuration, formatProgressLine } from "./progress-bar";

describe("formatProgressLine", () => {
  it("shows files done of all, the time left at the pace so far, and the file at hand", () => {
    expect(formatProgressLine({ done: 0, total: 4, current: "a.txt", elapsedMs: 0 }, 8)).toBe(
      "[░░░░░░░░] 0/4  a.txt",
    );
    expect(
      formatProgressLine({ done: 1, total: 4, current: "河北/hebei_2010.txt", elapsedMs: 2000 }, 8),
    ).toBe("[██░░░░░░] 1/4 ~0:06 left  河北/hebei_2010.txt");
    expect(formatProgressLine({ done: 4, total: 4, current: null, elapsedMs: 9000 }, 8)).toBe(
      "[████████] 4/4",
    );
  });
  it("shortens long names from the front and formats durations", () => {
    expect(
      formatProgressLine({ done: 0, total: 1, current: "x".repeat(60), elapsedMs: 0 }, 2),
    ).toBe(`[░░] 0/1  …${"x".repeat(39)}`);
    expect(formatDuration(75_000)).toBe("1:15");
  });
});
