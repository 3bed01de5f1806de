import Link from "next/link";
import type { ReportProgress, ReportsAwaiting } from "@/lib/dashboard/data";
import type { Translate } from "@/lib/i18n/messages";
import { ProgressBar, ProgressLegend } from "@/app/_components/progress-bar";
import { WidgetCard } from "./widget-card";

function ReportRow({
  r,
  t,
  kind,
}: {
  r: ReportProgress;
  t: Translate;
  kind: "pairing" | "assessment";
}) {
  return (
    <li className="py-2" data-testid="awaiting-report" data-report-id={r.id}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-3">
        <Link
          href={`/reports/${r.id}`}
          className="text-sm font-medium text-brand-700 hover:underline"
        >
          {r.title}
        </Link>
        <span className="text-xs text-stone-500">
          {kind === "assessment" && r.reviewedBy ? (
            <Link href={`/reports/${r.reviewedBy.id}`} className="hover:underline">
              {t("dashboard.awaiting.reviewedBy", { title: r.reviewedBy.title })}
            </Link>
          ) : r.year === null ? (
            <span className="badge bg-amber-100 text-amber-800">{t("reports.unknownYear")}</span>
          ) : (
            t("dashboard.awaiting.noNextYear", { year: r.year + 1 })
          )}
        </span>
      </div>
      <div className="mt-1">
        <ProgressBar
          progress={r}
          summary={
            r.total === 0
              ? t("dashboard.progress.notParsed")
              : t("dashboard.progress.label", {
                  assessed: r.assessed,
                  submitted: r.submitted,
                  approved: r.approved,
                  total: r.total,
                })
          }
        />
      </div>
    </li>
  );
}

function ReportList({
  list,
  kind,
  t,
}: {
  list: ReportsAwaiting["pairing"];
  kind: "pairing" | "assessment";
  t: Translate;
}) {
  const more = list.count - list.items.length;
  return (
    <>
      <ol className="divide-y divide-stone-100">
        {list.items.map((r) => (
          <ReportRow key={r.id} r={r} t={t} kind={kind} />
        ))}
      </ol>
      {more > 0 ? (
        <Link href="/reports" className="mt-2 inline-block text-xs text-brand-700 hover:underline">
          {t("dashboard.awaiting.more", { count: more })}
        </Link>
      ) : null}
    </>
  );
}

/** Pairs waiting for assessment, and reports waiting for their next year's report. */
export function ReportsAwaitingWidgets({
  awaiting,
  t,
}: {
  awaiting: ReportsAwaiting;
  t: Translate;
}) {
  return (
    <>
      <WidgetCard
        title={t("dashboard.awaiting.assessment")}
        count={awaiting.assessment.count}
        hint={t("dashboard.awaiting.assessmentHint")}
        testId="awaiting-assessment"
      >
        {awaiting.assessment.count === 0 ? (
          <p className="text-sm text-stone-500">{t("dashboard.awaiting.assessmentEmpty")}</p>
        ) : (
          <>
            <ProgressLegend t={t} />
            <ReportList list={awaiting.assessment} kind="assessment" t={t} />
          </>
        )}
      </WidgetCard>
      <WidgetCard
        title={t("dashboard.awaiting.pairing")}
        count={awaiting.pairing.count}
        hint={t("dashboard.awaiting.pairingHint")}
        testId="awaiting-pairing"
      >
        {awaiting.pairing.count === 0 ? (
          <p className="text-sm text-stone-500">{t("dashboard.awaiting.pairingEmpty")}</p>
        ) : (
          <ReportList list={awaiting.pairing} kind="pairing" t={t} />
        )}
      </WidgetCard>
    </>
  );
}
