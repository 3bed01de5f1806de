"use client";
import type { SuggestedVerdictDto } from "@/lib/evidence-links/schema";
import { useTranslator } from "@/lib/i18n/client";
import type { MessageKey } from "@/lib/i18n/messages";
import { statusLabel } from "@/lib/i18n/vocabulary";

/**
 * The verdict the evidence suggests, its confidence and the reason quoting the numbers or words it
 * rests on, with the button (and key A) that fills the form from it, for those who may edit.
 */
export function SuggestionBox({
  suggestion,
  canAccept,
  pending,
  onAccept,
  current,
}: {
  suggestion: SuggestedVerdictDto;
  canAccept: boolean;
  pending: boolean;
  onAccept: () => void;
  current: string;
}) {
  const { t, locale } = useTranslator();
  const tone = {
    high: "bg-green-100 text-green-800",
    medium: "bg-amber-100 text-amber-800",
    low: "bg-stone-200 text-stone-700",
  }[suggestion.confidence];
  return (
    <div
      className="rounded-md border border-sky-200 bg-sky-50/60 px-3 py-2 text-sm"
      data-testid="suggested-verdict"
      data-status={suggestion.status}
      data-confidence={suggestion.confidence}
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-xs font-medium text-sky-900">{t("verdict.suggested")}</span>
        <strong>{statusLabel(t, suggestion.status)}</strong>
        <span className={`badge ${tone}`}>
          {t(`verdict.confidence.${suggestion.confidence}` as MessageKey)}
        </span>
        {current !== "not_assessed" ? (
          <span className="text-xs text-stone-500" data-testid="suggested-verdict-match">
            {t(current === suggestion.status ? "verdict.matches" : "verdict.differs")}
          </span>
        ) : null}
        {canAccept ? (
          <button
            type="button"
            className="btn btn-sm ml-auto"
            disabled={pending}
            onClick={onAccept}
            title={t("verdict.acceptHint")}
            data-testid="accept-suggestion"
          >
            {t("verdict.accept")} <kbd className="ml-1 text-[10px] opacity-60">A</kbd>
          </button>
        ) : null}
      </div>
      <p
        className="mt-1 text-xs leading-relaxed text-stone-700"
        data-testid="suggested-verdict-reason"
      >
        {suggestion.reason[locale]}
      </p>
    </div>
  );
}
