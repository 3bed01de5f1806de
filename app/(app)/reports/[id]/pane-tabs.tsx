"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { useTranslator } from "@/lib/i18n/client";

export type ReportPane = "pledges" | "source";
const PANES: ReportPane[] = ["pledges", "source"];
/** The ids of the two pane sections (the tabs' aria-controls). */
export const PANE_ID: Record<ReportPane, string> = {
  pledges: "report-pane-pledges",
  source: "report-pane-source",
};

export type ReportPanes = {
  pane: ReportPane;
  /**
   * Shows a pane and scrolls to `pledgeId` in it (its row, or its highlight in the source); with
   * no pledge, the source opens on the plan the first time and otherwise at the pane's top. Where
   * both panes show side by side (from lg) it changes nothing on screen.
   */
  show: (pane: ReportPane, pledgeId?: string | null) => void;
  /** Hides the inactive pane below lg. */
  paneClass: (pane: ReportPane) => string;
  bar: React.RefObject<HTMLDivElement | null>;
};

/**
 * Below lg the two panes of the report page do not fit side by side, and stacked the source came
 * after hundreds of pledges: one shows at a time, switched by tabs. From lg the tabs are hidden
 * and both panes show as before. `selectedId` is the pledge a switch scrolls to by default.
 */
export function useReportPanes(selectedId: string | null): ReportPanes {
  const [pane, setPane] = useState<ReportPane>("pledges");
  const bar = useRef<HTMLDivElement>(null);
  const sourceOpened = useRef(false);

  const show = useCallback(
    (next: ReportPane, pledgeId: string | null = selectedId) => {
      const tabs = bar.current;
      if (!tabs || tabs.getClientRects().length === 0) return setPane(next);
      // Render the pane now, so that what to scroll to has a box.
      flushSync(() => setPane(next));
      const target = pledgeId
        ? document.querySelector(
            next === "source"
              ? `[data-source-root] mark[data-pid="${CSS.escape(pledgeId)}"]`
              : `#${CSS.escape(`pledge-${pledgeId}`)}`,
          )
        : null;
      const firstSource = next === "source" && !sourceOpened.current;
      if (next === "source") sourceOpened.current = true;
      if (target) return target.scrollIntoView({ block: "center" });
      const plan = firstSource
        ? document.querySelector('[data-source-root] section[data-region="plan"]')
        : null;
      if (plan) return plan.scrollIntoView({ block: "start" });
      // Deep in a long list: back to the top of the pane just opened (under the tabs).
      const section = document.getElementById(PANE_ID[next]);
      if (section && section.getBoundingClientRect().top < tabs.getBoundingClientRect().bottom)
        section.scrollIntoView({ block: "start" });
    },
    [selectedId],
  );

  const paneClass = (p: ReportPane) => (p === pane ? "" : "max-lg:hidden");
  return { pane, show, paneClass, bar };
}

/** The tabs that switch the panes below lg; they stay in view under the page header while scrolling. */
export function ReportPaneTabs({ panes }: { panes: ReportPanes }) {
  const { t } = useTranslator();
  const { pane, show, bar } = panes;
  // Sticks right under the app header, whatever height the header has at this width.
  const [top, setTop] = useState<number | null>(null);
  useEffect(() => {
    const header = document.querySelector("header");
    if (!header) return;
    const measure = () => setTop(header.getBoundingClientRect().height);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(header);
    return () => observer.disconnect();
  }, []);

  function onKeyDown(e: React.KeyboardEvent<HTMLButtonElement>) {
    if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
    e.preventDefault();
    const next = PANES[(PANES.indexOf(pane) + 1) % PANES.length];
    show(next);
    document.getElementById(`report-tab-${next}`)?.focus();
  }

  return (
    <div
      ref={bar}
      role="tablist"
      aria-label={t("report.tabs.label")}
      style={top === null ? undefined : { top }}
      className="sticky top-12 z-10 -mx-4 flex gap-1 border-b border-stone-200 bg-stone-50/95 px-4 py-1.5 backdrop-blur lg:hidden"
      data-testid="report-tabs"
    >
      {PANES.map((p) => (
        <button
          key={p}
          id={`report-tab-${p}`}
          type="button"
          role="tab"
          aria-selected={p === pane}
          aria-controls={PANE_ID[p]}
          tabIndex={p === pane ? 0 : -1}
          onClick={() => show(p)}
          onKeyDown={onKeyDown}
          className={`flex-1 rounded-md px-3 py-1.5 text-sm font-medium ${p === pane ? "bg-stone-800 text-white" : "bg-white text-stone-700 ring-1 ring-stone-300 hover:bg-stone-100"}`}
        >
          {t(p === "pledges" ? "report.tabs.pledges" : "report.tabs.source")}
        </button>
      ))}
    </div>
  );
}
