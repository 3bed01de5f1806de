import { apiRoute } from "@/lib/api/handler";
import { listApiRegions } from "@/lib/api/data";
import { parseQuery, regionsQuery } from "@/lib/api/schema";

export const dynamic = "force-dynamic";

/** GET /api/v1/regions: regions with their report counts and years (docs/openapi.json). */
export const GET = apiRoute("report:read", ({ url }) =>
  listApiRegions(parseQuery(url, regionsQuery)),
);
