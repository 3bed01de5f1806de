"use client";
import Link from "next/link";
import { useState } from "react";
import type { ImportPreview } from "@/lib/reports/import";
import type { RegionMatchDto } from "@/lib/regions/schema";
import { matchRegionAction } from "@/lib/regions/actions";
import {
  NO_CHOICE,
  RegionMatchNote,
  regionNeedsAnswer,
  type RegionChoice,
} from "@/app/_components/region-match";
import { useTranslator } from "@/lib/i18n/client";
import { isMessageKey, type MessageKey } from "@/lib/i18n/messages";
import { MAX_PLEDGES, MAX_REPORT_CHARS, MAX_SECTIONS } from "@/lib/report/limits";
import { REGION_LEVELS, SCRIPTS } from "@/lib/reports/schema";

export type ImportItem = {
  key: number;
  label: string;
  source: { kind: "file"; file: File } | { kind: "text"; text: string };
  status: "parsing" | "ready" | "error" | "saving" | "saved";
  preview?: ImportPreview;
  errorCode?: string;
  duplicateId?: string;
  fieldErrors?: Record<string, string[]>;
  saved?: { id: string; pledges: number };
};

// The caps that refusals such as TOO_LONG quote (lib/report/limits.ts: plain constants).
const LIMIT_VARS = {
  maxChars: MAX_REPORT_CHARS.toLocaleString("en"),
  maxPledges: MAX_PLEDGES.toLocaleString("en"),
  maxSections: MAX_SECTIONS.toLocaleString("en"),
};

const META_FIELDS = [
  "region",
  "level",
  "year",
  "title",
  "deliveredOn",
  "speaker",
  "meeting",
  "script",
] as const;
type MetaField = (typeof META_FIELDS)[number];

function initialMeta(p: ImportPreview): Record<MetaField, string> {
  const m = p.meta;
  return {
    region: m.region ?? "",
    level: m.level ?? "other",
    year: m.year === null ? "" : String(m.year),
    title: m.title ?? "",
    deliveredOn: m.deliveredOn ?? "",
    speaker: m.speaker ?? "",
    meeting: m.meeting ?? "",
    script: m.script,
  };
}

