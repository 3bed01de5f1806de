import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { listPledgeHistory } from "@/lib/audit/data";
import { importReport } from "@/lib/reports/import";
import { createUser } from "@/lib/users/mutations";
import { getAssessment, listMyAssignments, listPledgeComments } from "./data";
import {
  addComment,
  approveAssessment,
  assignPledge,
  bulkUpdate,
  returnAssessment,
  saveAssessment,
  submitAssessment,
} from "./mutations";

type Actor = { id: string; role: string };
let analyst: Actor, analyst2: Actor, reviewer: Actor, reviewer2: Actor, admin: Actor, viewer: Actor;
let reportId: string;
let pledgeIds: string[];
let nextUser = 0;
let nextPledge = 0;

async function makeUser(role: string, name: string): Promise<Actor> {
  const { id } = await createUser(null, {
    email: `${role}-${nextUser++}-${process.pid}@test.local`,
    name,
    role: role as "analyst",
    password: "a-long-password",
  });
  return { id, role };
}

/** A fresh pledge of the imported Hailar report, never used by another test. */
function freshPledge(): string {
  const id = pledgeIds[nextPledge++];
  if (!id) throw new Error("ran out of pledges");
  return id;
}

async function row(id: string) {
  return db.pledge.findUniqueOrThrow({ where: { id } });
}

async function events(pledgeId: string, action?: string) {
  return db.auditEvent.findMany({
    where: { pledgeId, ...(action ? { action } : {}) },
    orderBy: [{ at: "asc" }, { id: "asc" }],
  });
}

const RATIONALE = "2014年工作回顾：已建成。";

beforeAll(async () => {
  const bytes = readFileSync(
    path.join(process.cwd(), "seed", "reports", "hailar", "hailar_2013.txt"),
  );
  reportId = (await importReport(null, bytes, "hailar_2013.txt")).id;
  pledgeIds = (
    await db.pledge.findMany({
      where: { reportId },
      select: { id: true },
      orderBy: { position: "asc" },
    })
  ).map((p) => p.id);
  analyst = await makeUser("analyst", "分析员甲");
  analyst2 = await makeUser("analyst", "分析员乙");
  reviewer = await makeUser("reviewer", "审核员甲");
  reviewer2 = await makeUser("reviewer", "审核员乙");
  admin = await makeUser("admin", "管理员");
  viewer = await makeUser("viewer", "访客");
});

