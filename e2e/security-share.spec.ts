import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { createFreshDatabase, type FreshDatabase } from "../lib/testing/fresh-database";
import { SHARE_LOOKUP_LIMIT } from "../lib/shares/lookup-limit";
import { expect, test } from "./fixtures";
import { callServerAction, serverActionId } from "./server-actions";
import { actionReply, importReportOverHttp, reportCopy, signInOverHttp } from "./security-helpers";
import { SHARE_SPEC_PORTS } from "./ports";

/**
 * Issue 7, security review: share-token guessing. Tokens are 192 random bits (unit-tested in
 * lib/shares/shares.db.test.ts); on top of that, failed lookups are throttled per client. This
 * spec runs servers of its own, on a database of its own: every request of the test run comes from
 * 127.0.0.1, so throttling that address on the shared e2e server would change the other specs'
 * answers for unknown links. Server A has the default configuration (no trusted proxy: X-Forwarded-For is
 * ignored); server B says one trusted proxy is in front (DUIXIAN_TRUSTED_PROXIES=1).
 */
test.describe.configure({ mode: "serial" });

const ROOT = process.cwd();
const BIN = path.join(ROOT, "node_modules", ".bin");
const ADMIN = { email: "share-admin@duixian.test", password: "share-admin-password" };

type Server = { url: string; child: ChildProcess; log: string[] };
let database: FreshDatabase;
let dataDir: string;
const servers: Server[] = [];

