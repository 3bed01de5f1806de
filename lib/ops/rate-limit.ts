/**
 * A small in-memory sliding-window limiter of FAILURES per key (a client address): after `limit`
 * failures within `windowMs`, the key is blocked until the oldest of those failures leaves the
 * window. What "blocked" costs the client is the caller's choice (share links: its failed lookups
 * are throttled, its valid ones still served — lib/shares/lookup-limit.ts).
 *
 * The counts live in memory (no dependency, nothing to run). When `serve` runs several worker
 * processes (lib/ops/cluster.ts), they live in the serve process and the workers ask it over IPC
 * (sharedLimiterOp below), so every worker sees the same counts. Separate servers behind a
 * balancer count separately: N of them allow up to N × limit failures per window. Memory is
 * bounded by `maxKeys`: the keys touched longest ago are dropped first.
 */
export type LimiterOptions = { limit: number; windowMs: number; maxKeys?: number };

export type LimitState =
  { blocked: false; remaining: number } | { blocked: true; retryAfterMs: number };

const DEFAULT_MAX_KEYS = 10_000;

export class FailureRateLimiter {
  /** Per key, the times of its most recent failures (at most `limit`), oldest first. */
  private readonly failures = new Map<string, number[]>();
  readonly limit: number;
  readonly windowMs: number;
  readonly maxKeys: number;

  constructor(options: LimiterOptions) {
    if (!(Number.isInteger(options.limit) && options.limit >= 1))
      throw new Error("limit must be a positive integer");
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
   * An attempt counted as failed up front, so that a burst of parallel attempts is counted before
   * any of them finishes: refused (and not counted) when `key` is already blocked, else counted.
   * The state returned is the one before counting; `forgive(key, now)` takes the count back.
   */
  begin(key: string, now: number = Date.now()): LimitState {
    const state = this.check(key, now);
    if (!state.blocked) this.recordFailure(key, now);
    return state;
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

/** The operations a worker may ask of the serve process's limiters (the methods of FailureRateLimiter). */
export type LimiterOp = "check" | "begin" | "forgive" | "record";
const LIMITER_OPS: readonly string[] = [
  "check",
  "begin",
  "forgive",
  "record",
] satisfies LimiterOp[];

/** What a worker asks the limiters kept by the serve process (one message per operation). */
export type LimiterRequest = {
  duixianLimiter: {
    id: number;
    name: string;
    limit: number;
    windowMs: number;
    op: LimiterOp;
    key: string;
    now: number;
  };
};
export type LimiterReply = { duixianLimiterReply: { id: number; state: LimitState | null } };

function isLimiterRequest(message: unknown): message is LimiterRequest {
  const m = (message as Partial<LimiterRequest> | null)?.duixianLimiter;
  return (
    !!m &&
    typeof m.id === "number" &&
    typeof m.name === "string" &&
    typeof m.key === "string" &&
    typeof m.now === "number" &&
    Number.isInteger(m.limit) &&
    m.limit >= 1 &&
    m.windowMs > 0 &&
    LIMITER_OPS.includes(m.op)
  );
}

function applyOp(
  limiter: FailureRateLimiter,
  op: LimiterOp,
  key: string,
  now: number,
): LimitState | null {
  if (op === "check") return limiter.check(key, now);
  if (op === "begin") return limiter.begin(key, now);
  if (op === "record") return limiter.recordFailure(key, now);
  limiter.forgive(key, now);
  return null;
}

/** In the serve process: answers a worker's limiter request (ignores any other message). */
export function handleLimiterMessage(
  message: unknown,
  reply: (answer: LimiterReply) => void,
): void {
  if (!isLimiterRequest(message)) return;
  const { id, name, limit, windowMs, op, key, now } = message.duixianLimiter;
  reply({
    duixianLimiterReply: {
      id,
      state: applyOp(sharedLimiter(name, { limit, windowMs }), op, key, now),
    },
  });
}

const IPC = Symbol.for("duixian.rateLimiterIpc");
const IPC_TIMEOUT_MS = 2000;
type IpcState = { nextId: number; pending: Map<number, (state: LimitState | null) => void> };

/** In a worker of `serve` (DUIXIAN_WORKER set, an IPC channel to the serve process): the shared channel. */
function workerChannel(): IpcState | null {
  if (!process.env.DUIXIAN_WORKER || typeof process.send !== "function" || !process.connected)
    return null;
  const g = globalThis as unknown as { [IPC]?: IpcState };
  if (!g[IPC]) {
    const state: IpcState = { nextId: 1, pending: new Map() };
    process.on("message", (message: unknown) => {
      const r = (message as Partial<LimiterReply> | null)?.duixianLimiterReply;
      if (!r || typeof r.id !== "number") return;
      state.pending.get(r.id)?.(r.state);
      state.pending.delete(r.id);
    });
    g[IPC] = state;
  }
  return g[IPC];
}

/**
 * One operation on the named limiter: in a worker of `serve`, on the serve process's copy (so all
 * workers share the counts); elsewhere — or when the serve process does not answer within 2 s —
 * on this process's own.
 */
export async function sharedLimiterOp(
  name: string,
  options: LimiterOptions,
  op: LimiterOp,
  key: string,
  now: number = Date.now(),
): Promise<LimitState | null> {
  const local = () => applyOp(sharedLimiter(name, options), op, key, now);
  const channel = workerChannel();
  if (!channel) return local();
  const id = channel.nextId++;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      channel.pending.delete(id);
      resolve(local());
    }, IPC_TIMEOUT_MS);
    channel.pending.set(id, (state) => {
      clearTimeout(timer);
      resolve(state);
    });
    const request: LimiterRequest = {
      duixianLimiter: { id, name, limit: options.limit, windowMs: options.windowMs, op, key, now },
    };
    process.send!(request, undefined, undefined, (err) => {
      if (!err) return;
      clearTimeout(timer);
      channel.pending.delete(id);
      resolve(local());
    });
  });
}
