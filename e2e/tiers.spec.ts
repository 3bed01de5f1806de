import type { BrowserContext, Page } from "@playwright/test";
import { contextAs, expect, screenshotPath, setLanguage, test } from "./fixtures";
import { ReportPage } from "./pages/report-page";
import { importReportOverHttp, reportCopy } from "./security-helpers";

/**
 * Issue 14: a report opens on its trackable commitments; an analyst changes a tier (audited),
 * marks items "not a pledge" in bulk and restores them, moves a pledge's boundaries, gives it a
 * title; the audit report counts trackable items by default and can include direction items.
 * The edits work on a copy of their own (a region of its own), so other specs are not disturbed.
 */
test.describe.configure({ mode: "serial" });

const REGION = "层级测试区";
let context: BrowserContext;
let page: Page;
let report: ReportPage;
let copyId = "";

const count = async (p: Page, testId: string) =>
  Number((await p.getByTestId(testId).innerText()).match(/\d+/)?.[0] ?? NaN);

test.beforeAll(async ({ browser }) => {
  context = await contextAs(browser, "analyst");
  page = await context.newPage();
  await page.setViewportSize({ width: 1440, height: 1000 });
  report = new ReportPage(page);
  copyId = await importReportOverHttp(
    context.request,
    { name: "层级-2014.txt", buffer: reportCopy("hailar/hailar_2014.txt", "（层级测试副本）") },
    { region: REGION, year: 2014, title: `2014年${REGION}政府工作报告` },
  );
});

test.afterAll(async () => {
  await context.close();
});

/** Opens the copy (optionally a tier view) and waits for every row of the view. */
async function openCopy(query = ""): Promise<void> {
  await page.goto(`/reports/${copyId}${query}`);
  await expect(report.sourceRoot).toBeVisible();
  await report.waitForAllRows();
}

/** The list row whose text is exactly `text`. */
const row = (text: string) => report.row(text);

test("a Hailar report opens on its trackable items; direction items are one click away", async () => {
  await page.goto("/reports");
  await page.getByRole("link", { name: "2014年海拉尔区政府工作报告", exact: true }).click();
  await page.waitForURL(/\/reports\/[^/]+$/);
  await report.waitForAllRows();
  const counts = await page.getByTestId("tier-counts").innerText();
  const [trackable, direction] = (counts.match(/\d+/g) ?? []).map(Number);
  console.log(`Hailar 2014: trackable ${trackable}, direction ${direction} (${counts})`);
  expect(trackable).toBeGreaterThanOrEqual(20);
  expect(trackable).toBeLessThanOrEqual(120);
  expect(direction).toBeGreaterThan(trackable);

  // The default view: trackable items only, each with its badge and reason.
  await expect(report.rows).toHaveCount(trackable);
  await expect(report.list.locator('li[data-tier="direction"]')).toHaveCount(0);
  await expect(report.rows.first().locator('[data-f="tier"]')).toHaveText(
    /^可跟踪 · (目标|数量|项目|时限|改革举措)$/,
  );
  await expect(page.getByTestId("tier-view-trackable")).toHaveAttribute("aria-pressed", "true");
  await page.screenshot({ path: screenshotPath("tiers-report-after") });

  // One click: the direction items, still grouped by section and topic.
  await page.getByTestId("tier-view-direction").click();
  await expect(page).toHaveURL(/tier=direction/);
  await report.waitForAllRows();
  await expect(report.rows).toHaveCount(direction);
  await expect(report.list.locator('li[data-tier="trackable"]')).toHaveCount(0);
  expect(await report.list.getByTestId("pledge-group").count()).toBeGreaterThan(3);
  await page.screenshot({ path: screenshotPath("tiers-report-direction") });

  await page.getByTestId("tier-view-all").click();
  await expect(page).toHaveURL(/tier=all/);
  await report.waitForAllRows();
  await expect(report.rows).toHaveCount(trackable + direction);

  // The English page says the same.
  await setLanguage(page, "en");
  await expect(page.getByTestId("tier-view-trackable")).toHaveText(`Trackable ${trackable}`);
  await setLanguage(page, "zh");
});

