/**
 * The sign-in lockout rule, pure so it can be unit-tested with fixed clocks:
 * after MAX_FAILURES failed sign-ins for one email within WINDOW_MS, further attempts are
 * refused until the oldest of those failures leaves the window.
 */
export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;

export type LockoutState = { locked: false; remaining: number } | { locked: true; retryAfterMs: number };

/**
 * Decides whether an email is locked. `failures` are the times of failed attempts since the last
 * successful sign-in (any order); only those within the window count.
 */
export function evaluateLockout(failures: readonly Date[], now: Date): LockoutState {
  const recent = failures
    .map((d) => d.getTime())
    .filter((t) => t > now.getTime() - WINDOW_MS && t <= now.getTime())
    .sort((a, b) => b - a);
  if (recent.length < MAX_FAILURES) return { locked: false, remaining: MAX_FAILURES - recent.length };
  // Locked until the MAX_FAILURES-th most recent failure is older than the window.
  const pivot = recent[MAX_FAILURES - 1];
  return { locked: true, retryAfterMs: Math.max(1000, pivot + WINDOW_MS - now.getTime()) };
}

/** Normalises an email for lookups and lockout bookkeeping. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
