import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { strToU8, zipSync } from "fflate";
import type { APIRequestContext, Browser, BrowserContext, Page } from "@playwright/test";
import { createFreshDatabase, type FreshDatabase } from "../lib/testing/fresh-database";
import { ACCOUNTS, expect, screenshotPath, test, type Role } from "./fixtures";
import { loadOpenApi, responseSchema, validate } from "./openapi-check";
import { actionReply, call, createThrowaway, pairExport, signInOverHttp } from "./security-helpers";
import { callServerAction, serverActionId } from "./server-actions";
import { makeDataDir, startServer, type SpawnedServer } from "./spawned-server";
import { ownServerPort } from "./ports";

/**
 * Issue 19: work at corpus scale. A .zip of the 河北 reports of the wild corpus imports through the
 * page in the background, with a progress bar that survives a reload; the data API answers as
 * docs/openapi.json says, tokens stop working when revoked and reach no more than their account
 * may; the whole corpus exports as CSV and JSON Lines.
 *
 * On a server and database of its own (`serve` with its default workers): a dozen big reports,
 * unassessed and paired, would crowd the shared suite's dashboard and searches.
 */
test.describe.configure({ mode: "serial" });

const PORT = ownServerPort("corpus");
let server: SpawnedServer;
let database: FreshDatabase;
let data: { dir: string; remove: () => void };

test.beforeAll(async () => {
  test.setTimeout(240_000);
  database = await createFreshDatabase("corpus");
  data = makeDataDir("corpus");
  server = await startServer({ port: PORT, databaseUrl: database.url, dataDir: data.dir });
});

test.afterAll(async () => {
  server?.signalGroup("SIGKILL");
  await server?.exited;
  await database?.drop();
  data?.remove();
});

/** A browser context on this spec's server, signed in as a demo role or a throwaway account; or signed out. */
async function signedIn(
  browser: Browser,
  who: Role | { email: string; password: string } | null,
): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: server.url });
  if (who) {
    const account = typeof who === "string" ? ACCOUNTS[who] : who;
    expect(await signInOverHttp(context.request, account.email, account.password)).toBe(true);
  }
  return context;
}

const WILD = path.join(__dirname, "..", "..", "shared", "corpus", "wild");
const HEBEI = readdirSync(WILD)
  .filter((f) => /^hebei_\d{4}\.txt$/.test(f))
  .sort();
const MARKER = "（批量导入端到端测试）";

let hebeiReports: Map<number, string>; // year → report id
let hebeiRegionId: string;
let analystJobId: string;

function hebeiZip(): Buffer {
  const files: Record<string, Uint8Array> = {};
  // A line of its own at the end keeps the content apart from any other import of these reports.
  for (const f of HEBEI)
    files[`河北/${f}`] = Buffer.concat([
      readFileSync(path.join(WILD, f)),
      Buffer.from(`\n${MARKER}\n`),
    ]);
  // A broken file: bytes that are no text at all (as a download cut off into a binary mess).
  files["河北/hebei_2012.txt"] = new Uint8Array(
    Array.from({ length: 4096 }, (_, i) => (i * 37) % 256),
  );
  files["__MACOSX/河北/._hebei_2009.txt"] = strToU8("resource fork");
  return Buffer.from(zipSync(files));
}

const row = (page: Page, name: string) =>
  page.locator(`[data-testid="batch-row"][data-name="${name}"]`);

