import type { Browser, Page } from "@playwright/test";
import { expect, screenshotPath, storageStateFor, test, type Role } from "./fixtures";
import { measureOverflow } from "./overflow";
import { AuditReportPage } from "./pages/audit-report-page";
import { ReportPage } from "./pages/report-page";

/**
 * Issue 16 item 10: the app at phone width (390 px) and, for comparison, at desktop width. Every
 * page is screenshot into e2e/screenshots/ (for people to look at) and must not overflow sideways.
 */

const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};
const DESKTOP = { viewport: { width: 1440, height: 900 } };
type Size = typeof PHONE | typeof DESKTOP;

// Read-only use of its pages, apart from one share link on its audit report.
const PLAN = "2013年海拉尔区政府工作报告";

async function contextAt(browser: Browser, size: Size, role: Role | null) {
  return browser.newContext({ ...size, ...(role ? { storageState: storageStateFor(role) } : {}) });
}

/** Screenshots the viewport (or one element) and checks that nothing sticks out sideways. */
async function shootAndCheck(
  page: Page,
  name: string,
  options: { element?: string; fullPage?: boolean } = {},
) {
  const width = page.viewportSize()!.width;
  const path = screenshotPath(
    `${width < 600 ? "phone" : width < 1024 ? "tablet" : "desktop"}-${name}`,
  );
  if (options.element) await page.locator(options.element).first().screenshot({ path });
  else await page.screenshot({ path, fullPage: options.fullPage ?? false });
  const overflow = await measureOverflow(page, width);
  expect(overflow.offenders, `${name}: elements past the viewport's edge`).toEqual([]);
  expect(overflow.scrollWidth, `${name}: the page scrolls sideways`).toBeLessThanOrEqual(width);
}

