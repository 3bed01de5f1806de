import { pageTitle } from "@/app/_components/page-title";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { countReports, listReports } from "@/lib/reports/data";
import { getTranslator } from "@/lib/i18n/locale";
import { pageWindow, parsePageParam } from "@/lib/paging/page-param";
import { EmptyState, PageHeader } from "@/app/_components/page-header";
import { PageNotice, Pager } from "@/app/_components/pager";

export const generateMetadata = pageTitle("page.reports");

/**
 * The reports in use, by region and year (or, with ?archived=1, the archived ones), paged, each
 * named by its region and year, with its pairing.
 */
export default async function ReportsPage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string | string[]; archived?: string | string[] }>;
}) {
  const user = await requirePageUser();
  const params = await searchParams;
  const scope = { archived: params.archived === "1" };
  const requested = parsePageParam(params.page);
  // The page asked for and the total at once; a page past the end is fetched again as the last.
  const first = pageWindow(requested, Number.MAX_SAFE_INTEGER);
  const [{ t }, total, archivedTotal, firstRows] = await Promise.all([
    getTranslator(),
    countReports(scope),
    scope.archived ? Promise.resolve(0) : countReports({ archived: true }),
    listReports(first, scope),
  ]);
  const window = pageWindow(requested, total);
  const reports = window.skip === first.skip ? firstRows : await listReports(window, scope);
  return (
    <>
      <PageHeader
        title={scope.archived ? t("regions.report.archivedList") : t("reports.title")}
        subtitle={
          <>
            {total ? t("reports.count", { count: total }) : null}
            {scope.archived ? (
              <Link href="/reports" className="ml-2 text-brand-700 hover:underline">
                {t("regions.report.backToList")}
              </Link>
            ) : archivedTotal ? (
              <Link
                href="/reports?archived=1"
                className="ml-2 text-brand-700 hover:underline"
                data-testid="reports-archived-link"
              >
                {t("regions.report.archivedCount", { n: archivedTotal })}
              </Link>
            ) : null}
          </>
        }
        actions={
          can(user.role, "report:import") ? (
            <Link href="/reports/import" className="btn btn-primary">
              {t("import.action")}
            </Link>
          ) : null
        }
      />
      <PageNotice window={window} t={t} />
      {reports.length === 0 ? (
        <EmptyState title={t("reports.empty.title")}>
          <p>{t("reports.empty.body")}</p>
          {can(user.role, "report:import") ? (
            <Link href="/reports/import" className="btn btn-primary mt-4">
              {t("import.action")}
            </Link>
          ) : null}
        </EmptyState>
      ) : (
        <div className="card overflow-x-auto">
          <table className="table-dense" data-testid="reports-table">
            <thead>
              <tr>
                <th>{t("reports.col.region")}</th>
                <th>{t("reports.col.year")}</th>
                <th>{t("reports.col.title")}</th>
                <th>{t("reports.col.delivered")}</th>
                <th>{t("reports.col.speaker")}</th>
                <th>{t("reports.col.script")}</th>
                <th className="text-right">{t("reports.col.pledges")}</th>
                <th>{t("reports.col.reviewedBy")}</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((r) => (
                <tr key={r.id} data-testid="report-row">
                  <td className="font-medium whitespace-nowrap">
                    <Link href={`/regions/${r.regionId}`} className="hover:underline">
                      {r.region}
                    </Link>
                  </td>
                  <td className="tabular-nums">
                    {r.year ?? <span className="text-stone-400">{t("reports.unknownYear")}</span>}
                  </td>
                  <td>
                    <Link href={`/reports/${r.id}`} className="text-brand-700 hover:underline">
                      {r.title}
                    </Link>
                  </td>
                  <td className="whitespace-nowrap text-stone-600 tabular-nums">
                    {r.deliveredOn ?? "—"}
                  </td>
                  <td className="whitespace-nowrap text-stone-600">{r.speaker ?? "—"}</td>
                  <td className="whitespace-nowrap text-stone-600">
                    {t(r.script === "traditional" ? "script.traditional" : "script.simplified")}
                  </td>
                  <td className="text-right tabular-nums">
                    {r.parsed ? (
                      r.pledgeCount
                    ) : (
                      <span className="text-stone-400">{t("reports.notParsed")}</span>
                    )}
                  </td>
                  <td
                    className="whitespace-nowrap"
                    data-testid="report-row-pairing"
                    data-source={r.pairing.source}
                  >
                    {r.pairing.review ? (
                      <>
                        <Link
                          href={`/reports/${r.pairing.review.id}`}
                          className="text-brand-700 hover:underline"
                        >
                          {r.pairing.review.regionId === r.regionId
                            ? (r.pairing.review.year ?? r.pairing.review.title)
                            : `${r.pairing.review.regionName} ${r.pairing.review.year ?? ""}`}
                        </Link>
                        {r.pairing.source === "manual" ? (
                          <span className="ml-1 text-xs text-stone-500">
                            {t("regions.pairing.manualShort")}
                          </span>
                        ) : null}
                      </>
                    ) : r.pairing.source === "cleared" ? (
                      <span className="text-xs text-stone-500">
                        {t("regions.pairing.clearedShort")}
                      </span>
                    ) : (
                      <span className="text-stone-400">—</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {window.pages > 1 ? (
        <Pager
          window={window}
          path="/reports"
          params={scope.archived ? { archived: "1" } : {}}
          t={t}
          testId="reports-pager"
        />
      ) : null}
    </>
  );
}
