import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { importReport } from "@/lib/reports/import";
import { archiveReport, restoreReport } from "@/lib/reports/mutations";
import { createUser } from "@/lib/users/mutations";
import { saveAssessment } from "@/lib/assessments/mutations";
import { AppError } from "@/lib/app-error";
import {
  findLineageCandidates,
  findRegionWithMostYears,
  getPledgeLineage,
  getRegionRecord,
} from "./data";
import {
  choosePledgeLink,
  confirmPledgeLink,
  countStaleLineage,
  refreshStaleLineage,
  rejectPledgeLink,
} from "./mutations";

const corpus = (f: string) => readFileSync(path.join(__dirname, "..", "..", "seed", "reports", f));

let analyst = { id: "", role: "analyst" };
let viewer = { id: "", role: "viewer" };
const ids: Record<number, string> = {};
let regionId = "";

const pledgeWith = async (year: number, words: string) => {
  const p = await db.pledge.findFirst({
    where: { reportId: ids[year], text: { contains: words } },
    select: { id: true, text: true, version: true },
  });
  if (!p) throw new Error(`no pledge with ${words} in ${year}`);
  return p;
};

beforeAll(async () => {
  analyst = {
    id: (
      await createUser(null, {
        email: "lineage-analyst@test.local",
        name: "林分析",
        role: "analyst",
        password: "analyst-password",
      })
    ).id,
    role: "analyst",
  };
  viewer = {
    id: (
      await createUser(null, {
        email: "lineage-viewer@test.local",
        name: "V",
        role: "viewer",
        password: "viewer-password",
      })
    ).id,
    role: "viewer",
  };
  for (const year of [2013, 2012, 2015, 2014])
    ids[year] = (
      await importReport(null, corpus(`hailar/hailar_${year}.txt`), `hailar_${year}.txt`)
    ).id;
  regionId = (
    await db.report.findUniqueOrThrow({ where: { id: ids[2012] }, select: { regionId: true } })
  ).regionId;
}, 120_000);

