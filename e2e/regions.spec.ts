import { readFileSync } from "node:fs";
import path from "node:path";
import { contextAs, expect, screenshotPath, test } from "./fixtures";
import { ImportPage } from "./pages/import-page";

/**
 * Issue 13: a newcomer imports a district's later report, named with its city (呼伦贝尔市…区), then
 * the earlier one, named on its own (…区). They are one region, and the two pair. (The texts are
 * the shipped Hailar reports renamed, so that they meet no region of the demo data.)
 */
const renamed = (file: string, title: string) => {
  const [, ...rest] = readFileSync(path.join(__dirname, "..", "seed", "reports", file), "utf8").split("\n");
  // The report's own title line (政 府 工 作 报 告) becomes the one a newcomer's copy would carry.
  return Buffer.from([title, ...rest].join("\n").replaceAll("海拉尔区", "扎兰诺尔区").replaceAll("海拉尔", "扎兰诺尔"), "utf8");
};

test("one district named two ways is one region: import the later year, then the earlier, and they pair", async ({ browser }) => {
  const context = await contextAs(browser, "analyst");
  const page = await context.newPage();
  const importPage = new ImportPage(page);
  await importPage.goto();
  const later = await importPage.upload("扎兰诺尔-2016.txt", renamed("hailar/hailar_2016.txt", "2016年呼伦贝尔市扎兰诺尔区政府工作报告"));
  await expect(later.getByLabel("地区")).toHaveValue("呼伦贝尔市扎兰诺尔区");
  await expect(later.getByLabel("年份（计划年度）")).toHaveValue("2016");
  await later.getByRole("button", { name: "保存报告" }).click();
  await expect(later.getByRole("status")).toContainText("已保存");

  const earlier = await importPage.upload("扎兰诺尔-2015.txt", renamed("hailar/hailar_2015.txt", "2015年扎兰诺尔区政府工作报告"));
  await expect(earlier.getByLabel("地区")).toHaveValue("扎兰诺尔区");
  await expect(earlier.getByLabel("年份（计划年度）")).toHaveValue("2015");
  await earlier.getByRole("button", { name: "保存报告" }).click();
  await expect(earlier.getByRole("status")).toContainText("已保存");
  await page.screenshot({ path: screenshotPath("import-two-names-one-region"), fullPage: true });

  await earlier.getByRole("link", { name: "打开报告" }).click();
  await expect(page.getByTestId("reviewed-by")).toContainText("2016");
  await expect(page.getByTestId("report-meta")).toContainText("扎兰诺尔区");
  await page.screenshot({ path: screenshotPath("paired-across-names"), fullPage: false });
  await context.close();
});

test("a page saved with its body twice (河北 2009): the preview says so, names the region and year, and counts one copy", async ({ browser }) => {
  const context = await contextAs(browser, "analyst");
  const page = await context.newPage();
  const importPage = new ImportPage(page);
  await importPage.goto();
  const file = readFileSync(path.join(__dirname, "..", "..", "shared", "corpus", "wild", "hebei_2009.txt"));
  const card = await importPage.upload("hebei_2009.txt", file);
  await expect(card.getByLabel("地区")).toHaveValue("河北省");
  await expect(card.getByLabel("年份（计划年度）")).toHaveValue("2009");
  await expect(card.getByLabel("报告人")).toHaveValue("胡春华");
  await expect(card.getByTestId("import-body-twice")).toContainText("两份相同的正文");
  const count = Number(await card.getByTestId("import-pledge-count").textContent());
  expect(count).toBeGreaterThan(300);
  expect(count).toBeLessThan(1000);
  await page.screenshot({ path: screenshotPath("import-body-twice"), fullPage: true });
  await context.close();
});
