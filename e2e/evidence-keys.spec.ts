import type { BrowserContext, Page } from "@playwright/test";
import { contextAs, expect, test } from "./fixtures";
import { AssessmentPanel } from "./pages/assessment-panel";
import { LinkingPage } from "./pages/linking-page";
import { ReportPage } from "./pages/report-page";
import { importReportOverHttp, reportCopy } from "./security-helpers";

/**
 * Issue 16, items 6 and 11: the evidence page has one owner for its keys, J/K never discard an
 * unsaved verdict, every action says what it did, and a viewer sees read-only state as read-only.
 * The edits work on copies of the 2014 and 2015 reports in a region of their own (paired by
 * region and year), so other specs are not disturbed.
 */
test.describe.configure({ mode: "serial" });

const REGION = "快捷键测试区";
const PLAN = `2014年${REGION}政府工作报告`;
let analyst: BrowserContext;
let page: Page;

test.beforeAll(async ({ browser }) => {
  analyst = await contextAs(browser, "analyst");
  page = await analyst.newPage();
  await importReportOverHttp(
    analyst.request,
    { name: "快捷键-2014.txt", buffer: reportCopy("hailar/hailar_2014.txt", "（快捷键测试副本）") },
    { region: REGION, year: 2014, title: PLAN },
  );
  await importReportOverHttp(
    analyst.request,
    { name: "快捷键-2015.txt", buffer: reportCopy("hailar/hailar_2015.txt", "（快捷键测试副本）") },
    { region: REGION, year: 2015, title: `2015年${REGION}政府工作报告` },
  );
});

test.afterAll(async () => {
  await analyst.close();
});

