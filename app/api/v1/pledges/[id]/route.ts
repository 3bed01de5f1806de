import { AppError } from "@/lib/app-error";
import { apiRoute } from "@/lib/api/handler";
import { getApiPledge } from "@/lib/api/data";
import { publicOrigin } from "@/lib/audit-reports/export";

export const dynamic = "force-dynamic";

/** GET /api/v1/pledges/{id}: one pledge with evidence, verdict and review state (docs/openapi.json). */
export const GET = apiRoute<{ id: string }>("report:read", async ({ request, params }) => {
  const pledge = await getApiPledge(publicOrigin(request.url), params.id);
  if (!pledge) throw new AppError("NOT_FOUND", "no pledge with this id");
  return pledge;
});
