import { apiRoute } from "@/lib/api/handler";
import { listApiReportPledges } from "@/lib/api/data";
import { parseQuery, pledgesQuery, REPEATED } from "@/lib/api/schema";
import { publicOrigin } from "@/lib/audit-reports/export";

export const dynamic = "force-dynamic";

/** GET /api/v1/reports/{id}/pledges?tier=…&status=…&reviewState=…: a report's pledges, paged (docs/openapi.json). */
export const GET = apiRoute<{ id: string }>("report:read", ({ url, request, params }) =>
  listApiReportPledges(
    publicOrigin(request.url),
    params.id,
    parseQuery(url, pledgesQuery, REPEATED),
  ),
);
