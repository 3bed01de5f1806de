import { apiRoute } from "@/lib/api/handler";
import { listApiReportPledges } from "@/lib/api/data";
import { parseQuery, pledgesQuery, publicOrigin, REPEATED } from "@/lib/api/schema";

export const dynamic = "force-dynamic";

/** GET /api/v1/reports/{id}/pledges?tier=…&status=…&reviewState=…: a report's pledges, paged (docs/openapi.json). */
export const GET = apiRoute<{ id: string }>("report:read", ({ url, request, params }) => listApiReportPledges(publicOrigin(request.url), params.id, parseQuery(url, pledgesQuery, REPEATED)));
