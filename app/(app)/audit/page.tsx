import { requirePageUser } from "@/lib/auth/session";
import { summarizeRegions } from "@/lib/reports/data";
import { getTranslator } from "@/lib/i18n/locale";
import { EmptyState, PageHeader } from "@/app/_components/page-header";

export const metadata = { title: "Audit reports" };

function percent(part: number, whole: number): string {
  return whole === 0 ? "—" : `${Math.round((part / whole) * 100)}%`;
}

export default async function AuditPage() {
  await requirePageUser();
  const [{ t }, regions] = await Promise.all([getTranslator(), summarizeRegions()]);
  return (
    <>
      <PageHeader title={t("audit.title")} subtitle={t("audit.subtitle")} />
      {regions.length === 0 ? (
        <EmptyState title={t("audit.empty")} />
      ) : (
        <div className="card overflow-x-auto">
          <table className="table-dense">
            <thead>
              <tr>
                <th>{t("audit.col.region")}</th>
                <th>{t("audit.col.years")}</th>
                <th className="text-right">{t("audit.col.reports")}</th>
                <th className="text-right">{t("audit.col.pledges")}</th>
                <th className="text-right">{t("audit.col.assessed")}</th>
                <th className="text-right">{t("audit.col.approved")}</th>
              </tr>
            </thead>
            <tbody>
              {regions.map((r) => (
                <tr key={r.regionId}>
                  <td className="font-medium">{r.region}</td>
                  <td className="tabular-nums">{r.years.length ? r.years.join(", ") : "—"}</td>
                  <td className="text-right tabular-nums">{r.reports}</td>
                  <td className="text-right tabular-nums">{r.pledges}</td>
                  <td className="text-right tabular-nums">{r.assessed} <span className="text-stone-400">({percent(r.assessed, r.pledges)})</span></td>
                  <td className="text-right tabular-nums">{r.approved} <span className="text-stone-400">({percent(r.approved, r.pledges)})</span></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
