import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requirePagePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getReportDetail, listPairingCandidates } from "@/lib/reports/data";
import { listReportPledges } from "@/lib/pledges/data";
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

export default async function ReportPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePagePermission("report:read");
  const { id } = await params;
  const [report, { t }] = await Promise.all([loadReport(id), getTranslator()]);
  if (!report) notFound();
  const pledges = await listReportPledges(report.id);
  const canEdit = can(user.role, "pledge:edit");
  const canPair = can(user.role, "pairing:edit");
  const candidates = canPair ? await listPairingCandidates(report.id) : [];

  const counts: Record<string, number> = { quantitative: 0, project: 0, policy: 0 };
  for (const p of pledges) counts[p.kind] = (counts[p.kind] ?? 0) + 1;
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
            <span className="font-medium tabular-nums">{t("report.meta.pledgeCount", { count: pledges.length })}</span>
            {(["quantitative", "project", "policy"] as const).map((k) => (
              <span key={k} className={`badge ${KIND_BADGE[k]}`}>
                {t(kindLabelKey(k))} <span className="ml-1 tabular-nums">{counts[k]}</span>
              </span>
            ))}
          </span>
        </Meta>
      </dl>
      {!report.parsed ? <p className="card mb-4 px-4 py-3 text-sm text-stone-600">{t("report.notParsed")}</p> : null}
      <ReportWorkspace
        reportId={report.id}
        pledges={pledges}
        sections={report.sections.filter((s) => s.kind !== "topic").map((s) => ({ id: s.id, parentId: s.parentId, kind: s.kind, heading: s.heading }))}
        canEdit={canEdit}
        sourceLength={report.sourceText.length}
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
