import { authorizeAction } from "@/lib/auth/session";
import { getAuditReport } from "@/lib/audit-reports/data";
import {
  EXPORT_FORMATS,
  exportResponse,
  publicOrigin,
  type ExportFormat,
} from "@/lib/audit-reports/export";
import { parseAuditView, type AuditScope } from "@/lib/audit-reports/schema";
import { getTranslator } from "@/lib/i18n/locale";

function isFormat(value: string | null): value is ExportFormat {
  return value !== null && (EXPORT_FORMATS as readonly string[]).includes(value);
}

/**
 * The signed-in export of an audit report (CSV or JSON, ?format=…&approved=1&tier=all): the route is an
 * entry point of its own, so it re-checks the session and permission.
 */
export async function respondWithAuditExport(
  request: Request,
  scope: AuditScope,
  subjectId: string | null,
): Promise<Response> {
  const auth = await authorizeAction("report:read");
  if (!auth.ok)
    return Response.json(
      { ok: false, code: auth.code },
      { status: auth.code === "UNAUTHENTICATED" ? 401 : 403 },
    );
  const url = new URL(request.url);
  const format = url.searchParams.get("format") ?? "csv";
  if (!isFormat(format) || subjectId === null)
    return Response.json({ ok: false, code: "INVALID_INPUT" }, { status: 400 });
  const report = await getAuditReport(scope, subjectId, {
    ...parseAuditView(url.searchParams),
    showNotes: true,
  });
  if (!report) return Response.json({ ok: false, code: "NOT_FOUND" }, { status: 404 });
  const { t } = await getTranslator();
  return exportResponse(report, format, t, publicOrigin(request.url));
}
