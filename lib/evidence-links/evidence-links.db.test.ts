import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { importReport } from "@/lib/reports/import";
import { createUser } from "@/lib/users/mutations";
import { getPledgeWorkspace } from "./data";
import { linkExternalEvidence, linkReviewEvidence, unlinkEvidence } from "./mutations";

const corpus = (f: string) => readFileSync(path.join(__dirname, "..", "..", "seed", "reports", f));
let analyst: string;
let planId: string;
let reviewId: string;

beforeAll(async () => {
  analyst = (await createUser(null, { email: "links@test.local", name: "A", role: "analyst", password: "analyst-password" })).id;
  planId = (await importReport(null, corpus("hailar/hailar_2014.txt"), "hailar_2014.txt")).id;
  reviewId = (await importReport(null, corpus("hailar/hailar_2015.txt"), "hailar_2015.txt")).id;
});

async function pledgeContaining(text: string) {
  const p = await db.pledge.findFirst({ where: { reportId: planId, text: { contains: text } } });
  if (!p) throw new Error(`no pledge with ${text}`);
  return p;
}

describe("evidence links (real database)", () => {
  it("the workspace pairs the plan with the next report and ranks the right review sentence first", async () => {
    const pledge = await pledgeContaining("地区生产总值增长");
    const ws = await getPledgeWorkspace(planId, pledge.id);
    expect(ws?.review?.reportId).toBe(reviewId);
    expect(ws?.suggestions[0].text).toContain("地区生产总值");
    expect(ws?.suggestions[0].comparison?.verdict).toBeDefined();
    expect(await getPledgeWorkspace(reviewId, pledge.id)).toBeNull(); // pledge id of another report
  });

  it("links a suggestion by span with the exact quote, refuses it twice, unlinks with an audit record", async () => {
    const pledge = await pledgeContaining("地区生产总值增长");
    const ws = (await getPledgeWorkspace(planId, pledge.id))!;
    const s = ws.suggestions[0];
    const { id } = await linkReviewEvidence(analyst, { pledgeId: pledge.id, start: s.start, end: s.end, score: s.score });
    const row = await db.evidence.findUniqueOrThrow({ where: { id } });
    const review = await db.report.findUniqueOrThrow({ where: { id: reviewId } });
    expect(row.quote).toBe(review.sourceText.slice(row.start!, row.end!));
    await expect(linkReviewEvidence(analyst, { pledgeId: pledge.id, start: s.start, end: s.end })).rejects.toMatchObject({ code: "DUPLICATE" });
    expect((await getPledgeWorkspace(planId, pledge.id))!.suggestions[0].linkedEvidenceId).toBe(id);
    await unlinkEvidence(analyst, { pledgeId: pledge.id, evidenceId: id });
    expect(await db.evidence.count({ where: { id } })).toBe(0);
    const events = await db.auditEvent.findMany({ where: { pledgeId: pledge.id, entityType: "evidence" }, orderBy: { at: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["evidence.link", "evidence.unlink"]);
    expect(JSON.parse(events[1].before!).quote).toBe(row.quote);
  });

  it("trims a hand selection to its words and refuses spans outside the review report", async () => {
    const pledge = await pledgeContaining("地区生产总值增长");
    const review = await db.report.findUniqueOrThrow({ where: { id: reviewId } });
    const at = review.sourceText.indexOf("地区生产总值");
    const { id } = await linkReviewEvidence(analyst, { pledgeId: pledge.id, start: at - 1, end: at + 6 + 1 });
    const row = await db.evidence.findUniqueOrThrow({ where: { id } });
    expect(row.quote.length).toBeLessThanOrEqual(8);
    expect(row.quote).toContain("地区生产总值");
    await expect(linkReviewEvidence(analyst, { pledgeId: pledge.id, start: 10, end: review.sourceText.length + 5 })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(linkReviewEvidence(analyst, { pledgeId: "missing", start: 0, end: 5 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("links an external source and refuses unlinking through another pledge's id", async () => {
    const pledge = await pledgeContaining("地区生产总值增长");
    const other = await pledgeContaining("社会消费品零售总额");
    const { id } = await linkExternalEvidence(analyst, { pledgeId: pledge.id, url: "https://example.org/stats", quote: "统计公报：地区生产总值274亿元", sourceDate: "2015-03-01", note: null });
    await expect(unlinkEvidence(analyst, { pledgeId: other.id, evidenceId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.evidence.count({ where: { id } })).toBe(1);
  });
});
