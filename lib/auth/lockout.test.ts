import { describe, expect, it } from "vitest";
import {
  ACCOUNT_MAX_FAILURES,
  ADDRESS_MAX_FAILURES,
  evaluateLockout,
  evaluateSignIn,
  listActiveLocks,
  MAX_FAILURES,
  normalizeEmail,
  signInLimits,
  WINDOW_MS,
  type SignInAttempt,
} from "./lockout";

const now = new Date("2026-01-01T12:00:00Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

describe("evaluateLockout", () => {
  it("is open with no failures", () => {
    expect(evaluateLockout([], now)).toEqual({ locked: false, remaining: MAX_FAILURES });
  });

  it("counts down the remaining attempts", () => {
    expect(evaluateLockout([minutesAgo(1), minutesAgo(2)], now)).toEqual({
      locked: false,
      remaining: 3,
    });
    expect(evaluateLockout([1, 2, 3, 4].map(minutesAgo), now)).toEqual({
      locked: false,
      remaining: 1,
    });
  });

  it("locks after 5 failures within 15 minutes", () => {
    const state = evaluateLockout([1, 2, 3, 4, 5].map(minutesAgo), now);
    expect(state.locked).toBe(true);
    // The 5th most recent failure (5 minutes ago) leaves the window in 10 minutes.
    if (state.locked) expect(state.retryAfterMs).toBe(10 * 60_000);
  });

  it("ignores failures older than the window", () => {
    expect(evaluateLockout([1, 2, 3, 4, 16, 20, 30].map(minutesAgo), now)).toEqual({
      locked: false,
      remaining: 1,
    });
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

const fail = (email: string, address: string, minutes: number): SignInAttempt => ({
  email,
  address,
  success: false,
  at: minutesAgo(minutes),
});
const succeed = (email: string, address: string, minutes: number): SignInAttempt => ({
  email,
  address,
  success: true,
  at: minutesAgo(minutes),
});
const times = (n: number, make: (i: number) => SignInAttempt) =>
  Array.from({ length: n }, (_, i) => make(i));

describe("evaluateSignIn: per account and address, per account, per address", () => {
  const who = { email: "a@x.test", address: "203.0.113.5" };

  it("locks an account for the address that failed 5 times, and only for it", () => {
    const attempts = times(MAX_FAILURES, (i) => fail(who.email, who.address, i + 1));
    expect(evaluateSignIn(attempts, who, now)).toMatchObject({
      locked: true,
      scope: "account-address",
    });
    // The owner, from another address, is not locked out by a stranger's 5 guesses.
    expect(evaluateSignIn(attempts, { ...who, address: "198.51.100.7" }, now)).toMatchObject({
      locked: false,
    });
  });

  it("locks an account everywhere after 20 failures from several addresses", () => {
    const spread = times(ACCOUNT_MAX_FAILURES, (i) =>
      fail(who.email, `10.0.0.${i % 5}`, (i % 10) + 1),
    );
    expect(evaluateSignIn(spread, { ...who, address: "198.51.100.7" }, now)).toMatchObject({
      locked: true,
      scope: "account",
    });
    expect(evaluateSignIn(spread.slice(1), { ...who, address: "198.51.100.7" }, now)).toMatchObject(
      { locked: false },
    );
  });

  it("locks an address that fails 30 times over many accounts, even for an account it never tried", () => {
    const spray = times(ADDRESS_MAX_FAILURES, (i) => fail(`user${i}@x.test`, who.address, 1));
    expect(
      evaluateSignIn(spray, { email: "fresh@x.test", address: who.address }, now),
    ).toMatchObject({ locked: true, scope: "address" });
    expect(
      evaluateSignIn(spray, { email: "fresh@x.test", address: "198.51.100.7" }, now),
    ).toMatchObject({ locked: false });
  });

  it("a successful sign-in clears the failures before it from the same address, not a stranger's", () => {
    const before = times(4, (i) => fail(who.email, who.address, i + 2));
    const after = times(4, (i) => fail(who.email, who.address, 0.5 - i * 0.1));
    expect(
      evaluateSignIn([...before, succeed(who.email, who.address, 1), ...after], who, now),
    ).toEqual({ locked: false, remaining: 1 });
    // The owner signing in from elsewhere does not give the stranger's address five more guesses.
    expect(
      evaluateSignIn([...before, succeed(who.email, "198.51.100.7", 1), ...after], who, now),
    ).toMatchObject({ locked: true, scope: "account-address" });
  });

  it("reports the limit that frees last", () => {
    const attempts = [
      ...times(MAX_FAILURES, (i) => fail(who.email, who.address, 14 - i)),
      ...times(ADDRESS_MAX_FAILURES, (i) => fail(`u${i}@x.test`, who.address, 1)),
    ];
    const state = evaluateSignIn(attempts, who, now);
    expect(state).toMatchObject({ locked: true, scope: "address", retryAfterMs: 14 * 60_000 });
  });

  it("the address limit can be raised for a shared NAT, never lowered", () => {
    expect(signInLimits({ DUIXIAN_SIGNIN_ADDRESS_LIMIT: "500" }).perAddress).toBe(500);
    expect(signInLimits({ DUIXIAN_SIGNIN_ADDRESS_LIMIT: "3" }).perAddress).toBe(
      ADDRESS_MAX_FAILURES,
    );
    expect(signInLimits({ DUIXIAN_SIGNIN_ADDRESS_LIMIT: "lots" }).perAddress).toBe(
      ADDRESS_MAX_FAILURES,
    );
    expect(signInLimits({})).toEqual({
      perAccountAddress: MAX_FAILURES,
      perAccount: ACCOUNT_MAX_FAILURES,
      perAddress: ADDRESS_MAX_FAILURES,
    });
  });
});

describe("listActiveLocks", () => {
  it("lists locked accounts (with how many addresses) and locked addresses, not open ones", () => {
    const attempts = [
      ...times(MAX_FAILURES, (i) => fail("locked@x.test", "203.0.113.5", i + 1)),
      ...times(2, (i) => fail("open@x.test", "203.0.113.6", i + 1)),
      ...times(ADDRESS_MAX_FAILURES, (i) => fail(`spray${i}@x.test`, "203.0.113.9", 2)),
    ];
    const locks = listActiveLocks(attempts, now);
    expect(locks.map((l) => `${l.scope}:${l.key}`).sort()).toEqual([
      "account:locked@x.test",
      "address:203.0.113.9",
    ]);
    expect(locks.find((l) => l.key === "locked@x.test")).toMatchObject({
      failures: MAX_FAILURES,
      addresses: 1,
      retryAfterMs: 10 * 60_000,
    });
  });

  it("forgets an account's failures before its last success", () => {
    const attempts = [
      ...times(MAX_FAILURES, (i) => fail("a@x.test", "203.0.113.5", i + 2)),
      succeed("a@x.test", "203.0.113.5", 1),
    ];
    expect(listActiveLocks(attempts, now)).toEqual([]);
  });
});

describe("normalizeEmail", () => {
  it("trims and lower-cases", () => {
    expect(normalizeEmail("  Analyst@Duixian.TEST ")).toBe("analyst@duixian.test");
  });
});
