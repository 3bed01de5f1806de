import { contextAs, expect, screenshotPath, setLanguage, test } from "./fixtures";

test("search across every report: simplified or traditional, highlighted, straight to the pledge", async ({
  browser,
}) => {
  const context = await contextAs(browser, "viewer");
  const page = await context.newPage();
  await page.goto("/");
  await page.getByRole("link", { name: "搜索", exact: true }).click();
  await expect(page).toHaveURL(/\/search$/);
  await expect(page.getByText("输入一个词，查找所有报告中的相关承诺")).toBeVisible();

  // A simplified query finds pledges of the traditional-script 大連 report too.
  await page.getByTestId("search-input").fill("医疗");
  await page.getByTestId("search-input").press("Enter");
  await expect(page).toHaveURL(/\/search\?q=%E5%8C%BB%E7%96%97/);
  const rows = page.getByTestId("search-row");
  await expect(rows.first()).toBeVisible();
  await expect(page.getByTestId("search-results")).toContainText("醫療");
  await expect(page.getByTestId("search-results")).toContainText("医疗");
  await expect(page.getByTestId("search-count")).toContainText(/共 \d+ 条承诺/);
  await expect(rows.first().locator("mark").first()).toHaveText(/医疗|醫療/);
  await page.screenshot({ path: screenshotPath("search-zh") });

  // The same results from the traditional spelling.
  const count = await page.getByTestId("search-count").textContent();
  await page.goto(`/search?q=${encodeURIComponent("醫療")}`);
  await expect(page.getByTestId("search-count")).toHaveText(count ?? "");

  // A result opens the pledge in its report.
  const first = rows.first().getByRole("link").first();
  const text = (await first.textContent()) ?? "";
  await first.click();
  await expect(page).toHaveURL(/\/reports\/[^/]+\/pledges\/[^/]+$/);
  await expect(page.getByText(text.slice(0, 8)).first()).toBeVisible();
  await context.close();
});

test("search: no hits, too long and hostile queries get clear answers", async ({ browser }) => {
  const context = await contextAs(browser, "analyst");
  const page = await context.newPage();
  await page.goto(`/search?q=${encodeURIComponent("完全不存在的承诺文字")}`);
  await expect(page.getByText("没有承诺包含“完全不存在的承诺文字”")).toBeVisible();
  await page.goto(`/search?q=${"长".repeat(101)}`);
  await expect(page.getByTestId("search-error")).toContainText("最多 100 个字");
  await page.goto(`/search?q=${encodeURIComponent('"<script>alert(1)</script>%_')}`);
  await expect(page.getByRole("heading", { name: "搜索承诺" })).toBeVisible();
  await expect(page.getByTestId("search-input")).toHaveValue('"<script>alert(1)</script>%_');
  await setLanguage(page, "en");
  await page.goto(`/search?q=${encodeURIComponent("旅游")}`);
  await expect(page.getByRole("heading", { name: "Search pledges" })).toBeVisible();
  await expect(page.getByTestId("search-count")).toContainText(/pledges|Showing the first/);
  await page.screenshot({ path: screenshotPath("search-en") });
  await setLanguage(page, "zh");
  await context.close();
});

test("search pages through every hit, 100 a page; a page past the last shows the last with a notice", async ({
  browser,
}) => {
  const context = await contextAs(browser, "viewer");
  const page = await context.newPage();
  // 建设 is in hundreds of the demo reports' pledges: more than one page.
  await page.goto(`/search?q=${encodeURIComponent("建设")}`);
  const rows = page.getByTestId("search-row");
  await expect(rows).toHaveCount(100);
  const count = (await page.getByTestId("search-count").textContent()) ?? "";
  const total = Number(count.match(/共 (\d+) 条/)?.[1]);
  expect(total).toBeGreaterThan(200);
  expect(count).toContain("第 1–100 条");
  const firstOfPage1 = await rows.first().textContent();

  await page.getByTestId("search-pager").getByTestId("page-next").click();
  await expect(page).toHaveURL(/[?&]page=2/);
  await expect(page).toHaveURL(/q=%E5%BB%BA%E8%AE%BE/);
  await expect(page.getByTestId("search-count")).toContainText("第 101–200 条");
  await expect(rows).toHaveCount(100);
  expect(await rows.first().textContent()).not.toBe(firstOfPage1);

  const pages = Math.ceil(total / 100);
  await page.goto(`/search?q=${encodeURIComponent("建设")}&page=999`);
  await expect(page.getByTestId("page-status")).toContainText(`${pages}`);
  await expect(rows).toHaveCount(total - (pages - 1) * 100);
  await expect(page.getByTestId("page-invalid")).toContainText("999");
  await page.goto(`/search?q=${encodeURIComponent("建设")}&page=abc`);
  await expect(page.getByTestId("page-invalid")).toContainText("abc");
  await expect(page.getByTestId("search-count")).toContainText("第 1–100 条");
  await context.close();
});
