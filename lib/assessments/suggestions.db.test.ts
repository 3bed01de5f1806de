/**
 * Suggested verdicts on a real pair (hailar_2014 → hailar_2015): read for a report's pledges,
 * accepted in bulk as drafts, kept with every save, and counted by the audit report.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { importReport } from "@/lib/reports/import";
import { createUser } from "@/lib/users/mutations";
import { getSuggestedVerdicts, getPledgeWorkspace } from "@/lib/evidence-links/data";
import { getPairAuditReport } from "@/lib/audit-reports/data";
import { acceptSuggestions, saveAssessment, submitAssessment } from "./mutations";

const corpus = (f: string) => readFileSync(path.join(__dirname, "..", "..", "seed", "reports", f));
let analyst: { id: string; role: string };
let planId: string;
let reviewId: string;

beforeAll(async () => {
  analyst = {
    id: (
      await createUser(null, {
        email: "suggest@test.local",
        name: "S",
        role: "analyst",
        password: "analyst-password",
      })
    ).id,
    role: "analyst",
  };
  planId = (await importReport(null, corpus("hailar/hailar_2014.txt"), "hailar_2014.txt")).id;
  reviewId = (await importReport(null, corpus("hailar/hailar_2015.txt"), "hailar_2015.txt")).id;
});

async function pledgeContaining(text: string, reportId = planId) {
  const p = await db.pledge.findFirst({ where: { reportId, text: { contains: text } } });
  if (!p) throw new Error(`no pledge with ${text}`);
  return p;
}

describe("suggested verdicts (real database)", () => {
  it("suggests a verdict from the paired review, quoting its figures", async () => {
    const gdp = await pledgeContaining("旅游接待人数突破500万人次");
    const s = (await getSuggestedVerdicts(planId, [gdp.id]))!.get(gdp.id)!;
    expect(s).toMatchObject({
      status: "fulfilled",
      confidence: "high",
      grounds: "figures",
      reportedValue: "525.6万人次",
    });
    expect(s.reason.zh).toContain("525.6万人次");
    expect(s.reason.en).toContain("“");
    // an id of another report finds nothing
    const other = await db.pledge.findFirstOrThrow({ where: { reportId: reviewId } });
    expect((await getSuggestedVerdicts(planId, [other.id]))!.size).toBe(0);
    expect(await getSuggestedVerdicts("cnonexistent00000000000000", null)).toBeNull();
  });

  it("the pledge page calls a pledge the review is silent on silent, and rates its suggestions", async () => {
    const silent = await pledgeContaining("启动通用航空产业园项目建设");
    const ws = (await getPledgeWorkspace(planId, silent.id))!;
    expect(ws.silent).toBe(true);
    expect(ws.suggestedVerdict).toMatchObject({ status: "not_verifiable", grounds: "silence" });
    expect(ws.suggestions.every((x) => x.level === "weak")).toBe(true);
    const reported = (await getPledgeWorkspace(
      planId,
      (await pledgeContaining("旅游收入突破50亿元")).id,
    ))!;
    expect(reported.silent).toBe(false);
    expect(reported.suggestions[0].level).toBe("strong");
  });

  it("accepts the suggestions of every quantitative pledge as drafts with the reason as rationale, skipping assessed ones", async () => {
    const assessed = await pledgeContaining("鲜奶产量达到25万吨");
    await saveAssessment(analyst, {
      pledgeId: assessed.id,
      version: assessed.version,
      status: "partial",
      rationale: "hand",
      reportedValue: null,
    });
    const suggestions = (await getSuggestedVerdicts(planId, null))!;
    expect(suggestions.size).toBeGreaterThan(10);
    const items = [...suggestions].map(([pledgeId, s]) => ({
      pledgeId,
      status: s!.status,
      rationale: s!.reason.zh,
      reportedValue: s!.reportedValue,
    }));
    const res = await acceptSuggestions(analyst, planId, items);
    expect(res.accepted).toBe(items.length - 1);
    expect(res.skipped).toEqual([{ pledgeId: assessed.id, reason: "ALREADY_ASSESSED" }]);

    const tourism = await pledgeContaining("旅游接待人数突破500万人次");
    expect(tourism).toMatchObject({
      status: "fulfilled",
      reviewState: "draft",
      suggestedStatus: "fulfilled",
      reportedValue: "525.6万人次",
      assessedById: analyst.id,
    });
    expect(tourism.rationale).toContain("全年旅游接待人数达到525.6万人次");
    const event = await db.auditEvent.findFirstOrThrow({
      where: { pledgeId: tourism.id, action: "assessment.save" },
      orderBy: { at: "desc" },
    });
    expect(JSON.parse(event.after!)).toMatchObject({
      status: "fulfilled",
      suggested: "fulfilled",
      acceptedSuggestion: true,
      bulk: true,
    });
    // still a draft the analyst submits
    const submitted = await submitAssessment(analyst, {
      pledgeId: tourism.id,
      version: tourism.version,
    });
    expect(submitted.version).toBe(tourism.version + 1);

    // a pledge of another report is not found, and nothing of it changes
    const other = await db.pledge.findFirstOrThrow({ where: { reportId: reviewId } });
    const again = await acceptSuggestions(analyst, planId, [
      { pledgeId: other.id, status: "fulfilled", rationale: "x", reportedValue: null },
    ]);
    expect(again).toEqual({ accepted: 0, skipped: [{ pledgeId: other.id, reason: "NOT_FOUND" }] });
    expect((await db.pledge.findUniqueOrThrow({ where: { id: other.id } })).status).toBe(
      "not_assessed",
    );
  });

  it("a save keeps the suggestion it was written against, and the audit report counts accepted versus changed", async () => {
    const before = (await getPairAuditReport(planId, {
      approvedOnly: false,
      showNotes: false,
      tiers: "all",
    }))!.aggregate.suggestions;
    const p = await pledgeContaining("旅游收入突破50亿元");
    const fresh = await db.pledge.findUniqueOrThrow({ where: { id: p.id } });
    // accepted in bulk above: the analyst now changes the verdict against the same suggestion
    await saveAssessment(
      analyst,
      {
        pledgeId: p.id,
        version: fresh.version,
        status: "partial",
        rationale: "changed",
        reportedValue: null,
      },
      { suggestedStatus: "fulfilled" },
    );
    expect(await db.pledge.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({
      status: "partial",
      suggestedStatus: "fulfilled",
    });
    const after = (await getPairAuditReport(planId, {
      approvedOnly: false,
      showNotes: false,
      tiers: "all",
    }))!.aggregate.suggestions;
    expect(after).toEqual({ accepted: before.accepted - 1, changed: before.changed + 1 });
    expect(before.accepted).toBeGreaterThan(10);
  });
});
