/**
 * `npm start`: everything a fresh clone needs to serve the app on its embedded database —
 * apply migrations, seed an empty database, build when the sources are newer than the build,
 * then run `next start` in `workers` processes (lib/ops/cluster.ts: one per core by default, all
 * on the one port). A second start keeps the data (the seed only runs on an empty database).
 *
 * Logs are JSON lines on stdout (lib/ops/log.ts): this process's own events (serve.*), the Next
 * server's lines as they are, and any other output of the tools it runs wrapped as `output` lines.
 *
 * Shutdown: SIGTERM or SIGINT (to this process alone, or to its whole process group) is passed
 * to each `next start` once; Next stops accepting connections, lets in-flight requests finish and
 * exits, its database client disconnected (lib/ops/access-log.ts). This process then exits 0.
 * Workers that have not stopped after DUIXIAN_SHUTDOWN_TIMEOUT_MS (default 10 s) are killed and
 * this process exits 1; a killed import loses nothing committed (each one is a transaction).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { ensureAuthSecret } from "@/lib/ops/auth-secret";
import { redactDatabaseUrl, resolveDatabaseUrl } from "@/lib/db-url";

export { redactDatabaseUrl };
import { killServerGroup, startServerGroup, type ServerGroup } from "./cluster";
import { logger, redactPathsInText } from "./log";
import { migrateDatabase } from "./migrate";
import { holdDatabasePresence } from "./database-presence";

const ROOT = process.cwd();
const BIN = path.join(ROOT, "node_modules", ".bin");
const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(p)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(path.join(p, name)));
  }
  return newest;
}

/** Whether `next build` must run: no build yet, or a source newer than the last build. */
export function buildIsStale(): boolean {
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  const sources = [
    "app",
    "lib",
    "generated",
    "next.config.js",
    "postcss.config.mjs",
    "package-lock.json",
    "tsconfig.json",
    "proxy.ts",
    "instrumentation.ts",
    "instrumentation-client.ts",
  ];
  return sources.some((s) => newestMtime(path.join(ROOT, s)) > built);
}

