"use client";
import type { PledgeWorkspace } from "@/lib/evidence-links/data";
import { useTranslator } from "@/lib/i18n/client";
import { VerdictBadge } from "./badges";

/** The evidence linked to the pledge, each with its source, who linked it, and (for those who may link) a way to unlink it. */
export function EvidenceList({
  evidence,
  onUnlink,
  pending,
}: {
  evidence: PledgeWorkspace["evidence"];
  onUnlink: ((id: string) => void) | null;
  pending: boolean;
}) {
  const { t } = useTranslator();
  return (
    <section className="card p-4" aria-labelledby="ws-evidence" data-testid="ws-evidence">
      <h2 id="ws-evidence" className="mb-2 font-semibold">
        {t("ws.evidence")} <span className="text-stone-400">({evidence.length})</span>
      </h2>
      {evidence.length === 0 ? (
        <p className="text-sm text-stone-500">{t("ws.noEvidence")}</p>
      ) : null}
      <ul className="space-y-2">
        {evidence.map((e) => (
          <li
            key={e.id}
            className="rounded-md border border-stone-200 p-2 text-sm"
            data-testid="ws-evidence-item"
          >
            <div className="mb-1 flex items-center gap-2 text-xs text-stone-500">
              <span
                className={`badge ${e.kind === "review" ? "bg-green-100 text-green-800" : "bg-sky-100 text-sky-800"}`}
              >
                {t(e.kind === "review" ? "ws.source.review" : "ws.source.external")}
              </span>
              <span>
                {t("ws.by", { name: e.createdBy ?? "—", date: e.createdAt.slice(0, 10) })}
              </span>
              {onUnlink ? (
                <button
                  type="button"
                  className="ml-auto text-red-700 hover:underline"
                  disabled={pending}
                  onClick={() => onUnlink(e.id)}
                >
                  {t("ws.unlink")}
                </button>
              ) : null}
            </div>
            <blockquote className="border-l-2 border-stone-300 pl-2 leading-relaxed wrap-anywhere">
              {e.quote}
            </blockquote>
            {e.url ? (
              <a
                className="mt-1 block truncate text-xs text-brand-700 hover:underline"
                href={e.url}
                target="_blank"
                rel="noopener noreferrer nofollow"
              >
                {e.url}
              </a>
            ) : null}
            {e.sourceDate || e.note ? (
              <p className="mt-1 text-xs text-stone-500">
                {[e.sourceDate, e.note].filter(Boolean).join(" · ")}
              </p>
            ) : null}
            {e.comparison ? (
              <div className="mt-1">
                <VerdictBadge comparison={e.comparison} />
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