/** One upload: its detection result as an editable form, then save. */
export function ImportCard({
  item,
  onSave,
  onRemove,
}: {
  item: ImportItem;
  onSave: (meta: Record<string, string>) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslator();
  const [meta, setMeta] = useState<Record<MetaField, string> | null>(
    item.preview ? initialMeta(item.preview) : null,
  );
  if (item.preview && !meta) setMeta(initialMeta(item.preview));
  // What the region name matches (the preview's, then asked again when the analyst types another), and their answer.
  const [match, setMatch] = useState<{ name: string; result: RegionMatchDto } | null>(
    item.preview?.meta.region
      ? { name: item.preview.meta.region, result: item.preview.region }
      : null,
  );
  if (item.preview?.meta.region && !match)
    setMatch({ name: item.preview.meta.region, result: item.preview.region });
  const [choice, setChoice] = useState<RegionChoice>(NO_CHOICE);
  async function rematch(name: string) {
    if (match?.name === name) return;
    setChoice(NO_CHOICE);
    if (!name.trim()) return setMatch(null);
    const res = await matchRegionAction({ name });
    setMatch(res.ok ? { name, result: res.data } : null);
  }
  const currentMatch = match && meta && match.name === meta.region ? match.result : null;
  const unanswered = regionNeedsAnswer(currentMatch, choice);

  const errorText = (code: string | undefined): string | null => {
    if (!code) return null;
    for (const key of [`import.error.${code}`, `field.${code}`, `error.${code}`])
      if (isMessageKey(key)) return t(key, LIMIT_VARS);
    return t("error.INTERNAL");
  };
  const fieldError = (name: string) => {
    const code = item.fieldErrors?.[name]?.[0];
    return code ? (
      <p className="mt-0.5 text-xs text-red-700" role="alert">
        {errorText(code)}
      </p>
    ) : null;
  };
  const p = item.preview;
  const duplicate = item.duplicateId ? { id: item.duplicateId, title: "" } : p?.duplicateOf;

  return (
    <section className="card p-4" data-testid="import-card" aria-label={item.label}>
      <div className="mb-3 flex items-center justify-between gap-3">
        <h2 className="truncate font-semibold">{item.label}</h2>
        {item.status !== "saved" ? (
          <button type="button" className="btn btn-sm" onClick={onRemove}>
            {t("import.remove")}
          </button>
        ) : null}
      </div>

      {item.status === "parsing" ? (
        <p className="text-sm text-stone-500">{t("import.previewing")}</p>
      ) : null}
      {item.status === "error" ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {errorText(item.errorCode)}
        </p>
      ) : null}

      {p && meta && item.status !== "error" ? (
        <div className="grid gap-4 lg:grid-cols-[1fr_22rem]">
          <form
            className="grid grid-cols-2 gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              if (unanswered) return;
              onSave({
                ...meta,
                regionId: choice.regionId ?? "",
                newRegion: choice.newRegion ? "1" : "",
              });
            }}
          >
            {META_FIELDS.map((f) => (
              <div key={f} className={f === "title" || f === "meeting" ? "col-span-2" : undefined}>
                <label className="label" htmlFor={`${item.key}-${f}`}>
                  {t(`import.meta.${f}` as MessageKey)}
                </label>
                {f === "level" || f === "script" ? (
                  <select
                    id={`${item.key}-${f}`}
                    className="input"
                    value={meta[f]}
                    disabled={item.status === "saved"}
                    onChange={(e) => setMeta({ ...meta, [f]: e.target.value })}
                  >
                    {(f === "level" ? REGION_LEVELS : SCRIPTS).map((v) => (
                      <option key={v} value={v}>
                        {t((f === "level" ? `level.${v}` : `script.${v}`) as MessageKey)}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    id={`${item.key}-${f}`}
                    className="input"
                    value={meta[f]}
                    inputMode={f === "year" ? "numeric" : undefined}
                    placeholder={f === "deliveredOn" ? "YYYY-MM-DD" : undefined}
                    disabled={item.status === "saved"}
                    onChange={(e) => {
                      setMeta({ ...meta, [f]: e.target.value });
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
                    disabled={item.status === "saved"}
                  />
                ) : null}
                {f === "region" && !p.meta.region ? (
                  <p className="mt-0.5 text-xs text-amber-700">{t("import.regionMissing")}</p>
                ) : null}
                {f === "year" && p.meta.year === null ? (
                  <p className="mt-0.5 text-xs text-amber-700">{t("import.yearMissing")}</p>
                ) : null}
                {fieldError(f)}
              </div>
            ))}
            <div className="col-span-2 flex flex-wrap items-center gap-3">
              {item.status === "saved" && item.saved ? (
                <>
                  <p role="status" className="text-sm text-green-700">
                    {t("import.saved", { count: item.saved.pledges })}
                  </p>
                  <Link className="btn btn-primary" href={`/reports/${item.saved.id}`}>
                    {t("import.openReport")}
                  </Link>
                </>
              ) : (
                <button
                  type="submit"
                  className="btn btn-primary"
                  disabled={item.status === "saving" || Boolean(duplicate) || unanswered}
                >
                  {item.status === "saving" ? t("import.saving") : t("import.save")}
                </button>
              )}
              {unanswered && item.status !== "saved" ? (
                <p className="text-sm text-amber-800" data-testid="region-unanswered">
                  {t("regions.ask.first")}
                </p>
              ) : null}
              {duplicate ? (
                <p role="alert" className="text-sm text-amber-800">
                  {t("import.duplicate")}{" "}
                  <Link className="underline" href={`/reports/${duplicate.id}`}>
                    {duplicate.title || duplicate.id}
                  </Link>
                </p>
              ) : null}
              {item.errorCode && item.errorCode !== "DUPLICATE" ? (
                <p role="alert" className="text-sm text-red-700">
                  {errorText(item.errorCode)}
                </p>
              ) : null}
            </div>
          </form>

          <aside
            className="space-y-3 rounded-md bg-stone-50 p-3 text-sm"
            aria-label={t("import.detected")}
          >
            <dl className="grid grid-cols-3 gap-2 text-xs">
              <div>
                <dt className="text-stone-500">{t("import.encoding")}</dt>
                <dd className="font-medium uppercase">{p.encoding}</dd>
              </div>
              <div>
                <dt className="text-stone-500">{t("import.format")}</dt>
                <dd className="font-medium uppercase">{p.format}</dd>
              </div>
              <div>
                <dt className="text-stone-500">{t("import.characters")}</dt>
                <dd className="font-medium tabular-nums">{p.characters.toLocaleString()}</dd>
              </div>
            </dl>
            <div>
              <h3 className="label">{t("import.sections")}</h3>
              <ul className="space-y-0.5 text-xs" data-testid="import-sections">
                {p.sections.map((s) => (
                  <li key={`${s.kind}-${s.start}`} className="flex gap-2">
                    <span className="badge shrink-0 bg-stone-200 text-stone-700">
                      {t(
                        (isMessageKey(`sectionKind.${s.kind}`)
                          ? `sectionKind.${s.kind}`
                          : "sectionKind.other") as MessageKey,
                      )}
                    </span>
                    <span className="truncate" title={s.heading}>
                      {s.heading}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
            <div>
              <h3 className="label">{t("import.pledges")}</h3>
              <p className="text-lg font-semibold tabular-nums" data-testid="import-pledge-count">
                {p.pledgeCount}
              </p>
              <p className="text-sm font-medium text-stone-800" data-testid="import-tier-counts">
                {t("tiers.import.counts", p.tiers)}
              </p>
              <p className="text-xs text-stone-500">{t("import.pledgeKinds", p.kinds)}</p>
              {p.bodyTwice ? (
                <p className="mt-1 text-xs text-amber-800" data-testid="import-body-twice">
                  {t("import.bodyTwice")}
                </p>
              ) : null}
              {p.planScope === "five-year" ? (
                <p className="mt-1 text-xs text-amber-800" data-testid="import-five-year">
                  {t("import.fiveYearPlan")}
                </p>
              ) : null}
            </div>
            <div>
              <h3 className="label">{t("import.samples")}</h3>
              <ol className="list-decimal space-y-0.5 pl-4 text-xs text-stone-700">
                {p.samplePledges.slice(0, 8).map((s, i) => (
                  <li key={i}>{s.text}</li>
                ))}
              </ol>
            </div>
          </aside>
        </div>
      ) : null}
    </section>
  );
}
