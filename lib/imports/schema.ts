import { z } from "zod";
import { REGION_LEVELS, SCRIPTS } from "@/lib/reports/schema";

/**
 * A batch import's life: files are read (`analysing`), the person checks the table (`review`),
 * the server imports them one by one (`importing`) until `done`; `cancelled` at any point before.
 */
export const IMPORT_JOB_STATES = ["analysing", "review", "importing", "done", "cancelled"] as const;
export type ImportJobState = (typeof IMPORT_JOB_STATES)[number];

/**
 * One file's life: `pending` (to read), then `ready` or `problem` (cannot be imported as it is: not
 * a report, a duplicate, no region…); once the import starts the included ready files are `queued`,
 * then `importing` and `imported` or `failed`; files left out become `skipped`.
 */
export const IMPORT_FILE_STATES = [
  "pending",
  "ready",
  "problem",
  "queued",
  "importing",
  "imported",
  "failed",
  "skipped",
] as const;
export type ImportFileState = (typeof IMPORT_FILE_STATES)[number];

/** Most files one batch may hold, and most bytes together (the zip reader's caps, for loose files too). */
export const MAX_BATCH_FILES = 1_000;
export const MAX_BATCH_BYTES = 100 * 1024 * 1024;
/** Unfinished batches one person may have at once (each holds its files' bytes until imported). */
export const MAX_OPEN_JOBS = 3;

const id = z.string().min(1).max(64);
const optionalText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : v),
    z.string().trim().max(max).nullable(),
  );

/** Problems a person can fix in the table (the metadata, or the answer to a region question); the others never import. */
export const FIXABLE_PROBLEMS: ReadonlySet<string> = new Set([
  "REGION_REQUIRED",
  "REGION_UNCONFIRMED",
  "TITLE_REQUIRED",
  "YEAR_INVALID",
  "DATE_INVALID",
  "INVALID_INPUT",
]);

/** A correction of one file's row in the table: what to import it with, or whether to import it. */
export const updateImportFileSchema = z.object({
  jobId: id,
  fileId: id,
  include: z.boolean().optional(),
  /** The answer to the row's region question: one of the regions it offered, or a new region. */
  regionAnswer: z
    .union([z.object({ regionId: id }), z.object({ newRegion: z.literal(true) })])
    .optional(),
  meta: z
    .object({
      region: z.string().trim().max(100),
      level: z.enum(REGION_LEVELS),
      year: z
        .number()
        .int()
        .min(1949, { message: "YEAR_INVALID" })
        .max(2100, { message: "YEAR_INVALID" })
        .nullable(),
      title: z.string().trim().max(200),
      deliveredOn: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "DATE_INVALID" })
        .nullable(),
      speaker: optionalText(50),
      meeting: optionalText(200),
      script: z.enum(SCRIPTS),
    })
    .optional(),
});
export type UpdateImportFileInput = z.infer<typeof updateImportFileSchema>;

export const importJobRefSchema = z.object({ jobId: id });
export type ImportJobRef = z.infer<typeof importJobRefSchema>;

/** One row of the batch table. */
export type ImportFileDto = {
  id: string;
  position: number;
  name: string;
  size: number;
  state: ImportFileState;
  include: boolean;
  problem: string | null;
  encoding: string | null;
  characters: number | null;
  pledges: number | null;
  trackable: number | null;
  meta: {
    region: string;
    level: string;
    year: number | null;
    title: string;
    deliveredOn: string | null;
    speaker: string | null;
    meeting: string | null;
    script: string;
  };
  /** A region name close to existing regions: the regions it may mean, and the answer given (a region id, "new", or none yet). */
  regionQuestion: { candidates: { id: string; label: string }[]; answer: string | null } | null;
  duplicateReport: { id: string; title: string } | null;
  /** The earlier file of this batch with the same content. */
  duplicateFile: string | null;
  /** Another included file of this batch claims the same region and year. */
  sameRegionYear: string | null;
  /** The included file of this batch with the same region and the next year: this report's plan will be reviewed by it. */
  pairsWith: string | null;
  reportId: string | null;
  durationMs: number | null;
};

/** A batch import as the page shows it, polled while it runs. */
export type ImportJobDto = {
  id: string;
  state: ImportJobState;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** The file being read or imported now. */
  currentFile: string | null;
  /** Times a server process that stopped was replaced by another mid-job. */
  resumed: number;
  /** The claim holder has not been heard from for a while: it stopped; another process takes over. */
  stalled: boolean;
  counts: Record<ImportFileState, number>;
  /** Files to import in all, and done so far (imported or failed), once the import has started. */
  progress: { total: number; done: number; etaMs: number | null };
  files: ImportFileDto[];
};
