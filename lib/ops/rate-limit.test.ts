import { describe, expect, it } from "vitest";
import {
  FailureRateLimiter,
  handleLimiterMessage,
  sharedLimiter,
  sharedLimiterOp,
  type LimiterOp,
  type LimiterReply,
} from "./rate-limit";

const MIN = 60_000;
const t0 = Date.UTC(2026, 0, 1, 12);

describe("FailureRateLimiter", () => {
  it("counts down, then blocks after `limit` failures within the window", () => {
    const l = new FailureRateLimiter({ limit: 3, windowMs: 10 * MIN });
    expect(l.check("a", t0)).toEqual({ blocked: false, remaining: 3 });
    expect(l.recordFailure("a", t0)).toEqual({ blocked: false, remaining: 2 });
    expect(l.recordFailure("a", t0 + MIN)).toEqual({ blocked: false, remaining: 1 });
    const third = l.recordFailure("a", t0 + 2 * MIN);
    expect(third).toEqual({ blocked: true, retryAfterMs: 8 * MIN });
    // Blocked: until the oldest of the three leaves the window.
    expect(l.check("a", t0 + 9 * MIN)).toEqual({ blocked: true, retryAfterMs: MIN });
    expect(l.check("a", t0 + 10 * MIN)).toEqual({ blocked: false, remaining: 1 });
  });

  it("keeps clients apart", () => {
    const l = new FailureRateLimiter({ limit: 2, windowMs: MIN });
    l.recordFailure("a", t0);
    l.recordFailure("a", t0);
    expect(l.check("a", t0).blocked).toBe(true);
    expect(l.check("b", t0)).toEqual({ blocked: false, remaining: 2 });
  });

  it("slides: failures older than the window no longer count", () => {
    const l = new FailureRateLimiter({ limit: 3, windowMs: 10 * MIN });
    l.recordFailure("a", t0);
    l.recordFailure("a", t0 + 5 * MIN);
    expect(l.check("a", t0 + 11 * MIN)).toEqual({ blocked: false, remaining: 2 });
    l.recordFailure("a", t0 + 12 * MIN);
    expect(l.check("a", t0 + 12 * MIN)).toEqual({ blocked: false, remaining: 1 });
  });

  it("a failure taken back (forgive) no longer counts; unknown keys and times are ignored", () => {
    const l = new FailureRateLimiter({ limit: 2, windowMs: MIN });
    l.recordFailure("a", t0);
    l.recordFailure("a", t0 + 1);
    expect(l.check("a", t0 + 1).blocked).toBe(true);
    l.forgive("a", t0 + 1);
    expect(l.check("a", t0 + 1)).toEqual({ blocked: false, remaining: 1 });
    l.forgive("a", t0 + 999);
    l.forgive("nobody", t0);
    expect(l.check("a", t0 + 1)).toEqual({ blocked: false, remaining: 1 });
    l.forgive("a", t0);
    expect(l.size).toBe(0);
  });

  it("ignores failures dated in the future (clock skew)", () => {
    const l = new FailureRateLimiter({ limit: 1, windowMs: MIN });
    l.recordFailure("a", t0 + 5 * MIN);
    expect(l.check("a", t0).blocked).toBe(false);
  });

  it("tracks at most maxKeys keys, dropping those that failed longest ago", () => {
    const l = new FailureRateLimiter({ limit: 2, windowMs: 10 * MIN, maxKeys: 100 });
    for (let i = 0; i < 1000; i++) l.recordFailure(`k${i}`, t0 + i);
    expect(l.size).toBe(100);
    expect(l.check("k999", t0 + 1000)).toEqual({ blocked: false, remaining: 1 });
    expect(l.check("k0", t0 + 1000)).toEqual({ blocked: false, remaining: 2 });
  });

  it("expired keys are dropped before live ones when room is needed", () => {
    const l = new FailureRateLimiter({ limit: 1, windowMs: MIN, maxKeys: 2 });
    l.recordFailure("live", t0 + 30_000);
    l.recordFailure("old", t0);
    l.recordFailure("new", t0 + 70_000); // "old" has left its window by now
    expect(l.check("live", t0 + 70_000).blocked).toBe(true);
    expect(l.size).toBe(2);
  });

  it("refuses nonsense options", () => {
    expect(() => new FailureRateLimiter({ limit: 0, windowMs: MIN })).toThrow();
    expect(() => new FailureRateLimiter({ limit: 1.5, windowMs: MIN })).toThrow();
    expect(() => new FailureRateLimiter({ limit: 1, windowMs: 0 })).toThrow();
  });
});

