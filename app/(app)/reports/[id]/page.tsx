import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requirePagePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getReportDetail, listPairingCandidates } from "@/lib/reports/data";
import { listReportPledges } from "@/lib/pledges/data";
import { packPledges } from "@/lib/pledges/packed-list";
import { listAssignableUsers } from "@/lib/users/data";
import { matchPledge, parsePledgeFilters, sectionAndDescendants } from "@/lib/pledges/filters";
import { toSimplified } from "@/lib/report/script";
import { getTranslator } from "@/lib/i18n/locale";
import { PageHeader } from "@/app/_components/page-header";
import { buildSourceBlocks } from "./source-segments";
import { SourceText } from "./source-text";
import { ReportWorkspace } from "./report-workspace";
import { KIND_BADGE, kindLabelKey } from "./report-styles";
import { PairingEditor } from "./pairing-editor";

const loadReport = cache((id: string) => (/^[A-Za-z0-9_-]{1,64}$/.test(id) ? getReportDetail(id) : Promise.resolve(null)));

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
  const sectionIds = filters.section && report.sections.some((s) => s.id === filters.section) ? sectionAndDescendants(filters.section, report.sections) : null;
  if (filters.section && !sectionIds) invalid.push("section");
  const query = filters.q ? toSimplified(filters.q) : "";
  // Always a filtered list: the default view is the trackable items (direction one click away,
  // "not a pledge" hidden in a view of its own).
  const visibleIds = pledges.filter((p) => matchPledge(p, filters, { query, sectionIds, userId: user.id })).map((p) => p.id);
  const tierCounts = { trackable: 0, direction: 0, excluded: 0 };
  for (const p of pledges) tierCounts[p.excluded ? "excluded" : p.tier === "trackable" ? "trackable" : "direction"]++;
  const counted = pledges.filter((p) => !p.excluded);
  const progress = { assessed: 0, submitted: 0, approved: 0 };
  for (const p of counted) {
    if (p.status !== "not_assessed") progress.assessed++;
    if (p.reviewState === "submitted") progress.submitted++;
    if (p.reviewState === "approved") progress.approved++;
  }
  const filterSections = report.sections.filter((s) => s.kind === "subsection" || s.kind === "targets" || s.kind === "list" || (s.parentId === null && s.kind === "plan"));
  const canEdit = can(user.role, "pledge:edit");
  const canPair = can(user.role, "pairing:edit");
  const candidates = canPair ? await listPairingCandidates(report.id) : [];

  const counts: Record<string, number> = { quantitative: 0, project: 0, policy: 0 };
  for (const p of counted) counts[p.kind] = (counts[p.kind] ?? 0) + 1;
  const blocks = buildSourceBlocks({ sourceText: report.sourceText, bodyStart: report.bodyStart, bodyEnd: report.bodyEnd, sections: report.sections, pledges });
  const fileLine = [report.encoding.toUpperCase(), report.fileName].filter(Boolean).join(" · ");

  return (
    <>
      <PageHeader title={report.title} subtitle={`${report.region.name} · ${report.year ?? t("reports.unknownYear")}`} />
      <dl className="card mb-4 grid grid-cols-2 gap-x-6 gap-y-2 px-4 py-3 text-sm sm:grid-cols-3 lg:grid-cols-6" data-testid="report-meta">
        <Meta label={t("report.meta.region")}>{report.region.name}</Meta>
        <Meta label={t("report.meta.year")}>{report.year ?? <span className="text-stone-400">{t("reports.unknownYear")}</span>}</Meta>
        <Meta label={t("report.meta.delivered")}>{report.deliveredOn ?? "—"}</Meta>
        <Meta label={t("report.meta.speaker")}>{report.speaker ?? "—"}</Meta>
        <Meta label={t("report.meta.script")}>
          {t(report.script === "traditional" ? "script.traditional" : "script.simplified")}
          <span className="ml-1 text-xs text-stone-500" title={fileLine}>{fileLine}</span>
        </Meta>
        <Meta label={t("report.meta.reviewedBy")}>
          {report.reviewedBy ? (
            <span data-testid="reviewed-by">
              <Link href={`/reports/${report.reviewedBy.id}`} className="text-brand-700 hover:underline">{report.reviewedBy.title}</Link>
              {report.reviewedBy.inferred ? <span className="block text-xs text-stone-500">{t("report.meta.reviewedByInferred")}</span> : null}
            </span>
          ) : (
            <span data-testid="reviewed-by" className="text-stone-500">
              {t("report.meta.noReviewYet")} · <Link href="/reports/import" className="text-brand-700 hover:underline">{t("report.meta.importNext")}</Link>
            </span>
          )}
          {canPair ? <PairingEditor reportId={report.id} current={report.reviewedBy && !report.reviewedBy.inferred ? report.reviewedBy.id : null} candidates={candidates} /> : null}
        </Meta>
        <Meta label={t("report.meta.meeting")} wide>{report.meeting ?? "—"}</Meta>
        <Meta label={t("report.meta.pledges")} wide>
          <span className="flex flex-wrap items-center gap-1.5" data-testid="kind-counts">
            <span className="font-medium tabular-nums">{t("report.meta.pledgeCount", { count: counted.length })}</span>
            <span className="badge bg-stone-900 text-white tabular-nums" data-testid="tier-counts">{t("tiers.counts", tierCounts)}</span>
            {tierCounts.excluded ? <span className="badge bg-red-50 text-red-800 tabular-nums">{t("tiers.meta.excluded", { n: tierCounts.excluded })}</span> : null}
            {(["quantitative", "project", "policy"] as const).map((k) => (
              <span key={k} className={`badge ${KIND_BADGE[k]}`}>
                {t(kindLabelKey(k))} <span className="ml-1 tabular-nums">{counts[k]}</span>
              </span>
            ))}
          </span>
        </Meta>
      </dl>
      <ProgressBar {...progress} total={counted.length} label={t("progress.title")} summary={t("progress.summary", { ...progress, total: counted.length })} />
      {!report.parsed ? <p className="card mb-4 px-4 py-3 text-sm text-stone-600">{t("report.notParsed")}</p> : null}
      <ReportWorkspace
        reportId={report.id}
        packedPledges={packPledges(pledges)}
        sections={report.sections.filter((s) => s.kind !== "topic").map((s) => ({ id: s.id, parentId: s.parentId, kind: s.kind, heading: s.heading }))}
        canEdit={canEdit}
        sourceLength={report.sourceText.length}
        visibleIds={visibleIds}
        filters={filters}
        filterOptions={{ sections: filterSections.map((s) => ({ id: s.id, heading: s.heading })), users: users.map((u) => ({ id: u.id, name: u.name })), tierCounts }}
        invalidFilters={invalid}
        canBulk={can(user.role, "assessment:edit")}
      >
        <SourceText blocks={blocks} sourceText={report.sourceText} t={t} />
      </ReportWorkspace>
    </>
  );
}

