import { describe, expect, it } from "vitest";
import { evaluateLockout, MAX_FAILURES, normalizeEmail, WINDOW_MS } from "./lockout";

const now = new Date("2026-01-01T12:00:00Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

describe("evaluateLockout", () => {
  it("is open with no failures", () => {
    expect(evaluateLockout([], now)).toEqual({ locked: false, remaining: MAX_FAILURES });
  });

  it("counts down the remaining attempts", () => {
    expect(evaluateLockout([minutesAgo(1), minutesAgo(2)], now)).toEqual({ locked: false, remaining: 3 });
    expect(evaluateLockout([1, 2, 3, 4].map(minutesAgo), now)).toEqual({ locked: false, remaining: 1 });
  });

  it("locks after 5 failures within 15 minutes", () => {
    const state = evaluateLockout([1, 2, 3, 4, 5].map(minutesAgo), now);
    expect(state.locked).toBe(true);
    // The 5th most recent failure (5 minutes ago) leaves the window in 10 minutes.
    if (state.locked) expect(state.retryAfterMs).toBe(10 * 60_000);
  });

  it("ignores failures older than the window", () => {
    expect(evaluateLockout([1, 2, 3, 4, 16, 20, 30].map(minutesAgo), now)).toEqual({ locked: false, remaining: 1 });
  });

  it("unlocks once the window has passed", () => {
    const failures = [1, 2, 3, 4, 5].map(minutesAgo);
    const later = new Date(now.getTime() + WINDOW_MS);
    expect(evaluateLockout(failures, later).locked).toBe(false);
  });

  it("stays locked while more failures pile up, until the 5th latest leaves the window", () => {
    const failures = [0.5, 1, 2, 3, 4, 14].map(minutesAgo);
    const state = evaluateLockout(failures, now);
    expect(state.locked).toBe(true);
    if (state.locked) expect(state.retryAfterMs).toBe(11 * 60_000);
  });

  it("does not depend on the order of the failures", () => {
    const a = evaluateLockout([5, 1, 3, 2, 4].map(minutesAgo), now);
    const b = evaluateLockout([1, 2, 3, 4, 5].map(minutesAgo), now);
    expect(a).toEqual(b);
  });

  it("ignores failures dated in the future (clock skew)", () => {
    const future = new Date(now.getTime() + 60_000);
    expect(evaluateLockout([future, future, future, future, future], now).locked).toBe(false);
  });
});

describe("normalizeEmail", () => {
  it("trims and lower-cases", () => {
    expect(normalizeEmail("  Analyst@Duixian.TEST ")).toBe("analyst@duixian.test");
  });
});
