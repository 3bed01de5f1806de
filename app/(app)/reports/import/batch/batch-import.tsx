"use client";
import { useEffect, useState } from "react";
import { useTranslator } from "@/lib/i18n/client";
import type { ImportJobDto } from "@/lib/imports/schema";
import { BatchProgress } from "./batch-progress";
import { BatchTable, useProblemText } from "./batch-table";
import { useImportJob } from "./use-import-job";

/** Batch import: drop many files or a .zip, check the table, import in the background with a progress bar. */
export function BatchImport({
  initialJob,
  initialFiles = null,
  onFilesTaken,
}: {
  initialJob: ImportJobDto | null;
  initialFiles?: File[] | null;
  onFilesTaken?: () => void;
}) {
  const { t } = useTranslator();
  const problemText = useProblemText();
  const { job, uploading, error, upload, update, start, cancel, reset } = useImportJob(initialJob);
  const [over, setOver] = useState(false);
  // Files handed over from the upload tab (a .zip chosen there): uploaded once, as if dropped here.
  useEffect(() => {
    if (!initialFiles?.length) return;
    onFilesTaken?.();
    void upload(initialFiles);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [initialFiles]);
  const open = !job || job.state === "analysing" || job.state === "review";
  const finished = job?.state === "done" || job?.state === "cancelled";
  const toImport = job ? job.files.filter((f) => f.state === "ready" && f.include).length : 0;

  return (
    <div className="space-y-3" data-testid="batch-import">
      <p className="text-sm text-stone-600">{t("batch.hint")}</p>
      {open ? (
        <div
          data-testid="batch-dropzone"
          className={`rounded-lg border-2 border-dashed p-6 text-center text-sm ${over ? "border-brand-600 bg-brand-50" : "border-stone-300"}`}
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={(e) => {
            e.preventDefault();
            setOver(false);
            void upload(Array.from(e.dataTransfer.files));
          }}
        >
          {t("batch.drop")}{" "}
          <label className="cursor-pointer font-medium text-brand-700 underline">
            {t("batch.choose")}
            <input
              type="file"
              multiple
              accept=".txt,.html,.htm,.zip,text/plain,text/html,application/zip"
              className="sr-only"
              data-testid="batch-file-input"
              disabled={uploading !== null}
              onChange={(e) => {
                void upload(Array.from(e.target.files ?? []));
                e.target.value = "";
              }}
            />
          </label>
        </div>
      ) : null}
      <BatchProgress job={job} uploading={uploading} />
      {error ? (
        <p role="alert" className="text-sm text-red-700" data-testid="batch-error">
          {problemText(error.message ?? error.code)}
        </p>
      ) : null}
      {job && job.files.length ? (
        <BatchTable
          files={job.files}
          editable={job.state === "review" || job.state === "analysing"}
          onUpdate={update}
        />
      ) : null}
      {job ? (
        <div className="flex flex-wrap gap-2">
          {job.state === "review" ? (
            <button
              type="button"
              className="btn btn-primary"
              disabled={toImport === 0}
              onClick={() => void start()}
              data-testid="batch-start"
            >
              {t("batch.start", { count: toImport })}
            </button>
          ) : null}
          {!finished ? (
            <button type="button" className="btn" onClick={() => void cancel()}>
              {t("batch.cancel")}
            </button>
          ) : (
            <button type="button" className="btn" onClick={reset}>
              {t("batch.new")}
            </button>
          )}
        </div>
      ) : null}
    </div>
  );
}
