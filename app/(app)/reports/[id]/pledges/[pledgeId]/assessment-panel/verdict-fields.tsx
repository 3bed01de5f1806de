"use client";
import type { RefObject } from "react";
import { ASSESSMENT_STATUSES, type AssessmentDto } from "@/lib/assessments/schema";
import { formatTarget } from "@/lib/pledges/target";
import { needsRationale } from "@/lib/assessments/transitions";
import { useTranslator } from "@/lib/i18n/client";
import { VERDICT_KEYS } from "../keys/key-table";
import { statusLabel } from "@/lib/i18n/vocabulary";
import type { AssessmentForm } from "./use-assessment-form";

/** The key that sets each verdict, from the page's key table. */
const keyOf = (status: string) => Object.keys(VERDICT_KEYS).find((k) => VERDICT_KEYS[k] === status);

/**
 * Verdict, rationale and reported figure for those who may edit: verdict chips with their keys,
 * the rationale (which opts in to the page's Enter and Esc), the figure when the pledge has a target.
 */
export function VerdictFields({
  assessment: a,
  form,
  rationaleRef,
}: {
  assessment: AssessmentDto;
  form: AssessmentForm;
  rationaleRef: RefObject<HTMLTextAreaElement | null>;
}) {
  const { t } = useTranslator();
  return (
    <>
      <fieldset disabled={form.pending}>
        <legend className="label">{t("assessment.field.status")}</legend>
        <div
          role="radiogroup"
          aria-label={t("assessment.field.status")}
          className="flex flex-wrap gap-1.5"
          data-testid="assessment-status"
        >
          {ASSESSMENT_STATUSES.map((s) => (
            <label
              key={s}
              className={`cursor-pointer rounded-md border px-2.5 py-1 text-sm has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-600 ${
                form.status === s
                  ? "border-brand-700 bg-brand-600 text-white"
                  : "border-stone-300 bg-white text-stone-800 hover:bg-stone-50"
              }`}
            >
              <input
                type="radio"
                name={`status-${a.pledgeId}`}
                value={s}
                checked={form.status === s}
                onChange={() => form.setStatus(s)}
                className="sr-only"
              />
              {statusLabel(t, s)}
              <kbd aria-hidden className="ml-1 text-[10px] uppercase opacity-60">
                {keyOf(s)}
              </kbd>
            </label>
          ))}
        </div>
      </fieldset>

      <div>
        <label className="label" htmlFor="assessment-rationale">
          {t("assessment.field.rationale")}
          {needsRationale(form.status) ? <span className="text-brand-700"> *</span> : null}
        </label>
        <textarea
          ref={rationaleRef}
          id="assessment-rationale"
          className="input h-24 leading-relaxed"
          value={form.rationale}
          onChange={(e) => form.setRationale(e.target.value)}
          aria-describedby="assessment-rationale-hint"
          data-page-keys="field"
        />
        <p id="assessment-rationale-hint" className="mt-0.5 text-xs text-stone-500">
          {t("assessment.rationaleHint")}
        </p>
      </div>

      {a.target ? (
        <div>
          <label className="label" htmlFor="assessment-reported">
            {t("assessment.field.reportedValue")}
          </label>
          <input
            id="assessment-reported"
            className="input max-w-xs"
            value={form.reportedValue}
            onChange={(e) => form.setReportedValue(e.target.value)}
          />
          <p className="mt-0.5 text-xs text-stone-500">
            {t("assessment.reportedValueHint", {
              target: formatTarget(a.target, t("target.growthSuffix")),
            })}
          </p>
        </div>
      ) : null}
    </>
  );
}

/** The same three for those who may only read: labels and text, nothing that looks clickable. */
export function VerdictReadOnly({ assessment: a }: { assessment: AssessmentDto }) {
  const { t } = useTranslator();
  return (
    <dl className="space-y-2 text-sm">
      <div>
        <dt className="label">{t("assessment.field.status")}</dt>
        <dd data-testid="assessment-status-readonly">
          <span className="badge bg-stone-100 text-stone-800">{statusLabel(t, a.status)}</span>
        </dd>
      </div>
      <div>
        <dt className="label">{t("assessment.field.rationale")}</dt>
        <dd
          className="leading-relaxed whitespace-pre-wrap text-stone-800"
          data-testid="assessment-rationale-readonly"
        >
          {a.rationale || t("assessment.empty")}
        </dd>
      </div>
      {a.target ? (
        <div>
          <dt className="label">{t("assessment.field.reportedValue")}</dt>
          <dd className="text-stone-800" data-testid="assessment-reported-readonly">
            {a.reportedValue || t("assessment.empty")}
            <span className="ml-2 text-xs text-stone-500">
              {t("ws.target")}: {formatTarget(a.target, t("target.growthSuffix"))}
            </span>
          </dd>
        </div>
      ) : null}
    </dl>
  );
}