describe("save → submit → return → fix → resubmit → approve", () => {
  it("walks the whole workflow, keeps the return comment and writes an audit event per step", async () => {
    const id = freshPledge();
    const v1 = (await row(id)).version;
    const saved = await saveAssessment(analyst, {
      pledgeId: id,
      version: v1,
      status: "fulfilled",
      rationale: RATIONALE,
      reportedValue: "42部",
    });
    expect(saved).toEqual({ version: v1 + 1, reviewState: "draft", reopened: false });

    const sub = await submitAssessment(analyst, { pledgeId: id, version: saved.version });
    let p = await row(id);
    expect(p.reviewState).toBe("submitted");
    expect(p.submittedById).toBe(analyst.id);
    expect(p.submittedAt).not.toBeNull();
    expect(p.version).toBe(sub.version);

    const ret = await returnAssessment(reviewer, {
      pledgeId: id,
      version: sub.version,
      comment: "  证据不足，请补充统计公报。 ",
    });
    p = await row(id);
    expect(p.reviewState).toBe("returned");
    const comments = await listPledgeComments(reportId, id);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toMatchObject({
      kind: "return",
      body: "证据不足，请补充统计公报。",
      author: { name: "审核员甲", role: "reviewer" },
    });
    const returned = await getAssessment(reportId, id);
    expect(returned?.lastReturn).toMatchObject({
      body: "证据不足，请补充统计公报。",
      author: "审核员甲",
    });

    // Editing a returned assessment makes it a draft; it can then be resubmitted.
    const fixed = await saveAssessment(analyst, {
      pledgeId: id,
      version: ret.version,
      status: "partial",
      rationale: `${RATIONALE} 统计公报：38部。`,
      reportedValue: "38部",
    });
    expect(fixed.reviewState).toBe("draft");
    expect(fixed.reopened).toBe(false);
    const resub = await submitAssessment(analyst, { pledgeId: id, version: fixed.version });
    const appr = await approveAssessment(reviewer, { pledgeId: id, version: resub.version });
    p = await row(id);
    expect(p).toMatchObject({
      reviewState: "approved",
      approvedById: reviewer.id,
      status: "partial",
      reportedValue: "38部",
      version: appr.version,
    });

    const actions = (await events(id)).map((e) => e.action);
    expect(actions).toEqual([
      "assessment.save",
      "assessment.submit",
      "assessment.return",
      "assessment.save",
      "assessment.submit",
      "assessment.approve",
    ]);
    const first = (await events(id, "assessment.save"))[0];
    expect(first.actorId).toBe(analyst.id);
    expect(first.reportId).toBe(reportId);
    expect(JSON.parse(first.before!)).toEqual({
      status: "not_assessed",
      rationale: null,
      reportedValue: null,
      reviewState: "draft",
    });
    expect(JSON.parse(first.after!)).toEqual({
      status: "fulfilled",
      rationale: RATIONALE,
      reportedValue: "42部",
      reviewState: "draft",
    });
    expect(JSON.parse((await events(id, "assessment.return"))[0].after!)).toMatchObject({
      reviewState: "returned",
      comment: "证据不足，请补充统计公报。",
    });

    // The history DTO: newest first, actor name and role, before/after parsed.
    const history = await listPledgeHistory(id);
    expect(history.map((h) => h.event.action)).toEqual([...actions].reverse());
    expect(history[0]).toMatchObject({
      actor: { name: "审核员甲", role: "reviewer" },
      event: { action: "assessment.approve", after: { reviewState: "approved" } },
    });
  });

  it("changing an approved assessment reopens it as a draft (reopened: true) and clears the approval", async () => {
    const id = freshPledge();
    const s = await saveAssessment(analyst, {
      pledgeId: id,
      version: (await row(id)).version,
      status: "fulfilled",
      rationale: RATIONALE,
      reportedValue: null,
    });
    const sub = await submitAssessment(analyst, { pledgeId: id, version: s.version });
    const appr = await approveAssessment(admin, { pledgeId: id, version: sub.version });
    const edited = await saveAssessment(analyst2, {
      pledgeId: id,
      version: appr.version,
      status: "unfulfilled",
      rationale: "复核后未完成。",
      reportedValue: null,
    });
    expect(edited).toMatchObject({ reviewState: "draft", reopened: true });
    const p = await row(id);
    expect(p).toMatchObject({
      reviewState: "draft",
      approvedById: null,
      approvedAt: null,
      submittedById: null,
      status: "unfulfilled",
    });
    const last = (await events(id, "assessment.save")).at(-1)!;
    expect(JSON.parse(last.before!)).toMatchObject({
      reviewState: "approved",
      status: "fulfilled",
    });
    expect(JSON.parse(last.after!)).toMatchObject({
      reviewState: "draft",
      status: "unfulfilled",
      reopened: true,
    });
    // The one reopen record, as for every other cause, right after the save; the page shows it.
    const reopen = await events(id, "assessment.reopen");
    expect(reopen).toHaveLength(1);
    expect(reopen[0].actorId).toBe(analyst2.id);
    expect(JSON.parse(reopen[0].before!)).toEqual({
      reviewState: "approved",
      status: "fulfilled",
      submittedById: analyst.id,
      approvedById: admin.id,
    });
    expect(JSON.parse(reopen[0].after!)).toEqual({ reviewState: "draft", cause: "verdict_edited" });
    expect((await events(id)).map((e) => e.action).slice(-2)).toEqual([
      "assessment.save",
      "assessment.reopen",
    ]);
    expect((await getAssessment(reportId, id))?.reopened).toMatchObject({
      cause: "verdict_edited",
      from: "approved",
      by: "分析员乙",
    });
  });

  it("saving unchanged content writes nothing", async () => {
    const id = freshPledge();
    const v = (await row(id)).version;
    expect(
      await saveAssessment(analyst, {
        pledgeId: id,
        version: v,
        status: "not_assessed",
        rationale: null,
        reportedValue: null,
      }),
    ).toEqual({ version: v, reviewState: "draft", reopened: false });
    expect(await events(id)).toHaveLength(0);
  });
});

