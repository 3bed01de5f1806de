"use client";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { ASSESSMENT_STATUSES, PLEDGE_KINDS, REVIEW_STATES } from "@/lib/vocabulary";
import { kindKey, reviewStateKey, statusKey } from "@/lib/i18n/vocabulary";
import {
  FILTER_TIERS,
  filtersToQuery,
  hasFilters,
  tierView,
  type PledgeFilters,
  type TierView,
} from "@/lib/pledges/filters";
import { useTranslator } from "@/lib/i18n/client";
import type { MessageKey } from "@/lib/i18n/messages";

export type FilterOptions = {
  sections: { id: string; heading: string }[];
  users: { id: string; name: string }[];
  /** The report's items by tier, and those marked "not a pledge". */
  tierCounts: { trackable: number; direction: number; excluded: number };
};

/**
 * The pledge filters as a compact bar: the tier view first (trackable by default, direction, all;
 * "not a pledge" apart), then the other filters. Every change rewrites the URL (?status=…), the
 * server filters, and the view can be bookmarked or shared; the search box waits for a pause in typing.
 */
export function FilterBar({
  filters,
  options,
  shown,
  total,
  invalid,
}: {
  filters: PledgeFilters;
  options: FilterOptions;
  shown: number;
  total: number;
  invalid: string[];
}) {
  const { t } = useTranslator();
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [q, setQ] = useState(filters.q ?? "");

  const apply = (next: PledgeFilters) =>
    startTransition(() => router.replace(`${pathname}${filtersToQuery(next)}`, { scroll: false }));
  const set = (key: keyof PledgeFilters, value: string) =>
    apply({ ...filters, [key]: value || undefined });

  useEffect(() => {
    if ((filters.q ?? "") === q) return;
    const timer = setTimeout(() => apply({ ...filters, q: q.trim() || undefined }), 300);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only the typed text schedules a search
  }, [q]);

  const select = (
    key: keyof PledgeFilters,
    label: string,
    values: { value: string; label: string }[],
  ) => (
    <label className="flex items-center gap-1 text-xs text-stone-600">
      <span className="sr-only">{label}</span>
      <select
        className={`input w-auto py-0.5 pr-6 text-xs ${filters[key] ? "border-brand-600 bg-brand-50" : ""}`}
        value={filters[key] ?? ""}
        onChange={(e) => set(key, e.target.value)}
        aria-label={label}
        data-testid={`filter-${key}`}
      >
        <option value="">
          {label}: {t("filter.any")}
        </option>
        {values.map((v) => (
          <option key={v.value} value={v.value}>
            {v.label}
          </option>
        ))}
      </select>
    </label>
  );

  const view = tierView(filters);
  const { tierCounts } = options;
  const viewCount: Record<TierView, number> = {
    trackable: tierCounts.trackable,
    direction: tierCounts.direction,
    all: tierCounts.trackable + tierCounts.direction,
  };
  const showView = (v: TierView) =>
    apply({ ...filters, tier: v === "trackable" ? undefined : v, excluded: undefined });
  const tab = (on: boolean) =>
    `px-2 py-0.5 ${on ? "bg-stone-800 text-white" : "bg-white text-stone-700 hover:bg-stone-100"}`;

  return (
    <div className="space-y-1.5 border-b border-stone-200 px-3 py-2" aria-busy={pending}>
      <div className="flex flex-wrap items-center gap-1.5" title={t("tiers.filter.hint")}>
        <div
          role="group"
          aria-label={t("tiers.filter.label")}
          className="inline-flex overflow-hidden rounded-md border border-stone-300 text-xs"
          data-testid="tier-filter"
        >
          {FILTER_TIERS.map((v) => {
            const on = !filters.excluded && view === v;
            return (
              <button
                key={v}
                type="button"
                aria-pressed={on}
                className={tab(on)}
                onClick={() => showView(v)}
                data-testid={`tier-view-${v}`}
              >
                {t(`tiers.filter.${v}` as MessageKey, { n: viewCount[v] })}
              </button>
            );
          })}
        </div>
        <button
          type="button"
          aria-pressed={Boolean(filters.excluded)}
          className={`rounded-md border border-stone-300 text-xs ${tab(Boolean(filters.excluded))}`}
          onClick={() =>
            apply({ ...filters, excluded: filters.excluded ? undefined : "1", tier: undefined })
          }
          data-testid="tier-view-excluded"
        >
          {t("tiers.filter.excluded", { n: tierCounts.excluded })}
        </button>
      </div>
      <div className="flex flex-wrap items-center gap-1.5">
        <input
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder={t("filter.searchHint")}
          aria-label={t("filter.searchHint")}
          className="input w-48 py-1 text-xs"
          data-testid="filter-q"
        />
        {select(
          "kind",
          t("report.filter.kind"),
          PLEDGE_KINDS.map((k) => ({ value: k, label: t(kindKey(k)) })),
        )}
        {select(
          "status",
          t("filter.status"),
          ASSESSMENT_STATUSES.map((s) => ({ value: s, label: t(statusKey(s)) })),
        )}
        {select(
          "review",
          t("filter.review"),
          REVIEW_STATES.map((s) => ({ value: s, label: t(reviewStateKey(s)) })),
        )}
        {select("evidence", t("filter.evidence"), [
          { value: "yes", label: t("filter.withEvidence") },
          { value: "no", label: t("filter.withoutEvidence") },
        ])}
        {select("assignee", t("filter.assignee"), [
          { value: "me", label: t("filter.me") },
          { value: "none", label: t("filter.unassigned") },
          ...options.users.map((u) => ({ value: u.id, label: u.name })),
        ])}
        {options.sections.length
          ? select(
              "section",
              t("filter.section"),
              options.sections.map((s) => ({ value: s.id, label: s.heading.slice(0, 40) })),
            )
          : null}
      </div>
      <div className="flex items-center gap-2 text-xs text-stone-500">
        <span data-testid="filter-count">
          {hasFilters(filters) ? t("report.filter.count", { shown, total }) : null}
        </span>
        {hasFilters(filters) ? (
          <button
            type="button"
            className="text-brand-700 hover:underline"
            onClick={() => (setQ(""), apply({ tier: filters.tier, excluded: filters.excluded }))}
          >
            {t("filter.clear")}
          </button>
        ) : null}
        {invalid.length ? (
          <span role="alert" className="text-amber-700">
            {t("filter.invalid", { names: invalid.join(", ") })}
          </span>
        ) : null}
      </div>
    </div>
  );
}
