"use client";
import Link from "next/link";
import { useState } from "react";
import { useTranslator } from "@/lib/i18n/client";
import { isMessageKey, type MessageKey } from "@/lib/i18n/messages";
import {
  FIXABLE_PROBLEMS,
  type ImportFileDto,
  type UpdateImportFileInput,
} from "@/lib/imports/schema";

/** The translated text of a problem code (the import's own, a field rule's, or a general error). */
export function useProblemText() {
  const { t } = useTranslator();
  return (code: string | null | undefined): string | null => {
    if (!code) return null;
    for (const key of [`import.error.${code}`, `field.${code}`, `error.${code}`])
      if (isMessageKey(key))
        return t(key as MessageKey, {
          maxChars: "400,000",
          maxPledges: "3,000",
          maxSections: "1,000",
        });
    return code;
  };
}

const STATE_TONE: Record<string, string> = {
  ready: "bg-green-50 text-green-800",
  imported: "bg-green-100 text-green-900",
  problem: "bg-amber-50 text-amber-900",
  failed: "bg-red-50 text-red-800",
  importing: "bg-sky-50 text-sky-800",
  queued: "bg-stone-100 text-stone-700",
  pending: "bg-stone-100 text-stone-600",
  skipped: "bg-stone-100 text-stone-500",
};

