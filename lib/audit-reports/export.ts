/**
 * PURE builders of the audit report exports: CSV (Excel-friendly: BOM, CRLF, RFC 4180) and JSON
 * (structured, versioned), and the Content-Disposition header that names the file.
 */
import type { MessageKey, Translate } from "@/lib/i18n/messages";
import { writeCsv, type CsvValue } from "./csv";
import { formatTarget } from "@/lib/pledges/target";
import type { AuditReport } from "./schema";

/** Bumped when the JSON export's shape changes incompatibly. */
export const AUDIT_JSON_SCHEMA_VERSION = 1;

export const EXPORT_FORMATS = ["csv", "json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * The app's public address for links in exports: the configured NEXTAUTH_URL (what people open;
 * behind a proxy the request's own URL names the internal host), else the request's origin.
 */
export function publicOrigin(
  requestUrl: string,
  configured: string | undefined = process.env.NEXTAUTH_URL,
): string {
  try {
    if (configured) return new URL(configured).origin;
  } catch {
    // a malformed setting: fall back to the request
  }
  return new URL(requestUrl).origin;
}

/** Where a pledge's page is: `origin` (the app's address, e.g. https://duixian.example.org) + its path; the path alone without one. */
export function pledgeUrl(origin: string | undefined, reportId: string, pledgeId: string): string {
  return `${origin ?? ""}/reports/${reportId}/pledges/${pledgeId}`;
}

/**
 * One row per counted pledge: its plan's region and year, the pledge's id and the address of its
 * page (under `options.origin`), plan, section, number, text, title, tier and its reason, kind,
 * target, reported value, status, review state, evidence quotes, and — when the report shows
 * notes — rationale, reviewer, approved at.
 */
export function buildAuditCsv(
  report: AuditReport,
  t: Translate,
  options: { origin?: string } = {},
): string {
  const notes = report.options.showNotes;
  const header = [
    t("regions.csv.region"),
    t("regions.csv.year"),
    t("regions.csv.pledgeId"),
    t("regions.csv.pledgeUrl"),
    t("auditReport.csv.plan"),
    t("auditReport.csv.section"),
    t("auditReport.csv.number"),
    t("auditReport.csv.pledge"),
    t("auditReport.csv.title"),
    t("auditReport.csv.tier"),
    t("auditReport.csv.tierReason"),
    t("auditReport.csv.kind"),
    t("auditReport.csv.target"),
    t("auditReport.csv.reportedValue"),
    t("auditReport.csv.status"),
    t("auditReport.csv.reviewState"),
    t("auditReport.csv.evidence"),
    ...(notes ? [t("auditReport.csv.rationale"), t("auditReport.csv.reviewer")] : []),
    t("auditReport.csv.approvedAt"),
  ];
  const plans = new Map(report.plans.map((p) => [p.id, p]));
  const rows: CsvValue[][] = [header];
  for (const group of report.groups) {
    for (const p of group.pledges) {
      const plan = plans.get(p.reportId);
      rows.push([
        plan?.region.name ?? "",
        plan?.year ?? "",
        p.id,
        pledgeUrl(options.origin, p.reportId, p.id),
        plan?.title ?? "",
        p.section ?? "",
        p.number,
        p.text,
        p.title ?? "",
        t(`tiers.tier.${p.tier}`),
        p.tierReason ? t(`tiers.reason.${p.tierReason}` as MessageKey) : "",
        t(`report.kind.${p.kind}`),
        p.target ? formatTarget(p.target, t("target.growthSuffix")) : "",
        p.reportedValue ?? "",
        t(`status.${p.countedStatus}`),
        t(`reviewState.${p.reviewState}`),
        p.evidence.map((e) => e.quote + (e.url ? ` (${e.url})` : "")).join("\n"),
        ...(notes ? [p.rationale ?? "", p.reviewer ?? ""] : []),
        p.approvedAt ?? "",
      ]);
    }
  }
  return writeCsv(rows);
}

/** The same content, structured: totals, groups, kinds, targets and every pledge, with schemaVersion. */
export function buildAuditJson(report: AuditReport): string {
  const { aggregate } = report;
  const tally = (x: AuditReport["aggregate"]["total"]) => ({
    pledges: x.pledges,
    assessed: x.assessed,
    approved: x.approved,
    provisional: x.provisional,
    counts: x.counts,
    fulfilmentRate: x.fulfilmentRate,
  });
  const doc = {
    schemaVersion: AUDIT_JSON_SCHEMA_VERSION,
    scope: report.scope,
    subject: report.subject,
    heading: report.heading,
    asOf: report.asOf,
    lastChangeAt: report.lastChangeAt,
    approvedOnly: report.options.approvedOnly,
    showNotes: report.options.showNotes,
    // "trackable": only trackable pledges are listed and counted; "all": direction items too.
    tiers: report.options.tiers,
    tierCounts: report.tierCounts,
    fulfilmentRateFormula: "(fulfilled + 0.5 * partial) / (assessed - not_verifiable)",
    plans: report.plans,
    totals: tally(aggregate.total),
    byGroup: aggregate.byGroup.map((g) => ({ label: g.label, ...tally(g) })),
    byKind: aggregate.byKind.map((k) => ({ kind: k.kind, ...tally(k) })),
    trend: report.trend,
    pledges: report.groups.flatMap((g) =>
      g.pledges.map((p) => ({
        id: p.id,
        reportId: p.reportId,
        number: p.number,
        section: p.section,
        text: p.text,
        title: p.title,
        tier: p.tier,
        tierReason: p.tierReason,
        kind: p.kind,
        target: p.target,
        reportedValue: p.reportedValue,
        status: p.status,
        countedStatus: p.countedStatus,
        reviewState: p.reviewState,
        provisional: p.provisional,
        evidence: p.evidence,
        rationale: p.rationale,
        reviewer: p.reviewer,
        approvedAt: p.approvedAt,
      })),
    ),
  };
  return JSON.stringify(doc, null, 2);
}

/**
 * `attachment` with an ASCII fallback name and the real (possibly Chinese) name as RFC 5987
 * `filename*`, so every browser saves a sensible file name.
 */
export function contentDisposition(fileName: string, asciiFallback: string): string {
  const safe = asciiFallback.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${safe}"; filename*=UTF-8''${encoded}`;
}

/**
 * The export as an HTTP response: body, content type, file name (兑现审计-2018年海拉尔区.csv, with
 * an ASCII fallback), no caching, not indexed. `origin` is the app's address for the CSV's pledge links.
 */
export function exportResponse(
  report: AuditReport,
  format: ExportFormat,
  t: Translate,
  origin?: string,
): Response {
  const base = `${t("auditReport.fileName")}-${report.fileStem}`.replace(/[\\/:*?"<>|\s]+/g, "_");
  const ascii = `duixian-audit-${report.scope}-${report.subjectId}`;
  const body = format === "csv" ? buildAuditCsv(report, t, { origin }) : buildAuditJson(report);
  return new Response(body, {
    headers: {
      "Content-Type":
        format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "Content-Disposition": contentDisposition(`${base}.${format}`, `${ascii}.${format}`),
      "Cache-Control": "private, no-store",
      "X-Robots-Tag": "noindex, nofollow",
    },
  });
}
