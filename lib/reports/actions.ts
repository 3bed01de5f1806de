"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runGuardedAction } from "@/lib/auth/guarded-action";
import {
  AppError,
  fail,
  toActionError,
  type ActionError,
  type ActionResult,
} from "@/lib/app-error";
import { MAX_REPORT_BYTES } from "@/lib/report/decode";
import { logger } from "@/lib/ops/log";
import { ReportInputError } from "@/lib/report/errors";
import { importReport, previewImport, type ImportPreview } from "./import";
import { archiveReport, deleteReport, restoreReport, updateReportMetadata } from "./mutations";
import {
  deleteReportSchema,
  reportMetaSchema,
  reportRefSchema,
  updateReportSchema,
} from "./schema";

/** The report bytes of an import form: an uploaded `file`, or pasted `text`. Size-checked first. */
async function readUpload(
  form: FormData,
): Promise<{ bytes: Uint8Array; fileName: string | null } | { error: string }> {
  const file = form.get("file");
  if (file instanceof File && file.size > 0) {
    if (file.size > MAX_REPORT_BYTES) return { error: "TOO_LARGE" };
    return {
      bytes: new Uint8Array(await file.arrayBuffer()),
      fileName: file.name.slice(0, 200) || null,
    };
  }
  const text = form.get("text");
  if (typeof text === "string" && text.trim()) {
    const bytes = new TextEncoder().encode(text);
    if (bytes.length > MAX_REPORT_BYTES) return { error: "TOO_LARGE" };
    return { bytes, fileName: null };
  }
  return { error: "EMPTY" };
}

/** A report the decoder or parser refused: its code (TIMEOUT, a pathological upload or a parser bug, is worth a look). */
function inputError(e: unknown): ActionError | null {
  if (!(e instanceof ReportInputError)) return null;
  if (e.code === "TIMEOUT")
    logger.warn("import: parse stopped by its time budget", { code: e.code });
  return fail("INVALID_INPUT", e.code);
}

/** The upload of a form, or an INVALID_INPUT AppError (EMPTY, TOO_LARGE). */
async function uploadOf(form: FormData): Promise<{ bytes: Uint8Array; fileName: string | null }> {
  const upload = await readUpload(form);
  if ("error" in upload) throw new AppError("INVALID_INPUT", upload.error);
  return upload;
}

/** Decodes and parses an upload without saving anything: what the import preview shows. */
export async function previewImportAction(form: FormData): Promise<ActionResult<ImportPreview>> {
  // The upload is read from the form itself (the decoder judges its bytes); nothing else is taken from it.
  return runGuardedAction(
    {
      permission: "report:import",
      schema: z.object({}),
      input: {},
      mapError: (e) => inputError(e) ?? toActionError(e),
    },
    async () => {
      const upload = await uploadOf(form);
      return previewImport(upload.bytes, upload.fileName);
    },
  );
}

const emptyToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);
/** The import form's fields: the confirmed metadata, and the answer to the preview's region question. */
const importFormSchema = reportMetaSchema.extend({
  year: z.preprocess(
    (v) => (v === "" || v === null ? null : Number(v)),
    reportMetaSchema.shape.year,
  ),
  deliveredOn: z.preprocess(emptyToNull, reportMetaSchema.shape.deliveredOn),
  speaker: z.preprocess(emptyToNull, reportMetaSchema.shape.speaker),
  meeting: z.preprocess(emptyToNull, reportMetaSchema.shape.meeting),
  regionId: z.preprocess(
    emptyToNull,
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/)
      .nullable(),
  ),
  newRegion: z.preprocess((v) => v === "1", z.boolean()),
});

/** A region name that asks a person first ("same as 海拉尔区?") is a field error of the region. */
function regionError(e: unknown): ActionError | null {
  return e instanceof AppError && e.message === "REGION_UNCONFIRMED"
    ? fail("INVALID_INPUT", "REGION_UNCONFIRMED", { region: ["REGION_UNCONFIRMED"] })
    : null;
}

/** A duplicate names the report it duplicates (its id as the message). */
function duplicateError(e: unknown): ActionError | null {
  if (!(e instanceof AppError) || e.code !== "DUPLICATE") return null;
  return {
    ...fail("DUPLICATE"),
    message: String((e.details as { reportId?: string } | undefined)?.reportId ?? ""),
  };
}

/**
 * Saves an upload with the metadata the analyst confirmed, and their answer to the preview's region
 * question (`regionId`: the region they chose; `newRegion=1`: a new one). The server decodes and
 * parses the bytes itself; a duplicate is refused (DUPLICATE, with the existing report's id).
 */
export async function importReportAction(
  form: FormData,
): Promise<ActionResult<{ id: string; pledges: number }>> {
  const input = Object.fromEntries(
    [
      "region",
      "level",
      "year",
      "title",
      "deliveredOn",
      "speaker",
      "meeting",
      "script",
      "regionId",
      "newRegion",
    ].map((k) => [k, form.get(k) ?? ""]),
  );
  return runGuardedAction(
    {
      permission: "report:import",
      schema: importFormSchema,
      input,
      mapError: (e) => inputError(e) ?? regionError(e) ?? duplicateError(e) ?? toActionError(e),
      after: () => revalidatePath("/reports"),
    },
    async (user, { regionId, newRegion, ...meta }) => {
      const upload = await uploadOf(form);
      return importReport(
        user.id,
        upload.bytes,
        upload.fileName,
        meta,
        {},
        { regionId, newRegion },
      );
    },
  );
}

/**
 * Analysts, reviewers, admins: corrects a report's metadata (region, level, year, title, date,
 * speaker, meeting); audited, and the pairing follows (lib/reports/mutations.ts updateReportMetadata).
 */
export async function updateReportMetadataAction(input: unknown) {
  return runGuardedAction(
    {
      permission: "report:edit",
      schema: updateReportSchema,
      input,
      mapError: (e) => regionError(e) ?? toActionError(e),
      after: () => revalidatePath("/", "layout"),
    },
    (user, data) => updateReportMetadata(user.id, data),
  );
}

/** Admin: archives a report (hidden from lists, queues, search and audits; restorable). */
export async function archiveReportAction(input: unknown) {
  return runGuardedAction(
    {
      permission: "report:archive",
      schema: reportRefSchema,
      input,
      after: () => revalidatePath("/", "layout"),
    },
    (user, data) => archiveReport(user.id, data),
  );
}

/** Admin: restores an archived report. */
export async function restoreReportAction(input: unknown) {
  return runGuardedAction(
    {
      permission: "report:archive",
      schema: reportRefSchema,
      input,
      after: () => revalidatePath("/", "layout"),
    },
    (user, data) => restoreReport(user.id, data),
  );
}

/** Admin: deletes a report nobody has worked on; one with work on it is refused (CONFLICT REPORT_HAS_WORK: archive it). */
export async function deleteReportAction(input: unknown) {
  return runGuardedAction(
    {
      permission: "report:delete",
      schema: deleteReportSchema,
      input,
      after: () => revalidatePath("/", "layout"),
    },
    (user, data) => deleteReport(user.id, data),
  );
}