test("F, a rationale, Esc, J: the page asks before leaving; stay keeps the edit; save and go saves it and moves on", async () => {
  const ws = new LinkingPage(page);
  await ws.open(PLAN, "社会消费品零售总额增长14%");
  const a = new AssessmentPanel(page);
  const body = page.locator("body");
  const url = page.url();

  await body.press("f");
  await expect(a.status("已兑现")).toBeChecked();
  await expect(a.rationale).toBeFocused();
  await page.keyboard.type("次年报告：社会消费品零售总额增长13.5%。");
  await page.keyboard.press("Escape");
  await expect(a.rationale).not.toBeFocused();

  // J with unsaved edits: the page stays and asks.
  await body.press("j");
  const dialog = page.getByTestId("leave-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("未保存");
  expect(page.url()).toBe(url);
  // Other keys do nothing while it asks; Esc means stay.
  await page.keyboard.press("p");
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(a.status("已兑现")).toBeChecked();
  await expect(a.rationale).toHaveValue("次年报告：社会消费品零售总额增长13.5%。");

  // K asks too; "stay" keeps the edit.
  await body.press("k");
  await dialog.getByRole("button", { name: "留在此页" }).click();
  await expect(dialog).toHaveCount(0);
  expect(page.url()).toBe(url);
  await expect(a.rationale).toHaveValue("次年报告：社会消费品零售总额增长13.5%。");

  // The next-pledge link asks as well; "save and go" saves, then moves on.
  await page.getByRole("link", { name: /下一条/ }).click();
  await dialog.getByRole("button", { name: "保存并前往" }).click();
  await expect(page).not.toHaveURL(url);
  await expect(page.getByTestId("ws-pledge-text")).not.toContainText("社会消费品零售总额增长14%");
  await page.goto(url);
  await expect(a.status("已兑现")).toBeChecked();
  await expect(a.rationale).toHaveValue("次年报告：社会消费品零售总额增长13.5%。");
  await expect(a.history.getByTestId("history-event")).toHaveCount(1);

  // With nothing unsaved, J moves at once.
  await body.press("j");
  await expect(page).not.toHaveURL(url);
  await expect(dialog).toHaveCount(0);
});

test("discard and go leaves the saved verdict as it was; closing the tab with unsaved edits asks the browser to confirm", async ({
  browser,
}) => {
  const ws = new LinkingPage(page);
  await ws.open(PLAN, "社会消费品零售总额增长14%");
  const a = new AssessmentPanel(page);
  const url = page.url();
  await a.choose("未兑现");
  await a.rationale.fill("不会保存的理由。");
  await page.keyboard.press("Escape"); // out of the rationale, where J would be typed
  await page.locator("body").press("j");
  await page.getByTestId("leave-dialog").getByRole("button", { name: "放弃修改并前往" }).click();
  await expect(page).not.toHaveURL(url);
  await page.goto(url);
  await expect(a.status("已兑现")).toBeChecked();
  await expect(a.rationale).toHaveValue("次年报告：社会消费品零售总额增长13.5%。");

  // beforeunload: a page with unsaved edits asks before it is closed; one without does not.
  const other = await (await contextAs(browser, "analyst")).newPage();
  await other.goto(url);
  const o = new AssessmentPanel(other);
  await o.choose("部分兑现");
  let asked = "";
  other.on("dialog", (d) => {
    asked = d.type();
    void d.accept();
  });
  await other.close({ runBeforeUnload: true });
  await expect.poll(() => asked).toBe("beforeunload");
  await other.context().close();
});

test("unlinking says it unlinked; link selected text says what it did, or that nothing is selected", async () => {
  const ws = new LinkingPage(page);
  await ws.open(PLAN, "地方财政总收入增长16%");
  const notice = page.getByTestId("ws-notice");

  await page.locator("body").press("1");
  await expect(ws.evidence).toHaveCount(1);
  await expect(notice).toHaveText("已关联。");
  await ws.evidence.first().getByRole("button", { name: "取消关联" }).click();
  await expect(ws.evidence).toHaveCount(0);
  await expect(notice).toHaveText("已取消关联。");

  // Nothing selected: the button says so, beside the review text (it used to do nothing).
  const linkSelection = page.getByTestId("ws-link-selection");
  await linkSelection.click();
  const review = page.getByTestId("ws-review");
  await expect(review.getByRole("alert")).toHaveText("先在下方次年报告中选中要关联的文字。");
  await expect(ws.evidence).toHaveCount(0);
  // The same with L.
  await ws.selectInReview("地方财政总收入完成");
  await page.evaluate(() => window.getSelection()?.removeAllRanges());
  await page.locator("body").press("l");
  await expect(review.getByRole("alert")).toHaveText("先在下方次年报告中选中要关联的文字。");

  await ws.selectInReview("地方财政总收入完成");
  await linkSelection.click();
  await expect(ws.evidence).toHaveCount(1);
  await expect(review.getByRole("status")).toHaveText("已关联选中的文字。");
  await expect(review.getByRole("alert")).toHaveCount(0);
});

test("the keys help and the hint list exactly the keys this user can use", async ({ browser }) => {
  const ws = new LinkingPage(page);
  await ws.open(PLAN, "地方财政总收入增长16%");
  await expect(page.getByTestId("keys-hint")).toContainText("L 关联选中文字");
  await page.locator("body").press("?");
  const help = page.getByTestId("keys-help");
  await expect(help.locator("dt")).toHaveText([
    "J / K",
    "1 – 9",
    "L",
    "A",
    "F P U N I X",
    "Enter",
    "Shift+Enter",
    "Esc",
    "?",
  ]);
  await page.keyboard.press("?");
  await expect(help).toHaveCount(0);

  // A viewer: the verdict is a label, not chips that do nothing; no key chips on suggestions; the
  // hint and help list only what works for them (moving between pledges, the help itself).
  const viewer = await contextAs(browser, "viewer");
  const vpage = await viewer.newPage();
  await vpage.goto(page.url());
  const v = new AssessmentPanel(vpage);
  await expect(v.root.getByTestId("assessment-status-readonly")).toHaveText(/未评估/);
  await expect(v.root.getByRole("radio")).toHaveCount(0);
  await expect(v.root.getByTestId("assessment-status")).toHaveCount(0);
  await expect(v.root.getByRole("textbox")).toHaveCount(0);
  await expect(vpage.getByTestId("ws-suggestion").first()).toBeVisible();
  await expect(vpage.getByTestId("ws-suggestion").locator("kbd")).toHaveCount(0);
  const hint = vpage.getByTestId("keys-hint");
  await expect(hint).toContainText("J / K");
  await expect(hint).not.toContainText("关联");
  await expect(hint).not.toContainText("Enter");
  await vpage.locator("body").press("f"); // nothing happens: not a viewer's key
  await expect(v.root.getByTestId("assessment-status-readonly")).toHaveText(/未评估/);
  await vpage.locator("body").press("?");
  await expect(vpage.getByTestId("keys-help").locator("dt")).toHaveText(["J / K", "Esc", "?"]);
  await viewer.close();
});

test("saving a pledge's kind and target on the report page says it saved", async () => {
  const report = new ReportPage(page);
  await report.openByTitle(PLAN);
  const text = "社会消费品零售总额增长14%，达到126亿元";
  await report.select(text);
  const editor = report.editor;
  await editor.getByLabel("数值", { exact: true }).fill("15");
  await editor.getByRole("button", { name: "保存类型和目标" }).click();
  await expect(editor.getByRole("status")).toHaveText("已保存。");
  await expect(report.targetOf(report.row(text))).toContainText("15");
});
