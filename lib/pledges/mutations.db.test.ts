import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { decodeReport } from "@/lib/report/decode";
import { parseReport } from "@/lib/report/parse-report";
import { createReport } from "@/lib/reports/mutations";
import { toStoredStructure } from "@/lib/reports/structure";
import { createUser } from "@/lib/users/mutations";
import { approveAssessment, saveAssessment, submitAssessment } from "@/lib/assessments/mutations";
import { getPairAuditReport } from "@/lib/audit-reports/data";
import { createPledge, deletePledge, mergePledges, splitPledge, updatePledge } from "./mutations";

let n = 0;
const unique = () => `${process.pid}-${Date.now()}-${n++}`;

let actor: { id: string; role: string };

/**
 * A fresh copy of a shipped report (a unique line appended, so its content hash is new and the
 * parsed offsets are unchanged), stored the way the import stores it.
 */
async function importCopy(
  file = "000_44e32f47c74c41aa.txt",
): Promise<{ reportId: string; source: string }> {
  const decoded = decodeReport(
    readFileSync(path.join(process.cwd(), "seed", "reports", "seeds", file)),
    file,
  );
  const parsed = parseReport(decoded.text);
  const source = `${decoded.text}\n${unique()}`;
  const { id } = await createReport(null, {
    meta: {
      region: `测试区${unique()}`,
      level: "district",
      year: 2020,
      title: "测试报告",
      deliveredOn: null,
      speaker: null,
      meeting: null,
      script: parsed.meta.script,
    },
    sourceText: source,
    encoding: decoded.encoding,
    fileName: file,
    body: parsed.body,
    ...toStoredStructure(parsed),
  });
  return { reportId: id, source };
}

async function pledgesOf(reportId: string) {
  return db.pledge.findMany({ where: { reportId }, orderBy: { position: "asc" } });
}

/** Every pledge's text is its slice, spans do not overlap, and list order is source order. */
async function expectInvariants(reportId: string, source: string) {
  const rows = await pledgesOf(reportId);
  for (const [i, p] of rows.entries()) {
    expect(p.text).toBe(source.slice(p.start, p.end));
    if (i > 0) expect(p.start).toBeGreaterThanOrEqual(rows[i - 1].end);
  }
}

beforeAll(async () => {
  const { id } = await createUser(null, {
    email: `pledge-editor-${unique()}@test.local`,
    name: "Editor",
    role: "analyst",
    password: "editor-password",
  });
  actor = { id, role: "analyst" };
});

