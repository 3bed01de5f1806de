import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requestClientKey } from "@/lib/ops/client-address";
import { openSharedAuditReport } from "@/lib/shares/data";
import { parseAuditView } from "@/lib/audit-reports/schema";
import { recordShareView } from "@/lib/shares/mutations";
import { getTranslator } from "@/lib/i18n/locale";
import { AuditReportView } from "@/app/_components/audit-report/audit-report-view";
import { AuditToolbar } from "@/app/_components/audit-report/audit-toolbar";
import { LanguageSwitch } from "@/app/_components/language-switch";
import { auditTitle } from "@/app/_components/audit-report/audit-title";
import { ShareRateLimited } from "./rate-limited";
import { getRegionRecord } from "@/lib/lineage/data";
import { BadgeEmbed } from "./badge-embed";
import { publicOrigin } from "@/lib/audit-reports/export";

// Public and read-only: no account needed, never indexed, never cached.
export const dynamic = "force-dynamic";
const robots: Metadata["robots"] = {
  index: false,
  follow: false,
  nocache: true,
  googleBot: { index: false, follow: false },
};

type Params = {
  params: Promise<{ token: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/**
 * One lookup per request, shared by the page title and the page (React `cache`): the token is
 * checked, and a failed lookup counted, once — not once for the title and again for the page.
 */
const openShared = cache(async (token: string, approvedOnly: boolean, tiers: "trackable" | "all") =>
  openSharedAuditReport(token, requestClientKey(await headers()), { approvedOnly, tiers }),
);

/** The browser's title names region and years (海拉尔区 2014 → 2015), as the heading does. */
export async function generateMetadata({ params, searchParams }: Params): Promise<Metadata> {
  const { token } = await params;
  const view = parseAuditView(await searchParams);
  const shared = await openShared(token, view.approvedOnly, view.tiers);
  if (shared.state !== "ok") return { title: "Shared audit report", robots };
  const { t } = await getTranslator();
  return { title: auditTitle(shared.report, t), robots };
}

/**
 * A shared audit report: the token is checked (unknown, revoked and expired links show the
 * "no longer available" page with status 404; a failed lookup by a client that failed too many
 * lately shows "too many attempts", status 429 set by proxy.ts — a valid token opens whoever asks),
 * every view is counted, and notes show only when the sharer chose so. A GET changes nothing but
 * the view count.
 */
export default async function SharePage({ params, searchParams }: Params) {
  const { token } = await params;
  const view = parseAuditView(await searchParams);
  const shared = await openShared(token, view.approvedOnly, view.tiers);
  if (shared.state === "rate_limited")
    return <ShareRateLimited retryAfterMs={shared.retryAfterMs} />;
  if (shared.state !== "ok") notFound();
  await recordShareView(shared.link.id);
  const { t, locale } = await getTranslator();
  const { report } = shared;
  // A region's whole record: its targets against outcomes and its recurring pledges (issue 18).
  const record = report.scope === "region" ? await getRegionRecord(report.subjectId) : null;
  const title = auditTitle(report, t);
  return (
    <div className="min-h-screen">
      <header className="no-print border-b border-stone-200 bg-white">
        <div className="mx-auto flex max-w-7xl items-center gap-3 px-4 py-2">
          <span className="text-lg font-bold text-brand-700">{t("app.name")}</span>
          <span className="badge bg-stone-100 text-stone-700" data-testid="share-badge">
            {t("shared.badge")}
          </span>
          <div className="ml-auto">
            <LanguageSwitch />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-5">
        <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
          <div>
            <h1
              className="text-xl font-semibold tracking-tight text-stone-900"
              data-testid="audit-title"
            >
              {title}
            </h1>
            <p className="mt-0.5 text-sm text-stone-500">
              {t(`auditReport.scope.${report.scope}`)}
              {shared.link.expiresAt
                ? ` · ${t("shared.expires", { date: shared.link.expiresAt.slice(0, 10) })}`
                : ""}
            </p>
          </div>
          <AuditToolbar
            locale={locale}
            basePath={`/share/${token}`}
            exportPath={`/share/${token}/export`}
            view={view}
          />
        </div>
        <AuditReportView
          report={report}
          locale={locale}
          mode="public"
          basePath={`/share/${token}`}
          record={record}
        />
        {report.scope === "region" ? (
          <BadgeEmbed
            token={token}
            locale={locale}
            region={report.subject}
            origin={publicOrigin(`http://${(await headers()).get("host") ?? "localhost"}/`)}
          />
        ) : null}
        <p className="mt-6 text-center text-xs text-stone-400">{t("shared.footer")}</p>
      </main>
    </div>
  );
}
