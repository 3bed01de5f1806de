import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requirePagePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getReportDetail } from "@/lib/reports/data";
import { listPairingCandidates } from "@/lib/pairing/data";
import { listRegionOptions } from "@/lib/regions/data";
import { listReportPledges } from "@/lib/pledges/data";
import { packPledges } from "@/lib/pledges/packed-list";
import { listAssignableUsers } from "@/lib/users/data";
import { parsePledgeFilters } from "@/lib/pledges/filters";
import { reportPledgeView } from "@/lib/pledges/report-view";
import { getTranslator } from "@/lib/i18n/locale";
import { ProgressBar } from "@/app/_components/progress-bar";
import { PageHeader } from "@/app/_components/page-header";
import { buildSourceBlocks } from "./source-segments";
import { SourceText } from "./source-text";
import { ReportWorkspace } from "./report-workspace";
import { KIND_BADGE } from "./report-styles";
import { PairingEditor } from "./pairing-editor";
import { ReportMetaEditor } from "./report-meta-editor";
import { ReportAdminActions } from "./report-admin-actions";
import { kindKey, levelLabel } from "@/lib/i18n/vocabulary";
import { PLEDGE_KINDS } from "@/lib/vocabulary";

const loadReport = cache((id: string) =>
  /^[A-Za-z0-9_-]{1,64}$/.test(id) ? getReportDetail(id) : Promise.resolve(null),
);

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const report = await loadReport((await params).id);
  return { title: report?.title ?? "Report" };
}