function Meta({ label, children, wide }: { label: string; children: React.ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? "col-span-2 sm:col-span-3" : undefined}>
      <dt className="text-xs text-stone-500">{label}</dt>
      <dd className="mt-0.5 text-stone-800">{children}</dd>
    </div>
  );
}

/** Assessed / submitted / approved of all pledges, as a stacked bar with the figures beside it. */
function ProgressBar({ assessed, submitted, approved, total, label, summary }: { assessed: number; submitted: number; approved: number; total: number; label: string; summary: string }) {
  const pct = (n: number) => (total ? (100 * n) / total : 0);
  return (
    <div className="mb-4 flex items-center gap-3 text-xs" data-testid="progress">
      <span className="font-medium text-stone-600">{label}</span>
      <div className="relative h-2 w-64 overflow-hidden rounded-full bg-stone-200" role="img" aria-label={summary}>
        <div className="absolute inset-y-0 left-0 bg-sky-300" style={{ width: `${pct(assessed)}%` }} />
        <div className="absolute inset-y-0 left-0 bg-violet-400" style={{ width: `${pct(submitted + approved)}%` }} />
        <div className="absolute inset-y-0 left-0 bg-green-600" style={{ width: `${pct(approved)}%` }} />
      </div>
      <span className="tabular-nums text-stone-600">{summary}</span>
    </div>
  );
}
