import { requestClientKey } from "@/lib/ops/client-address";
import { openSharedAuditReport } from "@/lib/shares/data";
import { retryAfterSeconds } from "@/lib/shares/lookup-limit";
import { badgeTone, renderBadge } from "@/lib/shares/badge";
import { rateIsHeadline } from "@/lib/audit-reports/aggregate";
import { formatRate } from "@/lib/audit-reports/format";
import { createTranslator } from "@/lib/i18n/messages";

/**
 * The embeddable badge of a shared audit report (image/svg+xml): "海拉尔区 2012–2016：61% 的可跟踪承诺
 * 已兑现", over trackable pledges and all verdicts, as the share page headlines it; when too few are
 * assessed, how many are instead of a rate (rateIsHeadline). `?lang=en` for English. Through the
 * same token, revocation, expiry and lookup throttle as the share page (unknown, revoked and
 * expired: 404; a throttled client's miss: 429). Static SVG: no script, nothing fetched; not
 * cached, so a revoked link's badge stops at once; never indexed. Changes nothing (no view counted).
 */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const url = new URL(request.url);
  const t = createTranslator(url.searchParams.get("lang") === "en" ? "en" : "zh");
  const headers = {
    "X-Robots-Tag": "noindex, nofollow",
    "Cache-Control": "no-store",
    "Cross-Origin-Resource-Policy": "cross-origin",
  };
  const shared = await openSharedAuditReport(token, requestClientKey(request.headers), {
    approvedOnly: false,
    tiers: "trackable",
  });
  if (shared.state === "rate_limited")
    return new Response("Too many attempts", {
      status: 429,
      headers: { ...headers, "Retry-After": String(retryAfterSeconds(shared.retryAfterMs)) },
    });
  if (shared.state !== "ok") return new Response("Not found", { status: 404, headers });
  const { report } = shared;
  const total = report.aggregate.total;
  const years = report.plans.map((p) => p.year).filter((y): y is number => y !== null);
  const span = years.length
    ? Math.min(...years) === Math.max(...years)
      ? String(years[0])
      : `${Math.min(...years)}–${Math.max(...years)}`
    : "";
  const region = report.scope === "region" ? report.subject : report.heading;
  const message = !total.pledges
    ? t("badge.none", { region })
    : rateIsHeadline(total)
      ? t("badge.rate", { region, years: span, rate: formatRate(total.fulfilmentRate) })
      : t("badge.tooFew", {
          region,
          years: span,
          assessed: total.assessed,
          pledges: total.pledges,
        });
  const svg = renderBadge(
    t("app.name"),
    message.replace(/\s+：/, "：").replace(/ {2,}/g, " "),
    rateIsHeadline(total) ? badgeTone(total.fulfilmentRate) : "none",
  );
  return new Response(svg, {
    status: 200,
    headers: {
      ...headers,
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
    },
  });
}
