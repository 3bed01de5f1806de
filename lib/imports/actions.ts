"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { AppError } from "@/lib/app-error";
import { runGuardedAction } from "@/lib/auth/guarded-action";
import { MAX_REPORT_BYTES } from "@/lib/report/decode";
import { getImportJob } from "./data";
import { addImportFiles, cancelImportJob, startImportJob, updateImportFile } from "./mutations";
import { kickImportRunner } from "./runner";
import { importJobRefSchema, updateImportFileSchema } from "./schema";

const id = z.string().min(1).max(64);

/** Files of one upload request: each at most the upload limit (a .zip too); the request guard caps the body at 25 MB. */
const addFilesSchema = z.object({
  jobId: id.nullable(),
  files: z
    .array(z.instanceof(File))
    .min(1, { message: "EMPTY" })
    .max(200)
    .refine((files) => files.every((f) => f.size <= MAX_REPORT_BYTES), { message: "TOO_LARGE" }),
});

/**
 * Adds the uploaded files (`file` entries; a .zip adds its files) to the caller's batch `jobId`, or
 * to a new batch when there is none yet; the server starts reading them at once.
 */
export async function addImportFilesAction(form: FormData) {
  const jobId = form.get("jobId");
  const input = {
    jobId: typeof jobId === "string" && jobId ? jobId : null,
    files: form.getAll("file").filter((f) => f instanceof File),
  };
  return runGuardedAction(
    { permission: "report:import", schema: addFilesSchema, input, name: "addImportFilesAction" },
    async (user, data) => {
      const uploads = await Promise.all(
        data.files.map(async (f) => ({
          name: f.name,
          bytes: new Uint8Array(await f.arrayBuffer()),
        })),
      );
      const res = await addImportFiles(user.id, data.jobId, uploads);
      kickImportRunner(res.jobId);
      return res;
    },
  );
}

/** The caller's batch as the table shows it (polled while files are read and imported). */
export async function getImportJobAction(input: unknown) {
  return runGuardedAction(
    { permission: "report:import", schema: importJobRefSchema, input },
    async (user, data) => {
      const job = await getImportJob(user.id, data.jobId);
      if (!job) throw new AppError("NOT_FOUND");
      return job;
    },
  );
}

/** Corrects one row of the caller's batch (metadata, or whether to import it). */
export async function updateImportFileAction(input: unknown) {
  return runGuardedAction(
    { permission: "report:import", schema: updateImportFileSchema, input },
    (user, data) => updateImportFile(user.id, data),
  );
}

/** Starts importing the caller's checked batch in the background. */
export async function startImportJobAction(input: unknown) {
  return runGuardedAction(
    {
      permission: "report:import",
      schema: importJobRefSchema,
      input,
      after: (data) => {
        kickImportRunner(data.jobId);
        revalidatePath("/reports");
      },
    },
    (user, data) => startImportJob(user.id, data),
  );
}

/** Cancels the caller's batch: what is not imported yet is left out; imported reports stay. */
export async function cancelImportJobAction(input: unknown) {
  return runGuardedAction(
    { permission: "report:import", schema: importJobRefSchema, input },
    (user, data) => cancelImportJob(user.id, data),
  );
}
