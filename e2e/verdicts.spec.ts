import { contextAs, expect, screenshotPath, test } from "./fixtures";
import { AssessmentPanel } from "./pages/assessment-panel";
import { importReportOverHttp, pairExport, reportCopy } from "./security-helpers";

/**
 * Issue 17: suggested verdicts. On a pair of its own (hailar_2014 → hailar_2015 in a region of its
 * own), an analyst accepts a suggestion by key, then the suggestions of selected pledges and of
 * every numeric pledge in bulk; each is a draft whose rationale quotes the evidence; the audit
 * report counts the verdicts accepted as suggested and the ones changed.
 */
test.describe.configure({ mode: "serial" });

const REGION = "建议结论测试区";
let planId = "";
const pledgeIds = new Map<string, string>();

async function pledgeId(text: string): Promise<string> {
  for (const [t, id] of pledgeIds) if (t.includes(text)) return id;
  throw new Error(`no pledge with ${text}`);
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  const analyst = await contextAs(browser, "analyst");
  planId = await importReportOverHttp(
    analyst.request,
    { name: "建议-2014.txt", buffer: reportCopy("hailar/hailar_2014.txt", "（建议结论测试）") },
    { region: REGION, year: 2014, title: `2014年${REGION}政府工作报告` },
  );
  await importReportOverHttp(
    analyst.request,
    { name: "建议-2015.txt", buffer: reportCopy("hailar/hailar_2015.txt", "（建议结论测试）") },
    { region: REGION, year: 2015, title: `2015年${REGION}政府工作报告` },
  );
  const plan = await pairExport(analyst.request, planId);
  for (const p of plan.pledges as { id: string; text: string }[]) pledgeIds.set(p.text, p.id);
  await analyst.close();
});

test("the pledge page suggests a verdict with its reason; A accepts it into an editable rationale that quotes the evidence", async ({
  browser,
}) => {
  const context = await contextAs(browser, "analyst");
  const page = await context.newPage();
  await page.goto(`/reports/${planId}/pledges/${await pledgeId("旅游收入突破50亿元")}`);
  const a = new AssessmentPanel(page);
  const box = page.getByTestId("suggested-verdict");
  await expect(box).toHaveAttribute("data-status", "fulfilled");
  await expect(box).toHaveAttribute("data-confidence", "high");
  await expect(page.getByTestId("suggested-verdict-reason")).toContainText("实际56.4亿元（达到）");
  await expect(page.getByTestId("suggestion-level").first()).toHaveAttribute(
    "data-level",
    "strong",
  );

  await page.locator("body").press("a");
  await expect(a.status("已兑现")).toBeChecked();
  await expect(a.rationale).toBeFocused();
  await expect(a.rationale).toHaveValue(/“全年旅游接待人数达到525.6万人次，旅游收入完成56.4亿元/);
  await expect(a.reportedValue).toHaveValue("56.4亿元");
  // the rationale stays editable
  await page.keyboard.press("End");
  await page.keyboard.type(" 已核对。");
  await page.keyboard.press("Enter");
  await expect(a.notice).toHaveText("评估已保存。");
  await expect(a.rationale).toHaveValue(/已核对。$/);
  await expect(page.getByTestId("suggested-verdict-match")).toHaveText("与建议一致");
  await a.expectState("草稿");
  await page.screenshot({ path: screenshotPath("verdict-suggested-zh"), fullPage: true });

  // A pledge the review does not report on reads as silent, with a finder that selects for L.
  await page.goto(`/reports/${planId}/pledges/${await pledgeId("启动通用航空产业园项目建设")}`);
  await expect(page.getByTestId("ws-silent")).toContainText("工作回顾似未提及这条承诺");
  await expect(page.getByTestId("suggested-verdict")).toHaveAttribute(
    "data-status",
    "not_verifiable",
  );
  await page.getByLabel("在次年报告中查找").fill("航空口岸");
  await page.getByRole("button", { name: "查找", exact: true }).click();
  await expect(page.getByTestId("ws-silent").getByRole("status")).toHaveText(
    "已选中“航空口岸”，按 L 关联。",
  );
  await page.locator("body").press("l");
  await expect(page.getByTestId("ws-evidence-item")).toHaveCount(1);
  await expect(page.getByTestId("ws-evidence-item")).toContainText("航空口岸");
  await page.screenshot({ path: screenshotPath("verdict-silent-zh"), fullPage: true });
  await context.close();
});

test("the report page accepts the suggestions of the selected pledges, then of every numeric pledge, each a draft the analyst submits", async ({
  browser,
}) => {
  const context = await contextAs(browser, "analyst");
  const page = await context.newPage();
  await page.goto(`/reports/${planId}?q=${encodeURIComponent("鲜奶产量")}`);
  await page.getByTestId("bulk-check").first().check();
  await page.getByTestId("accept-selected").click();
  await expect(page.getByTestId("accept-result")).toHaveText(
    "已采纳 1 条建议结论（草稿，待提交）；跳过 0 条（已评估或没有建议）。",
  );

  await page.getByTestId("accept-numeric").click();
  // the two accepted before (by key, and the selection) are skipped
  await expect(page.getByTestId("accept-result")).toContainText("跳过 2 条");
  const accepted = Number(
    (await page.getByTestId("accept-result").innerText()).match(/已采纳 (\d+) 条/)![1],
  );
  expect(accepted).toBeGreaterThan(10);

  // Each is a draft with the suggestion's reason, quoting the review and its figures.
  await page.goto(`/reports/${planId}/pledges/${await pledgeId("鲜奶产量达到25万吨")}`);
  const a = new AssessmentPanel(page);
  await a.expectState("草稿");
  await expect(a.status("未兑现")).toBeChecked();
  await expect(a.rationale).toHaveValue(
    /目标≥25万吨，实际19万吨（未达到）：“全年鲜奶产量达到19万吨/,
  );
  await expect(a.reportedValue).toHaveValue("19万吨");
  await a.button("提交审核").click();
  await a.expectState("待审核");
  await context.close();
});

test("the audit report counts the verdicts accepted as suggested and the ones changed", async ({
  browser,
}) => {
  const context = await contextAs(browser, "analyst");
  const page = await context.newPage();
  await page.goto(`/audit/pair/${planId}`);
  const line = page.getByTestId("audit-suggestions");
  const acceptedBefore = Number(await line.getAttribute("data-accepted"));
  expect(acceptedBefore).toBeGreaterThan(10);
  await expect(line).toHaveAttribute("data-changed", "0");

  // The analyst changes one accepted verdict: it now counts as changed.
  await page.goto(`/reports/${planId}/pledges/${await pledgeId("旅游收入突破50亿元")}`);
  const a = new AssessmentPanel(page);
  await a.assess("部分兑现", "旅游收入达标，但接待设施未完工。");
  await expect(a.notice).toHaveText("评估已保存。");
  await expect(page.getByTestId("suggested-verdict-match")).toHaveText("与建议不同");

  await page.goto(`/audit/pair/${planId}`);
  await expect(line).toHaveAttribute("data-changed", "1");
  await expect(line).toHaveAttribute("data-accepted", String(acceptedBefore - 1));
  await expect(line).toContainText(
    `建议结论：${acceptedBefore - 1} 条评估与系统建议一致（按建议采纳），1 条由分析员改为其他结论。`,
  );
  await context.close();
});
