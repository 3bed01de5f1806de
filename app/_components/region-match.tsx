"use client";
import type { RegionMatchDto, RegionSummaryDto } from "@/lib/regions/schema";
import { useTranslator } from "@/lib/i18n/client";

/** A person's answer to a region question: the region they chose, or "a new region". */
export type RegionChoice = { regionId: string | null; newRegion: boolean };

export const NO_CHOICE: RegionChoice = { regionId: null, newRegion: false };

/** Whether a match still waits for a person's answer. */
export function regionNeedsAnswer(match: RegionMatchDto | null, choice: RegionChoice): boolean {
  return match?.kind === "ask" && !choice.regionId && !choice.newRegion;
}

function RegionName({ r }: { r: RegionSummaryDto }) {
  return (
    <>
      <strong className="font-semibold">{r.name}</strong>
      {r.path.length ? <span className="text-stone-500">（{r.path.join(" › ")}）</span> : null}
    </>
  );
}

/**
 * Under a region field (import preview, report editor): what the name matches — an existing region,
 * a question ("same as 海拉尔区?", or which of several), or a new region — and the buttons that
 * answer a question.
 */
export function RegionMatchNote({
  match,
  choice,
  onChoose,
  disabled,
}: {
  match: RegionMatchDto | null;
  choice: RegionChoice;
  onChoose: (c: RegionChoice) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslator();
  if (!match) return null;
  if (match.kind === "existing") {
    return (
      <p className="mt-1 text-xs text-green-800" data-testid="region-match" data-kind="existing">
        ✓ {t("regions.match.existing")}
        <RegionName r={match.region} />
        {" · "}
        {t("regions.match.reports", { n: match.region.reports })}
      </p>
    );
  }
  if (match.kind === "new") {
    return (
      <p className="mt-1 text-xs text-stone-600" data-testid="region-match" data-kind="new">
        {t("regions.match.new", { name: match.name })}
        {match.parents.length
          ? t("regions.match.newUnder", { parents: match.parents.join(" › ") })
          : ""}
      </p>
    );
  }
  const chosen = match.candidates.find((c) => c.id === choice.regionId);
  return (
    <div
      className="mt-1 rounded-md border border-amber-300 bg-amber-50 p-2 text-xs text-amber-900"
      role="group"
      data-testid="region-question"
      data-reason={match.reason}
    >
      <p className="mb-1 font-medium">
        {match.reason === "similar" ? t("regions.ask.similar") : t("regions.ask.ambiguous")}
      </p>
      <ul className="space-y-1">
        {match.candidates.map((c) => (
          <li key={c.id} className="flex flex-wrap items-center gap-2">
            <span>
              <RegionName r={c} /> · {t("regions.match.reports", { n: c.reports })}
            </span>
            <button
              type="button"
              className={`btn btn-sm ${choice.regionId === c.id ? "btn-primary" : ""}`}
              aria-pressed={choice.regionId === c.id}
              disabled={disabled}
              onClick={() => onChoose({ regionId: c.id, newRegion: false })}
            >
              {t("regions.ask.same", { name: c.name })}
            </button>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className={`btn btn-sm mt-1 ${choice.newRegion ? "btn-primary" : ""}`}
        aria-pressed={choice.newRegion}
        disabled={disabled}
        onClick={() => onChoose({ regionId: null, newRegion: true })}
      >
        {t("regions.ask.new")}
      </button>
      {chosen ? (
        <p className="mt-1" data-testid="region-answer">
          {t("regions.ask.chosen", { name: chosen.fullName })}
        </p>
      ) : null}
      {choice.newRegion ? (
        <p className="mt-1" data-testid="region-answer">
          {t("regions.ask.chosenNew")}
        </p>
      ) : null}
    </div>
  );
}
