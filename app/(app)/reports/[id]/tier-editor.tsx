"use client";
import { setPledgeTierAction } from "@/lib/pledges/actions";
import type { PledgeDto } from "@/lib/pledges/schema";
import { PLEDGE_TIERS, TIER_REASONS } from "@/lib/vocabulary";
import { tierSourceLabel } from "@/app/_components/tier-label";
import { useTranslator } from "@/lib/i18n/client";
import type { EditorBase, RunAction } from "./pledge-editor";

/**
 * The tier of the selected pledge: trackable (with a reason) or direction, set by a person, or
 * handed back to the automatic classifier. Each click is one audited change; a submitted or
 * approved verdict is reopened when the tier changes (the editor says so beforehand).
 */
export function TierEditor({
  base,
  pledge,
  run,
  pending,
  onSaved,
}: {
  base: EditorBase;
  pledge: PledgeDto;
  run: RunAction;
  pending: boolean;
  onSaved: (reopened: boolean) => void;
}) {
  const { t } = useTranslator();
  const setTier = (tier: (typeof PLEDGE_TIERS)[number] | "auto", reason?: string | null) =>
    run(
      () => setPledgeTierAction({ ...base, tier, ...(reason !== undefined ? { reason } : {}) }),
      (d) => onSaved(d.reopened),
    );
  const seg = (on: boolean) =>
    `px-2 py-0.5 ${on ? "bg-stone-800 text-white" : "bg-white text-stone-700 hover:bg-stone-100"}`;
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="tier-editor">
      <span className="label mb-0">{t("tiers.edit.tier")}</span>
      <div
        role="group"
        aria-label={t("tiers.edit.tier")}
        className="inline-flex overflow-hidden rounded-md border border-stone-300"
      >
        {PLEDGE_TIERS.map((tier) => (
          <button
            key={tier}
            type="button"
            className={seg(pledge.tier === tier)}
            aria-pressed={pledge.tier === tier}
            disabled={pending}
            onClick={() => pledge.tier !== tier && setTier(tier)}
            data-testid={`tier-set-${tier}`}
          >
            {t(`tiers.tier.${tier}`)}
          </button>
        ))}
        <button
          type="button"
          className={seg(false)}
          disabled={pending || pledge.tierSource === "parser"}
          title={t("tiers.edit.autoHint")}
          onClick={() => setTier("auto")}
          data-testid="tier-set-auto"
        >
          {t("tiers.edit.auto")}
        </button>
      </div>
      {pledge.tier === "trackable" ? (
        <label className="flex items-center gap-1 text-stone-600">
          {t("tiers.edit.reason")}
          <select
            className="input w-auto py-0.5 text-xs"
            value={pledge.tierReason ?? ""}
            disabled={pending}
            onChange={(e) => setTier("trackable", e.target.value || null)}
            data-testid="tier-reason"
          >
            <option value="">{t("tiers.edit.reasonNone")}</option>
            {TIER_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`tiers.reason.${r}`)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <span className="text-stone-500" data-testid="tier-source">
        {tierSourceLabel(pledge.tierSource, t)}
      </span>
    </div>
  );
}
