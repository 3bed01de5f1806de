import { isPostgresUrl } from "../lib/db-url";
import { connect } from "node:net";
import { largestReport } from "../lib/report/stress-inputs";
import { createFreshDatabase } from "../lib/testing/fresh-database";
import { expect, test } from "./fixtures";
import { serverActionId } from "./server-actions";
import {
  callUploadAction,
  checkDatabase,
  makeDataDir,
  signIn,
  startServer,
  type LogRecord,
} from "./spawned-server";
import { ownServerPort } from "./ports";

/**
 * Graceful shutdown of `npm start` (cli serve): SIGTERM to the npm process alone — what a process
 * manager sends — while a big import is being saved. The import finishes and is saved, a new
 * connection is refused once the signal arrived, the database is disconnected and npm exits 0.
 * And when the requests in flight outlast the deadline, the server is killed, serve exits 1 and
 * the import is rolled back or saved whole, never half.
 */
/** Requests in flight when the signal arrived, over all workers (each logs its own server.stopping). */
const inFlightAtSignal = (logs: LogRecord[]) =>
  logs.filter((r) => r.msg === "server.stopping").reduce((n, r) => n + Number(r.inFlight), 0);
const workerCount = (logs: LogRecord[]) =>
  Number(logs.find((r) => r.msg === "serve.listen")?.workers);

/** Starts a server, signs in, starts an import as big as the caps allow and resolves once its transaction has begun. */
async function serverWithImportUnderWay(port: number, label: string, env: Record<string, string>) {
  const database = await createFreshDatabase(label);
  const data = makeDataDir(label);
  const server = await startServer({
    port,
    databaseUrl: database.url,
    dataDir: data.dir,
    env: { DUIXIAN_LOG_LEVEL: "debug", ...env },
  });
  const admin = await signIn(server.url, "admin");
  const report = Buffer.from(largestReport(900, `停机测试 ${label}`), "utf8");
  const since = server.logs.length;
  const inFlight = callUploadAction(
    admin,
    "/reports/import",
    serverActionId("lib/reports/actions.ts", "importReportAction"),
    {
      region: "海拉尔区",
      level: "district",
      year: "2015",
      title: "停机测试",
      script: "simplified",
    },
    { name: "shutdown.txt", buffer: report },
  ).then(
    (r) => r,
    (e: Error) => ({ status: 0, body: e.message, headers: {} }),
  );
  await server.waitForLog((r) => r.msg === "report.create.begin", { since, timeoutMs: 60_000 });
  const cleanUp = async () => {
    server.signalGroup("SIGKILL");
    await server.exited;
    await database.drop();
    data.remove();
  };
  return { server, database, inFlight, cleanUp };
}

test("SIGTERM lets an in-flight import finish, refuses new connections and exits 0", async () => {
  test.setTimeout(5 * 60_000);
  // A generous deadline: on a busy 2-core machine the import may take several seconds.
  const { server, database, inFlight, cleanUp } = await serverWithImportUnderWay(
    ownServerPort("shutdown"),
    "shutdown",
    { DUIXIAN_SHUTDOWN_TIMEOUT_MS: "60000" },
  );
  try {
    const signalledAt = Date.now();
    process.kill(server.pid, "SIGTERM");
    // Every worker closes its listening socket on the signal; once all have, a new TCP connection is refused.
    const workers = workerCount(server.logs);
    expect(workers).toBeGreaterThanOrEqual(1);
    await expect
      .poll(() => server.logs.filter((r) => r.msg === "server.stopping").length, {
        timeout: 30_000,
      })
      .toBe(workers);
    const late = await new Promise<string>((resolve) => {
      const socket = connect(ownServerPort("shutdown"), "127.0.0.1");
      socket.once("connect", () => (socket.destroy(), resolve("connected")));
      socket.once("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    });
    expect(late).toBe("ECONNREFUSED");

    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(res.body).toMatch(/"ok":true/);
    const exit = await server.exited;
    console.log(
      `shutdown: exit ${exit.code} ${Date.now() - signalledAt} ms after SIGTERM, ${inFlightAtSignal(server.logs)} request(s) in flight at the signal`,
    );
    expect(exit).toEqual({ code: 0, signal: null });
    expect(inFlightAtSignal(server.logs)).toBeGreaterThanOrEqual(1);
    // SQLite's client closes at once, before Next ends the process; PostgreSQL's pool may still be
    // closing its sockets when Next exits, which is harmless: no transaction is open by then, and
    // the data check below shows the import committed whole.
    if (!isPostgresUrl(database.url))
      expect(server.logs.some((r) => r.msg === "server.database_disconnected")).toBe(true);
    expect(server.logs.find((r) => r.msg === "serve.stopped")).toMatchObject({
      signal: "SIGTERM",
      exitCode: 0,
    });

    // The import was saved whole.
    const after = checkDatabase(database.url);
    expect(after.problems).toEqual([]);
    expect(after.reports).toBe(11); // the 10 seeded reports and this one
  } finally {
    await cleanUp();
  }
});

test("requests that outlast the shutdown deadline are cut off: serve exits 1 and nothing is half-written", async () => {
  test.setTimeout(5 * 60_000);
  const { server, database, inFlight, cleanUp } = await serverWithImportUnderWay(
    ownServerPort("deadline"),
    "deadline",
    { DUIXIAN_SHUTDOWN_TIMEOUT_MS: "200" },
  );
  try {
    process.kill(server.pid, "SIGTERM");
    const exit = await server.exited;
    const res = await inFlight;
    const timedOut = server.logs.some((r) => r.msg === "serve.shutdown_timeout");
    console.log(
      `shutdown deadline: exit ${exit.code}; ${timedOut ? "killed at the deadline" : "finished before it"}; client ${/"ok":true/.test(res.body) ? "got ok" : "got no answer"}`,
    );
    // The import may just have finished within 200 ms; when it did not, it was cut off.
    expect(exit).toEqual({ code: timedOut ? 1 : 0, signal: null });
    const after = checkDatabase(database.url);
    expect(after.problems).toEqual([]);
    expect([10, 11]).toContain(after.reports);
    if (/"ok":true/.test(res.body)) expect(after.reports).toBe(11);
  } finally {
    await cleanUp();
  }
});
