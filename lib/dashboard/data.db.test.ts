import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { importReport } from "@/lib/reports/import";
import { setPairing } from "@/lib/pairing/mutations";
import { deletePledge, setPledgeExcluded } from "@/lib/pledges/mutations";
import { createUser } from "@/lib/users/mutations";
import {
  approveAssessment,
  assignPledge,
  bulkUpdate,
  returnAssessment,
  saveAssessment,
  submitAssessment,
} from "@/lib/assessments/mutations";
import {
  getDashboardTotals,
  getMyWork,
  getReviewQueueSummary,
  listRecentActivity,
  listReportsAwaiting,
} from "./data";
import { AUDIT_ENTITY, isAuditAction } from "@/lib/audit/events";

type Actor = { id: string; role: string };
let analyst: Actor, analyst2: Actor, reviewer: Actor;
let r2012: string, r2013: string, unknownYear: string;
let pledges2012: string[];
let trackablePledges: number;
let totalPledges: number;

const corpus = (f: string) => readFileSync(path.join(process.cwd(), "seed", "reports", f));
const RATIONALE = "2013年工作回顾：已完成。";

async function makeUser(role: string, name: string): Promise<Actor> {
  const { id } = await createUser(null, {
    email: `${role}-${name}-${process.pid}@test.local`,
    name,
    role: role as "analyst",
    password: "a-long-password",
  });
  return { id, role };
}

