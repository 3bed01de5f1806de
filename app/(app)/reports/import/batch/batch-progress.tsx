"use client";
import { useTranslator } from "@/lib/i18n/client";
import type { ImportJobDto } from "@/lib/imports/schema";

function formatEta(ms: number, t: ReturnType<typeof useTranslator>["t"]): string {
  const total = Math.max(1, Math.round(ms / 1000));
  const m = Math.floor(total / 60);
  return m ? t("batch.etaMinutes", { m, s: total % 60 }) : t("batch.etaSeconds", { s: total });
}

/** Where the batch stands: reading (files read of all), importing (a bar: files done, current file, time left), or its outcome. */
export function BatchProgress({
  job,
  uploading,
}: {
  job: ImportJobDto | null;
  uploading: { done: number; total: number } | null;
}) {
  const { t } = useTranslator();
  if (uploading)
    return (
      <p className="text-sm text-stone-600" role="status">
        {t("batch.uploading", uploading)}
      </p>
    );
  if (!job) return null;
  const c = job.counts;
  const read = job.files.length - c.pending;
  const notes = (
    <>
      {job.resumed > 0 ? (
        <p className="text-xs text-amber-800" data-testid="batch-resumed">
          {t("batch.resumed", { count: job.resumed })}
        </p>
      ) : null}
      {job.stalled ? <p className="text-xs text-amber-800">{t("batch.stalled")}</p> : null}
    </>
  );
  if (job.state === "analysing")
    return (
      <div role="status" data-testid="batch-status" data-state={job.state}>
        <p className="text-sm text-stone-600">
          {t("batch.reading", {
            done: read,
            total: job.files.length,
            file: job.currentFile ?? "…",
          })}
        </p>
        {notes}
      </div>
    );
  if (job.state === "review")
    return (
      <p className="text-sm text-stone-600" data-testid="batch-status" data-state={job.state}>
        {t("batch.readDone", { total: job.files.length, ready: c.ready, problem: c.problem })}
      </p>
    );
  if (job.state === "cancelled")
    return (
      <p className="text-sm text-stone-600" data-testid="batch-status" data-state={job.state}>
        {t("batch.cancelled")}
      </p>
    );
  const { total, done, etaMs } = job.progress;
  const pct = total ? Math.round((done / total) * 100) : 0;
  return (
    <div className="space-y-1" data-testid="batch-status" data-state={job.state}>
      <div
        className="h-2.5 w-full overflow-hidden rounded-full bg-stone-200"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-label={t("batch.progress", { done, total })}
        data-testid="batch-progress"
      >
        <div className="h-full bg-brand-600 transition-[width]" style={{ width: `${pct}%` }} />
      </div>
      <p className="flex flex-wrap gap-x-4 text-sm text-stone-700 tabular-nums">
        <span data-testid="batch-progress-count">{t("batch.progress", { done, total })}</span>
        {job.state === "importing" && job.currentFile ? (
          <span className="truncate">{t("batch.current", { file: job.currentFile })}</span>
        ) : null}
        {job.state === "importing" && etaMs !== null ? (
          <span>{t("batch.eta", { time: formatEta(etaMs, t) })}</span>
        ) : null}
      </p>
      {job.state === "done" ? (
        <p className="text-sm font-medium text-stone-800" role="status">
          {t("batch.done", { imported: c.imported, failed: c.failed, skipped: c.skipped })}
        </p>
      ) : null}
      {notes}
    </div>
  );
}
