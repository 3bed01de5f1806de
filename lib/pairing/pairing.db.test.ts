import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { importReport } from "@/lib/reports/import";
import {
  archiveReport,
  deleteReport,
  restoreReport,
  updateReportMetadata,
} from "@/lib/reports/mutations";
import { getPledgeWorkspace } from "@/lib/evidence-links/data";
import { linkReviewEvidence } from "@/lib/evidence-links/mutations";
import { getPairAuditReport, listAuditPairs } from "@/lib/audit-reports/data";
import { listReportsAwaiting } from "@/lib/dashboard/data";
import { createUser } from "@/lib/users/mutations";
import { getPairing, listPairingCandidates } from "./data";
import { setPairing } from "./mutations";

const corpus = (f: string) => readFileSync(path.join(__dirname, "..", "..", "seed", "reports", f));
/** A shipped report under another district's name and its own title line, so that it meets no other region of the test. */
const renamed = (f: string, district: string, title: string) => {
  const [, ...rest] = corpus(f).toString("utf8").split("\n");
  return Buffer.from(
    [title, ...rest]
      .join("\n")
      .replaceAll("海拉尔区", district)
      .replaceAll("海拉尔", district.slice(0, -1)),
    "utf8",
  );
};
const reviewOf = async (id: string) => (await getPairing(db, id))?.review?.id ?? null;
const AUDIT_OPTIONS = { approvedOnly: false, showNotes: true, tiers: "all" as const };

let reviewer = "";
let analyst = "";
let admin = "";

beforeAll(async () => {
  reviewer = (
    await createUser(null, {
      email: "pair-reviewer@test.local",
      name: "R",
      role: "reviewer",
      password: "reviewer-password",
    })
  ).id;
  analyst = (
    await createUser(null, {
      email: "pair-analyst@test.local",
      name: "A",
      role: "analyst",
      password: "analyst-password",
    })
  ).id;
  admin = (
    await createUser(null, {
      email: "pair-admin@test.local",
      name: "Ad",
      role: "admin",
      password: "admin-password",
    })
  ).id;
});

