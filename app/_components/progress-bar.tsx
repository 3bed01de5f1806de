import type { Progress } from "@/lib/assessments/progress";
import type { Translate } from "@/lib/i18n/messages";

const pct = (part: number, whole: number) =>
  `${whole === 0 ? 0 : Math.min(100, (part / whole) * 100)}%`;

/**
 * The one progress bar (report page, dashboard, audit overview): approved (green), awaiting review
 * (sky) and assessed but not submitted (amber) as one stacked bar, with the figures beside or
 * beneath it. The figures are the one tally of lib/assessments/progress.ts.
 */
export function ProgressBar({
  progress,
  summary,
  testId = "report-progress",
  wide = false,
  hideSummary = false,
}: {
  progress: Progress;
  summary: string;
  testId?: string;
  wide?: boolean;
  hideSummary?: boolean;
}) {
  const { total, assessed, submitted, approved } = progress;
  const draft = Math.max(0, assessed - submitted - approved);
  return (
    <div
      data-testid={testId}
      data-assessed={assessed}
      data-submitted={submitted}
      data-approved={approved}
      data-total={total}
      className={wide ? "flex items-center gap-3" : undefined}
    >
      <div
        className={`flex h-1.5 overflow-hidden rounded-full bg-stone-200 ${wide ? "w-64" : "w-full"}`}
        role="img"
        aria-label={summary}
      >
        <span className="h-full bg-green-600" style={{ width: pct(approved, total) }} />
        <span className="h-full bg-sky-500" style={{ width: pct(submitted, total) }} />
        <span className="h-full bg-amber-400" style={{ width: pct(draft, total) }} />
      </div>
      {hideSummary ? null : (
        <p className={`text-xs text-stone-500 tabular-nums ${wide ? "" : "mt-0.5"}`}>{summary}</p>
      )}
    </div>
  );
}

/** The colour key of the progress bars. */
export function ProgressLegend({ t }: { t: Translate }) {
  const item = (tone: string, text: string) => (
    <span className="inline-flex items-center gap-1">
      <span className={`inline-block h-2 w-2 rounded-full ${tone}`} aria-hidden />
      {text}
    </span>
  );
  return (
    <p className="flex flex-wrap gap-x-3 text-xs text-stone-500">
      {item("bg-green-600", t("dashboard.totals.approved"))}
      {item("bg-sky-500", t("dashboard.totals.submitted"))}
      {item("bg-amber-400", t("dashboard.totals.assessed"))}
      {item("bg-stone-200", t("status.not_assessed"))}
    </p>
  );
}
