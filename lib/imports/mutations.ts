import "server-only";
import { AppError } from "@/lib/app-error";
import { recordAuditEvent } from "@/lib/audit/mutations";
import { can } from "@/lib/auth/permissions";
import { db, writeTransaction } from "@/lib/db";
import { importReport, previewImport } from "@/lib/reports/import";
import { reportMetaSchema, type ReportMeta } from "@/lib/reports/schema";
import { expandUpload, importErrorCode, type BatchFile } from "./batch";
import {
  FIXABLE_PROBLEMS,
  MAX_BATCH_BYTES,
  MAX_BATCH_FILES,
  MAX_OPEN_JOBS,
  type ImportJobRef,
  type UpdateImportFileInput,
} from "./schema";

/**
 * Batch imports (issue 19). The page uploads files into a job; a server process (lib/imports/runner.ts)
 * claims the job and reads each file, then — once the person has checked the table and started
 * the import — imports the included files one at a time. Each file's import is the single-file
 * import (one transaction, report.import audit row), so a stopped process leaves every file either
 * imported or not, and one bad file fails alone.
 */

const OPEN_STATES = ["analysing", "review", "importing"];
/** Files whose problem a person can put right in the table (the others can never be imported). */

/**
 * Adds uploaded files to the actor's job `jobId` (a new job when null): a .zip adds its entries.
 * Refused when the job is no longer taking files (CONFLICT JOB_NOT_OPEN), when the batch would pass
 * MAX_BATCH_FILES or MAX_BATCH_BYTES (INVALID_INPUT BATCH_TOO_LARGE), or when the actor already has
 * MAX_OPEN_JOBS unfinished jobs (CONFLICT TOO_MANY_JOBS). A zip that cannot be read or breaks the
 * archive caps is refused whole (INVALID_INPUT with its code).
 */
export async function addImportFiles(
  actorId: string,
  jobId: string | null,
  uploads: { name: string | null; bytes: Uint8Array }[],
): Promise<{ jobId: string; added: number }> {
  let files: BatchFile[];
  try {
    files = uploads.flatMap((u) => expandUpload(u.name, u.bytes));
  } catch (e) {
    throw new AppError("INVALID_INPUT", importErrorCode(e));
  }
  return writeTransaction(async (tx) => {
    let id = jobId;
    if (id === null) {
      const open = await tx.importJob.count({
        where: { userId: actorId, state: { in: OPEN_STATES } },
      });
      if (open >= MAX_OPEN_JOBS) throw new AppError("CONFLICT", "TOO_MANY_JOBS");
      id = (
        await tx.importJob.create({
          data: { userId: actorId, state: "analysing" },
          select: { id: true },
        })
      ).id;
      await recordAuditEvent(tx, {
        actorId,
        entityType: "import",
        entityId: id,
        action: "import.create",
      });
    } else {
      const job = await tx.importJob.findFirst({
        where: { id, userId: actorId },
        select: { state: true },
      });
      if (!job) throw new AppError("NOT_FOUND");
      if (job.state !== "analysing" && job.state !== "review")
        throw new AppError("CONFLICT", "JOB_NOT_OPEN");
    }
    const existing = await tx.importJobFile.aggregate({
      where: { jobId: id },
      _count: true,
      _sum: { size: true },
      _max: { position: true },
    });
    const bytes = (existing._sum.size ?? 0) + files.reduce((n, f) => n + f.size, 0);
    if (existing._count + files.length > MAX_BATCH_FILES || bytes > MAX_BATCH_BYTES)
      throw new AppError("INVALID_INPUT", "BATCH_TOO_LARGE");
    let position = (existing._max.position ?? -1) + 1;
    for (const f of files) {
      await tx.importJobFile.create({
        data: {
          jobId: id,
          position: position++,
          name: f.name,
          size: f.size,
          bytes: f.bytes ? Buffer.from(f.bytes) : null,
          state: f.problem ? "problem" : "pending",
          include: !f.problem,
          problem: f.problem,
        },
      });
    }
    if (files.some((f) => !f.problem))
      await tx.importJob.update({ where: { id }, data: { state: "analysing" } });
    await recordAuditEvent(tx, {
      actorId,
      entityType: "import",
      entityId: id,
      action: "import.add_files",
      after: { files: files.length, names: files.slice(0, 20).map((f) => f.name) },
    });
    return { jobId: id, added: files.length };
  });
}

