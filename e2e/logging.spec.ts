import { readFileSync } from "node:fs";
import path from "node:path";
import { request as playwrightRequest } from "@playwright/test";
import { ACCOUNTS, expect, test } from "./fixtures";
import { callServerAction, serverActionId } from "./server-actions";
import { callUploadAction, signIn, withOwnServer } from "./spawned-server";
import { ownServerPort } from "./ports";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

test.describe("request ids", () => {
  test("every response carries an x-request-id; a sane incoming one is echoed, anything else replaced", async ({
    request,
  }) => {
    for (const p of ["/api/health", "/login", "/share/no-such-token"]) {
      const res = await request.get(p);
      expect(res.headers()["x-request-id"], p).toMatch(UUID);
    }
    const a = await request.get("/api/health");
    const b = await request.get("/api/health");
    expect(a.headers()["x-request-id"]).not.toBe(b.headers()["x-request-id"]);

    const echoed = await request.get("/login", {
      headers: { "x-request-id": "lb-2026.11_22-abc" },
    });
    expect(echoed.headers()["x-request-id"]).toBe("lb-2026.11_22-abc");
    for (const bad of [
      "x".repeat(65),
      "has space",
      '"}{"level":"error"',
      "<script>alert(1)</script>",
    ]) {
      const res = await request.get("/api/health", { headers: { "x-request-id": bad } });
      expect(res.headers()["x-request-id"], bad).toMatch(UUID);
    }
  });

  test("an upload of more than 10 MB reaches the import action whole through the proxy", async ({
    browser,
  }) => {
    // The proxy makes Next buffer request bodies (10 MB by default); next.config.js raises it to the upload limit.
    const context = await browser.newContext({
      storageState: path.join(__dirname, ".auth", "analyst.json"),
    });
    // A real report padded with blank lines to 12 MB (whitespace does not count against the
    // 400,000 characters one report may have).
    const base = readFileSync(
      path.join(__dirname, "..", "seed", "reports", "hailar", "hailar_2014.txt"),
    );
    const big = Buffer.concat([
      Buffer.from("（大文件）\n"),
      base,
      Buffer.alloc(12 * 1024 * 1024, 0x0a),
    ]);
    const res = await callUploadAction(
      context.request,
      "/reports/import",
      serverActionId("lib/reports/actions.ts", "previewImportAction"),
      {},
      { name: "big.txt", buffer: big },
    );
    expect(res.body).toMatch(/"ok":true/);
    expect(res.body).toContain(`"characters":${big.toString("utf8").length}`);
    await context.close();
  });
});

