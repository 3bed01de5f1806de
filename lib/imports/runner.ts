import "server-only";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { logger } from "@/lib/ops/log";
import { claimImportJob, releaseImportJob, renewImportClaims, runImportJobStep } from "./mutations";

/**
 * The background worker of batch imports, inside each server process (started by
 * instrumentation.ts; `npm start` runs several). Every POLL_MS it looks for a job that needs work
 * and nobody holds — or whose holder stopped renewing its claim (a process that was killed or
 * restarted): that one is resumed — claims it (one process wins: lib/imports/mutations.ts
 * claimImportJob) and works through it a file at a time, renewing its claim every RENEW_MS. An
 * action that gives a job work kicks the worker of its own process, so work starts at once.
 * Nothing here keeps a process alive: the timers are unref'd, and a stopping process finishes the
 * file in hand and gives the job back.
 */

const POLL_MS = 2_000;
const RENEW_MS = 5_000;

type RunnerState = {
  owner: string;
  busy: boolean;
  stopping: boolean;
  held: Set<string>;
  started: boolean;
  again: boolean;
};

const KEY = Symbol.for("duixian.importRunner");

function state(): RunnerState {
  const g = globalThis as unknown as { [KEY]?: RunnerState };
  return (g[KEY] ??= {
    owner: `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`,
    busy: false,
    stopping: false,
    held: new Set(),
    started: false,
    again: false,
  });
}

/** Works on `jobId` (when given) and then any job needing work, until none does. One loop per process. */
async function work(jobId?: string): Promise<void> {
  const s = state();
  if (s.busy) {
    s.again = true; // the running loop looks again before it stops
    return;
  }
  s.busy = true;
  try {
    do {
      s.again = false;
      let id =
        (jobId ? await claimImportJob(s.owner, jobId) : null) ?? (await claimImportJob(s.owner));
      jobId = undefined;
      while (id && !s.stopping) {
        s.held.add(id);
        logger.info("import.job_claimed", { jobId: id, owner: s.owner });
        let outcome;
        do {
          outcome = await runImportJobStep(s.owner, id);
          // Let requests of this process in between files.
          await new Promise((resolve) => setImmediate(resolve));
        } while (outcome === "continue" && !s.stopping);
        if (s.stopping) await releaseImportJob(s.owner, id);
        s.held.delete(id);
        logger.info("import.job_paused", { jobId: id, outcome: s.stopping ? "stopping" : outcome });
        id = s.stopping ? null : await claimImportJob(s.owner);
      }
    } while (s.again && !s.stopping);
  } catch (e) {
    logger.error("import.runner_failed", { err: e });
  } finally {
    s.busy = false;
  }
}

/** Starts this process's worker (idempotent). */
export function startImportRunner(): void {
  const s = state();
  if (s.started) return;
  s.started = true;
  setInterval(() => void work(), POLL_MS).unref();
  setInterval(() => {
    if (s.held.size)
      renewImportClaims(s.owner, [...s.held]).catch((e) =>
        logger.warn("import.renew_failed", { err: e }),
      );
  }, RENEW_MS).unref();
  const stop = () => {
    s.stopping = true;
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

/** Starts work on `jobId` now in this process (an action just gave it work). */
export function kickImportRunner(jobId: string): void {
  void work(jobId);
}
