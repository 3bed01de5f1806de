"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { updateReportMetadataAction } from "@/lib/reports/actions";
import { matchRegionAction } from "@/lib/regions/actions";
import { REGION_LEVELS } from "@/lib/reports/schema";
import type { RegionMatchDto } from "@/lib/regions/schema";
import type { ActionError } from "@/lib/app-error";
import type { MessageKey } from "@/lib/i18n/messages";
import { useTranslator } from "@/lib/i18n/client";
import { FieldError, useActionErrorText } from "@/app/_components/action-error-text";
import {
  NO_CHOICE,
  RegionMatchNote,
  regionNeedsAnswer,
  type RegionChoice,
} from "@/app/_components/region-match";
import { levelLabel } from "@/lib/i18n/vocabulary";

export type EditableReportMeta = {
  id: string;
  version: number;
  regionId: string;
  /** The region as the field starts: its full name (呼伦贝尔市海拉尔区). */
  region: string;
  level: string;
  year: number | null;
  title: string;
  deliveredOn: string | null;
  speaker: string | null;
  meeting: string | null;
};

const FIELDS = ["region", "level", "year", "title", "deliveredOn", "speaker", "meeting"] as const;
type Field = (typeof FIELDS)[number];

function initial(m: EditableReportMeta): Record<Field, string> {
  return {
    region: m.region,
    level: m.level,
    year: m.year === null ? "" : String(m.year),
    title: m.title,
    deliveredOn: m.deliveredOn ?? "",
    speaker: m.speaker ?? "",
    meeting: m.meeting ?? "",
  };
}

/**
 * Analysts, reviewers and admins correct a report's metadata: region (matched like an import's,
 * with the same "same as …?" question), its level, year, title, date, speaker and meeting. The
 * pairing follows a corrected region or year (the server pairs again).
 */
export function ReportMetaEditor({
  report,
  regionNames,
}: {
  report: EditableReportMeta;
  regionNames: string[];
}) {
  const { t } = useTranslator();
  const errorText = useActionErrorText();
  const router = useRouter();
  const [values, setValues] = useState(() => initial(report));
  const [match, setMatch] = useState<{ name: string; result: RegionMatchDto } | null>(null);
  const [choice, setChoice] = useState<RegionChoice>(NO_CHOICE);
  const [error, setError] = useState<ActionError | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, startTransition] = useTransition();
  const regionChanged = values.region.trim() !== report.region;
  const currentMatch = regionChanged && match?.name === values.region ? match.result : null;

  async function rematch(name: string) {
    if (!regionChanged || match?.name === name) return;
    const res = await matchRegionAction({ name });
    setMatch(res.ok ? { name, result: res.data } : null);
  }

  function save() {
    if (regionNeedsAnswer(currentMatch, choice)) return;
    startTransition(async () => {
      const year = values.year.trim() === "" ? null : Number(values.year);
      const res = await updateReportMetadataAction({
        reportId: report.id,
        version: report.version,
        region: values.region,
        regionId: regionChanged ? choice.regionId : report.regionId,
        newRegion: regionChanged ? choice.newRegion : false,
        level: values.level,
        year: Number.isInteger(year) ? year : -1,
        title: values.title,
        deliveredOn: values.deliveredOn.trim() || null,
        speaker: values.speaker,
        meeting: values.meeting,
      });
      if (res.ok) {
        setError(null);
        setSaved(true);
        router.refresh();
        return;
      }
      setError(res);
      // A name that asks first: show the question.
      if (res.message === "REGION_UNCONFIRMED") {
        const m = await matchRegionAction({ name: values.region });
        if (m.ok) setMatch({ name: values.region, result: m.data });
      }
    });
  }

  return (
    <details className="card mb-4 px-4 py-2 text-sm" data-testid="report-meta-editor">
      <summary className="cursor-pointer font-medium text-stone-700">
        {t("regions.edit.summary")}
      </summary>
      <form
        className="mt-3 grid grid-cols-2 gap-3 md:grid-cols-4"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        {FIELDS.map((f) => (
          <div
            key={f}
            className={
              f === "title" || f === "meeting" || f === "region" ? "col-span-2" : undefined
            }
          >
            <label className="label" htmlFor={`meta-${f}`}>
              {t(`import.meta.${f}` as MessageKey)}
            </label>
            {f === "level" ? (
              <select
                id={`meta-${f}`}
                className="input"
                value={values.level}
                onChange={(e) => setValues({ ...values, level: e.target.value })}
              >
                {REGION_LEVELS.map((v) => (
                  <option key={v} value={v}>
                    {levelLabel(t, v)}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={`meta-${f}`}
                className="input"
                value={values[f]}
                list={f === "region" ? "meta-region-names" : undefined}
                inputMode={f === "year" ? "numeric" : undefined}
                placeholder={
                  f === "deliveredOn"
                    ? "YYYY-MM-DD"
                    : f === "title"
                      ? t("regions.edit.titleHint")
                      : undefined
                }
                onChange={(e) => {
                  setValues({ ...values, [f]: e.target.value });
                  setSaved(false);
                  if (f === "region") setChoice(NO_CHOICE);
                }}
                onBlur={f === "region" ? (e) => void rematch(e.target.value) : undefined}
              />
            )}
            {f === "region" ? (
              <RegionMatchNote
                match={currentMatch}
                choice={choice}
                onChoose={setChoice}
                disabled={pending}
              />
            ) : null}
            <FieldError error={error} name={f} />
          </div>
        ))}
        <datalist id="meta-region-names">
          {regionNames.map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
        <div className="col-span-2 flex flex-wrap items-center gap-3 md:col-span-4">
          <button
            type="submit"
            className="btn btn-primary"
            disabled={pending || regionNeedsAnswer(currentMatch, choice)}
            data-testid="report-meta-save"
          >
            {t("regions.edit.save")}
          </button>
          <span className="text-xs text-stone-500">{t("regions.edit.note")}</span>
          {saved ? (
            <span role="status" className="text-xs text-green-700">
              {t("regions.edit.saved")}
            </span>
          ) : null}
          {error && !error.fieldErrors ? (
            <span role="alert" className="text-xs text-red-700">
              {errorText(error)}
            </span>
          ) : null}
        </div>
      </form>
    </details>
  );
}
