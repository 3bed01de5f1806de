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
  type SpawnedServer,
} from "./spawned-server";
import { ownServerPort } from "./ports";

/**
 * Interrupt the server during an import — SIGKILL to its whole process tree, at several moments of
 * the import's transaction — restart it on the same database and show that nothing half-written
 * remains: every report is whole (`cli check`), the counts moved by a whole report or not at all,
 * and the same file imports cleanly afterwards (or is a duplicate, if its transaction had committed).
 * The moments are found from the server's own debug log: report.create.begin is written inside the
 * transaction after its first statement, report.create.committed after the commit.
 */
const PORT = ownServerPort("crash");
const IMPORT_PAGE = "/reports/import";

/**
 * A report as big as one import may be (lib/report/limits.ts: 900 subsections, 2,700 pledges; its
 * transaction lasts about as long as that of the 2 MB, 3,000-section report used before the caps),
 * made unique by its first line.
 */
function bigReport(tag: string): Buffer {
  return Buffer.from(largestReport(900, `崩溃测试 ${tag}`), "utf8");
}

async function importBig(server: SpawnedServer, tag: string) {
  const api = await signIn(server.url, "admin");
  const res = callUploadAction(
    api,
    IMPORT_PAGE,
    serverActionId("lib/reports/actions.ts", "importReportAction"),
    {
      region: "海拉尔区",
      level: "district",
      year: "2014",
      title: `崩溃测试 ${tag}`,
      script: "simplified",
    },
    { name: `crash-${tag}.txt`, buffer: bigReport(tag) },
  );
  return res.then(
    (r) => ({ status: r.status, body: r.body }),
    (e: Error) => ({ status: 0, body: e.message }), // the connection died with the server
  );
}

test("a server killed during an import restarts with no half-written report, and the file imports cleanly", async () => {
  test.setTimeout(10 * 60_000);
  const database = await createFreshDatabase("crash");
  const data = makeDataDir("crash");
  const start = () =>
    startServer({
      port: PORT,
      databaseUrl: database.url,
      dataDir: data.dir,
      env: { DUIXIAN_LOG_LEVEL: "debug" },
    });
  let server = await start();
  try {
    // Calibration: an import that is not interrupted, to learn how long its transaction lasts.
    // (The seed's own imports logged before it: look only at what came after.)
    const since = server.logs.length;
    const calibration = await importBig(server, "calibration");
    expect(calibration.body).toMatch(/"ok":true/);
    const begin = await server.waitForLog((r) => r.msg === "report.create.begin", { since });
    const committed = await server.waitForLog((r) => r.msg === "report.create.committed", {
      since,
    });
    const transactionMs = Date.parse(committed.time) - Date.parse(begin.time);
    expect((begin.sections as number) + (begin.pledges as number)).toBeGreaterThan(3000);
    test.info().annotations.push({
      type: "transaction",
      description: `${begin.characters} characters, ${begin.sections} sections: ${transactionMs} ms from begin to commit`,
    });
    console.log(
      `crash: calibration import of ${begin.characters} characters, ${begin.sections} sections, ${begin.pledges} pledges: ${transactionMs} ms from begin to commit`,
    );

    const moments: ({ after: "begin"; delayMs: number } | { after: "commit" })[] = [
      { after: "begin", delayMs: 0 },
      // Fractions of the calibration's transaction, which varies from run to run on a busy machine.
      { after: "begin", delayMs: Math.round(transactionMs * 0.2) },
      { after: "begin", delayMs: Math.round(transactionMs * 0.45) },
      { after: "commit" },
    ];
    for (const [i, moment] of moments.entries()) {
      const tag = `kill-${i}`;
      const label =
        moment.after === "commit"
          ? "right after the commit"
          : `${moment.delayMs} ms after the transaction began`;
      const before = checkDatabase(database.url);
      expect(before.problems).toEqual([]);

      const since = server.logs.length;
      const inFlight = importBig(server, tag);
      const attempt = await server.waitForLog((r) => r.msg === "report.create.begin", {
        since,
        timeoutMs: 60_000,
      });
      if (moment.after === "commit")
        await server.waitForLog((r) => r.msg === "report.create.committed", {
          since,
          timeoutMs: 60_000,
        });
      else if (moment.delayMs > 0) await new Promise((r) => setTimeout(r, moment.delayMs));
      server.signalGroup("SIGKILL");
      await server.exited;
      const answer = await inFlight;
      const acknowledged = /"ok":true/.test(answer.body); // the response got out before the kill

      server = await start();
      const after = checkDatabase(database.url);
      expect(after.problems, label).toEqual([]);
      const saved = after.reports - before.reports;
      expect([0, 1], label).toContain(saved);
      if (acknowledged) expect(saved, `${label}: acknowledged, so saved`).toBe(1);
      if (saved === 0)
        expect({ ...after, problems: [] }, label).toEqual({ ...before, problems: [] });
      else {
        expect(after.sections - before.sections, label).toBe(attempt.sections);
        expect(after.pledges - before.pledges, label).toBe(attempt.pledges);
      }
      const outcome = `${saved ? "committed whole" : "rolled back whole"}${acknowledged ? " (and acknowledged)" : ""}`;
      test.info().annotations.push({ type: "kill", description: `${label}: ${outcome}` });
      console.log(`crash: killed ${label}: ${outcome}`);

      // The same file again: saved now if the kill rolled it back, refused as a duplicate if not.
      const again = await importBig(server, tag);
      expect(again.body, label).toMatch(saved ? /"code":"DUPLICATE"/ : /"ok":true/);
      const final = checkDatabase(database.url);
      expect(final.problems, label).toEqual([]);
      expect(final.reports, label).toBe(before.reports + 1);
    }
  } finally {
    server.signalGroup("SIGKILL");
    await server.exited;
    await database.drop();
    data.remove();
  }
});
