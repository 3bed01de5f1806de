import { authorizeAction } from "@/lib/auth/session";
import { exportQuery, parseQuery, REPEATED } from "@/lib/api/schema";
import { publicOrigin } from "@/lib/audit-reports/export";
import { AppError } from "@/lib/app-error";
import { corpusExportResponse } from "@/lib/exports/respond";

export const dynamic = "force-dynamic";

/**
 * The signed-in whole-corpus export (Audit → export all pledges): the same stream as the API's
 * /api/v1/exports/pledges, for a session instead of a token. An entry point of its own: it checks
 * the session and permission again.
 */
export async function GET(request: Request): Promise<Response> {
  const auth = await authorizeAction("report:read");
  if (!auth.ok)
    return Response.json(
      { ok: false, code: auth.code },
      { status: auth.code === "UNAUTHENTICATED" ? 401 : 403 },
    );
  try {
    return corpusExportResponse(
      publicOrigin(request.url),
      parseQuery(new URL(request.url), exportQuery, REPEATED),
    );
  } catch (e) {
    if (e instanceof AppError)
      return Response.json({ ok: false, code: e.code, message: e.message }, { status: 400 });
    throw e;
  }
}