test("a .zip of the 河北 reports imports in the background with a progress bar; the broken file is reported and the rest imported, consecutive years paired", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  expect(HEBEI.length).toBeGreaterThanOrEqual(10);
  const context = await signedIn(browser, "analyst");
  const page = await context.newPage();
  // The .zip chosen on the import page's first tab goes to the batch import.
  await page.goto("/reports/import");
  await page
    .getByTestId("import-file-input")
    .setInputFiles({ name: "河北.zip", mimeType: "application/zip", buffer: hebeiZip() });
  await expect(page.getByRole("tab", { name: "批量导入" })).toHaveAttribute(
    "aria-selected",
    "true",
  );

  // Every file is read: region and year detected, the broken one named with its problem.
  await expect(page.getByTestId("batch-status")).toHaveAttribute("data-state", "review", {
    timeout: 120_000,
  });
  await expect(page.getByTestId("batch-row")).toHaveCount(HEBEI.length + 1);
  analystJobId = new URL(page.url()).searchParams.get("job")!;
  expect(analystJobId).toBeTruthy();
  for (const f of HEBEI) {
    const r = row(page, `河北/${f}`);
    await expect(r, f).toHaveAttribute("data-state", "ready");
    await expect(r.getByLabel(/^地区/)).toHaveValue(/河北/);
    await expect(r.getByLabel(/^年份/)).toHaveValue(f.slice(6, 10));
  }
  const broken = row(page, "河北/hebei_2012.txt");
  await expect(broken).toHaveAttribute("data-state", "problem");
  await expect(broken.getByTestId("batch-row-problem")).toContainText("不是文本文件");
  await expect(broken.getByRole("checkbox")).not.toBeChecked();
  await expect(row(page, "河北/hebei_2009.txt").getByTestId("batch-row-pairs")).toContainText(
    "hebei_2010.txt",
  );
  await expect(row(page, "河北/hebei_2026.txt").getByTestId("batch-row-pairs")).toHaveCount(0);
  await page.screenshot({ path: screenshotPath("batch-import-table"), fullPage: true });

  // Start, then reload at once: the import goes on in the server, and the page finds it again.
  await page.getByTestId("batch-start").click();
  await expect(page.getByTestId("batch-progress")).toBeVisible();
  await page.screenshot({ path: screenshotPath("batch-import-progress"), fullPage: false });
  await page.reload();
  await expect(page.getByTestId("batch-progress")).toBeVisible();
  await expect(page.getByTestId("batch-status")).toHaveAttribute("data-state", "done", {
    timeout: 180_000,
  });
  await expect(page.getByTestId("batch-progress")).toHaveAttribute(
    "aria-valuenow",
    String(HEBEI.length),
  );
  await expect(page.getByTestId("batch-progress-count")).toContainText(
    `${HEBEI.length} / ${HEBEI.length}`,
  );
  await expect(page.getByRole("status").filter({ hasText: "导入完成" })).toContainText(
    `${HEBEI.length} 份成功，0 份失败，1 份未导入`,
  );
  await expect(broken).toHaveAttribute("data-state", "skipped");
  await page.screenshot({ path: screenshotPath("batch-import-done"), fullPage: true });

  // Each file's result links its report; consecutive years are paired (plan of N reviewed by N+1).
  hebeiReports = new Map();
  for (const f of HEBEI) {
    const r = row(page, `河北/${f}`);
    await expect(r).toHaveAttribute("data-state", "imported");
    const href = await r.getByTestId("batch-row-report").getAttribute("href");
    hebeiReports.set(Number(f.slice(6, 10)), href!.split("/").pop()!);
  }
  const years = [...hebeiReports.keys()];
  let pairs = 0;
  for (const y of years) {
    const plan = (await pairExport(page.request, hebeiReports.get(y)!)) as {
      plans: { review: { id: string } | null; region: { id: string } }[];
    };
    hebeiRegionId = plan.plans[0].region.id;
    if (hebeiReports.has(y + 1)) {
      expect(plan.plans[0].review?.id, `${y} → ${y + 1}`).toBe(hebeiReports.get(y + 1));
      pairs++;
    } else expect(plan.plans[0].review, `${y} has no next year in the batch`).toBeNull();
  }
  expect(pairs).toBeGreaterThanOrEqual(7);
  await context.close();
});

