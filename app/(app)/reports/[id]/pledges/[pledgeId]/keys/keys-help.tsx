"use client";
import { useTranslator } from "@/lib/i18n/client";
import type { KeyRow } from "./key-table";

/** The keyboard reference, opened with ? and closed with ? or Esc: the rows of the key table this user can use. */
export function KeysHelp({ rows, onClose }: { rows: KeyRow[]; onClose: () => void }) {
  const { t } = useTranslator();
  return (
    <div
      role="dialog"
      aria-modal="true"
      aria-labelledby="keys-title"
      className="fixed inset-0 z-50 flex items-center justify-center bg-black/30 p-4"
      onClick={onClose}
      data-testid="keys-help"
    >
      <div className="card w-full max-w-md p-5" onClick={(e) => e.stopPropagation()}>
        <h2 id="keys-title" className="mb-3 font-semibold">
          {t("keys.title")}
        </h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
          {rows.map((row) => (
            <div key={row.command} className="contents">
              <dt>
                <kbd className="rounded border border-stone-300 bg-stone-100 px-1.5 text-xs font-semibold">
                  {row.display}
                </kbd>
              </dt>
              <dd className="text-stone-700">{t(row.label)}</dd>
            </div>
          ))}
        </dl>
        <button type="button" className="btn btn-sm mt-4" onClick={onClose} autoFocus>
          {t("keys.close")}
        </button>
      </div>
    </div>
  );
}
