/**
 * PURE shapes of the whole-corpus export (issue 19): one row per pledge, the same fields in CSV
 * (flat, snake_case headers, for R, pandas and Excel) and in JSON Lines (one object per line,
 * nested target and evidence). Ids are the database's stable ids; URLs open the pledge in the app.
 */
import type { CsvValue } from "@/lib/audit-reports/csv";

/** Bumped when a column or field changes meaning or is removed (added ones do not bump it). */
export const CORPUS_EXPORT_SCHEMA_VERSION = 1;

export type ExportPledge = {
  id: string;
  url: string;
  report: { id: string; title: string; year: number | null; region: { id: string; name: string } };
  position: number;
  section: string | null;
  topic: string | null;
  text: string;
  title: string | null;
  kind: string;
  tier: string;
  tierReason: string | null;
  target: {
    value: number;
    valueMax: number | null;
    unit: string | null;
    comparator: string;
    growth: boolean;
  } | null;
  status: string;
  reviewState: string;
  reportedValue: string | null;
  rationale: string | null;
  suggestedStatus: string | null;
  evidence: {
    kind: string;
    quote: string;
    url: string | null;
    sourceReportId: string | null;
    start: number | null;
    end: number | null;
  }[];
  submittedAt: string | null;
  approvedAt: string | null;
  updatedAt: string;
};

export const CORPUS_CSV_HEADER = [
  "pledge_id",
  "pledge_url",
  "report_id",
  "report_title",
  "region_id",
  "region",
  "year",
  "position",
  "section",
  "topic",
  "text",
  "title",
  "kind",
  "tier",
  "tier_reason",
  "target_comparator",
  "target_value",
  "target_value_max",
  "target_unit",
  "target_growth",
  "status",
  "review_state",
  "reported_value",
  "rationale",
  "suggested_status",
  "evidence_count",
  "evidence",
  "submitted_at",
  "approved_at",
  "updated_at",
] as const;

/** One CSV record, in CORPUS_CSV_HEADER's order; evidence quotes one per line, each with its URL. */
export function corpusCsvRecord(p: ExportPledge): CsvValue[] {
  return [
    p.id,
    p.url,
    p.report.id,
    p.report.title,
    p.report.region.id,
    p.report.region.name,
    p.report.year,
    p.position,
    p.section,
    p.topic,
    p.text,
    p.title,
    p.kind,
    p.tier,
    p.tierReason,
    p.target?.comparator,
    p.target?.value,
    p.target?.valueMax,
    p.target?.unit,
    p.target ? p.target.growth : null,
    p.status,
    p.reviewState,
    p.reportedValue,
    p.rationale,
    p.suggestedStatus,
    p.evidence.length,
    p.evidence.map((e) => e.quote + (e.url ? ` (${e.url})` : "")).join("\n"),
    p.submittedAt,
    p.approvedAt,
    p.updatedAt,
  ];
}

/** One JSON Lines line (with its newline): the pledge as an object, with the schema version. */
export function corpusJsonLine(p: ExportPledge): string {
  return JSON.stringify({ schemaVersion: CORPUS_EXPORT_SCHEMA_VERSION, ...p }) + "\n";
}

/** The file name of an export: duixian-pledges-YYYY-MM-DD.csv / .jsonl. */
export function corpusExportFileName(format: "csv" | "jsonl", now: Date = new Date()): string {
  return `duixian-pledges-${now.toISOString().slice(0, 10)}.${format}`;
}
