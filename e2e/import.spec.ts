import { readFileSync } from "node:fs";
import path from "node:path";
import { numbersParagraphReport } from "../lib/report/stress-inputs";
import { contextAs, expect, screenshotPath, test } from "./fixtures";
import { ImportPage } from "./pages/import-page";
import { E2E_DATABASE_URL } from "../playwright.config";
import { sqlOn } from "../lib/testing/sql";
import { LinkingPage } from "./pages/linking-page";

const corpus = (f: string) => readFileSync(path.join(__dirname, "..", "seed", "reports", f));

test.describe("import", () => {
  test("a new report: preview with detected metadata, correct it, save, open it", async ({
    browser,
  }) => {
    const context = await contextAs(browser, "analyst");
    const page = await context.newPage();
    const importPage = new ImportPage(page);
    await importPage.goto();
    // A variant of a shipped report (an editor's note added), so its content is new.
    const text = "【修订稿】\n" + corpus("seeds/004_748cc8dca99de2ec.txt").toString("utf8");
    const card = await importPage.upload("凌河区-修订稿.txt", Buffer.from(text, "utf8"));
    await expect(card.getByLabel("地区")).toHaveValue("锦州市凌河区");
    await expect(card.getByLabel("年份（计划年度）")).toHaveValue("2023");
    await expect(card.getByLabel("报告日期")).toHaveValue("2022-12-19");
    await expect(card.getByLabel("报告人")).toHaveValue("尹璐");
    await expect(card.getByTestId("import-sections")).toContainText("2022年工作回顾");
    await expect(card.getByTestId("import-sections")).toContainText("2023年主要工作安排");
    const count = Number(await card.getByTestId("import-pledge-count").textContent());
    expect(count).toBeGreaterThan(100);
    await page.screenshot({ path: screenshotPath("import-preview-zh"), fullPage: true });

    await card.getByLabel("标题").fill("2023年锦州市凌河区政府工作报告（修订稿）");
    await card.getByRole("button", { name: "保存报告" }).click();
    await expect(card.getByRole("status")).toHaveText(`已保存：${count} 条承诺。`);
    await card.getByRole("link", { name: "打开报告" }).click();
    await expect(page).toHaveURL(/\/reports\/[a-z0-9]+$/);
    await expect(
      page.getByRole("heading", { name: "2023年锦州市凌河区政府工作报告（修订稿）" }),
    ).toBeVisible();
    await context.close();
  });

  test("the same report again, even in GB18030 with CRLF, is detected as a duplicate", async ({
    browser,
  }) => {
    const context = await contextAs(browser, "analyst");
    const page = await context.newPage();
    const importPage = new ImportPage(page);
    await importPage.goto();
    const card = await importPage.upload(
      "hailar_2013.gb18030.txt",
      corpus("hailar/hailar_2013.gb18030.txt"),
    );
    await expect(card.getByLabel("地区")).toHaveValue("海拉尔区");
    await expect(card).toContainText(/gb18030/i);
    await expect(card.getByRole("alert")).toContainText("这份报告已导入过");
    await expect(card.getByRole("button", { name: "保存报告" })).toBeDisabled();
    await context.close();
  });

  test("bad input gets a clear message and saves nothing", async ({ browser }) => {
    const context = await contextAs(browser, "analyst");
    const page = await context.newPage();
    const importPage = new ImportPage(page);
    await importPage.goto();

    const pdf = await importPage.upload(
      "report.pdf",
      Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF"),
      "application/pdf",
    );
    await expect(pdf.getByRole("alert")).toHaveText(/暂不支持 PDF/);
    const empty = await importPage.upload("empty.txt", Buffer.alloc(0));
    await expect(empty.getByRole("alert")).toHaveText(/内容为空/);
    const binary = await importPage.upload(
      "image.txt",
      Buffer.from([
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
      ]),
    );
    await expect(binary.getByRole("alert")).toHaveText(/不支持这种文件格式|不是文本文件/);
    const news = await importPage.upload(
      "news.txt",
      Buffer.from(
        "新华社北京3月5日电 今天上午，十四届全国人大一次会议在人民大会堂开幕。记者在现场看到，代表们步入会场。天气晴朗，长安街上车流如织。",
        "utf8",
      ),
    );
    await expect(news.getByRole("alert")).toHaveText(/不是政府工作报告/);
    const huge = await importPage.upload("huge.txt", Buffer.alloc(20 * 1024 * 1024 + 1, 0x61));
    await expect(huge.getByRole("alert")).toHaveText(/20 MB/);
    // The parse blow-ups of issue 12: a 1 MB paragraph of figures (once 2 minutes of CPU) and a
    // 200 KB one that would make some 12,000 pledges are refused at once, each with its reason.
    const figures = (bytes: number) =>
      Buffer.from(numbersParagraphReport(Math.round(bytes / 2.6)), "utf8");
    const long = await importPage.upload("figures-1mb.txt", figures(1024 * 1024));
    await expect(long.getByRole("alert")).toHaveText(/文本过长：一份报告最多 400,000 字/);
    const many = await importPage.upload("figures-200kb.txt", figures(200 * 1024));
    await expect(many.getByRole("alert")).toHaveText(/超过 3,000 条承诺/);
    await page.screenshot({ path: screenshotPath("import-errors-zh"), fullPage: true });

    // Nothing of them was saved (counted in the database: other specs import at the same time).
    const names = [
      "report.pdf",
      "empty.txt",
      "image.txt",
      "news.txt",
      "huge.txt",
      "figures-1mb.txt",
      "figures-200kb.txt",
    ];
    const saved = await sqlOn(
      E2E_DATABASE_URL,
      `SELECT count(*) AS n FROM "Report" WHERE "fileName" IN (${names.map((n) => `'${n}'`).join(",")})`,
    );
    expect(Number(saved[0].n)).toBe(0);
    await context.close();
  });

  test("a report that does not state its region must be given one before saving", async ({
    browser,
  }) => {
    const context = await contextAs(browser, "analyst");
    const page = await context.newPage();
    const importPage = new ImportPage(page);
    await importPage.goto();
    const text = corpus("seeds/001_bc1dc47a901dac11.txt").toString("utf8") + "\n（网友转载）";
    const card = await importPage.paste(text);
    await expect(card.getByLabel("地区")).toHaveValue("");
    await expect(card).toContainText("报告中没有写明地区");
    await card.getByRole("button", { name: "保存报告" }).click();
    await expect(card.getByRole("alert").first()).toHaveText("请填写地区。");
    await card.getByLabel("地区").fill("大连市沙河口区");
    await card.getByLabel("年份（计划年度）").fill("2010");
    await card.getByRole("button", { name: "保存报告" }).click();
    await expect(card.getByRole("status")).toContainText("已保存");
    await context.close();
  });

  test("a viewer cannot open the import page", async ({ browser }) => {
    const context = await contextAs(browser, "viewer");
    const page = await context.newPage();
    expect((await page.goto("/reports/import"))?.status()).toBe(403);
    await page.goto("/reports");
    await expect(page.getByRole("link", { name: "导入报告" })).toHaveCount(0);
    await context.close();
  });
});

