import Link from "next/link";
import { createTranslator, type Locale } from "@/lib/i18n/messages";
import { PrintButton } from "./print-button";

/**
 * The switch between all and approved-only verdicts (?approved=1), the CSV and JSON exports of
 * what is shown, and printing. Not printed itself.
 */
export function AuditToolbar({ locale, basePath, exportPath, approvedOnly }: { locale: Locale; basePath: string; exportPath: string; approvedOnly: boolean }) {
  const t = createTranslator(locale);
  const q = approvedOnly ? "&approved=1" : "";
  return (
    <div className="no-print flex flex-wrap items-center gap-2" data-testid="audit-toolbar">
      <div role="group" aria-label={t("auditReport.show")} className="inline-flex overflow-hidden rounded-md border border-stone-300 text-xs">
        <Link href={basePath} aria-current={!approvedOnly ? "true" : undefined} className={`px-2 py-1 ${!approvedOnly ? "bg-stone-800 text-white" : "bg-white text-stone-700 hover:bg-stone-100"}`} data-testid="audit-show-all">
          {t("auditReport.showAll")}
        </Link>
        <Link href={`${basePath}?approved=1`} aria-current={approvedOnly ? "true" : undefined} className={`px-2 py-1 ${approvedOnly ? "bg-stone-800 text-white" : "bg-white text-stone-700 hover:bg-stone-100"}`} data-testid="audit-show-approved">
          {t("auditReport.showApproved")}
        </Link>
      </div>
      <a className="btn btn-sm" href={`${exportPath}?format=csv${q}`} download data-testid="audit-export-csv">CSV</a>
      <a className="btn btn-sm" href={`${exportPath}?format=json${q}`} download data-testid="audit-export-json">JSON</a>
      <PrintButton />
    </div>
  );
}
