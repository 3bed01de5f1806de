import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listReports } from "@/lib/reports/data";
import { getTranslator } from "@/lib/i18n/locale";
import { EmptyState, PageHeader } from "@/app/_components/page-header";

export const metadata = { title: "Reports" };

export default async function ReportsPage() {
  const user = await requirePageUser();
  const [{ t }, reports] = await Promise.all([getTranslator(), listReports()]);
  return (
    <>
      <PageHeader
        title={t("reports.title")}
        subtitle={reports.length ? t("reports.count", { count: reports.length }) : undefined}
        actions={can(user.role, "report:import") ? <Link href="/reports/import" className="btn btn-primary">{t("import.action")}</Link> : null}
      />
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
    </>
  );
}
