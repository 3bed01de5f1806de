import "server-only";
import { db } from "@/lib/db";
import { toSimplified } from "@/lib/report/script";
import { CLAIM_STALE_MS } from "./mutations";
import {
  IMPORT_FILE_STATES,
  type ImportFileDto,
  type ImportFileState,
  type ImportJobDto,
  type ImportJobState,
} from "./schema";

const FILE_SELECT = {
  id: true,
  position: true,
  name: true,
  size: true,
  state: true,
  include: true,
  problem: true,
  encoding: true,
  characters: true,
  pledges: true,
  trackable: true,
  region: true,
  level: true,
  year: true,
  title: true,
  deliveredOn: true,
  speaker: true,
  meeting: true,
  script: true,
  regionQuestion: true,
  regionId: true,
  newRegion: true,
  duplicateReportId: true,
  duplicateFileId: true,
  reportId: true,
  durationMs: true,
} as const;

/**
 * The actor's job `jobId` as the batch table shows it (never another person's: NOT_FOUND is null),
 * with what the rows say about each other: the same content twice, the same region and year twice,
 * and which file's report will review which (same region, next year), and the time left, from the
 * files imported so far.
 */
export async function getImportJob(
  userId: string,
  jobId: string,
  now: Date = new Date(),
): Promise<ImportJobDto | null> {
  const job = await db.importJob.findFirst({
    where: { id: jobId, userId },
    select: {
      id: true,
      state: true,
      createdAt: true,
      startedAt: true,
      finishedAt: true,
      currentFile: true,
      resumed: true,
      claimedBy: true,
      heartbeatAt: true,
      files: { select: FILE_SELECT, orderBy: { position: "asc" } },
    },
  });
  if (!job) return null;
  const dupIds = [
    ...new Set(job.files.map((f) => f.duplicateReportId).filter((x): x is string => x !== null)),
  ];
  const dups = dupIds.length
    ? await db.report.findMany({ where: { id: { in: dupIds } }, select: { id: true, title: true } })
    : [];
  const dupById = new Map(dups.map((d) => [d.id, d]));
  const names = new Map(job.files.map((f) => [f.id, f.name]));

  // Region and year of each file that counts (included, or imported): keyed in simplified characters.
  const counts = (f: (typeof job.files)[number]) =>
    (f.include && f.state !== "skipped" && f.state !== "failed") || f.state === "imported";
  const key = (region: string | null, year: number | null) =>
    region && year !== null ? `${toSimplified(region.trim())}|${year}` : null;
  const byKey = new Map<string, string[]>();
  for (const f of job.files) {
    const k = counts(f) ? key(f.region, f.year) : null;
    if (k) byKey.set(k, [...(byKey.get(k) ?? []), f.name]);
  }

  const files: ImportFileDto[] = job.files.map((f) => {
    const k = counts(f) ? key(f.region, f.year) : null;
    const next = counts(f) && f.year !== null ? key(f.region, f.year + 1) : null;
    return {
      id: f.id,
      position: f.position,
      name: f.name,
      size: f.size,
      state: (IMPORT_FILE_STATES as readonly string[]).includes(f.state)
        ? (f.state as ImportFileState)
        : "problem",
      include: f.include,
      problem: f.problem,
      encoding: f.encoding,
      characters: f.characters,
      pledges: f.pledges,
      trackable: f.trackable,
      meta: {
        region: f.region ?? "",
        level: f.level ?? "other",
        year: f.year,
        title: f.title ?? "",
        deliveredOn: f.deliveredOn,
        speaker: f.speaker,
        meeting: f.meeting,
        script: f.script ?? "simplified",
      },
      regionQuestion: f.regionQuestion
        ? {
            candidates: parseCandidates(f.regionQuestion),
            answer: f.newRegion ? "new" : f.regionId,
          }
        : null,
      duplicateReport: f.duplicateReportId
        ? (dupById.get(f.duplicateReportId) ?? { id: f.duplicateReportId, title: "" })
        : null,
      duplicateFile: f.duplicateFileId ? (names.get(f.duplicateFileId) ?? null) : null,
      sameRegionYear: k ? (byKey.get(k)?.find((n) => n !== f.name) ?? null) : null,
      pairsWith: next ? (byKey.get(next)?.[0] ?? null) : null,
      reportId: f.reportId,
      durationMs: f.durationMs,
    };
  });

  const tally = Object.fromEntries(IMPORT_FILE_STATES.map((s) => [s, 0])) as Record<
    ImportFileState,
    number
  >;
  for (const f of files) tally[f.state]++;
  const total = tally.queued + tally.importing + tally.imported + tally.failed;
  const done = tally.imported + tally.failed;
  const timed = job.files.filter(
    (f) => (f.state === "imported" || f.state === "failed") && f.durationMs !== null,
  );
  const average = timed.length
    ? timed.reduce((n, f) => n + (f.durationMs ?? 0), 0) / timed.length
    : null;
  const working = job.state === "analysing" || job.state === "importing";
  return {
    id: job.id,
    state: job.state as ImportJobState,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    currentFile: working ? job.currentFile : null,
    resumed: job.resumed,
    stalled:
      working &&
      job.claimedBy !== null &&
      job.heartbeatAt !== null &&
      now.getTime() - job.heartbeatAt.getTime() > CLAIM_STALE_MS,
    counts: tally,
    progress: {
      total,
      done,
      etaMs:
        job.state === "importing" && average !== null ? Math.round(average * (total - done)) : null,
    },
    files,
  };
}

/** The actor's newest job still in progress (reading, to check, importing), for the import page after a reload. */
export async function findOpenImportJob(userId: string): Promise<string | null> {
  const job = await db.importJob.findFirst({
    where: { userId, state: { in: ["analysing", "review", "importing"] } },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  return job?.id ?? null;
}

/** The regions a question offered, as stored (JSON); nothing when the row holds something else. */
function parseCandidates(json: string): { id: string; label: string }[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v)
      ? v.filter(
          (c): c is { id: string; label: string } =>
            typeof c?.id === "string" && typeof c?.label === "string",
        )
      : [];
  } catch {
    return [];
  }
}
