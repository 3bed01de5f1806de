import { contextAs, expect, screenshotPath, test } from "./fixtures";

async function openReport(page: import("@playwright/test").Page, title: string) {
  await page.goto("/reports");
  await page.getByRole("link", { name: title, exact: true }).click();
  await expect(page.getByTestId("pledge-list")).toBeVisible();
}

test("search finds pledges across simplified and traditional, and lives in the URL", async ({
  browser,
}) => {
  const context = await contextAs(browser, "analyst");
  const page = await context.newPage();
  await openReport(page, "2020年大连市西岗区政府工作报告");
  // Traditional query, simplified report.
  await page.getByTestId("filter-q").fill("電梯");
  await expect(page).toHaveURL(/q=%E9%9B%BB%E6%A2%AF/);
  await expect(page.getByTestId("pledge-list")).toContainText("维修改造20部居民老旧电梯");
  await expect(page.getByTestId("filter-count")).toContainText(/显示 \d+ \/ \d+|\d+/);
  // Bookmarkable: the same URL in a fresh page shows the same view.
  const url = page.url();
  const other = await context.newPage();
  await other.goto(url);
  await expect(other.getByTestId("pledge-list")).toContainText("维修改造20部居民老旧电梯");
  await expect(other.getByTestId("filter-q")).toHaveValue("電梯");
  await other.close();

  // Simplified query, traditional report.
  await openReport(page, "2020年大連市政府工作報告");
  await page.getByTestId("filter-q").fill("医疗");
  await expect(page).toHaveURL(/q=/);
  await expect(page.getByTestId("pledge-list")).toContainText("醫療");
  await page.screenshot({ path: screenshotPath("report-filtered-zh") });
  await context.close();
});

test("filters by kind, status and evidence combine, and can be cleared", async ({ browser }) => {
  const context = await contextAs(browser, "analyst");
  const page = await context.newPage();
  await openReport(page, "2014年海拉尔区政府工作报告");
  await page.getByTestId("filter-kind").selectOption("quantitative");
  await expect(page).toHaveURL(/kind=quantitative/);
  const rows = page.getByTestId("pledge-list").locator("li");
  await expect(rows.first()).toContainText("定量");
  const kinds = await page.getByTestId("pledge-list").locator('[data-f="kind"]').allTextContents();
  expect(new Set(kinds)).toEqual(new Set(["定量"]));
  await page.getByTestId("filter-status").selectOption("partial");
  await expect(page).toHaveURL(/status=partial/);
  // Only partially fulfilled quantitative pledges remain (none, on a fresh database, unless another spec assessed one).
  await expect(page.getByTestId("filter-count")).toBeVisible();
  const statuses = await page
    .getByTestId("pledge-list")
    .locator('[data-f="status"]')
    .allTextContents();
  expect(statuses.every((s) => s === "部分兑现")).toBe(true);
  await page.getByRole("button", { name: "清除筛选" }).click();
  await expect(page).not.toHaveURL(/kind=|status=/);
  await context.close();
});

test("invalid filter parameters in the URL are ignored with a clear notice", async ({
  browser,
}) => {
  const context = await contextAs(browser, "viewer");
  const page = await context.newPage();
  await openReport(page, "2014年海拉尔区政府工作报告");
  await page.goto(page.url() + "?status=bogus&section=%3Cscript%3E&kind=policy");
  const notice = page.getByRole("alert").filter({ hasText: "已忽略无效的筛选参数" });
  await expect(notice).toContainText("status");
  await expect(notice).toContainText("section");
  const kinds = await page.getByTestId("pledge-list").locator('[data-f="kind"]').allTextContents();
  expect(new Set(kinds)).toEqual(new Set(["政策"]));
  await context.close();
});