/**
 * Corrects one row of the actor's job while it is being checked: whether to import the file, and
 * the metadata to import it with (validated as the single-file import does). A row whose problem
 * was only its metadata (no region…) becomes ready once the metadata is right. Files that can never
 * be imported (not a report, a duplicate) cannot be included (INVALID_INPUT NOT_IMPORTABLE).
 */
export async function updateImportFile(
  actorId: string,
  input: UpdateImportFileInput,
): Promise<{ state: string; problem: string | null }> {
  return writeTransaction(async (tx) => {
    const file = await tx.importJobFile.findFirst({
      where: { id: input.fileId, jobId: input.jobId, job: { userId: actorId } },
      select: {
        id: true,
        state: true,
        problem: true,
        include: true,
        region: true,
        level: true,
        year: true,
        title: true,
        deliveredOn: true,
        speaker: true,
        meeting: true,
        script: true,
        regionQuestion: true,
        job: { select: { state: true } },
      },
    });
    if (!file) throw new AppError("NOT_FOUND");
    if (file.job.state !== "review" && file.job.state !== "analysing")
      throw new AppError("CONFLICT", "JOB_NOT_OPEN");
    if (file.state !== "ready" && file.state !== "problem")
      throw new AppError("CONFLICT", "FILE_NOT_READY");
    const fixable =
      file.state === "ready" || (file.problem !== null && FIXABLE_PROBLEMS.has(file.problem));
    let state = file.state;
    let problem = file.problem;
    let include = input.include ?? file.include;
    const data: Record<string, unknown> = {};
    if (input.meta) {
      if (!fixable) throw new AppError("INVALID_INPUT", "NOT_IMPORTABLE");
      Object.assign(data, input.meta);
      const checked = reportMetaSchema.safeParse(input.meta);
      problem = checked.success ? null : (checked.error.issues[0]?.message ?? "INVALID_INPUT");
      if (problem && !/^[A-Z_]+$/.test(problem)) problem = "INVALID_INPUT";
      state = problem ? "problem" : "ready";
      if (input.include === undefined) include = !problem;
    }
    if (input.meta && input.meta.region !== file.region) {
      // Another name: the old question and its answer no longer apply (import checks the new name).
      Object.assign(data, { regionQuestion: null, regionId: null, newRegion: false });
    } else if (input.regionAnswer) {
      // Only a region the question offered, or "new".
      const offered = file.regionQuestion
        ? (JSON.parse(file.regionQuestion) as { id: string }[]).map((c) => c.id)
        : [];
      if (
        !file.regionQuestion ||
        ("regionId" in input.regionAnswer && !offered.includes(input.regionAnswer.regionId))
      )
        throw new AppError("INVALID_INPUT", "REGION_ANSWER_INVALID");
      Object.assign(
        data,
        "regionId" in input.regionAnswer
          ? { regionId: input.regionAnswer.regionId, newRegion: false }
          : { regionId: null, newRegion: true },
      );
      if (problem === "REGION_UNCONFIRMED") {
        problem = null;
        state = "ready";
        if (input.include === undefined) include = true;
      }
    } else if (problem === null && state === "ready" && file.regionQuestion && input.meta) {
      state = "problem";
      problem = "REGION_UNCONFIRMED";
    }
    if (include && (state !== "ready" || !fixable))
      throw new AppError("INVALID_INPUT", "NOT_IMPORTABLE");
    await tx.importJobFile.update({
      where: { id: file.id },
      data: { ...data, state, problem, include },
    });
    await recordAuditEvent(tx, {
      actorId,
      entityType: "import",
      entityId: input.jobId,
      action: "import.update_file",
      before: {
        file: file.id,
        include: file.include,
        region: file.region,
        year: file.year,
        title: file.title,
      },
      after: {
        file: file.id,
        include,
        ...(input.meta
          ? { region: input.meta.region, year: input.meta.year, title: input.meta.title }
          : {}),
        ...(input.regionAnswer ? { regionAnswer: input.regionAnswer } : {}),
      },
    });
    return { state, problem };
  });
}

