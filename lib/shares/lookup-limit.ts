import { sharedLimiterOp, type LimitState } from "@/lib/ops/rate-limit";

/**
 * Share-token guessing is slowed per client: after SHARE_LOOKUP_LIMIT failed lookups (unknown,
 * malformed, revoked or expired tokens) within SHARE_LOOKUP_WINDOW_MS, every share page and
 * export request of that client is refused — even with a valid token — until the window passes.
 * Tokens are 192 random bits (lib/shares/mutations.ts), so this is a second line: it turns a
 * scan into a trickle and makes it visible, without hurting people who follow the links they got.
 * No database here: the proxy (proxy.ts) asks it too. All workers of `serve` share the counts
 * (lib/ops/rate-limit.ts).
 */
export const SHARE_LOOKUP_LIMIT = 10;
export const SHARE_LOOKUP_WINDOW_MS = 15 * 60 * 1000;

const OPTIONS = { limit: SHARE_LOOKUP_LIMIT, windowMs: SHARE_LOOKUP_WINDOW_MS };

/** Whether `client` (a key from lib/ops/client-address.ts) may look up share tokens now. */
export async function checkShareLookup(client: string, now: number = Date.now()): Promise<LimitState> {
  return (await sharedLimiterOp("share-lookup", OPTIONS, "check", client, now))!;
}

/**
 * Counts a lookup by `client` as failed up front (so a burst of parallel guesses is counted before
 * any of them reaches the database); call the returned `succeeded` when the token opened a report
 * (or could not be checked). Refused outright when the client is already blocked.
 */
export async function beginShareLookup(client: string, now: number = Date.now()): Promise<LimitState & { succeeded: () => Promise<void> }> {
  const state = (await sharedLimiterOp("share-lookup", OPTIONS, "begin", client, now))!;
  if (state.blocked) return { ...state, succeeded: async () => {} };
  return { ...state, succeeded: async () => void (await sharedLimiterOp("share-lookup", OPTIONS, "forgive", client, now)) };
}

/** Seconds for a Retry-After header (at least 1). */
export function retryAfterSeconds(retryAfterMs: number): number {
  return Math.max(1, Math.ceil(retryAfterMs / 1000));
}