describe("lineage (real database)", () => {
  it("an import only marks its region's reports stale; computing them stores links and headline outcomes", async () => {
    expect(await countStaleLineage(regionId)).toBe(4);
    expect(await db.pledgeLink.count()).toBe(0);
    // A report on the worker's retry list is left for later; the others go on.
    expect(await refreshStaleLineage({ regionId, skip: [ids[2013]] })).toBe(3);
    expect(await countStaleLineage(regionId)).toBe(1);
    expect(await refreshStaleLineage({ regionId })).toBe(1);
    expect(await countStaleLineage(regionId)).toBe(0);
    const mall = await pledgeWith(2014, "红星美凯龙主力店年内投入运营");
    const lineage = await getPledgeLineage(mall.id);
    expect(lineage?.link).toMatchObject({ state: "suggested", predecessor: { year: 2013 } });
    expect(lineage?.link?.predecessor.text).toContain("红星美凯龙6万平方米主力店");
    expect(lineage?.link?.terms.join("")).toContain("红星美凯龙");
    // the anchor store runs 2013 → 2014 → 2015 (the 2012 plan names the complex, not the store)
    expect(lineage?.line?.years).toEqual(expect.arrayContaining([2013, 2014, 2015]));
    // 2012's GDP target against the 2013 review: 240亿元 planned, 235.2亿元 reported
    const outcomes = await db.indicatorOutcome.findMany({
      where: { reportId: ids[2012], indicator: "gdp", growth: false },
    });
    expect(outcomes[0]).toMatchObject({
      targetValue: 240e8,
      reportedValue: 235.2e8,
      verdict: "below",
      sourceReportId: ids[2013],
    });
  }, 120_000);

  it("the region record lists lines of three years and more, and each headline indicator across years", async () => {
    const record = await getRegionRecord(regionId);
    expect(record?.years).toEqual([2012, 2015]);
    expect(record?.recurring.length).toBeGreaterThan(3);
    for (const l of record!.recurring) expect(l.years.length).toBeGreaterThanOrEqual(3);
    const gdp = record!.series.find((s) => s.indicator === "gdp" && s.growth)!;
    expect(gdp.points.map((p) => p.year)).toEqual([2012, 2013, 2014, 2015]);
    expect(gdp.points.slice(0, 3).map((p) => p.reported?.value)).toEqual([18.5, 10.1, 9.1]);
    expect(gdp.points[3].reported).toBeNull(); // no 2016 review in this database
    expect(gdp.points.map((p) => p.next)).toEqual(["lowered", "lowered", "lowered", null]);
    expect(await getRegionRecord("cnonexistent00000000000000")).toBeNull();
  });

  it("a line none of whose pledges is trackable is not part of the record; the region with most years is found", async () => {
    const before = await getRegionRecord(regionId);
    for (const l of before!.recurring)
      expect(l.nodes.some((n) => n.tier === "trackable")).toBe(true);
    const line = before!.recurring.find((l) => l.nodes.length >= 3)!;
    const pledgeIds = line.nodes.map((n) => n.pledgeId);
    const tiers = await db.pledge.findMany({
      where: { id: { in: pledgeIds } },
      select: { id: true, tier: true },
    });
    await db.pledge.updateMany({ where: { id: { in: pledgeIds } }, data: { tier: "direction" } });
    try {
      const after = await getRegionRecord(regionId);
      // gone; a line sharing some of its pledges with another of trackable ones stays
      const key = (l: { nodes: { pledgeId: string }[] }) => l.nodes.map((n) => n.pledgeId).join();
      expect(after!.recurring.map(key)).not.toContain(key(line));
      expect(after!.recurring.length).toBeLessThan(before!.recurring.length);
      for (const l of after!.recurring)
        expect(l.nodes.some((n) => n.tier === "trackable")).toBe(true);
    } finally {
      for (const t of tiers)
        await db.pledge.update({ where: { id: t.id }, data: { tier: t.tier } });
    }
    expect(
      (await getRegionRecord(regionId))!.recurring.map((l) => l.nodes.map((n) => n.pledgeId)),
    ).toEqual(before!.recurring.map((l) => l.nodes.map((n) => n.pledgeId)));
    expect(await findRegionWithMostYears()).toEqual({ regionId, years: 4 });
  });

  it("a verdict shows in the line's record; recurring lines put the worst record first", async () => {
    const gdp2013 = await pledgeWith(2013, "地区生产总值增长20%");
    await saveAssessment(analyst, {
      pledgeId: gdp2013.id,
      version: gdp2013.version,
      status: "unfulfilled",
      rationale: "增长10.1%，低于20%",
      reportedValue: "10.1%",
    });
    const record = await getRegionRecord(regionId);
    const worst = record!.recurring[0];
    expect(worst.record.rate).toBe(0);
    expect(worst.nodes.some((n) => n.pledgeId === gdp2013.id)).toBe(true);
  });

  it("an analyst confirms, rejects or names the predecessor, audited; a rejected link is never suggested again; viewers cannot", async () => {
    const mall = await pledgeWith(2014, "红星美凯龙主力店年内投入运营");
    const link = (await getPledgeLineage(mall.id))!.link!;
    await expect(
      confirmPledgeLink(viewer, { linkId: link.id, version: link.version }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      confirmPledgeLink(analyst, { linkId: link.id, version: link.version + 1 }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const confirmed = await confirmPledgeLink(analyst, { linkId: link.id, version: link.version });
    expect((await getPledgeLineage(mall.id))!.link).toMatchObject({
      state: "confirmed",
      decidedBy: "林分析",
    });
    await expect(
      confirmPledgeLink(analyst, { linkId: link.id, version: confirmed.version }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: "LINK_ALREADY_DECIDED" });

    const ring = await pledgeWith(2014, "确保城市东外环道路开工建设");
    const ringLink = (await getPledgeLineage(ring.id))!.link!;
    await rejectPledgeLink(analyst, { linkId: ringLink.id, version: ringLink.version });
    const after = (await getPledgeLineage(ring.id))!;
    expect(after.link).toBeNull();
    expect(after.rejected.map((r) => r.predecessor.id)).toEqual([ringLink.predecessor.id]);
    // the region's lineage computed again: confirmed stays, rejected is not suggested again
    await db.report.updateMany({ where: { regionId }, data: { lineageStaleAt: new Date() } });
    await refreshStaleLineage({ regionId });
    expect((await getPledgeLineage(mall.id))!.link?.state).toBe("confirmed");
    expect((await getPledgeLineage(ring.id))!.link).toBeNull();

    // naming it by hand: candidates of earlier plans, a later or foreign pledge refused
    const candidates = await findLineageCandidates(ring.id);
    expect(candidates[0].year).toBeLessThan(2014);
    const chosen = await choosePledgeLink(analyst, {
      pledgeId: ring.id,
      predecessorId: candidates[0].id,
    });
    expect((await getPledgeLineage(ring.id))!.link).toMatchObject({
      id: chosen.id,
      state: "confirmed",
    });
    const later = await pledgeWith(2015, "东西外环道路开工建设");
    await expect(
      choosePledgeLink(analyst, { pledgeId: ring.id, predecessorId: later.id }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", message: "LINK_NOT_EARLIER" });
    await expect(
      choosePledgeLink(analyst, { pledgeId: ring.id, predecessorId: "cnonexistent00000000000000" }),
    ).rejects.toBeInstanceOf(AppError);
    const events = await db.auditEvent.findMany({
      where: { action: { startsWith: "lineage." } },
      select: { action: true, actorId: true, pledgeId: true },
      orderBy: { at: "asc" },
    });
    expect(events.map((e) => e.action)).toEqual([
      "lineage.confirm",
      "lineage.reject",
      "lineage.choose",
    ]);
    expect(events.every((e) => e.actorId === analyst.id)).toBe(true);
  }, 120_000);

  it("archiving a report makes the region stale and leaves it out of lines and series", async () => {
    const admin = (
      await createUser(null, {
        email: "lineage-admin@test.local",
        name: "Ad",
        role: "admin",
        password: "admin-password",
      })
    ).id;
    await archiveReport(admin, { reportId: ids[2013] });
    expect(await countStaleLineage(regionId)).toBe(3);
    await refreshStaleLineage({ regionId });
    const record = await getRegionRecord(regionId);
    expect(record?.years).toEqual([2012, 2015]);
    expect(record!.series.every((s) => s.points.every((p) => p.year !== 2013))).toBe(true);
    await restoreReport(admin, { reportId: ids[2013] });
    expect(await countStaleLineage(regionId)).toBe(4);
  }, 120_000);
});
