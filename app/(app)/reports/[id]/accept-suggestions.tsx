"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { acceptSuggestionsAction } from "@/lib/assessments/actions";
import { useTranslator } from "@/lib/i18n/client";
import type { ActionError } from "@/lib/app-error";
import { useActionErrorText } from "@/app/_components/action-error-text";

/**
 * Accepts the evidence's suggested verdicts in one action: of the selected pledges, or of every
 * quantitative pledge of the report. Each becomes a draft with the suggestion's reason as its
 * rationale, which the analyst still reads and submits; pledges already assessed are skipped.
 */
export function AcceptSuggestions({
  reportId,
  selected,
}: {
  reportId: string;
  selected: string[];
}) {
  const { t } = useTranslator();
  const errorText = useActionErrorText();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<ActionError | null>(null);
  const [result, setResult] = useState<string | null>(null);

  const accept = (pledgeIds: string[] | null) =>
    startTransition(async () => {
      const res = await acceptSuggestionsAction({ reportId, pledgeIds });
      if (res.ok) {
        setError(null);
        setResult(
          t("bulk.acceptResult", { accepted: res.data.accepted, skipped: res.data.skipped.length }),
        );
        router.refresh();
      } else {
        setResult(null);
        setError(res);
      }
    });

  return (
    <div
      className="flex flex-wrap items-center gap-1.5 border-b border-sky-200 bg-sky-50 px-3 py-1.5 text-xs"
      data-testid="accept-suggestions"
    >
      {selected.length ? (
        <button
          type="button"
          className="btn btn-sm"
          disabled={pending}
          onClick={() => accept(selected)}
          data-testid="accept-selected"
        >
          {t("bulk.acceptSuggestions")} ({selected.length})
        </button>
      ) : null}
      <button
        type="button"
        className="btn btn-sm"
        disabled={pending}
        onClick={() => accept(null)}
        data-testid="accept-numeric"
      >
        {t("bulk.acceptNumeric")}
      </button>
      {error ? (
        <p role="alert" className="w-full text-red-700">
          {errorText(error)}
        </p>
      ) : null}
      {result ? (
        <p role="status" className="w-full text-sky-900" data-testid="accept-result">
          {result}
        </p>
      ) : null}
    </div>
  );
}
