"use client";
import { useState, useTransition } from "react";
import { createPledgeAction, previewPledgeAction } from "@/lib/pledges/actions";
import type { NewPledgePreview } from "@/lib/pledges/schema";
import { formatTarget } from "@/lib/pledges/target";
import { kindLabel } from "@/lib/i18n/vocabulary";
import { useTranslator } from "@/lib/i18n/client";
import type { ActionError } from "@/lib/app-error";
import { tierLabel } from "@/app/_components/tier-label";
import { usePledgeErrorText } from "./pledge-error-text";
import type { PledgeDto } from "@/lib/pledges/schema";

type Selection = { start: number; end: number; text: string };

/**
 * Adding a pledge from a selection of the source, in two steps: "add as pledge…" shows what would
 * be saved — the text as it will be stored (trimmed), the kind, target and tier the parser reads in
 * it — and only "add it" saves. Errors (an overlap, an empty or too long span) come at the first step.
 */
export function AddPledgeBar({
  reportId,
  selection,
  pledges,
  onCreated,
}: {
  reportId: string;
  selection: Selection | null;
  pledges: PledgeDto[];
  /** After saving: the new pledge's id (the workspace selects it and clears the source selection). */
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslator();
  const errorText = usePledgeErrorText(pledges);
  const [preview, setPreview] = useState<(NewPledgePreview & { for: Selection }) | null>(null);
  const [error, setError] = useState<ActionError | null>(null);
  const [created, setCreated] = useState(false);
  const [pending, startTransition] = useTransition();
  // A preview belongs to the selection it was made for; another selection starts over.
  const shown =
    preview &&
    (!selection || (selection.start === preview.for.start && selection.end === preview.for.end))
      ? preview
      : null;

  if (!selection && !shown && !error && !created) return null;

  function askPreview(s: Selection) {
    startTransition(async () => {
      const res = await previewPledgeAction({ reportId, start: s.start, end: s.end });
      setCreated(false);
      if (res.ok) {
        setError(null);
        setPreview({ ...res.data, for: s });
      } else {
        setPreview(null);
        setError(res);
      }
    });
  }

  function confirm(p: NewPledgePreview) {
    startTransition(async () => {
      const res = await createPledgeAction({ reportId, start: p.start, end: p.end });
      setPreview(null);
      if (res.ok) {
        setError(null);
        setCreated(true);
        onCreated(res.data.id);
      } else {
        setCreated(false);
        setError(res);
      }
    });
  }

  // Buttons keep the source selection: a mousedown on them would otherwise collapse it.
  const keepSelection = (e: React.MouseEvent) => e.preventDefault();
  return (
    <div
      className="mt-2 flex flex-wrap items-center gap-2 rounded-md bg-stone-100 px-2 py-1.5 text-xs"
      data-testid="add-pledge-bar"
    >
      {shown ? (
        <div className="w-full space-y-1.5" data-testid="add-pledge-preview">
          <p className="font-medium text-stone-700">{t("report.add.previewTitle")}</p>
          <blockquote
            className="border-l-2 border-brand-600 bg-white px-2 py-1 text-sm text-stone-900"
            data-testid="add-pledge-preview-text"
          >
            {shown.text}
          </blockquote>
          <p className="text-stone-600" data-testid="add-pledge-preview-meta">
            {kindLabel(t, shown.kind)} · {tierLabel(shown, t)}
            {shown.target
              ? ` · ${t("report.add.previewTarget")} ${formatTarget(shown.target, t("target.growthSuffix"))}`
              : ""}
          </p>
          <div className="flex gap-2">
            <button
              type="button"
              className="btn btn-primary btn-sm"
              disabled={pending}
              onMouseDown={keepSelection}
              onClick={() => confirm(shown)}
              data-testid="add-pledge-confirm"
            >
              {t("report.add.confirm")}
            </button>
            <button
              type="button"
              className="btn btn-sm"
              disabled={pending}
              onMouseDown={keepSelection}
              onClick={() => setPreview(null)}
              data-testid="add-pledge-cancel"
            >
              {t("report.add.cancel")}
            </button>
          </div>
        </div>
      ) : selection ? (
        <>
          <span className="text-stone-700">
            {t("report.add.selection", { length: selection.end - selection.start })}
          </span>
          <span className="max-w-64 truncate text-stone-500">
            「{selection.text.slice(0, 60)}」
          </span>
          <button
            type="button"
            className="btn btn-primary btn-sm ml-auto"
            disabled={pending}
            onMouseDown={keepSelection}
            onClick={() => askPreview(selection)}
            data-testid="add-pledge-button"
          >
            {t("report.add.button")}
          </button>
        </>
      ) : null}
      {error ? (
        <p role="alert" className="w-full text-red-700">
          {errorText(error)}
        </p>
      ) : null}
      {created && !error && !shown ? (
        <p role="status" className="w-full text-green-800">
          {t("report.add.created")}
        </p>
      ) : null}
    </div>
  );
}