/** Relays a child's output line by line: JSON log lines as they are, anything else wrapped as one. */
function relayOutput(
  stdout: NodeJS.ReadableStream | null,
  stderr: NodeJS.ReadableStream | null,
  source: string,
): void {
  const relay = (stream: NodeJS.ReadableStream | null, level: "info" | "warn") => {
    if (!stream) return;
    createInterface({ input: stream, crlfDelay: Infinity }).on("line", (raw) => {
      if (raw.startsWith('{"time":')) return void process.stdout.write(raw + "\n");
      // Terminal colours out; paths lose query values and share tokens (the Next server redacts its
      // own console output already: lib/ops/log.ts, redactConsole).
      const line = redactPathsInText(raw.replace(/\x1b\[[0-9;]*[A-Za-z]/g, ""));
      if (line.trim()) logger[level]("output", { source, line });
    });
  };
  relay(stdout, "info");
  relay(stderr, "warn");
}

export type ServeOptions = {
  port: number;
  host?: string;
  build: "auto" | "always" | "never";
  workers: number;
};

/** Prepares the database and serves the app; resolves with the exit code once the server has stopped. */
export async function serveApp(options: ServeOptions): Promise<number> {
  const started = Date.now();
  const timeoutMs =
    Number(process.env.DUIXIAN_SHUTDOWN_TIMEOUT_MS) > 0
      ? Number(process.env.DUIXIAN_SHUTDOWN_TIMEOUT_MS)
      : DEFAULT_SHUTDOWN_TIMEOUT_MS;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: resolveDatabaseUrl(),
    NEXTAUTH_SECRET: ensureAuthSecret(),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${options.port}`,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  process.env.DATABASE_URL = env.DATABASE_URL;

  // One step at a time: next build (a child), then the `next start` workers. A signal goes to each once.
  let child: ChildProcess | null = null;
  let group: ServerGroup | null = null;
  let stopSignal: NodeJS.Signals | null = null;
  let killedAtDeadline = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopSignal) return; // a second signal (or the same one to the whole group): already stopping
    stopSignal = signal;
    logger.info("serve.stopping", {
      signal,
      timeoutMs,
      pids: group ? group.pids() : child?.pid ? [child.pid] : [],
    });
    const running = group ?? child;
    if (!running) return;
    const deadline = setTimeout(() => {
      killedAtDeadline = true;
      logger.error("serve.shutdown_timeout", {
        timeoutMs,
        pids: group ? group.pids() : [child?.pid],
      });
      if (group) killServerGroup(group);
      else child?.kill("SIGKILL");
    }, timeoutMs);
    if (group) {
      group.stop(signal);
      void group.done.then(() => clearTimeout(deadline));
    } else if (child) {
      child.kill(signal);
      child.once("exit", () => clearTimeout(deadline));
    }
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  const runChild = (
    cmd: string,
    args: string[],
    childEnv: NodeJS.ProcessEnv,
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null }> =>
    new Promise((resolve, reject) => {
      child = spawn(path.join(BIN, cmd), args, {
        stdio: ["ignore", "pipe", "pipe"],
        env: childEnv,
      });
      relayOutput(child.stdout, child.stderr, cmd);
      child.once("error", reject);
      child.once("exit", (code, signal) => {
        child = null;
        resolve({ code, signal });
      });
    });
  const runStep = async (
    step: string,
    cmd: string,
    args: string[],
    childEnv: NodeJS.ProcessEnv,
  ) => {
    const res = await runChild(cmd, args, childEnv);
    if (res.code !== 0 && !stopSignal)
      throw new Error(`${step}: ${cmd} ${args.join(" ")} failed (exit ${res.code ?? res.signal})`);
  };
  const stopped = (phase: string, exitCode: number) => {
    logger.info("serve.stopped", {
      phase,
      signal: stopSignal,
      exitCode,
      uptimeMs: Date.now() - started,
    });
    return exitCode;
  };

  let releasePresence: (() => Promise<void>) | null = null;
  try {
    logger.info("serve.start", {
      port: options.port,
      host: options.host ?? null,
      database: redactDatabaseUrl(env.DATABASE_URL!),
      build: options.build,
      pid: process.pid,
    });
    logger.info("serve.migrate");
    // In process: PostgreSQL migrations are applied by lib/ops/migrate.ts, SQLite's by prisma migrate deploy.
    logger.info("serve.migrated", {
      summary: (await migrateDatabase(env.DATABASE_URL!, ROOT)).summary,
    });
    if (stopSignal) return stopped("migrate", 0);

    const { configureDatabase, db } = await import("@/lib/db");
    const { seedIfEmpty } = await import("@/seed/seed");
    await configureDatabase();
    await seedIfEmpty((line) => logger.info("serve.seed", { line }));
    // The one-time data step of the tier migration (lib/pledges/mutations.ts retierPledges): a
    // no-op once done.
    const { retierPledges } = await import("@/lib/pledges/mutations");
    const retiered = await retierPledges();
    if (retiered.pledges) logger.info("serve.retier", retiered);
    // The one-time data step of the region records migration (lib/regions/mutations.ts): a no-op once done.
    const { upgradeLegacyRegions } = await import("@/lib/regions/mutations");
    const regions = await upgradeLegacyRegions();
    if (regions.upgraded || regions.merged) logger.info("serve.regions_upgraded", regions);
    await db.$disconnect();
    if (stopSignal) return stopped("seed", 0);
    // Held until serve stops, so that `cli restore` sees the app running even when it is idle.
    releasePresence = await holdDatabasePresence(env.DATABASE_URL!);

    if (options.build === "always" || (options.build === "auto" && buildIsStale())) {
      logger.info("serve.build", {
        reason: options.build === "always" ? "--build always" : "no build, or sources changed",
      });
      await runStep("build", "next", ["build"], { ...env, NODE_ENV: "production" });
      if (stopSignal) return stopped("build", 0);
    }

    if (stopSignal) return stopped("build", 0);
    const args = [
      "start",
      "-p",
      String(options.port),
      ...(options.host ? ["-H", options.host] : []),
    ];
    logger.info("serve.listen", {
      url: `http://${options.host ?? "localhost"}:${options.port}`,
      workers: options.workers,
    });
    group = startServerGroup({
      workers: options.workers,
      exec: path.join(ROOT, "node_modules", "next", "dist", "bin", "next"),
      args,
      env: { ...env, NODE_ENV: "production" },
      relay: (stdout, stderr) => relayOutput(stdout, stderr, "next"),
    });
    const res = await group.done;
    if (killedAtDeadline) return stopped("serve", 1);
    if (res.crashLoop) {
      logger.error("serve.server_exited", { codes: res.codes });
      return stopped("serve", 1);
    }
    // Next exits 128+signal after a clean drain (143 for SIGTERM, 130 for SIGINT); a signal that
    // arrived before Next installed its handlers ends it by the signal itself. Both are clean.
    return stopped("serve", 0);
  } catch (e) {
    logger.error("serve.failed", { err: e });
    return stopped("prepare", 1);
  } finally {
    await releasePresence?.();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}
