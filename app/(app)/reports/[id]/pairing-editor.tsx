"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { setPairingAction } from "@/lib/pairing/actions";
import type { PairingCandidateGroup } from "@/lib/pairing/rule";
import { useTranslator } from "@/lib/i18n/client";
import { useActionErrorText } from "@/app/_components/action-error-text";
import type { ActionError } from "@/lib/app-error";

type Candidate = {
  id: string;
  title: string;
  regionName: string;
  year: number | null;
  group: PairingCandidateGroup;
};

const AUTOMATIC = "__automatic__";
const GROUPS: PairingCandidateGroup[] = ["next-year", "same-region", "other-region"];

/**
 * Reviewer control: choose by hand which report reviews this one, clear the pairing, or hand it
 * back to the automatic rule. The region's report of the next year is offered first, then the
 * region's other years, then other regions; the select fits the card it sits in.
 */
export function PairingEditor({
  reportId,
  current,
  manual,
  candidates,
}: {
  reportId: string;
  current: string | null;
  manual: boolean;
  candidates: Candidate[];
}) {
  const { t } = useTranslator();
  const errorText = useActionErrorText();
  const router = useRouter();
  const [value, setValue] = useState(manual ? (current ?? "") : AUTOMATIC);
  const [error, setError] = useState<ActionError | null>(null);
  const [pending, startTransition] = useTransition();
  const label = (c: Candidate) =>
    `${c.year ?? "?"} · ${c.group === "other-region" ? `${c.regionName} · ` : ""}${c.title}`;
  return (
    <details className="mt-1 min-w-0 text-xs" data-testid="pairing-editor">
      <summary className="cursor-pointer text-stone-500 hover:text-stone-800">
        {t("pairing.change")}
      </summary>
      <div className="mt-1 flex min-w-0 flex-col gap-1.5">
        <select
          className="input w-full max-w-full min-w-0 truncate py-1 text-xs"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-label={t("pairing.change")}
        >
          <option value={AUTOMATIC}>{t("regions.pairing.automaticOption")}</option>
          <option value="">{t("pairing.none")}</option>
          {GROUPS.map((g) => {
            const items = candidates.filter((c) => c.group === g);
            return items.length ? (
              <optgroup key={g} label={t(`regions.pairing.group.${g}`)}>
                {items.map((c) => (
                  <option key={c.id} value={c.id}>
                    {label(c)}
                  </option>
                ))}
              </optgroup>
            ) : null;
          })}
        </select>
        <button
          type="button"
          className="btn btn-sm self-start"
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              const res = await setPairingAction(
                value === AUTOMATIC
                  ? { reportId, reviewId: null, automatic: true }
                  : { reportId, reviewId: value || null },
              );
              setError(res.ok ? null : res);
              if (res.ok) router.refresh();
            })
          }
        >
          {t("pairing.save")}
        </button>
      </div>
      {error ? (
        <p role="alert" className="mt-1 text-red-700">
          {errorText(error)}
        </p>
      ) : null}
    </details>
  );
}
