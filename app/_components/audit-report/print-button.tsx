"use client";
import { useTranslator } from "@/lib/i18n/client";

/** Opens the browser's print dialog (the print stylesheet turns the report into a clean PDF). */
export function PrintButton() {
  const { t } = useTranslator();
  return (
    <button type="button" className="btn btn-sm" onClick={() => window.print()} data-testid="audit-print">
      {t("auditReport.print")}
    </button>
  );
}