test.describe("phone width (390 px)", () => {
  test("home: the header is one row with a menu that shows the links, switches language and closes", async ({
    browser,
  }) => {
    const context = await contextAt(browser, PHONE, "admin");
    const page = await context.newPage();
    // Text without a break opportunity (a pasted URL) in the activity feed must wrap, not widen the page.
    await new ReportPage(page).openByTitle(PLAN);
    const pid = await page
      .getByTestId("pledge-list")
      .locator("li[data-pid]")
      .first()
      .getAttribute("data-pid");
    await page.goto(`${new URL(page.url()).pathname}/pledges/${pid}`);
    await page
      .getByPlaceholder("写下你的意见…")
      .fill(`https://example.org/${"统计公报".repeat(3)}?q=${"x".repeat(120)}`);
    await page.getByRole("button", { name: "发表评论" }).click();
    await expect(
      page.getByTestId("comment-thread").getByText("https://example.org/"),
    ).toBeVisible();
    await page.goto("/");
    const nav = page.getByRole("navigation", { name: "main" });
    const menu = page.getByRole("button", { name: "菜单" });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(nav.getByRole("link", { name: "报告" })).toBeHidden();
    const header = await page.locator("header").boundingBox();
    expect(header!.height).toBeLessThan(50); // one row, not a column of single characters
    await shootAndCheck(page, "home");

    // Opened: every link, the language switch, the account and sign-out, inside the screen.
    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    const panel = page.locator(`#${await menu.getAttribute("aria-controls")}`);
    await expect(panel).toBeVisible();
    for (const name of ["首页", "报告", "地区", "搜索", "审核队列", "审计报告", "管理"]) {
      await expect(panel.getByRole("link", { name, exact: true })).toBeInViewport({ ratio: 1 });
    }
    await expect(panel.getByRole("button", { name: "English" })).toBeInViewport({ ratio: 1 });
    await expect(panel.getByRole("button", { name: "退出登录" })).toBeInViewport({ ratio: 1 });
    await expect(panel.getByTestId("current-user")).toBeInViewport({ ratio: 1 });
    // An overlay: opening it moves nothing on the page.
    expect(await page.locator("header").boundingBox()).toEqual(header);
    await shootAndCheck(page, "menu-open");

    // The language switch works from the menu, which stays open in the new language.
    await panel.getByRole("button", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    const menuEn = page.getByRole("button", { name: "Menu" });
    await expect(menuEn).toHaveAttribute("aria-expanded", "true");
    await expect(panel.getByRole("link", { name: "Reports", exact: true })).toBeVisible();
    await shootAndCheck(page, "menu-open-en");

    // Escape closes it and gives the focus back to the button.
    await page.keyboard.press("Escape");
    await expect(menuEn).toHaveAttribute("aria-expanded", "false");
    await expect(panel).toBeHidden();
    await expect(menuEn).toBeFocused();

    // A link closes it and navigates.
    await menuEn.click();
    await panel.getByRole("link", { name: "Audit reports", exact: true }).click();
    await page.waitForURL(/\/audit$/);
    await expect(menuEn).toHaveAttribute("aria-expanded", "false");
    await expect(panel).toBeHidden();
    await shootAndCheck(page, "audit-overview-en");
    await menuEn.click();
    await panel.getByRole("button", { name: "中文" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await context.close();
  });

  test("report: the list and the source are tabs; selecting, 'show in source' and picking a highlight switch between them", async ({
    browser,
  }) => {
    const context = await contextAt(browser, PHONE, "analyst");
    const page = await context.newPage();
    const report = new ReportPage(page);
    await report.openByTitle(PLAN, "default");
    await page.evaluate(() => window.scrollTo(0, 0));
    const tabs = page.getByRole("tablist", { name: "承诺列表或原文" });
    const listTab = tabs.getByRole("tab", { name: "条目" });
    const sourceTab = tabs.getByRole("tab", { name: "原文" });
    await expect(listTab).toHaveAttribute("aria-selected", "true");
    await expect(report.list).toBeVisible();
    await expect(page.getByTestId("source-pane")).toBeHidden();
    await shootAndCheck(page, "report");

    // The tabs stay under the header while the list scrolls by.
    await report.rows.nth(40).scrollIntoViewIfNeeded();
    await expect(tabs).toBeInViewport();
    await shootAndCheck(page, "report-list-scrolled");

    // A pledge selected in the list opens its editor; "show in source" switches tab, at its highlight.
    const row = await report.select("地区生产总值增长20%，达到282亿元");
    const id = (await row.getAttribute("data-pid"))!;
    await shootAndCheck(page, "report-editor");
    await row.getByTestId("show-in-source").click();
    await expect(sourceTab).toHaveAttribute("aria-selected", "true");
    await expect(report.list).toBeHidden();
    await expect(report.mark(id)).toBeInViewport();
    await expect(report.mark(id)).toHaveCSS("background-color", "rgb(253, 224, 71)");
    await shootAndCheck(page, "report-source");

    // Picking another highlight in the source switches back to the list, at its row.
    const other = report.marks.filter({ hasNotText: "地区生产总值" }).nth(3);
    const otherId = (await other.getAttribute("data-pid"))!;
    await other.click();
    await expect(listTab).toHaveAttribute("aria-selected", "true");
    const otherRow = report.rows.and(page.locator(`[data-pid="${otherId}"]`));
    await expect(otherRow.getByRole("button").first()).toHaveAttribute("aria-pressed", "true");
    await expect(otherRow).toBeInViewport();
    await shootAndCheck(page, "report-picked");

    // The tabs themselves, by keyboard too.
    await sourceTab.click();
    await expect(page.getByTestId("source-pane")).toBeVisible();
    await sourceTab.press("ArrowLeft");
    await expect(listTab).toHaveAttribute("aria-selected", "true");
    await expect(listTab).toBeFocused();
    await context.close();
  });

  test("pledge page: the evidence workspace fits the screen", async ({ browser }) => {
    const context = await contextAt(browser, PHONE, "analyst");
    const page = await context.newPage();
    const report = new ReportPage(page);
    await report.openByTitle(PLAN, "default");
    await report.select("地区生产总值增长20%，达到282亿元");
    await page.getByTestId("open-evidence").click();
    await expect(page.getByTestId("ws-pledge-text")).toContainText("地区生产总值增长20%");
    await shootAndCheck(page, "pledge");
    await page.getByTestId("assessment-panel").scrollIntoViewIfNeeded();
    await shootAndCheck(page, "pledge-assessment");
    await shootAndCheck(page, "pledge-full", { fullPage: true });
    await context.close();
  });

  test("audit: pair and region reports and the share page scroll their tables, never the page", async ({
    browser,
  }) => {
    const context = await contextAt(browser, PHONE, "admin");
    const page = await context.newPage();
    const audit = new AuditReportPage(page);
    await audit.openPair(PLAN);
    const pairUrl = page.url();
    const token = await audit.createShare();
    await shootAndCheck(page, "audit-pair");
    await audit.shareManager.scrollIntoViewIfNeeded();
    await shootAndCheck(page, "audit-pair-share-links", {
      element: '[data-testid="share-manager"]',
    });
    // The share buttons are reachable: inside the screen, not clipped off its edge.
    await expect(page.getByTestId("share-copy").first()).toBeInViewport({ ratio: 1 });
    await expect(page.getByTestId("share-revoke").first()).toBeInViewport({ ratio: 1 });
    await page.getByTestId("audit-by-group").scrollIntoViewIfNeeded();
    await shootAndCheck(page, "audit-pair-tables");
    await page.getByTestId("audit-group").first().scrollIntoViewIfNeeded();
    await shootAndCheck(page, "audit-pair-pledges");

    await page.goto("/audit");
    await page.getByTestId("audit-regions").getByRole("link", { name: "海拉尔区" }).click();
    await expect(page.getByTestId("audit-title")).toContainText("海拉尔区");
    await shootAndCheck(page, "audit-region");
    await page.getByTestId("chart-trend").scrollIntoViewIfNeeded();
    await shootAndCheck(page, "audit-region-charts");

    const anonymous = await contextAt(browser, PHONE, null);
    const share = await anonymous.newPage();
    expect((await share.goto(`/share/${token}`))?.status()).toBe(200);
    await expect(share.getByTestId("share-badge")).toBeVisible();
    await shootAndCheck(share, "share");
    await share.getByTestId("audit-group").first().scrollIntoViewIfNeeded();
    await shootAndCheck(share, "share-pledges");
    await page.goto(pairUrl);
    await audit.revokeShare(token);
    await Promise.all([context.close(), anonymous.close()]);
  });
});

test("tablet width (768 px): the header row would not fit (English wrapped, the language switch was clipped), so it is the menu here too", async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({
    viewport: { width: 768, height: 1024 },
    storageState: storageStateFor("admin"),
  });
  await context.addCookies([{ name: "duixian-lang", value: "en", url: baseURL! }]);
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  const menu = page.getByRole("button", { name: "Menu" });
  await expect(menu).toBeVisible();
  expect((await page.locator("header").boundingBox())!.height).toBeLessThan(50);
  await menu.click();
  await expect(
    page
      .getByRole("navigation", { name: "main" })
      .getByRole("link", { name: "Audit reports", exact: true }),
  ).toBeInViewport({ ratio: 1 });
  await expect(page.getByRole("button", { name: "English" })).toBeInViewport({ ratio: 1 });
  await shootAndCheck(page, "home-menu-en");
  await context.close();
});

test.describe("desktop width (1440 px): as before", () => {
  test("home, report, pledge, audit and share pages: one header row without a menu, both report panes side by side", async ({
    browser,
  }) => {
    const context = await contextAt(browser, DESKTOP, "admin");
    const page = await context.newPage();
    await page.goto("/");
    await expect(page.getByTestId("header-menu-button")).toBeHidden();
    await expect(
      page
        .getByRole("navigation", { name: "main" })
        .getByRole("link", { name: "报告", exact: true }),
    ).toBeVisible();
    await expect(page.getByRole("button", { name: "退出登录" })).toBeVisible();
    await shootAndCheck(page, "home");

    const report = new ReportPage(page);
    const reportId = await report.openByTitle(PLAN, "default");
    await expect(page.getByTestId("report-tabs")).toBeHidden();
    await expect(report.list).toBeVisible();
    await expect(page.getByTestId("source-pane")).toBeVisible();
    const row = await report.select("地区生产总值增长20%，达到282亿元");
    await expect(row.getByTestId("show-in-source")).toBeHidden();
    await expect(report.mark((await row.getAttribute("data-pid"))!)).toBeInViewport();
    await shootAndCheck(page, "report");

    await page.getByTestId("open-evidence").click();
    await expect(page.getByTestId("ws-pledge-text")).toBeVisible();
    await shootAndCheck(page, "pledge");

    const audit = new AuditReportPage(page);
    await page.goto(`/audit/pair/${reportId}`);
    await expect(audit.root).toBeVisible();
    const token = await audit.createShare();
    await shootAndCheck(page, "audit-pair");
    await page.goto("/audit");
    await page.getByTestId("audit-regions").getByRole("link", { name: "海拉尔区" }).click();
    await expect(page.getByTestId("audit-title")).toContainText("海拉尔区");
    await shootAndCheck(page, "audit-region");
    const anonymous = await contextAt(browser, DESKTOP, null);
    const share = await anonymous.newPage();
    await share.goto(`/share/${token}`);
    await expect(share.getByTestId("share-badge")).toBeVisible();
    await shootAndCheck(share, "share");
    await page.goto(`/audit/pair/${reportId}`);
    await audit.revokeShare(token);
    await Promise.all([context.close(), anonymous.close()]);
  });
});
