import { sharedLimiterOp } from "@/lib/ops/rate-limit";

/**
 * Share-token guessing is throttled per client address, without refusing anyone a valid link.
 *
 * After SHARE_LOOKUP_LIMIT failed lookups (unknown, malformed, revoked or expired tokens) within
 * SHARE_LOOKUP_WINDOW_MS, the address is throttled: every lookup is still checked, a valid token
 * still opens its report at once, but a failed one is answered only after
 * SHARE_THROTTLED_FAILURE_DELAY_MS, with 429 and "too many attempts", and counts again — so the
 * throttle lasts as long as the guessing goes on. People behind the same NAT as a guesser (or a
 * colleague with a mistyped link) lose nothing: their links open.
 *
 * Tokens are 192 random bits (lib/shares/mutations.ts): guessing one is infeasible at any rate.
 * The throttle is about noise and the cost of a scan: a guessing client gets slow refusals it
 * can tell apart from a real miss, never a faster answer for trying harder.
 * No database here: the proxy (proxy.ts) asks it too. All workers of `serve` share the counts
 * (lib/ops/rate-limit.ts).
 */
export const SHARE_LOOKUP_LIMIT = 10;
export const SHARE_LOOKUP_WINDOW_MS = 15 * 60 * 1000;
/** How long a throttled client waits for each failed lookup (not for a valid one). */
export const SHARE_THROTTLED_FAILURE_DELAY_MS = 1000;

const OPTIONS = { limit: SHARE_LOOKUP_LIMIT, windowMs: SHARE_LOOKUP_WINDOW_MS };
const NAME = "share-lookup";

export type ShareLookupState = { throttled: false } | { throttled: true; retryAfterMs: number };

function toState(state: Awaited<ReturnType<typeof sharedLimiterOp>>): ShareLookupState {
  return state?.blocked
    ? { throttled: true, retryAfterMs: state.retryAfterMs }
    : { throttled: false };
}

/** Whether `client` (a key from lib/ops/client-address.ts) is throttled now. Counts nothing. */
export async function checkShareLookup(
  client: string,
  now: number = Date.now(),
): Promise<ShareLookupState> {
  return toState(await sharedLimiterOp(NAME, OPTIONS, "check", client, now));
}

/** One lookup in progress: say how it ended with `succeeded` or `failed`. */
export type ShareLookupAttempt = {
  /** Whether the client was throttled when the lookup began. */
  throttled: boolean;
  /** The token opened a report (or could not be checked: a failing database is not the client's miss). */
  succeeded: () => Promise<void>;
  /** The token opened nothing; when the client was throttled, counts the miss and says for how long the throttle lasts now. */
  failed: () => Promise<ShareLookupState>;
};

/**
 * Starts a lookup by `client`. Below the limit it is counted as failed up front, so that a burst
 * of parallel guesses is counted before any of them reaches the database, and `succeeded` takes
 * the count back. Once throttled, nothing is counted up front (so a valid lookup cannot wipe out
 * a counted failure) and `failed` counts the miss.
 */
export async function beginShareLookup(
  client: string,
  now: number = Date.now(),
): Promise<ShareLookupAttempt> {
  const before = toState(await sharedLimiterOp(NAME, OPTIONS, "begin", client, now));
  if (before.throttled) {
    return {
      throttled: true,
      succeeded: async () => {},
      failed: async () => toState(await sharedLimiterOp(NAME, OPTIONS, "record", client, now)),
    };
  }
  return {
    throttled: false,
    succeeded: async () => void (await sharedLimiterOp(NAME, OPTIONS, "forgive", client, now)),
    failed: async () => ({ throttled: false }), // counted already; this miss is answered as any other
  };
}

/** Seconds for a Retry-After header (at least 1). */
export function retryAfterSeconds(retryAfterMs: number): number {
  return Math.max(1, Math.ceil(retryAfterMs / 1000));
}
