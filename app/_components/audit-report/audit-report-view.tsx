import Link from "next/link";
import { ASSESSMENT_STATUSES, type AssessmentStatus } from "@/lib/assessments/schema";
import { formatAsOf, formatRate } from "@/lib/audit-reports/format";
import { formatTarget } from "@/lib/pledges/target";
import { auditViewQuery, type AuditPledge, type AuditReport } from "@/lib/audit-reports/schema";
import { rateIsHeadline, type Tally } from "@/lib/audit-reports/aggregate";
import { createTranslator, type Locale, type Translate } from "@/lib/i18n/messages";
import { StatusBadge } from "@/app/_components/assessment-badges";
import { tierLabel } from "@/app/_components/tier-label";
import { StatusDistributionChart } from "@/app/_components/charts/status-distribution-chart";
import { GroupStatusChart } from "@/app/_components/charts/group-status-chart";
import { TrendChart } from "@/app/_components/charts/trend-chart";
import { RegionRecordView } from "@/app/_components/region-record/region-record-view";
import type { RegionRecordDto } from "@/lib/lineage/schema";
import { statusKey } from "@/lib/i18n/vocabulary";

type Props = {
  report: AuditReport;
  locale: Locale;
  /** internal: links into the workspace; public: a share page (no internal links). */
  mode: "internal" | "public";
  /** The page's own path, for the link that switches between trackable items only and all. */
  basePath: string;
  /** A region's multi-year record (region reports only): targets against outcomes, recurring pledges. */
  record?: RegionRecordDto | null;
};

const TABLE_STATUSES: AssessmentStatus[] = [
  "fulfilled",
  "partial",
  "in_progress",
  "unfulfilled",
  "not_verifiable",
  "not_assessed",
];

function statusLabels(t: Translate): Record<AssessmentStatus, string> {
  return Object.fromEntries(ASSESSMENT_STATUSES.map((s) => [s, t(statusKey(s))])) as Record<
    AssessmentStatus,
    string
  >;
}

function share(part: number, whole: number): string {
  return whole ? `${Math.round((part / whole) * 100)}%` : "—";
}

/**
 * A rate in a table: as it is once enough pledges are assessed (rateIsHeadline), otherwise grey,
 * in brackets, with a tooltip saying why it is no conclusion yet.
 */
function RateCell({
  tally,
  t,
}: {
  tally: Pick<Tally, "pledges" | "assessed" | "fulfilmentRate">;
  t: Translate;
}) {
  if (tally.fulfilmentRate === null || rateIsHeadline(tally))
    return <>{formatRate(tally.fulfilmentRate)}</>;
  return (
    <span
      className="font-normal text-stone-400"
      title={t("regions.rate.tooFew", { assessed: tally.assessed, pledges: tally.pledges })}
      data-testid="rate-too-few"
    >
      ({formatRate(tally.fulfilmentRate)})
    </span>
  );
}

