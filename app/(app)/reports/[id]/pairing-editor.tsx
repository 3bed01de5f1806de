"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { setPairingAction } from "@/lib/reports/actions";
import { useTranslator } from "@/lib/i18n/client";
import { useActionErrorText } from "@/app/_components/action-error-text";
import type { ActionError } from "@/lib/app-error";

type Candidate = { id: string; title: string; region: string; year: number | null; sameRegion: boolean };

/** Reviewer control: choose by hand which report reviews this one (e.g. when the year is unknown). */
export function PairingEditor({ reportId, current, candidates }: { reportId: string; current: string | null; candidates: Candidate[] }) {
  const { t } = useTranslator();
  const errorText = useActionErrorText();
  const router = useRouter();
  const [value, setValue] = useState(current ?? "");
  const [error, setError] = useState<ActionError | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <details className="mt-1 text-xs" data-testid="pairing-editor">
      <summary className="cursor-pointer text-stone-500 hover:text-stone-800">{t("pairing.change")}</summary>
      <div className="mt-1 flex flex-wrap items-center gap-1.5">
        <select className="input w-64 py-1 text-xs" value={value} onChange={(e) => setValue(e.target.value)} aria-label={t("pairing.change")}>
          <option value="">{t("pairing.none")}</option>
          {candidates.map((c) => (
            <option key={c.id} value={c.id}>{`${c.sameRegion ? "★ " : ""}${c.region} · ${c.year ?? "?"} · ${c.title}`}</option>
          ))}
        </select>
        <button
          type="button"
          className="btn btn-sm"
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              const res = await setPairingAction({ reportId, reviewReportId: value || null });
              setError(res.ok ? null : res);
              if (res.ok) router.refresh();
            })
          }
        >
          {t("pairing.save")}
        </button>
      </div>
      {error ? <p role="alert" className="mt-1 text-red-700">{errorText(error)}</p> : null}
    </details>
  );
}
