import "server-only";
import { logger } from "@/lib/ops/log";
import { refreshStaleLineage } from "./mutations";

/**
 * The background worker of lineage, inside each server process (started by instrumentation.ts).
 * Every POLL_MS it computes the lineage of the stale reports — one at a time, yielding to requests
 * in between — so that an import or a metadata edit only marks reports stale (one UPDATE in its own
 * transaction) and never waits for the matcher. Two processes may compute the same report at once:
 * the one that stores second finds it no longer stale and stores nothing
 * (lib/lineage/mutations.ts refreshReportLineage). Timers are unref'd: nothing here keeps a process alive.
 */

const POLL_MS = 3_000;
/** A report whose lineage failed is tried again after this long, not on every poll (and not before the others). */
const RETRY_AFTER_MS = 10 * 60_000;
const KEY = Symbol.for("duixian.lineageRunner");

type RunnerState = {
  busy: boolean;
  started: boolean;
  stopping: boolean;
  failedAt: Map<string, number>;
};

function state(): RunnerState {
  const g = globalThis as unknown as { [KEY]?: RunnerState };
  return (g[KEY] ??= { busy: false, started: false, stopping: false, failedAt: new Map() });
}

/** The reports that failed within RETRY_AFTER_MS: left out, so one bad report does not hold up the rest. */
export function recentFailures(failedAt: Map<string, number>, now: number): string[] {
  for (const [id, at] of failedAt) if (now - at >= RETRY_AFTER_MS) failedAt.delete(id);
  return [...failedAt.keys()];
}

async function work(): Promise<void> {
  const s = state();
  if (s.busy || s.stopping) return;
  s.busy = true;
  try {
    let done = 0;
    while (!s.stopping) {
      const failures = s.failedAt.size;
      const n = await refreshStaleLineage({
        limit: 1,
        skip: recentFailures(s.failedAt, Date.now()),
        onFailure: (id) => s.failedAt.set(id, Date.now()),
      });
      // Nothing stored and nothing failed: no stale report is left to try.
      if (!n && s.failedAt.size === failures) break;
      done += n;
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (done) logger.info("lineage.refreshed", { reports: done });
  } catch (e) {
    logger.error("lineage.runner_failed", { err: e });
  } finally {
    s.busy = false;
  }
}

/** Starts this process's lineage worker (idempotent). */
export function startLineageRunner(): void {
  const s = state();
  if (s.started) return;
  s.started = true;
  setInterval(() => void work(), POLL_MS).unref();
  const stop = () => {
    s.stopping = true;
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