// In this file, not a spec of its own: tests in one file run in order, so this import can never
// land between the counts of the bad-input test above.
const PAYLOAD = `<script>window.__xss=1</script><img src=x onerror="window.__xss=2">`;

test("script in a report's text, a pledge, a comment and a file name never runs", async ({
  browser,
}) => {
  const context = await contextAs(browser, "analyst");
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on("dialog", (d) => (dialogs.push(d.message()), d.dismiss()));

  // A real report with hostile markup injected into its plan and a hostile file name.
  const source = corpus("seeds/003_6c455b50551dc8b5.txt").toString("utf8");
  const hostile = source.replace("2018年工作安排", `2018年工作安排\n完成${PAYLOAD}广场建设。`);
  const importPage = new ImportPage(page);
  await importPage.goto();
  const card = await importPage.upload(`${PAYLOAD}.txt`, Buffer.from(hostile, "utf8"));
  await card.getByLabel("标题").fill(`XSS ${PAYLOAD}`);
  await card.getByRole("button", { name: "保存报告" }).click();
  await card.getByRole("link", { name: "打开报告" }).click();
  await expect(page.getByTestId("source-pane")).toContainText("<script>window.__xss=1</script>");
  const ran = () => page.evaluate(() => (window as unknown as { __xss?: number }).__xss);
  expect(await ran()).toBeUndefined();

  // A comment with the same payload on a pledge of that report.
  await new LinkingPage(page).open(`XSS ${PAYLOAD}`, "广场建设");
  await page.getByPlaceholder(/写下你的意见/).fill(PAYLOAD);
  await page.getByRole("button", { name: "发表评论" }).click();
  await expect(page.getByTestId("comment").last()).toContainText("<img src=x");
  await page.reload();
  await expect(page.getByTestId("comment").last()).toContainText("<img src=x");
  expect(await ran()).toBeUndefined();
  await page.goto("/reports");
  await expect(page.getByTestId("reports-table")).toContainText("XSS <script>");

  expect(await ran()).toBeUndefined();
  expect(dialogs).toEqual([]);
  await context.close();
});
