import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { importReport } from "./import";
import { getReportDetail } from "./data";

// getReportDetail reads with raw queries on both engines (their column types differ): it must
// give what Prisma's typed reads give, and find the next year's report as the page expects.
const corpus = (f: string) => readFileSync(path.join(__dirname, "..", "..", "seed", "reports", "hailar", f));
let plan = "";
let review = "";

beforeAll(async () => {
  plan = (await importReport(null, corpus("hailar_2014.txt"), "hailar_2014.txt")).id;
  review = (await importReport(null, corpus("hailar_2015.txt"), "hailar_2015.txt")).id;
}, 60_000);

describe("getReportDetail", () => {
  it("returns the report, its region and its sections as stored, typed as Prisma types them", async () => {
    const expected = await db.report.findUniqueOrThrow({
      where: { id: plan },
      include: { region: true, sections: { orderBy: { position: "asc" } } },
    });
    const got = (await getReportDetail(plan))!;
    expect(got).toMatchObject({
      id: expected.id,
      title: expected.title,
      region: { id: expected.region.id, name: expected.region.name, level: expected.region.level },
      year: 2014,
      deliveredOn: expected.deliveredOn,
      speaker: expected.speaker,
      meeting: expected.meeting,
      script: expected.script,
      encoding: expected.encoding,
      fileName: expected.fileName,
      sourceText: expected.sourceText,
      bodyStart: expected.bodyStart,
      bodyEnd: expected.bodyEnd || expected.sourceText.length,
      parsed: true,
    });
    expect(got.sections.length).toBeGreaterThan(3);
    expect(got.sections).toEqual(expected.sections.map((s) => ({ id: s.id, parentId: s.parentId, kind: s.kind, heading: s.heading, start: s.start, end: s.end })));
  });

  it("gives the stored pairing, else infers the next year's report, and infers nothing once a pairing was cleared by hand", async () => {
    // The import paired them already.
    const reviewTitle = (await getReportDetail(review))!.title;
    expect((await getReportDetail(plan))!.reviewedBy).toEqual({ id: review, title: reviewTitle, year: 2015, inferred: false });
    await db.report.update({ where: { id: plan }, data: { reviewReportId: null, pairingManual: false } });
    expect((await getReportDetail(plan))!.reviewedBy).toEqual({ id: review, title: reviewTitle, year: 2015, inferred: true });
    await db.report.update({ where: { id: plan }, data: { reviewReportId: null, pairingManual: true } });
    expect((await getReportDetail(plan))!.reviewedBy).toBeNull();
    expect((await getReportDetail(review))!.reviewedBy).toBeNull();
  });

  it("is null for an unknown id", async () => {
    expect(await getReportDetail("no-such-report")).toBeNull();
  });
});