/**
 * Starts importing the actor's checked job: its included ready files are queued (in table order),
 * the others skipped, and a server process picks it up. Refused while files are still being read
 * (CONFLICT STILL_ANALYSING), when nothing is included (INVALID_INPUT NOTHING_TO_IMPORT), or when
 * the job is past checking (CONFLICT JOB_NOT_OPEN).
 */
export async function startImportJob(
  actorId: string,
  input: ImportJobRef,
): Promise<{ queued: number }> {
  return writeTransaction(async (tx) => {
    const job = await tx.importJob.findFirst({
      where: { id: input.jobId, userId: actorId },
      select: { id: true, state: true },
    });
    if (!job) throw new AppError("NOT_FOUND");
    if (job.state === "analysing") throw new AppError("CONFLICT", "STILL_ANALYSING");
    if (job.state !== "review") throw new AppError("CONFLICT", "JOB_NOT_OPEN");
    const queued = await tx.importJobFile.updateMany({
      where: { jobId: job.id, state: "ready", include: true },
      data: { state: "queued" },
    });
    if (queued.count === 0) throw new AppError("INVALID_INPUT", "NOTHING_TO_IMPORT");
    const skipped = await tx.importJobFile.updateMany({
      where: { jobId: job.id, state: { in: ["ready", "problem"] } },
      data: { state: "skipped", bytes: null },
    });
    await tx.importJob.update({
      where: { id: job.id },
      data: { state: "importing", startedAt: new Date() },
    });
    await recordAuditEvent(tx, {
      actorId,
      entityType: "import",
      entityId: job.id,
      action: "import.start",
      after: { queued: queued.count, skipped: skipped.count },
    });
    return { queued: queued.count };
  });
}

/**
 * Cancels the actor's job: files not yet imported are skipped (their bytes dropped); a file being
 * imported at this moment finishes (its transaction is all or nothing). Reports already imported stay.
 */
