"use client";
import type { RefObject } from "react";
import type { PledgeWorkspace } from "@/lib/evidence-links/data";
import { useTranslator } from "@/lib/i18n/client";
import { ActionFeedback } from "./action-feedback";
import type { WorkspaceFeedback } from "./use-workspace-actions";

type Review = NonNullable<PledgeWorkspace["review"]>;
type Run = { start: number; end: number; className?: string };

/**
 * Next year's report, with suggested spans in amber and linked ones in green; those who may link
 * select any text and link it with the button (or L), and see beside it what that did.
 */
export function ReviewPane({
  ws,
  review,
  paneRef,
  onLinkSelection,
  feedback,
  pending,
}: {
  ws: PledgeWorkspace;
  review: Review;
  paneRef: RefObject<HTMLDivElement | null>;
  onLinkSelection: (() => void) | null;
  feedback: WorkspaceFeedback;
  pending: boolean;
}) {
  const { t } = useTranslator();
  return (
    <section className="card p-4" aria-labelledby="ws-review" data-testid="ws-review">
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <h2 id="ws-review" className="font-semibold">
          {t("ws.reviewText", { title: review.title })}
        </h2>
        {review.inferred ? (
          <span className="badge bg-stone-200 text-stone-600">{t("ws.inferredPair")}</span>
        ) : null}
        {onLinkSelection ? (
          <button
            type="button"
            className="btn btn-sm ml-auto"
            disabled={pending}
            onClick={onLinkSelection}
            data-testid="ws-link-selection"
          >
            {t("ws.linkSelection")} (L)
          </button>
        ) : null}
      </div>
      {onLinkSelection ? <p className="mb-2 text-xs text-stone-500">{t("ws.selectHint")}</p> : null}
      <div className="mb-2 empty:hidden">
        <ActionFeedback feedback={feedback} at="review" testId="ws-review-notice" />
      </div>
      <div
        ref={paneRef}
        className="max-h-[32rem] overflow-y-auto rounded-md bg-stone-50 p-3 text-sm leading-7 whitespace-pre-wrap"
        data-testid="ws-review-text"
      >
        {reviewRuns(ws, review).map((seg) => (
          <span key={seg.start} data-offset={seg.start} className={seg.className}>
            {review.text.slice(seg.start, seg.end)}
          </span>
        ))}
      </div>
    </section>
  );
}

/** Cuts the review text into runs: plain, suggested (amber), linked (green). Offsets are relative to the review text. */
function reviewRuns(ws: PledgeWorkspace, review: Review): Run[] {
  const base = review.base;
  const length = review.text.length;
  const style = new Array<string | undefined>(length);
  for (const s of ws.suggestions)
    for (let i = Math.max(0, s.start - base); i < Math.min(length, s.end - base); i++)
      style[i] = "bg-amber-100";
  for (const e of ws.evidence) {
    if (
      e.kind !== "review" ||
      e.start === null ||
      e.end === null ||
      e.sourceReportId !== review.reportId
    )
      continue;
    for (let i = Math.max(0, e.start - base); i < Math.min(length, e.end - base); i++)
      style[i] = "bg-green-200";
  }
  const runs: Run[] = [];
  let start = 0;
  for (let i = 1; i <= length; i++) {
    if (i === length || style[i] !== style[start]) {
      runs.push({ start, end: i, className: style[start] });
      start = i;
    }
  }
  return runs;
}