/** A free port of the range this spec may use (SHARE_SPEC_PORTS), on 127.0.0.1. */
async function freePort(taken: number[]): Promise<number> {
  for (let port = SHARE_SPEC_PORTS.first; port <= SHARE_SPEC_PORTS.last; port++) {
    if (taken.includes(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer().once("error", () => resolve(false));
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${SHARE_SPEC_PORTS.first}-${SHARE_SPEC_PORTS.last}`);
}

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    DUIXIAN_DATA_DIR: dataDir,
    NEXT_TELEMETRY_DISABLED: "1",
    ...extra,
  };
  delete e.DUIXIAN_TRUSTED_PROXIES;
  return { ...e, ...extra };
}

/** `next start` on 127.0.0.1 with the e2e build, on this spec's database; resolves once healthy. */
async function startServer(extra: Record<string, string> = {}): Promise<Server> {
  const port = await freePort(servers.map((s) => Number(new URL(s.url).port)));
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(path.join(BIN, "next"), ["start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: ROOT,
    env: env({ NODE_ENV: "production", NEXTAUTH_URL: url, NEXTAUTH_SECRET: secret, ...extra }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const server: Server = { url, child, log: [] };
  servers.push(server);
  for (const stream of [child.stdout!, child.stderr!])
    stream.on("data", (d: Buffer) => server.log.push(d.toString()));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited: ${server.log.join("")}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return server;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not start: ${server.log.join("")}`);
}

const secret = randomBytes(32).toString("base64url");
let a: Server;
let b: Server;
let admin: APIRequestContext;
let valid: string;
let revoked: string;

/** A syntactically valid token that opens nothing. */
const unknownToken = () => randomBytes(24).toString("base64url");

test.beforeAll(async () => {
  test.setTimeout(180_000);
  database = await createFreshDatabase("security-share");
  dataDir = mkdtempSync(path.join(os.tmpdir(), "duixian-security-share-"));
  for (const [cmd, args, extra] of [
    [path.join(BIN, "tsx"), ["--conditions=react-server", "lib/cli.ts", "migrate"], {}],
    [
      path.join(BIN, "tsx"),
      [
        "--conditions=react-server",
        "lib/cli.ts",
        "create-user",
        ADMIN.email,
        "--name",
        "Share Admin",
        "--role",
        "admin",
      ],
      { DUIXIAN_PASSWORD: ADMIN.password },
    ],
  ] as const) {
    const res = spawnSync(cmd, args, {
      cwd: ROOT,
      env: env(extra),
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(res.status, `${cmd} ${args.join(" ")}: ${res.stdout}${res.stderr}`).toBe(0);
  }
  a = await startServer();
  b = await startServer({ DUIXIAN_TRUSTED_PROXIES: "1" });

  admin = await playwrightRequest.newContext({ baseURL: a.url });
  expect(await signInOverHttp(admin, ADMIN.email, ADMIN.password)).toBe(true);
  const planId = await importReportOverHttp(
    admin,
    {
      name: "share-2014.txt",
      buffer: reportCopy("hailar/hailar_2014.txt", "（安全测试：分享链接）"),
    },
    { region: "分享测试区", year: 2014, title: "2014年分享测试区政府工作报告" },
  );
  const create = serverActionId("lib/shares/actions.ts", "createShareLinkAction");
  const share = async () =>
    actionReply(
      (
        await callServerAction(admin, `/audit/pair/${planId}`, create, [
          { scope: "pair", subjectId: planId, expiresOn: null, showNotes: false },
        ])
      ).body,
    )!.data as { id: string; token: string };
  valid = (await share()).token;
  const gone = await share();
  revoked = gone.token;
  const revoke = serverActionId("lib/shares/actions.ts", "revokeShareLinkAction");
  expect(
    actionReply(
      (await callServerAction(admin, `/audit/pair/${planId}`, revoke, [{ id: gone.id }])).body,
    ),
  ).toMatchObject({ ok: true });
});

test.afterAll(async () => {
  await admin?.dispose();
  for (const s of servers) {
    s.child.kill("SIGTERM");
    await new Promise((r) => (s.child.exitCode !== null ? r(null) : s.child.once("exit", r)));
  }
  await database?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test("revoked links answer exactly as unknown tokens; after enough failures the misses are throttled (429) while a valid token still opens, whatever X-Forwarded-For says", async ({
  browser,
}) => {
  const client = await browser.newContext({ baseURL: a.url });
  const page = await client.newPage();
  expect((await page.goto(`/share/${valid}`))?.status()).toBe(200);
  await expect(page.getByTestId("audit-title")).toBeVisible();

  // Revoked and unknown: the same 404 page and the same export answer (failures 1–4).
  expect((await page.goto(`/share/${revoked}`))?.status()).toBe(404);
  const revokedText = await page.getByTestId("share-unavailable").innerText();
  expect((await page.goto(`/share/${unknownToken()}`))?.status()).toBe(404);
  expect(await page.getByTestId("share-unavailable").innerText()).toBe(revokedText);
  const revokedExport = await client.request.get(`/share/${revoked}/export?format=json`);
  const unknownExport = await client.request.get(`/share/${unknownToken()}/export?format=json`);
  expect([revokedExport.status(), unknownExport.status()]).toEqual([404, 404]);
  expect(await revokedExport.text()).toBe(await unknownExport.text());

  // The rest of the allowance, each guess claiming another client address: it does not help.
  for (let i = 4; i < SHARE_LOOKUP_LIMIT; i++) {
    const res = await client.request.get(`/share/${unknownToken()}/export?format=csv`, {
      headers: { "X-Forwarded-For": `203.0.113.${i}` },
    });
    expect(res.status(), `guess ${i + 1}`).toBe(404);
  }

  // Throttled: a further miss answers 429 with Retry-After, a revoked link too…
  for (const token of [unknownToken(), revoked]) {
    const missed = await client.request.get(`/share/${token}/export?format=json`, {
      headers: { "X-Forwarded-For": "198.51.100.200" },
    });
    expect(missed.status()).toBe(429);
    expect(await missed.json()).toEqual({ ok: false, code: "RATE_LIMITED" });
    const retryAfter = Number(missed.headers()["retry-after"]);
    expect(retryAfter).toBeGreaterThan(60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
  }
  // …and the page says so, in words, with status 429 and nothing of any report.
  const spoofing = await browser.newContext({
    baseURL: a.url,
    extraHTTPHeaders: { "X-Forwarded-For": "198.51.100.201" },
  });
  const spage = await spoofing.newPage();
  const res = await spage.goto(`/share/${unknownToken()}`);
  expect(res?.status()).toBe(429);
  expect(res?.headers()["retry-after"]).toBeTruthy();
  expect(res?.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  await expect(spage.getByTestId("share-rate-limited")).toContainText("尝试次数过多");
  await expect(spage.getByTestId("share-rate-limited")).toContainText("有效的分享链接不受影响");
  await expect(spage.getByTestId("audit-title")).toHaveCount(0);

  // Issue 12: the same address (everyone behind one NAT) still opens a valid link — page and
  // exports, again and again — and doing so takes no miss back: the next guess is still throttled.
  for (let i = 0; i < 3; i++) {
    const opened = await spage.goto(`/share/${valid}`);
    expect(opened?.status()).toBe(200);
    await expect(spage.getByTestId("audit-title")).toBeVisible();
    for (const format of ["csv", "json"])
      expect((await spoofing.request.get(`/share/${valid}/export?format=${format}`)).status()).toBe(
        200,
      );
  }
  expect((await client.request.get(`/share/${unknownToken()}/export?format=csv`)).status()).toBe(
    429,
  );
  // Only share lookups are throttled: the rest of the site answers this client as before.
  expect((await client.request.get("/login")).status()).toBe(200);
  await Promise.all([client.close(), spoofing.close()]);
});

test("behind a trusted proxy (DUIXIAN_TRUSTED_PROXIES=1) the address it forwards is the client: one client's guesses do not throttle another", async () => {
  const as = async (address: string) =>
    playwrightRequest.newContext({
      baseURL: b.url,
      extraHTTPHeaders: { "X-Forwarded-For": address },
    });
  const guesser = await as("192.0.2.10");
  const neighbour = await as("192.0.2.11");
  for (let i = 0; i < SHARE_LOOKUP_LIMIT; i++)
    expect((await guesser.get(`/share/${unknownToken()}/export?format=csv`)).status()).toBe(404);
  expect((await guesser.get(`/share/${unknownToken()}/export?format=csv`)).status()).toBe(429);
  expect((await guesser.get(`/share/${valid}/export?format=csv`)).status()).toBe(200);
  expect((await neighbour.get(`/share/${unknownToken()}/export?format=csv`)).status()).toBe(404);
  // Addresses the client itself wrote stay to the left of the proxy's entry and are not believed.
  const disguised = await as("192.0.2.99, 192.0.2.10");
  expect((await disguised.get(`/share/${unknownToken()}/export?format=csv`)).status()).toBe(429);
  await Promise.all([guesser.dispose(), neighbour.dispose(), disguised.dispose()]);
});
