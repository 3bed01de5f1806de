import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { countReports, listReports } from "@/lib/reports/data";
import { getTranslator } from "@/lib/i18n/locale";
import { pageWindow, parsePageParam } from "@/lib/paging/page-param";
import { EmptyState, PageHeader } from "@/app/_components/page-header";
import { PageNotice, Pager } from "@/app/_components/pager";

export const metadata = { title: "Reports" };

export default async function ReportsPage({ searchParams }: { searchParams: Promise<{ page?: string | string[] }> }) {
  const user = await requirePageUser();
  const requested = parsePageParam((await searchParams).page);
  // The page asked for and the total at once; a page past the end is fetched again as the last.
  const first = pageWindow(requested, Number.MAX_SAFE_INTEGER);
  const [{ t }, total, firstRows] = await Promise.all([getTranslator(), countReports(), listReports(first)]);
  const window = pageWindow(requested, total);
  const reports = window.skip === first.skip ? firstRows : await listReports(window);
  return (
    <>
      <PageHeader
        title={t("reports.title")}
        subtitle={total ? t("reports.count", { count: total }) : undefined}
        actions={can(user.role, "report:import") ? <Link href="/reports/import" className="btn btn-primary">{t("import.action")}</Link> : null}
      />
      <PageNotice window={window} t={t} />
      {reports.length === 0 ? (
        <EmptyState title={t("reports.empty.title")}>
          <p>{t("reports.empty.body")}</p>
          {can(user.role, "report:import") ? <Link href="/reports/import" className="btn btn-primary mt-4">{t("import.action")}</Link> : null}
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
                <tr key={r.id}>
                  <td className="whitespace-nowrap font-medium">{r.region}</td>
                  <td className="tabular-nums">{r.year ?? <span className="text-stone-400">{t("reports.unknownYear")}</span>}</td>
                  <td>
                    <Link href={`/reports/${r.id}`} className="text-brand-700 hover:underline">{r.title}</Link>
                  </td>
                  <td className="whitespace-nowrap tabular-nums text-stone-600">{r.deliveredOn ?? "—"}</td>
                  <td className="whitespace-nowrap text-stone-600">{r.speaker ?? "—"}</td>
                  <td className="whitespace-nowrap text-stone-600">{t(r.script === "traditional" ? "script.traditional" : "script.simplified")}</td>
                  <td className="text-right tabular-nums">{r.parsed ? r.pledgeCount : <span className="text-stone-400">{t("reports.notParsed")}</span>}</td>
                  <td className="whitespace-nowrap">
                    {r.reviewReport ? (
                      <Link href={`/reports/${r.reviewReport.id}`} className="text-brand-700 hover:underline">{r.reviewReport.year ?? r.reviewReport.title}</Link>
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
      {window.pages > 1 ? <Pager window={window} path="/reports" t={t} testId="reports-pager" /> : null}
    </>
  );
}
