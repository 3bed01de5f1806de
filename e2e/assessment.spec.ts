import { contextAs, expect, screenshotPath, setLanguage, test } from "./fixtures";
import { AssessmentPanel } from "./pages/assessment-panel";
import { LinkingPage } from "./pages/linking-page";
import { callServerAction, serverActionId } from "./server-actions";

const REPORT = "2015年海拉尔区政府工作报告";

test("an analyst submits, a reviewer returns it with a comment, the analyst fixes and resubmits, the reviewer approves; the history shows it all", async ({
  browser,
}) => {
  const analyst = await contextAs(browser, "analyst");
  const apage = await analyst.newPage();
  await new LinkingPage(apage).open(REPORT, "新建大棚300个");
  const a = new AssessmentPanel(apage);
  await a.expectState("草稿");
  await expect(a.status("未评估")).toBeChecked();

  // By keyboard: F sets the verdict and moves to the rationale, which a verdict needs (the save
  // button stays off until one is given); Enter saves, Enter again submits.
  await apage.locator("body").press("f");
  await expect(a.status("已兑现")).toBeChecked();
  await expect(a.rationale).toBeFocused();
  await expect(a.button("保存评估")).toBeDisabled();
  await apage.keyboard.type("2016年报告：建成蔬菜大棚300个。");
  await expect(a.button("提交审核")).toBeDisabled(); // unsaved changes
  await apage.keyboard.press("Enter");
  await expect(a.notice).toHaveText("评估已保存。");
  await expect(a.button("提交审核")).toBeEnabled();
  await apage.keyboard.press("Enter");
  await a.expectState("待审核");
  await expect(a.root).toContainText("分析员 Analyst 于");
  await expect(a.button("批准")).toHaveCount(0); // an analyst never reviews

  // The reviewer finds it in the queue, with its verdict, report and submitter.
  const reviewer = await contextAs(browser, "reviewer");
  const rpage = await reviewer.newPage();
  await rpage.goto("/review");
  const row = rpage.getByTestId("review-row").filter({ hasText: "新建大棚300个" });
  await expect(row).toContainText("已兑现");
  await expect(row).toContainText(REPORT);
  await expect(row).toContainText("分析员 Analyst");
  await row.getByRole("link", { name: "新建大棚300个" }).click();
  const r = new AssessmentPanel(rpage);
  await r.expectState("待审核");
  await expect(r.rationale).toHaveValue("2016年报告：建成蔬菜大棚300个。");
  await r.button("退回…").click();
  await expect(r.button("确认退回")).toBeDisabled(); // a return needs a reason
  await r.root.getByLabel("退回理由（分析员会看到）").fill("请关联次年报告原文作为证据。");
  await rpage.screenshot({ path: screenshotPath("assessment-review-zh"), fullPage: true });
  await r.button("确认退回").click();
  await r.expectState("已退回");
  await expect(r.comments.filter({ hasText: "请关联次年报告原文作为证据。" })).toHaveAttribute(
    "data-kind",
    "return",
  );

  // The analyst sees the reason, links the evidence, fixes the assessment (a draft again) and resubmits.
  await apage.reload();
  await a.expectState("已退回");
  await expect(a.root.getByTestId("assessment-returned")).toContainText(
    "请关联次年报告原文作为证据。",
  );
  await expect(a.comments.first()).toContainText("审核员 Reviewer");
  await expect(a.comments.first()).toContainText("退回理由");
  await apage.locator("body").press("1"); // links the top suggestion
  await expect(apage.getByTestId("ws-evidence-item")).toHaveCount(1);
  await a.assess("已兑现", "2016年报告：“建成蔬菜大棚300个”，与目标一致。", "300个");
  await a.expectState("草稿");
  await a.comment("已关联次年报告原文。");
  await a.button("提交审核").click();
  await a.expectState("待审核");

  // The reviewer approves; the queue no longer lists it.
  await rpage.reload();
  await r.expectState("待审核");
  await r.button("批准").click();
  await r.expectState("已批准");
  await rpage.goto("/review");
  await expect(rpage.getByTestId("review-row").filter({ hasText: "新建大棚300个" })).toHaveCount(0);

  // Every step is in the history, newest first, with who did it.
  await apage.reload();
  await a.expectState("已批准");
  const events = a.history.getByTestId("history-event");
  await expect(events.first()).toContainText("批准");
  await expect(events.first()).toContainText("审核员 Reviewer");
  await expect(a.history).toContainText("结论：未评估 → 已兑现");
  await expect(a.history).toContainText("实际数值：（空） → 300个");
  await expect(a.history).toContainText("退回：请关联次年报告原文作为证据。");
  await expect(a.history).toContainText("关联证据：");
  await expect(a.history).toContainText("建成蔬菜大棚300个");
  await expect(a.history).toContainText("评论：已关联次年报告原文。");
  await expect(a.history).toContainText("审核状态：已退回 → 草稿");
  await expect(events.filter({ hasText: "提交审核" })).toHaveCount(2);

  await apage.screenshot({ path: screenshotPath("assessment-zh"), fullPage: true });
  await setLanguage(apage, "en");
  await expect(a.history).toContainText("Verdict: Not assessed → Fulfilled");
  await apage.screenshot({ path: screenshotPath("assessment-en"), fullPage: true });
  await setLanguage(apage, "zh");

  // Changing an approved assessment says it reopens it, and does.
  await a.rationale.fill("2016年报告：“建成蔬菜大棚300个”，与目标一致。复核无误。");
  await expect(a.root.getByTestId("assessment-reopen-notice")).toContainText("重新打开为草稿");
  await a.button("保存并重新打开为草稿").click();
  await expect(a.notice).toContainText("重新打开为草稿");
  await a.expectState("草稿");
  await expect(a.history.getByTestId("history-event").first()).toContainText("重新打开为草稿");

  await analyst.close();
  await reviewer.close();
});

