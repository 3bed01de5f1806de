"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionError } from "@/lib/app-error";
import type { LineageCandidateDto, PledgeLineageDto } from "@/lib/lineage/schema";
import {
  choosePledgeLinkAction,
  confirmPledgeLinkAction,
  rejectPledgeLinkAction,
} from "@/lib/lineage/actions";
import { useTranslator } from "@/lib/i18n/client";
import { StatusBadge } from "@/app/_components/assessment-badges";
import { useActionErrorText } from "@/app/_components/action-error-text";
import { lineSummary } from "@/app/_components/region-record/line-summary";

type Props = {
  pledgeId: string;
  reportId: string;
  lineage: PledgeLineageDto;
  /** Offered when the analyst asked for them (?lineage=candidates); null otherwise. */
  candidates: LineageCandidateDto[] | null;
  canEdit: boolean;
};

/**
 * The pledge's line across years ("first promised 2014 · repeated 2015, 2016 · assessed unfulfilled
 * 2014, partial 2015"), its link to the earlier pledge it repeats — which analysts confirm or reject
 * — and, on request, the earlier plans' similar pledges to name the predecessor by hand.
 */
export function LineagePanel({ pledgeId, reportId, lineage, candidates, canEdit }: Props) {
  const { t, locale } = useTranslator();
  const errorText = useActionErrorText();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<ActionError | null>(null);
  const { line, link } = lineage;

  function run(action: () => Promise<{ ok: true } | ActionError>) {
    startTransition(async () => {
      const res = await action();
      if (!res.ok) return setError(res);
      setError(null);
      router.refresh();
    });
  }

  return (
    <section className="card p-4" data-testid="lineage-panel" aria-labelledby="lineage-title">
      <h2 id="lineage-title" className="text-sm font-semibold text-stone-800">
        {t("lineage.title")}
      </h2>
      {lineage.pending ? (
        <p className="mt-1 text-xs text-amber-800" data-testid="lineage-pending">
          {t("lineage.pending")}
        </p>
      ) : null}
      {line ? (
        <>
          <p className="mt-1 text-sm text-stone-800" data-testid="lineage-summary">
            {lineSummary(line, t, locale)}
          </p>
          <ol className="mt-2 space-y-1 text-sm" data-testid="lineage-line">
            {line.nodes.map((n) => (
              <li
                key={n.pledgeId}
                className="flex items-baseline gap-2"
                data-testid="lineage-node"
                data-year={n.year}
                data-current={n.pledgeId === pledgeId ? "1" : "0"}
              >
                <span className="w-10 shrink-0 text-stone-500 tabular-nums">{n.year}</span>
                <StatusBadge status={n.status} label={t(`status.${n.status}`)} />
                {n.pledgeId === pledgeId ? (
                  <span className="font-medium text-stone-900">
                    {n.title ?? n.text}{" "}
                    <span className="text-xs text-stone-400">{t("lineage.thisPledge")}</span>
                  </span>
                ) : (
                  <Link
                    href={`/reports/${n.reportId}/pledges/${n.pledgeId}`}
                    className="text-brand-700 hover:underline"
                  >
                    {n.title ?? n.text}
                  </Link>
                )}
              </li>
            ))}
          </ol>
        </>
      ) : (
        <p className="mt-1 text-sm text-stone-500" data-testid="lineage-none">
          {t("lineage.none")}
        </p>
      )}
      {link ? (
        <div
          className="mt-3 rounded border border-stone-200 bg-stone-50 p-2 text-sm"
          data-testid="lineage-link"
          data-state={link.state}
        >
          <p className="text-xs text-stone-600">
            {link.state === "confirmed"
              ? link.decidedBy
                ? t("lineage.confirmedBy", { name: link.decidedBy })
                : t("lineage.confirmedUnknown")
              : t("lineage.suggested", { year: link.predecessor.year })}
            {link.probability !== null
              ? ` · ${t("lineage.probability", { p: `${Math.round(link.probability * 100)}%` })}`
              : ""}
          </p>
          <p className="mt-1">
            <span className="mr-1 text-stone-500 tabular-nums">{link.predecessor.year}</span>
            <Link
              href={`/reports/${link.predecessor.reportId}/pledges/${link.predecessor.id}`}
              className="text-brand-700 hover:underline"
              data-testid="lineage-predecessor"
            >
              {link.predecessor.text}
            </Link>
          </p>
          {link.terms.length ? (
            <p className="mt-1 text-xs text-stone-500" data-testid="lineage-terms">
              {t("lineage.terms", { terms: link.terms.join(locale === "zh" ? "、" : ", ") })}
            </p>
          ) : null}
          {canEdit ? (
            <div className="mt-2 flex gap-2">
              {link.state === "suggested" ? (
                <button
                  type="button"
                  className="btn btn-primary btn-sm"
                  disabled={pending}
                  onClick={() =>
                    run(() => confirmPledgeLinkAction({ linkId: link.id, version: link.version }))
                  }
                  data-testid="lineage-confirm"
                >
                  {t("lineage.confirm")}
                </button>
              ) : null}
              <button
                type="button"
                className="btn btn-sm"
                disabled={pending}
                onClick={() =>
                  run(() => rejectPledgeLinkAction({ linkId: link.id, version: link.version }))
                }
                data-testid="lineage-reject"
              >
                {t("lineage.reject")}
              </button>
            </div>
          ) : null}
        </div>
      ) : null}
      {lineage.rejected.length ? (
        <ul className="mt-2 space-y-0.5 text-xs text-stone-500" data-testid="lineage-rejected">
          {lineage.rejected.map((r) => (
            <li key={r.id}>
              {t("lineage.rejected", { year: r.predecessor.year, text: r.predecessor.text })}
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <p className="mt-2 text-sm text-red-700" role="alert">
          {errorText(error)}
        </p>
      ) : null}
      {canEdit && candidates === null ? (
        <Link
          href={`/reports/${reportId}/pledges/${pledgeId}?lineage=candidates#lineage-title`}
          className="mt-2 inline-block text-xs text-brand-700 hover:underline"
          data-testid="lineage-find"
        >
          {t("lineage.findOther")}
        </Link>
      ) : null}
      {canEdit && candidates !== null ? (
        <div className="mt-3" data-testid="lineage-candidates">
          <h3 className="text-xs font-semibold text-stone-700">{t("lineage.candidates")}</h3>
          {candidates.length === 0 ? (
            <p className="text-xs text-stone-500">{t("lineage.noCandidates")}</p>
          ) : null}
          <ul className="mt-1 space-y-1 text-sm">
            {candidates.map((c) => (
              <li key={c.id} className="flex items-baseline gap-2" data-testid="lineage-candidate">
                <span className="w-10 shrink-0 text-stone-500 tabular-nums">{c.year}</span>
                <span className="flex-1">{c.text}</span>
                {link?.predecessor.id === c.id && link.state === "confirmed" ? null : (
                  <button
                    type="button"
                    className="btn btn-sm"
                    disabled={pending}
                    onClick={() =>
                      run(() => choosePledgeLinkAction({ pledgeId, predecessorId: c.id }))
                    }
                    data-testid="lineage-choose"
                  >
                    {t("lineage.choose")}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
