"use client";
import Link from "next/link";
import { memo, startTransition, useEffect, useMemo, useState } from "react";
import type { PledgeDto } from "@/lib/pledges/schema";
import { useTranslator } from "@/lib/i18n/client";
import type { Translate } from "@/lib/i18n/messages";
import { formatTarget } from "@/lib/pledges/target";
import { SECTION_BADGE, regionLabelKey } from "./report-styles";
import { tierLabel, tierSourceLabel } from "@/app/_components/tier-label";
import styles from "./report-page.module.css";
import { PledgeEditor } from "./pledge-editor";
import { kindLabel, reviewStateLabel, statusLabel } from "@/lib/i18n/vocabulary";

/** A section a pledge can belong to (topics are carried on the pledge as text). */
export type SectionRef = { id: string; parentId: string | null; kind: string; heading: string };

type Group = {
  key: string;
  section: SectionRef | null;
  parent: SectionRef | null;
  topics: { topic: string | null; items: PledgeDto[] }[];
};

/**
 * How many rows the server renders (and the browser hydrates); the rest are rendered on the client
 * right after hydration, into the same list. A 528-pledge report would otherwise cost ~200 KB of
 * HTML and most of the page's server rendering time for rows below the fold.
 */
export const FIRST_ROWS = 100;

/**
 * The pledges grouped by section › topic, in source order, filtered by the URL filters. Rows are
 * memoised: selecting a pledge re-renders two rows, not the whole list. The first FIRST_ROWS rows
 * come from the server; the others follow once the page is interactive (at once when a pledge is
 * selected, so selecting one from the source always finds its row).
 */
export function PledgeList({
  reportId,
  pledges,
  sections,
  visible,
  selectedId,
  onSelect,
  canEdit,
  checked,
  onToggle,
  onShowInSource,
}: {
  reportId: string;
  pledges: PledgeDto[];
  sections: SectionRef[];
  /** Pledges that pass the URL filters (evaluated on the server); null when no filter is set. */
  visible: ReadonlySet<string> | null;
  selectedId: string | null;
  onSelect: (id: string | null) => void;
  canEdit: boolean;
  /** Bulk selection (null when the user may not act in bulk). */
  checked: ReadonlySet<string> | null;
  onToggle: (id: string) => void;
  /** Where the source is a tab of its own (below lg): switch to it, at this pledge. */
  onShowInSource: (id: string) => void;
}) {
  const { t } = useTranslator();
  const byId = useMemo(() => new Map(sections.map((s) => [s.id, s])), [sections]);
  const numbers = useMemo(() => new Map(pledges.map((p, i) => [p.id, i + 1])), [pledges]);
  const [complete, setComplete] = useState(false);
  useEffect(() => startTransition(() => setComplete(true)), []);
  const limit = complete || selectedId !== null ? Infinity : FIRST_ROWS;

  const { groups, shown } = useMemo(() => {
    const out: Group[] = [];
    let shown = 0;
    for (const p of pledges) {
      // The selected pledge stays in the list after a change moves it out of the view (marked
      // "not a pledge", its tier changed), so its editor can still show the result and undo it.
      if (visible && !visible.has(p.id) && p.id !== selectedId) continue;
      if (shown++ >= limit) continue;
      let g = out[out.length - 1];
      const key = p.sectionId ?? "none";
      if (!g || g.key !== key) {
        const section = p.sectionId ? (byId.get(p.sectionId) ?? null) : null;
        g = {
          key,
          section,
          parent: section?.parentId ? (byId.get(section.parentId) ?? null) : null,
          topics: [],
        };
        out.push(g);
      }
      let topic = g.topics[g.topics.length - 1];
      if (!topic || topic.topic !== p.topic) {
        topic = { topic: p.topic, items: [] };
        g.topics.push(topic);
      }
      topic.items.push(p);
    }
    return { groups: out, shown };
  }, [pledges, visible, byId, limit, selectedId]);
  const nextOf = (id: string): PledgeDto | null => {
    const i = (numbers.get(id) ?? 0) - 1;
    return i >= 0 && i + 1 < pledges.length ? pledges[i + 1] : null;
  };

  if (pledges.length === 0)
    return <p className="px-4 py-6 text-sm text-stone-500">{t("report.empty")}</p>;
  return (
    <div
      className="min-h-0 flex-1 overflow-y-auto"
      data-testid="pledge-list"
      data-bulk={checked ? "" : undefined}
    >
      {shown === 0 ? (
        <p className="px-4 py-6 text-sm text-stone-500">{t("report.filter.none")}</p>
      ) : null}
      {groups.map((g, gi) => (
        <div key={`${g.key}-${gi}`} data-testid="pledge-group">
          <GroupHeading group={g} t={t} />
          {g.topics.map((topic, ti) => (
            <div key={ti}>
              {topic.topic ? (
                <p className="px-3 pt-1.5 text-xs font-medium text-stone-500">› {topic.topic}</p>
              ) : null}
              <ol className={styles.rows}>
                {topic.items.map((p) => (
                  <PledgeRow
                    key={p.id}
                    pledge={p}
                    n={numbers.get(p.id) ?? 0}
                    selected={p.id === selectedId}
                    onSelect={onSelect}
                    checked={checked ? checked.has(p.id) : null}
                    onToggle={onToggle}
                    editor={
                      p.id === selectedId ? (
                        <>
                          {/* A wrapper: the row's own button is styled as `li > button`, this one must not be. */}
                          <div>
                            <Link
                              href={`/reports/${reportId}/pledges/${p.id}`}
                              className="mx-3 my-1.5 inline-flex text-xs font-medium text-brand-700 hover:underline"
                              data-testid="open-evidence"
                            >
                              {t("report.openEvidence")} →
                            </Link>
                            <button
                              type="button"
                              className="my-1.5 inline-flex text-xs font-medium text-brand-700 hover:underline lg:hidden"
                              onClick={() => onShowInSource(p.id)}
                              data-testid="show-in-source"
                            >
                              {t("report.showInSource")}
                            </button>
                          </div>
                          {canEdit ? (
                            <PledgeEditor
                              key={p.id}
                              reportId={reportId}
                              pledge={p}
                              next={nextOf(p.id)}
                              pledges={pledges}
                              onSelect={onSelect}
                            />
                          ) : null}
                        </>
                      ) : null
                    }
                  />
                ))}
              </ol>
            </div>
          ))}
        </div>
      ))}
      {shown > limit ? (
        <p className="px-4 py-3 text-xs text-stone-500" data-testid="pledge-list-more">
          {t("report.list.more", { count: shown - limit })}
        </p>
      ) : null}
    </div>
  );
}

