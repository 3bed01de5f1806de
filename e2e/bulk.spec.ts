import { contextAs, expect, test } from "./fixtures";

test("an analyst sets a status on several pledges at once, then submits them", async ({
  browser,
}) => {
  const context = await contextAs(browser, "analyst");
  const page = await context.newPage();
  await page.goto("/reports");
  await page.getByRole("link", { name: "2012年海拉尔区政府工作报告", exact: true }).click();
  await page.getByTestId("filter-q").fill("增长");
  await expect(page).toHaveURL(/q=/);
  const checks = page.getByTestId("bulk-check");
  await expect(checks.first()).toBeVisible();
  const n = Math.min(3, await checks.count());
  for (let i = 0; i < n; i++) await checks.nth(i).check();
  const bar = page.getByTestId("bulk-bar");
  await expect(bar).toContainText(`已选 ${n} 条`);

  // A status without a rationale is refused; with one it applies to every selected pledge.
  await bar.getByTestId("bulk-status").selectOption("in_progress");
  await bar.getByRole("button", { name: "设置评估" }).click();
  await expect(bar.getByRole("status")).toContainText(
    `已更新 0 条；跳过 ${n} 条。 除“未评估”外，必须填写理由。`,
  );
  await bar.getByTestId("bulk-rationale").fill("次年工作回顾称进展顺利，待核实数据");
  await bar.getByRole("button", { name: "设置评估" }).click();
  await expect(bar.getByRole("status")).toContainText(`已更新 ${n} 条`);
  await expect(
    page.getByTestId("pledge-list").locator('[data-f="status"]', { hasText: "进行中" }),
  ).toHaveCount(n);

  await bar.getByTestId("bulk-submit").click();
  await expect(bar.getByRole("status")).toContainText(`已更新 ${n} 条`);
  await expect(
    page.getByTestId("pledge-list").locator('[data-f="review"]', { hasText: "待审核" }),
  ).toHaveCount(n);
  await expect(page.getByTestId("progress")).toContainText(`已提交 ${n}`);

  // They wait in the reviewers' queue.
  await page.goto("/review");
  await expect(page.getByRole("main")).toContainText("增长");
  await context.close();
});

test("a viewer gets no bulk selection", async ({ browser }) => {
  const context = await contextAs(browser, "viewer");
  const page = await context.newPage();
  await page.goto("/reports");
  await page.getByRole("link", { name: "2012年海拉尔区政府工作报告", exact: true }).click();
  await expect(page.getByTestId("pledge-list")).toBeVisible();
  await expect(page.getByTestId("bulk-check")).toHaveCount(0);
  await expect(page.getByTestId("bulk-check-all")).toHaveCount(0);
  await context.close();
});