export async function cancelImportJob(actorId: string, input: ImportJobRef): Promise<void> {
  await writeTransaction(async (tx) => {
    const job = await tx.importJob.findFirst({
      where: { id: input.jobId, userId: actorId },
      select: { id: true, state: true },
    });
    if (!job) throw new AppError("NOT_FOUND");
    if (!OPEN_STATES.includes(job.state)) throw new AppError("CONFLICT", "JOB_NOT_OPEN");
    const skipped = await tx.importJobFile.updateMany({
      where: { jobId: job.id, state: { in: ["pending", "ready", "problem", "queued"] } },
      data: { state: "skipped", bytes: null },
    });
    await tx.importJob.update({
      where: { id: job.id },
      data: { state: "cancelled", finishedAt: new Date(), currentFile: null },
    });
    await recordAuditEvent(tx, {
      actorId,
      entityType: "import",
      entityId: job.id,
      action: "import.cancel",
      before: { state: job.state },
      after: { skipped: skipped.count },
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The background side: claiming a job, and one step of work on it (lib/imports/runner.ts loops).

/** A claim not renewed for this long belongs to a process that stopped: another may take the job over. */
export const CLAIM_STALE_MS = 30_000;

/**
 * Claims a job that needs work (files to read, or an import under way) and that nobody holds, or
 * whose holder stopped renewing its claim: `jobId` that one, else any. The claim is one conditional
 * UPDATE on the claim as it was read, so when several server processes race for a job, exactly one
 * gets it. A job taken over from a stopped process counts as resumed. Returns the job's id, or null.
 */
export async function claimImportJob(
  owner: string,
  jobId?: string,
  now: Date = new Date(),
): Promise<string | null> {
  const stale = new Date(now.getTime() - CLAIM_STALE_MS);
  const claimable = {
    state: { in: ["analysing", "importing"] },
    OR: [{ claimedBy: null }, { heartbeatAt: null }, { heartbeatAt: { lt: stale } }],
  };
  const candidates = await db.importJob.findMany({
    where: { ...(jobId ? { id: jobId } : {}), ...claimable },
    select: { id: true, claimedBy: true },
    orderBy: { createdAt: "asc" },
    take: 5,
  });
  for (const c of candidates) {
    const taken = await db.importJob.updateMany({
      where: { id: c.id, claimedBy: c.claimedBy, ...claimable },
      data: {
        claimedBy: owner,
        heartbeatAt: now,
        ...(c.claimedBy ? { resumed: { increment: 1 } } : {}),
      },
    });
    if (taken.count === 1) return c.id;
  }
  return null;
}

/** Renews the owner's claims; returns how many it still holds (0 for a job lost to a takeover). */
export async function renewImportClaims(
  owner: string,
  jobIds: string[],
  now: Date = new Date(),
): Promise<number> {
  if (!jobIds.length) return 0;
  return (
    await db.importJob.updateMany({
      where: { id: { in: jobIds }, claimedBy: owner },
      data: { heartbeatAt: now },
    })
  ).count;
}

/** Gives a job back (at the end of its work, or when the process stops). */
export async function releaseImportJob(owner: string, jobId: string): Promise<void> {
  await db.importJob.updateMany({
    where: { id: jobId, claimedBy: owner },
    data: { claimedBy: null, heartbeatAt: null, currentFile: null },
  });
}

export type StepOutcome = "continue" | "idle" | "lost";

/**
 * Does one unit of work on a job the owner holds: reads one pending file, or imports one queued
 * file (first a file left half-way by a stopped process), or — with nothing left — moves the job
 * on (analysing → review, importing → done) and releases it. "lost" when the claim was taken over.
 */
export async function runImportJobStep(owner: string, jobId: string): Promise<StepOutcome> {
  const job = await db.importJob.findFirst({
    where: { id: jobId, claimedBy: owner },
    select: { id: true, state: true, userId: true },
  });
  if (!job) return "lost";
  if (!(await renewImportClaims(owner, [jobId]))) return "lost";
  const pending = await db.importJobFile.findFirst({
    where: { jobId, state: "pending" },
    orderBy: { position: "asc" },
    select: { id: true, name: true, position: true, bytes: true },
  });
  if (pending && job.state === "analysing") {
    await analyseJobFile(owner, jobId, pending);
    return "continue";
  }
  if (job.state === "analysing") {
    await db.importJob.updateMany({
      where: { id: jobId, claimedBy: owner, state: "analysing" },
      data: { state: "review" },
    });
    await releaseImportJob(owner, jobId);
    return "idle";
  }
  if (job.state === "importing") {
    const user = await db.user.findUnique({
      where: { id: job.userId },
      select: { role: true, disabled: true },
    });
    if (!user || user.disabled || !can(user.role, "report:import")) {
      // The person lost the right to import since they started: nothing more is imported in their name.
      await db.importJobFile.updateMany({
        where: { jobId, state: { in: ["queued", "importing"] } },
        data: { state: "failed", problem: "FORBIDDEN", bytes: null },
      });
    } else {
      const next =
        (await db.importJobFile.findFirst({
          where: { jobId, state: "importing" },
          orderBy: { position: "asc" },
          select: FILE_TO_IMPORT,
        })) ??
        (await db.importJobFile.findFirst({
          where: { jobId, state: "queued" },
          orderBy: { position: "asc" },
          select: FILE_TO_IMPORT,
        }));
      if (next) {
        await importJobFile(owner, job, next);
        return "continue";
      }
    }
    await db.importJob.updateMany({
      where: { id: jobId, claimedBy: owner, state: "importing" },
      data: { state: "done", finishedAt: new Date() },
    });
  }
  await releaseImportJob(owner, jobId);
  return "idle";
}

/** Reads one file as the single-file preview does: metadata, counts, duplicates (in the database and earlier in the batch). */
async function analyseJobFile(
  owner: string,
  jobId: string,
  file: { id: string; name: string; position: number; bytes: Uint8Array | null },
): Promise<void> {
  await db.importJob.updateMany({
    where: { id: jobId, claimedBy: owner },
    data: { currentFile: file.name },
  });
  const started = performance.now();
  try {
    const preview = await previewImport(file.bytes ?? new Uint8Array(0), file.name);
    const twin = await db.importJobFile.findFirst({
      where: { jobId, contentHash: preview.contentHash, position: { lt: file.position } },
      select: { id: true },
    });
    const m = preview.meta;
    const asks = preview.region.kind === "ask" ? preview.region.candidates : null;
    const problem = preview.duplicateOf
      ? "DUPLICATE"
      : twin
        ? "DUPLICATE_IN_BATCH"
        : !m.region
          ? "REGION_REQUIRED"
          : asks
            ? "REGION_UNCONFIRMED"
            : null;
    await db.importJobFile.update({
      where: { id: file.id },
      data: {
        state: problem ? "problem" : "ready",
        include: !problem,
        problem,
        contentHash: preview.contentHash,
        encoding: preview.encoding,
        characters: preview.characters,
        pledges: preview.pledgeCount,
        trackable: preview.tiers.trackable,
        region: m.region,
        level: m.level,
        year: m.year,
        title: m.title,
        deliveredOn: m.deliveredOn,
        speaker: m.speaker,
        meeting: m.meeting,
        script: m.script,
        regionQuestion: asks
          ? JSON.stringify(asks.map((c) => ({ id: c.id, label: [...c.path, c.name].join(" › ") })))
          : null,
        duplicateReportId: preview.duplicateOf?.id ?? null,
        duplicateFileId: twin?.id ?? null,
        durationMs: Math.round(performance.now() - started),
      },
    });
  } catch (e) {
    // Not a report, past a cap, out of time…: this file only; it can never be imported.
    await db.importJobFile.update({
      where: { id: file.id },
      data: {
        state: "problem",
        include: false,
        problem: importErrorCode(e),
        bytes: null,
        durationMs: Math.round(performance.now() - started),
      },
    });
  }
}

const FILE_TO_IMPORT = {
  id: true,
  name: true,
  state: true,
  bytes: true,
  contentHash: true,
  region: true,
  level: true,
  year: true,
  title: true,
  deliveredOn: true,
  speaker: true,
  meeting: true,
  script: true,
  regionId: true,
  newRegion: true,
} as const;

type FileToImport = {
  id: string;
  name: string;
  state: string;
  bytes: Uint8Array | null;
  contentHash: string | null;
  regionId: string | null;
  newRegion: boolean;
} & Record<
  "region" | "level" | "title" | "deliveredOn" | "speaker" | "meeting" | "script",
  string | null
> & { year: number | null };

/**
 * Imports one file in the job owner's name with its checked metadata, through the single-file
 * import. A file found "importing" was left by a process that stopped mid-way: its report either
 * committed (then it is recorded as imported) or not (then it is imported now).
 */
async function importJobFile(
  owner: string,
  job: { id: string; userId: string },
  file: FileToImport,
): Promise<void> {
  const started = performance.now();
  if (file.state === "importing" && file.contentHash) {
    const committed = await db.report.findUnique({
      where: { contentHash: file.contentHash },
      select: { id: true, _count: { select: { pledges: true } } },
    });
    if (committed) {
      await db.importJobFile.update({
        where: { id: file.id },
        data: {
          state: "imported",
          reportId: committed.id,
          pledges: committed._count.pledges,
          bytes: null,
        },
      });
      return;
    }
  }
  await db.importJobFile.update({ where: { id: file.id }, data: { state: "importing" } });
  await db.importJob.updateMany({
    where: { id: job.id, claimedBy: owner },
    data: { currentFile: file.name },
  });
  const meta: Partial<ReportMeta> = {
    region: file.region ?? "",
    level: (file.level ?? "other") as ReportMeta["level"],
    year: file.year,
    title: file.title ?? "",
    deliveredOn: file.deliveredOn,
    speaker: file.speaker,
    meeting: file.meeting,
    script: (file.script ?? "simplified") as ReportMeta["script"],
  };
  try {
    const created = await importReport(
      job.userId,
      file.bytes ?? new Uint8Array(0),
      file.name,
      meta,
      {},
      file.newRegion
        ? { newRegion: true }
        : file.regionId
          ? { regionId: file.regionId }
          : undefined,
    );
    await db.importJobFile.update({
      where: { id: file.id },
      data: {
        state: "imported",
        reportId: created.id,
        pledges: created.pledges,
        problem: null,
        bytes: null,
        durationMs: Math.round(performance.now() - started),
      },
    });
  } catch (e) {
    await db.importJobFile.update({
      where: { id: file.id },
      data: {
        state: "failed",
        problem: importErrorCode(e),
        bytes: null,
        durationMs: Math.round(performance.now() - started),
      },
    });
  }
}