describe("sharedLimiter", () => {
  it("is one instance per name in the process", () => {
    const a = sharedLimiter("test-shared", { limit: 2, windowMs: MIN });
    a.recordFailure("x", t0);
    expect(sharedLimiter("test-shared", { limit: 2, windowMs: MIN })).toBe(a);
    expect(sharedLimiter("test-other", { limit: 2, windowMs: MIN })).not.toBe(a);
  });
});

describe("begin", () => {
  it("counts an attempt up front, returns the state before it, and refuses without counting once blocked", () => {
    const l = new FailureRateLimiter({ limit: 2, windowMs: MIN });
    expect(l.begin("a", 1000)).toEqual({ blocked: false, remaining: 2 });
    expect(l.begin("a", 1001)).toEqual({ blocked: false, remaining: 1 });
    expect(l.begin("a", 1002)).toMatchObject({ blocked: true });
    l.forgive("a", 1001);
    expect(l.check("a", 1003)).toEqual({ blocked: false, remaining: 1 });
  });
});

describe("limiter requests from serve's workers", () => {
  it("answers a well-formed request on the named limiter of this process", () => {
    const replies: LimiterReply[] = [];
    const ask = (op: LimiterOp, id: number, now = 5000) =>
      handleLimiterMessage(
        { duixianLimiter: { id, name: "test-ipc", limit: 1, windowMs: MIN, op, key: "k", now } },
        (r) => replies.push(r),
      );
    ask("begin", 1);
    ask("check", 2);
    ask("forgive", 3);
    ask("check", 4);
    ask("record", 5, 6000);
    expect(replies).toEqual([
      { duixianLimiterReply: { id: 1, state: { blocked: false, remaining: 1 } } },
      { duixianLimiterReply: { id: 2, state: { blocked: true, retryAfterMs: MIN } } },
      { duixianLimiterReply: { id: 3, state: null } },
      { duixianLimiterReply: { id: 4, state: { blocked: false, remaining: 1 } } },
      { duixianLimiterReply: { id: 5, state: { blocked: true, retryAfterMs: MIN } } },
    ]);
  });

  it("ignores any other message (Next's own, or malformed ones)", () => {
    const replies: unknown[] = [];
    for (const m of [
      null,
      "x",
      { nextServerReady: true },
      {
        duixianLimiter: { id: 1, name: "n", limit: 0, windowMs: 1, op: "check", key: "k", now: 1 },
      },
      { duixianLimiter: { id: 1, name: "n", limit: 1, windowMs: 1, op: "drop", key: "k", now: 1 } },
    ])
      handleLimiterMessage(m, (r) => replies.push(r));
    expect(replies).toEqual([]);
  });

  it("outside a worker of serve, sharedLimiterOp uses this process's limiter", async () => {
    expect(
      await sharedLimiterOp("test-local-op", { limit: 1, windowMs: MIN }, "begin", "k", 1000),
    ).toEqual({ blocked: false, remaining: 1 });
    expect(
      await sharedLimiterOp("test-local-op", { limit: 1, windowMs: MIN }, "check", "k", 1001),
    ).toMatchObject({ blocked: true });
    expect(sharedLimiter("test-local-op", { limit: 1, windowMs: MIN }).size).toBe(1);
  });
});
