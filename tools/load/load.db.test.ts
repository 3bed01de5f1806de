import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { importReport } from "@/lib/reports/import";
import { getAssessment } from "@/lib/assessments/data";
import { saveAssessment } from "@/lib/assessments/mutations";
import { createUser } from "@/lib/users/mutations";
import { assessmentIn } from "./load";

// The load test reads a pledge's version from the assessment panel's props in the page's RSC
// payload; this pins that to the real DTO (its field order), so a change there fails here first.
describe("assessmentIn on the real assessment DTO", () => {
  it("finds status, review state and version as the pledge page serialises them", async () => {
    const report = await importReport(
      null,
      readFileSync(
        path.join(__dirname, "..", "..", "seed", "reports", "hailar", "hailar_2014.txt"),
      ),
      "hailar_2014.txt",
    );
    const pledge = await db.pledge.findFirstOrThrow({
      where: { reportId: report.id },
      orderBy: { position: "asc" },
    });
    const analyst = await createUser(null, {
      email: "load-dto@duixian.test",
      name: "Load DTO",
      role: "analyst",
      password: "load-dto-password",
    });
    await saveAssessment(
      { id: analyst.id, role: "analyst" },
      {
        pledgeId: pledge.id,
        version: 1,
        status: "partial",
        rationale: '含 "引号" 与 "reviewState":"x"',
        reportedValue: null,
      },
    );
    const dto = await getAssessment(report.id, pledge.id);
    const flight = `7:["$","$L8",null,${JSON.stringify({ assessment: dto, assignableUsers: [] })}]`;
    expect(assessmentIn(flight, pledge.id)).toEqual({
      status: "partial",
      reviewState: "draft",
      version: 2,
    });
  });
});
