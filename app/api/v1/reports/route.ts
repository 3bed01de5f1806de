import { apiRoute } from "@/lib/api/handler";
import { listApiReports } from "@/lib/api/data";
import { parseQuery, REPEATED, reportsQuery } from "@/lib/api/schema";
import { publicOrigin } from "@/lib/audit-reports/export";

export const dynamic = "force-dynamic";

/** GET /api/v1/reports?region=…&year=…&from=…&to=…: reports, paged (docs/openapi.json). */
export const GET = apiRoute("report:read", ({ url, request }) =>
  listApiReports(publicOrigin(request.url), parseQuery(url, reportsQuery, REPEATED)),
);
