import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { expect, screenshotPath, test, type Role } from "./fixtures";
import { callServerAction, serverActionId } from "./server-actions";
import { signIn, withOwnServer } from "./spawned-server";
import { ownServerPort } from "./ports";

// The paged lists, on a server of their own with four rows a page (DUIXIAN_PAGE_SIZE), so the
// seeded ten reports and a handful of submitted pledges make several pages. A port of its own,
// offset from the e2e server's so two suites on one machine do not collide.
const PORT = ownServerPort("paging");

/** A browser page signed in as `role` on the spawned server (its cookies taken from an API sign-in). */
async function pageAs(browser: Browser, api: APIRequestContext, baseURL: string): Promise<Page> {
  const context = await browser.newContext({
    storageState: await api.storageState(),
    baseURL,
    locale: "zh-CN",
  });
  return context.newPage();
}

async function userId(api: APIRequestContext): Promise<string> {
  const session = (await (await api.get("/api/auth/session")).json()) as { user: { id: string } };
  return session.user.id;
}

test("the report list and both review tabs are paged; a page number that names no page is clamped with a notice", async ({
  browser,
}) => {
  test.setTimeout(5 * 60_000);
  await withOwnServer("paging", { port: PORT, env: { DUIXIAN_PAGE_SIZE: "4" } }, async (server) => {
    const apis = {} as Record<Role, APIRequestContext>;
    for (const role of ["analyst", "reviewer"] as const)
      apis[role] = await signIn(server.url, role);

    // Reports: ten seeded, four a page.
    const page = await pageAs(browser, apis.analyst, server.url);
    await page.goto("/reports");
    const table = page.getByTestId("reports-table");
    const pager = page.getByTestId("reports-pager");
    await expect(page.getByRole("main")).toContainText("共 10 份报告");
    await expect(table.locator("tbody tr")).toHaveCount(4);
    await expect(pager.getByTestId("page-status")).toHaveText("第 1 / 3 页，共 10 条");
    const firstPage = await table.locator("tbody tr").allTextContents();
    await pager.getByTestId("page-next").click();
    await expect(page).toHaveURL(/\/reports\?page=2$/);
    await expect(pager.getByTestId("page-status")).toHaveText("第 2 / 3 页，共 10 条");
    await expect(table.locator("tbody tr")).toHaveCount(4);
    expect(await table.locator("tbody tr").allTextContents()).not.toEqual(firstPage);
    await pager.getByTestId("page-next").click();
    await expect(pager.getByTestId("page-status")).toHaveText("第 3 / 3 页，共 10 条");
    await expect(table.locator("tbody tr")).toHaveCount(2);
    await expect(pager.getByTestId("page-next")).toHaveCount(0);
    await page.screenshot({ path: screenshotPath("reports-paged"), fullPage: true });
    await pager.getByTestId("page-prev").click();
    await expect(page).toHaveURL(/\/reports\?page=2$/);
    // Every report appears on exactly one page.
    const titles = new Set<string>();
    for (const n of [1, 2, 3]) {
      await page.goto(`/reports?page=${n}`);
      for (const title of await table.locator("tbody tr td:nth-child(3)").allTextContents())
        titles.add(title);
    }
    expect(titles.size).toBe(10);

    // Bad page numbers: a notice, and the first or the last page; never an error.
    for (const [bad, shown] of [
      ["abc", 1],
      ["0", 1],
      ["-2", 1],
      ["1.5", 1],
      ["99", 3],
    ] as const) {
      const res = await page.goto(`/reports?page=${bad}`);
      expect(res?.status(), bad).toBe(200);
      await expect(page.getByTestId("page-invalid"), bad).toHaveText(
        `没有第“${bad}”页，已显示第 ${shown} 页。`,
      );
      await expect(pager.getByTestId("page-status"), bad).toHaveText(
        `第 ${shown} / 3 页，共 10 条`,
      );
    }
    await page.goto("/reports?page=2");
    await expect(page.getByTestId("page-invalid")).toHaveCount(0);

    // Review queue: five pledges assessed, submitted and assigned to the analyst.
    const reportHtml = await (await apis.analyst.get("/reports")).text();
    const reportId = /href="\/reports\/([a-z0-9]{20,})"/.exec(reportHtml)![1];
    const pledgeIds = [
      ...new Set(
        [
          ...(await (await apis.analyst.get(`/reports/${reportId}`)).text()).matchAll(
            /<li id="pledge-([a-z0-9]+)"/g,
          ),
        ].map((m) => m[1]),
      ),
    ].slice(0, 5);
    expect(pledgeIds).toHaveLength(5);
    const bulk = serverActionId("lib/assessments/actions.ts", "bulkUpdateAction");
    const analystId = await userId(apis.analyst);
    for (const change of [
      { status: "in_progress", rationale: "分页测试" },
      { submit: true },
      { assigneeId: analystId },
    ]) {
      const res = await callServerAction(apis.analyst, `/reports/${reportId}`, bulk, [
        { pledgeIds, ...change },
      ]);
      expect(res.body, JSON.stringify(change)).toContain('"updated":5');
    }

    const rpage = await pageAs(browser, apis.reviewer, server.url);
    await rpage.goto("/review");
    const rpager = rpage.getByTestId("review-pager");
    await expect(rpage.getByTestId("tab-queue")).toHaveText("待审核（5）");
    await expect(rpage.getByTestId("review-row")).toHaveCount(4);
    await expect(rpager.getByTestId("page-status")).toHaveText("第 1 / 2 页，共 5 条");
    await rpager.getByTestId("page-next").click();
    await expect(rpage).toHaveURL(/\/review\?page=2$/);
    await expect(rpage.getByTestId("review-row")).toHaveCount(1);
    await rpage.screenshot({ path: screenshotPath("review-paged"), fullPage: true });
    await rpage.goto("/review?page=7");
    await expect(rpage.getByTestId("page-invalid")).toHaveText("没有第“7”页，已显示第 2 页。");
    await expect(rpage.getByTestId("review-row")).toHaveCount(1);

    // My assignments: the same paging, and its links keep the tab.
    await page.goto("/review?tab=mine");
    await expect(page.getByTestId("tab-mine")).toHaveText("分配给我（5）");
    await expect(page.getByTestId("assignment-row")).toHaveCount(4);
    await page.getByTestId("review-pager").getByTestId("page-next").click();
    await expect(page).toHaveURL(/\/review\?tab=mine&page=2$/);
    await expect(page.getByTestId("assignment-row")).toHaveCount(1);
    await page.goto("/review?tab=mine&page=x");
    await expect(page.getByTestId("page-invalid")).toHaveText("没有第“x”页，已显示第 1 页。");
    await expect(page.getByTestId("assignment-row")).toHaveCount(4);
  });
});