describe("splitPledge (real database)", () => {
  it("splits at a character, trims punctuation at the cut, keeps text === slice and writes an audit row", async () => {
    const { reportId, source } = await importCopy();
    const rows = await pledgesOf(reportId);
    const target = rows.find((p) => /、/.test(p.text.slice(2, -2)))!;
    const cut = target.text.indexOf("、", 2);
    const at = target.start + cut + 1; // just after the 、: it belongs to neither part
    const res = await splitPledge(actor, {
      reportId,
      pledgeId: target.id,
      version: target.version,
      at,
    });
    expect(res.firstId).toBe(target.id);

    const first = await db.pledge.findUniqueOrThrow({ where: { id: res.firstId } });
    const second = await db.pledge.findUniqueOrThrow({ where: { id: res.secondId } });
    expect(first.text).toBe(target.text.slice(0, cut));
    expect(second.text).toBe(target.text.slice(cut + 1));
    expect(first.end).toBe(target.start + cut);
    expect(second.start).toBe(target.start + cut + 1);
    expect(second.end).toBe(target.end);
    expect(first.version).toBe(target.version + 1);
    expect(second.sectionId).toBe(target.sectionId);
    expect(second.topic).toBe(target.topic);
    expect(second.position).toBe(first.position + 1);
    expect(second.searchText).toBe(second.text);
    await expectInvariants(reportId, source);

    const event = await db.auditEvent.findFirstOrThrow({
      where: { pledgeId: target.id, action: "pledge.split" },
    });
    expect(event.actorId).toBe(actor.id);
    expect(event.reportId).toBe(reportId);
    expect(JSON.parse(event.before!)).toMatchObject({ text: target.text });
    expect(JSON.parse(event.after!)).toMatchObject({
      first: { text: first.text },
      second: { text: second.text },
    });
  });

  it("re-parses the target of each part", async () => {
    const { reportId } = await importCopy();
    const rows = await pledgesOf(reportId);
    // A policy pledge followed by a quantitative one, merged and then split back: the target follows the text.
    const i = rows.findIndex(
      (p, k) =>
        k + 1 < rows.length &&
        p.kind !== "quantitative" &&
        rows[k + 1].targetValue !== null &&
        rows[k + 1].sectionId === p.sectionId,
    );
    const [a, b] = [rows[i], rows[i + 1]];
    const merged = await mergePledges(actor, {
      reportId,
      pledgeId: a.id,
      version: a.version,
      nextPledgeId: b.id,
      nextVersion: b.version,
    });
    const m = await db.pledge.findUniqueOrThrow({ where: { id: merged.id } });
    expect(m.kind).toBe("quantitative");
    const split = await splitPledge(actor, {
      reportId,
      pledgeId: m.id,
      version: m.version,
      at: b.start,
    });
    const first = await db.pledge.findUniqueOrThrow({ where: { id: split.firstId } });
    const second = await db.pledge.findUniqueOrThrow({ where: { id: split.secondId } });
    expect(first.text).toBe(a.text);
    expect(first.targetValue).toBeNull();
    expect(second.text).toBe(b.text);
    expect(second.kind).toBe("quantitative");
    expect(second.targetValue).toBe(b.targetValue);
    expect(second.targetUnit).toBe(b.targetUnit);
  });

  it("refuses a stale version with CONFLICT and changes nothing", async () => {
    const { reportId } = await importCopy();
    const [p] = await pledgesOf(reportId);
    await updatePledge(actor, {
      reportId,
      pledgeId: p.id,
      version: p.version,
      kind: p.kind === "policy" ? "project" : "policy",
    });
    await expect(
      splitPledge(actor, { reportId, pledgeId: p.id, version: p.version, at: p.start + 2 }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: "PLEDGE_STALE" });
    expect(await db.pledge.count({ where: { reportId } })).toBe((await pledgesOf(reportId)).length);
    const after = await db.pledge.findUniqueOrThrow({ where: { id: p.id } });
    expect(after.end).toBe(p.end);
    expect(await db.auditEvent.count({ where: { pledgeId: p.id, action: "pledge.split" } })).toBe(
      0,
    );
  });

  it("refuses a cut at the edge or one that leaves only punctuation", async () => {
    const { reportId } = await importCopy();
    const [p] = await pledgesOf(reportId);
    await expect(
      splitPledge(actor, { reportId, pledgeId: p.id, version: p.version, at: p.start }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", message: "SPLIT_POINT_INVALID" });
    await expect(
      splitPledge(actor, { reportId, pledgeId: p.id, version: p.version, at: p.end + 5 }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });

  it("finds nothing when the pledge belongs to another report (ids are never trusted)", async () => {
    const one = await importCopy();
    const other = await importCopy("003_6c455b50551dc8b5.txt");
    const [p] = await pledgesOf(one.reportId);
    await expect(
      splitPledge(actor, {
        reportId: other.reportId,
        pledgeId: p.id,
        version: p.version,
        at: p.start + 2,
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      deletePledge(actor, { reportId: other.reportId, pledgeId: p.id, version: p.version }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.pledge.findUnique({ where: { id: p.id } })).not.toBeNull();
  });
});

describe("mergePledges (real database)", () => {
  it("merges with the next pledge: span first.start → second.end, text = slice, evidence and comments move", async () => {
    const { reportId, source } = await importCopy();
    const rows = await pledgesOf(reportId);
    const i = rows.findIndex(
      (p, k) =>
        k + 1 < rows.length && rows[k + 1].sectionId === p.sectionId && p.sectionId !== null,
    );
    const [a, b] = [rows[i], rows[i + 1]];
    await db.evidence.create({
      data: { pledgeId: b.id, kind: "external", quote: "引文", url: "https://example.org" },
    });
    await db.comment.create({ data: { pledgeId: b.id, body: "评论" } });

    const res = await mergePledges(actor, {
      reportId,
      pledgeId: a.id,
      version: a.version,
      nextPledgeId: b.id,
      nextVersion: b.version,
    });
    expect(res.id).toBe(a.id);
    const merged = await db.pledge.findUniqueOrThrow({ where: { id: a.id } });
    expect(merged.start).toBe(a.start);
    expect(merged.end).toBe(b.end);
    expect(merged.text).toBe(source.slice(a.start, b.end));
    expect(merged.version).toBe(a.version + 1);
    expect(await db.pledge.findUnique({ where: { id: b.id } })).toBeNull();
    expect(await db.evidence.count({ where: { pledgeId: a.id } })).toBe(1);
    expect(await db.comment.count({ where: { pledgeId: a.id } })).toBe(1);
    await expectInvariants(reportId, source);

    const event = await db.auditEvent.findFirstOrThrow({
      where: { pledgeId: a.id, action: "pledge.merge" },
    });
    expect(JSON.parse(event.before!)).toMatchObject({
      first: { id: a.id },
      second: { id: b.id, text: b.text },
    });
    expect(JSON.parse(event.after!)).toMatchObject({ text: merged.text });
  });

  it("refuses a pledge that is not the next one, and a stale version of either", async () => {
    const { reportId } = await importCopy();
    const rows = await pledgesOf(reportId);
    const i = rows.findIndex(
      (p, k) =>
        k + 2 < rows.length && rows[k + 2].sectionId === p.sectionId && p.sectionId !== null,
    );
    const [a, b, c] = [rows[i], rows[i + 1], rows[i + 2]];
    await expect(
      mergePledges(actor, {
        reportId,
        pledgeId: a.id,
        version: a.version,
        nextPledgeId: c.id,
        nextVersion: c.version,
      }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", message: "MERGE_NOT_NEXT" });
    await expect(
      mergePledges(actor, {
        reportId,
        pledgeId: b.id,
        version: b.version,
        nextPledgeId: a.id,
        nextVersion: a.version,
      }),
    ).rejects.toMatchObject({ message: "MERGE_NOT_NEXT" });
    await expect(
      mergePledges(actor, {
        reportId,
        pledgeId: a.id,
        version: a.version,
        nextPledgeId: b.id,
        nextVersion: b.version + 1,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db.pledge.count({ where: { id: { in: [a.id, b.id, c.id] } } })).toBe(3);
  });
});

describe("updatePledge and deletePledge (real database)", () => {
  it("changes kind and target, clears the target, and records before/after", async () => {
    const { reportId } = await importCopy();
    const [p] = await pledgesOf(reportId);
    const res = await updatePledge(actor, {
      reportId,
      pledgeId: p.id,
      version: p.version,
      kind: "quantitative",
      target: { value: 1, valueMax: 2, unit: "个", comparator: ">=", growth: false },
    });
    expect(res.version).toBe(p.version + 1);
    const after = await db.pledge.findUniqueOrThrow({ where: { id: p.id } });
    expect(after).toMatchObject({
      kind: "quantitative",
      targetValue: 1,
      targetValueMax: 2,
      targetUnit: "个",
      targetComparator: ">=",
      text: p.text,
      start: p.start,
      end: p.end,
    });
    const event = await db.auditEvent.findFirstOrThrow({
      where: { pledgeId: p.id, action: "pledge.update" },
    });
    expect(JSON.parse(event.before!)).toMatchObject({ kind: p.kind });
    expect(JSON.parse(event.after!)).toMatchObject({
      kind: "quantitative",
      target: { value: 1, valueMax: 2, unit: "个" },
    });

    await updatePledge(actor, { reportId, pledgeId: p.id, version: res.version, target: null });
    const cleared = await db.pledge.findUniqueOrThrow({ where: { id: p.id } });
    expect(cleared).toMatchObject({
      targetValue: null,
      targetValueMax: null,
      targetUnit: null,
      targetComparator: null,
      targetGrowth: false,
      version: res.version + 1,
    });

    // The first save's version is stale now.
    await expect(
      updatePledge(actor, { reportId, pledgeId: p.id, version: res.version, kind: "policy" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("deletes at the version read, with an audit row; a stale delete is refused", async () => {
    const { reportId } = await importCopy();
    const [p, q] = await pledgesOf(reportId);
    await deletePledge(actor, { reportId, pledgeId: p.id, version: p.version });
    expect(await db.pledge.findUnique({ where: { id: p.id } })).toBeNull();
    const event = await db.auditEvent.findFirstOrThrow({
      where: { pledgeId: p.id, action: "pledge.delete" },
    });
    expect(JSON.parse(event.before!)).toMatchObject({ id: p.id, text: p.text });
    await expect(
      deletePledge(actor, { reportId, pledgeId: q.id, version: q.version + 3 }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db.pledge.findUnique({ where: { id: q.id } })).not.toBeNull();
  });
});

describe("createPledge (real database)", () => {
  it("adds a pledge over a selection, trimmed, with text = slice, section, target and an audit row", async () => {
    const { reportId, source } = await importCopy();
    const rows = await pledgesOf(reportId);
    // Take a quantitative pledge out, then add it back from a sloppy selection around it.
    const q = rows.find((p) => p.targetValue !== null && p.sectionId !== null && p.topic !== null)!;
    await deletePledge(actor, { reportId, pledgeId: q.id, version: q.version });
    const { id } = await createPledge(actor, { reportId, start: q.start - 1, end: q.end + 1 });
    const added = await db.pledge.findUniqueOrThrow({ where: { id } });
    expect(source.slice(q.start - 1, q.end + 1)).not.toBe(added.text);
    expect(added.start).toBe(q.start);
    expect(added.end).toBe(q.end);
    expect(added.text).toBe(source.slice(added.start, added.end));
    expect(added.sectionId).toBe(q.sectionId);
    expect(added.topic).toBe(q.topic);
    expect(added.kind).toBe("quantitative");
    expect(added.targetValue).toBe(q.targetValue);
    expect(added.targetComparator).toBe(q.targetComparator);
    expect(added.position).toBeLessThan(rows[rows.indexOf(q) + 1].position + 1);
    await expectInvariants(reportId, source);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { pledgeId: id, action: "pledge.create" },
    });
    expect(JSON.parse(event.after!)).toMatchObject({
      text: added.text,
      requested: { start: q.start - 1, end: q.end + 1 },
    });
  });

  it("adds a pledge in the review, inside the innermost section", async () => {
    const { reportId, source } = await importCopy();
    const sub = await db.section.findFirstOrThrow({
      where: { reportId, kind: "subsection", parent: { kind: "review" } },
      orderBy: { position: "asc" },
    });
    const start = sub.start + sub.heading.length + 1;
    const { id } = await createPledge(actor, { reportId, start, end: start + 30 });
    const added = await db.pledge.findUniqueOrThrow({ where: { id } });
    expect(added.sectionId).toBe(sub.id);
    expect(added.text).toBe(source.slice(added.start, added.end));
    await expectInvariants(reportId, source);
  });

  it("parses the target of a traditional-script selection, and keeps a simplified search text", async () => {
    const { reportId, source } = await importCopy("002_f43de3d8f036b3c9.txt");
    const phrase = "社會投資類建設工程項目審批不超過65個工作日";
    const start = source.indexOf(phrase);
    expect(start).toBeGreaterThan(0);
    const { id } = await createPledge(actor, { reportId, start, end: start + phrase.length });
    const added = await db.pledge.findUniqueOrThrow({ where: { id } });
    expect(added.text).toBe(phrase);
    expect(added.searchText).toBe("社会投资类建设工程项目审批不超过65个工作日");
    expect(added).toMatchObject({
      kind: "quantitative",
      targetValue: 65,
      targetUnit: "个工作日",
      targetComparator: "<=",
    });
  });

  it("refuses an overlap, naming the pledge it overlaps", async () => {
    const { reportId } = await importCopy();
    const rows = await pledgesOf(reportId);
    const p = rows[5];
    const before = rows.length;
    await expect(
      createPledge(actor, { reportId, start: p.start + 1, end: p.end + 3 }),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: "PLEDGE_OVERLAP",
      details: { pledgeId: p.id, text: p.text },
    });
    expect(await db.pledge.count({ where: { reportId } })).toBe(before);
  });

  it("refuses spans outside the text, empty after trimming, or too long", async () => {
    const { reportId, source } = await importCopy();
    await expect(
      createPledge(actor, { reportId, start: source.length - 2, end: source.length + 10 }),
    ).rejects.toMatchObject({ message: "SPAN_INVALID" });
    const ws = source.indexOf("\n");
    await expect(createPledge(actor, { reportId, start: ws, end: ws + 1 })).rejects.toMatchObject({
      message: "SPAN_EMPTY",
    });
    await expect(createPledge(actor, { reportId, start: 0, end: 2500 })).rejects.toMatchObject({
      message: "PLEDGE_TOO_LONG",
    });
    await expect(
      createPledge(actor, { reportId: "no-such-report", start: 0, end: 5 }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("an approved verdict does not survive a change of what it rests on (security finding 3)", () => {
  let writer: { id: string; role: string };
  let reviewer: { id: string; role: string };

  beforeAll(async () => {
    writer = {
      id: (
        await createUser(null, {
          email: `verdict-writer-${unique()}@test.local`,
          name: "Writer",
          role: "analyst",
          password: "writer-password",
        })
      ).id,
      role: "analyst",
    };
    reviewer = {
      id: (
        await createUser(null, {
          email: `verdict-reviewer-${unique()}@test.local`,
          name: "Reviewer",
          role: "reviewer",
          password: "reviewer-password",
        })
      ).id,
      role: "reviewer",
    };
  });

  /** Writes, submits and approves a verdict on a pledge, as an analyst and a reviewer would. */
  async function approve(pledgeId: string, status: "fulfilled" | "unfulfilled" = "fulfilled") {
    const v = (await db.pledge.findUniqueOrThrow({ where: { id: pledgeId } })).version;
    const s = await saveAssessment(writer, {
      pledgeId,
      version: v,
      status,
      rationale: "次年报告：已完成。",
      reportedValue: "240亿元",
    });
    const sub = await submitAssessment(writer, { pledgeId, version: s.version });
    await approveAssessment(reviewer, { pledgeId, version: sub.version });
    const p = await db.pledge.findUniqueOrThrow({ where: { id: pledgeId } });
    expect(p.reviewState).toBe("approved");
    return p;
  }

  /** How the approved-only audit counts a pledge, and its approved total. */
  async function approvedAudit(reportId: string, pledgeId: string) {
    const report = (await getPairAuditReport(reportId, {
      approvedOnly: true,
      showNotes: false,
      tiers: "all",
    }))!;
    const pledge = report.groups.flatMap((g) => g.pledges).find((p) => p.id === pledgeId);
    return { approved: report.aggregate.total.approved, counted: pledge?.countedStatus ?? null };
  }

  async function reopenEvents(pledgeId: string) {
    const rows = await db.auditEvent.findMany({
      where: { pledgeId, action: "assessment.reopen" },
      orderBy: [{ at: "asc" }, { id: "asc" }],
    });
    return rows.map((e) => ({
      actorId: e.actorId,
      before: JSON.parse(e.before!),
      after: JSON.parse(e.after!),
    }));
  }

  /** Not approved any more, nothing of the approval left, and one reopen event with the cause. */
  async function expectReopened(pledgeId: string, cause: string) {
    const p = await db.pledge.findUniqueOrThrow({ where: { id: pledgeId } });
    expect(p).toMatchObject({
      reviewState: "draft",
      approvedById: null,
      approvedAt: null,
      submittedById: null,
      submittedAt: null,
    });
    // The verdict itself is kept, as a draft to review again.
    expect(p.status).not.toBe("not_assessed");
    const events = await reopenEvents(pledgeId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorId: actor.id,
      before: { reviewState: "approved", approvedById: reviewer.id },
      after: { reviewState: "draft", cause },
    });
    return p;
  }

  /** Two neighbours of one section, the second unassessed. */
  async function neighbours(reportId: string) {
    const rows = await pledgesOf(reportId);
    const i = rows.findIndex(
      (p, k) =>
        k + 1 < rows.length && rows[k + 1].sectionId === p.sectionId && p.sectionId !== null,
    );
    return [rows[i], rows[i + 1]] as const;
  }

  it("(a) merging an approved pledge with the next reopens it, and the approved-only audit stops counting it", async () => {
    const { reportId, source } = await importCopy();
    const [a, b] = await neighbours(reportId);
    await approve(a.id);
    const before = await approvedAudit(reportId, a.id);
    expect(before).toEqual({ approved: 1, counted: "fulfilled" });

    const res = await mergePledges(actor, {
      reportId,
      pledgeId: a.id,
      version: (await db.pledge.findUniqueOrThrow({ where: { id: a.id } })).version,
      nextPledgeId: b.id,
      nextVersion: b.version,
    });
    expect(res).toEqual({ id: a.id, reopened: true });
    const merged = await expectReopened(a.id, "pledge_merged");
    expect(merged.text).toBe(source.slice(a.start, b.end));
    expect((await reopenEvents(a.id))[0].after).toMatchObject({ mergedId: b.id });
    expect(await approvedAudit(reportId, a.id)).toEqual({ approved: 0, counted: "not_assessed" });
  });

  it("(a) a merge never deletes the next pledge's verdict: approved, draft or a bare rationale, it is refused and nothing changes", async () => {
    const { reportId } = await importCopy();
    const [a, b] = await neighbours(reportId);
    const approvedB = await approve(b.id, "unfulfilled");
    const aNow = await db.pledge.findUniqueOrThrow({ where: { id: a.id } });
    const eventsBefore = await db.auditEvent.count({ where: { reportId } });
    await expect(
      mergePledges(actor, {
        reportId,
        pledgeId: a.id,
        version: aNow.version,
        nextPledgeId: b.id,
        nextVersion: approvedB.version,
      }),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: "MERGE_WOULD_LOSE_VERDICT",
    });
    expect(await db.pledge.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({
      status: "unfulfilled",
      reviewState: "approved",
      approvedById: reviewer.id,
    });
    expect(await db.pledge.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({
      end: a.end,
      version: aNow.version,
    });
    expect(await db.auditEvent.count({ where: { reportId } })).toBe(eventsBefore);
    expect(await approvedAudit(reportId, b.id)).toEqual({ approved: 1, counted: "unfulfilled" });

    // A draft verdict, or only a rationale, is a verdict too.
    const { reportId: r2 } = await importCopy();
    const [c, d] = await neighbours(r2);
    const draft = await saveAssessment(writer, {
      pledgeId: d.id,
      version: d.version,
      status: "in_progress",
      rationale: "进行中。",
      reportedValue: null,
    });
    await expect(
      mergePledges(actor, {
        reportId: r2,
        pledgeId: c.id,
        version: c.version,
        nextPledgeId: d.id,
        nextVersion: draft.version,
      }),
    ).rejects.toMatchObject({ message: "MERGE_WOULD_LOSE_VERDICT" });
    const noteOnly = await saveAssessment(writer, {
      pledgeId: d.id,
      version: draft.version,
      status: "not_assessed",
      rationale: "待核实统计公报。",
      reportedValue: null,
    });
    await expect(
      mergePledges(actor, {
        reportId: r2,
        pledgeId: c.id,
        version: c.version,
        nextPledgeId: d.id,
        nextVersion: noteOnly.version,
      }),
    ).rejects.toMatchObject({ message: "MERGE_WOULD_LOSE_VERDICT" });
    // Cleared, it merges; its evidence and comments move over, counted in the audit row.
    const cleared = await saveAssessment(writer, {
      pledgeId: d.id,
      version: noteOnly.version,
      status: "not_assessed",
      rationale: null,
      reportedValue: null,
    });
    await db.evidence.create({
      data: { pledgeId: d.id, kind: "external", quote: "引文", url: "https://example.org" },
    });
    expect(
      await mergePledges(actor, {
        reportId: r2,
        pledgeId: c.id,
        version: c.version,
        nextPledgeId: d.id,
        nextVersion: cleared.version,
      }),
    ).toEqual({ id: c.id, reopened: false });
    const merge = await db.auditEvent.findFirstOrThrow({
      where: { pledgeId: c.id, action: "pledge.merge" },
    });
    expect(JSON.parse(merge.after!)).toMatchObject({ moved: { evidence: 1, comments: 0 } });
  });

  it("(b) splitting an approved pledge reopens the first part; the new second part has no verdict", async () => {
    const { reportId } = await importCopy();
    const rows = await pledgesOf(reportId);
    const target = rows.find((p) => /、/.test(p.text.slice(2, -2)))!;
    const p = await approve(target.id);
    const at = target.start + target.text.indexOf("、", 2) + 1;
    const res = await splitPledge(actor, { reportId, pledgeId: p.id, version: p.version, at });
    expect(res).toMatchObject({ firstId: p.id, reopened: true });
    await expectReopened(p.id, "pledge_split");
    expect((await reopenEvents(p.id))[0].after).toMatchObject({ secondId: res.secondId });
    expect(await db.pledge.findUniqueOrThrow({ where: { id: res.secondId } })).toMatchObject({
      status: "not_assessed",
      rationale: null,
      reportedValue: null,
      reviewState: "draft",
      submittedById: null,
      approvedById: null,
      assessedById: null,
    });
    expect(await approvedAudit(reportId, p.id)).toEqual({ approved: 0, counted: "not_assessed" });
  });

  it("(c) changing the target of an approved pledge (240 亿元 → 0.001 公里) reopens it; the version returned is current", async () => {
    const { reportId } = await importCopy();
    const [first] = await pledgesOf(reportId);
    const p = await approve(first.id);
    const res = await updatePledge(actor, {
      reportId,
      pledgeId: p.id,
      version: p.version,
      target: { value: 0.001, valueMax: null, unit: "公里", comparator: ">=", growth: false },
    });
    expect(res.reopened).toBe(true);
    const after = await expectReopened(p.id, "target_changed");
    expect(after).toMatchObject({ targetValue: 0.001, targetUnit: "公里", version: res.version });
    expect((await reopenEvents(p.id))[0].after).toMatchObject({ fields: ["target"] });
    expect(await approvedAudit(reportId, p.id)).toEqual({ approved: 0, counted: "not_assessed" });
  });

  it("(c) changing only the kind reopens it too; a draft verdict stays a draft with no reopen event", async () => {
    const { reportId } = await importCopy();
    const [first, second] = await pledgesOf(reportId);
    const p = await approve(first.id);
    const res = await updatePledge(actor, {
      reportId,
      pledgeId: p.id,
      version: p.version,
      kind: p.kind === "policy" ? "project" : "policy",
    });
    expect(res.reopened).toBe(true);
    await expectReopened(p.id, "kind_changed");

    const draft = await saveAssessment(writer, {
      pledgeId: second.id,
      version: second.version,
      status: "fulfilled",
      rationale: "草稿。",
      reportedValue: null,
    });
    const res2 = await updatePledge(actor, {
      reportId,
      pledgeId: second.id,
      version: draft.version,
      kind: second.kind === "policy" ? "project" : "policy",
    });
    expect(res2).toEqual({ id: second.id, version: draft.version + 1, reopened: false });
    expect(await reopenEvents(second.id)).toEqual([]);
  });

  it("a submitted verdict is withdrawn by such a change: the reviewer's approve on the old version is refused", async () => {
    const { reportId } = await importCopy();
    const [first] = await pledgesOf(reportId);
    const s = await saveAssessment(writer, {
      pledgeId: first.id,
      version: first.version,
      status: "fulfilled",
      rationale: "已完成。",
      reportedValue: null,
    });
    const sub = await submitAssessment(writer, { pledgeId: first.id, version: s.version });
    await updatePledge(actor, {
      reportId,
      pledgeId: first.id,
      version: sub.version,
      target: null,
      kind: "policy" === first.kind ? "project" : "policy",
    });
    await expect(
      approveAssessment(reviewer, { pledgeId: first.id, version: sub.version }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db.pledge.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({
      reviewState: "draft",
      submittedById: null,
    });
    expect((await reopenEvents(first.id))[0]).toMatchObject({
      before: { reviewState: "submitted", submittedById: writer.id },
    });
  });

  it("deleting a pledge whose verdict is approved is refused; once reopened it may go, and the audit row keeps the verdict", async () => {
    const { reportId } = await importCopy();
    const [first] = await pledgesOf(reportId);
    const p = await approve(first.id, "unfulfilled");
    await expect(
      deletePledge(actor, { reportId, pledgeId: p.id, version: p.version }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", message: "DELETE_WOULD_LOSE_VERDICT" });
    expect(await approvedAudit(reportId, p.id)).toEqual({ approved: 1, counted: "unfulfilled" });
    const edited = await saveAssessment(writer, {
      pledgeId: p.id,
      version: p.version,
      status: "unfulfilled",
      rationale: "误识别的承诺，删除前撤销批准。",
      reportedValue: null,
    });
    expect(edited.reopened).toBe(true);
    await deletePledge(actor, { reportId, pledgeId: p.id, version: edited.version });
    const event = await db.auditEvent.findFirstOrThrow({
      where: { pledgeId: p.id, action: "pledge.delete" },
    });
    expect(JSON.parse(event.before!)).toMatchObject({
      verdict: {
        status: "unfulfilled",
        rationale: "误识别的承诺，删除前撤销批准。",
        reviewState: "draft",
      },
    });
  });
});
