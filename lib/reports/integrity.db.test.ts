import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { checkReportIntegrity } from "./data";
import { importReport } from "./import";

const corpus = (f: string) => readFileSync(path.join(__dirname, "..", "..", "seed", "reports", f));

describe("checkReportIntegrity (what `cli check` runs after a crash)", () => {
  it("finds every report whole after imports, and names one that lost sections, pledges or its audit event", async () => {
    const a = await importReport(null, corpus("hailar/hailar_2014.txt"), "a.txt");
    const b = await importReport(null, corpus("hailar/hailar_2015.txt"), "b.txt");
    const whole = await checkReportIntegrity();
    expect(whole.problems).toEqual([]);
    expect(whole.reports).toBe(2);
    expect(whole.pledges).toBe(a.pledges + b.pledges);

    // What a half-written import would look like (never produced by the import itself).
    const oneSection = await db.section.findFirstOrThrow({
      where: { reportId: a.id, kind: "topic" },
    });
    await db.section.delete({ where: { id: oneSection.id } });
    await db.pledge.deleteMany({ where: { reportId: b.id, position: { gte: 10 } } });
    const broken = await checkReportIntegrity();
    expect(broken.problems.map((p) => [p.reportId, p.problem.replace(/\d+/g, "N")])).toEqual([
      [a.id, "N sections, the import saved N"],
      [b.id, "N pledges, the import saved N"],
    ]);

    await db.auditEvent.deleteMany({ where: { reportId: b.id, action: "report.import" } });
    expect((await checkReportIntegrity()).problems.find((p) => p.reportId === b.id)?.problem).toBe(
      "0 import audit events",
    );
  });

  it("accepts fewer pledges once an analyst has edited them", async () => {
    const r = await importReport(null, corpus("hailar/hailar_2016.txt"), "c.txt");
    const p = await db.pledge.findFirstOrThrow({ where: { reportId: r.id } });
    await db.pledge.delete({ where: { id: p.id } });
    await db.auditEvent.create({
      data: { entityType: "pledge", entityId: p.id, action: "pledge.delete", reportId: r.id },
    });
    expect((await checkReportIntegrity()).problems.filter((x) => x.reportId === r.id)).toEqual([]);
  });
});
