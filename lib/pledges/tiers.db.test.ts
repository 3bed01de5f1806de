import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/app-error";
import { decodeReport } from "@/lib/report/decode";
import { parseReport } from "@/lib/report/parse-report";
import { createReport } from "@/lib/reports/mutations";
import { toStoredStructure } from "@/lib/reports/structure";
import { createUser } from "@/lib/users/mutations";
import {
  addComment,
  approveAssessment,
  bulkUpdate,
  saveAssessment,
  submitAssessment,
} from "@/lib/assessments/mutations";
import {
  adjustPledgeSpan,
  analyseSpan,
  bulkSetPledgesExcluded,
  bulkSetPledgesTier,
  retierPledges,
  setPledgeExcluded,
  setPledgeTier,
  setPledgeTitle,
  splitPledge,
  updatePledge,
} from "./mutations";
import {
  adjustPledgeSpanSchema,
  isSpanEdge,
  setPledgeTierSchema,
  setPledgeTitleSchema,
} from "./schema";
import { nudgeSpan } from "./span-nudge";
import { getPairAuditReport, listAuditPairs } from "@/lib/audit-reports/data";
import { buildAuditCsv, buildAuditJson } from "@/lib/audit-reports/export";
import { createTranslator } from "@/lib/i18n/messages";

// Issue 14: tiers, "not a pledge", span boundaries and titles, on a real database.

let n = 0;
const unique = () => `${process.pid}-${Date.now()}-${n++}`;

let actor: { id: string; role: string };
let writer: { id: string; role: string };
let reviewer: { id: string; role: string };

const HAILAR = path.join(process.cwd(), "seed", "reports", "hailar", "hailar_2014.txt");

/** A fresh copy of Hailar 2014 (a unique line appended: a new content hash, the same offsets), stored as the import stores it. */
async function importCopy(): Promise<{
  reportId: string;
  source: string;
  parsed: ReturnType<typeof parseReport>;
}> {
  const decoded = decodeReport(readFileSync(HAILAR), "hailar_2014.txt");
  const parsed = parseReport(decoded.text);
  const source = `${decoded.text}\n${unique()}`;
  const { id } = await createReport(null, {
    meta: {
      region: `层级测试区${unique()}`,
      level: "district",
      year: 2014,
      title: "层级测试报告",
      deliveredOn: null,
      speaker: null,
      meeting: null,
      script: parsed.meta.script,
    },
    sourceText: source,
    encoding: decoded.encoding,
    fileName: "hailar_2014.txt",
    body: parsed.body,
    ...toStoredStructure(parsed),
  });
  return { reportId: id, source, parsed };
}

const pledgesOf = (reportId: string) =>
  db.pledge.findMany({ where: { reportId }, orderBy: { position: "asc" } });
const byText = async (reportId: string, text: string) =>
  db.pledge.findFirstOrThrow({ where: { reportId, text } });
const events = (pledgeId: string, action: string) =>
  db.auditEvent.findMany({ where: { pledgeId, action }, orderBy: [{ at: "asc" }, { id: "asc" }] });
const parsedEvent = (e: { before: string | null; after: string | null }) => ({
  before: e.before ? JSON.parse(e.before) : null,
  after: e.after ? JSON.parse(e.after) : null,
});

/** The AppError code and message a call fails with. */
async function failure(call: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await call;
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error("expected the call to fail");
}

/** Writes, submits and approves a verdict, as an analyst and a reviewer would; returns the pledge after. */
async function approve(pledgeId: string) {
  const p = await db.pledge.findUniqueOrThrow({ where: { id: pledgeId } });
  const s = await saveAssessment(writer, {
    pledgeId,
    version: p.version,
    status: "fulfilled",
    rationale: "已完成。",
    reportedValue: null,
  });
  const sub = await submitAssessment(writer, { pledgeId, version: s.version });
  await approveAssessment(reviewer, { pledgeId, version: sub.version });
  return db.pledge.findUniqueOrThrow({ where: { id: pledgeId } });
}

async function expectReopened(pledgeId: string, cause: string) {
  const after = await db.pledge.findUniqueOrThrow({ where: { id: pledgeId } });
  expect(after).toMatchObject({
    reviewState: "draft",
    approvedById: null,
    submittedById: null,
    status: "fulfilled",
  });
  const reopen = await events(pledgeId, "assessment.reopen");
  expect(parsedEvent(reopen[reopen.length - 1]).after).toMatchObject({
    reviewState: "draft",
    cause,
  });
  return after;
}

