import { apiRoute } from "@/lib/api/handler";
import { listApiReports } from "@/lib/api/data";
import { parseQuery, publicOrigin, REPEATED, reportsQuery } from "@/lib/api/schema";

export const dynamic = "force-dynamic";

/** GET /api/v1/reports?region=…&year=…&from=…&to=…: reports, paged (docs/openapi.json). */
export const GET = apiRoute("report:read", ({ url, request }) => listApiReports(publicOrigin(request.url), parseQuery(url, reportsQuery, REPEATED)));
