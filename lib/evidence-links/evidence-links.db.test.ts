import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { importReport } from "@/lib/reports/import";
import { createUser } from "@/lib/users/mutations";
import { approveAssessment, saveAssessment, submitAssessment } from "@/lib/assessments/mutations";
import { getAssessment } from "@/lib/assessments/data";
import { getPairAuditReport } from "@/lib/audit-reports/data";
import { getPledgeWorkspace } from "./data";
import { linkExternalEvidence, linkReviewEvidence, unlinkEvidence } from "./mutations";

const corpus = (f: string) => readFileSync(path.join(__dirname, "..", "..", "seed", "reports", f));
let analyst: string;
let writer: { id: string; role: string };
let reviewer: { id: string; role: string };
let planId: string;
let reviewId: string;

beforeAll(async () => {
  analyst = (
    await createUser(null, {
      email: "links@test.local",
      name: "A",
      role: "analyst",
      password: "analyst-password",
    })
  ).id;
  writer = {
    id: (
      await createUser(null, {
        email: "writer@test.local",
        name: "W",
        role: "analyst",
        password: "writer-password",
      })
    ).id,
    role: "analyst",
  };
  reviewer = {
    id: (
      await createUser(null, {
        email: "reviewer@test.local",
        name: "R",
        role: "reviewer",
        password: "reviewer-password",
      })
    ).id,
    role: "reviewer",
  };
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
    const { id } = await linkReviewEvidence(analyst, {
      pledgeId: pledge.id,
      start: s.start,
      end: s.end,
      score: s.score,
    });
    const row = await db.evidence.findUniqueOrThrow({ where: { id } });
    const review = await db.report.findUniqueOrThrow({ where: { id: reviewId } });
    expect(row.quote).toBe(review.sourceText.slice(row.start!, row.end!));
    await expect(
      linkReviewEvidence(analyst, { pledgeId: pledge.id, start: s.start, end: s.end }),
    ).rejects.toMatchObject({ code: "DUPLICATE" });
    expect((await getPledgeWorkspace(planId, pledge.id))!.suggestions[0].linkedEvidenceId).toBe(id);
    await unlinkEvidence(analyst, { pledgeId: pledge.id, evidenceId: id });
    expect(await db.evidence.count({ where: { id } })).toBe(0);
    const events = await db.auditEvent.findMany({
      where: { pledgeId: pledge.id, entityType: "evidence" },
      orderBy: { at: "asc" },
    });
    expect(events.map((e) => e.action)).toEqual(["evidence.link", "evidence.unlink"]);
    expect(JSON.parse(events[1].before!).quote).toBe(row.quote);
  });

  it("trims a hand selection to its words and refuses spans outside the review report", async () => {
    const pledge = await pledgeContaining("地区生产总值增长");
    const review = await db.report.findUniqueOrThrow({ where: { id: reviewId } });
    const at = review.sourceText.indexOf("地区生产总值");
    const { id } = await linkReviewEvidence(analyst, {
      pledgeId: pledge.id,
      start: at - 1,
      end: at + 6 + 1,
    });
    const row = await db.evidence.findUniqueOrThrow({ where: { id } });
    expect(row.quote.length).toBeLessThanOrEqual(8);
    expect(row.quote).toContain("地区生产总值");
    await expect(
      linkReviewEvidence(analyst, {
        pledgeId: pledge.id,
        start: 10,
        end: review.sourceText.length + 5,
      }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(
      linkReviewEvidence(analyst, { pledgeId: "missing", start: 0, end: 5 }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("links an external source and refuses unlinking through another pledge's id", async () => {
    const pledge = await pledgeContaining("地区生产总值增长");
    const other = await pledgeContaining("社会消费品零售总额");
    const { id } = await linkExternalEvidence(analyst, {
      pledgeId: pledge.id,
      url: "https://example.org/stats",
      quote: "统计公报：地区生产总值274亿元",
      sourceDate: "2015-03-01",
      note: null,
    });
    await expect(
      unlinkEvidence(analyst, { pledgeId: other.id, evidenceId: id }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.evidence.count({ where: { id } })).toBe(1);
  });
});

describe("evidence changes reopen a submitted or approved verdict (security finding 3)", () => {
  /** Writes, submits and approves a verdict on the pledge. */
  async function approve(pledgeId: string) {
    const v = (await db.pledge.findUniqueOrThrow({ where: { id: pledgeId } })).version;
    const s = await saveAssessment(writer, {
      pledgeId,
      version: v,
      status: "fulfilled",
      rationale: "次年报告：已完成。",
      reportedValue: null,
    });
    const sub = await submitAssessment(writer, { pledgeId, version: s.version });
    await approveAssessment(reviewer, { pledgeId, version: sub.version });
    expect((await db.pledge.findUniqueOrThrow({ where: { id: pledgeId } })).reviewState).toBe(
      "approved",
    );
  }

  async function countedApproved(pledgeId: string) {
    const report = (await getPairAuditReport(planId, {
      approvedOnly: true,
      showNotes: false,
      tiers: "all",
    }))!;
    return report.groups.flatMap((g) => g.pledges).find((p) => p.id === pledgeId)!.countedStatus;
  }

  async function reopenCauses(pledgeId: string) {
    const rows = await db.auditEvent.findMany({
      where: { pledgeId, action: "assessment.reopen" },
      orderBy: [{ at: "asc" }, { id: "asc" }],
    });
    return rows.map((e) => ({
      actorId: e.actorId,
      from: JSON.parse(e.before!).reviewState,
      ...JSON.parse(e.after!),
    }));
  }

  it("(d) linking fabricated external evidence to an approved verdict reopens it, recorded and shown on the pledge page", async () => {
    const pledge = await pledgeContaining("社会消费品零售总额");
    await approve(pledge.id);
    expect(await countedApproved(pledge.id)).toBe("fulfilled");

    const res = await linkExternalEvidence(analyst, {
      pledgeId: pledge.id,
      url: "https://example.org/fake",
      quote: "伪造的统计：零售总额翻了十倍",
      sourceDate: null,
      note: null,
    });
    expect(res.reopened).toBe(true);
    expect(await db.pledge.findUniqueOrThrow({ where: { id: pledge.id } })).toMatchObject({
      reviewState: "draft",
      approvedById: null,
      submittedById: null,
      status: "fulfilled",
    });
    expect(await reopenCauses(pledge.id)).toEqual([
      {
        actorId: analyst,
        from: "approved",
        reviewState: "draft",
        cause: "evidence_linked",
        evidenceId: res.id,
      },
    ]);
    expect(await countedApproved(pledge.id)).toBe("not_assessed");
    // The pledge page says why it is a draft again, until it is submitted again.
    const shown = await getAssessment(planId, pledge.id);
    expect(shown?.reopened).toMatchObject({ cause: "evidence_linked", from: "approved", by: "A" });
    await submitAssessment(writer, { pledgeId: pledge.id, version: shown!.version });
    expect((await getAssessment(planId, pledge.id))?.reopened).toBeNull();
  });

  it("(d) linking a review span reopens it too; a draft verdict is left alone", async () => {
    const pledge = await pledgeContaining("地区生产总值增长");
    const ws = (await getPledgeWorkspace(planId, pledge.id))!;
    const free = ws.suggestions.filter((s) => !s.linkedEvidenceId);
    const draftLink = await linkReviewEvidence(analyst, {
      pledgeId: pledge.id,
      start: free[0].start,
      end: free[0].end,
    });
    expect(draftLink.reopened).toBe(false);
    await approve(pledge.id);
    const res = await linkReviewEvidence(analyst, {
      pledgeId: pledge.id,
      start: free[1].start,
      end: free[1].end,
    });
    expect(res.reopened).toBe(true);
    expect((await reopenCauses(pledge.id)).map((e) => e.cause)).toEqual(["evidence_linked"]);
    expect(await countedApproved(pledge.id)).toBe("not_assessed");
  });

  it("(e) unlinking evidence from an approved verdict reopens it", async () => {
    const pledge = await pledgeContaining("城镇居民人均可支配收入");
    const { id } = await linkExternalEvidence(analyst, {
      pledgeId: pledge.id,
      url: null,
      quote: "统计公报：收入增长9%",
      sourceDate: null,
      note: null,
    });
    await approve(pledge.id);
    expect(await countedApproved(pledge.id)).toBe("fulfilled");
    expect(await unlinkEvidence(analyst, { pledgeId: pledge.id, evidenceId: id })).toEqual({
      reopened: true,
    });
    expect((await db.pledge.findUniqueOrThrow({ where: { id: pledge.id } })).reviewState).toBe(
      "draft",
    );
    expect(await reopenCauses(pledge.id)).toEqual([
      {
        actorId: analyst,
        from: "approved",
        reviewState: "draft",
        cause: "evidence_unlinked",
        evidenceId: id,
      },
    ]);
    expect(await countedApproved(pledge.id)).toBe("not_assessed");
  });

  it("a submitted verdict is withdrawn when its evidence changes; the reviewer's approve is refused", async () => {
    const pledge = await pledgeContaining("固定资产投资");
    const s = await saveAssessment(writer, {
      pledgeId: pledge.id,
      version: pledge.version,
      status: "partial",
      rationale: "部分完成。",
      reportedValue: null,
    });
    const sub = await submitAssessment(writer, { pledgeId: pledge.id, version: s.version });
    await linkExternalEvidence(analyst, {
      pledgeId: pledge.id,
      url: null,
      quote: "补充材料",
      sourceDate: null,
      note: null,
    });
    await expect(
      approveAssessment(reviewer, { pledgeId: pledge.id, version: sub.version }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await db.pledge.findUniqueOrThrow({ where: { id: pledge.id } })).reviewState).toBe(
      "draft",
    );
    expect((await getAssessment(planId, pledge.id))?.reopened).toMatchObject({
      cause: "evidence_linked",
      from: "submitted",
    });
  });
});