test("an analyst changes a tier; the change is audited and shows in the pledge's history", async () => {
  await openCopy("?tier=direction");
  const item = row("扶持创业企业发展");
  await report.select("扶持创业企业发展");
  const editor = report.editor;
  await expect(editor.getByTestId("tier-source")).toHaveText("自动判断");
  await editor.getByTestId("tier-set-trackable").click();
  // The row stays while selected, now trackable and marked as a person's choice.
  await expect(item.locator('[data-f="tier"]')).toHaveAttribute("data-tier", "trackable");
  await expect(item.locator('[data-f="tier"]')).toHaveAttribute("data-manual", "");
  await expect(report.editor.getByTestId("tier-source")).toHaveText("人工设定");
  await report.editor.getByTestId("tier-reason").selectOption("reform");
  await expect(item.locator('[data-f="tier"]')).toHaveText("可跟踪 · 改革举措");

  // It is one of the trackable items now.
  await openCopy();
  await expect(row("扶持创业企业发展")).toHaveCount(1);
  await row("扶持创业企业发展").getByRole("button").first().click();
  await page.getByTestId("open-evidence").click();
  await page.waitForURL(/\/pledges\//);
  await expect(page.getByTestId("ws-pledge-tier")).toHaveText("可跟踪 · 改革举措");
  const history = page.getByTestId("pledge-history");
  await expect(history.locator('[data-action="pledge.tier"]')).toHaveCount(2);
  await expect(history.locator('[data-action="pledge.tier"]').last()).toContainText(
    "层级：方向性 → 可跟踪",
  );
  await expect(history.locator('[data-action="pledge.tier"]').first()).toContainText(
    "分析员 Analyst",
  );
});

test("several items are marked not a pledge at once, hidden from the list and the counts, and restored", async () => {
  await openCopy();
  const before = await page.getByTestId("tier-counts").innerText();
  const trackable = Number(before.match(/\d+/)![0]);
  const texts = [
    await report.textOf(report.rows.nth(1)).innerText(),
    await report.textOf(report.rows.nth(2)).innerText(),
  ];
  await page.getByTestId("bulk-check").nth(1).check();
  await page.getByTestId("bulk-check").nth(2).check();
  const bar = page.getByTestId("bulk-bar");
  await bar.getByTestId("bulk-exclude").click();
  await expect(bar.getByRole("status")).toContainText("已更新 2 条；跳过 0 条。");
  await expect(page.getByTestId("tier-counts")).toContainText(`可跟踪 ${trackable - 2}`);
  for (const text of texts) await expect(row(text)).toHaveCount(0);
  await expect(page.getByTestId("tier-view-excluded")).toHaveText("非承诺 (2)");

  // Hidden, but reachable: their own view lists them, marked, and restores them.
  await page.getByTestId("tier-view-excluded").click();
  await expect(page).toHaveURL(/excluded=1/);
  await expect(report.rows).toHaveCount(2);
  await expect(report.list.locator('[data-f="excluded"]')).toHaveCount(2);
  await page.getByTestId("bulk-check-all").check();
  await page.getByTestId("bulk-bar").getByTestId("bulk-restore").click();
  await expect(page.getByTestId("bulk-bar").getByRole("status")).toContainText("已更新 2 条");
  await expect(page.getByTestId("tier-view-excluded")).toHaveText("非承诺 (0)");
  await openCopy();
  await expect(page.getByTestId("tier-counts")).toHaveText(before);
  for (const text of texts) await expect(row(text)).toHaveCount(1);

  // One item, from its editor: marked, then restored from the notice.
  await report.select(texts[0]);
  await report.editor.getByTestId("pledge-exclude").click();
  await expect(report.editor.getByTestId("pledge-excluded-notice")).toBeVisible();
  await expect(row(texts[0])).toHaveAttribute("data-x", "");
  await report.editor.getByTestId("pledge-restore").click();
  await expect(report.editor.getByTestId("pledge-excluded-notice")).toHaveCount(0);
  await expect(page.getByTestId("tier-view-excluded")).toHaveText("非承诺 (0)");
});

test("an analyst moves a pledge's end to the next clause and gives it a title; the text stays the source's", async () => {
  await openCopy();
  await report.select("扶持创业企业发展");
  const editor = report.editor;
  await editor.getByTestId("span-end+clause").click();
  await expect(editor.getByTestId("span-preview")).toHaveAttribute(
    "data-text",
    "扶持创业企业发展，使创业成为解决就业的主渠道",
  );
  await expect(editor.getByTestId("span-preview").locator("ins")).toHaveText(
    "，使创业成为解决就业的主渠道",
  );
  // One character back and forth: the preview follows, punctuation is never left at an edge.
  await editor.getByTestId("span-end-char").click();
  await expect(editor.getByTestId("span-preview")).toHaveAttribute(
    "data-text",
    "扶持创业企业发展，使创业成为解决就业的主渠",
  );
  await editor.getByTestId("span-end+char").click();
  await editor.getByTestId("span-apply").click();
  const moved = row("扶持创业企业发展，使创业成为解决就业的主渠道");
  await expect(moved).toHaveCount(1);
  const id = await moved.getAttribute("data-pid");
  await expect(report.mark(id!)).toHaveText("扶持创业企业发展，使创业成为解决就业的主渠道");

  await report.editor.getByTestId("title-input").fill("扶持创业带动就业");
  await report.editor.getByTestId("title-save").click();
  await expect(moved.locator('[data-f="title"]')).toHaveText("扶持创业带动就业");
  await page.screenshot({ path: screenshotPath("tiers-editor") });

  // Overlapping the next pledge is refused before it is sent.
  await report.editor.getByTestId("span-end+clause").click();
  await report.editor.getByTestId("span-end+clause").click();
  await expect(report.editor.getByRole("alert")).toContainText("重叠");
  await expect(report.editor.getByTestId("span-apply")).toBeDisabled();

  // The pledge page shows the title above the exact source text, and the history both changes.
  await page.goto(`/reports/${copyId}/pledges/${id}`);
  await expect(page.getByTestId("ws-pledge-title")).toHaveText("扶持创业带动就业");
  await expect(page.getByTestId("ws-pledge-text")).toHaveText(
    "扶持创业企业发展，使创业成为解决就业的主渠道",
  );
  const history = page.getByTestId("pledge-history");
  await expect(history.locator('[data-action="pledge.span"]')).toContainText(
    "「扶持创业企业发展」→「扶持创业企业发展，使创业成为解决就业的主渠道」",
  );
  await expect(history.locator('[data-action="pledge.title"]')).toContainText("扶持创业带动就业");
});

test("the audit report counts trackable commitments by default, says so, and can include direction items", async () => {
  await openCopy();
  const [trackable, direction] = (
    (await page.getByTestId("tier-counts").innerText()).match(/\d+/g) ?? []
  ).map(Number);
  await page.goto(`/audit/pair/${copyId}`);
  await expect(page.getByTestId("audit-tiers")).toContainText(
    `仅统计可跟踪承诺（${trackable} 条；方向性承诺 ${direction} 条未计入`,
  );
  expect(await count(page, "audit-card-pledges")).toBe(trackable);
  await expect(page.getByTestId("audit-pledge")).toHaveCount(trackable);
  await expect(
    page.locator('[data-testid="audit-pledge-tier"][data-tier="direction"]'),
  ).toHaveCount(0);
  await expect(page.getByTestId("audit-tier-trackable")).toHaveAttribute("aria-current", "true");

  await page.getByTestId("audit-tiers-switch").click();
  await expect(page).toHaveURL(/tier=all/);
  await expect(page.getByTestId("audit-tiers")).toContainText(
    `统计全部承诺：可跟踪 ${trackable} 条，方向性 ${direction} 条`,
  );
  expect(await count(page, "audit-card-pledges")).toBe(trackable + direction);
  await expect(page.getByTestId("audit-tier-all")).toHaveAttribute("aria-current", "true");
  // The other switch keeps the tier choice, and the exports follow what is shown.
  await page.getByTestId("audit-show-approved").click();
  await expect(page).toHaveURL(/approved=1&tier=all|tier=all&approved=1/);
  const csvHref = await page.getByTestId("audit-export-csv").getAttribute("href");
  expect(csvHref).toContain("tier=all");
  const csv = await (await context.request.get(csvHref!)).text();
  const lines = csv
    .replace(/^\uFEFF/, "")
    .split("\r\n")
    .filter(Boolean);
  expect(lines[0]).toContain("层级,层级依据");
  expect(lines.filter((l) => l.includes(",方向性,")).length).toBe(direction);

  const json = await (await context.request.get(`/audit/pair/${copyId}/export?format=json`)).json();
  expect(json).toMatchObject({ tiers: "trackable", tierCounts: { trackable, direction } });
  expect(json.pledges).toHaveLength(trackable);
  expect(json.pledges.every((p: { tier: string }) => p.tier === "trackable")).toBe(true);
  await page.goto(`/audit/pair/${copyId}`);
  await page.screenshot({ path: screenshotPath("tiers-audit"), fullPage: false });
});
