"use client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { unpackPledges } from "@/lib/pledges/packed-list";
import type { PledgeFilters } from "@/lib/pledges/filters";
import { useTranslator } from "@/lib/i18n/client";
import { PledgeList, type SectionRef } from "./pledge-list";
import { rangeToSourceSpan } from "./source-selection";
import { FilterBar, type FilterOptions } from "./filter-bar";
import { BulkBar } from "./bulk-bar";
import { AcceptSuggestions } from "./accept-suggestions";
import { AddPledgeBar } from "./add-pledge-bar";
import { PANE_ID, ReportPaneTabs, useReportPanes } from "./pane-tabs";

const SAFE_ID = /^[A-Za-z0-9_-]+$/;

/**
 * The two panes of the report page: the pledge list (client state: selection and filters) and the
 * server-rendered source text passed in as children. Selection is shown in the source through one
 * generated CSS rule, so selecting never re-renders the thousands of source spans.
 */
export function ReportWorkspace({
  reportId,
  packedPledges,
  sections,
  canEdit,
  sourceLength,
  visibleIds,
  filters,
  filterOptions,
  invalidFilters,
  canBulk,
  children,
}: {
  reportId: string;
  /** Every pledge of the report in list order, packed by packPledges (one payload chunk, not an object per pledge). */
  packedPledges: string;
  sections: SectionRef[];
  canEdit: boolean;
  sourceLength: number;
  /** Ids passing the URL filters and the tier view (computed on the server). */
  visibleIds: string[] | null;
  filters: PledgeFilters;
  filterOptions: FilterOptions;
  invalidFilters: string[];
  /** Whether the user may assess (and so act on several pledges at once). */
  canBulk: boolean;
  children: React.ReactNode;
}) {
  const { t } = useTranslator();
  const pledges = useMemo(() => unpackPledges(packedPledges), [packedPledges]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const visible = useMemo(() => (visibleIds ? new Set(visibleIds) : null), [visibleIds]);
  const [checked, setChecked] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = useCallback((id: string) => {
    setChecked((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);
  const listed = visibleIds ?? pledges.map((p) => p.id);
  const allChecked = listed.length > 0 && listed.every((id) => checked.has(id));
  const [sourceSelection, setSourceSelection] = useState<{
    start: number;
    end: number;
    text: string;
  } | null>(null);
  const sourceRef = useRef<HTMLDivElement>(null);
  const scrollSource = useRef(false);
  const panes = useReportPanes(selectedId);

  /** Select from the list (scrolls the source to the span) or from the source (scrolls the list). */
  const selectFromList = useCallback((id: string | null) => {
    scrollSource.current = true;
    setSelectedId(id);
  }, []);

  useEffect(() => {
    if (!selectedId) return;
    if (scrollSource.current) {
      scrollSource.current = false;
      const mark = SAFE_ID.test(selectedId)
        ? sourceRef.current?.querySelector<HTMLElement>(`mark[data-pid="${selectedId}"]`)
        : null;
      if (mark && sourceRef.current) scrollIntoPane(sourceRef.current, mark, "center");
    }
    // The row (with its editor) into view in the list, whichever side the selection came from.
    const row = document.getElementById(`pledge-${selectedId}`);
    const list = row?.closest<HTMLElement>("[data-testid=pledge-list]");
    if (row && list) scrollIntoPane(list, row, "nearest");
  }, [selectedId, pledges]);

  // The report opens on its plan, not on the review above it (unless a pledge is already selected).
  useEffect(() => {
    const pane = sourceRef.current;
    // Only where the source has a pane of its own (on a phone it flows with the page).
    if (!pane || selectedId || pane.scrollHeight <= pane.clientHeight) return;
    const plan = pane.querySelector<HTMLElement>('section[data-region="plan"]');
    if (plan) scrollIntoPane(pane, plan, "nearest");
    // Once, when the page opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // The source selection, for "add as pledge": offsets come from the spans' data-offset.
  useEffect(() => {
    if (!canEdit) return;
    let frame = 0;
    function update() {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const root = sourceRef.current?.querySelector<HTMLElement>("[data-source-root]");
        const sel = window.getSelection();
        if (!root || !sel || sel.rangeCount === 0 || sel.isCollapsed)
          return setSourceSelection(null);
        const span = rangeToSourceSpan(root, sel.getRangeAt(0), sourceLength);
        setSourceSelection(span ? { ...span, text: sel.toString() } : null);
      });
    }
    document.addEventListener("selectionchange", update);
    return () => {
      document.removeEventListener("selectionchange", update);
      cancelAnimationFrame(frame);
    };
  }, [canEdit, sourceLength]);

  function onSourceClick(e: React.MouseEvent<HTMLDivElement>) {
    const sel = window.getSelection();
    if (sel && !sel.isCollapsed) return; // the reader is selecting text, not clicking a pledge
    const mark = (e.target as HTMLElement).closest<HTMLElement>("mark[data-pid]");
    if (!mark?.dataset.pid) return;
    const id = mark.dataset.pid;
    scrollSource.current = false;
    setSelectedId(id);
    panes.show("pledges", id); // below lg the list is a tab of its own
  }

  /** A pledge added from the source selection: select it, and let go of the selection. */
  function onPledgeAdded(id: string) {
    window.getSelection()?.removeAllRanges();
    setSourceSelection(null);
    scrollSource.current = false;
    setSelectedId(id);
  }

  const selectedCss =
    selectedId && SAFE_ID.test(selectedId)
      ? `[data-source-root] mark[data-pid="${selectedId}"]{background-color:#fde047;border-color:#a16207;box-shadow:0 0 0 1px #a16207}`
      : "";

  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
      <style>{selectedCss}</style>
      <ReportPaneTabs panes={panes} />
      <section
        id={PANE_ID.pledges}
        aria-label={t("report.pane.pledges")}
        className={`card flex min-h-0 scroll-mt-24 flex-col lg:h-[calc(100vh-7.5rem)] ${panes.paneClass("pledges")}`}
      >
        <div className="flex items-center gap-2 px-3 pt-2">
          {canBulk ? (
            <input
              type="checkbox"
              checked={allChecked}
              onChange={() => setChecked(allChecked ? new Set() : new Set(listed))}
              aria-label={t("bulk.selectAll")}
              title={t("bulk.selectAll")}
              data-testid="bulk-check-all"
              className="accent-violet-600"
            />
          ) : null}
          <h2 className="text-sm font-semibold text-stone-800">{t("report.pane.pledges")}</h2>
        </div>
        {canBulk && checked.size > 0 ? (
          <BulkBar
            reportId={reportId}
            selected={[...checked]}
            users={filterOptions.users}
            canEditPledges={canEdit}
            onClear={() => setChecked(new Set())}
          />
        ) : null}
        {canBulk ? <AcceptSuggestions reportId={reportId} selected={[...checked]} /> : null}
        <FilterBar
          filters={filters}
          options={filterOptions}
          shown={visible ? visible.size : pledges.length}
          total={pledges.length}
          invalid={invalidFilters}
        />
        <PledgeList
          reportId={reportId}
          pledges={pledges}
          sections={sections}
          visible={visible}
          checked={canBulk ? checked : null}
          onToggle={toggle}
          selectedId={selectedId}
          onSelect={selectFromList}
          canEdit={canEdit}
          onShowInSource={(id) => panes.show("source", id)}
        />
      </section>
      <section
        id={PANE_ID.source}
        aria-label={t("report.pane.source")}
        className={`card flex min-h-0 scroll-mt-24 flex-col lg:h-[calc(100vh-7.5rem)] ${panes.paneClass("source")}`}
      >
        <div className="border-b border-stone-200 px-3 py-2">
          <div className="flex items-baseline gap-2">
            <h2 className="text-sm font-semibold text-stone-800">{t("report.pane.source")}</h2>
            <p className="truncate text-xs text-stone-500">
              {canEdit ? t("report.sourceHintEdit") : t("report.sourceHint")}
            </p>
          </div>
          {canEdit ? (
            <AddPledgeBar
              reportId={reportId}
              selection={sourceSelection}
              pledges={pledges}
              onCreated={onPledgeAdded}
            />
          ) : null}
        </div>
        <div
          ref={sourceRef}
          onClick={onSourceClick}
          className="min-h-0 flex-1 overflow-y-auto"
          data-testid="source-pane"
        >
          {children}
        </div>
      </section>
    </div>
  );
}

/**
 * Scrolls `el` into view inside its pane only (scrollIntoView would also scroll the window and push
 * the page header away). When the pane does not scroll (narrow screens, stacked panes), falls back.
 */
function scrollIntoPane(pane: HTMLElement, el: HTMLElement, mode: "center" | "nearest") {
  if (pane.scrollHeight <= pane.clientHeight) {
    el.scrollIntoView({ block: mode });
    return;
  }
  const paneRect = pane.getBoundingClientRect();
  const rect = el.getBoundingClientRect();
  const top = rect.top - paneRect.top + pane.scrollTop;
  if (mode === "center") pane.scrollTop = top - pane.clientHeight / 2 + rect.height / 2;
  else if (rect.top < paneRect.top + 36) pane.scrollTop = top - 48;
  else if (rect.bottom > paneRect.bottom)
    pane.scrollTop = Math.min(top - 48, pane.scrollTop + rect.bottom - paneRect.bottom + 8);
}
