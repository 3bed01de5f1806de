import "server-only";
import { AppError } from "@/lib/app-error";
import { logger } from "@/lib/ops/log";
import { ReportInputError } from "@/lib/report/errors";
import { cleanFileName } from "@/lib/reports/import";
import { ArchiveError, looksLikeZip, readZipArchive, type EntryProblem } from "./archive";

/**
 * What the page and `cli import` share of a batch import: turning uploads into files (a .zip into
 * its entries) and turning what went wrong with one file into a code the table shows. The import
 * of each file is the single-file import (lib/reports/import.ts): same checks, same region
 * matching, one transaction per report.
 */

/** One file of a batch: its bytes, or the reason it cannot even be read (a problem of the zip entry). */
export type BatchFile = {
  name: string;
  size: number;
  bytes: Uint8Array | null;
  problem: EntryProblem | null;
};

/**
 * The files of one upload: a .zip's entries (names as in the archive, prefixed with the archive's
 * own name when there are several archives), or the upload itself. Throws ArchiveError for a zip
 * that cannot be read or breaks the archive caps (lib/imports/archive.ts).
 */
export function expandUpload(rawName: string | null, bytes: Uint8Array): BatchFile[] {
  const name = cleanFileName(rawName) ?? "upload";
  if (!looksLikeZip(bytes) || !/\.zip$/i.test(name))
    return [{ name, size: bytes.length, bytes, problem: null }];
  return readZipArchive(bytes).map((e) => ({
    name: cleanFileName(e.name) ?? "?",
    size: e.size,
    bytes: e.bytes,
    problem: e.problem,
  }));
}

/**
 * The code shown for a file that could not be read or imported: the report library's refusal
 * (NOT_A_REPORT, TOO_LONG…), DUPLICATE, a metadata field's rule (REGION_REQUIRED, YEAR_INVALID…),
 * FORBIDDEN, or INTERNAL for the unexpected (logged, never shown).
 */
export function importErrorCode(e: unknown): string {
  if (e instanceof ReportInputError) return e.code;
  if (e instanceof ArchiveError) return e.code;
  if (e instanceof AppError)
    return e.code === "INVALID_INPUT" && /^[A-Z_]+$/.test(e.message) ? e.message : e.code;
  logger.error("import.file_failed", { err: e });
  return "INTERNAL";
}

export { ArchiveError };
