import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { importReport } from "@/lib/reports/import";
import { findNextReviewable, listReportPledges } from "./data";
import { toTargetDto } from "./target";

// listReportPledges is one raw query on both engines (its column types differ: 0/1 against
// booleans, BigInt counts): it must give exactly what Prisma's own typed query gives.
let reportId = "";

beforeAll(async () => {
  const file = readFileSync(
    path.join(__dirname, "..", "..", "seed", "reports", "hailar", "hailar_2015.txt"),
  );
  reportId = (await importReport(null, file, "hailar_2015.txt")).id;
  const pledges = await db.pledge.findMany({
    where: { reportId },
    orderBy: { position: "asc" },
    select: { id: true },
  });
  // A growth target with a range, and evidence on two pledges (two links on the first).
  await db.pledge.update({
    where: { id: pledges[1].id },
    data: {
      targetValue: 6.5,
      targetValueMax: 7,
      targetUnit: "%",
      targetComparator: "=",
      targetGrowth: true,
    },
  });
  await db.pledge.update({
    where: { id: pledges[2].id },
    data: { status: "fulfilled", reviewState: "submitted", version: 3 },
  });
  // An excluded pledge with a person's tier and a title (booleans and nulls differ by engine too).
  await db.pledge.update({
    where: { id: pledges[4].id },
    data: {
      excluded: true,
      tier: "trackable",
      tierReason: "date",
      tierSource: "person",
      title: "标题",
    },
  });
  for (const [i, quote] of [
    [0, "甲"],
    [0, "乙"],
    [3, "丙"],
  ] as const) {
    await db.evidence.create({
      data: { pledgeId: pledges[i].id, kind: "external", quote, url: "https://example.org/" },
    });
  }
}, 60_000);

describe("listReportPledges", () => {
  it("returns every pledge in source order, typed as Prisma types them, with evidence counts", async () => {
    const expected = await db.pledge.findMany({
      where: { reportId },
      orderBy: [{ position: "asc" }, { start: "asc" }],
      include: { _count: { select: { evidence: true } } },
    });
    const got = await listReportPledges(reportId);
    expect(got.length).toBe(expected.length);
    expect(got.length).toBeGreaterThan(10);
    expect(got).toEqual(
      expected.map((p) => ({
        id: p.id,
        start: p.start,
        end: p.end,
        text: p.text,
        searchText: p.searchText,
        sectionId: p.sectionId,
        topic: p.topic,
        kind: p.kind,
        target: toTargetDto(p),
        position: p.position,
        status: p.status,
        reviewState: p.reviewState,
        assigneeId: p.assigneeId,
        evidenceCount: p._count.evidence,
        version: p.version,
        tier: p.tier,
        tierReason: p.tierReason,
        tierSource: p.tierSource,
        excluded: p.excluded,
        title: p.title,
      })),
    );
    expect(got[0].evidenceCount).toBe(2);
    expect(got[3].evidenceCount).toBe(1);
    expect(got[1].target).toEqual({
      value: 6.5,
      valueMax: 7,
      unit: "%",
      comparator: "=",
      growth: true,
    });
    expect(typeof got[0].start).toBe("number");
    expect(typeof got[0].evidenceCount).toBe("number");
    expect(got[4]).toMatchObject({
      excluded: true,
      tier: "trackable",
      tierReason: "date",
      tierSource: "person",
      title: "标题",
    });
    expect(got[0].excluded).toBe(false);
    expect(got.some((p) => p.tier === "trackable" && p.tierReason !== null)).toBe(true);
  });

  it("finds nothing for another id", async () => {
    expect(await listReportPledges("no-such-report")).toEqual([]);
  });
});

describe("findNextReviewable", () => {
  it("gives the oldest submission the reviewer may review, never their own part nor the current one, and null when none is left", async () => {
    const reviewer = await db.user.create({
      data: {
        email: "next-reviewer@example.test",
        name: "审核员乙",
        role: "reviewer",
        passwordHash: "x",
      },
    });
    const analyst = await db.user.create({
      data: {
        email: "next-analyst@example.test",
        name: "分析员丙",
        role: "analyst",
        passwordHash: "x",
      },
    });
    const pledges = await db.pledge.findMany({
      where: { reportId },
      orderBy: { position: "asc" },
      select: { id: true },
    });
    // Clear the queue of this file's database, then submit four: the oldest is the reviewer's own submission,
    // the second the reviewer last wrote, the third and fourth are someone else's.
    await db.pledge.updateMany({
      where: { reviewState: "submitted" },
      data: { reviewState: "draft" },
    });
    const at = (min: number) => new Date(Date.UTC(2026, 0, 1, 0, min));
    const [own, wrote, third, fourth] = pledges.slice(10, 14).map((p) => p.id);
    await db.pledge.update({
      where: { id: own },
      data: {
        reviewState: "submitted",
        status: "fulfilled",
        submittedAt: at(1),
        submittedById: reviewer.id,
        assessedById: analyst.id,
      },
    });
    await db.pledge.update({
      where: { id: wrote },
      data: {
        reviewState: "submitted",
        status: "fulfilled",
        submittedAt: at(2),
        submittedById: analyst.id,
        assessedById: reviewer.id,
      },
    });
    await db.pledge.update({
      where: { id: third },
      data: {
        reviewState: "submitted",
        status: "fulfilled",
        submittedAt: at(3),
        submittedById: analyst.id,
        assessedById: analyst.id,
      },
    });
    await db.pledge.update({
      where: { id: fourth },
      data: {
        reviewState: "submitted",
        status: "partial",
        submittedAt: at(4),
        submittedById: analyst.id,
        assessedById: null,
      },
    });

    const me = { id: reviewer.id, role: "reviewer" };
    expect(await findNextReviewable(me, "elsewhere")).toEqual({ reportId, pledgeId: third });
    expect(await findNextReviewable(me, third)).toEqual({ reportId, pledgeId: fourth });
    await db.pledge.update({ where: { id: third }, data: { reviewState: "approved" } });
    expect(await findNextReviewable(me, fourth)).toBeNull();
    // An analyst reviews nothing.
    expect(await findNextReviewable({ id: analyst.id, role: "analyst" }, "elsewhere")).toBeNull();
  });
});
