import type { AuditReport } from "@/lib/audit-reports/schema";
import type { Translate } from "@/lib/i18n/messages";

/**
 * The heading (and page title) of an audit report, naming region and years: 审计报告：海拉尔区 2014 →
 * 2015 · 2014年海拉尔区政府工作报告; 审计报告：呼伦贝尔市海拉尔区（历年）; 审计报告：2014 年（各地区）. The
 * workspace and the public share page use the same.
 */
export function auditTitle(
  report: Pick<AuditReport, "scope" | "subject" | "heading">,
  t: Translate,
): string {
  if (report.scope === "pair")
    return t("auditReport.title.pair", {
      title:
        report.heading === report.subject
          ? report.subject
          : `${report.heading} · ${report.subject}`,
    });
  if (report.scope === "region") return t("auditReport.title.region", { region: report.heading });
  return t("auditReport.title.year", { year: report.heading });
}