function GroupHeading({ group, t }: { group: Group; t: Translate }) {
  const s = group.section;
  const top = group.parent ?? s;
  const badgeKind = s && s.parentId && s.kind !== "subsection" ? s.kind : (top?.kind ?? "other");
  return (
    <h3 className="sticky top-0 z-10 flex items-baseline gap-2 border-y border-stone-200 bg-stone-50/95 px-3 py-1.5 text-xs font-semibold text-stone-800 backdrop-blur">
      {s ? (
        <span className={`badge shrink-0 ${SECTION_BADGE[badgeKind] ?? SECTION_BADGE.other}`}>
          {t(regionLabelKey(badgeKind))}
        </span>
      ) : null}
      <span className="min-w-0">
        {group.parent ? (
          <span className="font-normal text-stone-500">{group.parent.heading} › </span>
        ) : null}
        {s ? s.heading : t("report.noSection")}
      </span>
    </h3>
  );
}

const PledgeRow = memo(function PledgeRow({
  pledge,
  n,
  selected,
  onSelect,
  checked,
  onToggle,
  editor,
}: {
  pledge: PledgeDto;
  n: number;
  selected: boolean;
  onSelect: (id: string | null) => void;
  checked: boolean | null;
  onToggle: (id: string) => void;
  editor: React.ReactNode;
}) {
  const { t } = useTranslator();
  // Bare elements with data attributes, styled by report-page.module.css: hundreds of rows stay light.
  return (
    <li
      id={`pledge-${pledge.id}`}
      data-pid={pledge.id}
      data-tier={pledge.tier}
      data-x={pledge.excluded ? "" : undefined}
      aria-current={selected ? "true" : undefined}
    >
      {checked !== null ? (
        <input
          type="checkbox"
          checked={checked}
          onChange={() => onToggle(pledge.id)}
          aria-label={`${t("bulk.select")} ${n}`}
          data-testid="bulk-check"
        />
      ) : null}
      <button
        type="button"
        aria-pressed={selected}
        onClick={() => onSelect(selected ? null : pledge.id)}
      >
        <i>{n}</i>
        <span>
          {pledge.title ? <span data-f="title">{pledge.title}</span> : null}
          <span data-f="text">{pledge.text}</span>
          <span data-f="meta">
            {pledge.excluded ? <span data-f="excluded">{t("tiers.excluded")}</span> : null}
            <span
              data-f="tier"
              data-tier={pledge.tier}
              data-manual={pledge.tierSource === "person" ? "" : undefined}
              title={tierSourceLabel(pledge.tierSource, t)}
            >
              {tierLabel(pledge, t)}
            </span>
            <span data-f="kind" data-kind={pledge.kind}>
              {kindLabel(t, pledge.kind)}
            </span>
            {pledge.target ? (
              <span data-f="target">{formatTarget(pledge.target, t("target.growthSuffix"))}</span>
            ) : null}
            {pledge.status !== "not_assessed" ? (
              <span data-f="status" data-status={pledge.status}>
                {statusLabel(t, pledge.status)}
              </span>
            ) : null}
            {pledge.reviewState !== "draft" ? (
              <span data-f="review" data-review={pledge.reviewState}>
                {reviewStateLabel(t, pledge.reviewState)}
              </span>
            ) : null}
            {pledge.evidenceCount ? (
              <span data-f="evidence">
                {t("report.evidenceCount", { count: pledge.evidenceCount })}
              </span>
            ) : null}
          </span>
        </span>
      </button>
      {editor}
    </li>
  );
});
