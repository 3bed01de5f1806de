import Link from "next/link";
import { createTranslator, type Locale } from "@/lib/i18n/messages";
import { auditViewQuery, type AuditView } from "@/lib/audit-reports/schema";
import { PrintButton } from "./print-button";

const segment = (on: boolean) =>
  `px-2 py-1 ${on ? "bg-stone-800 text-white" : "bg-white text-stone-700 hover:bg-stone-100"}`;

/**
 * The switches between all and approved-only verdicts (?approved=1) and between trackable
 * commitments only and all pledges (?tier=all), each keeping the other; the CSV and JSON exports
 * of what is shown, and printing. Not printed itself.
 */
export function AuditToolbar({
  locale,
  basePath,
  exportPath,
  view,
}: {
  locale: Locale;
  basePath: string;
  exportPath: string;
  view: AuditView;
}) {
  const t = createTranslator(locale);
  const href = (next: Partial<AuditView>) => `${basePath}${auditViewQuery({ ...view, ...next })}`;
  return (
    <div className="no-print flex flex-wrap items-center gap-2" data-testid="audit-toolbar">
      <div
        role="group"
        aria-label={t("tiers.audit.switch")}
        className="inline-flex overflow-hidden rounded-md border border-stone-300 text-xs"
      >
        <Link
          href={href({ tiers: "trackable" })}
          aria-current={view.tiers === "trackable" ? "true" : undefined}
          className={segment(view.tiers === "trackable")}
          data-testid="audit-tier-trackable"
        >
          {t("tiers.audit.trackable")}
        </Link>
        <Link
          href={href({ tiers: "all" })}
          aria-current={view.tiers === "all" ? "true" : undefined}
          className={segment(view.tiers === "all")}
          data-testid="audit-tier-all"
        >
          {t("tiers.audit.all")}
        </Link>
      </div>
      <div
        role="group"
        aria-label={t("auditReport.show")}
        className="inline-flex overflow-hidden rounded-md border border-stone-300 text-xs"
      >
        <Link
          href={href({ approvedOnly: false })}
          aria-current={!view.approvedOnly ? "true" : undefined}
          className={segment(!view.approvedOnly)}
          data-testid="audit-show-all"
        >
          {t("auditReport.showAll")}
        </Link>
        <Link
          href={href({ approvedOnly: true })}
          aria-current={view.approvedOnly ? "true" : undefined}
          className={segment(view.approvedOnly)}
          data-testid="audit-show-approved"
        >
          {t("auditReport.showApproved")}
        </Link>
      </div>
      <a
        className="btn btn-sm"
        href={`${exportPath}${auditViewQuery(view, { format: "csv" })}`}
        download
        data-testid="audit-export-csv"
      >
        CSV
      </a>
      <a
        className="btn btn-sm"
        href={`${exportPath}${auditViewQuery(view, { format: "json" })}`}
        download
        data-testid="audit-export-json"
      >
        JSON
      </a>
      <PrintButton />
    </div>
  );
}