export default async function ReportPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePagePermission("report:read");
  const { id } = await params;
  const { filters, invalid } = parsePledgeFilters(await searchParams);
  const [report, { t }] = await Promise.all([loadReport(id), getTranslator()]);
  if (!report) notFound();
  const [pledges, users] = await Promise.all([listReportPledges(report.id), listAssignableUsers()]);
  // Always a filtered list: the default view is the trackable items (direction one click away,
  // "not a pledge" hidden in a view of its own).
  const view = reportPledgeView({ sections: report.sections, pledges, filters, userId: user.id });
  const { visibleIds, tierCounts, kindCounts: counts, progress, filterSections } = view;
  invalid.push(...view.invalid);
  const canEdit = can(user.role, "pledge:edit");
  const canPair = can(user.role, "pairing:edit");
  const canEditMeta = can(user.role, "report:edit");
  const [candidates, regionOptions] = await Promise.all([
    canPair ? listPairingCandidates(report.id) : [],
    canEditMeta ? listRegionOptions() : [],
  ]);
  const { pairing } = report;

  const blocks = buildSourceBlocks({
    sourceText: report.sourceText,
    bodyStart: report.bodyStart,
    bodyEnd: report.bodyEnd,
    sections: report.sections,
    pledges,
  });
  const fileLine = [report.encoding.toUpperCase(), report.fileName].filter(Boolean).join(" · ");

  return (
    <>
      <PageHeader
        title={report.title}
        subtitle={
          <span data-testid="report-region-path">
            {[...report.region.path, { id: report.region.id, name: report.region.name }].map(
              (r, i) => (
                <span key={r.id}>
                  {i ? " › " : ""}
                  <Link href={`/regions/${r.id}`} className="hover:underline">
                    {r.name}
                  </Link>
                </span>
              ),
            )}
            {` · ${report.year ?? t("reports.unknownYear")}`}
          </span>
        }
        actions={
          can(user.role, "report:archive") ? (
            <ReportAdminActions
              reportId={report.id}
              version={report.version}
              title={report.title}
              archived={report.archivedAt !== null}
            />
          ) : null
        }
      />
      {report.archivedAt ? (
        <p
          className="card mb-4 border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900"
          role="status"
          data-testid="report-archived"
        >
          {t("regions.report.archivedNote", { date: report.archivedAt.slice(0, 10) })}
        </p>
      ) : null}
      {canEditMeta ? (
        <ReportMetaEditor
          key={report.version}
          report={{
            id: report.id,
            version: report.version,
            regionId: report.region.id,
            region: report.region.fullName,
            level: report.region.level,
            year: report.year,
            title: report.title,
            deliveredOn: report.deliveredOn,
            speaker: report.speaker,
            meeting: report.meeting,
          }}
          regionNames={regionOptions.map((r) => r.fullName)}
        />
      ) : null}
      <dl
        className="card mb-4 grid grid-cols-2 gap-x-6 gap-y-2 px-4 py-3 text-sm sm:grid-cols-3 lg:grid-cols-6"
        data-testid="report-meta"
      >
        <Meta label={t("report.meta.region")}>
          <Link
            href={`/regions/${report.region.id}`}
            className="text-brand-700 hover:underline"
            data-testid="report-region"
          >
            {report.region.name}
          </Link>
          <span className="ml-1 text-xs text-stone-500">{levelLabel(t, report.region.level)}</span>
        </Meta>
        <Meta label={t("report.meta.year")}>
          {report.year ?? <span className="text-stone-400">{t("reports.unknownYear")}</span>}
        </Meta>
        <Meta label={t("report.meta.delivered")}>{report.deliveredOn ?? "—"}</Meta>
        <Meta label={t("report.meta.speaker")}>{report.speaker ?? "—"}</Meta>
        <Meta label={t("report.meta.script")}>
          {t(report.script === "traditional" ? "script.traditional" : "script.simplified")}
          <span className="ml-1 text-xs text-stone-500" title={fileLine}>
            {fileLine}
          </span>
        </Meta>
        <Meta label={t("report.meta.reviewedBy")}>
          {pairing.review ? (
            <span data-testid="reviewed-by" data-source={pairing.source}>
              <Link
                href={`/reports/${pairing.review.id}`}
                className="text-brand-700 hover:underline"
              >
                {pairing.review.title}
              </Link>
              <span className="block text-xs text-stone-500">
                {pairing.source === "automatic"
                  ? t("report.meta.reviewedByInferred")
                  : t("regions.pairing.manual")}
                {pairing.review.archived ? ` · ${t("regions.report.archived")}` : ""}
              </span>
            </span>
          ) : pairing.source === "cleared" ? (
            <span data-testid="reviewed-by" data-source="cleared" className="text-stone-500">
              {t("regions.pairing.cleared")}
            </span>
          ) : (
            <span data-testid="reviewed-by" data-source="none" className="text-stone-500">
              {t("report.meta.noReviewYet")} ·{" "}
              <Link href="/reports/import" className="text-brand-700 hover:underline">
                {t("report.meta.importNext")}
              </Link>
            </span>
          )}
          {canPair ? (
            <PairingEditor
              reportId={report.id}
              current={pairing.review?.id ?? null}
              manual={pairing.source === "manual" || pairing.source === "cleared"}
              candidates={candidates}
            />
          ) : null}
        </Meta>
        <Meta label={t("report.meta.meeting")} wide>
          {report.meeting ?? "—"}
        </Meta>
        <Meta label={t("report.meta.pledges")} wide>
          <span className="flex flex-wrap items-center gap-1.5" data-testid="kind-counts">
            <span className="font-medium tabular-nums">
              {t("report.meta.pledgeCount", { count: progress.total })}
            </span>
            <span className="badge bg-stone-900 text-white tabular-nums" data-testid="tier-counts">
              {t("tiers.counts", tierCounts)}
            </span>
            {tierCounts.excluded ? (
              <span className="badge bg-red-50 text-red-800 tabular-nums">
                {t("tiers.meta.excluded", { n: tierCounts.excluded })}
              </span>
            ) : null}
            {PLEDGE_KINDS.map((k) => (
              <span key={k} className={`badge ${KIND_BADGE[k]}`}>
                {t(kindKey(k))} <span className="ml-1 tabular-nums">{counts[k]}</span>
              </span>
            ))}
          </span>
        </Meta>
      </dl>
      <div className="mb-4 flex items-center gap-3 text-xs">
        <span className="shrink-0 font-medium text-stone-600">{t("progress.title")}</span>
        <ProgressBar
          progress={progress}
          summary={t("progress.summary", { ...progress })}
          testId="progress"
          wide
        />
      </div>
      {!report.parsed ? (
        <p className="card mb-4 px-4 py-3 text-sm text-stone-600">{t("report.notParsed")}</p>
      ) : null}
      <ReportWorkspace
        reportId={report.id}
        packedPledges={packPledges(pledges)}
        sections={report.sections
          .filter((s) => s.kind !== "topic")
          .map((s) => ({ id: s.id, parentId: s.parentId, kind: s.kind, heading: s.heading }))}
        canEdit={canEdit}
        sourceLength={report.sourceText.length}
        visibleIds={visibleIds}
        filters={filters}
        filterOptions={{
          sections: filterSections,
          users: users.map((u) => ({ id: u.id, name: u.name })),
          tierCounts,
        }}
        invalidFilters={invalid}
        canBulk={can(user.role, "assessment:edit")}
      >
        <SourceText blocks={blocks} sourceText={report.sourceText} t={t} />
      </ReportWorkspace>
    </>
  );
}

function Meta({
  label,
  children,
  wide,
}: {
  label: string;
  children: React.ReactNode;
  wide?: boolean;
}) {
  return (
    // min-w-0: a grid cell may shrink below its content, so a long select (the pairing picker) fits its card.
    <div className={`min-w-0 ${wide ? "col-span-2 sm:col-span-3" : ""}`}>
      <dt className="text-xs text-stone-500">{label}</dt>
      <dd className="mt-0.5 text-stone-800">{children}</dd>
    </div>
  );
}
