import { request as httpRequest } from "node:http";
import { randomBytes } from "node:crypto";
import { SHARE_LOOKUP_LIMIT } from "../lib/shares/lookup-limit";
import { expect, test } from "./fixtures";
import { type LogRecord, type SpawnedServer, withOwnServer } from "./spawned-server";
import { ownServerPort } from "./ports";

/**
 * `serve --workers 2` (lib/ops/cluster.ts): two `next start` processes behind one port. Requests
 * on new connections reach both; the share-token failure counts are shared (a guesser cannot
 * double their budget by landing on the other worker); a worker that dies is replaced while the
 * other keeps serving; SIGTERM stops both and serve exits 0.
 */
const PORT = ownServerPort("workers");

/** One request on a connection of its own (round-robin hands out connections, not requests). */
function getFresh(server: SpawnedServer, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${server.url}${path}`,
      { agent: false, headers: { connection: "close" } },
      (res) => {
        res.resume();
        res.once("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.once("error", reject);
    req.end();
  });
}

const accessLines = (logs: LogRecord[], since: number, path: string) =>
  logs.slice(since).filter((r) => r.msg === "request" && r.path === path);

test("two workers share the port and the share-token limit; a dead worker is replaced; SIGTERM stops both", async () => {
  test.setTimeout(5 * 60_000);
  await withOwnServer("workers", { port: PORT, workers: 2 }, async (server) => {
    expect(server.logs.find((r) => r.msg === "serve.listen")).toMatchObject({ workers: 2 });
    await expect
      .poll(() => server.logs.filter((r) => r.msg === "serve.worker_started").length)
      .toBe(2);

    // Both workers answer.
    let since = server.logs.length;
    for (let i = 0; i < 12; i++) expect(await getFresh(server, "/api/health")).toBe(200);
    await expect.poll(() => accessLines(server.logs, since, "/api/health").length).toBe(12);
    expect(new Set(accessLines(server.logs, since, "/api/health").map((r) => r.worker))).toEqual(
      new Set([1, 2]),
    );

    // The share-token limit counts failures on both workers together: LIMIT failures, then further misses are throttled (429).
    since = server.logs.length;
    for (let i = 0; i < SHARE_LOOKUP_LIMIT; i++)
      expect(await getFresh(server, `/share/${randomBytes(24).toString("base64url")}`)).toBe(404);
    await expect
      .poll(() => accessLines(server.logs, since, "/share/[redacted]").length)
      .toBe(SHARE_LOOKUP_LIMIT);
    expect(
      new Set(accessLines(server.logs, since, "/share/[redacted]").map((r) => r.worker)),
    ).toEqual(new Set([1, 2]));
    for (let i = 0; i < 4; i++)
      expect(await getFresh(server, `/share/${randomBytes(24).toString("base64url")}`)).toBe(429);

    // A worker killed outright is replaced; the other serves meanwhile.
    const victim = server.logs.find((r) => r.msg === "serve.worker_started" && r.worker === 1)!;
    since = server.logs.length;
    process.kill(Number(victim.pid), "SIGKILL");
    const exited = await server.waitForLog((r) => r.msg === "serve.worker_exited", { since });
    expect(exited).toMatchObject({
      worker: 1,
      pid: victim.pid,
      signal: "SIGKILL",
      restarting: true,
    });
    for (let i = 0; i < 4; i++) expect(await getFresh(server, "/api/health")).toBe(200);
    const replacement = await server.waitForLog(
      (r) => r.msg === "serve.worker_started" && r.worker === 1,
      { since },
    );
    expect(replacement.pid).not.toBe(victim.pid);
    // …and the replacement serves too.
    since = server.logs.length;
    await expect
      .poll(async () => {
        await getFresh(server, "/api/health");
        return accessLines(server.logs, since, "/api/health").some((r) => r.worker === 1);
      })
      .toBe(true);

    // SIGTERM to serve: both workers drain and stop, serve exits 0.
    process.kill(server.pid, "SIGTERM");
    const exit = await server.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(
      server.logs
        .filter((r) => r.msg === "server.stopping")
        .map((r) => r.worker)
        .sort(),
    ).toEqual([1, 2]);
    expect(server.logs.find((r) => r.msg === "serve.stopped")).toMatchObject({ exitCode: 0 });
  });
});
