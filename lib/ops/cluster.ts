/**
 * Serving on every core: `next start` renders on one thread, so one process uses one core. The
 * serve process (lib/ops/serve.ts) is the cluster primary: it forks N workers that each run
 * `next start` unchanged; Node's cluster module hands the listening socket to all of them and
 * deals connections out round-robin. Nothing is shared between workers but the database and what
 * the primary keeps for them (the failure counters of lib/ops/rate-limit.ts, over IPC).
 *
 * - A worker that dies while the group is serving is replaced (its in-flight requests are lost,
 *   as with any crash; committed data is not). More than MAX_RESTARTS within RESTART_WINDOW_MS
 *   (a crash loop: a broken build, a database that refuses connections) stops the whole group.
 * - stop(signal) sends the signal to every worker once; each drains its requests and exits
 *   (lib/ops/access-log.ts). Killed together at the deadline the caller sets.
 */
import cluster, { type Worker } from "node:cluster";
import os from "node:os";
import type { Readable } from "node:stream";
import { logger } from "./log";
import { handleLimiterMessage } from "./rate-limit";

export const MAX_WORKERS = 16;
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 60_000;

/** Workers by default: one per core, at most 4 (each holds its own copy of the app in memory). */
export function defaultWorkerCount(env: Record<string, string | undefined> = process.env): number {
  const configured = env.DUIXIAN_WORKERS;
  if (configured !== undefined && configured !== "") {
    const n = Number(configured);
    if (!Number.isInteger(n) || n < 1 || n > MAX_WORKERS)
      throw new Error(
        `DUIXIAN_WORKERS must be a whole number from 1 to ${MAX_WORKERS}, not ${configured}`,
      );
    return n;
  }
  return Math.max(1, Math.min(4, os.availableParallelism()));
}

export type ServerGroup = {
  pids: () => number[];
  /** Sends `signal` to every live worker; after this, exits are expected and nothing is restarted. */
  stop: (signal: NodeJS.Signals) => void;
  /** Resolves once every worker has exited: `crashLoop` when the group gave up restarting. */
  done: Promise<{ crashLoop: boolean; codes: (number | null)[] }>;
};

export type GroupOptions = {
  workers: number;
  /** The script each worker runs (next's bin) and its arguments. */
  exec: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Called with each worker's stdout and stderr (they are piped, not inherited). */
  relay: (stdout: Readable | null, stderr: Readable | null, worker: number) => void;
};

/** Forks the workers; must be called from the primary, once per process. */
export function startServerGroup(options: GroupOptions): ServerGroup {
  if (!cluster.isPrimary) throw new Error("startServerGroup runs in the primary process only");
  cluster.setupPrimary({ exec: options.exec, args: options.args, silent: true, execArgv: [] });
  let stopping = false;
  let crashLoop = false;
  const restarts: number[] = [];
  const codes: (number | null)[] = [];
  const live = new Set<Worker>();
  let resolveDone!: (v: { crashLoop: boolean; codes: (number | null)[] }) => void;
  const done = new Promise<{ crashLoop: boolean; codes: (number | null)[] }>(
    (r) => (resolveDone = r),
  );

  const fork = (slot: number) => {
    const worker = cluster.fork({ ...options.env, DUIXIAN_WORKER: String(slot) });
    live.add(worker);
    options.relay(worker.process.stdout, worker.process.stderr, slot);
    worker.once("online", () =>
      logger.info("serve.worker_started", { worker: slot, pid: worker.process.pid }),
    );
    worker.on("message", (message: unknown) =>
      handleLimiterMessage(message, (reply) => worker.isConnected() && worker.send(reply)),
    );
    worker.once("exit", (code, signal) => {
      live.delete(worker);
      codes.push(code);
      if (!stopping) {
        const now = Date.now();
        restarts.push(now);
        while (restarts.length && restarts[0] < now - RESTART_WINDOW_MS) restarts.shift();
        if (restarts.length > MAX_RESTARTS) {
          crashLoop = true;
          logger.error("serve.crash_loop", {
            restarts: restarts.length,
            windowMs: RESTART_WINDOW_MS,
          });
          group.stop("SIGTERM");
        } else {
          logger.error("serve.worker_exited", {
            worker: slot,
            pid: worker.process.pid,
            code,
            signal,
            restarting: true,
          });
          fork(slot);
        }
      }
      if (live.size === 0 && (stopping || crashLoop)) resolveDone({ crashLoop, codes });
    });
  };

  const group: ServerGroup = {
    pids: () => [...live].map((w) => w.process.pid!).filter(Boolean),
    stop(signal) {
      stopping = true;
      for (const w of live) w.process.kill(signal);
      if (live.size === 0) resolveDone({ crashLoop, codes });
    },
    done,
  };
  for (let i = 1; i <= options.workers; i++) fork(i);
  return group;
}

/** Kills every worker outright (the shutdown deadline passed). */
export function killServerGroup(group: ServerGroup): void {
  for (const pid of group.pids()) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}
