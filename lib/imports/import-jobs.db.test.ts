import { readFileSync } from "node:fs";
import path from "node:path";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getPairing } from "@/lib/pairing/data";
import { importReport } from "@/lib/reports/import";
import { getImportJob } from "./data";
import {
  addImportFiles,
  cancelImportJob,
  claimImportJob,
  CLAIM_STALE_MS,
  releaseImportJob,
  runImportJobStep,
  startImportJob,
  updateImportFile,
} from "./mutations";

const hailar = (year: number) =>
  readFileSync(path.join(__dirname, "..", "..", "seed", "reports", "hailar", `hailar_${year}.txt`));
/** A copy of a Hailar report that no other test of this file imports (a line of its own at the end). */
const copy = (year: number, tag: string) =>
  Buffer.concat([hailar(year), Buffer.from(`\n（批量导入测试 ${tag}）\n`)]);

let n = 0;
async function user(role = "analyst") {
  n++;
  return db.user.create({
    data: { email: `batch-${n}-${role}@duixian.test`, name: `Batch ${n}`, passwordHash: "x", role },
    select: { id: true },
  });
}

/** Runs the job's steps as the background worker does, until it has nothing to do. */
async function runUntilIdle(owner: string, jobId: string): Promise<void> {
  expect(await claimImportJob(owner, jobId)).toBe(jobId);
  for (let i = 0; i < 200; i++) if ((await runImportJobStep(owner, jobId)) !== "continue") return;
  throw new Error("the job never went idle");
}

