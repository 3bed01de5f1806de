import type { Translate } from "@/lib/i18n/messages";

type Progress = { total: number; assessed: number; submitted: number; approved: number };

const pct = (part: number, whole: number) => `${whole === 0 ? 0 : Math.min(100, (part / whole) * 100)}%`;

/**
 * A report's assessment progress as one thin stacked bar (approved, awaiting review, assessed but
 * not submitted) with the numbers beneath. Server-rendered: the caller passes the translator.
 */
export function ProgressBar({ progress, t }: { progress: Progress; t: Translate }) {
  const { total, assessed, submitted, approved } = progress;
  const draft = Math.max(0, assessed - submitted - approved);
  const label = total === 0 ? t("dashboard.progress.notParsed") : t("dashboard.progress.label", { assessed, submitted, approved, total });
  return (
    <div data-testid="report-progress" data-assessed={assessed} data-submitted={submitted} data-approved={approved} data-total={total}>
      <div className="flex h-1.5 w-full overflow-hidden rounded-full bg-stone-200" aria-hidden>
        <span className="h-full bg-green-600" style={{ width: pct(approved, total) }} />
        <span className="h-full bg-sky-500" style={{ width: pct(submitted, total) }} />
        <span className="h-full bg-amber-400" style={{ width: pct(draft, total) }} />
      </div>
      <p className="mt-0.5 text-xs tabular-nums text-stone-500">{label}</p>
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
