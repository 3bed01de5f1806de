import type { TargetDto } from "@/lib/pledges/target";
import { z } from "zod";
import type { AssessmentStatus, ReviewState } from "@/lib/assessments/schema";
import type { AuditAggregate } from "./aggregate";
import type { PledgeKind } from "@/lib/vocabulary";

/** What an audit report covers: one plan → review pair, a region across years, a year across regions. */
export const AUDIT_SCOPES = ["pair", "region", "year"] as const;
export type AuditScope = (typeof AUDIT_SCOPES)[number];

/** Route params: ids are cuid-like, years are plausible plan years. Garbage → 404. */
export const auditIdSchema = z.string().regex(/^[a-z0-9]{8,64}$/i);
export const auditYearSchema = z.coerce.number().int().min(1949).max(2100);

/**
 * Which pledges an audit report counts: trackable commitments only (the default: what next
 * year's review can confirm or refute), or all, direction items included. Pledges marked "not a
 * pledge" never count.
 */
export const AUDIT_TIERS = ["trackable", "all"] as const;
export type AuditTiers = (typeof AUDIT_TIERS)[number];

/** Options every audit report is loaded with. */
export type AuditReportOptions = {
  /** Only approved verdicts count (the rest count as not assessed). */
  approvedOnly: boolean;
  /** Include rationales and people (reviewer, assessor): false for share links without notes. */
  showNotes: boolean;
  /** Trackable pledges only (default) or all (direction items too). */
  tiers: AuditTiers;
};

/** What the URL of an audit page or export chooses: ?approved=1 and ?tier=all. */
export type AuditView = { approvedOnly: boolean; tiers: AuditTiers };

/**
 * The view an audit page, export or share link's URL asks for: approved verdicts only with
 * `approved=1`, direction items included with `tier=all`; anything else is the default (all
 * verdicts, trackable pledges). The one reader of these parameters.
 */
export function parseAuditView(
  params: URLSearchParams | Record<string, string | string[] | undefined>,
): AuditView {
  const get = (key: string) => {
    const v = params instanceof URLSearchParams ? params.get(key) : params[key];
    return Array.isArray(v) ? v[0] : v;
  };
  return {
    approvedOnly: get("approved") === "1",
    tiers: get("tier") === "all" ? "all" : "trackable",
  };
}

/** The query string ("" or "?…") of a view, with extra parameters first (e.g. format=csv). */
export function auditViewQuery(view: AuditView, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams(extra);
  if (view.approvedOnly) q.set("approved", "1");
  if (view.tiers === "all") q.set("tier", "all");
  const s = q.toString();
  return s ? `?${s}` : "";
}

export type AuditTarget = TargetDto;

/** One piece of evidence as the audit report shows it. */
export type AuditEvidence = {
  kind: "review" | "external";
  quote: string;
  /** The report the quote is from (review evidence) and where in its source text. */
  sourceReportId: string | null;
  start: number | null;
  end: number | null;
  url: string | null;
};

/** One pledge of an audit report. With showNotes false, rationale and people are null. */
export type AuditPledge = {
  id: string;
  reportId: string;
  /** 1-based number of the pledge in its report. */
  number: number;
  text: string;
  /** An analyst's short title, if any. */
  title: string | null;
  kind: PledgeKind;
  /** trackable | direction, and why it is trackable. */
  tier: "trackable" | "direction";
  tierReason: string | null;
  section: string | null;
  /** The heading of the group the pledge is listed under (section, or report in roll-ups). */
  group: string;
  target: AuditTarget | null;
  reportedValue: string | null;
  /** The stored verdict. */
  status: AssessmentStatus;
  /** The verdict as counted (not_assessed for unapproved verdicts in approved-only mode). */
  countedStatus: AssessmentStatus;
  reviewState: ReviewState;
  /** A verdict that is not approved yet. */
  provisional: boolean;
  evidence: AuditEvidence[];
  rationale: string | null;
  reviewer: string | null;
  approvedAt: string | null;
};

/** A plan report of the audit and the report that reviews it. */
export type AuditPlan = {
  id: string;
  title: string;
  year: number | null;
  region: { id: string; name: string };
  /** The report that reviews it (lib/pairing); `inferred`: paired automatically by region and year, not by a reviewer. */
  review: { id: string; title: string; year: number | null; inferred: boolean } | null;
};

/**
 * One point of a region's year-over-year trend: the plans of one year (one, or a province's cities
 * and counties in a roll-up), and whether enough are assessed for the rate to stand (rateIsHeadline).
 */
export type AuditTrendPoint = {
  year: number;
  reportId: string;
  reports: number;
  pledges: number;
  assessed: number;
  fulfilmentRate: number | null;
  rateShown: boolean;
};

/** Everything an audit report page, its exports and its share page show. */
export type AuditReport = {
  scope: AuditScope;
  /** What the report is about: the plan's title, the region's name, or the year. */
  subject: string;
  /**
   * How headings and page titles name it, with region and years: 海拉尔区 2014 → 2015 (a pair),
   * 呼伦贝尔市海拉尔区 (a region), 2014 (a year).
   */
  heading: string;
  /** The stem of its export file names: 2014年海拉尔区, 海拉尔区, 2014年 (lib/reports/naming.ts exportFileStem). */
  fileStem: string;
  /** Identifies the subject: reportId, regionId or the year. */
  subjectId: string;
  plans: AuditPlan[];
  asOf: string;
  /** The newest change to any pledge of the report. */
  lastChangeAt: string | null;
  options: AuditReportOptions;
  /** The report's pledges by tier ("not a pledge" left out), whichever are counted. */
  tierCounts: { trackable: number; direction: number };
  aggregate: AuditAggregate;
  /** Groups in order: the plan's sections (pair) or the reports (roll-ups). */
  groups: { key: string; label: string; pledges: AuditPledge[] }[];
  /** Headline targets: pledges of a "targets" block, or quantitative pledges with a target. */
  targets: AuditPledge[];
  /** Fulfilment rate per plan year (region roll-up only). */
  trend: AuditTrendPoint[] | null;
};

/** A row of the audit overview: one plan → review pair with its progress. */
export type AuditPairSummary = {
  plan: AuditPlan;
  /** Trackable pledges, or all when the overview counts all. */
  pledges: number;
  /** Direction items of the plan (counted in `pledges` only with tiers "all"). */
  direction: number;
  assessed: number;
  /** Awaiting a reviewer. */
  submitted: number;
  approved: number;
  fulfilmentRate: number | null;
  /** Whether enough pledges are assessed to headline the rate (lib/audit-reports/aggregate.ts rateIsHeadline). */
  rateShown: boolean;
};
