"use client";
import { MarkedText } from "@/app/_components/marked-text";
import type { PledgeWorkspace } from "@/lib/evidence-links/data";
import { useTranslator } from "@/lib/i18n/client";
import { KeyHint } from "../keys/page-keys";
import { LevelBadge, VerdictBadge } from "./badges";

/**
 * The sentences of next year's review that best match the pledge, best first, each with its key
 * (1–9) and Link button for those who may link; for others, plain text without key chips. Above
 * them, what to do when the review seems silent; below, the keys this user can use.
 */
export function SuggestionList({
  suggestions,
  silence,
  active,
  onActivate,
  onLink,
  pending,
}: {
  suggestions: PledgeWorkspace["suggestions"];
  /** Rendered when the review appears silent on the pledge. */
  silence: React.ReactNode;
  active: number;
  onActivate: (i: number) => void;
  onLink: ((i: number) => void) | null;
  pending: boolean;
}) {
  const { t } = useTranslator();
  return (
    <section className="card p-4" aria-labelledby="ws-suggestions" data-testid="ws-suggestions">
      <h2 id="ws-suggestions" className="mb-2 font-semibold">
        {t("ws.suggestions")}
      </h2>
      {silence ??
        (suggestions.length === 0 ? (
          <p className="text-sm text-stone-500">{t("ws.noSuggestions")}</p>
        ) : null)}
      <ol className="space-y-2">
        {suggestions.map((s, i) => (
          <li
            key={`${s.start}-${s.end}`}
            data-testid="ws-suggestion"
            className={`flex gap-3 rounded-md border p-2 text-sm ${i === active ? "border-brand-600 bg-brand-50/40" : "border-stone-200"}`}
            onMouseEnter={() => onActivate(i)}
          >
            {onLink && i < 9 ? (
              <kbd className="h-fit rounded border border-stone-300 bg-stone-100 px-1.5 text-xs font-semibold text-stone-600">
                {i + 1}
              </kbd>
            ) : null}
            <div className="min-w-0 flex-1">
              <p className="leading-relaxed">
                <MarkedText text={s.text} marks={s.marks} />
              </p>
              <div className="mt-1 flex flex-wrap items-center gap-2 text-xs text-stone-500">
                <span>
                  {t("ws.matched")}: {s.terms.slice(0, 6).join("、") || "—"}
                </span>
                <span className="tabular-nums">· {s.score.toFixed(1)}</span>
                <LevelBadge level={s.level} />
                {s.comparison ? <VerdictBadge comparison={s.comparison} /> : null}
              </div>
            </div>
            {onLink ? (
              s.linkedEvidenceId ? (
                <span className="badge h-fit bg-green-100 text-green-800">{t("ws.linked")}</span>
              ) : (
                <button
                  type="button"
                  className="btn btn-sm h-fit"
                  disabled={pending}
                  onClick={() => onLink(i)}
                >
                  {t("ws.link")}
                </button>
              )
            ) : null}
          </li>
        ))}
      </ol>
      <KeyHint className="mt-3 text-xs text-stone-400" />
    </section>
  );
}