test("a reviewer cannot approve or return an assessment they submitted themselves (four eyes)", async ({
  browser,
}) => {
  const reviewer = await contextAs(browser, "reviewer");
  const page = await reviewer.newPage();
  await new LinkingPage(page).open(REPORT, "完成绿化130万平方米");
  const r = new AssessmentPanel(page);
  await r.assess("已兑现", "2016年报告：完成绿化130万平方米。", "130万平方米");
  await expect(r.notice).toHaveText("评估已保存。");
  await r.button("提交审核").click();
  await r.expectState("待审核");
  await expect(r.button("批准")).toHaveCount(0);
  await expect(r.root.getByTestId("assessment-four-eyes")).toContainText("四眼原则");

  // Called directly, the action refuses too (version 3: created 1, saved 2, submitted 3).
  const pledgeId = page.url().split("/").pop()!;
  const id = serverActionId("lib/assessments/actions.ts", "approveAssessmentAction");
  const res = await callServerAction(reviewer.request, new URL(page.url()).pathname, id, [
    { pledgeId, version: 3 },
  ]);
  expect(res.body).toContain("FOUR_EYES");
  await page.reload();
  await r.expectState("待审核");

  // Assigned to the analyst, it is on their "assigned to me" tab until approved.
  await r.root.getByLabel("负责人").selectOption({ label: "分析员 Analyst（分析员）" });
  await expect(r.notice).toHaveText("负责人已更新。");
  await expect(r.history).toContainText("分配给 分析员 Analyst");
  const analyst = await contextAs(browser, "analyst");
  const apage = await analyst.newPage();
  await apage.goto("/review?tab=mine");
  const mine = apage.getByTestId("assignment-row").filter({ hasText: "完成绿化130万平方米" });
  await expect(mine).toContainText("已兑现");
  await expect(mine).toContainText("待审核");
  await mine.getByRole("link", { name: "完成绿化130万平方米" }).click();
  await expect(new AssessmentPanel(apage).root.getByLabel("负责人")).toHaveValue(/.+/);
  await analyst.close();
  await reviewer.close();
});