const version = async (id: string) =>
  (await db.pledge.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;

/** Saves a verdict on a pledge and, when asked, submits it; returns the version after. */
async function assess(actor: Actor, id: string, submit: boolean): Promise<number> {
  const saved = await saveAssessment(actor, {
    pledgeId: id,
    version: await version(id),
    status: "fulfilled",
    rationale: RATIONALE,
    reportedValue: null,
  });
  return submit
    ? (await submitAssessment(actor, { pledgeId: id, version: saved.version })).version
    : saved.version;
}

beforeAll(async () => {
  analyst = await makeUser("analyst", "分析员甲");
  analyst2 = await makeUser("analyst", "分析员乙");
  reviewer = await makeUser("reviewer", "审核员甲");
  // 2012 is reviewed by 2013; 2013 waits for 2014; the report of unknown year waits for a person.
  r2012 = (await importReport(analyst.id, corpus("hailar/hailar_2012.txt"), "hailar_2012.txt")).id;
  r2013 = (await importReport(analyst.id, corpus("hailar/hailar_2013.txt"), "hailar_2013.txt")).id;
  unknownYear = (
    await importReport(analyst.id, corpus("seeds/001_bc1dc47a901dac11.txt"), "001.txt", {
      region: "大连市某区",
      title: "区委常委会工作报告（年份不详）",
    })
  ).id;
  pledges2012 = (
    await db.pledge.findMany({
      where: { reportId: r2012 },
      select: { id: true },
      orderBy: { position: "asc" },
    })
  ).map((p) => p.id);
  totalPledges = await db.pledge.count();
  trackablePledges = await db.pledge.count({ where: { tier: "trackable" } });
});

describe("dashboard widgets (real database)", () => {
  it("counts reports and pledges before anything is assessed", async () => {
    expect(pledges2012.length).toBeGreaterThan(20);
    expect(await getDashboardTotals()).toEqual({
      reports: 3,
      pledges: totalPledges,
      trackable: trackablePledges,
      direction: totalPledges - trackablePledges,
      assessed: 0,
      submitted: 0,
      approved: 0,
    });
    expect(trackablePledges).toBeGreaterThan(20);
    expect(trackablePledges).toBeLessThan(totalPledges / 2);
  });

  it("lists reports awaiting pairing (unknown year first) and pairs awaiting assessment", async () => {
    const { pairing, assessment } = await listReportsAwaiting();
    expect(pairing.count).toBe(2);
    expect(pairing.items.map((r) => r.id)).toEqual([unknownYear, r2013]);
    expect(pairing.items[0].year).toBeNull();
    expect(assessment.count).toBe(1);
    expect(assessment.items[0]).toMatchObject({
      id: r2012,
      total: pledges2012.length,
      assessed: 0,
      submitted: 0,
      approved: 0,
      reviewedBy: { id: r2013 },
    });
  });

  it("follows the review workflow: totals, review queue, returned and assigned work, per-report progress", async () => {
    const [approvedId, returnedId, submittedId, draftId, assignedId] = pledges2012;
    const vApproved = await assess(analyst, approvedId, true);
    await approveAssessment(reviewer, { pledgeId: approvedId, version: vApproved });
    const vReturned = await assess(analyst, returnedId, true);
    await returnAssessment(reviewer, {
      pledgeId: returnedId,
      version: vReturned,
      comment: "证据不足，请补充统计公报。",
    });
    await assess(analyst, submittedId, true);
    await assess(analyst, draftId, false);
    await assignPledge(analyst, {
      pledgeId: assignedId,
      version: await version(assignedId),
      assigneeId: analyst.id,
    });
    await assignPledge(analyst, {
      pledgeId: draftId,
      version: await version(draftId),
      assigneeId: analyst.id,
    });

    expect(await getDashboardTotals()).toEqual({
      reports: 3,
      pledges: totalPledges,
      trackable: trackablePledges,
      direction: totalPledges - trackablePledges,
      assessed: 4,
      submitted: 1,
      approved: 1,
    });

    const queue = await getReviewQueueSummary();
    expect(queue.count).toBe(1);
    expect(queue.oldest).toHaveLength(1);
    expect(queue.oldest[0]).toMatchObject({
      pledgeId: submittedId,
      reportId: r2012,
      submittedBy: "分析员甲",
      status: "fulfilled",
    });

    const mine = await getMyWork(analyst.id);
    expect(mine.returned.count).toBe(1);
    expect(mine.returned.items[0]).toMatchObject({
      pledgeId: returnedId,
      reportId: r2012,
      reason: "证据不足，请补充统计公报。",
      returnedBy: "审核员甲",
    });
    expect(mine.assigned.count).toBe(2);
    expect(mine.assigned.items.map((p) => p.pledgeId).sort()).toEqual([assignedId, draftId].sort());
    expect(await getMyWork(analyst2.id)).toEqual({
      assigned: { count: 0, items: [] },
      returned: { count: 0, items: [] },
    });

    const { assessment } = await listReportsAwaiting();
    expect(assessment.items[0]).toMatchObject({
      id: r2012,
      assessed: 4,
      submitted: 1,
      approved: 1,
    });
  });

  it("a pair leaves 'awaiting assessment' once more than half its pledges are assessed", async () => {
    // Pledges 0–3 are assessed; assess up to the largest count that still leaves most unassessed.
    const stillWaiting = Math.floor((pledges2012.length - 1) / 2);
    await bulkUpdate(analyst2, {
      pledgeIds: pledges2012.slice(4, stillWaiting),
      status: "partial",
      rationale: RATIONALE,
    });
    expect((await getDashboardTotals()).assessed).toBe(stillWaiting);
    expect((await listReportsAwaiting()).assessment.count).toBe(1);
    await bulkUpdate(analyst2, {
      pledgeIds: [pledges2012[stillWaiting]],
      status: "partial",
      rationale: RATIONALE,
    });
    expect((await listReportsAwaiting()).assessment.count).toBe(0);
  });

  it("pairing by hand moves reports in and out of 'awaiting pairing'", async () => {
    await setPairing(reviewer.id, { reportId: unknownYear, reviewId: r2013 });
    await setPairing(reviewer.id, { reportId: r2012, reviewId: null });
    const { pairing, assessment } = await listReportsAwaiting();
    expect(pairing.items.map((r) => r.id).sort()).toEqual([r2012, r2013].sort());
    // The unknown-year report is paired now, and nothing of it is assessed.
    expect(assessment.items.map((r) => r.id)).toEqual([unknownYear]);
    expect(assessment.items[0].reviewedBy).toEqual({ id: r2013, title: expect.any(String) });
  });

  it("shows the latest events newest first with their pledge and report, hiding user events unless asked", async () => {
    const recent = await listRecentActivity({ limit: 20 });
    expect(recent).toHaveLength(20);
    const all = await db.auditEvent.findMany({
      orderBy: [{ at: "desc" }, { id: "desc" }],
      select: { id: true, entityType: true, action: true },
    });
    // Every event the seed and these changes wrote is of the closed list, with its action's entity type.
    expect(
      all.filter((e) => !isAuditAction(e.action) || AUDIT_ENTITY[e.action] !== e.entityType),
    ).toEqual([]);
    expect(recent.map((e) => e.id)).toEqual(
      all
        .filter((e) => e.entityType !== "user")
        .slice(0, 20)
        .map((e) => e.id),
    );
    expect(recent[0]).toMatchObject({
      event: { action: "report.pair_manual" },
      actor: { name: "审核员甲", role: "reviewer" },
      report: { id: r2012 },
      relatedReport: null,
    });
    expect(recent[1]).toMatchObject({
      event: { action: "report.pair_manual" },
      report: { id: unknownYear },
      relatedReport: { id: r2013 },
    });
    const save = recent.find((e) => e.event.action === "assessment.save")!;
    expect(save).toMatchObject({
      actor: { name: "分析员乙" },
      report: { id: r2012 },
      event: { after: { status: "partial", bulk: true } },
    });
    expect(save.pledge?.text.length).toBeGreaterThan(0);

    const everything = await listRecentActivity({ limit: 1000, includeUserEvents: true });
    expect(everything).toHaveLength(all.length);
    const userCreate = everything.filter((e) => e.event.action === "user.create");
    expect(userCreate).toHaveLength(3);
    expect(userCreate.every((e) => e.report === null && e.pledge === null)).toBe(true);
    expect((await listRecentActivity({ limit: 1000 })).some((e) => e.entityType === "user")).toBe(
      false,
    );
    const autoPair = everything.find((e) => e.event.action === "report.pair_auto");
    expect(autoPair).toMatchObject({ report: { id: r2012 }, relatedReport: { id: r2013 } });
  });

  it("leaves items marked not a pledge out of every count", async () => {
    const before = await getDashboardTotals();
    const id = pledges2012[10];
    const p = await db.pledge.findUniqueOrThrow({ where: { id } });
    await setPledgeExcluded(analyst, {
      reportId: r2012,
      pledgeId: id,
      version: p.version,
      excluded: true,
    });
    const after = await getDashboardTotals();
    expect(after.pledges).toBe(before.pledges - 1);
    expect(after[p.tier === "trackable" ? "trackable" : "direction"]).toBe(
      before[p.tier === "trackable" ? "trackable" : "direction"] - 1,
    );
    await setPledgeExcluded(analyst, {
      reportId: r2012,
      pledgeId: id,
      version: p.version + 1,
      excluded: false,
    });
    expect(await getDashboardTotals()).toEqual(before);
  });

  it("keeps an event of a deleted pledge, without a link to it", async () => {
    const id = pledges2012[pledges2012.length - 1];
    await deletePledge(analyst, { reportId: r2012, pledgeId: id, version: await version(id) });
    const [latest] = await listRecentActivity({ limit: 1 });
    expect(latest).toMatchObject({
      event: { action: "pledge.delete" },
      pledge: null,
      report: { id: r2012 },
    });
  });
});
