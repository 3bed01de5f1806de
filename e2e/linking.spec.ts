import { contextAs, expect, screenshotPath, setLanguage, test } from "./fixtures";
import { LinkingPage } from "./pages/linking-page";
import { callServerAction, serverActionId } from "./server-actions";

test("an analyst links a suggestion by keyboard, a hand-selected span and an external source; all persist", async ({
  browser,
}) => {
  const context = await contextAs(browser, "analyst");
  const page = await context.newPage();
  const ws = new LinkingPage(page);
  await ws.open("2013年海拉尔区政府工作报告", "地区生产总值增长20%");

  // Suggestions from the 2014 review, best first, the right one on top with its figure compared.
  await expect(ws.suggestions.first()).toContainText("地区生产总值");
  await expect(ws.suggestions.first().getByTestId("comparison")).toContainText(/未达标|达标/);
  await expect(ws.suggestions.first().locator("mark").first()).toBeVisible();

  // 1 links the first suggestion.
  await page.locator("body").press("1");
  await expect(ws.evidence).toHaveCount(1);
  await expect(ws.suggestions.first()).toContainText("已关联");

  // A span selected by hand, linked with L.
  await ws.selectInReview("地方财政总收入完成24.85亿元");
  await page.locator("body").press("l");
  await expect(ws.evidence).toHaveCount(2);
  await expect(ws.evidence.nth(1)).toContainText("地方财政总收入完成24.85亿元");

  // An external source, with a bad URL first.
  const external = page.getByTestId("ws-external");
  await external.locator("summary").click();
  await external.getByLabel("网址").fill("not a url");
  await external.getByLabel("引文").fill("2013年全区地区生产总值253.7亿元（统计公报）");
  await external.getByRole("button", { name: "添加外部来源" }).click();
  await expect(external.getByRole("alert")).toHaveText("网址需以 http:// 或 https:// 开头。");
  await external.getByLabel("网址").fill("https://stats.example.org/2013");
  await external.getByLabel("日期").fill("2014-03-01");
  await external.getByRole("button", { name: "添加外部来源" }).click();
  await expect(ws.evidence).toHaveCount(3);

  await page.reload();
  await expect(ws.evidence).toHaveCount(3);
  await expect(ws.evidence.nth(0)).toContainText("地区生产总值");
  await expect(ws.evidence.nth(1)).toContainText("地方财政总收入完成24.85亿元");
  await expect(ws.evidence.nth(2)).toContainText("统计公报");
  await page.screenshot({ path: screenshotPath("linking-zh"), fullPage: true });
  await setLanguage(page, "en");
  await page.screenshot({ path: screenshotPath("linking-en"), fullPage: true });
  await setLanguage(page, "zh");

  // Unlinking is possible and recorded (the audit trail is checked in the unit tests).
  await ws.evidence.nth(2).getByRole("button", { name: "取消关联" }).click();
  await expect(ws.evidence).toHaveCount(2);

  // J moves to the next pledge.
  const before = page.url();
  await page.locator("body").press("j");
  await expect(page).not.toHaveURL(before);
  await context.close();
});

test("a report without a next-year report says so and offers the import", async ({ browser }) => {
  const context = await contextAs(browser, "analyst");
  const page = await context.newPage();
  const ws = new LinkingPage(page);
  await ws.open("2016年海拉尔区政府工作报告", "地区生产总值");
  await expect(page.getByTestId("ws-no-review")).toContainText("还没有这份报告的次年报告");
  await expect(
    page.getByTestId("ws-no-review").getByRole("link", { name: "导入次年报告" }),
  ).toHaveAttribute("href", "/reports/import");
  await context.close();
});

test("a viewer sees evidence but cannot link, not even by calling the action", async ({
  browser,
}) => {
  const context = await contextAs(browser, "viewer");
  const page = await context.newPage();
  const ws = new LinkingPage(page);
  await ws.open("2014年海拉尔区政府工作报告", "地区生产总值增长11%");
  await expect(ws.suggestions.first()).toBeVisible();
  const before = await ws.evidence.count(); // other specs may have linked evidence to this pledge
  await expect(page.getByRole("button", { name: "关联", exact: true })).toHaveCount(0);
  await expect(page.getByTestId("ws-external")).toHaveCount(0);
  const pledgeId = page.url().split("/").pop()!;
  const id = serverActionId("lib/evidence-links/actions.ts", "linkReviewEvidenceAction");
  const res = await callServerAction(context.request, new URL(page.url()).pathname, id, [
    { pledgeId, start: 0, end: 10 },
  ]);
  expect(res.body).toContain("FORBIDDEN");
  await page.reload();
  await expect(ws.evidence).toHaveCount(before);
  await context.close();
});

test("a reviewer pairs a report whose year is unknown by hand; analysts cannot", async ({
  browser,
}) => {
  const analyst = await contextAs(browser, "analyst");
  const apage = await analyst.newPage();
  await apage.goto("/reports");
  await apage.getByRole("link", { name: "区委常委会工作报告（年份不详）" }).click();
  await expect(apage.getByTestId("reviewed-by")).toContainText("尚无次年报告");
  await expect(apage.getByTestId("pairing-editor")).toHaveCount(0);
  await analyst.close();

  const reviewer = await contextAs(browser, "reviewer");
  const page = await reviewer.newPage();
  await page.goto("/reports");
  await page.getByRole("link", { name: "区委常委会工作报告（年份不详）" }).click();
  const editor = page.getByTestId("pairing-editor");
  await editor.locator("summary").click();
  const option = editor.locator("option", { hasText: "2020年大連市政府工作報告" });
  await editor.getByRole("combobox").selectOption(await option.getAttribute("value"));
  await editor.getByRole("button", { name: "保存配对" }).click();
  await expect(page.getByTestId("reviewed-by")).toContainText("2020年大連市政府工作報告");
  await page.reload();
  await expect(page.getByTestId("reviewed-by")).toContainText("2020年大連市政府工作報告");
  // Hand it back to the automatic rule, so other specs see the seeded state (no year: no pairing).
  await page.getByTestId("pairing-editor").locator("summary").click();
  await page
    .getByTestId("pairing-editor")
    .getByRole("combobox")
    .selectOption({ label: "自动配对（同一地区的次年报告）" });
  await page.getByTestId("pairing-editor").getByRole("button", { name: "保存配对" }).click();
  await expect(page.getByTestId("reviewed-by")).toContainText("尚无次年报告");
  await expect(page.getByTestId("reviewed-by")).toHaveAttribute("data-source", "none");
  await reviewer.close();
});
