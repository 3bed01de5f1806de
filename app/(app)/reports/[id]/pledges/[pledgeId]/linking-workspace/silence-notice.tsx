"use client";
import { useRef, useState } from "react";
import { useTranslator } from "@/lib/i18n/client";

/**
 * What the page says when the review appears silent on the pledge: that, a finder that selects a
 * word in next year's report (then L links it), and the way to an external source.
 */
export function SilenceNotice({
  reviewText,
  onFind,
  canLink,
}: {
  reviewText: string;
  onFind: (start: number, end: number) => void;
  canLink: boolean;
}) {
  const { t } = useTranslator();
  const [term, setTerm] = useState("");
  const [result, setResult] = useState<string | null>(null);
  const from = useRef(0);
  return (
    <div
      className="mb-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950"
      role="note"
      data-testid="ws-silent"
    >
      <p>{t("ws.silent")}</p>
      <form
        className="mt-2 flex flex-wrap items-center gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          const q = term.trim();
          if (!q) return;
          // the next occurrence after the last one found, wrapping around
          let at = reviewText.indexOf(q, from.current);
          if (at < 0) at = reviewText.indexOf(q);
          if (at < 0) {
            setResult(t("ws.silentNotFound", { term: q }));
            return;
          }
          from.current = at + q.length;
          onFind(at, at + q.length);
          setResult(canLink ? t("ws.silentFound", { term: q }) : null);
        }}
      >
        <label className="sr-only" htmlFor="ws-silent-find">
          {t("ws.silentSearch")}
        </label>
        <input
          id="ws-silent-find"
          className="input w-48 py-1"
          placeholder={t("ws.silentSearch")}
          value={term}
          onChange={(e) => {
            setTerm(e.target.value);
            from.current = 0;
          }}
        />
        <button className="btn btn-sm">{t("ws.silentSearchGo")}</button>
        <a
          className="text-xs text-brand-700 hover:underline"
          href="#ws-external"
          onClick={() => {
            const d = document.getElementById("ws-external") as HTMLDetailsElement | null;
            if (d) d.open = true;
          }}
        >
          {t("ws.external")}
        </a>
      </form>
      {result ? (
        <p className="mt-1 text-xs" role="status">
          {result}
        </p>
      ) : null}
    </div>
  );
}
