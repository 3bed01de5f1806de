"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizeAction } from "@/lib/auth/session";
import { runGuardedAction } from "@/lib/auth/guarded-action";
import { AppError, fail, ok, toActionError, type ActionError, type ActionResult } from "@/lib/app-error";
import { MAX_REPORT_BYTES } from "@/lib/report/decode";
import { logger } from "@/lib/ops/log";
import { ReportInputError } from "@/lib/report/errors";
import { importReport, previewImport, type ImportPreview } from "./import";
import { archiveReport, deleteReport, restoreReport, updateReportMetadata } from "./mutations";
import { deleteReportSchema, reportMetaSchema, reportRefSchema, updateReportSchema } from "./schema";

/** The report bytes of an import form: an uploaded `file`, or pasted `text`. Size-checked first. */
async function readUpload(form: FormData): Promise<{ bytes: Uint8Array; fileName: string | null } | { error: string }> {
  const file = form.get("file");
  if (file instanceof File && file.size > 0) {
    if (file.size > MAX_REPORT_BYTES) return { error: "TOO_LARGE" };
    return { bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name.slice(0, 200) || null };
  }
  const text = form.get("text");
  if (typeof text === "string" && text.trim()) {
    const bytes = new TextEncoder().encode(text);
    if (bytes.length > MAX_REPORT_BYTES) return { error: "TOO_LARGE" };
    return { bytes, fileName: null };
  }
  return { error: "EMPTY" };
}

function inputError(e: unknown): ActionResult<never> | null {
  if (!(e instanceof ReportInputError)) return null;
  // A parse that ran out of its time budget is worth a look (a pathological upload, or a parser bug).
  if (e.code === "TIMEOUT") logger.warn("import: parse stopped by its time budget", { code: e.code });
  return fail("INVALID_INPUT", e.code);
}

/** Decodes and parses an upload without saving anything: what the import preview shows. */
export async function previewImportAction(form: FormData): Promise<ActionResult<ImportPreview>> {
  const auth = await authorizeAction("report:import");
  if (!auth.ok) return auth;
  const upload = await readUpload(form);
  if ("error" in upload) return fail("INVALID_INPUT", upload.error);
  try {
    return ok(await previewImport(upload.bytes, upload.fileName));
  } catch (e) {
    return inputError(e) ?? toActionError(e);
  }
}

const optionalText = z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), z.string().trim().nullable());
const metaFormSchema = z.object({
  region: z.string(),
  level: z.string(),
  year: z.preprocess((v) => (v === "" || v === null ? null : Number(v)), z.number().nullable()),
  title: z.string(),
  deliveredOn: optionalText,
  speaker: optionalText,
  meeting: optionalText,
  script: z.string(),
});

/** A region name that asks a person first ("same as 海拉尔区?") is a field error of the region. */
function regionError(e: unknown): ActionError | null {
  return e instanceof AppError && e.message === "REGION_UNCONFIRMED" ? fail("INVALID_INPUT", "REGION_UNCONFIRMED", { region: ["REGION_UNCONFIRMED"] }) : null;
}

/**
 * Saves an upload with the metadata the analyst confirmed, and their answer to the preview's region
 * question (`regionId`: the region they chose; `newRegion=1`: a new one). The server decodes and
 * parses the bytes itself; a duplicate is refused (DUPLICATE, with the existing report's id).
 */
export async function importReportAction(form: FormData): Promise<ActionResult<{ id: string; pledges: number }>> {
  const auth = await authorizeAction("report:import");
  if (!auth.ok) return auth;
  const upload = await readUpload(form);
  if ("error" in upload) return fail("INVALID_INPUT", upload.error);
  const raw = metaFormSchema.safeParse(Object.fromEntries(["region", "level", "year", "title", "deliveredOn", "speaker", "meeting", "script"].map((k) => [k, form.get(k) ?? ""])));
  const meta = raw.success ? reportMetaSchema.safeParse(raw.data) : null;
  if (!meta?.success) {
    const fieldErrors = meta ? (z.flattenError(meta.error).fieldErrors as Record<string, string[]>) : { year: ["YEAR_INVALID"] };
    return fail("INVALID_INPUT", undefined, fieldErrors);
  }
  try {
    const regionId = form.get("regionId");
    const region = { regionId: typeof regionId === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(regionId) ? regionId : null, newRegion: form.get("newRegion") === "1" };
    const created = await importReport(auth.user.id, upload.bytes, upload.fileName, meta.data, {}, region);
    revalidatePath("/reports");
    return ok(created);
  } catch (e) {
    const err = inputError(e) ?? regionError(e) ?? toActionError(e);
    if (!err.ok && err.code === "DUPLICATE" && e && typeof e === "object" && "details" in e) {
      return { ...err, message: String((e as { details?: { reportId?: string } }).details?.reportId ?? "") };
    }
    return err;
  }
}

/**
 * Analysts, reviewers, admins: corrects a report's metadata (region, level, year, title, date,
 * speaker, meeting); audited, and the pairing follows (lib/reports/mutations.ts updateReportMetadata).
 */
export async function updateReportMetadataAction(input: unknown) {
  return runGuardedAction(
    { permission: "report:edit", schema: updateReportSchema, input, mapError: (e) => regionError(e) ?? toActionError(e), after: () => revalidatePath("/", "layout") },
    (user, data) => updateReportMetadata(user.id, data),
  );
}

/** Admin: archives a report (hidden from lists, queues, search and audits; restorable). */
export async function archiveReportAction(input: unknown) {
  return runGuardedAction({ permission: "report:archive", schema: reportRefSchema, input, after: () => revalidatePath("/", "layout") }, (user, data) => archiveReport(user.id, data));
}

/** Admin: restores an archived report. */
export async function restoreReportAction(input: unknown) {
  return runGuardedAction({ permission: "report:archive", schema: reportRefSchema, input, after: () => revalidatePath("/", "layout") }, (user, data) => restoreReport(user.id, data));
}

/** Admin: deletes a report nobody has worked on; one with work on it is refused (CONFLICT REPORT_HAS_WORK: archive it). */
export async function deleteReportAction(input: unknown) {
  return runGuardedAction({ permission: "report:delete", schema: deleteReportSchema, input, after: () => revalidatePath("/", "layout") }, (user, data) => deleteReport(user.id, data));
}
