import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { isPostgresUrl } from "@/lib/db-url";
import { importReport } from "@/lib/reports/import";
import { createUser } from "@/lib/users/mutations";
import { approveAssessment, bulkUpdate, saveAssessment, submitAssessment } from "./mutations";

/**
 * The data part of migration …_pledge_assessed_by, on the engine under test: the backfill of
 * Pledge.assessedById/assessedAt from the audit trail. It is run again here on pledges whose
 * columns are emptied, as they were before the migration.
 */
const MIGRATION = "20261203081501_pledge_assessed_by";

function backfillSql(): string {
  const dir = isPostgresUrl(process.env.DATABASE_URL ?? "")
    ? path.join("prisma", "postgresql", "migrations")
    : path.join("prisma", "migrations");
  const sql = readFileSync(path.join(process.cwd(), dir, MIGRATION, "migration.sql"), "utf8");
  const at = sql.search(/^UPDATE "Pledge"/m);
  expect(at).toBeGreaterThan(0);
  const update = sql.slice(at);
  return update.trim().replace(/;$/, "");
}

type Actor = { id: string; role: string };
let analyst: Actor, reviewer: Actor, reviewer2: Actor;
let pledgeIds: string[];

beforeAll(async () => {
  const bytes = readFileSync(
    path.join(process.cwd(), "seed", "reports", "hailar", "hailar_2013.txt"),
  );
  const reportId = (await importReport(null, bytes, "hailar_2013.txt")).id;
  pledgeIds = (
    await db.pledge.findMany({
      where: { reportId },
      select: { id: true },
      orderBy: { position: "asc" },
      take: 4,
    })
  ).map((p) => p.id);
  const user = async (role: string, name: string) => ({
    id: (
      await createUser(null, {
        email: `${name}@backfill.test`,
        name,
        role: role as "analyst",
        password: "a-long-password",
      })
    ).id,
    role,
  });
  analyst = await user("analyst", "analyst");
  reviewer = await user("reviewer", "reviewer");
  reviewer2 = await user("reviewer", "reviewer2");
});

const version = async (id: string) =>
  (await db.pledge.findUniqueOrThrow({ where: { id } })).version;

describe("migration pledge_assessed_by: backfill from the audit trail", () => {
  it("sets the last writer from the latest assessment.save, leaves never-saved pledges null, and keeps approved verdicts approved", async () => {
    const [written, rewritten, bulk, untouched] = pledgeIds;
    // Written by the reviewer, submitted by the analyst, approved by another reviewer.
    await saveAssessment(reviewer, {
      pledgeId: written,
      version: await version(written),
      status: "fulfilled",
      rationale: "已完成。",
      reportedValue: null,
    });
    const sub = await submitAssessment(analyst, {
      pledgeId: written,
      version: await version(written),
    });
    await approveAssessment(reviewer2, { pledgeId: written, version: sub.version });
    // Written by the analyst, then rewritten by the reviewer: the latest save counts.
    await saveAssessment(analyst, {
      pledgeId: rewritten,
      version: await version(rewritten),
      status: "partial",
      rationale: "部分完成。",
      reportedValue: null,
    });
    await saveAssessment(reviewer, {
      pledgeId: rewritten,
      version: await version(rewritten),
      status: "partial",
      rationale: "部分完成，数据见公报。",
      reportedValue: null,
    });
    // A bulk edit writes an assessment.save too.
    await bulkUpdate(reviewer2, {
      pledgeIds: [bulk],
      status: "not_verifiable",
      rationale: "未提及。",
    });

    const expected = await db.pledge.findMany({
      where: { id: { in: pledgeIds } },
      select: { id: true, assessedById: true, assessedAt: true, reviewState: true, version: true },
    });
    const byId = new Map(expected.map((p) => [p.id, p]));
    expect(byId.get(written)).toMatchObject({ assessedById: reviewer.id, reviewState: "approved" });
    expect(byId.get(rewritten)?.assessedById).toBe(reviewer.id);
    expect(byId.get(bulk)?.assessedById).toBe(reviewer2.id);
    expect(byId.get(untouched)?.assessedById).toBeNull();

    // As before the migration: the columns are empty. Then the migration's backfill.
    await db.pledge.updateMany({
      where: { id: { in: pledgeIds } },
      data: { assessedById: null, assessedAt: null },
    });
    await db.$executeRawUnsafe(backfillSql());

    const after = await db.pledge.findMany({
      where: { id: { in: pledgeIds } },
      select: { id: true, assessedById: true, assessedAt: true, reviewState: true, version: true },
    });
    for (const p of after) {
      const e = byId.get(p.id)!;
      expect(p.assessedById).toBe(e.assessedById);
      expect(p.reviewState).toBe(e.reviewState); // approved stays approved
      expect(p.version).toBe(e.version);
      if (e.assessedById === null) expect(p.assessedAt).toBeNull();
      // The audit event is written in the same transaction as the save, a moment later.
      else expect(Math.abs(p.assessedAt!.getTime() - e.assessedAt!.getTime())).toBeLessThan(5_000);
    }
    // assessedAt is the time of that latest save event.
    const latestSave = await db.auditEvent.findFirstOrThrow({
      where: { pledgeId: written, action: "assessment.save" },
      orderBy: [{ at: "desc" }, { id: "desc" }],
    });
    expect(after.find((p) => p.id === written)?.assessedAt?.getTime()).toBe(
      latestSave.at.getTime(),
    );
  });
});
