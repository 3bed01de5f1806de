import { z } from "zod";
import type { LineageSummary } from "@/lib/lineage/schema";
import { AppError } from "@/lib/app-error";
import { ASSESSMENT_STATUSES, REVIEW_STATES } from "@/lib/assessments/schema";
import { PLEDGE_TIERS } from "@/lib/vocabulary";

/**
 * The data API's version: the `v1` of its paths and the `X-Api-Version` header. Fields may be
 * added within a version; a field is never removed or changes meaning without a new version.
 * The contract is docs/openapi.json (checked against the running app by e2e/api.spec.ts).
 */
export const API_VERSION = 1;

export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 200;

/** An opaque cursor: the sort key of the last item of a page, base64url JSON. */
export function encodeCursor(key: (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

/** The sort key a cursor holds; INVALID_INPUT for anything that is not one of ours. */
export function decodeCursor(
  cursor: string | null,
  shape: ("string" | "number")[],
): (string | number)[] | null {
  if (cursor === null) return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (
      Array.isArray(key) &&
      key.length === shape.length &&
      key.every((k, i) => typeof k === shape[i] && (typeof k !== "string" || k.length <= 64))
    )
      return key as (string | number)[];
  } catch {
    // falls through
  }
  throw new AppError("INVALID_INPUT", "cursor is not valid (pass nextCursor back unchanged)");
}

const year = z.coerce.number().int().min(1949).max(2100);
const limit = z.coerce.number().int().min(1).max(MAX_PAGE).default(DEFAULT_PAGE);
const id = z.string().min(1).max(64);

/** Parses a query string with `schema`; repeated parameters (region=a&region=b) become arrays. */
export function parseQuery<S extends z.ZodType>(
  url: URL,
  schema: S,
  repeated: string[] = [],
): z.infer<S> {
  const raw: Record<string, unknown> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams
      .getAll(key)
      .flatMap((v) => (repeated.includes(key) ? v.split(",") : [v]))
      .filter((v) => v !== "");
    raw[key] = repeated.includes(key) ? all : all[0];
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("INVALID_INPUT", `${issue.path.join(".") || "query"}: ${issue.message}`);
  }
  return parsed.data;
}

export const regionsQuery = z.strictObject({ limit, cursor: z.string().max(200).optional() });

export const reportsQuery = z.strictObject({
  region: z.array(id).max(100).optional(),
  year: z.array(year).max(100).optional(),
  from: year.optional(),
  to: year.optional(),
  limit,
  cursor: z.string().max(200).optional(),
});

export const pledgesQuery = z.strictObject({
  tier: z.array(z.enum(PLEDGE_TIERS)).optional(),
  status: z.array(z.enum(ASSESSMENT_STATUSES)).optional(),
  reviewState: z.array(z.enum(REVIEW_STATES)).optional(),
  limit,
  cursor: z.string().max(200).optional(),
});

/** The selection of a whole-corpus export: regions, years, tiers, statuses (all when absent). */
export const exportQuery = z.strictObject({
  format: z.enum(["csv", "jsonl"]).default("csv"),
  region: z.array(id).max(500).optional(),
  year: z.array(year).max(200).optional(),
  from: year.optional(),
  to: year.optional(),
  tier: z.array(z.enum(PLEDGE_TIERS)).optional(),
  status: z.array(z.enum(ASSESSMENT_STATUSES)).optional(),
});
export type ExportSelection = z.infer<typeof exportQuery>;

/** Parameters that take several values (repeated, or comma-separated). */
export const REPEATED = ["region", "year", "tier", "status", "reviewState"];

export type Page<T> = { data: T[]; nextCursor: string | null };

export type RegionDto = {
  id: string;
  name: string;
  level: string;
  reportCount: number;
  years: number[];
};

export type ReportDto = {
  id: string;
  url: string;
  title: string;
  region: { id: string; name: string };
  year: number | null;
  deliveredOn: string | null;
  speaker: string | null;
  meeting: string | null;
  script: string;
  /** The next year's report that reviews this report's plan (stored pairing), or null. */
  reviewedById: string | null;
  pledgeCount: number;
  trackableCount: number;
  importedAt: string;
};

export type TargetJson = {
  value: number;
  valueMax: number | null;
  unit: string | null;
  comparator: string;
  growth: boolean;
};

export type PledgeSummaryDto = {
  id: string;
  url: string;
  reportId: string;
  /** Order among the report's pledges (by place in the text). */
  position: number;
  text: string;
  title: string | null;
  section: string | null;
  topic: string | null;
  kind: string;
  tier: string;
  tierReason: string | null;
  target: TargetJson | null;
  status: string;
  reviewState: string;
  evidenceCount: number;
};

export type EvidenceJson = {
  id: string;
  kind: string;
  quote: string;
  url: string | null;
  sourceReportId: string | null;
  start: number | null;
  end: number | null;
  sourceDate: string | null;
  note: string | null;
};

export type PledgeDto = Omit<PledgeSummaryDto, "evidenceCount"> & {
  start: number;
  end: number;
  report: { id: string; title: string; year: number | null; region: { id: string; name: string } };
  verdict: {
    status: string;
    rationale: string | null;
    reportedValue: string | null;
    suggestedStatus: string | null;
    assessedAt: string | null;
  };
  review: { state: string; submittedAt: string | null; approvedAt: string | null };
  evidence: EvidenceJson[];
  /**
   * Where this pledge came from and went in other years' reports (issue 18): the earlier pledge
   * it repeats, the later pledges that repeat it, its whole line, and whether the report's lineage
   * is computed (false for a moment after a report of the region arrives or changes).
   */
  lineage: LineageSummary;
  updatedAt: string;
};
