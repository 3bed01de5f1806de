import { pageTitle } from "@/app/_components/page-title";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { listAuditPairs } from "@/lib/audit-reports/data";
import { formatRate } from "@/lib/audit-reports/format";
import { getTranslator } from "@/lib/i18n/locale";
import { EmptyState, PageHeader } from "@/app/_components/page-header";
import { ProgressBar } from "@/app/_components/progress-bar";
import { listExportChoices } from "@/lib/exports/data";
import { CorpusExportForm } from "./corpus-export-form";

export const generateMetadata = pageTitle("page.audit");

function percent(part: number, whole: number): string {
  return whole === 0 ? "—" : `${Math.round((part / whole) * 100)}%`;
}

export default async function AuditPage() {
  await requirePageUser();
  const [{ t }, pairs, choices] = await Promise.all([
    getTranslator(),
    listAuditPairs(),
    listExportChoices(),
  ]);
  const regions = [...new Map(pairs.map((p) => [p.plan.region.id, p.plan.region.name])).entries()];
  const years = [
    ...new Set(pairs.map((p) => p.plan.year).filter((y): y is number => y !== null)),
  ].sort((a, b) => b - a);
  return (
    <>
      <PageHeader title={t("audit.title")} subtitle={t("auditReport.overview.subtitle")} />
      <p className="mb-2 text-xs text-stone-600" data-testid="audit-overview-tiers">
        {t("tiers.audit.overviewNote")}
      </p>
      {pairs.length === 0 ? (
        <EmptyState title={t("audit.empty")} />
      ) : (
        <>
          <div className="card mb-5 overflow-x-auto">
            <table className="table-dense" data-testid="audit-pairs">
              <thead>
                <tr>
                  <th>{t("audit.col.region")}</th>
                  <th>{t("auditReport.overview.pair")}</th>
                  <th className="text-right">{t("audit.col.pledges")}</th>
                  <th className="text-right">{t("tiers.audit.colDirection")}</th>
                  <th className="text-right">{t("audit.col.assessed")}</th>
                  <th className="text-right">{t("audit.col.approved")}</th>
                  <th>{t("auditReport.overview.progress")}</th>
                  <th className="text-right">{t("auditReport.rate")}</th>
                </tr>
              </thead>
              <tbody>
                {pairs.map(
                  ({
                    plan,
                    pledges,
                    direction,
                    assessed,
                    submitted,
                    approved,
                    fulfilmentRate,
                    rateShown,
                  }) => (
                    <tr key={plan.id} data-testid="audit-pair-row">
                      <td className="whitespace-nowrap">
                        <Link href={`/audit/region/${plan.region.id}`} className="hover:underline">
                          {plan.region.name}
                        </Link>
                        <span
                          className="ml-1 text-stone-500 tabular-nums"
                          data-testid="audit-pair-years"
                        >
                          {plan.year ?? "?"} → {plan.review ? (plan.review.year ?? "?") : "—"}
                        </span>
                      </td>
                      <td>
                        <Link
                          href={`/audit/pair/${plan.id}`}
                          className="font-medium text-brand-700 hover:underline"
                          data-testid="audit-pair-link"
                        >
                          {plan.title}
                        </Link>
                        <span className="mx-1.5 text-stone-400">→</span>
                        {plan.review ? (
                          <span className="text-stone-600">
                            {plan.review.title}
                            {plan.review.inferred ? (
                              <span className="ml-1 text-xs text-stone-400">
                                （{t("auditReport.inferred")}）
                              </span>
                            ) : null}
                          </span>
                        ) : (
                          <span className="text-xs text-stone-400">
                            {t("auditReport.noReview")}
                          </span>
                        )}
                      </td>
                      <td className="text-right tabular-nums">{pledges}</td>
                      <td className="text-right text-stone-500 tabular-nums">{direction}</td>
                      <td className="text-right tabular-nums">
                        {assessed}{" "}
                        <span className="text-stone-400">({percent(assessed, pledges)})</span>
                      </td>
                      <td className="text-right tabular-nums">
                        {approved}{" "}
                        <span className="text-stone-400">({percent(approved, pledges)})</span>
                      </td>
                      <td>
                        <div className="w-28">
                          <ProgressBar
                            progress={{ total: pledges, assessed, submitted, approved }}
                            summary={t("auditReport.overview.progressLabel", {
                              assessed,
                              approved,
                              n: pledges,
                            })}
                            testId="audit-pair-progress"
                            hideSummary
                          />
                        </div>
                      </td>
                      <td
                        className="text-right font-semibold tabular-nums"
                        data-testid="audit-pair-rate"
                      >
                        {rateShown || fulfilmentRate === null ? (
                          formatRate(fulfilmentRate)
                        ) : (
                          <span
                            className="text-xs font-normal text-stone-400"
                            title={t("regions.rate.tooFew", { assessed, pledges })}
                          >
                            {t("regions.rate.tooFewShort")}
                          </span>
                        )}
                      </td>
                    </tr>
                  ),
                )}
              </tbody>
            </table>
          </div>
          <div className="grid gap-5 md:grid-cols-2">
            <section className="card p-4">
              <h2 className="mb-2 text-sm font-semibold text-stone-800">
                {t("auditReport.overview.regions")}
              </h2>
              <ul className="flex flex-wrap gap-2" data-testid="audit-regions">
                {regions.map(([id, name]) => (
                  <li key={id}>
                    <Link href={`/audit/region/${id}`} className="btn btn-sm">
                      {name}
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
            <section className="card p-4">
              <h2 className="mb-2 text-sm font-semibold text-stone-800">
                {t("auditReport.overview.years")}
              </h2>
              <ul className="flex flex-wrap gap-2" data-testid="audit-years">
                {years.map((y) => (
                  <li key={y}>
                    <Link href={`/audit/year/${y}`} className="btn btn-sm tabular-nums">
                      {y}
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          </div>
          <p className="mt-3 text-xs text-stone-500">
            {t("auditReport.formula")} {t("auditReport.formulaNote")} {t("regions.rate.rule")}
          </p>
        </>
      )}
      <CorpusExportForm regions={choices.regions} years={choices.years} t={t} />
    </>
  );
}
