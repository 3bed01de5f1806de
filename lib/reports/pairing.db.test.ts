import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { importReport } from "./import";
import { setPairing } from "./mutations";
import { createUser } from "@/lib/users/mutations";

const corpus = (f: string) => readFileSync(path.join(__dirname, "..", "..", "seed", "reports", f));
const reviewOf = async (id: string) => (await db.report.findUniqueOrThrow({ where: { id }, select: { reviewReportId: true } })).reviewReportId;

describe("pairing (real database)", () => {
  it("pairs year N with the same region's year N+1 whichever arrives first, and leaves others alone", async () => {
    const r2014 = await importReport(null, corpus("hailar/hailar_2014.txt"), "hailar_2014.txt");
    const r2012 = await importReport(null, corpus("hailar/hailar_2012.txt"), "hailar_2012.txt");
    expect(await reviewOf(r2012.id)).toBeNull(); // 2013 not there yet
    const r2013 = await importReport(null, corpus("hailar/hailar_2013.txt"), "hailar_2013.txt");
    expect(await reviewOf(r2012.id)).toBe(r2013.id);
    expect(await reviewOf(r2013.id)).toBe(r2014.id);
    const other = await importReport(null, corpus("seeds/000_44e32f47c74c41aa.txt"), "000.txt");
    expect(await reviewOf(other.id)).toBeNull();
    const events = await db.auditEvent.count({ where: { action: "report.pair_auto" } });
    expect(events).toBe(2);
  });

  it("one district named two ways (呼伦贝尔市海拉尔区, 海拉尔区) is one region: the later year imported first, and the two pair", async () => {
    // A region of its own (the Hailar reports are imported above): the same texts, renamed.
    const renamed = (f: string, title: string) => Buffer.from(`${title}\n` + corpus(f).toString("utf8").replaceAll("海拉尔区", "扎赉诺尔区").replaceAll("海拉尔", "扎赉诺尔"), "utf8");
    const later = await importReport(null, renamed("hailar/hailar_2016.txt", "2016年呼伦贝尔市扎赉诺尔区政府工作报告"), "2016.txt");
    const earlier = await importReport(null, renamed("hailar/hailar_2015.txt", "2015年扎赉诺尔区政府工作报告"), "2015.txt");
    const regions = await db.report.findMany({ where: { id: { in: [later.id, earlier.id] } }, select: { regionId: true, region: { select: { name: true } } } });
    expect(new Set(regions.map((r) => r.regionId)).size).toBe(1);
    expect(await reviewOf(earlier.id)).toBe(later.id);
  });

  it("a reviewer's manual pairing is kept, and automatic pairing does not override it", async () => {
    const unknownYear = await importReport(null, corpus("seeds/001_bc1dc47a901dac11.txt"), "001.txt", { region: "海拉尔区", title: "无年份报告" });
    const r2015 = await importReport(null, corpus("hailar/hailar_2015.txt"), "hailar_2015.txt");
    const { id: reviewer } = await createUser(null, { email: "pair-reviewer@test.local", name: "R", role: "reviewer", password: "reviewer-password" });
    await setPairing(reviewer, unknownYear.id, r2015.id);
    const row = await db.report.findUniqueOrThrow({ where: { id: unknownYear.id } });
    expect(row.reviewReportId).toBe(r2015.id);
    expect(row.pairingManual).toBe(true);
    await expect(setPairing(reviewer, unknownYear.id, unknownYear.id)).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(setPairing(reviewer, unknownYear.id, "no-such-report")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await setPairing(reviewer, unknownYear.id, null);
    expect(await reviewOf(unknownYear.id)).toBeNull();
  });
});
