"use client";
import { tierLabel, tierSourceLabel } from "@/app/_components/tier-label";
import { MarkedText } from "@/app/_components/marked-text";
import type { PledgeWorkspace } from "@/lib/evidence-links/data";
import { useTranslator } from "@/lib/i18n/client";
import { formatFigure } from "./badges";

/** The pledge itself: tier, title, text (with the active suggestion's words marked), section, target and context. */
export function PledgeCard({
  ws,
  marks,
}: {
  ws: PledgeWorkspace;
  marks: PledgeWorkspace["suggestions"][number]["pledgeMarks"];
}) {
  const { t } = useTranslator();
  return (
    <section className="card p-4" aria-labelledby="ws-pledge">
      <h1 id="ws-pledge" className="label flex flex-wrap items-center gap-1.5">
        {t("ws.pledge")}
        <span
          className={`badge ${ws.pledge.tier === "trackable" ? "bg-stone-900 text-white" : "bg-stone-100 text-stone-600"}`}
          data-testid="ws-pledge-tier"
          data-tier={ws.pledge.tier}
          title={tierSourceLabel(ws.pledge.tierSource, t)}
        >
          {tierLabel(ws.pledge, t)}
        </span>
        {ws.pledge.excluded ? (
          <span className="badge bg-red-50 text-red-800" data-testid="ws-pledge-excluded">
            {t("tiers.excluded")}
          </span>
        ) : null}
      </h1>
      {ws.pledge.title ? (
        <p className="mb-1 text-lg font-semibold text-stone-900" data-testid="ws-pledge-title">
          {ws.pledge.title}
        </p>
      ) : null}
      <p className="text-base leading-relaxed" data-testid="ws-pledge-text">
        <MarkedText text={ws.pledge.text} marks={marks} />
      </p>
      <p className="mt-2 text-xs text-stone-500">
        {[ws.pledge.section, ws.pledge.topic].filter(Boolean).join(" › ")}
      </p>
      {ws.pledge.target ? (
        <p className="mt-1 text-xs text-stone-600">
          {t("ws.target")}:{" "}
          {formatFigure({
            value: ws.pledge.target.value,
            unit: ws.pledge.target.unit ?? "",
            comparator: ws.pledge.target.comparator,
            growth: ws.pledge.target.growth,
          })}
          {ws.pledge.target.valueMax !== null ? `–${ws.pledge.target.valueMax}` : ""}
        </p>
      ) : null}
      <details className="mt-2 text-xs text-stone-500">
        <summary className="cursor-pointer">{t("ws.context")}</summary>
        <p className="mt-1 leading-relaxed">
          …{ws.context.before}
          <strong className="text-stone-800">{ws.pledge.text}</strong>
          {ws.context.after}…
        </p>
      </details>
    </section>
  );
}
