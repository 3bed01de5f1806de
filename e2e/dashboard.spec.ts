import { ACCOUNTS, contextAs, expect, screenshotPath, setLanguage, test } from "./fixtures";
import { AssessmentPanel } from "./pages/assessment-panel";
import { LinkingPage } from "./pages/linking-page";
import { LoginPage } from "./pages/login-page";

const PLEDGE = "全力支持呼伦贝尔工业园区发展";
const REPORT = "2012年海拉尔区政府工作报告";
const REASON = "请补充园区入驻企业数量的出处。";

const number = async (text: Promise<string | null>) =>
  Number((await text)?.match(/[\d,]+/)?.[0].replace(/,/g, ""));

test("an analyst lands on the dashboard after signing in and sees totals and reports awaiting pairing or assessment", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(ACCOUNTS.analyst.email, ACCOUNTS.analyst.password);
  await page.waitForURL((url) => url.pathname === "/");
  await expect(page.getByRole("heading", { name: "首页", level: 1 })).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "main" }).getByRole("link", { name: "首页" }),
  ).toHaveAttribute("aria-current", "page");

  // Totals: at least the ten seeded reports and their 3,400-odd pledges.
  const totals = page.getByTestId("dashboard-totals");
  expect(await number(totals.getByTestId("total-reports").textContent())).toBeGreaterThanOrEqual(
    10,
  );
  expect(await number(totals.getByTestId("total-pledges").textContent())).toBeGreaterThan(3000);
  await expect(totals.getByTestId("total-assessed")).toContainText("已评估");

  // Hailar 2013 is paired with 2014 and mostly unassessed; its progress bar counts its pledges.
  const assessment = page.getByTestId("awaiting-assessment");
  const hailar2013 = assessment
    .getByTestId("awaiting-report")
    .filter({ has: page.getByRole("link", { name: "2013年海拉尔区政府工作报告", exact: true }) });
  await expect(hailar2013).toContainText("对照 2014年海拉尔区政府工作报告");
  expect(
    Number(await hailar2013.getByTestId("report-progress").getAttribute("data-total")),
  ).toBeGreaterThan(100);
  expect(
    await number(assessment.getByTestId("awaiting-assessment-count").textContent()),
  ).toBeGreaterThanOrEqual(4);

  // The report of unknown year and the last Hailar report wait for a next-year report.
  const pairing = page.getByTestId("awaiting-pairing");
  await expect(
    pairing.getByTestId("awaiting-report").filter({ hasText: "区委常委会工作报告（年份不详）" }),
  ).toContainText("年份不详");
  await expect(
    pairing.getByTestId("awaiting-report").filter({ hasText: "2016年海拉尔区政府工作报告" }),
  ).toContainText("缺 2017 年报告");

  // An analyst has a queue of their own work, not the reviewers' queue.
  await expect(page.getByTestId("dashboard-returned")).toBeVisible();
  await expect(page.getByTestId("dashboard-assigned")).toBeVisible();
  await expect(page.getByTestId("dashboard-review-queue")).toHaveCount(0);

  // Recent activity: the seed's imports at least, in words.
  await expect(page.getByTestId("activity-item").first()).toBeVisible();

  await hailar2013.getByRole("link", { name: "2013年海拉尔区政府工作报告", exact: true }).click();
  await expect(page).toHaveURL(/\/reports\/[a-z0-9]+$/);
  await page.getByRole("navigation", { name: "main" }).getByRole("link", { name: /^兑现/ }).click(); // the logo
  await expect(page).toHaveURL((url) => url.pathname === "/");
  await context.close();
});

test("a reviewer sees the review queue; a returned assessment shows on the analyst's dashboard with its reason", async ({
  browser,
}) => {
  // The analyst submits an assessment.
  const analyst = await contextAs(browser, "analyst");
  const apage = await analyst.newPage();
  await new LinkingPage(apage).open(REPORT, PLEDGE);
  const a = new AssessmentPanel(apage);
  await a.assess("进行中", "2013年报告：园区建设持续推进。");
  await expect(a.notice).toHaveText("评估已保存。");
  await a.button("提交审核").click();
  await a.expectState("待审核");
  const pledgeUrl = new URL(apage.url()).pathname;

  // The reviewer's dashboard counts it among the submitted assessments; the oldest link to their workspace.
  const reviewer = await contextAs(browser, "reviewer");
  const rpage = await reviewer.newPage();
  await rpage.goto("/");
  const queue = rpage.getByTestId("dashboard-review-queue");
  await expect(queue).toBeVisible();
  expect(
    await number(queue.getByTestId("dashboard-review-queue-count").textContent()),
  ).toBeGreaterThanOrEqual(1);
  await expect(queue.getByTestId("queue-item").first().getByRole("link").first()).toHaveAttribute(
    "href",
    /^\/reports\/[a-z0-9]+\/pledges\/[a-z0-9]+$/,
  );
  await expect(queue.getByRole("link", { name: /全部 \d+ 条/ })).toHaveAttribute("href", "/review");
  await expect(
    rpage.getByTestId("activity-item").filter({ hasText: PLEDGE }).first(),
  ).toContainText("提交审核");
  await rpage.screenshot({ path: screenshotPath("dashboard-reviewer-zh"), fullPage: true });

  // The reviewer returns it with a reason…
  await rpage.goto(pledgeUrl);
  const r = new AssessmentPanel(rpage);
  await r.button("退回…").click();
  await r.root.getByLabel("退回理由（分析员会看到）").fill(REASON);
  await r.button("确认退回").click();
  await r.expectState("已退回");
  await reviewer.close();

  // …and the analyst's dashboard lists it with the reason, linking back to the pledge.
  await apage.goto("/");
  const returned = apage
    .getByTestId("dashboard-returned")
    .getByTestId("queue-item")
    .filter({ hasText: PLEDGE });
  await expect(returned.getByTestId("return-reason")).toHaveText(`审核员 Reviewer 退回：${REASON}`);
  await expect(returned.getByRole("link", { name: PLEDGE })).toHaveAttribute("href", pledgeUrl);
  await expect(
    apage.getByTestId("activity-item").filter({ hasText: REASON }).first(),
  ).toContainText("审核员 Reviewer");

  await apage.setViewportSize({ width: 1280, height: 800 });
  await apage.screenshot({ path: screenshotPath("dashboard-zh"), fullPage: true });
  await setLanguage(apage, "en");
  await expect(apage.getByRole("heading", { name: "Home", level: 1 })).toBeVisible();
  await expect(apage.getByTestId("awaiting-assessment")).toContainText(
    "Reports awaiting assessment",
  );
  await apage.screenshot({ path: screenshotPath("dashboard-en"), fullPage: true });
  await analyst.close();
});