describe("pairing (real database)", () => {
  it("pairs year N with the same region's year N+1 whichever arrives first, and leaves others alone", async () => {
    const r2014 = await importReport(null, corpus("hailar/hailar_2014.txt"), "hailar_2014.txt");
    const r2012 = await importReport(null, corpus("hailar/hailar_2012.txt"), "hailar_2012.txt");
    expect(await reviewOf(r2012.id)).toBeNull(); // 2013 not there yet
    const r2013 = await importReport(null, corpus("hailar/hailar_2013.txt"), "hailar_2013.txt");
    expect(await reviewOf(r2012.id)).toBe(r2013.id);
    expect(await reviewOf(r2013.id)).toBe(r2014.id);
    expect((await getPairing(db, r2013.id))?.source).toBe("automatic");
    const other = await importReport(null, corpus("seeds/000_44e32f47c74c41aa.txt"), "000.txt");
    expect(await reviewOf(other.id)).toBeNull();
    const events = await db.auditEvent.count({ where: { action: "report.pair_auto" } });
    expect(events).toBe(2);
  });

  it("one district named two ways (呼伦贝尔市…区, …区) is one region: the later year imported first, and the two pair", async () => {
    const later = await importReport(
      null,
      renamed("hailar/hailar_2016.txt", "扎赉诺尔区", "2016年呼伦贝尔市扎赉诺尔区政府工作报告"),
      "2016.txt",
    );
    const earlier = await importReport(
      null,
      renamed("hailar/hailar_2015.txt", "扎赉诺尔区", "2015年扎赉诺尔区政府工作报告"),
      "2015.txt",
    );
    const regions = await db.report.findMany({
      where: { id: { in: [later.id, earlier.id] } },
      select: {
        regionId: true,
        region: { select: { name: true, parent: { select: { name: true, level: true } } } },
      },
    });
    expect(new Set(regions.map((r) => r.regionId)).size).toBe(1);
    // The region is its own unit, under the city the later report named.
    expect(regions[0].region).toEqual({
      name: "扎赉诺尔区",
      parent: { name: "呼伦贝尔市", level: "city" },
    });
    expect(await reviewOf(earlier.id)).toBe(later.id);
  });

  it("a reviewer's manual pairing is kept, and automatic pairing does not override it", async () => {
    const unknownYear = await importReport(
      null,
      corpus("seeds/001_bc1dc47a901dac11.txt"),
      "001.txt",
      { region: "海拉尔区", title: "无年份报告" },
    );
    const r2015 = await importReport(null, corpus("hailar/hailar_2015.txt"), "hailar_2015.txt");
    await setPairing(reviewer, { reportId: unknownYear.id, reviewId: r2015.id });
    expect(await getPairing(db, unknownYear.id)).toMatchObject({
      source: "manual",
      review: { id: r2015.id, year: 2015 },
    });
    await expect(
      setPairing(reviewer, { reportId: unknownYear.id, reviewId: unknownYear.id }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(
      setPairing(reviewer, { reportId: unknownYear.id, reviewId: "no-such-report" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await setPairing(reviewer, { reportId: unknownYear.id, reviewId: null });
    expect(await getPairing(db, unknownYear.id)).toEqual({ review: null, source: "cleared" });
  });

  it("a cleared automatic pairing is cleared everywhere: evidence page, linking, audit overview, pair audit, dashboard (the bug of issue 15)", async () => {
    const plan = await importReport(
      null,
      renamed("hailar/hailar_2013.txt", "额尔古纳区", "2013年额尔古纳区政府工作报告"),
      "2013.txt",
    );
    const review = await importReport(
      null,
      renamed("hailar/hailar_2014.txt", "额尔古纳区", "2014年额尔古纳区政府工作报告"),
      "2014.txt",
    );
    const pledge = await db.pledge.findFirstOrThrow({
      where: { reportId: plan.id },
      orderBy: { position: "asc" },
      select: { id: true },
    });
    expect((await getPledgeWorkspace(plan.id, pledge.id))?.review?.reportId).toBe(review.id);

    await setPairing(reviewer, { reportId: plan.id, reviewId: null });
    expect((await getPledgeWorkspace(plan.id, pledge.id))?.review).toBeNull();
    await expect(
      linkReviewEvidence(analyst, { pledgeId: pledge.id, start: 10, end: 30 }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", message: "NO_REVIEW_REPORT" });
    expect((await listAuditPairs()).find((p) => p.plan.id === plan.id)?.plan.review).toBeNull();
    expect((await getPairAuditReport(plan.id, AUDIT_OPTIONS))?.plans[0].review).toBeNull();
    const awaiting = await listReportsAwaiting(1000);
    expect(awaiting.pairing.items.some((r) => r.id === plan.id)).toBe(true);

    // Handed back to the rule: every reader pairs it again.
    await setPairing(reviewer, { reportId: plan.id, reviewId: null, automatic: true });
    expect((await getPledgeWorkspace(plan.id, pledge.id))?.review?.reportId).toBe(review.id);
    expect((await listAuditPairs()).find((p) => p.plan.id === plan.id)?.plan.review).toMatchObject({
      id: review.id,
      inferred: true,
    });
  });

  it("the picker offers the region's next year first, then its other years, then other regions", async () => {
    const r2014 = (
      await db.report.findFirstOrThrow({
        where: { year: 2014, region: { name: "海拉尔区" } },
        select: { id: true },
      })
    ).id;
    const candidates = await listPairingCandidates(r2014);
    expect(candidates[0]).toMatchObject({ year: 2015, group: "next-year", regionName: "海拉尔区" });
    const groups = candidates.map((c) => c.group);
    expect(groups.indexOf("other-region")).toBeGreaterThan(groups.lastIndexOf("same-region"));
    // Within the region: later years (nearest first), then earlier ones (nearest first), then unknown years.
    expect(candidates.filter((c) => c.group === "same-region").map((c) => c.year)).toEqual([
      2013,
      2012,
      null,
    ]);
    expect(candidates.some((c) => c.id === r2014)).toBe(false);
  });

  it("a corrected year moves the pairing with it, audited with before and after", async () => {
    const a = await importReport(
      null,
      renamed("hailar/hailar_2012.txt", "牙克石区", "2012年牙克石区政府工作报告"),
      "a.txt",
    );
    const b = await importReport(
      null,
      renamed("hailar/hailar_2013.txt", "牙克石区", "2013年牙克石区政府工作报告"),
      "b.txt",
    );
    const c = await importReport(
      null,
      renamed("hailar/hailar_2014.txt", "牙克石区", "2014年牙克石区政府工作报告"),
      "c.txt",
    );
    expect(await reviewOf(a.id)).toBe(b.id);
    expect(await reviewOf(b.id)).toBe(c.id);
    // b was imported as 2013 by mistake: it is 2015's report.
    const before = await db.report.findUniqueOrThrow({
      where: { id: b.id },
      select: { version: true, title: true, region: { select: { name: true, level: true } } },
    });
    const res = await updateReportMetadata(analyst, {
      reportId: b.id,
      version: before.version,
      region: before.region.name,
      level: "district",
      year: 2015,
      title: "2015年牙克石区政府工作报告",
      deliveredOn: null,
      speaker: null,
      meeting: null,
    });
    expect(res.changed.sort()).toEqual(["deliveredOn", "meeting", "speaker", "title", "year"]);
    expect(await reviewOf(a.id)).toBeNull();
    expect(await reviewOf(c.id)).toBe(b.id);
    expect(await reviewOf(b.id)).toBeNull();
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "report.update", entityId: b.id },
    });
    expect(JSON.parse(event.before!)).toMatchObject({ year: 2013 });
    expect(JSON.parse(event.after!)).toMatchObject({ year: 2015 });
    // A stale version changes nothing.
    await expect(
      updateReportMetadata(analyst, {
        reportId: b.id,
        version: before.version,
        region: before.region.name,
        level: "district",
        year: 2016,
        title: "x",
        deliveredOn: null,
        speaker: null,
        meeting: null,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("archiving takes a report out of pairing, lists and audits; restoring brings it back", async () => {
    const a = await importReport(
      null,
      renamed("hailar/hailar_2012.txt", "根河区", "2012年根河区政府工作报告"),
      "a.txt",
    );
    const b = await importReport(
      null,
      renamed("hailar/hailar_2013.txt", "根河区", "2013年根河区政府工作报告"),
      "b.txt",
    );
    await archiveReport(admin, { reportId: b.id });
    expect(await reviewOf(a.id)).toBeNull();
    expect((await listAuditPairs()).some((p) => p.plan.id === b.id)).toBe(false);
    await expect(archiveReport(admin, { reportId: b.id })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await restoreReport(admin, { reportId: b.id });
    expect(await reviewOf(a.id)).toBe(b.id);
    expect((await listAuditPairs()).some((p) => p.plan.id === b.id)).toBe(true);
  });

  it("deleting is refused for a report with work on it, and otherwise re-pairs what it reviewed", async () => {
    const a = await importReport(
      null,
      renamed("hailar/hailar_2012.txt", "阿荣区", "2012年阿荣区政府工作报告"),
      "a.txt",
    );
    const b = await importReport(
      null,
      renamed("hailar/hailar_2013.txt", "阿荣区", "2013年阿荣区政府工作报告"),
      "b.txt",
    );
    const b2 = await importReport(
      null,
      renamed("hailar/hailar_2013.txt", "阿荣区", "2013年阿荣区政府工作报告（另一份）"),
      "b2.txt",
    );
    expect(await reviewOf(a.id)).toBe(b.id); // the earliest imported of the two
    // Evidence quoted from b is work on b: refused.
    const pledge = await db.pledge.findFirstOrThrow({
      where: { reportId: a.id },
      select: { id: true },
    });
    const ev = await linkReviewEvidence(analyst, { pledgeId: pledge.id, start: 100, end: 140 });
    const version = async (id: string) =>
      (await db.report.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;
    await expect(
      deleteReport(admin, { reportId: b.id, version: await version(b.id) }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: "REPORT_HAS_WORK" });
    await expect(
      deleteReport(admin, { reportId: a.id, version: await version(a.id) }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: "REPORT_HAS_WORK" });
    await db.evidence.delete({ where: { id: ev.id } });
    await deleteReport(admin, { reportId: b.id, version: await version(b.id) });
    expect(await db.report.findUnique({ where: { id: b.id } })).toBeNull();
    expect(await reviewOf(a.id)).toBe(b2.id);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "report.delete", entityId: b.id },
    });
    expect(JSON.parse(event.before!)).toMatchObject({
      title: "2013年阿荣区政府工作报告",
      year: 2013,
      region: "阿荣区",
    });
    // A plan paired with a report by hand goes back to the rule when that report is deleted.
    await setPairing(reviewer, { reportId: a.id, reviewId: b2.id });
    await deleteReport(admin, { reportId: b2.id, version: await version(b2.id) });
    expect(await getPairing(db, a.id)).toEqual({ review: null, source: "none" });
  });
});