/** One file of the batch: tick, name, editable region/year/title while the batch is being checked, what was found, the result. */
function BatchRow({
  file,
  editable,
  onUpdate,
}: {
  file: ImportFileDto;
  editable: boolean;
  onUpdate: (input: Omit<UpdateImportFileInput, "jobId">) => Promise<void>;
}) {
  const { t } = useTranslator();
  const problemText = useProblemText();
  const fixable =
    file.state === "ready" ||
    (file.state === "problem" && file.problem !== null && FIXABLE_PROBLEMS.has(file.problem));
  const canEdit = editable && fixable;
  const [draft, setDraft] = useState({
    region: file.meta.region,
    year: file.meta.year === null ? "" : String(file.meta.year),
    title: file.meta.title,
  });
  const [seen, setSeen] = useState(file.meta);
  if (
    seen !== file.meta &&
    (seen.region !== file.meta.region ||
      seen.year !== file.meta.year ||
      seen.title !== file.meta.title)
  ) {
    setSeen(file.meta);
    setDraft({
      region: file.meta.region,
      year: file.meta.year === null ? "" : String(file.meta.year),
      title: file.meta.title,
    });
  }
  function save() {
    const year = draft.year.trim() === "" ? null : Number(draft.year);
    if (
      draft.region === file.meta.region &&
      year === file.meta.year &&
      draft.title === file.meta.title
    )
      return;
    void onUpdate({
      fileId: file.id,
      meta: {
        region: draft.region,
        level: file.meta.level as "other",
        year: Number.isInteger(year) ? year : -1,
        title: draft.title,
        deliveredOn: file.meta.deliveredOn,
        speaker: file.meta.speaker,
        meeting: file.meta.meeting,
        script: file.meta.script as "simplified",
      },
    });
  }
  const input = "input h-8 px-2 py-1 text-sm";
  return (
    <tr
      className="border-t border-stone-100 align-top"
      data-testid="batch-row"
      data-name={file.name}
      data-state={file.state}
    >
      <td className="py-1.5 pr-2">
        <input
          type="checkbox"
          aria-label={`${t("batch.col.include")} ${file.name}`}
          checked={file.include && file.state !== "skipped"}
          disabled={!editable || file.state !== "ready"}
          onChange={(e) => void onUpdate({ fileId: file.id, include: e.target.checked })}
        />
      </td>
      <td className="max-w-48 py-1.5 pr-2 text-xs break-all text-stone-700">{file.name}</td>
      <td className="py-1.5 pr-2">
        {canEdit ? (
          <input
            className={`${input} w-32`}
            aria-label={`${t("batch.col.region")} ${file.name}`}
            value={draft.region}
            onChange={(e) => setDraft({ ...draft, region: e.target.value })}
            onBlur={save}
          />
        ) : (
          <span className="text-sm">{file.meta.region || "—"}</span>
        )}
        {file.regionQuestion ? (
          <label className="mt-1 block text-xs text-amber-900">
            {t("batch.regionQuestion")}
            <select
              className="input mt-0.5 h-8 w-40 px-1 py-0 text-xs"
              aria-label={`${t("batch.regionQuestion")} ${file.name}`}
              value={file.regionQuestion.answer ?? ""}
              disabled={!canEdit}
              onChange={(e) =>
                void onUpdate({
                  fileId: file.id,
                  regionAnswer:
                    e.target.value === "new" ? { newRegion: true } : { regionId: e.target.value },
                })
              }
            >
              <option value="" disabled>
                {t("batch.regionQuestion.choose")}
              </option>
              {file.regionQuestion.candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  {t("batch.regionQuestion.same", { region: c.label })}
                </option>
              ))}
              <option value="new">{t("batch.regionQuestion.new")}</option>
            </select>
          </label>
        ) : null}
      </td>
      <td className="py-1.5 pr-2">
        {canEdit ? (
          <input
            className={`${input} w-20`}
            inputMode="numeric"
            aria-label={`${t("batch.col.year")} ${file.name}`}
            value={draft.year}
            onChange={(e) => setDraft({ ...draft, year: e.target.value })}
            onBlur={save}
          />
        ) : (
          <span className="text-sm tabular-nums">{file.meta.year ?? "—"}</span>
        )}
      </td>
      <td className="py-1.5 pr-2">
        {canEdit ? (
          <input
            className={`${input} w-64`}
            aria-label={`${t("batch.col.title")} ${file.name}`}
            value={draft.title}
            onChange={(e) => setDraft({ ...draft, title: e.target.value })}
            onBlur={save}
          />
        ) : (
          <span className="text-sm">{file.meta.title || "—"}</span>
        )}
      </td>
      <td className="py-1.5 pr-2 text-sm tabular-nums">
        {file.pledges === null ? "—" : `${file.pledges} (${file.trackable ?? 0})`}
      </td>
      <td className="py-1.5 text-xs">
        <span
          className={`rounded px-1.5 py-0.5 font-medium ${STATE_TONE[file.state] ?? ""}`}
          data-testid="batch-row-state"
        >
          {t(`batch.state.${file.state}` as MessageKey)}
        </span>
        {file.problem ? (
          <span className="ml-1 text-amber-900" data-testid="batch-row-problem">
            {problemText(file.problem)}
          </span>
        ) : null}
        {file.duplicateReport ? (
          <span className="ml-1">
            {t("batch.duplicateReport")}{" "}
            <Link className="underline" href={`/reports/${file.duplicateReport.id}`}>
              {file.duplicateReport.title || file.duplicateReport.id}
            </Link>
          </span>
        ) : null}
        {file.duplicateFile ? (
          <span className="ml-1 text-stone-600">
            {t("batch.duplicateFile", { file: file.duplicateFile })}
          </span>
        ) : null}
        {file.sameRegionYear ? (
          <span className="ml-1 text-amber-800">
            {t("batch.sameRegionYear", { file: file.sameRegionYear })}
          </span>
        ) : null}
        {file.pairsWith ? (
          <span className="ml-1 block text-stone-500" data-testid="batch-row-pairs">
            {t("batch.pairsWith", { file: file.pairsWith })}
          </span>
        ) : null}
        {file.reportId ? (
          <Link
            className="ml-1 underline"
            href={`/reports/${file.reportId}`}
            data-testid="batch-row-report"
          >
            {t("batch.open")}
          </Link>
        ) : null}
      </td>
    </tr>
  );
}

/** Every file of the batch, with what was detected, what to correct and each one's result. */
export function BatchTable({
  files,
  editable,
  onUpdate,
}: {
  files: ImportFileDto[];
  editable: boolean;
  onUpdate: (input: Omit<UpdateImportFileInput, "jobId">) => Promise<void>;
}) {
  const { t } = useTranslator();
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left" data-testid="batch-table">
        <thead className="text-xs text-stone-500">
          <tr>
            <th className="pr-2 pb-1 font-medium">{t("batch.col.include")}</th>
            <th className="pr-2 pb-1 font-medium">{t("batch.col.file")}</th>
            <th className="pr-2 pb-1 font-medium">{t("batch.col.region")}</th>
            <th className="pr-2 pb-1 font-medium">{t("batch.col.year")}</th>
            <th className="pr-2 pb-1 font-medium">{t("batch.col.title")}</th>
            <th className="pr-2 pb-1 font-medium">{t("batch.col.pledges")}</th>
            <th className="pb-1 font-medium">{t("batch.col.notes")}</th>
          </tr>
        </thead>
        <tbody>
          {files.map((f) => (
            <BatchRow key={f.id} file={f} editable={editable} onUpdate={onUpdate} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