describe("batch import jobs (real database)", () => {
  it("reads a zip's reports, flags the broken file and the duplicate, imports the rest in the owner's name and pairs consecutive years", async () => {
    const u = await user();
    const zip = zipSync({
      "海拉尔/hailar_2012.txt": copy(2012, "a"),
      "海拉尔/hailar_2013.txt": copy(2013, "a"),
      "海拉尔/hailar_2014.txt": copy(2014, "a"),
      "海拉尔/hailar_2014 副本.txt": copy(2014, "a"),
      "海拉尔/broken.txt": strToU8("今天天气很好，我们去公园散步。"),
      "海拉尔/image.txt": new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
    });
    const { jobId, added } = await addImportFiles(u.id, null, [{ name: "hailar.zip", bytes: zip }]);
    expect(added).toBe(6);
    await runUntilIdle("worker-a", jobId);

    const checked = (await getImportJob(u.id, jobId))!;
    expect(checked.state).toBe("review");
    const row = (name: string) => checked.files.find((f) => f.name.endsWith(name))!;
    expect(row("hailar_2012.txt")).toMatchObject({
      state: "ready",
      include: true,
      meta: { region: "海拉尔区", year: 2012 },
      pairsWith: "海拉尔/hailar_2013.txt",
    });
    expect(row("hailar_2014.txt").sameRegionYear).toBeNull();
    expect(row("hailar_2014 副本.txt")).toMatchObject({
      state: "problem",
      problem: "DUPLICATE_IN_BATCH",
      include: false,
      duplicateFile: "海拉尔/hailar_2014.txt",
    });
    expect(row("broken.txt")).toMatchObject({
      state: "problem",
      problem: "NOT_A_REPORT",
      include: false,
    });
    expect(row("image.txt")).toMatchObject({ state: "problem", problem: "UNSUPPORTED_FORMAT" });
    expect(row("hailar_2012.txt").pledges).toBeGreaterThan(50);

    // The person corrects a title and leaves 2014 out; a broken file cannot be put back in.
    await updateImportFile(u.id, {
      jobId,
      fileId: row("hailar_2013.txt").id,
      meta: {
        ...row("hailar_2013.txt").meta,
        level: "district",
        script: "simplified",
        title: "2013年海拉尔区政府工作报告（批量）",
      },
    });
    await updateImportFile(u.id, { jobId, fileId: row("hailar_2014.txt").id, include: false });
    await expect(
      updateImportFile(u.id, { jobId, fileId: row("broken.txt").id, include: true }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", message: "NOT_IMPORTABLE" });

    expect(await startImportJob(u.id, { jobId })).toEqual({ queued: 2 });
    await runUntilIdle("worker-a", jobId);
    const done = (await getImportJob(u.id, jobId))!;
    expect(done.state).toBe("done");
    expect(done.counts).toMatchObject({ imported: 2, skipped: 4, failed: 0 });
    expect(done.progress).toMatchObject({ total: 2, done: 2 });
    const reportOf = (name: string) => done.files.find((f) => f.name.endsWith(name))!.reportId!;
    const r2012 = await db.report.findUniqueOrThrow({
      where: { id: reportOf("hailar_2012.txt") },
      select: { importedById: true },
    });
    const r2013 = await db.report.findUniqueOrThrow({
      where: { id: reportOf("hailar_2013.txt") },
      select: { id: true, title: true },
    });
    expect(r2012).toEqual({ importedById: u.id });
    expect((await getPairing(db, reportOf("hailar_2012.txt")))?.review?.id).toBe(r2013.id);
    expect(r2013.title).toBe("2013年海拉尔区政府工作报告（批量）");
    // The bytes are dropped once a file is done with.
    expect(await db.importJobFile.count({ where: { jobId, NOT: { bytes: null } } })).toBe(0);
    expect(
      await db.auditEvent.count({ where: { entityType: "import", entityId: jobId } }),
    ).toBeGreaterThanOrEqual(4);
  });

  it("a region name close to an existing one asks in the table; the answer imports the file into the region chosen", async () => {
    const u = await user();
    const first = await importReport(u.id, copy(2014, "region-a"), "2014.txt");
    const regionId = (
      await db.report.findUniqueOrThrow({ where: { id: first.id }, select: { regionId: true } })
    ).regionId;
    const close = Buffer.from(
      copy(2015, "region-b").toString("utf8").replaceAll("海拉尔区", "海拉区"),
      "utf8",
    );
    const { jobId } = await addImportFiles(u.id, null, [{ name: "2015.txt", bytes: close }]);
    await runUntilIdle(u.id, jobId);
    const row = (await getImportJob(u.id, jobId))!.files[0];
    expect(row).toMatchObject({ state: "problem", problem: "REGION_UNCONFIRMED", include: false });
    expect(row.regionQuestion?.candidates.map((c) => c.id)).toContain(regionId);
    // Only an offered region, or "new".
    await expect(
      updateImportFile(u.id, {
        jobId,
        fileId: row.id,
        regionAnswer: { regionId: "cnotoffered0000000000000" },
      }),
    ).rejects.toMatchObject({ message: "REGION_ANSWER_INVALID" });
    expect(
      await updateImportFile(u.id, { jobId, fileId: row.id, regionAnswer: { regionId } }),
    ).toMatchObject({ state: "ready", problem: null });
    await startImportJob(u.id, { jobId });
    await runUntilIdle(u.id, jobId);
    const done = (await getImportJob(u.id, jobId))!.files[0];
    expect(done.state).toBe("imported");
    expect(
      (
        await db.report.findUniqueOrThrow({
          where: { id: done.reportId! },
          select: { regionId: true },
        })
      ).regionId,
    ).toBe(regionId);
  });

  it("a file that fails at import time fails alone: the files after it are imported", async () => {
    const u = await user();
    const { jobId } = await addImportFiles(u.id, null, [
      { name: "hailar_2015.txt", bytes: copy(2015, "b") },
      { name: "hailar_2016.txt", bytes: copy(2016, "b") },
      { name: "hailar_2014.txt", bytes: copy(2014, "b") },
    ]);
    await runUntilIdle("worker-a", jobId);
    await startImportJob(u.id, { jobId });
    // Meanwhile someone imports one of them by hand: its import in the batch is refused as a duplicate.
    await importReport(null, copy(2016, "b"), "by-hand.txt");
    await runUntilIdle("worker-a", jobId);
    const job = (await getImportJob(u.id, jobId))!;
    expect(job.files.map((f) => [f.name, f.state, f.problem])).toEqual([
      ["hailar_2015.txt", "imported", null],
      ["hailar_2016.txt", "failed", "DUPLICATE"],
      ["hailar_2014.txt", "imported", null],
    ]);
    expect(job.state).toBe("done");
  });

  it("exactly one of several processes racing for a job claims it; a stopped holder's job is taken over and resumed", async () => {
    const u = await user();
    const { jobId } = await addImportFiles(u.id, null, [
      { name: "hailar_2012.txt", bytes: copy(2012, "c") },
    ]);
    const claims = await Promise.all(
      ["p1", "p2", "p3", "p4"].map((owner) => claimImportJob(owner, jobId)),
    );
    expect(claims.filter((c) => c === jobId)).toHaveLength(1);
    const holder = ["p1", "p2", "p3", "p4"][claims.indexOf(jobId)];
    // Another process cannot work on it.
    expect(await runImportJobStep("intruder", jobId)).toBe("lost");
    // The holder dies (no more heartbeats): after CLAIM_STALE_MS another process takes it over.
    expect(await claimImportJob("p5", jobId, new Date(Date.now() + CLAIM_STALE_MS / 2))).toBeNull();
    expect(await claimImportJob("p5", jobId, new Date(Date.now() + CLAIM_STALE_MS + 1000))).toBe(
      jobId,
    );
    expect(await runImportJobStep(holder, jobId)).toBe("lost");
    expect((await db.importJob.findUniqueOrThrow({ where: { id: jobId } })).resumed).toBe(1);
    await releaseImportJob("p5", jobId);
  });

  it("a file left mid-import by a process that stopped: a committed report is recorded, not imported twice", async () => {
    const u = await user();
    const { jobId } = await addImportFiles(u.id, null, [
      { name: "hailar_2013.txt", bytes: copy(2013, "d") },
    ]);
    await runUntilIdle("worker-a", jobId);
    await startImportJob(u.id, { jobId });
    // The process committed the report, then died before writing the file's result.
    const file = await db.importJobFile.findFirstOrThrow({ where: { jobId } });
    const committed = await importReport(u.id, copy(2013, "d"), "hailar_2013.txt");
    await db.importJobFile.update({ where: { id: file.id }, data: { state: "importing" } });
    await runUntilIdle("worker-b", jobId);
    expect(await db.importJobFile.findUniqueOrThrow({ where: { id: file.id } })).toMatchObject({
      state: "imported",
      reportId: committed.id,
      problem: null,
    });
  });

  it("jobs are their owner's: another person's id finds nothing; a person who can no longer import imports nothing more", async () => {
    const [owner, other] = [await user(), await user()];
    const { jobId } = await addImportFiles(owner.id, null, [
      { name: "hailar_2015.txt", bytes: copy(2015, "e") },
    ]);
    expect(await getImportJob(other.id, jobId)).toBeNull();
    await expect(
      addImportFiles(other.id, jobId, [{ name: "x.txt", bytes: copy(2016, "e") }]),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(startImportJob(other.id, { jobId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(cancelImportJob(other.id, { jobId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(startImportJob(owner.id, { jobId })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "STILL_ANALYSING",
    });
    await runUntilIdle("worker-a", jobId);
    await startImportJob(owner.id, { jobId });
    await db.user.update({ where: { id: owner.id }, data: { role: "viewer" } });
    await runUntilIdle("worker-a", jobId);
    const job = (await getImportJob(owner.id, jobId))!;
    expect(job.files[0]).toMatchObject({ state: "failed", problem: "FORBIDDEN", reportId: null });
  });

  it("refuses a zip bomb or an unreadable zip whole, and caps open jobs per person", async () => {
    const u = await user();
    await expect(
      addImportFiles(u.id, null, [
        { name: "bad.zip", bytes: new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]) },
      ]),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", message: "ZIP_INVALID" });
    for (let i = 0; i < 3; i++)
      await addImportFiles(u.id, null, [{ name: `x${i}.txt`, bytes: strToU8("x") }]);
    await expect(
      addImportFiles(u.id, null, [{ name: "x.txt", bytes: strToU8("x") }]),
    ).rejects.toMatchObject({ code: "CONFLICT", message: "TOO_MANY_JOBS" });
  });
});
