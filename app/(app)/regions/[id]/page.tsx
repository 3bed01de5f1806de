import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getRegionDetail, listRegionOptions } from "@/lib/regions/data";
import { formatRate } from "@/lib/audit-reports/format";
import { getTranslator } from "@/lib/i18n/locale";
import { PageHeader } from "@/app/_components/page-header";
import { RegionAdmin } from "./region-admin";
import { getRegionRecord } from "@/lib/lineage/data";
import { RegionRecordView } from "@/app/_components/region-record/region-record-view";
import { levelLabel } from "@/lib/i18n/vocabulary";

const loadRegion = (id: string) =>
  /^[A-Za-z0-9_-]{1,64}$/.test(id) ? getRegionDetail(id) : Promise.resolve(null);

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const region = await loadRegion((await params).id);
  return { title: region?.fullName ?? "Region" };
}

/**
 * A region's page: where it sits (the regions above and below it), the names it is known by, and
 * its reports by year with their pairing and fulfilment; the roll-up audit; admins correct the
 * record and merge another region into it.
 */
export default async function RegionPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser();
  const id = (await params).id;
  const [region, { t, locale }, record] = await Promise.all([
    loadRegion(id),
    getTranslator(),
    /^[A-Za-z0-9_-]{1,64}$/.test(id) ? getRegionRecord(id) : Promise.resolve(null),
  ]);
  if (!region) notFound();
  const admin = can(user.role, "region:manage");
  const options = admin ? await listRegionOptions() : [];
  const pairingText = (p: (typeof region.reportRows)[number]["pairing"]) =>
    p.source === "automatic"
      ? t("regions.page.pairedAuto")
      : p.source === "manual"
        ? t("regions.page.pairedManual")
        : p.source === "cleared"
          ? t("regions.pairing.clearedShort")
          : t("regions.page.unpaired");
  return (
    <>
      <nav
        className="mb-2 text-xs text-stone-500"
        aria-label={t("regions.title")}
        data-testid="region-breadcrumb"
      >
        <Link href="/regions" className="hover:underline">
          {t("regions.title")}
        </Link>
        {region.ancestors.map((a) => (
          <span key={a.id}>
            {" › "}
            <Link href={`/regions/${a.id}`} className="hover:underline">
              {a.name}
            </Link>
          </span>
        ))}
      </nav>
      <PageHeader
        title={<span data-testid="region-name">{region.name}</span>}
        subtitle={`${levelLabel(t, region.level)} · ${t("regions.page.fullName")} ${region.fullName} · ${t("regions.page.shortName")} ${region.shortName}`}
        actions={
          <Link
            href={`/audit/region/${region.id}`}
            className="btn btn-sm"
            data-testid="region-audit-link"
          >
            {region.reportsBelow
              ? t("regions.page.rollUp", { n: region.reportsBelow })
              : t("regions.page.audit")}
          </Link>
        }
      />
      {region.aliases.length ? (
        <p className="mb-3 text-xs text-stone-600" data-testid="region-aliases">
          {t("regions.page.aliases", { names: region.aliases.join("、") })}
        </p>
      ) : null}

      <section className="card mb-4 overflow-x-auto">
        <table className="table-dense" data-testid="region-reports">
          <thead>
            <tr>
              <th>{t("reports.col.year")}</th>
              <th>{t("reports.col.title")}</th>
              <th>{t("regions.page.pairing")}</th>
              <th className="text-right">{t("tiers.audit.trackable")}</th>
              <th className="text-right">{t("audit.col.assessed")}</th>
              <th className="text-right">{t("audit.col.approved")}</th>
              <th className="text-right">{t("auditReport.rate")}</th>
            </tr>
          </thead>
          <tbody>
            {region.reportRows.length === 0 ? (
              <tr>
                <td colSpan={7} className="text-stone-500">
                  {t("regions.page.noReports")}
                </td>
              </tr>
            ) : null}
            {region.reportRows.map((r) => (
              <tr
                key={r.id}
                data-testid="region-report-row"
                data-year={r.year ?? ""}
                className={r.archived ? "text-stone-400" : undefined}
              >
                <td className="tabular-nums">{r.year ?? t("reports.unknownYear")}</td>
                <td>
                  <Link href={`/reports/${r.id}`} className="text-brand-700 hover:underline">
                    {r.title}
                  </Link>
                  {r.archived ? (
                    <span className="badge ml-2 bg-stone-100 text-stone-600">
                      {t("regions.report.archived")}
                    </span>
                  ) : null}
                </td>
                <td
                  className="whitespace-nowrap"
                  data-testid="region-report-pairing"
                  data-source={r.pairing.source}
                >
                  {r.pairing.review ? (
                    <Link href={`/audit/pair/${r.id}`} className="hover:underline">
                      →{" "}
                      {r.pairing.review.regionId === region.id
                        ? (r.pairing.review.year ?? r.pairing.review.title)
                        : `${r.pairing.review.regionName} ${r.pairing.review.year ?? ""}`}
                    </Link>
                  ) : null}
                  <span className="ml-1 text-xs text-stone-500">{pairingText(r.pairing)}</span>
                </td>
                <td className="text-right tabular-nums">{r.pledges}</td>
                <td className="text-right tabular-nums">{r.assessed}</td>
                <td className="text-right tabular-nums">{r.approved}</td>
                <td className="text-right tabular-nums" data-testid="region-report-rate">
                  {r.rateShown ? (
                    <span className="font-semibold">{formatRate(r.fulfilmentRate)}</span>
                  ) : (
                    <span
                      className="text-xs text-stone-400"
                      title={t("regions.rate.tooFew", { assessed: r.assessed, pledges: r.pledges })}
                    >
                      {t("regions.rate.tooFewShort")}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {record && region.reportRows.length ? (
        <div className="mb-4">
          <h2 className="mb-2 text-base font-semibold text-stone-900">{t("record.title")}</h2>
          <RegionRecordView record={record} locale={locale} mode="internal" />
        </div>
      ) : null}

      {region.children.length ? (
        <section className="card mb-4 p-4 text-sm">
          <h2 className="mb-2 font-semibold text-stone-800">{t("regions.page.children")}</h2>
          <ul className="flex flex-wrap gap-2" data-testid="region-children">
            {region.children.map((c) => (
              <li key={c.id}>
                <Link href={`/regions/${c.id}`} className="btn btn-sm">
                  {c.name}{" "}
                  <span className="ml-1 text-xs text-stone-500">
                    {t("regions.tree.reports", { n: c.reports + c.reportsBelow })}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {admin ? (
        <RegionAdmin
          region={{
            id: region.id,
            version: region.version,
            name: region.name,
            shortName: region.shortName,
            level: region.level,
            parentId: region.parentId,
          }}
          options={options
            .filter((o) => o.id !== region.id)
            .map((o) => ({
              id: o.id,
              label: [...o.path, o.name].join(" › "),
              reports: o.reports,
              version: o.version,
            }))}
        />
      ) : null}
      <p className="mt-4 text-xs text-stone-500">
        {t("auditReport.formula")} {t("auditReport.formulaNote")} {t("regions.rate.rule")}
      </p>
    </>
  );
}
