import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { createFreshDatabase, type FreshDatabase } from "../lib/testing/fresh-database";
import { ACCOUNTS, type Role } from "./fixtures";

/**
 * A server of its own for tests that kill, signal or read the logs of the server they talk to:
 * `npm run cli -- serve` on 127.0.0.1 and a port of the test's choosing, on a database of its own
 * (lib/testing/fresh-database.ts), using the build the e2e web server made. Its stdout (JSON log
 * lines) is captured. It runs in a process group of its own, so the whole tree can be signalled.
 */
export type LogRecord = { time: string; level: string; msg: string; requestId?: string } & Record<
  string,
  unknown
>;

export type SpawnedServer = {
  url: string;
  pid: number;
  /** Every stdout line so far, parsed when it is JSON. */
  logs: LogRecord[];
  /** Every stdout and stderr line so far, raw. */
  output: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The first log line matching, among those from index `since` on (default: all), waiting for it. */
  waitForLog: (
    match: (r: LogRecord) => boolean,
    options?: { timeoutMs?: number; since?: number },
  ) => Promise<LogRecord>;
  /** Sends a signal to the whole process group (npm, tsx, the CLI and the Next server). */
  signalGroup: (signal: NodeJS.Signals) => void;
};

/** `workers`: how many `next start` processes serve runs (default: serve's own, one per core up to 4). */
export type ServerOptions = {
  port: number;
  databaseUrl: string;
  dataDir: string;
  env?: Record<string, string>;
  workers?: number;
};

/** A folder for a spawned server's generated secret; the same folder keeps sessions across restarts. */
export function makeDataDir(label: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), `duixian-${label}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function startServer(options: ServerOptions): Promise<SpawnedServer> {
  const url = `http://127.0.0.1:${options.port}`;
  const proc: ChildProcess = spawn(
    "npm",
    [
      "run",
      "--silent",
      "cli",
      "--",
      "serve",
      "--port",
      String(options.port),
      "--host",
      "127.0.0.1",
      "--build",
      "never",
      ...(options.workers ? ["--workers", String(options.workers)] : []),
    ],
    {
      cwd: process.cwd(),
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        DATABASE_URL: options.databaseUrl,
        DUIXIAN_DATA_DIR: options.dataDir,
        NEXTAUTH_URL: url,
        NEXT_TELEMETRY_DISABLED: "1",
        ...options.env,
      },
    },
  );
  const logs: LogRecord[] = [];
  const output: string[] = [];
  const waiters: {
    match: (r: LogRecord) => boolean;
    since: number;
    resolve: (r: LogRecord) => void;
  }[] = [];
  createInterface({ input: proc.stdout! }).on("line", (line) => {
    output.push(line);
    if (!line.startsWith("{")) return;
    try {
      const record = JSON.parse(line) as LogRecord;
      logs.push(record);
      for (const w of [...waiters]) {
        if (logs.length - 1 >= w.since && w.match(record)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(record);
        }
      }
    } catch {
      // not a log line
    }
  });
  createInterface({ input: proc.stderr! }).on("line", (line) => output.push(`[stderr] ${line}`));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once("exit", (code, signal) => resolve({ code, signal })),
  );

  const server: SpawnedServer = {
    url,
    pid: proc.pid!,
    logs,
    output,
    exited,
    waitForLog(match, { timeoutMs = 30_000, since = 0 } = {}) {
      const seen = logs.slice(since).find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `no such log line within ${timeoutMs} ms; output:\n${output.slice(-30).join("\n")}`,
              ),
            ),
          timeoutMs,
        );
        waiters.push({ match, since, resolve: (r) => (clearTimeout(timer), resolve(r)) });
      });
    },
    signalGroup(signal) {
      try {
        process.kill(-proc.pid!, signal);
      } catch {
        // already gone
      }
    },
  };

  // Ready when the health endpoint answers (migrations and, on an empty database, the seed come first).
  const deadline = Date.now() + 180_000;
  for (;;) {
    const state = await Promise.race([
      exited.then(() => "exited" as const),
      new Promise((r) => setTimeout(r, 300)).then(() => "waiting" as const),
    ]);
    if (state === "exited")
      throw new Error(
        `server on ${options.port} exited while starting:\n${output.slice(-30).join("\n")}`,
      );
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      server.signalGroup("SIGKILL");
      throw new Error(`server on ${options.port} did not start:\n${output.slice(-30).join("\n")}`);
    }
  }
}

