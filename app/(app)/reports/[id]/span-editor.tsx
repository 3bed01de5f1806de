"use client";
import { useState } from "react";
import { adjustPledgeSpanAction } from "@/lib/pledges/actions";
import type { PledgeDto } from "@/lib/pledges/schema";
import { nudgeSpan, type SpanEdge, type SpanStep } from "@/lib/pledges/span-nudge";
import { useTranslator } from "@/lib/i18n/client";
import type { MessageKey } from "@/lib/i18n/messages";
import type { EditorBase, RunAction } from "./pledge-editor";
import { readSourceText } from "./source-selection";

const STEPS: { step: SpanStep; symbol: string; label: MessageKey }[] = [
  { step: "-clause", symbol: "«", label: "tiers.span.prevClause" },
  { step: "-char", symbol: "‹", label: "tiers.span.prevChar" },
  { step: "+char", symbol: "›", label: "tiers.span.nextChar" },
  { step: "+clause", symbol: "»", label: "tiers.span.nextClause" },
];

/**
 * Moves the selected pledge's start and end, a character or a clause at a time, and shows the
 * exact source text that results (what is added in green, what is dropped struck through) before
 * it is applied. The text is always the source's own; the server trims, checks overlaps and
 * re-derives target, kind and tier.
 */
export function SpanEditor({
  base,
  pledge,
  pledges,
  run,
  pending,
  onSaved,
}: {
  base: EditorBase;
  pledge: PledgeDto;
  pledges: PledgeDto[];
  run: RunAction;
  pending: boolean;
  onSaved: (reopened: boolean) => void;
}) {
  const { t } = useTranslator();
  const [source] = useState(readSourceText);
  const [span, setSpan] = useState({ start: pledge.start, end: pledge.end });
  if (
    !source ||
    source.length < pledge.end ||
    source.slice(pledge.start, pledge.end) !== pledge.text
  )
    return <p className="text-stone-500">{t("tiers.span.noSource")}</p>;

  const changed = span.start !== pledge.start || span.end !== pledge.end;
  const overlapIndex = pledges.findIndex(
    (p) => p.id !== pledge.id && p.start < span.end && p.end > span.start,
  );
  const nudge = (edge: SpanEdge, step: SpanStep) => {
    const next = nudgeSpan(source, span, edge, step);
    if (next) setSpan(next);
  };
  const controls = (edge: SpanEdge) => (
    <span
      className="inline-flex items-center gap-0.5"
      role="group"
      aria-label={t(edge === "start" ? "tiers.span.start" : "tiers.span.end")}
    >
      <span className="mr-1 text-stone-500">
        {t(edge === "start" ? "tiers.span.start" : "tiers.span.end")}
      </span>
      {STEPS.map(({ step, symbol, label }) => (
        <button
          key={step}
          type="button"
          className="btn btn-sm px-1.5 font-mono"
          disabled={pending || !nudgeSpan(source, span, edge, step)}
          title={t(label)}
          aria-label={`${t(edge === "start" ? "tiers.span.start" : "tiers.span.end")}: ${t(label)}`}
          onClick={() => nudge(edge, step)}
          data-testid={`span-${edge}${step}`}
        >
          {symbol}
        </button>
      ))}
    </span>
  );

  // The preview: the new text, with what it adds (green) and what it drops (struck) against the old span.
  const lo = Math.min(span.start, pledge.start);
  const hi = Math.max(span.end, pledge.end);
  const pieces: { text: string; mark: "add" | "drop" | null }[] = [
    {
      text: source.slice(lo, Math.max(span.start, pledge.start)),
      mark: span.start < pledge.start ? "add" : "drop",
    },
    {
      text: source.slice(Math.max(span.start, pledge.start), Math.min(span.end, pledge.end)),
      mark: null,
    },
    {
      text: source.slice(Math.min(span.end, pledge.end), hi),
      mark: span.end > pledge.end ? "add" : "drop",
    },
  ];
  const newText = source.slice(span.start, span.end);
  return (
    <div className="space-y-1.5" data-testid="span-editor">
      <p className="label mb-0">{t("tiers.span.label")}</p>
      <div className="flex flex-wrap items-center gap-3">
        {controls("start")}
        {controls("end")}
      </div>
      {changed ? (
        <>
          <p
            className="rounded-md border border-stone-300 bg-stone-50 px-2.5 py-1.5 text-sm leading-6"
            aria-label={t("tiers.span.preview")}
            data-testid="span-preview"
            data-text={newText}
          >
            {pieces.map((p, i) =>
              !p.text ? null : p.mark === "add" ? (
                <ins key={i} className="bg-green-100 text-green-900 no-underline">
                  {p.text}
                </ins>
              ) : p.mark === "drop" ? (
                <del key={i} className="text-stone-400">
                  {p.text}
                </del>
              ) : (
                <span key={i}>{p.text}</span>
              ),
            )}
          </p>
          {overlapIndex >= 0 ? (
            <p role="alert" className="text-red-700">
              {t("tiers.span.overlap", { n: overlapIndex + 1 })}
            </p>
          ) : null}
          <div className="flex gap-2">
            <button
              type="button"
              className="btn btn-primary btn-sm"
              disabled={pending || overlapIndex >= 0}
              onClick={() =>
                run(
                  () => adjustPledgeSpanAction({ ...base, ...span }),
                  (d) => onSaved(d.reopened),
                )
              }
              data-testid="span-apply"
            >
              {t("tiers.span.apply")}
            </button>
            <button
              type="button"
              className="btn btn-sm"
              onClick={() => setSpan({ start: pledge.start, end: pledge.end })}
            >
              {t("tiers.span.reset")}
            </button>
          </div>
        </>
      ) : null}
    </div>
  );
}
