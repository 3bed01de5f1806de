import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { importReport } from "@/lib/reports/import";
import { getPairing } from "@/lib/pairing/data";
import { createShareLink } from "@/lib/shares/mutations";
import { createUser } from "@/lib/users/mutations";
import { getRegionAuditReport } from "@/lib/audit-reports/data";
import { getRegionDetail, listRegionTree, matchRegion } from "./data";
import { mergeRegions, placeRegionUnder, updateRegion, upgradeLegacyRegions } from "./mutations";

const corpus = (f: string) => readFileSync(path.join(__dirname, "..", "..", "seed", "reports", f));
/** A shipped Hailar report with another title line and district name. */
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
const regionOf = async (reportId: string) =>
  (await db.report.findUniqueOrThrow({ where: { id: reportId }, select: { regionId: true } }))
    .regionId;
const AUDIT = { approvedOnly: false, showNotes: false, tiers: "all" as const };

let admin = "";
beforeAll(async () => {
  admin = (
    await createUser(null, {
      email: "regions-admin@test.local",
      name: "Ad",
      role: "admin",
      password: "admin-password",
    })
  ).id;
});

describe("regions as records (real database)", () => {
  it("an import creates the region under the city its name states; later names in either script, short or full, match it", async () => {
    const r2016 = await importReport(
      null,
      renamed("hailar/hailar_2016.txt", "扎兰诺尔区", "2016年呼伦贝尔市扎兰诺尔区政府工作报告"),
      "2016.txt",
    );
    const region = await db.region.findUniqueOrThrow({
      where: { id: await regionOf(r2016.id) },
      select: {
        name: true,
        shortName: true,
        level: true,
        parent: { select: { name: true, level: true } },
      },
    });
    expect(region).toEqual({
      name: "扎兰诺尔区",
      shortName: "扎兰诺尔",
      level: "district",
      parent: { name: "呼伦贝尔市", level: "city" },
    });
    for (const name of ["扎兰诺尔区", "扎蘭諾爾區", "扎兰诺尔", "呼伦贝尔市扎兰诺尔区"]) {
      expect(await matchRegion(name), name).toMatchObject({
        kind: "existing",
        region: {
          name: "扎兰诺尔区",
          fullName: "呼伦贝尔市扎兰诺尔区",
          path: ["呼伦贝尔市"],
          reports: 1,
        },
      });
    }
    expect(await matchRegion("扎兰诺尔市")).toMatchObject({
      kind: "ask",
      reason: "similar",
      candidates: [{ name: "扎兰诺尔区" }],
    });
    expect(await matchRegion("呼伦贝尔市新巴尔虎区")).toEqual({
      kind: "new",
      name: "新巴尔虎区",
      parents: ["呼伦贝尔市"],
    });
  });

  it("a close name is refused until a person answers; 'same as' remembers the name, 'new region' creates one", async () => {
    const bytes = renamed("hailar/hailar_2015.txt", "扎兰诺尔市", "2015年扎兰诺尔市政府工作报告");
    await expect(importReport(null, bytes, "2015.txt")).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: "REGION_UNCONFIRMED",
    });
    expect(await db.report.count({ where: { year: 2015 } })).toBe(0);
    const target = (await matchRegion("扎兰诺尔区")) as { region: { id: string } };
    const r2015 = await importReport(
      null,
      bytes,
      "2015.txt",
      undefined,
      {},
      { regionId: target.region.id },
    );
    expect(await regionOf(r2015.id)).toBe(target.region.id);
    expect(await matchRegion("扎兰诺尔市")).toMatchObject({
      kind: "existing",
      region: { id: target.region.id },
    });
    // The two years of one region pair.
    expect((await getPairing(db, r2015.id))?.review?.year).toBe(2016);
    // "No, a new region": a region of its own.
    const other = await importReport(
      null,
      renamed("hailar/hailar_2014.txt", "扎兰诺区", "2014年扎兰诺区政府工作报告"),
      "2014.txt",
      undefined,
      {},
      { newRegion: true },
    );
    expect(await regionOf(other.id)).not.toBe(target.region.id);
    expect(await db.auditEvent.count({ where: { action: "region.alias" } })).toBe(1);
  });

  it("an admin renames a region: the old name still matches; a parent below the region itself is refused", async () => {
    const region = (await matchRegion("扎兰诺尔区")) as { region: { id: string; version: number } };
    const before = await db.region.findUniqueOrThrow({
      where: { id: region.region.id },
      select: { version: true, parentId: true },
    });
    await updateRegion(admin, {
      regionId: region.region.id,
      version: before.version,
      name: "扎兰新区",
      level: "district",
      parentId: before.parentId,
    });
    expect(await matchRegion("扎兰诺尔区")).toMatchObject({
      kind: "existing",
      region: { id: region.region.id, name: "扎兰新区" },
    });
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "region.update", entityId: region.region.id, actorId: admin },
    });
    expect(JSON.parse(event.before!)).toMatchObject({ name: "扎兰诺尔区" });
    expect(JSON.parse(event.after!)).toMatchObject({ name: "扎兰新区", shortName: "扎兰" });
    await expect(
      updateRegion(admin, {
        regionId: region.region.id,
        version: before.version,
        name: "x区",
        level: "district",
        parentId: null,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const city = before.parentId!;
    const cityRow = await db.region.findUniqueOrThrow({
      where: { id: city },
      select: { version: true, name: true },
    });
    await expect(
      updateRegion(admin, {
        regionId: city,
        version: cityRow.version,
        name: cityRow.name,
        level: "city",
        parentId: region.region.id,
      }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", message: "PARENT_CYCLE" });
  });

  it("an admin merges one district recorded twice: reports, names and share links move, and the reports pair", async () => {
    const keep = (await matchRegion("扎兰新区")) as { region: { id: string } };
    const twin = (await matchRegion("扎兰诺区")) as { region: { id: string; version: number } };
    const twinReport = await db.report.findFirstOrThrow({
      where: { regionId: twin.region.id },
      select: { id: true },
    });
    const share = await createShareLink(
      { id: admin, role: "admin" },
      { scope: "region", subjectId: twin.region.id, expiresOn: null, showNotes: false },
    );
    expect(await getPairing(db, twinReport.id)).toEqual({ review: null, source: "none" });
    await expect(
      mergeRegions(admin, { sourceId: keep.region.id, targetId: keep.region.id, sourceVersion: 1 }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    const res = await mergeRegions(admin, {
      sourceId: twin.region.id,
      targetId: keep.region.id,
      sourceVersion: twin.region.version,
    });
    expect(res.reports).toBe(1);
    expect(await db.region.findUnique({ where: { id: twin.region.id } })).toBeNull();
    expect(await regionOf(twinReport.id)).toBe(keep.region.id);
    // 2014 is now the region's plan before 2015: paired by the rule.
    expect((await getPairing(db, twinReport.id))?.review?.year).toBe(2015);
    expect(
      (
        await db.shareLink.findUniqueOrThrow({
          where: { id: share.id },
          select: { regionId: true },
        })
      ).regionId,
    ).toBe(keep.region.id);
    expect(await matchRegion("扎兰诺区")).toMatchObject({
      kind: "existing",
      region: { id: keep.region.id },
    });
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "region.merge" } });
    expect(JSON.parse(event.before!)).toMatchObject({
      source: { id: twin.region.id, name: "扎兰诺区" },
    });
    expect(JSON.parse(event.after!)).toMatchObject({
      regionId: keep.region.id,
      reports: [twinReport.id],
    });
  });

  it("a province's page and audit roll up its cities and counties", async () => {
    expect(await placeRegionUnder(null, "呼伦贝尔市", "内蒙古自治区")).toBe(true);
    expect(await placeRegionUnder(null, "呼伦贝尔市", "内蒙古自治区")).toBe(false);
    const province = (await matchRegion("内蒙古自治区")) as { region: { id: string } };
    const detail = (await getRegionDetail(province.region.id))!;
    expect(detail).toMatchObject({
      name: "内蒙古自治区",
      level: "province",
      reports: 0,
      reportsBelow: 3,
      children: [{ name: "呼伦贝尔市", reportsBelow: 3 }],
    });
    const audit = (await getRegionAuditReport(province.region.id, AUDIT))!;
    expect(audit.plans.map((p) => p.year)).toEqual([2014, 2015, 2016]);
    expect(audit.trend?.map((p) => p.year)).toEqual([2014, 2015, 2016]);
    expect(audit.heading).toBe("内蒙古自治区");
    const district = (await matchRegion("扎兰新区")) as { region: { id: string } };
    const page = (await getRegionDetail(district.region.id))!;
    expect(page.fullName).toBe("呼伦贝尔市扎兰新区");
    expect(page.ancestors.map((a) => a.name)).toEqual(["内蒙古自治区", "呼伦贝尔市"]);
    expect(
      page.reportRows.map((r) => [r.year, r.pairing.source, r.pairing.review?.year ?? null]),
    ).toEqual([
      [2014, "automatic", 2015],
      [2015, "automatic", 2016],
      [2016, "none", null],
    ]);
    expect(page.reportRows[0]).toMatchObject({ assessed: 0, rateShown: false });
    const tree = await listRegionTree();
    expect(tree.find((n) => n.name === "内蒙古自治区")?.children.map((c) => c.name)).toEqual([
      "呼伦贝尔市",
    ]);
  });

  it("the upgrade step makes regions from before records into units under their parents, merging one district named two ways", async () => {
    // Regions as the old import left them: named as the report stated, no short name.
    const full = await db.region.create({
      data: { name: "呼伦贝尔市旧名区", nameKey: "呼伦贝尔市旧名区", level: "district" },
    });
    const bare = await db.region.create({
      data: { name: "旧名区", nameKey: "旧名区", level: "district" },
    });
    const a = await importReport(
      null,
      renamed("hailar/hailar_2012.txt", "旧名区", "2012年旧名区政府工作报告"),
      "a.txt",
      undefined,
      {},
      { regionId: bare.id },
    );
    const b = await importReport(
      null,
      renamed("hailar/hailar_2013.txt", "旧名区", "政府工作报告"),
      "b.txt",
      undefined,
      {},
      { regionId: full.id },
    );
    await db.report.update({ where: { id: b.id }, data: { title: "政府工作报告" } });
    await db.region.updateMany({
      where: { id: { in: [full.id, bare.id] } },
      data: { shortName: "" },
    });
    await db.regionAlias.deleteMany({ where: { regionId: { in: [full.id, bare.id] } } });
    expect((await getPairing(db, a.id))?.review).toBeNull();

    const res = await upgradeLegacyRegions();
    expect(res).toMatchObject({ upgraded: 1, merged: 1, titles: 1 });
    expect(await regionOf(a.id)).toBe(await regionOf(b.id));
    const region = await db.region.findUniqueOrThrow({
      where: { id: await regionOf(a.id) },
      select: { name: true, shortName: true, parent: { select: { name: true } } },
    });
    expect(region).toEqual({ name: "旧名区", shortName: "旧名", parent: { name: "呼伦贝尔市" } });
    expect((await getPairing(db, a.id))?.review?.id).toBe(b.id);
    expect(
      (await db.report.findUniqueOrThrow({ where: { id: b.id }, select: { title: true } })).title,
    ).toBe("2013年呼伦贝尔市旧名区政府工作报告");
    expect(await upgradeLegacyRegions()).toEqual({ upgraded: 0, merged: 0, titles: 0 });
  });
});