test("a viewer sees the assessment read-only and cannot change it, not even by calling the action", async ({
  browser,
}) => {
  const context = await contextAs(browser, "viewer");
  const page = await context.newPage();
  await new LinkingPage(page).open(REPORT, "旅游收入突破60亿元");
  const v = new AssessmentPanel(page);
  await expect(v.root).toContainText("你的角色只能查看评估。");
  await expect(v.button("保存评估")).toHaveCount(0);
  // Read-only state reads as read-only: the verdict is a label, not chips that do nothing.
  await expect(v.root.getByTestId("assessment-status-readonly")).toHaveText("未评估");
  await expect(v.root.getByRole("radio")).toHaveCount(0);
  await expect(page.getByTestId("comment-thread").getByRole("textbox")).toHaveCount(0);

  const pledgeId = page.url().split("/").pop()!;
  const path = new URL(page.url()).pathname;
  const save = serverActionId("lib/assessments/actions.ts", "saveAssessmentAction");
  const res = await callServerAction(context.request, path, save, [
    { pledgeId, version: 1, status: "fulfilled", rationale: "访客改的", reportedValue: null },
  ]);
  expect(res.body).toContain("FORBIDDEN");
  const comment = serverActionId("lib/assessments/actions.ts", "addCommentAction");
  expect(
    (await callServerAction(context.request, path, comment, [{ pledgeId, body: "访客评论" }])).body,
  ).toContain("FORBIDDEN");
  await page.reload();
  await expect(v.root.getByTestId("assessment-status-readonly")).toHaveText("未评估");
  await expect(v.history).toContainText("还没有修改记录。");
  await context.close();
});

test("two analysts edit one pledge at once: the second save is refused and shows what changed; the first save is intact", async ({
  browser,
}) => {
  const first = await contextAs(browser, "analyst");
  const second = await contextAs(browser, "analyst");
  const p1 = await first.newPage();
  const p2 = await second.newPage();
  await new LinkingPage(p1).open(REPORT, "旅游接待人数突破600万人次");
  await p2.goto(p1.url());
  const a1 = new AssessmentPanel(p1);
  const a2 = new AssessmentPanel(p2);
  await a2.expectState("草稿");

  await a1.assess("已兑现", "2016年报告：接待游客620万人次。", "620万人次");
  await expect(a1.notice).toHaveText("评估已保存。");

  await a2.assess("未兑现", "没有找到数据。", "");
  await expect(a2.conflict).toContainText("未保存：分析员 Analyst（分析员）于");
  await expect(a2.conflict.getByTestId("assessment-conflict-changes")).toContainText(
    /结论.*未评估 → 已兑现/,
  );
  await expect(a2.conflict).toContainText("2016年报告：接待游客620万人次。");
  await expect(a2.conflict).toContainText("620万人次");
  // The second analyst's edits are still in the form, to redo or discard.
  await expect(a2.rationale).toHaveValue("没有找到数据。");
  await a2.conflict.scrollIntoViewIfNeeded();
  await p2.screenshot({ path: screenshotPath("assessment-conflict-zh") });

  await p2.reload();
  await expect(a2.status("已兑现")).toBeChecked();
  await expect(a2.rationale).toHaveValue("2016年报告：接待游客620万人次。");
  await expect(a2.reportedValue).toHaveValue("620万人次");
  await expect(a2.history.getByTestId("history-event")).toHaveCount(1);

  // After seeing the change, keeping one's own edit is an explicit choice that saves on the new version.
  await a2.assess("部分兑现", "统计口径不同，只能部分确认。");
  await expect(a2.notice).toHaveText("评估已保存。");
  await a1.assess("未兑现", "第一位分析员的旧页面。");
  await expect(a1.conflict).toBeVisible();
  await a1.button("保留我的修改，在最新版本上保存").click();
  await expect(a1.notice).toHaveText("评估已保存。");
  await p1.reload();
  await expect(a1.status("未兑现")).toBeChecked();
  await expect(a1.history.getByTestId("history-event")).toHaveCount(3);
  await first.close();
  await second.close();
});

