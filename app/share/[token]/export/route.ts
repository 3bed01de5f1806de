import { requestClientKey } from "@/lib/ops/client-address";
import { openSharedAuditReport } from "@/lib/shares/data";
import { retryAfterSeconds } from "@/lib/shares/lookup-limit";
import {
  EXPORT_FORMATS,
  exportResponse,
  publicOrigin,
  type ExportFormat,
} from "@/lib/audit-reports/export";
import { parseAuditView } from "@/lib/audit-reports/schema";
import { getTranslator } from "@/lib/i18n/locale";

function isFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

/**
 * CSV or JSON of a shared audit report (?format=csv|json&approved=1&tier=all), through the same token,
 * revocation, expiry and notes checks as the share page. Unavailable links → 404, or 429 with
 * Retry-After when the client failed too many lookups lately (a valid token is served all the
 * same). Changes nothing.
 */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const url = new URL(request.url);
  const format = url.searchParams.get("format") ?? "csv";
  const noindex = { "X-Robots-Tag": "noindex, nofollow", "Cache-Control": "no-store" };
  if (!isFormat(format))
    return Response.json({ ok: false, code: "INVALID_INPUT" }, { status: 400, headers: noindex });
  const shared = await openSharedAuditReport(
    token,
    requestClientKey(request.headers),
    parseAuditView(url.searchParams),
  );
  if (shared.state === "rate_limited") {
    return Response.json(
      { ok: false, code: "RATE_LIMITED" },
      {
        status: 429,
        headers: { ...noindex, "Retry-After": String(retryAfterSeconds(shared.retryAfterMs)) },
      },
    );
  }
  if (shared.state !== "ok")
    return Response.json({ ok: false, code: "NOT_FOUND" }, { status: 404, headers: noindex });
  const { t } = await getTranslator();
  return exportResponse(shared.report, format, t, publicOrigin(request.url));
}
