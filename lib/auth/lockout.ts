/**
 * The sign-in lockout rules, pure so they can be unit-tested with fixed clocks.
 *
 * Three limits, each over the failures of the last WINDOW_MS:
 * - **account from one address**: MAX_FAILURES (5) failed passwords for one email from one client
 *   address lock that email *for that address*. This is what a guesser meets: at most 5 passwords
 *   are checked per window per address, however many requests arrive at once (the attempt is
 *   reserved before the password is hashed, see lib/users/mutations.ts).
 * - **account from anywhere**: ACCOUNT_MAX_FAILURES (20) failures for one email, from any number of
 *   addresses, lock the email everywhere: guessing spread over many addresses stays slow. Locking a
 *   stranger's account now takes 4 addresses instead of 5 requests, and an admin can lift it.
 * - **address**: ADDRESS_MAX_FAILURES (30) failures from one address, over any emails, lock that
 *   address: trying one password on many accounts is slowed down as well.
 * A successful sign-in clears what came before it: from the same address for the first limit (the
 * owner's sign-in elsewhere does not reopen a stranger's address), from anywhere for the second;
 * the address limit is never cleared by a success. An admin lifting a lock marks its failures
 * uncounted.
 */
export const MAX_FAILURES = 5;
export const ACCOUNT_MAX_FAILURES = 20;
export const ADDRESS_MAX_FAILURES = 30;
export const WINDOW_MS = 15 * 60 * 1000;

/** One recorded attempt, as the rules need it. */
export type SignInAttempt = { email: string; address: string; success: boolean; at: Date };

export type LockScope = "account-address" | "account" | "address";

export type LockoutState =
  { locked: false; remaining: number } | { locked: true; retryAfterMs: number; scope: LockScope };

/**
 * The lock over a set of failure times: locked once `max` of them fall in the window ending at
 * `now`, until the `max`-th most recent leaves it. Failures dated in the future (clock skew) and
 * outside the window are ignored.
 */
export function evaluateLockout(
  failures: readonly Date[],
  now: Date,
  max = MAX_FAILURES,
): { locked: false; remaining: number } | { locked: true; retryAfterMs: number } {
  const recent = failures
    .map((d) => d.getTime())
    .filter((t) => t > now.getTime() - WINDOW_MS && t <= now.getTime())
    .sort((a, b) => b - a);
  if (recent.length < max) return { locked: false, remaining: max - recent.length };
  const pivot = recent[max - 1];
  return { locked: true, retryAfterMs: Math.max(1000, pivot + WINDOW_MS - now.getTime()) };
}

/** The limits in force (the address limit can be raised by the operator, e.g. behind a shared NAT). */
export type SignInLimits = { perAccountAddress: number; perAccount: number; perAddress: number };

export const DEFAULT_LIMITS: SignInLimits = {
  perAccountAddress: MAX_FAILURES,
  perAccount: ACCOUNT_MAX_FAILURES,
  perAddress: ADDRESS_MAX_FAILURES,
};

/**
 * The limits in force: the defaults, with the address limit raisable (never lowered) by
 * DUIXIAN_SIGNIN_ADDRESS_LIMIT, for many people signing in behind one NAT address.
 */
export function signInLimits(env: Record<string, string | undefined> = process.env): SignInLimits {
  const raw = Number(env.DUIXIAN_SIGNIN_ADDRESS_LIMIT);
  return {
    ...DEFAULT_LIMITS,
    perAddress:
      Number.isInteger(raw) && raw >= ADDRESS_MAX_FAILURES && raw <= 100_000
        ? raw
        : ADDRESS_MAX_FAILURES,
  };
}

/**
 * Whether one more password may be checked for `email` from `address`, given the attempts of the
 * window that concern either (any order; the caller may pass more). Locked by the limit that
 * frees last when several apply; `remaining` is what is left of the tightest limit.
 */
