import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { importReport } from "./import";
import { getReportDetail } from "./data";
import { setPairing } from "@/lib/pairing/mutations";
import { createUser } from "@/lib/users/mutations";

// getReportDetail reads with raw queries on both engines (their column types differ): it must
// give what Prisma's typed reads give, and find the next year's report as the page expects.
const corpus = (f: string) =>
  readFileSync(path.join(__dirname, "..", "..", "seed", "reports", "hailar", f));
let plan = "";
let review = "";
let reviewer = "";

beforeAll(async () => {
  plan = (await importReport(null, corpus("hailar_2014.txt"), "hailar_2014.txt")).id;
  review = (await importReport(null, corpus("hailar_2015.txt"), "hailar_2015.txt")).id;
  reviewer = (
    await createUser(null, {
      email: "detail-reviewer@test.local",
      name: "R",
      role: "reviewer",
      password: "reviewer-password",
    })
  ).id;
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
      region: {
        id: expected.region.id,
        name: expected.region.name,
        level: expected.region.level,
        fullName: "海拉尔区",
        path: [],
      },
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
    expect(got.sections).toEqual(
      expected.sections.map((s) => ({
        id: s.id,
        parentId: s.parentId,
        kind: s.kind,
        heading: s.heading,
        start: s.start,
        end: s.end,
      })),
    );
  });

  it("gives the pairing as lib/pairing has it: automatic, cleared by hand (then nothing is inferred), handed back", async () => {
    // The import paired them already.
    const reviewTitle = (await getReportDetail(review))!.title;
    const paired = {
      review: {
        id: review,
        title: reviewTitle,
        year: 2015,
        regionId: expect.any(String),
        regionName: "海拉尔区",
        archived: false,
      },
    };
    expect((await getReportDetail(plan))!.pairing).toEqual({ ...paired, source: "automatic" });
    await setPairing(reviewer, { reportId: plan, reviewId: null });
    expect((await getReportDetail(plan))!.pairing).toEqual({ review: null, source: "cleared" });
    expect((await getReportDetail(review))!.pairing).toEqual({ review: null, source: "none" });
    await setPairing(reviewer, { reportId: plan, reviewId: null, automatic: true });
    expect((await getReportDetail(plan))!.pairing).toEqual({ ...paired, source: "automatic" });
  });

  it("is null for an unknown id", async () => {
    expect(await getReportDetail("no-such-report")).toBeNull();
  });
});
