import { readFileSync } from "node:fs";
import path from "node:path";
import { zipSync } from "fflate";
import type { APIRequestContext } from "@playwright/test";
import { createFreshDatabase } from "../lib/testing/fresh-database";
import { expect, test } from "./fixtures";
import { actionReply } from "./security-helpers";
import { callServerAction, serverActionId } from "./server-actions";
import {
  callUploadAction,
  checkDatabase,
  makeDataDir,
  signIn,
  startServer,
} from "./spawned-server";
import { ownServerPort } from "./ports";

/**
 * A batch import survives its server: the server (`serve` with two workers) is killed with
 * SIGKILL in the middle of a batch, started again on the same database, and the batch goes on by
 * itself — every file imported exactly once, no report half-written, the batch marked as resumed.
 */
const PORT = ownServerPort("import-restart");
const ACTIONS = "lib/imports/actions.ts";
const WILD = path.join(__dirname, "..", "..", "shared", "corpus", "wild");
const SOURCES = [
  "hebei_2001.txt",
  "hebei_2002.txt",
  "hebei_2003.txt",
  "hebei_2004.txt",
  "hebei_2009.txt",
  "hebei_2010.txt",
  "hebei_2021.txt",
  "hebei_2022.txt",
  "hebei_2023.txt",
  "hebei_2024.txt",
];
/** Four copies of each (a line of their own at the end): long enough a batch to kill the server in its middle. */
const FILES = [0, 1, 2, 3].flatMap((copy) =>
  SOURCES.map((f) => ({
    name: `${copy}/${f}`,
    bytes: Buffer.concat([
      readFileSync(path.join(WILD, f)),
      Buffer.from(`\n（重启测试 副本 ${copy}）\n`),
    ]),
  })),
);

type Job = {
  state: string;
  resumed: number;
  counts: Record<string, number>;
  files: { name: string; state: string; reportId: string | null }[];
};

async function getJob(api: APIRequestContext, jobId: string): Promise<Job> {
  const res = await callServerAction(
    api,
    "/reports/import",
    serverActionId(ACTIONS, "getImportJobAction"),
    [{ jobId }],
  );
  const reply = actionReply(res.body);
  expect(reply, res.body.slice(0, 300)).toMatchObject({ ok: true });
  return reply!.data as Job;
}

async function waitFor(
  api: APIRequestContext,
  jobId: string,
  done: (job: Job) => boolean,
  timeoutMs: number,
): Promise<Job> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await getJob(api, jobId);
    if (done(job)) return job;
    if (Date.now() > deadline)
      throw new Error(
        `batch not there in ${timeoutMs} ms: ${JSON.stringify(job.counts)} ${job.state}`,
      );
    await new Promise((r) => setTimeout(r, 100));
  }
}

test("a server killed in the middle of a batch import resumes it after a restart: every file imported once, nothing half-written", async () => {
  test.setTimeout(6 * 60_000);
  const database = await createFreshDatabase("import-restart");
  const data = makeDataDir("import-restart");
  const start = () =>
    startServer({
      port: PORT,
      databaseUrl: database.url,
      dataDir: data.dir,
      workers: 2,
      env: { DUIXIAN_LOG_LEVEL: "info" },
    });
  let server = await start();
  try {
    let api = await signIn(server.url, "analyst");
    const seeded = checkDatabase(database.url).reports;
    const zip = zipSync(Object.fromEntries(FILES.map((f) => [f.name, f.bytes])));
    const upload = await callUploadAction(
      api,
      "/reports/import",
      serverActionId(ACTIONS, "addImportFilesAction"),
      {},
      { name: "河北.zip", buffer: Buffer.from(zip) },
    );
    const jobId = (actionReply(upload.body)?.data as { jobId: string }).jobId;
    expect(jobId).toBeTruthy();
    await waitFor(api, jobId, (j) => j.state === "review", 120_000);
    expect(
      actionReply(
        (
          await callServerAction(
            api,
            "/reports/import",
            serverActionId(ACTIONS, "startImportJobAction"),
            [{ jobId }],
          )
        ).body,
      ),
    ).toMatchObject({ ok: true });

    // Some files in, not all: kill every process of the server at once.
    const before = await waitFor(api, jobId, (j) => j.counts.imported >= 2, 120_000);
    expect(before.counts.imported).toBeLessThan(FILES.length);
    server.signalGroup("SIGKILL");
    await server.exited;
    const interrupted = before.counts.imported;

    server = await start();
    api = await signIn(server.url, "analyst");
    const afterRestart = await getJob(api, jobId);
    expect(afterRestart.state).toBe("importing");
    // The stopped process's claim goes stale (30 s), a worker of the new server takes the batch over.
    const done = await waitFor(api, jobId, (j) => j.state === "done", 180_000);
    expect(done.resumed).toBeGreaterThanOrEqual(1);
    expect(done.counts).toMatchObject({ imported: FILES.length, failed: 0 });
    expect(new Set(done.files.map((f) => f.reportId)).size).toBe(FILES.length);
    const claimedAfter = server.logs.filter(
      (r) => r.msg === "import.job_claimed" && r.jobId === jobId,
    );
    expect(claimedAfter.length).toBeGreaterThanOrEqual(1);
    test.info().annotations.push({
      type: "restart",
      description: `killed after ${interrupted} of ${FILES.length} files; resumed ${done.resumed}×`,
    });

    // Every report whole, none twice: the seed's reports and exactly the batch's.
    const check = checkDatabase(database.url);
    expect(check.problems).toEqual([]);
    expect(check.reports).toBe(seeded + FILES.length);
    expect(done.files.every((f) => f.state === "imported")).toBe(true);
  } finally {
    server.signalGroup("SIGKILL");
    await server.exited;
    await database.drop();
    data.remove();
  }
});
