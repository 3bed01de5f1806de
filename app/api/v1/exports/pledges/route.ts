import { apiRoute } from "@/lib/api/handler";
import { exportQuery, parseQuery, REPEATED } from "@/lib/api/schema";
import { publicOrigin } from "@/lib/audit-reports/export";
import { corpusExportResponse } from "@/lib/exports/respond";

export const dynamic = "force-dynamic";

/** GET /api/v1/exports/pledges?format=csv|jsonl&region=…&year=…&tier=…&status=…: every pledge of a selection, streamed (docs/openapi.json). */
export const GET = apiRoute("report:read", async ({ url, request }) =>
  corpusExportResponse(publicOrigin(request.url), parseQuery(url, exportQuery, REPEATED)),
);
