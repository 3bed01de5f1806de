/**
 * A small in-memory sliding-window limiter of FAILURES per key (a client address): after `limit`
 * failures within `windowMs`, the key is blocked — every request of it is refused, successful or
 * not — until the oldest of those failures leaves the window. Blocked requests are not counted,
 * so a blocked client cannot extend its own block, nor can it do anything else.
 *
 * Process-local on purpose (no dependency, nothing to run): each server process counts for
 * itself, so N processes behind a balancer allow up to N × limit failures per window. Memory is
 * bounded by `maxKeys`: the keys touched longest ago are dropped first.
 */
export type LimiterOptions = { limit: number; windowMs: number; maxKeys?: number };

export type LimitState = { blocked: false; remaining: number } | { blocked: true; retryAfterMs: number };

const DEFAULT_MAX_KEYS = 10_000;

export class FailureRateLimiter {
  /** Per key, the times of its most recent failures (at most `limit`), oldest first. */
  private readonly failures = new Map<string, number[]>();
  readonly limit: number;
  readonly windowMs: number;
  readonly maxKeys: number;

  constructor(options: LimiterOptions) {
    if (!(Number.isInteger(options.limit) && options.limit >= 1)) throw new Error("limit must be a positive integer");
    if (!(options.windowMs > 0)) throw new Error("windowMs must be positive");
    this.limit = options.limit;
    this.windowMs = options.windowMs;
    this.maxKeys = options.maxKeys ?? DEFAULT_MAX_KEYS;
  }

  private recent(key: string, now: number): number[] {
    const times = (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs && t <= now);
    if (times.length === 0) this.failures.delete(key);
    return times;
  }

  /** Whether `key` is blocked at `now`, and if not, how many more failures it may make. */
  check(key: string, now: number = Date.now()): LimitState {
    const times = this.recent(key, now);
    if (times.length < this.limit) return { blocked: false, remaining: this.limit - times.length };
    // Blocked until the limit-th most recent failure is older than the window.
    const pivot = times[times.length - this.limit];
    return { blocked: true, retryAfterMs: Math.max(1000, pivot + this.windowMs - now) };
  }

  /** Counts one failure of `key` at `now`; returns the state after it. */
  recordFailure(key: string, now: number = Date.now()): LimitState {
    const times = [...this.recent(key, now), now].slice(-this.limit);
    // Re-insert so that Map order is "least recently failed first" for eviction.
    this.failures.delete(key);
    this.failures.set(key, times);
    if (this.failures.size > this.maxKeys) this.evict(now);
    return this.check(key, now);
  }

  /**
   * Takes back one failure recorded at `at` (an attempt counted up front that turned out fine),
   * so that concurrent attempts cannot all slip past one check before any of them is counted.
   */
  forgive(key: string, at: number): void {
    const times = this.failures.get(key);
    if (!times) return;
    const i = times.lastIndexOf(at);
    if (i >= 0) times.splice(i, 1);
    if (times.length === 0) this.failures.delete(key);
  }

  /** How many keys are tracked (for tests and monitoring). */
  get size(): number {
    return this.failures.size;
  }

  private evict(now: number): void {
    for (const key of [...this.failures.keys()]) this.recent(key, now);
    for (const key of this.failures.keys()) {
      if (this.failures.size <= this.maxKeys) break;
      this.failures.delete(key);
    }
  }
}

const REGISTRY = Symbol.for("duixian.rateLimiters");

/**
 * The one limiter of this name in the process. Kept on globalThis because Next bundles the proxy
 * and each route separately: a module-level variable would give each bundle a limiter of its own.
 */
export function sharedLimiter(name: string, options: LimiterOptions): FailureRateLimiter {
  const g = globalThis as unknown as { [REGISTRY]?: Map<string, FailureRateLimiter> };
  const registry = (g[REGISTRY] ??= new Map());
  let limiter = registry.get(name);
  if (!limiter || limiter.limit !== options.limit || limiter.windowMs !== options.windowMs) {
    limiter = new FailureRateLimiter(options);
    registry.set(name, limiter);
  }
  return limiter;
}