/**
 * Runs `run` against a server of its own on a fresh database (seeded by serve) and a data folder of
 * its own; afterwards, whatever happened, kills the server's whole process group and removes both.
 */
export async function withOwnServer<T>(
  label: string,
  options: Omit<ServerOptions, "databaseUrl" | "dataDir">,
  run: (server: SpawnedServer, database: FreshDatabase) => Promise<T>,
): Promise<T> {
  const database = await createFreshDatabase(label);
  const data = makeDataDir(label);
  let server: SpawnedServer | null = null;
  try {
    server = await startServer({ ...options, databaseUrl: database.url, dataDir: data.dir });
    return await run(server, database);
  } catch (e) {
    // What the server said last is usually why (a crash, a refused request): into the failure.
    if (server && e instanceof Error)
      e.message += `\n--- the server's last output ---\n${server.output.slice(-40).join("\n")}`;
    throw e;
  } finally {
    if (server) {
      server.signalGroup("SIGKILL");
      await server.exited;
    }
    await database.drop();
    data.remove();
  }
}

/** An API context signed in as `role` through next-auth's credentials endpoint, as the login form does. */
export async function signIn(baseURL: string, role: Role): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({ baseURL });
  const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await api.post("/api/auth/callback/credentials", {
    form: {
      csrfToken,
      email: ACCOUNTS[role].email,
      password: ACCOUNTS[role].password,
      json: "true",
      callbackUrl: baseURL,
    },
  });
  if (!res.ok()) throw new Error(`sign-in as ${role} failed: ${res.status()}`);
  const session = (await (await api.get("/api/auth/session")).json()) as {
    user?: { email?: string };
  };
  if (session.user?.email !== ACCOUNTS[role].email)
    throw new Error(`sign-in as ${role} gave no session`);
  return api;
}

/**
 * Calls a server action whose one argument is a FormData (like the import page's), the way React
 * 19 encodes it: the argument list refers to the form ("$K1") whose fields are sent as "_1_<name>".
 */
export async function callUploadAction(
  api: APIRequestContext,
  pagePath: string,
  actionId: string,
  fields: Record<string, string>,
  file: { name: string; buffer: Buffer },
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; headers: Record<string, string> }> {
  // The form's entries first and the argument list ("0") last, as React sends them: the server
  // resolves the arguments as soon as "0" arrives. (A FormData keeps this order; an object would
  // put the integer-like key "0" first.)
  const multipart = new FormData();
  for (const [k, v] of Object.entries(fields)) multipart.append(`_1_${k}`, v);
  multipart.append(
    "_1_file",
    new Blob([new Uint8Array(file.buffer)], { type: "text/plain" }),
    file.name,
  );
  multipart.append("0", JSON.stringify(["$K1"]));
  const res = await api.post(pagePath, {
    headers: { "Next-Action": actionId, Accept: "text/x-component", ...headers },
    multipart,
    timeout: 120_000,
  });
  return { status: res.status(), body: await res.text(), headers: res.headers() };
}

export type DatabaseCheck = {
  reports: number;
  sections: number;
  pledges: number;
  auditEvents: number;
  problems: { reportId: string; title: string; problem: string }[];
};

/** `cli check` on a database: its counts and every report that is not whole (through the Prisma client, on either engine). */
export function checkDatabase(databaseUrl: string): DatabaseCheck {
  const res = spawnSync("npm", ["run", "--silent", "cli", "--", "check"], {
    cwd: process.cwd(),
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
  if (res.status !== 0 && res.status !== 1)
    throw new Error(`cli check failed (${res.status}): ${res.stderr}`);
  return JSON.parse(res.stdout) as DatabaseCheck;
}