test("an analyst assesses and submits a pledge without the mouse", async ({ browser }) => {
  const context = await contextAs(browser, "analyst");
  const page = await context.newPage();
  await new LinkingPage(page).open(REPORT, "地区生产总值");
  const a = new AssessmentPanel(page);
  await a.expectState("草稿");
  const body = page.locator("body");

  await body.press("?");
  await expect(page.getByTestId("keys-help")).toContainText("键盘快捷键");
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("keys-help")).toHaveCount(0);

  await body.press("1"); // link the top suggestion
  await expect(page.getByTestId("ws-evidence-item")).toHaveCount(1);
  await body.press("p"); // verdict: partially fulfilled; the cursor moves to the rationale
  await expect(a.status("部分兑现")).toBeChecked();
  await expect(a.rationale).toBeFocused();
  await page.keyboard.type("次年回顾：地区生产总值增长低于目标。");
  await page.keyboard.press("Enter"); // save
  await expect(a.notice).toHaveText("评估已保存。");
  await expect(a.button("提交审核")).toBeEnabled(); // the saved version has arrived
  await page.keyboard.press("Enter"); // submit
  await a.expectState("待审核");

  const url = page.url();
  await page.keyboard.press("j");
  await expect(page).not.toHaveURL(url);
  await context.close();
});

test("evidence added to an approved verdict reopens it: the pledge page says why, the history records it, the reviewer must look again", async ({
  browser,
}) => {
  const analyst = await contextAs(browser, "analyst");
  const apage = await analyst.newPage();
  await new LinkingPage(apage).open(REPORT, "全年蔬菜产量达到10万吨");
  const a = new AssessmentPanel(apage);
  await a.assess("已兑现", "2016年报告：蔬菜产量10.2万吨。", "10.2万吨");
  await expect(a.notice).toHaveText("评估已保存。");
  await a.button("提交审核").click();
  await a.expectState("待审核");

  const reviewer = await contextAs(browser, "reviewer");
  const rpage = await reviewer.newPage();
  await rpage.goto(apage.url());
  const r = new AssessmentPanel(rpage);
  await r.button("批准").click();
  await r.expectState("已批准");
  await expect(r.root).toContainText("修改结论、证据、目标、类型或承诺文字都会把它重新打开为草稿");

  // The analyst adds an external source to the approved verdict.
  await apage.reload();
  await a.expectState("已批准");
  const external = apage.getByTestId("ws-external");
  await external.locator("summary").click();
  await external.getByLabel("网址").fill("https://example.org/bulletin");
  await external.getByLabel("引文").fill("统计公报：全年蔬菜产量12万吨。");
  await external.getByRole("button", { name: "添加外部来源" }).click();
  await expect(apage.getByRole("status").filter({ hasText: "证据已更新" })).toContainText(
    "重新打开为草稿",
  );
  await a.expectState("草稿");
  const reopened = a.root.getByTestId("assessment-reopened");
  await expect(reopened).toContainText(
    "已重新打开：批准后新增了证据，原批准已撤销，需要重新提交审核。",
  );
  await expect(reopened).toContainText("分析员 Analyst");
  await expect(a.history.getByTestId("history-event").first()).toHaveAttribute(
    "data-action",
    "assessment.reopen",
  );
  await expect(a.history.getByTestId("history-event").first()).toContainText(
    "重新打开为草稿：批准后新增了证据",
  );
  await expect(a.status("已兑现")).toBeChecked(); // the verdict itself is kept, as a draft
  await apage.screenshot({ path: screenshotPath("assessment-reopened-zh"), fullPage: true });

  // The reviewer sees it is no longer approved, and why; there is nothing to approve until it is resubmitted.
  await rpage.reload();
  await r.expectState("草稿");
  await expect(r.root.getByTestId("assessment-reopened")).toContainText("批准后新增了证据");
  await expect(r.button("批准")).toHaveCount(0);
  await setLanguage(rpage, "en");
  await expect(r.root.getByTestId("assessment-reopened")).toContainText(
    "Reopened: evidence was added after approval.",
  );
  await setLanguage(rpage, "zh");

  // Submitted again, the notice is history.
  await a.button("提交审核").click();
  await a.expectState("待审核");
  await expect(a.root.getByTestId("assessment-reopened")).toHaveCount(0);
  await analyst.close();
  await reviewer.close();
});

