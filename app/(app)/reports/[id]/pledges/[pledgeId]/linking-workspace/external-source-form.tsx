"use client";
import { useRef, useState, useTransition } from "react";
import { linkExternalEvidenceAction } from "@/lib/evidence-links/actions";
import type { ActionError } from "@/lib/app-error";
import { useTranslator } from "@/lib/i18n/client";
import { useActionErrorText } from "@/app/_components/action-error-text";

/** Links a source outside next year's report (a bulletin, a news item): URL, quote, date, note; field errors beside their fields. */
export function ExternalSourceForm({
  pledgeId,
  onDone,
}: {
  pledgeId: string;
  onDone: (reopened: boolean) => void;
}) {
  const { t } = useTranslator();
  const errorText = useActionErrorText();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<ActionError | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const fieldError = (name: string) => {
    const code = error?.fieldErrors?.[name]?.[0];
    return code ? (
      <p className="mt-0.5 text-xs text-red-700" role="alert">
        {errorText({ ok: false, code: "INVALID_INPUT", message: code })}
      </p>
    ) : null;
  };
  return (
    <details className="card p-4" data-testid="ws-external" id="ws-external">
      <summary className="cursor-pointer font-semibold">{t("ws.external")}</summary>
      <p className="mt-1 text-xs text-stone-500">{t("ws.externalHint")}</p>
      <form
        ref={formRef}
        className="mt-3 space-y-2"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          const input = {
            pledgeId,
            url: f.get("url"),
            quote: f.get("quote"),
            sourceDate: f.get("sourceDate"),
            note: f.get("note"),
          };
          startTransition(async () => {
            const res = await linkExternalEvidenceAction(input);
            if (res.ok) {
              setError(null);
              formRef.current?.reset();
              onDone(res.data.reopened);
            } else setError(res);
          });
        }}
      >
        <div>
          <label className="label" htmlFor="ext-url">
            {t("ws.url")}
          </label>
          <input id="ext-url" name="url" className="input" placeholder="https://" />
          {fieldError("url")}
        </div>
        <div>
          <label className="label" htmlFor="ext-quote">
            {t("ws.quote")}
          </label>
          <textarea id="ext-quote" name="quote" className="input h-20" />
          {fieldError("quote")}
        </div>
        <div className="grid grid-cols-2 gap-2">
          <div>
            <label className="label" htmlFor="ext-date">
              {t("ws.sourceDate")}
            </label>
            <input id="ext-date" name="sourceDate" className="input" placeholder="YYYY-MM-DD" />
            {fieldError("sourceDate")}
          </div>
          <div>
            <label className="label" htmlFor="ext-note">
              {t("ws.note")}
            </label>
            <input id="ext-note" name="note" className="input" />
          </div>
        </div>
        {error && !error.fieldErrors ? (
          <p role="alert" className="text-sm text-red-700">
            {errorText(error)}
          </p>
        ) : null}
        <button className="btn btn-primary" disabled={pending}>
          {t("ws.addExternal")}
        </button>
      </form>
    </details>
  );
}