describe("refusals", () => {
  it("four eyes: the submitter cannot approve or return their own submission, even as reviewer or admin", async () => {
    for (const actor of [reviewer, admin]) {
      const id = freshPledge();
      const s = await saveAssessment(actor, {
        pledgeId: id,
        version: (await row(id)).version,
        status: "fulfilled",
        rationale: RATIONALE,
        reportedValue: null,
      });
      const sub = await submitAssessment(actor, { pledgeId: id, version: s.version });
      await expect(
        approveAssessment(actor, { pledgeId: id, version: sub.version }),
      ).rejects.toMatchObject({ code: "FORBIDDEN", message: "FOUR_EYES" });
      await expect(
        returnAssessment(actor, { pledgeId: id, version: sub.version, comment: "自己退回" }),
      ).rejects.toMatchObject({ code: "FORBIDDEN", message: "FOUR_EYES" });
      expect((await row(id)).reviewState).toBe("submitted");
      // Another reviewer may.
      await approveAssessment(reviewer2, { pledgeId: id, version: sub.version });
      expect((await row(id)).reviewState).toBe("approved");
    }
  });

  it("four eyes on the writer (security finding 4): a reviewer writes a verdict, an analyst bulk-submits it, the same reviewer cannot approve or return it", async () => {
    const id = freshPledge();
    const s = await saveAssessment(reviewer, {
      pledgeId: id,
      version: (await row(id)).version,
      status: "fulfilled",
      rationale: RATIONALE,
      reportedValue: "42部",
    });
    expect(await row(id)).toMatchObject({ assessedById: reviewer.id, submittedById: null });
    expect((await row(id)).assessedAt).not.toBeNull();
    expect(await bulkUpdate(analyst, { pledgeIds: [id], submit: true })).toEqual({
      updated: 1,
      skipped: [],
    });
    const sub = await row(id);
    expect(sub).toMatchObject({
      reviewState: "submitted",
      submittedById: analyst.id,
      assessedById: reviewer.id,
      version: s.version + 1,
    });
    await expect(
      approveAssessment(reviewer, { pledgeId: id, version: sub.version }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: "FOUR_EYES" });
    await expect(
      returnAssessment(reviewer, {
        pledgeId: id,
        version: sub.version,
        comment: "自己写的，自己退回",
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: "FOUR_EYES" });
    expect((await row(id)).reviewState).toBe("submitted");
    expect(await events(id, "assessment.approve")).toHaveLength(0);
    // The pledge page names the last writer, so it can hide Approve from them.
    expect((await getAssessment(reportId, id))?.assessedBy).toEqual({
      id: reviewer.id,
      name: "审核员甲",
      role: "reviewer",
    });
    // Someone who had no hand in it may.
    await approveAssessment(reviewer2, { pledgeId: id, version: sub.version });
    expect(await row(id)).toMatchObject({ reviewState: "approved", approvedById: reviewer2.id });
  });

  it("four eyes on the writer: a bulk edit makes its author the last writer, and a later edit by someone else hands the review back", async () => {
    const id = freshPledge();
    await bulkUpdate(admin, {
      pledgeIds: [id],
      status: "not_verifiable",
      rationale: "次年报告未提及。",
    });
    expect(await row(id)).toMatchObject({ assessedById: admin.id });
    const sub = await submitAssessment(analyst, { pledgeId: id, version: (await row(id)).version });
    await expect(
      approveAssessment(admin, { pledgeId: id, version: sub.version }),
    ).rejects.toMatchObject({ message: "FOUR_EYES" });
    // The analyst rewrites the rationale: now the analyst is the last writer, and the admin may review it.
    const edited = await saveAssessment(analyst, {
      pledgeId: id,
      version: sub.version,
      status: "not_verifiable",
      rationale: "次年报告与统计公报均未提及。",
      reportedValue: null,
    });
    expect(await row(id)).toMatchObject({ assessedById: analyst.id, reviewState: "draft" });
    const resub = await submitAssessment(analyst, { pledgeId: id, version: edited.version });
    await approveAssessment(admin, { pledgeId: id, version: resub.version });
    expect((await row(id)).reviewState).toBe("approved");
  });

  it("submitting, assigning, approving and returning do not change who wrote the verdict", async () => {
    const id = freshPledge();
    const s = await saveAssessment(analyst, {
      pledgeId: id,
      version: (await row(id)).version,
      status: "partial",
      rationale: RATIONALE,
      reportedValue: null,
    });
    const writtenAt = (await row(id)).assessedAt;
    const a = await assignPledge(reviewer, {
      pledgeId: id,
      version: s.version,
      assigneeId: analyst2.id,
    });
    const sub = await submitAssessment(analyst2, { pledgeId: id, version: a.version });
    const ret = await returnAssessment(reviewer, {
      pledgeId: id,
      version: sub.version,
      comment: "请补充数据。",
    });
    const resub = await submitAssessment(analyst2, { pledgeId: id, version: ret.version });
    await approveAssessment(reviewer, { pledgeId: id, version: resub.version });
    expect(await row(id)).toMatchObject({
      assessedById: analyst.id,
      assessedAt: writtenAt,
      approvedById: reviewer.id,
    });
  });

  it("a viewer cannot save, submit, assign or comment; an analyst cannot approve or return", async () => {
    const id = freshPledge();
    const v = (await row(id)).version;
    await expect(
      saveAssessment(viewer, {
        pledgeId: id,
        version: v,
        status: "fulfilled",
        rationale: RATIONALE,
        reportedValue: null,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      saveAssessment(viewer, {
        pledgeId: id,
        version: v,
        status: "not_assessed",
        rationale: null,
        reportedValue: null,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      assignPledge(viewer, { pledgeId: id, version: v, assigneeId: analyst.id }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(addComment(viewer, { pledgeId: id, body: "hi" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const s = await saveAssessment(analyst, {
      pledgeId: id,
      version: v,
      status: "fulfilled",
      rationale: RATIONALE,
      reportedValue: null,
    });
    await expect(
      submitAssessment(viewer, { pledgeId: id, version: s.version }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const sub = await submitAssessment(analyst, { pledgeId: id, version: s.version });
    await expect(
      approveAssessment(analyst2, { pledgeId: id, version: sub.version }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: "FORBIDDEN" });
    await expect(
      returnAssessment(analyst2, { pledgeId: id, version: sub.version, comment: "不行" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const p = await row(id);
    expect(p.reviewState).toBe("submitted");
    expect(p.assigneeId).toBeNull();
    expect((await events(id)).map((e) => e.action)).toEqual([
      "assessment.save",
      "assessment.submit",
    ]);
  });

  it("illegal transitions and missing content are refused with their reasons", async () => {
    const id = freshPledge();
    const v = (await row(id)).version;
    await expect(
      saveAssessment(analyst, {
        pledgeId: id,
        version: v,
        status: "partial",
        rationale: null,
        reportedValue: null,
      }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", message: "RATIONALE_REQUIRED" });
    await expect(submitAssessment(analyst, { pledgeId: id, version: v })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: "SUBMIT_NEEDS_STATUS",
    });
    await expect(approveAssessment(reviewer, { pledgeId: id, version: v })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "TRANSITION_NOT_ALLOWED",
    });
    const s = await saveAssessment(analyst, {
      pledgeId: id,
      version: v,
      status: "partial",
      rationale: RATIONALE,
      reportedValue: null,
    });
    const sub = await submitAssessment(analyst, { pledgeId: id, version: s.version });
    await expect(
      submitAssessment(analyst, { pledgeId: id, version: sub.version }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: "TRANSITION_NOT_ALLOWED" });
    await expect(
      returnAssessment(reviewer, { pledgeId: id, version: sub.version, comment: "   " }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", message: "RETURN_NEEDS_COMMENT" });
    expect(await db.comment.count({ where: { pledgeId: id } })).toBe(0);
    await expect(
      saveAssessment(analyst, {
        pledgeId: "no-such-pledge",
        version: 1,
        status: "partial",
        rationale: RATIONALE,
        reportedValue: null,
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("no lost updates", () => {
  it("a save at a stale version is refused with CONFLICT, the current values and who changed it last; nothing is overwritten", async () => {
    const id = freshPledge();
    const read = (await row(id)).version; // both analysts read this version
    await saveAssessment(analyst, {
      pledgeId: id,
      version: read,
      status: "fulfilled",
      rationale: "甲的理由",
      reportedValue: "42部",
    });
    const err = await saveAssessment(analyst2, {
      pledgeId: id,
      version: read,
      status: "unfulfilled",
      rationale: "乙的理由",
      reportedValue: null,
    }).catch((e) => e);
    expect(err).toMatchObject({ code: "CONFLICT", message: "ASSESSMENT_STALE" });
    expect(err.details.conflict).toEqual({
      current: {
        status: "fulfilled",
        rationale: "甲的理由",
        reportedValue: "42部",
        reviewState: "draft",
        assignee: null,
        version: read + 1,
      },
      lastChange: {
        actor: { name: "分析员甲", role: "analyst" },
        action: "assessment.save",
        at: expect.any(String),
      },
    });
    const p = await row(id);
    expect(p).toMatchObject({
      status: "fulfilled",
      rationale: "甲的理由",
      reportedValue: "42部",
      version: read + 1,
    });
    expect(await events(id, "assessment.save")).toHaveLength(1);
  });

  it("submit, approve, return and assign also name the version they read", async () => {
    const id = freshPledge();
    const v = (await row(id)).version;
    const s = await saveAssessment(analyst, {
      pledgeId: id,
      version: v,
      status: "fulfilled",
      rationale: RATIONALE,
      reportedValue: null,
    });
    await expect(submitAssessment(analyst, { pledgeId: id, version: v })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "ASSESSMENT_STALE",
    });
    const sub = await submitAssessment(analyst, { pledgeId: id, version: s.version });
    await expect(
      approveAssessment(reviewer, { pledgeId: id, version: s.version }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      returnAssessment(reviewer, { pledgeId: id, version: s.version, comment: "x" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      assignPledge(analyst, { pledgeId: id, version: s.version, assigneeId: analyst.id }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await row(id)).version).toBe(sub.version);
  });
});

describe("assignments and comments", () => {
  it("assigns and unassigns with audit events; refuses viewers and disabled users as assignees", async () => {
    const id = freshPledge();
    const v = (await row(id)).version;
    const a = await assignPledge(analyst, { pledgeId: id, version: v, assigneeId: analyst2.id });
    expect((await row(id)).assigneeId).toBe(analyst2.id);
    expect((await listMyAssignments(analyst2.id)).map((x) => x.pledgeId)).toContain(id);
    await expect(
      assignPledge(analyst, { pledgeId: id, version: a.version, assigneeId: viewer.id }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", message: "ASSIGNEE_INVALID" });
    await expect(
      assignPledge(analyst, { pledgeId: id, version: a.version, assigneeId: "nobody" }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", message: "ASSIGNEE_INVALID" });
    const b = await assignPledge(reviewer, { pledgeId: id, version: a.version, assigneeId: null });
    expect((await row(id)).assigneeId).toBeNull();
    expect(b.version).toBe(a.version + 1);
    const evs = await events(id, "pledge.assign");
    expect(evs.map((e) => JSON.parse(e.after!))).toEqual([
      { assigneeId: analyst2.id, assignee: "分析员乙" },
      { assigneeId: null, assignee: null },
    ]);
    expect(JSON.parse(evs[1].before!)).toEqual({ assigneeId: analyst2.id, assignee: "分析员乙" });
  });

  it("comments are listed oldest first with author and role, and recorded", async () => {
    const id = freshPledge();
    await addComment(analyst, { pledgeId: id, body: "第一条" });
    await addComment(reviewer, { pledgeId: id, body: "第二条" });
    const list = await listPledgeComments(reportId, id);
    expect(list.map((c) => [c.body, c.author?.role, c.kind])).toEqual([
      ["第一条", "analyst", "comment"],
      ["第二条", "reviewer", "comment"],
    ]);
    expect(await listPledgeComments("another-report", id)).toEqual([]);
    expect((await events(id, "comment.create")).map((e) => JSON.parse(e.after!).body)).toEqual([
      "第一条",
      "第二条",
    ]);
    await expect(addComment(analyst, { pledgeId: "missing", body: "x" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("getAssessment finds a pledge only through its own report", async () => {
    const id = freshPledge();
    expect(await getAssessment("another-report", id)).toBeNull();
    expect(await getAssessment(reportId, id)).toMatchObject({
      pledgeId: id,
      status: "not_assessed",
      reviewState: "draft",
      assignee: null,
    });
  });
});

describe("bulkUpdate", () => {
  it("changes each pledge in its own transaction and skips those whose state forbids the change", async () => {
    const [draft, returned, submitted, approved, plain] = [
      freshPledge(),
      freshPledge(),
      freshPledge(),
      freshPledge(),
      freshPledge(),
    ];
    // Prepare: one returned, one submitted, one approved.
    for (const id of [returned, submitted, approved]) {
      const s = await saveAssessment(analyst, {
        pledgeId: id,
        version: (await row(id)).version,
        status: "partial",
        rationale: RATIONALE,
        reportedValue: null,
      });
      const sub = await submitAssessment(analyst, { pledgeId: id, version: s.version });
      if (id === returned)
        await returnAssessment(reviewer, { pledgeId: id, version: sub.version, comment: "再看看" });
      if (id === approved)
        await approveAssessment(reviewer, { pledgeId: id, version: sub.version });
    }
    await saveAssessment(analyst, {
      pledgeId: draft,
      version: (await row(draft)).version,
      status: "in_progress",
      rationale: "进行中",
      reportedValue: null,
    });

    const before = await db.auditEvent.count();
    const res = await bulkUpdate(analyst, {
      pledgeIds: [draft, returned, submitted, approved, plain, "missing"],
      status: "fulfilled",
      assigneeId: analyst2.id,
      submit: true,
    });
    // plain has no rationale: a status needs one, so it is skipped as a whole.
    expect(res.updated).toBe(2);
    expect(new Map(res.skipped.map((s) => [s.pledgeId, s.reason]))).toEqual(
      new Map([
        [submitted, "TRANSITION_NOT_ALLOWED"],
        [approved, "TRANSITION_NOT_ALLOWED"],
        [plain, "RATIONALE_REQUIRED"],
        ["missing", "NOT_FOUND"],
      ]),
    );
    for (const id of [draft, returned])
      expect(await row(id)).toMatchObject({
        status: "fulfilled",
        reviewState: "submitted",
        assigneeId: analyst2.id,
        submittedById: analyst.id,
      });
    expect(await row(submitted)).toMatchObject({
      status: "partial",
      reviewState: "submitted",
      assigneeId: null,
    });
    expect(await row(approved)).toMatchObject({
      status: "partial",
      reviewState: "approved",
      assigneeId: null,
    });
    expect(await row(plain)).toMatchObject({ status: "not_assessed", assigneeId: null });
    // Three events (save, assign, submit) for each updated pledge, none for the skipped ones.
    expect(await db.auditEvent.count()).toBe(before + 6);
    const ev = (await events(draft)).slice(-3);
    expect(ev.map((e) => e.action)).toEqual([
      "assessment.save",
      "pledge.assign",
      "assessment.submit",
    ]);
    expect(JSON.parse(ev[0].after!)).toMatchObject({ bulk: true, status: "fulfilled" });
  });

  it("assigns without touching the assessment, and a rationale makes a status valid", async () => {
    const [a, b] = [freshPledge(), freshPledge()];
    const res1 = await bulkUpdate(analyst, { pledgeIds: [a, b], assigneeId: reviewer.id });
    expect(res1).toEqual({ updated: 2, skipped: [] });
    const res2 = await bulkUpdate(analyst, {
      pledgeIds: [a, b],
      status: "not_verifiable",
      rationale: "次年报告未提及。",
    });
    expect(res2).toEqual({ updated: 2, skipped: [] });
    expect(await row(a)).toMatchObject({
      status: "not_verifiable",
      rationale: "次年报告未提及。",
      reviewState: "draft",
      assigneeId: reviewer.id,
    });
  });

  it("a viewer changes nothing", async () => {
    const a = freshPledge();
    const res = await bulkUpdate(viewer, {
      pledgeIds: [a],
      status: "not_assessed",
      assigneeId: analyst.id,
    });
    expect(res.updated).toBe(0);
    expect(res.skipped).toEqual([{ pledgeId: a, reason: "FORBIDDEN" }]);
    expect(await events(a)).toHaveLength(0);
  });
});
