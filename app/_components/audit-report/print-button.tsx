"use client";
import { useEffect, useState } from "react";
import { useTranslator } from "@/lib/i18n/client";

/** The attribute on <html> that the print stylesheet reads (app/globals.css): unassessed rows are not printed. */
const ASSESSED_ONLY = "data-print-assessed-only";

/**
 * Opens the browser's print dialog (the print stylesheet turns the report into a clean PDF), with
 * the option to leave the unassessed rows out of the print: a report of 500 pledges of which 40
 * are assessed prints 40 rows and a line saying how many were left out. The option also holds for
 * the browser's own Print command while the page is open.
 */
export function PrintButton() {
  const { t } = useTranslator();
  const [assessedOnly, setAssessedOnly] = useState(false);
  useEffect(() => {
    const root = document.documentElement;
    if (assessedOnly) root.setAttribute(ASSESSED_ONLY, "");
    else root.removeAttribute(ASSESSED_ONLY);
    return () => root.removeAttribute(ASSESSED_ONLY);
  }, [assessedOnly]);
  return (
    <span className="inline-flex items-center gap-2">
      <label className="inline-flex items-center gap-1 text-xs text-stone-700">
        <input
          type="checkbox"
          checked={assessedOnly}
          onChange={(e) => setAssessedOnly(e.target.checked)}
          data-testid="audit-print-assessed-only"
        />
        {t("auditReport.printAssessedOnly")}
      </label>
      <button
        type="button"
        className="btn btn-sm"
        onClick={() => window.print()}
        data-testid="audit-print"
      >
        {t("auditReport.print")}
      </button>
    </span>
  );
}