/** Counts per status and the fulfilment rate of several rows (groups or kinds). */
function TallyTable({
  t,
  heading,
  rows,
  testId,
}: {
  t: Translate;
  heading: string;
  rows: { key: string; label: string; tally: Tally }[];
  testId: string;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="table-dense audit-table" data-testid={testId}>
        <thead>
          <tr>
            <th>{heading}</th>
            <th className="text-right whitespace-nowrap">{t("auditReport.pledges")}</th>
            <th className="text-right whitespace-nowrap">{t("auditReport.assessed")}</th>
            {TABLE_STATUSES.map((s) => (
              <th key={s} className="text-right whitespace-nowrap">
                {t(`status.${s}`)}
              </th>
            ))}
            <th className="text-right whitespace-nowrap">{t("auditReport.rate")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ key, label, tally }) => (
            <tr key={key}>
              <td className="max-w-xs min-w-32 font-medium">{label}</td>
              <td className="text-right tabular-nums">{tally.pledges}</td>
              <td className="text-right tabular-nums">{tally.assessed}</td>
              {TABLE_STATUSES.map((s) => (
                <td key={s} className="text-right tabular-nums">
                  {tally.counts[s] || <span className="text-stone-300">0</span>}
                </td>
              ))}
              <td className="text-right font-semibold tabular-nums">
                <RateCell tally={tally} t={t} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ProvisionalMark({
  p,
  t,
  approvedOnly,
}: {
  p: AuditPledge;
  t: Translate;
  approvedOnly: boolean;
}) {
  if (!p.provisional) return null;
  return (
    <span
      className="badge mt-1 border border-dashed border-stone-400 bg-white text-stone-600"
      data-testid="provisional"
      title={t(`reviewState.${p.reviewState}`)}
    >
      {approvedOnly ? t("auditReport.provisionalExcluded") : t("auditReport.provisional")} ·{" "}
      {t(`reviewState.${p.reviewState}`)}
    </span>
  );
}

function PledgeRow({
  p,
  t,
  report,
  mode,
}: {
  p: AuditPledge;
  t: Translate;
  report: AuditReport;
  mode: Props["mode"];
}) {
  const notes = report.options.showNotes;
  const href = `/reports/${p.reportId}/pledges/${p.id}`;
  return (
    <tr data-testid="audit-pledge" data-status={p.status}>
      <td className="text-stone-500 tabular-nums">{p.number}</td>
      <td className="min-w-[16rem]" data-stack="grow">
        {p.title ? (
          <div className="font-medium text-stone-900" data-testid="audit-pledge-title">
            {p.title}
          </div>
        ) : null}
        {mode === "internal" ? (
          <Link href={href} className="hover:text-brand-700 hover:underline">
            {p.text}
          </Link>
        ) : (
          p.text
        )}
        <div className="mt-0.5 text-xs text-stone-500">
          <span data-testid="audit-pledge-tier" data-tier={p.tier}>
            {tierLabel(p, t)}
          </span>
          {" · "}
          {t(`report.kind.${p.kind}`)}
          {p.target
            ? ` · ${t("auditReport.target")} ${formatTarget(p.target, t("target.growthSuffix"))}`
            : ""}
          {p.reportedValue ? ` · ${t("auditReport.reported")} ${p.reportedValue}` : ""}
        </div>
      </td>
      <td className="whitespace-nowrap" data-stack="full">
        <StatusBadge status={p.status} label={t(`status.${p.status}`)} />
        <div>
          <ProvisionalMark p={p} t={t} approvedOnly={report.options.approvedOnly} />
        </div>
      </td>
      <td
        className="min-w-[14rem] text-xs"
        data-stack="label"
        data-label={t("auditReport.evidence")}
        data-empty={p.evidence.length === 0 ? "" : undefined}
      >
        {p.evidence.length === 0 ? <span className="text-stone-400">—</span> : null}
        {p.evidence.map((e, i) => (
          <blockquote
            key={i}
            className="audit-quote mb-1 border-l-2 border-stone-300 pl-2 text-stone-700"
            data-testid="audit-evidence"
          >
            {e.quote}
            {mode === "internal" && e.kind === "review" ? (
              <>
                {" "}
                <Link
                  href={href}
                  className="no-print whitespace-nowrap text-brand-700 hover:underline"
                >
                  {t("auditReport.inSource")}
                </Link>
              </>
            ) : null}
            {e.url ? (
              <a
                href={e.url}
                target="_blank"
                rel="noopener noreferrer nofollow"
                className="block truncate text-brand-700 hover:underline"
              >
                {e.url}
              </a>
            ) : null}
          </blockquote>
        ))}
      </td>
      {notes ? (
        <>
          <td
            className="min-w-[12rem] text-xs whitespace-pre-line text-stone-700"
            data-testid="audit-rationale"
            data-stack="label"
            data-label={t("auditReport.rationale")}
            data-empty={p.rationale ? undefined : ""}
          >
            {p.rationale ?? "—"}
          </td>
          <td
            className="text-xs whitespace-nowrap text-stone-600"
            data-label={t("auditReport.reviewer")}
            data-empty={p.reviewer ? undefined : ""}
          >
            {p.reviewer ?? "—"}
            {p.approvedAt ? (
              <div className="text-stone-400">{p.approvedAt.slice(0, 10)}</div>
            ) : null}
          </td>
        </>
      ) : null}
    </tr>
  );
}

/**
 * The audit report of a pair, a region or a year: what it covers and as of when, the fulfilment
 * rate convention, totals, charts, counts per section/report and per kind, headline targets and
 * every pledge with its verdict and evidence. The same view serves the workspace and share pages;
 * share pages without notes receive no rationales or names in `report` at all.
 */
export function AuditReportView({ report, locale, mode, basePath, record }: Props) {
  const t = createTranslator(locale);
  const { aggregate, options } = report;
  const total = aggregate.total;
  const labels = statusLabels(t);
  const groupHeading =
    report.scope === "pair"
      ? t("auditReport.bySection")
      : report.scope === "region"
        ? t("auditReport.byYear")
        : t("auditReport.byRegion");
  const notes = options.showNotes;

  return (
    <article
      className="audit-report space-y-5"
      data-testid="audit-report"
      data-approved-only={options.approvedOnly ? "1" : "0"}
      data-tiers={options.tiers}
    >
      <section className="card p-4 text-sm" aria-label={t("auditReport.about")}>
        <ul className="space-y-1">
          {report.plans.map((plan) => (
            <li key={plan.id} data-testid="audit-plan">
              <span className="mr-1 font-medium text-stone-700" data-testid="audit-plan-label">
                {plan.region.name} {plan.year ?? "?"}
              </span>
              <span className="text-stone-500">{t("auditReport.plan")}</span>
              {mode === "internal" ? (
                <Link href={`/reports/${plan.id}`} className="font-medium hover:underline">
                  {plan.title}
                </Link>
              ) : (
                <span className="font-medium">{plan.title}</span>
              )}
              <span className="mx-2 text-stone-400">→</span>
              <span className="text-stone-500">{t("auditReport.review")}</span>
              {plan.review ? (
                <>
                  {mode === "internal" ? (
                    <Link
                      href={`/reports/${plan.review.id}`}
                      className="font-medium hover:underline"
                    >
                      {plan.review.title}
                    </Link>
                  ) : (
                    <span className="font-medium">{plan.review.title}</span>
                  )}
                  {plan.review.inferred ? (
                    <span className="ml-1 text-xs text-stone-400">
                      （{t("auditReport.inferred")}）
                    </span>
                  ) : null}
                </>
              ) : (
                <span className="text-stone-400">{t("auditReport.noReview")}</span>
              )}
            </li>
          ))}
        </ul>
        <p className="mt-2 text-xs text-stone-600" data-testid="audit-as-of">
          {t("auditReport.asOf", { time: formatAsOf(report.asOf) })}
          {report.lastChangeAt
            ? ` · ${t("auditReport.lastChange", { time: formatAsOf(report.lastChangeAt) })}`
            : ""}
        </p>
        <p className="mt-1 text-xs text-stone-600" data-testid="audit-tiers">
          {options.tiers === "trackable"
            ? t("tiers.audit.countingTrackable", report.tierCounts)
            : t("tiers.audit.countingAll", report.tierCounts)}{" "}
          <Link
            className="no-print text-brand-700 hover:underline"
            href={`${basePath}${auditViewQuery({ approvedOnly: options.approvedOnly, tiers: options.tiers === "trackable" ? "all" : "trackable" })}`}
            data-testid="audit-tiers-switch"
          >
            {options.tiers === "trackable"
              ? t("tiers.audit.includeDirection", report.tierCounts)
              : t("tiers.audit.onlyTrackable")}
          </Link>
        </p>
        <p className="mt-1 text-xs text-stone-600" data-testid="audit-mode">
          {options.approvedOnly
            ? t("auditReport.modeApproved")
            : t("auditReport.modeAll", { n: total.provisional })}
        </p>
        <p className="mt-1 text-xs text-stone-600" data-testid="audit-formula">
          <strong>{t("auditReport.formula")}</strong> {t("auditReport.formulaNote")}{" "}
          {t("regions.rate.rule")}
        </p>
        {aggregate.suggestions.accepted + aggregate.suggestions.changed > 0 ? (
          <p
            className="mt-1 text-xs text-stone-600"
            data-testid="audit-suggestions"
            data-accepted={aggregate.suggestions.accepted}
            data-changed={aggregate.suggestions.changed}
          >
            {t("auditReport.suggestions", {
              accepted: aggregate.suggestions.accepted,
              changed: aggregate.suggestions.changed,
            })}
          </p>
        ) : null}
        {mode === "public" && !notes ? (
          <p className="mt-1 text-xs text-stone-500">{t("auditReport.notesHidden")}</p>
        ) : null}
        <p
          className="print-omitted-note mt-1 text-xs text-stone-600"
          data-testid="audit-print-omitted"
        >
          {t("auditReport.printOmitted", {
            n: report.groups.reduce(
              (n, g) => n + g.pledges.filter((p) => p.status === "not_assessed").length,
              0,
            ),
          })}
        </p>
      </section>

      <section className="grid grid-cols-2 gap-3 md:grid-cols-4" data-testid="audit-summary">
        {[
          {
            key: "pledges",
            label:
              options.tiers === "trackable" ? t("tiers.audit.trackable") : t("auditReport.pledges"),
            value: String(total.pledges),
            sub: "",
          },
          {
            key: "assessed",
            label: t("auditReport.assessed"),
            value: String(total.assessed),
            sub: share(total.assessed, total.pledges),
          },
          {
            key: "approved",
            label: t("auditReport.approved"),
            value: String(total.approved),
            sub: share(total.approved, total.pledges),
          },
          rateIsHeadline(total)
            ? {
                key: "rate",
                label: t("auditReport.rate"),
                value: formatRate(total.fulfilmentRate),
                sub: t("auditReport.rateBase", { n: total.rateBase }),
              }
            : {
                key: "rate",
                label: t("auditReport.rate"),
                value: "—",
                sub: "",
                note: t("regions.rate.tooFew", {
                  assessed: total.assessed,
                  pledges: total.pledges,
                }),
              },
        ].map((c) => (
          <div
            key={c.key}
            className="card px-4 py-3"
            data-testid={`audit-card-${c.key}`}
            data-rate-shown={c.key === "rate" ? (rateIsHeadline(total) ? "1" : "0") : undefined}
          >
            <p className="text-xs text-stone-500">{c.label}</p>
            <p className="text-2xl font-semibold text-stone-900 tabular-nums">
              {c.value}{" "}
              {c.sub ? <span className="text-sm font-normal text-stone-500">{c.sub}</span> : null}
            </p>
            {"note" in c && c.note ? (
              <p className="mt-0.5 text-xs text-amber-800" data-testid="audit-rate-too-few">
                {c.note}
              </p>
            ) : null}
          </div>
        ))}
      </section>

      <section className="card audit-charts space-y-5 p-4">
        <div>
          <h2 className="mb-2 text-sm font-semibold text-stone-800">
            {t("auditReport.chart.status")}
          </h2>
          <StatusDistributionChart
            id="chart-status"
            title={t("auditReport.chart.status")}
            description={t("auditReport.chart.statusDesc", {
              n: total.pledges,
              list: TABLE_STATUSES.map((s) => `${labels[s]} ${total.counts[s]}`).join(
                locale === "zh" ? "，" : ", ",
              ),
            })}
            counts={total.counts}
            statusLabels={labels}
            columns={[t("auditReport.status"), t("auditReport.count"), t("auditReport.share")]}
          />
        </div>
        {aggregate.byGroup.length > 0 ? (
          <div>
            <h2 className="mb-2 text-sm font-semibold text-stone-800">
              {t("auditReport.chart.groups", { by: groupHeading })}
            </h2>
            <GroupStatusChart
              id="chart-groups"
              title={t("auditReport.chart.groups", { by: groupHeading })}
              description={t("auditReport.chart.groupsDesc")}
              groups={aggregate.byGroup.map((g) => ({
                key: g.key,
                label: g.label,
                pledges: g.pledges,
                counts: g.counts,
                valueText: rateIsHeadline(g) ? formatRate(g.fulfilmentRate) : "—",
              }))}
              statusLabels={labels}
              groupHeading={groupHeading}
              valueHeading={t("auditReport.rate")}
              pledgesHeading={t("auditReport.pledges")}
            />
          </div>
        ) : null}
        {report.trend && report.trend.length > 0 ? (
          <div>
            <h2 className="mb-2 text-sm font-semibold text-stone-800">
              {t("auditReport.chart.trend")}
            </h2>
            <TrendChart
              id="chart-trend"
              title={t("auditReport.chart.trend")}
              description={t("auditReport.chart.trendDesc")}
              points={report.trend.map((p) => ({
                label: String(p.year),
                value: p.rateShown ? p.fulfilmentRate : null,
                note: t("auditReport.assessedOf", { n: p.assessed, total: p.pledges }),
              }))}
              columns={[
                t("auditReport.planYear"),
                t("auditReport.rate"),
                t("auditReport.assessed"),
              ]}
              noValue={t("regions.rate.tooFewShort")}
            />
          </div>
        ) : null}
      </section>

      {record ? <RegionRecordView record={record} locale={locale} mode={mode} /> : null}

      <section className="card p-4">
        <h2 className="mb-2 text-sm font-semibold text-stone-800">
          {t("auditReport.table.groups", { by: groupHeading })}
        </h2>
        <TallyTable
          t={t}
          heading={groupHeading}
          testId="audit-by-group"
          rows={aggregate.byGroup.map((g) => ({ key: g.key, label: g.label, tally: g }))}
        />
        <h2 className="mt-5 mb-2 text-sm font-semibold text-stone-800">
          {t("auditReport.table.kinds")}
        </h2>
        <TallyTable
          t={t}
          heading={t("auditReport.kind")}
          testId="audit-by-kind"
          rows={aggregate.byKind.map((k) => ({
            key: k.kind,
            label: t(`report.kind.${k.kind}`),
            tally: k,
          }))}
        />
      </section>

      {report.targets.length > 0 ? (
        <section className="card audit-targets p-4" data-testid="audit-targets">
          <h2 className="mb-2 text-sm font-semibold text-stone-800">{t("auditReport.targets")}</h2>
          <div className="overflow-x-auto">
            <table className="table-dense audit-table">
              <thead>
                <tr>
                  <th>#</th>
                  <th>{t("auditReport.pledge")}</th>
                  <th>{t("auditReport.target")}</th>
                  <th>{t("auditReport.reported")}</th>
                  <th>{t("auditReport.status")}</th>
                </tr>
              </thead>
              <tbody>
                {report.targets.map((p) => (
                  <tr key={p.id} data-status={p.status}>
                    <td className="text-stone-500 tabular-nums">{p.number}</td>
                    <td>{p.text}</td>
                    <td className="whitespace-nowrap tabular-nums">
                      {p.target ? formatTarget(p.target, t("target.growthSuffix")) : "—"}
                    </td>
                    <td className="tabular-nums">{p.reportedValue ?? "—"}</td>
                    <td className="whitespace-nowrap">
                      <StatusBadge status={p.status} label={t(`status.${p.status}`)} />
                      <ProvisionalMark p={p} t={t} approvedOnly={options.approvedOnly} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <section aria-label={t("auditReport.allPledges")}>
        <h2 className="mb-2 text-base font-semibold text-stone-900">
          {t("auditReport.allPledges")}
        </h2>
        {report.groups.map((g) => {
          const tally = aggregate.byGroup.find((x) => x.key === g.key);
          return (
            <div
              key={g.key}
              className="audit-group card mb-4 overflow-hidden"
              data-testid="audit-group"
              data-unassessed-only={
                g.pledges.every((p) => p.status === "not_assessed") ? "1" : undefined
              }
            >
              <h3 className="flex flex-wrap items-baseline justify-between gap-2 border-b border-stone-200 bg-stone-50 px-3 py-2 text-sm font-semibold">
                <span>{g.label}</span>
                {tally ? (
                  <span className="text-xs font-normal text-stone-500">
                    {t("auditReport.groupTally", {
                      n: tally.pledges,
                      assessed: tally.assessed,
                      rate: rateIsHeadline(tally)
                        ? formatRate(tally.fulfilmentRate)
                        : t("regions.rate.tooFewShort"),
                    })}
                  </span>
                ) : null}
              </h3>
              <div className="overflow-x-auto">
                {/* Below sm each pledge is a block (number and text, verdict, evidence), not columns to scroll. */}
                <table className="table-dense audit-table table-stack">
                  <thead>
                    <tr>
                      <th className="w-10">#</th>
                      <th>{t("auditReport.pledge")}</th>
                      <th>{t("auditReport.status")}</th>
                      <th>{t("auditReport.evidence")}</th>
                      {notes ? (
                        <>
                          <th>{t("auditReport.rationale")}</th>
                          <th className="whitespace-nowrap">{t("auditReport.reviewer")}</th>
                        </>
                      ) : null}
                    </tr>
                  </thead>
                  <tbody>
                    {g.pledges.map((p) => (
                      <PledgeRow key={p.id} p={p} t={t} report={report} mode={mode} />
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          );
        })}
      </section>
    </article>
  );
}