/** Creates a token on the account page of `page`'s user, as a person does; returns it (shown once). */
async function createTokenOnAccountPage(page: Page, name: string): Promise<string> {
  await page.goto("/account");
  await page.getByLabel(/令牌名称|Token name/).fill(name);
  await page.getByRole("button", { name: /创建令牌|Create token/ }).click();
  const token = (await page.getByTestId("api-token-value").textContent())!.trim();
  expect(token).toMatch(/^dxp_[A-Za-z0-9_-]{40,}$/);
  return token;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

async function apiGet(
  request: APIRequestContext,
  token: string | null,
  url: string,
  headers: Record<string, string> = {},
) {
  const res = await request.get(url, {
    headers: { ...(token ? bearer(token) : {}), ...headers },
    maxRedirects: 0,
  });
  return res;
}

test("the data API answers every endpoint as docs/openapi.json says; pages follow cursors; a revoked token is refused", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const spec = loadOpenApi();
  // Every route of /api/v1 is in the contract, and every path of the contract is a route.
  const routes = (function walk(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(path.join(dir, e.name)) : e.name === "route.ts" ? [dir] : [],
    );
  })(path.join(__dirname, "..", "app", "api", "v1"))
    .map(
      (d) =>
        "/api/v1/" +
        path
          .relative(path.join(__dirname, "..", "app", "api", "v1"), d)
          .split(path.sep)
          .join("/")
          .replace(/\[(\w+)\]/g, "{$1}"),
    )
    .filter((p) => p !== "/api/v1/openapi.json")
    .sort();
  expect(routes).toEqual(Object.keys(spec.paths).sort());

  const context = await signedIn(browser, "analyst");
  const page = await context.newPage();
  const token = await createTokenOnAccountPage(page, "合约测试");
  await page.screenshot({ path: screenshotPath("api-token-created"), fullPage: true });
  const request = context.request;
  const checked: string[] = [];
  const check = async (template: string, url: string, status = 200) => {
    const res = await apiGet(request, token, url);
    expect(res.status(), `${url}: ${await res.text()}`).toBe(status);
    expect(res.headers()["x-api-version"]).toBe("1");
    expect(res.headers()["x-request-id"]).toBeTruthy();
    const body = await res.json();
    expect(validate(spec, responseSchema(spec, template, status), body), url).toEqual([]);
    checked.push(`${template} ${status}`);
    return body;
  };

  const regions = await check("/api/v1/regions", "/api/v1/regions?limit=200");
  expect(regions.data.find((r: { id: string }) => r.id === hebeiRegionId)).toMatchObject({
    reportCount: HEBEI.length,
  });
  // Cursor paging: page by page, every region once.
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const page1: { data: { id: string }[]; nextCursor: string | null } = await check(
      "/api/v1/regions",
      `/api/v1/regions?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
    );
    seen.push(...page1.data.map((r) => r.id));
    cursor = page1.nextCursor;
  } while (cursor);
  expect(seen).toEqual(regions.data.map((r: { id: string }) => r.id));

  const reports = await check(
    "/api/v1/reports",
    `/api/v1/reports?region=${hebeiRegionId}&from=2009&to=2011`,
  );
  expect(reports.data.map((r: { year: number }) => r.year).sort()).toEqual([2009, 2010, 2011]);
  const r2009 = reports.data.find((r: { year: number }) => r.year === 2009);
  expect(r2009.reviewedById).toBe(hebeiReports.get(2010));
  expect(r2009.url).toMatch(new RegExp(`/reports/${r2009.id}$`));

  const pledges = await check(
    "/api/v1/reports/{id}/pledges",
    `/api/v1/reports/${r2009.id}/pledges?tier=trackable&limit=200`,
  );
  expect(pledges.data.length).toBeGreaterThan(50);
  expect(pledges.data.every((p: { tier: string }) => p.tier === "trackable")).toBe(true);
  const first = await check(
    "/api/v1/reports/{id}/pledges",
    `/api/v1/reports/${r2009.id}/pledges?limit=3`,
  );
  const second = await check(
    "/api/v1/reports/{id}/pledges",
    `/api/v1/reports/${r2009.id}/pledges?limit=3&cursor=${first.nextCursor}`,
  );
  expect(second.data[0].position).toBeGreaterThanOrEqual(first.data[2].position);
  expect(new Set([...first.data, ...second.data].map((p: { id: string }) => p.id)).size).toBe(6);

  const pledge = await check("/api/v1/pledges/{id}", `/api/v1/pledges/${pledges.data[0].id}`);
  expect(pledge).toMatchObject({
    id: pledges.data[0].id,
    report: { id: r2009.id, year: 2009 },
    lineage: { predecessor: null, successors: expect.any(Array), computed: expect.any(Boolean) },
    verdict: { status: "not_assessed" },
    review: { state: "draft" },
  });
  // A seeded, assessed pledge of the demo data carries its verdict and evidence.
  const seeded = (await check("/api/v1/reports", "/api/v1/reports?limit=200")).data as {
    id: string;
  }[];
  let withEvidence = null;
  for (const r of seeded) {
    const list = await check(
      "/api/v1/reports/{id}/pledges",
      `/api/v1/reports/${r.id}/pledges?status=fulfilled,partial&limit=200`,
    );
    const p = list.data.find((x: { evidenceCount: number }) => x.evidenceCount > 0);
    if (p) {
      withEvidence = await check("/api/v1/pledges/{id}", `/api/v1/pledges/${p.id}`);
      break;
    }
  }
  if (withEvidence) expect(withEvidence.evidence.length).toBeGreaterThan(0);

  const job = await check("/api/v1/imports/{id}", `/api/v1/imports/${analystJobId}`);
  expect(job).toMatchObject({ state: "done", counts: { imported: HEBEI.length, skipped: 1 } });

  // Errors are documented too.
  await check("/api/v1/pledges/{id}", "/api/v1/pledges/cnonexistent00000000000000", 404);
  await check(
    "/api/v1/reports/{id}/pledges",
    "/api/v1/reports/cnonexistent00000000000000/pledges",
    404,
  );
  await check("/api/v1/reports", "/api/v1/reports?cursor=not-ours", 400);
  await check("/api/v1/reports", "/api/v1/reports?year=abc", 400);
  await check("/api/v1/regions", "/api/v1/regions?unknown=1", 400);
  const anonymous = await apiGet(request, null, "/api/v1/regions");
  expect(anonymous.status()).toBe(401);
  expect(
    validate(spec, responseSchema(spec, "/api/v1/regions", 401), await anonymous.json()),
  ).toEqual([]);

  // The export: CSV with BOM and the documented columns, JSON Lines with the same pledges.
  const csv = await apiGet(
    request,
    token,
    `/api/v1/exports/pledges?format=csv&region=${hebeiRegionId}&year=2009,2010`,
  );
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const csvText = (await csv.body()).toString("utf8");
  expect(csvText.charCodeAt(0)).toBe(0xfeff);
  const header = csvText.slice(1).split("\r\n")[0];
  expect(spec.paths["/api/v1/exports/pledges"].get.description).toContain(
    header.split(",").join(", "),
  );
  const jsonl = await apiGet(
    request,
    token,
    `/api/v1/exports/pledges?format=jsonl&region=${hebeiRegionId}&year=2009&year=2010`,
  );
  const lines = (await jsonl.text())
    .trim()
    .split("\n")
    .map(
      (l) =>
        JSON.parse(l) as {
          id: string;
          report: { year: number };
          url: string;
          schemaVersion: number;
        },
    );
  expect(new Set(lines.map((l) => l.report.year))).toEqual(new Set([2009, 2010]));
  expect(lines[0]).toMatchObject({ schemaVersion: 1 });
  expect(lines.every((l) => l.url.endsWith(l.id))).toBe(true);
  // Each record starts with its pledge id (a cuid): the same pledges, in the same order.
  const csvIds = [...csvText.matchAll(/\r\n(c[a-z0-9]{24}),/g)].map((m) => m[1]);
  expect(csvIds).toEqual(lines.map((l) => l.id));
  checked.push("/api/v1/exports/pledges 200");
  for (const template of Object.keys(spec.paths))
    expect(
      checked.some((c) => c.startsWith(`${template} 200`)),
      `${template} checked`,
    ).toBe(true);

  // The token's use shows on the account page; once revoked it opens nothing.
  await page.goto("/account");
  const tokenRow = page.locator('[data-testid="api-token-row"][data-name="合约测试"]');
  await expect(tokenRow.getByTestId("api-token-last-used")).not.toHaveText(/从未使用/);
  await tokenRow.getByRole("button", { name: /撤销|Revoke/ }).click();
  await expect(tokenRow).toHaveAttribute("data-revoked", "1");
  for (const url of [
    "/api/v1/regions",
    `/api/v1/pledges/${pledge.id}`,
    "/api/v1/exports/pledges?format=jsonl",
  ]) {
    const res = await apiGet(request, token, url);
    expect(res.status(), url).toBe(401);
    expect((await res.json()).error.code).toBe("UNAUTHENTICATED");
  }
  await page.screenshot({ path: screenshotPath("api-token-revoked"), fullPage: true });
  await context.close();
});

test("a viewer's token reaches only what a viewer may read, and a token is never a session; a demoted account's token loses what the role lost", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const viewer = await signedIn(browser, "viewer");
  const reply = await call(
    viewer.request,
    "/account",
    "lib/api-tokens/actions.ts",
    "createApiTokenAction",
    [{ name: "访客脚本" }],
  );
  expect(reply).toMatchObject({ ok: true });
  const token = (reply.data as { token: string }).token;
  // What a viewer may read, the token reads.
  const anon = await signedIn(browser, null);
  const r = anon.request;
  expect((await apiGet(r, token, "/api/v1/regions")).status()).toBe(200);
  expect(
    (await apiGet(r, token, `/api/v1/reports/${hebeiReports.get(2009)}/pledges`)).status(),
  ).toBe(200);
  // Batch imports are for accounts that may import: refused, whoever's id it names.
  const refused = await apiGet(r, token, `/api/v1/imports/${analystJobId}`);
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe("FORBIDDEN");
  // Read-only: no method but GET.
  for (const method of ["post", "put", "delete", "patch"] as const) {
    const res = await r[method]("/api/v1/reports", { headers: bearer(token), data: {} });
    expect(res.status(), method).toBe(405);
  }
  // A token is not a session: pages and server actions do not take it.
  const adminPage = await r.get("/admin/users", { headers: bearer(token), maxRedirects: 0 });
  expect([302, 303, 307]).toContain(adminPage.status());
  const report = await r.get(`/reports/${hebeiReports.get(2009)}`, {
    headers: bearer(token),
    maxRedirects: 0,
  });
  expect([302, 303, 307]).toContain(report.status());
  const forged = await callServerAction(
    r,
    "/account",
    serverActionId("lib/api-tokens/actions.ts", "createApiTokenAction"),
    [{ name: "forged" }],
  );
  expect(actionReply(forged.body)).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
  const exportWithToken = await r.get("/audit/export?format=csv", { headers: bearer(token) });
  expect(exportWithToken.status()).toBe(401);

  // The role is read on every call: an analyst's token loses batch imports when the account becomes a viewer, and everything when disabled.
  const admin = await signedIn(browser, "admin");
  const analyst = await createThrowaway(admin.request, "api-demoted", "analyst");
  const analystContext = await signedIn(browser, analyst);
  const analystToken = (
    (
      await call(
        analystContext.request,
        "/account",
        "lib/api-tokens/actions.ts",
        "createApiTokenAction",
        [{ name: "将被降级" }],
      )
    ).data as { token: string }
  ).token;
  expect((await apiGet(r, analystToken, `/api/v1/imports/${analystJobId}`)).status()).toBe(404); // may import, but it is not their batch
  const update = (input: object) =>
    callServerAction(
      admin.request,
      "/admin/users",
      serverActionId("lib/users/actions.ts", "updateUserAction"),
      [input],
    );
  expect(actionReply((await update({ userId: analyst.id, role: "viewer" })).body)).toMatchObject({
    ok: true,
  });
  expect((await apiGet(r, analystToken, `/api/v1/imports/${analystJobId}`)).status()).toBe(403);
  expect((await apiGet(r, analystToken, "/api/v1/regions")).status()).toBe(200);
  expect(actionReply((await update({ userId: analyst.id, disabled: true })).body)).toMatchObject({
    ok: true,
  });
  expect((await apiGet(r, analystToken, "/api/v1/regions")).status()).toBe(401);
  await Promise.all([viewer.close(), anon.close(), admin.close(), analystContext.close()]);
});

test("the audit overview exports the whole corpus of a selection as CSV and JSON Lines", async ({
  browser,
}) => {
  const context = await signedIn(browser, "viewer");
  const page = await context.newPage();
  await page.goto("/audit");
  const form = page.getByTestId("corpus-export");
  await form.getByLabel(/^地区/).selectOption(hebeiRegionId);
  await form.getByLabel("起始年份").fill("2021");
  await form.getByLabel("截止年份").fill("2024");
  await form.getByLabel("层级").selectOption("trackable");
  await page.screenshot({ path: screenshotPath("corpus-export-form"), fullPage: true });
  const [csvDownload] = await Promise.all([
    page.waitForEvent("download"),
    form.getByTestId("corpus-export-csv").click(),
  ]);
  expect(csvDownload.suggestedFilename()).toMatch(/^duixian-pledges-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync((await csvDownload.path())!, "utf8");
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(
    csv.slice(1).startsWith("pledge_id,pledge_url,report_id,report_title,region_id,region,year,"),
  ).toBe(true);
  await page.goto("/audit");
  await form.getByLabel(/^地区/).selectOption(hebeiRegionId);
  await form.getByLabel("起始年份").fill("2021");
  await form.getByLabel("截止年份").fill("2024");
  await form.getByLabel("层级").selectOption("trackable");
  const [jsonlDownload] = await Promise.all([
    page.waitForEvent("download"),
    form.getByTestId("corpus-export-jsonl").click(),
  ]);
  const lines = readFileSync((await jsonlDownload.path())!, "utf8")
    .trim()
    .split("\n")
    .map(
      (l) => JSON.parse(l) as { tier: string; report: { year: number; region: { id: string } } },
    );
  expect(lines.length).toBeGreaterThan(100);
  expect(
    lines.every(
      (l) =>
        l.tier === "trackable" &&
        l.report.region.id === hebeiRegionId &&
        l.report.year >= 2021 &&
        l.report.year <= 2024,
    ),
  ).toBe(true);
  expect(new Set(lines.map((l) => l.report.year))).toEqual(new Set([2021, 2022, 2023, 2024]));
  await context.close();
});
