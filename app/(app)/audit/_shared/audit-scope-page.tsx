import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getTranslator } from "@/lib/i18n/locale";
import { getAuditReport } from "@/lib/audit-reports/data";
import type { AuditScope, AuditView } from "@/lib/audit-reports/schema";
import { listShareLinks } from "@/lib/shares/data";
import { getRegionRecord } from "@/lib/lineage/data";
import { PageHeader } from "@/app/_components/page-header";
import { AuditReportView } from "@/app/_components/audit-report/audit-report-view";
import { AuditToolbar } from "@/app/_components/audit-report/audit-toolbar";
import { ShareManager } from "@/app/_components/audit-report/share-manager";
import { auditTitle } from "@/app/_components/audit-report/audit-title";

/**
 * The signed-in audit report page of any scope: header, toolbar (approved-only and tier switches,
 * exports, print), share links for those who may manage them, and the shared report view. `view`
 * comes from the URL (parseAuditView: ?approved=1, ?tier=all).
 */
export async function AuditScopePage({
  scope,
  subjectId,
  basePath,
  view,
}: {
  scope: AuditScope;
  subjectId: string;
  basePath: string;
  view: AuditView;
}) {
  const user = await requirePageUser();
  const [{ t, locale }, report, record] = await Promise.all([
    getTranslator(),
    getAuditReport(scope, subjectId, { ...view, showNotes: true }),
    scope === "region" ? getRegionRecord(subjectId) : Promise.resolve(null),
  ]);
  if (!report) notFound();
  const mayShare = can(user.role, "share:manage");
  const links = mayShare ? await listShareLinks(scope, subjectId) : [];
  const title = auditTitle(report, t);
  return (
    <>
      <nav
        className="no-print mb-2 text-xs text-stone-500"
        aria-label={t("auditReport.breadcrumb")}
      >
        <Link href="/audit" className="hover:underline">
          {t("audit.title")}
        </Link>{" "}
        ›
      </nav>
      <PageHeader
        title={<span data-testid="audit-title">{title}</span>}
        subtitle={t(`auditReport.scope.${scope}`)}
        actions={
          <AuditToolbar
            locale={locale}
            basePath={basePath}
            exportPath={`${basePath}/export`}
            view={view}
          />
        }
      />
      {mayShare ? <ShareManager scope={scope} subjectId={subjectId} links={links} /> : null}
      <AuditReportView
        report={report}
        locale={locale}
        mode="internal"
        basePath={basePath}
        record={record}
      />
    </>
  );
}