test("structured logs: JSON lines; a server action's line carries its request's id; no secrets", async () => {
  test.setTimeout(5 * 60_000);
  await withOwnServer("logging", { port: ownServerPort("logging") }, async (server) => {
    const analyst = await signIn(server.url, "analyst");
    const reports = await (await analyst.get("/reports")).text();
    const reportId = /href="\/reports\/([a-z0-9]{20,})"/.exec(reports)![1];

    // A server action that goes through runGuardedAction, with our own request id: refused input.
    const requestId = `e2e-log-${Date.now()}`;
    const res = await analyst.post(`/reports/${reportId}`, {
      headers: {
        "Next-Action": serverActionId("lib/pledges/actions.ts", "updatePledgeAction"),
        "Content-Type": "text/plain;charset=UTF-8",
        Accept: "text/x-component",
        "x-request-id": requestId,
      },
      data: JSON.stringify([{ pledgeId: "nope" }]),
    });
    expect(res.headers()["x-request-id"]).toBe(requestId);
    expect(await res.text()).toContain('"code":"INVALID_INPUT"');

    const action = await server.waitForLog((r) => r.msg === "action" && r.requestId === requestId);
    expect(action).toMatchObject({
      level: "info",
      action: "updatePledgeAction",
      outcome: "INVALID_INPUT",
    });
    expect(action.userId).toEqual(expect.any(String));
    expect(action.durationMs).toEqual(expect.any(Number));
    const access = await server.waitForLog((r) => r.msg === "request" && r.requestId === requestId);
    expect(access).toMatchObject({
      method: "POST",
      path: `/reports/${reportId}`,
      status: 200,
      action: "updatePledgeAction",
    });

    // A signed-out call is logged as refused, with a generated id.
    const anonymous = await callServerAction(
      await playwrightRequest.newContext({ baseURL: server.url }),
      `/reports/${reportId}`,
      serverActionId("lib/pledges/actions.ts", "updatePledgeAction"),
      [{}],
    );
    expect(anonymous.body).toContain("UNAUTHENTICATED");
    await server.waitForLog(
      (r) =>
        r.msg === "action" &&
        r.outcome === "UNAUTHENTICATED" &&
        r.level === "warn" &&
        r.userId === null &&
        UUID.test(String(r.requestId)),
    );

    // The import action's request is in the access log under its name.
    const upload = await callUploadAction(
      analyst,
      "/reports/import",
      serverActionId("lib/reports/actions.ts", "previewImportAction"),
      {},
      { name: "x.txt", buffer: Buffer.from("不是报告") },
      { "x-request-id": `${requestId}-2` },
    );
    expect(upload.body).toContain("NOT_A_REPORT");
    await server.waitForLog(
      (r) =>
        r.msg === "request" &&
        r.requestId === `${requestId}-2` &&
        r.action === "previewImportAction" &&
        r.path === "/reports/import",
    );

    // A share link's token and query values never reach the log.
    await analyst.get("/share/SECRET-share-token-0123456789?token=another-secret");
    const shared = await server.waitForLog(
      (r) => r.msg === "request" && String(r.path).startsWith("/share/"),
    );
    expect(shared.path).toBe("/share/[redacted]?token");

    // Issue 12: a search whose 100-character cut split an emoji answered 500 and its query reached
    // the error log. Such queries (and NUL) are searched; no query value is logged, not even in the
    // URL of a request refused for its size.
    const QUERY = "QUERY-SECRET-7";
    for (const q of [
      `${QUERY}${"a".repeat(99 - QUERY.length)}😀`,
      `${QUERY}😀😀${"b".repeat(90)}`,
      `${QUERY}\u0000x`,
    ]) {
      const res = await analyst.get(`/search?q=${encodeURIComponent(q)}`);
      expect(res.status(), q).toBe(200);
      expect(await res.text()).toContain('data-testid="search-input"');
    }
    const oversized = await analyst.post(`/reports/import?q=${QUERY}`, {
      headers: { "Next-Action": serverActionId("lib/reports/actions.ts", "previewImportAction") },
      data: Buffer.alloc(26 * 1024 * 1024, 0x61),
    });
    expect(oversized.status()).toBe(413);
    await server.waitForLog(
      (r) => r.msg === "request.refused" && r.path === "/reports/import?q" && r.status === 413,
    );
    await server.waitForLog(
      (r) => r.msg === "request" && r.path === "/search?q" && r.status === 200,
    );
    expect(
      server.logs.filter((r) => r.msg === "request" && r.path === "/search?q").map((r) => r.status),
    ).toEqual([200, 200, 200]);

    // serve's own events, and every stdout line is one JSON object with time, level and msg.
    for (const msg of ["serve.start", "serve.migrate", "serve.listen"])
      await server.waitForLog((r) => r.msg === msg);
    const everything = server.output.filter((l) => !l.startsWith("[stderr]"));
    for (const line of everything) {
      const record = JSON.parse(line);
      expect(Object.keys(record).slice(0, 3), line).toEqual(["time", "level", "msg"]);
    }
    const all = server.output.join("\n");
    for (const secret of [
      "SECRET-share-token",
      "another-secret",
      ACCOUNTS.analyst.password,
      "QUERY-SECRET",
    ])
      expect(all).not.toContain(secret);
  });
});
