import { AppError } from "@/lib/app-error";
import { apiRoute } from "@/lib/api/handler";
import { getImportJob } from "@/lib/imports/data";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/imports/{id}: the progress of one of the token owner's batch imports (docs/openapi.json).
 * Only for accounts that may import, and only their own batches.
 */
export const GET = apiRoute<{ id: string }>("report:import", async ({ holder, params }) => {
  const job = await getImportJob(holder.user.id, params.id);
  if (!job) throw new AppError("NOT_FOUND", "no batch import of yours with this id");
  return job;
});
