"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizeAction } from "@/lib/auth/session";
import { fail, ok, toActionError, type ActionResult } from "@/lib/app-error";
import { MAX_REPORT_BYTES } from "@/lib/report/decode";
import { logger } from "@/lib/ops/log";
import { ReportInputError } from "@/lib/report/errors";
import { importReport, previewImport, type ImportPreview } from "./import";
import { setPairing } from "./mutations";
import { reportMetaSchema } from "./schema";

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

/**
 * Saves an upload with the metadata the analyst confirmed. The server decodes and parses the bytes
 * itself; a duplicate is refused (DUPLICATE, with the existing report's id).
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
    const created = await importReport(auth.user.id, upload.bytes, upload.fileName, meta.data);
    revalidatePath("/reports");
    return ok(created);
  } catch (e) {
    const err = inputError(e) ?? toActionError(e);
    if (!err.ok && err.code === "DUPLICATE" && e && typeof e === "object" && "details" in e) {
      return { ...err, message: String((e as { details?: { reportId?: string } }).details?.reportId ?? "") };
    }
    return err;
  }
}

const setPairingSchema = z.object({ reportId: z.string().min(1).max(64), reviewReportId: z.string().min(1).max(64).nullable() });

/** Reviewer/admin: sets (or clears) by hand which report reviews this report's plan. */
export async function setPairingAction(input: unknown): Promise<ActionResult> {
  const auth = await authorizeAction("pairing:edit");
  if (!auth.ok) return auth;
  const parsed = setPairingSchema.safeParse(input);
  if (!parsed.success) return fail("INVALID_INPUT");
  try {
    await setPairing(auth.user.id, parsed.data.reportId, parsed.data.reviewReportId);
    revalidatePath("/reports", "layout");
    return ok(undefined);
  } catch (e) {
    return toActionError(e);
  }
}