test("a reviewer who wrote a verdict cannot approve it after an analyst submits it (four eyes on the writer)", async ({
  browser,
}) => {
  const reviewer = await contextAs(browser, "reviewer");
  const rpage = await reviewer.newPage();
  await new LinkingPage(rpage).open(REPORT, "完成望城路等15条道路工程");
  const r = new AssessmentPanel(rpage);
  await r.assess("已兑现", "2016年报告：15条道路全部完工。");
  await expect(r.notice).toHaveText("评估已保存。");
  await expect(r.root.getByTestId("assessment-assessed-by")).toContainText(
    "结论最后由 审核员 Reviewer",
  );

  // The analyst submits it (on the page; a bulk submit is the same step).
  const analyst = await contextAs(browser, "analyst");
  const apage = await analyst.newPage();
  await apage.goto(rpage.url());
  const a = new AssessmentPanel(apage);
  await a.button("提交审核").click();
  await a.expectState("待审核");

  await rpage.reload();
  await r.expectState("待审核");
  await expect(r.button("批准")).toHaveCount(0);
  await expect(r.button("退回…")).toHaveCount(0);
  await expect(r.root.getByTestId("assessment-four-eyes")).toContainText(
    "这条评估的结论是你最后修改的",
  );
  // The review queue marks it as theirs.
  await rpage.goto("/review");
  const row = rpage.getByTestId("review-row").filter({ hasText: "完成望城路等15条道路工程" });
  await expect(row.getByTestId("review-own-part")).toHaveText("你最后修改的");

  // Called directly, the action refuses (version 3: created 1, saved 2, submitted 3).
  const pledgeId = apage.url().split("/").pop()!;
  const path = new URL(apage.url()).pathname;
  const approve = serverActionId("lib/assessments/actions.ts", "approveAssessmentAction");
  expect(
    (await callServerAction(reviewer.request, path, approve, [{ pledgeId, version: 3 }])).body,
  ).toContain("FOUR_EYES");
  await apage.reload();
  await a.expectState("待审核");
  await analyst.close();
  await reviewer.close();
});

test("a reviewer approves and goes straight to the next assessment of the queue", async ({
  browser,
}) => {
  // An analyst submits two pledges of a report of their own choosing (bulk: verdict, rationale, submit).
  const analyst = await contextAs(browser, "analyst");
  const a = await analyst.newPage();
  await a.goto("/reports");
  await a.getByRole("link", { name: "2013年海拉尔区政府工作报告", exact: true }).click();
  await a.getByTestId("filter-q").fill("建设");
  await expect(a).toHaveURL(/q=/);
  const rows = a.getByTestId("pledge-list").locator("li[data-pid]");
  await expect(rows.first()).toBeVisible();
  const ids = [
    await rows.nth(0).getAttribute("data-pid"),
    await rows.nth(1).getAttribute("data-pid"),
  ];
  for (const i of [0, 1]) await a.getByTestId("bulk-check").nth(i).check();
  const bar = a.getByTestId("bulk-bar");
  await bar.getByTestId("bulk-status").selectOption("fulfilled");
  await bar.getByTestId("bulk-rationale").fill("次年工作回顾称已完成");
  await bar.getByRole("button", { name: "设置评估" }).click();
  await expect(bar.getByRole("status")).toContainText("已更新 2 条");
  await bar.getByTestId("bulk-submit").click();
  await expect(bar.getByRole("status")).toContainText("已更新 2 条");
  const reportPath = new URL(a.url()).pathname;
  await analyst.close();

  // The reviewer approves the first and lands on a submitted assessment they may review.
  const reviewer = await contextAs(browser, "reviewer");
  const r = await reviewer.newPage();
  await r.goto(`${reportPath}/pledges/${ids[0]}`);
  const next = r.getByTestId("approve-next");
  await expect(next).toHaveText(/批准并打开下一条|批准并返回审核队列/);
  await next.click();
  await expect(r).not.toHaveURL(new RegExp(`${ids[0]}$`));
  if (/\/review$/.test(r.url()))
    throw new Error(
      "the queue holds the second submission, yet approve-and-next went back to the queue",
    );
  await expect(r).toHaveURL(/\/reports\/[^/]+\/pledges\/[^/]+$/);
  const panel = r.getByTestId("assessment-panel");
  await expect(panel).toContainText("待审核");
  await expect(r.getByTestId("approve-next")).toBeVisible();
  // The first is approved.
  await r.goto(`${reportPath}/pledges/${ids[0]}`);
  await expect(r.getByTestId("assessment-panel")).toContainText("已批准");
  await reviewer.close();
});