beforeAll(async () => {
  const mk = async (role: "analyst" | "reviewer", name: string) => ({
    id: (
      await createUser(null, {
        email: `tiers-${name}-${unique()}@test.local`,
        name,
        role,
        password: `${name}-password`,
      })
    ).id,
    role,
  });
  actor = await mk("analyst", "editor");
  writer = await mk("analyst", "writer");
  reviewer = await mk("reviewer", "reviewer");
});

describe("import", () => {
  it("stores the parser's tier and reason for every pledge, marked as the parser's", async () => {
    const { reportId, parsed } = await importCopy();
    const rows = await pledgesOf(reportId);
    expect(
      rows.map((p) => [p.start, p.end, p.tier, p.tierReason, p.tierSource, p.excluded, p.title]),
    ).toEqual(
      parsed.pledges.map((p) => [p.start, p.end, p.tier, p.tierReason, "parser", false, null]),
    );
    const trackable = rows.filter((p) => p.tier === "trackable").length;
    expect(trackable).toBeGreaterThan(20);
    expect(trackable).toBeLessThan(rows.length / 2);
  });
});

describe("setPledgeTier", () => {
  it("sets a person's tier with its audit row; the same tier again writes nothing; auto hands it back to the parser", async () => {
    const { reportId } = await importCopy();
    const p = await byText(reportId, "扶持创业企业发展");
    expect(p).toMatchObject({ tier: "direction", tierReason: null, tierSource: "parser" });
    const res = await setPledgeTier(actor, {
      reportId,
      pledgeId: p.id,
      version: p.version,
      tier: "trackable",
      reason: "reform",
    });
    expect(res).toEqual({ id: p.id, version: p.version + 1, reopened: false });
    expect(await db.pledge.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({
      tier: "trackable",
      tierReason: "reform",
      tierSource: "person",
    });
    const [e] = await events(p.id, "pledge.tier");
    expect(e.actorId).toBe(actor.id);
    expect(parsedEvent(e)).toEqual({
      before: { tier: "direction", tierReason: null, tierSource: "parser" },
      after: { tier: "trackable", tierReason: "reform", tierSource: "person" },
    });

    const again = await setPledgeTier(actor, {
      reportId,
      pledgeId: p.id,
      version: res.version,
      tier: "trackable",
      reason: "reform",
    });
    expect(again.version).toBe(res.version);
    expect(await events(p.id, "pledge.tier")).toHaveLength(1);

    const auto = await setPledgeTier(actor, {
      reportId,
      pledgeId: p.id,
      version: res.version,
      tier: "auto",
    });
    expect(await db.pledge.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({
      tier: "direction",
      tierReason: null,
      tierSource: "parser",
      version: auto.version,
    });
  });

  it("refuses a stale version, a pledge of another report and bad input", async () => {
    const { reportId } = await importCopy();
    const other = await importCopy();
    const [p] = await pledgesOf(reportId);
    expect(
      await failure(
        setPledgeTier(actor, {
          reportId,
          pledgeId: p.id,
          version: p.version + 1,
          tier: "direction",
        }),
      ),
    ).toEqual({ code: "CONFLICT", message: "PLEDGE_STALE" });
    expect(
      (
        await failure(
          setPledgeTier(actor, {
            reportId: other.reportId,
            pledgeId: p.id,
            version: p.version,
            tier: "direction",
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    expect(await db.pledge.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({
      tier: p.tier,
      version: p.version,
    });
    expect(
      setPledgeTierSchema.safeParse({
        reportId,
        pledgeId: p.id,
        version: 1,
        tier: "direction",
        reason: "target",
      }).success,
    ).toBe(false);
    expect(
      setPledgeTierSchema.safeParse({ reportId, pledgeId: p.id, version: 1, tier: "important" })
        .success,
    ).toBe(false);
    expect(
      setPledgeTierSchema.safeParse({
        reportId,
        pledgeId: p.id,
        version: 1,
        tier: "trackable",
        reason: "hunch",
      }).success,
    ).toBe(false);
  });

  it("reopens an approved verdict when the tier changes (tier_changed), not when only a reason is confirmed", async () => {
    const { reportId } = await importCopy();
    const p = await approve((await byText(reportId, "入园企业达到14家")).id);
    const same = await setPledgeTier(actor, {
      reportId,
      pledgeId: p.id,
      version: p.version,
      tier: "trackable",
    });
    expect(same.reopened).toBe(false);
    expect(await db.pledge.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({
      reviewState: "approved",
      tierSource: "person",
    });
    const res = await setPledgeTier(actor, {
      reportId,
      pledgeId: p.id,
      version: same.version,
      tier: "direction",
    });
    expect(res.reopened).toBe(true);
    const after = await expectReopened(p.id, "tier_changed");
    expect(after).toMatchObject({ tier: "direction", tierReason: null, version: res.version });
  });

  it("a person's tier survives a moved boundary, a split and a new target; the parser's is re-derived", async () => {
    const { reportId, source } = await importCopy();
    const p = await byText(reportId, "力争年末，完成投资2.5亿元");
    expect(p).toMatchObject({ tier: "trackable", tierReason: "target" });
    // The parser's tier follows the text: without its figure it is a direction.
    const shrunk = nudgeSpan(source, p, "end", "-clause")!;
    expect(source.slice(shrunk.start, shrunk.end)).toBe("力争年末");
    const moved = await adjustPledgeSpan(actor, {
      reportId,
      pledgeId: p.id,
      version: p.version,
      ...shrunk,
    });
    expect(await db.pledge.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({
      text: "力争年末",
      tier: "direction",
      tierReason: null,
      targetValue: null,
      tierSource: "parser",
    });

    // A person says trackable: moving the boundary back, splitting and changing the target keep it.
    const set = await setPledgeTier(actor, {
      reportId,
      pledgeId: p.id,
      version: moved.version,
      tier: "trackable",
      reason: "date",
    });
    const back = await adjustPledgeSpan(actor, {
      reportId,
      pledgeId: p.id,
      version: set.version,
      start: p.start,
      end: p.end,
    });
    expect(await db.pledge.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({
      text: "力争年末，完成投资2.5亿元",
      targetValue: 2.5,
      tier: "trackable",
      tierReason: "date",
      tierSource: "person",
    });
    const upd = await updatePledge(actor, {
      reportId,
      pledgeId: p.id,
      version: back.version,
      target: null,
    });
    expect(await db.pledge.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({
      targetValue: null,
      tier: "trackable",
      tierReason: "date",
      tierSource: "person",
      version: upd.version,
    });
    const split = await splitPledge(actor, {
      reportId,
      pledgeId: p.id,
      version: upd.version,
      at: p.start + "力争年末".length,
    });
    expect(await db.pledge.findUniqueOrThrow({ where: { id: split.firstId } })).toMatchObject({
      text: "力争年末",
      tier: "trackable",
      tierSource: "person",
    });
    const second = await db.pledge.findUniqueOrThrow({ where: { id: split.secondId } });
    expect(second).toMatchObject({
      text: "完成投资2.5亿元",
      tier: "trackable",
      tierReason: "target",
      tierSource: "parser",
    });
  });

  it("a new target re-derives the parser's tier (a direction with a figure becomes trackable)", async () => {
    const { reportId } = await importCopy();
    const p = await byText(reportId, "扶持创业企业发展");
    const res = await updatePledge(actor, {
      reportId,
      pledgeId: p.id,
      version: p.version,
      target: { value: 300, valueMax: null, unit: "家", comparator: ">=", growth: false },
    });
    expect(await db.pledge.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({
      tier: "trackable",
      tierReason: "count",
      version: res.version,
    });
  });
});

describe("setPledgeExcluded (not a pledge)", () => {
  it("marks and restores with who and when, audited; evidence of work stays on the pledge", async () => {
    const { reportId } = await importCopy();
    const p = await byText(reportId, "扶持创业企业发展");
    const draft = await saveAssessment(writer, {
      pledgeId: p.id,
      version: p.version,
      status: "in_progress",
      rationale: "草稿。",
      reportedValue: null,
    });
    const res = await setPledgeExcluded(actor, {
      reportId,
      pledgeId: p.id,
      version: draft.version,
      excluded: true,
    });
    const after = await db.pledge.findUniqueOrThrow({ where: { id: p.id } });
    expect(after).toMatchObject({
      excluded: true,
      excludedById: actor.id,
      status: "in_progress",
      rationale: "草稿。",
      version: res.version,
    });
    expect(after.excludedAt).toBeInstanceOf(Date);
    expect(parsedEvent((await events(p.id, "pledge.exclude"))[0])).toEqual({
      before: { excluded: false },
      after: { excluded: true },
    });

    // An excluded pledge counts nowhere: its verdict cannot go to review.
    expect(
      await failure(submitAssessment(writer, { pledgeId: p.id, version: res.version })),
    ).toEqual({ code: "INVALID_INPUT", message: "PLEDGE_EXCLUDED" });

    const restored = await setPledgeExcluded(actor, {
      reportId,
      pledgeId: p.id,
      version: res.version,
      excluded: false,
    });
    expect(await db.pledge.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({
      excluded: false,
      excludedById: null,
      excludedAt: null,
      status: "in_progress",
      version: restored.version,
    });
    expect(await events(p.id, "pledge.restore")).toHaveLength(1);
    const again = await setPledgeExcluded(actor, {
      reportId,
      pledgeId: p.id,
      version: restored.version,
      excluded: false,
    });
    expect(again.version).toBe(restored.version);
  });

  it("refuses a pledge whose verdict is submitted or approved, a stale version and another report's pledge", async () => {
    const { reportId } = await importCopy();
    const other = await importCopy();
    const [a, b, c] = await pledgesOf(reportId);
    const approved = await approve(a.id);
    expect(
      await failure(
        setPledgeExcluded(actor, {
          reportId,
          pledgeId: a.id,
          version: approved.version,
          excluded: true,
        }),
      ),
    ).toEqual({ code: "INVALID_INPUT", message: "EXCLUDE_WOULD_DROP_VERDICT" });
    const s = await saveAssessment(writer, {
      pledgeId: b.id,
      version: b.version,
      status: "partial",
      rationale: "部分。",
      reportedValue: null,
    });
    const sub = await submitAssessment(writer, { pledgeId: b.id, version: s.version });
    expect(
      (
        await failure(
          setPledgeExcluded(actor, {
            reportId,
            pledgeId: b.id,
            version: sub.version,
            excluded: true,
          }),
        )
      ).message,
    ).toBe("EXCLUDE_WOULD_DROP_VERDICT");
    expect(
      await failure(
        setPledgeExcluded(actor, {
          reportId,
          pledgeId: c.id,
          version: c.version + 3,
          excluded: true,
        }),
      ),
    ).toEqual({ code: "CONFLICT", message: "PLEDGE_STALE" });
    expect(
      (
        await failure(
          setPledgeExcluded(actor, {
            reportId: other.reportId,
            pledgeId: c.id,
            version: c.version,
            excluded: true,
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    expect((await pledgesOf(reportId)).filter((p) => p.excluded)).toEqual([]);
    expect(await db.pledge.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({
      reviewState: "approved",
    });
  });

  it("in bulk: each pledge on its own, refusals and other reports' ids skipped with the reason; and back", async () => {
    const { reportId } = await importCopy();
    const other = await importCopy();
    const rows = await pledgesOf(reportId);
    const approved = await approve(rows[0].id);
    const [foreign] = await pledgesOf(other.reportId);
    const ids = [rows[0].id, rows[1].id, rows[2].id, rows[3].id, foreign.id, rows[1].id];
    const res = await bulkSetPledgesExcluded(actor, { reportId, pledgeIds: ids, excluded: true });
    expect(res.updated).toBe(3);
    expect(res.skipped).toEqual([
      { pledgeId: rows[0].id, reason: "EXCLUDE_WOULD_DROP_VERDICT" },
      { pledgeId: foreign.id, reason: "NOT_FOUND" },
    ]);
    expect((await pledgesOf(reportId)).filter((p) => p.excluded).map((p) => p.id)).toEqual([
      rows[1].id,
      rows[2].id,
      rows[3].id,
    ]);
    expect(await db.pledge.findUniqueOrThrow({ where: { id: foreign.id } })).toMatchObject({
      excluded: false,
      version: foreign.version,
    });
    expect(await db.pledge.findUniqueOrThrow({ where: { id: approved.id } })).toMatchObject({
      excluded: false,
      reviewState: "approved",
    });
    expect(parsedEvent((await events(rows[2].id, "pledge.exclude"))[0]).after).toEqual({
      excluded: true,
      bulk: true,
    });

    const back = await bulkSetPledgesExcluded(actor, {
      reportId,
      pledgeIds: [rows[1].id, rows[2].id, rows[3].id, rows[4].id],
      excluded: false,
    });
    expect(back).toEqual({ updated: 3, skipped: [] });
    expect((await pledgesOf(reportId)).filter((p) => p.excluded)).toEqual([]);
  });

  it("bulk tier: sets a person's tier; pledges whose reviewed verdict it would reopen are skipped, not reopened", async () => {
    const { reportId } = await importCopy();
    const other = await importCopy();
    const rows = (await pledgesOf(reportId)).filter((p) => p.tier === "trackable").slice(0, 3);
    const approved = await approve(rows[0].id);
    const [foreign] = await pledgesOf(other.reportId);
    const res = await bulkSetPledgesTier(actor, {
      reportId,
      pledgeIds: [...rows.map((p) => p.id), foreign.id],
      tier: "direction",
    });
    expect(res).toEqual({
      updated: 2,
      skipped: [
        { pledgeId: rows[0].id, reason: "BULK_WOULD_REOPEN" },
        { pledgeId: foreign.id, reason: "NOT_FOUND" },
      ],
    });
    expect(await db.pledge.findUniqueOrThrow({ where: { id: approved.id } })).toMatchObject({
      tier: "trackable",
      reviewState: "approved",
    });
    for (const p of rows.slice(1))
      expect(await db.pledge.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({
        tier: "direction",
        tierReason: null,
        tierSource: "person",
      });
    expect(parsedEvent((await events(rows[1].id, "pledge.tier"))[0]).after).toMatchObject({
      tier: "direction",
      bulk: true,
    });
  });
});

describe("adjustPledgeSpan", () => {
  it("moves a boundary to the next clause: text is the exact slice, target, kind and tier re-derived, audited", async () => {
    const { reportId, source } = await importCopy();
    const p = await byText(reportId, "扶持创业企业发展");
    const next = nudgeSpan(source, p, "end", "+clause")!;
    const res = await adjustPledgeSpan(actor, {
      reportId,
      pledgeId: p.id,
      version: p.version,
      ...next,
    });
    const after = await db.pledge.findUniqueOrThrow({ where: { id: p.id } });
    expect(after.text).toBe("扶持创业企业发展，使创业成为解决就业的主渠道");
    expect(after.text).toBe(source.slice(after.start, after.end));
    expect(after).toMatchObject({
      start: res.start,
      end: res.end,
      version: res.version,
      searchText: after.text,
    });
    const derived = analyseSpan(source, "simplified", after.start, after.end);
    expect(after).toMatchObject({
      kind: derived.kind,
      tier: derived.tier,
      tierReason: derived.tierReason,
      targetValue: derived.targetValue,
    });
    const [e] = await events(p.id, "pledge.span");
    expect(e.actorId).toBe(actor.id);
    expect(parsedEvent(e)).toMatchObject({
      before: { start: p.start, end: p.end, text: p.text },
      after: { start: after.start, end: after.end, text: after.text },
    });
  });

  it("trims whitespace and punctuation at the edges; the same span again writes nothing", async () => {
    const { reportId, source } = await importCopy();
    const p = await byText(reportId, "扶持创业企业发展");
    const res = await adjustPledgeSpan(actor, {
      reportId,
      pledgeId: p.id,
      version: p.version,
      start: p.start,
      end: p.end + 1,
    });
    expect(res).toMatchObject({ start: p.start, end: p.end, version: p.version });
    expect(source[p.end]).toBe("，");
    expect(await events(p.id, "pledge.span")).toEqual([]);
  });

  it("refuses overlaps, spans outside the report or its section, empty or disjoint spans, stale versions and other reports' pledges", async () => {
    const { reportId, source } = await importCopy();
    const other = await importCopy();
    const rows = await pledgesOf(reportId);
    const p = await byText(reportId, "实行专人负责");
    const i = rows.findIndex((x) => x.id === p.id);
    const neighbour = rows[i + 1];
    const code = async (input: {
      start: number;
      end: number;
      version?: number;
      reportId?: string;
    }) =>
      failure(
        adjustPledgeSpan(actor, {
          reportId: input.reportId ?? reportId,
          pledgeId: p.id,
          version: input.version ?? p.version,
          start: input.start,
          end: input.end,
        }),
      );

    expect(await code({ start: p.start, end: neighbour.start + 2 })).toEqual({
      code: "INVALID_INPUT",
      message: "PLEDGE_OVERLAP",
    });
    expect(await code({ start: p.start, end: source.length + 5 })).toEqual({
      code: "INVALID_INPUT",
      message: "SPAN_INVALID",
    });
    // The copy's last line (after the report body) is not part of the report.
    expect(await code({ start: source.length - 3, end: source.length })).toEqual({
      code: "INVALID_INPUT",
      message: "SPAN_OUTSIDE_REPORT",
    });
    expect(await code({ start: 0, end: p.end })).toEqual({
      code: "INVALID_INPUT",
      message: "PLEDGE_TOO_LONG",
    });
    expect(await code({ start: p.end, end: p.end + 1 })).toEqual({
      code: "INVALID_INPUT",
      message: "SPAN_EMPTY",
    });
    expect(await code({ start: neighbour.end + 2, end: neighbour.end + 6 })).toEqual({
      code: "INVALID_INPUT",
      message: "SPAN_DISJOINT",
    });
    expect(await code({ start: p.start, end: p.end - 1, version: p.version + 1 })).toEqual({
      code: "CONFLICT",
      message: "PLEDGE_STALE",
    });
    expect((await code({ start: p.start, end: p.end - 1, reportId: other.reportId })).code).toBe(
      "NOT_FOUND",
    );
    expect(
      adjustPledgeSpanSchema.safeParse({ reportId, pledgeId: p.id, version: 1, start: 9, end: 3 })
        .success,
    ).toBe(false);

    // The first pledge of a section cannot reach back over its start into the text before it.
    const sections = await db.section.findMany({ where: { reportId, kind: { not: "topic" } } });
    let reached: { pledge: (typeof rows)[number]; start: number } | null = null;
    for (const [k, x] of rows.entries()) {
      const sec = sections.find((s) => s.id === x.sectionId);
      if (!sec || k === 0 || rows[k - 1].sectionId === x.sectionId) continue;
      for (let j = sec.start - 1; j >= Math.max(rows[k - 1].end, sec.start - 40) && !reached; j--)
        if (!isSpanEdge(source[j])) reached = { pledge: x, start: j };
      if (reached) break;
    }
    expect(reached).not.toBeNull();
    const { pledge: first, start } = reached!;
    expect(
      await failure(
        adjustPledgeSpan(actor, {
          reportId,
          pledgeId: first.id,
          version: first.version,
          start,
          end: first.end,
        }),
      ),
    ).toEqual({ code: "INVALID_INPUT", message: "SPAN_OUTSIDE_SECTION" });
    expect(await db.pledge.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({
      start: p.start,
      end: p.end,
      version: p.version,
    });
  });

  it("reopens a submitted or approved verdict (span_changed)", async () => {
    const { reportId, source } = await importCopy();
    const p = await approve((await byText(reportId, "扶持创业企业发展")).id);
    const res = await adjustPledgeSpan(actor, {
      reportId,
      pledgeId: p.id,
      version: p.version,
      ...nudgeSpan(source, p, "end", "+clause")!,
    });
    expect(res.reopened).toBe(true);
    expect(await expectReopened(p.id, "span_changed")).toMatchObject({ version: res.version });
  });
});

describe("setPledgeTitle", () => {
  it("sets, trims and clears a title, audited, without touching the verdict", async () => {
    const { reportId } = await importCopy();
    const p = await approve((await byText(reportId, "扶持创业企业发展")).id);
    const res = await setPledgeTitle(actor, {
      reportId,
      pledgeId: p.id,
      version: p.version,
      title: "扶持创业企业",
    });
    expect(await db.pledge.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({
      title: "扶持创业企业",
      reviewState: "approved",
      text: p.text,
      version: res.version,
    });
    expect(parsedEvent((await events(p.id, "pledge.title"))[0])).toEqual({
      before: { title: null },
      after: { title: "扶持创业企业" },
    });
    const parsed = setPledgeTitleSchema.parse({
      reportId,
      pledgeId: p.id,
      version: res.version,
      title: "   ",
    });
    expect(parsed.title).toBeNull();
    const cleared = await setPledgeTitle(actor, parsed);
    expect(await db.pledge.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({
      title: null,
      version: cleared.version,
    });
    expect(
      setPledgeTitleSchema.safeParse({
        reportId,
        pledgeId: p.id,
        version: 1,
        title: "长".repeat(61),
      }).error?.issues[0].message,
    ).toBe("TITLE_TOO_LONG");
    expect(
      setPledgeTitleSchema.safeParse({ reportId, pledgeId: p.id, version: 1, title: "两行\n标题" })
        .error?.issues[0].message,
    ).toBe("TITLE_INVALID");
    expect(
      setPledgeTitleSchema.parse({ reportId, pledgeId: p.id, version: 1, title: "  新建公园  " })
        .title,
    ).toBe("新建公园");
    expect(
      await failure(
        setPledgeTitle(actor, { reportId, pledgeId: p.id, version: res.version, title: "旧版本" }),
      ),
    ).toEqual({ code: "CONFLICT", message: "PLEDGE_STALE" });
  });
});

describe("retierPledges (the data step of the tier migration)", () => {
  it("re-derives tiers carried over from the kind, keeps a person's, marks untouched non-pledges excluded, and is idempotent", async () => {
    const { reportId, source, parsed } = await importCopy();
    // The state the migration leaves: tier from the kind, tierSource "kind"; one person's tier.
    await db.$executeRawUnsafe(
      `UPDATE "Pledge" SET "tierSource" = 'kind', "tier" = CASE WHEN "kind" IN ('quantitative', 'project') THEN 'trackable' ELSE 'direction' END, "tierReason" = CASE "kind" WHEN 'quantitative' THEN 'target' WHEN 'project' THEN 'project' ELSE NULL END WHERE "reportId" = '${reportId}'`,
    );
    const personal = await byText(reportId, "扶持创业企业发展");
    await db.pledge.update({
      where: { id: personal.id },
      data: { tier: "trackable", tierReason: "reform", tierSource: "person" },
    });
    // Two old fragments the parser no longer extracts (rhetoric): one untouched, one with a comment.
    const rows = await pledgesOf(reportId);
    const oldItem = async (text: string) => {
      const start = source.indexOf(text);
      const prev = rows.filter((p) => p.end <= start).pop()!;
      return db.pledge.create({
        data: {
          reportId,
          sectionId: prev.sectionId,
          start,
          end: start + text.length,
          text,
          searchText: text,
          position: prev.position,
          tier: "direction",
          tierSource: "kind",
        },
      });
    };
    const idle = await oldItem("守住道德底线");
    const discussed = await oldItem("筑牢思想防线");
    await addComment(writer, { pledgeId: discussed.id, body: "这一条要不要留？" });
    expect(parsed.pledges.some((x) => x.start < idle.end && x.end > idle.start)).toBe(false);

    const summary = await retierPledges();
    expect(summary.pledges).toBe(rows.length + 1);
    expect(summary.excluded).toBe(1);
    const after = await pledgesOf(reportId);
    const parserTier = new Map(parsed.pledges.map((p) => [p.start, [p.tier, p.tierReason]]));
    for (const p of after) {
      if (p.id === personal.id)
        expect(p).toMatchObject({ tier: "trackable", tierReason: "reform", tierSource: "person" });
      else if (parserTier.has(p.start))
        expect([p.tier, p.tierReason, p.tierSource]).toEqual([
          ...parserTier.get(p.start)!,
          "parser",
        ]);
    }
    expect(after.find((p) => p.id === idle.id)).toMatchObject({
      excluded: true,
      excludedById: null,
      tierSource: "parser",
    });
    expect(after.find((p) => p.id === discussed.id)).toMatchObject({ excluded: false });
    const [sys] = await events(idle.id, "pledge.exclude");
    expect(sys.actorId).toBeNull();
    expect(parsedEvent(sys).after).toMatchObject({ excluded: true, system: true });
    expect(await db.auditEvent.count({ where: { reportId, action: "pledge.retier" } })).toBe(1);

    // Once done, nothing is pending; --all re-derives every tier no person set, and keeps the person's.
    expect(await retierPledges()).toMatchObject({ reports: 0, pledges: 0 });
    const all = await retierPledges({ all: true });
    expect(all.pledges).toBeGreaterThanOrEqual(after.length - 1);
    expect(all.excluded).toBe(0);
    expect(await db.pledge.findUniqueOrThrow({ where: { id: personal.id } })).toMatchObject({
      tierSource: "person",
      tierReason: "reform",
    });
  });
});

describe("bulk verdicts on excluded pledges", () => {
  it("a bulk submit skips an excluded pledge", async () => {
    const { reportId } = await importCopy();
    const [p] = await pledgesOf(reportId);
    const s = await saveAssessment(writer, {
      pledgeId: p.id,
      version: p.version,
      status: "fulfilled",
      rationale: "已完成。",
      reportedValue: null,
    });
    await setPledgeExcluded(actor, {
      reportId,
      pledgeId: p.id,
      version: s.version,
      excluded: true,
    });
    const res = await bulkUpdate(writer, { pledgeIds: [p.id], submit: true });
    expect(res).toEqual({ updated: 0, skipped: [{ pledgeId: p.id, reason: "PLEDGE_EXCLUDED" }] });
  });
});

describe("audit reports count trackable commitments by default", () => {
  it("trackable only unless tiers is all; items marked not a pledge never count; exports carry the tier", async () => {
    const { reportId } = await importCopy();
    const rows = await pledgesOf(reportId);
    const trackable = rows.filter((p) => p.tier === "trackable");
    const direction = rows.filter((p) => p.tier === "direction");
    const notAPledge = direction[0];
    await setPledgeExcluded(actor, {
      reportId,
      pledgeId: notAPledge.id,
      version: notAPledge.version,
      excluded: true,
    });
    const excludedTrackable = trackable[trackable.length - 1];
    await setPledgeExcluded(actor, {
      reportId,
      pledgeId: excludedTrackable.id,
      version: excludedTrackable.version,
      excluded: true,
    });

    const def = (await getPairAuditReport(reportId, {
      approvedOnly: false,
      showNotes: true,
      tiers: "trackable",
    }))!;
    const listed = def.groups.flatMap((g) => g.pledges);
    expect(def.aggregate.total.pledges).toBe(trackable.length - 1);
    expect(listed.map((p) => p.id).sort()).toEqual(
      trackable
        .slice(0, -1)
        .map((p) => p.id)
        .sort(),
    );
    expect(listed.every((p) => p.tier === "trackable")).toBe(true);
    expect(def.tierCounts).toEqual({
      trackable: trackable.length - 1,
      direction: direction.length - 1,
    });

    const all = (await getPairAuditReport(reportId, {
      approvedOnly: false,
      showNotes: true,
      tiers: "all",
    }))!;
    expect(all.aggregate.total.pledges).toBe(rows.length - 2);
    expect(
      all.groups
        .flatMap((g) => g.pledges)
        .some((p) => p.id === notAPledge.id || p.id === excludedTrackable.id),
    ).toBe(false);
    // Numbers are the pledge's place in its report, whichever tiers are shown.
    const first = listed[0];
    expect(all.groups.flatMap((g) => g.pledges).find((p) => p.id === first.id)!.number).toBe(
      first.number,
    );

    const t = createTranslator("en");
    const csv = buildAuditCsv(def, t);
    expect(csv.split("\r\n")[0]).toContain("Tier,Tier reason");
    expect(csv).toContain(",trackable,target,");
    const json = JSON.parse(buildAuditJson(def));
    expect(json).toMatchObject({ tiers: "trackable", tierCounts: def.tierCounts });
    expect(json.pledges[0]).toMatchObject({ tier: "trackable", tierReason: expect.any(String) });

    const pairs = await listAuditPairs();
    expect(pairs.find((p) => p.plan.id === reportId)).toMatchObject({
      pledges: trackable.length - 1,
      direction: direction.length - 1,
    });
    expect(
      (await listAuditPairs({ tiers: "all" })).find((p) => p.plan.id === reportId),
    ).toMatchObject({ pledges: rows.length - 2 });
  });
});