export function evaluateSignIn(
  attempts: readonly SignInAttempt[],
  who: { email: string; address: string },
  now: Date,
  limits: SignInLimits = DEFAULT_LIMITS,
): LockoutState {
  let lastSuccess = 0;
  let lastSuccessHere = 0;
  for (const a of attempts) {
    if (!a.success || a.email !== who.email) continue;
    lastSuccess = Math.max(lastSuccess, a.at.getTime());
    if (a.address === who.address) lastSuccessHere = Math.max(lastSuccessHere, a.at.getTime());
  }
  const failures = attempts.filter((a) => !a.success);
  const ofAccount = failures.filter((a) => a.email === who.email && a.at.getTime() > lastSuccess);
  const ofAccountHere = failures.filter(
    (a) => a.email === who.email && a.address === who.address && a.at.getTime() > lastSuccessHere,
  );
  const checks: [LockScope, Date[], number][] = [
    ["account-address", ofAccountHere.map((a) => a.at), limits.perAccountAddress],
    ["account", ofAccount.map((a) => a.at), limits.perAccount],
    [
      "address",
      failures.filter((a) => a.address === who.address).map((a) => a.at),
      limits.perAddress,
    ],
  ];
  let locked: { retryAfterMs: number; scope: LockScope } | null = null;
  let remaining = Infinity;
  for (const [scope, times, max] of checks) {
    const state = evaluateLockout(times, now, max);
    if (state.locked) {
      if (!locked || state.retryAfterMs > locked.retryAfterMs)
        locked = { retryAfterMs: state.retryAfterMs, scope };
    } else remaining = Math.min(remaining, state.remaining);
  }
  return locked ? { locked: true, ...locked } : { locked: false, remaining };
}

/** A lock in force, for the admin's list. */
export type ActiveLock = {
  scope: "account" | "address";
  key: string;
  failures: number;
  addresses: number;
  /** Account locks: locked from every address (the account-wide limit), not only from those that failed. */
  everywhere: boolean;
  retryAfterMs: number;
};

/**
 * Every lock in force at `now`, from the failures and successes of the window: accounts locked
 * everywhere or from at least one address, and addresses locked over all accounts.
 */
export function listActiveLocks(
  attempts: readonly SignInAttempt[],
  now: Date,
  limits: SignInLimits = DEFAULT_LIMITS,
): ActiveLock[] {
  const locks: ActiveLock[] = [];
  const byEmail = new Map<string, SignInAttempt[]>();
  const byAddress = new Map<string, Date[]>();
  for (const a of attempts) {
    byEmail.set(a.email, [...(byEmail.get(a.email) ?? []), a]);
    if (!a.success) byAddress.set(a.address, [...(byAddress.get(a.address) ?? []), a.at]);
  }
  for (const [email, mine] of byEmail) {
    const successes = mine.filter((a) => a.success);
    const lastSuccess = Math.max(0, ...successes.map((a) => a.at.getTime()));
    const failures = mine.filter((a) => !a.success);
    const fromAddress = new Map<string, Date[]>();
    for (const a of failures)
      fromAddress.set(a.address, [...(fromAddress.get(a.address) ?? []), a.at]);
    let retryAfterMs = 0;
    const all = evaluateLockout(
      failures.filter((a) => a.at.getTime() > lastSuccess).map((a) => a.at),
      now,
      limits.perAccount,
    );
    if (all.locked) retryAfterMs = all.retryAfterMs;
    for (const [address, times] of fromAddress) {
      const lastHere = Math.max(
        0,
        ...successes.filter((a) => a.address === address).map((a) => a.at.getTime()),
      );
      const s = evaluateLockout(
        times.filter((t) => t.getTime() > lastHere),
        now,
        limits.perAccountAddress,
      );
      if (s.locked) retryAfterMs = Math.max(retryAfterMs, s.retryAfterMs);
    }
    if (retryAfterMs > 0)
      locks.push({
        scope: "account",
        key: email,
        failures: failures.length,
        addresses: fromAddress.size,
        everywhere: all.locked,
        retryAfterMs,
      });
  }
  for (const [address, times] of byAddress) {
    const s = evaluateLockout(times, now, limits.perAddress);
    if (s.locked)
      locks.push({
        scope: "address",
        key: address,
        failures: times.length,
        addresses: 1,
        everywhere: true,
        retryAfterMs: s.retryAfterMs,
      });
  }
  return locks.sort((a, b) => b.retryAfterMs - a.retryAfterMs);
}

/** Normalises an email for lookups and lockout bookkeeping. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
