/**
 * PURE aggregation of pledge assessments for audit reports: counts and rates per status, per group
 * (a plan's sections, or the reports of a roll-up) and per kind. No database, no framework, so the
 * numbers a reader sees are the numbers these unit tests check.
 *
 * Conventions (stated on the page too):
 * - assessed = every status except not_assessed (in_progress counts: it is a verdict, "still under way");
 * - fulfilment rate = (fulfilled + ½ × partial) ÷ (assessed − not_verifiable); null when the divisor is 0;
 * - approved only: an assessment that is not approved counts as not assessed (its verdict is provisional);
 * - a rate is a headline only once at least half of the pledges are assessed (rateIsHeadline): "5 of
 *   415 assessed" says too little about the other 410 to put a percentage on the report.
 */
import { ASSESSMENT_STATUSES, type AssessmentStatus } from "@/lib/assessments/schema";

import { isPledgeKind, PLEDGE_KINDS, type PledgeKind } from "@/lib/vocabulary";

/** What the aggregation needs of one pledge. */
export type AggregateRow = {
  status: string;
  reviewState: string;
  kind: string;
  /** The group the pledge is counted in (a section of the plan, or a report of a roll-up). */
  group?: { key: string; label: string; order: number } | null;
  /** The verdict the evidence suggested when the verdict was last written (null: none). */
  suggestedStatus?: string | null;
};

export type StatusCounts = Record<AssessmentStatus, number>;

/** Counts and rates of a set of pledges. Rates are fractions in [0, 1], null when undefined. */
export type Tally = {
  pledges: number;
  /** Pledges with a (counted) verdict: every status but not_assessed. */
  assessed: number;
  /** Pledges whose assessment is approved. */
  approved: number;
  /** Assessed pledges whose verdict is not approved yet (0 in approved-only mode). */
  provisional: number;
  counts: StatusCounts;
  /** counts[status] ÷ pledges. */
  shares: Record<AssessmentStatus, number | null>;
  /** The divisor of the fulfilment rate: assessed − not_verifiable. */
  rateBase: number;
  /** (fulfilled + ½ partial) ÷ rateBase. */
  fulfilmentRate: number | null;
};

export type GroupTally = Tally & { key: string; label: string; order: number };
export type KindTally = Tally & { kind: PledgeKind };

export type AuditAggregate = {
  approvedOnly: boolean;
  total: Tally;
  /** In the order of the groups (ascending `order`); pledges without a group are left out. */
  byGroup: GroupTally[];
  /** Always the three kinds, in PLEDGE_KINDS order (unknown kinds count as policy). */
  byKind: KindTally[];
  /**
   * Counted verdicts written with a suggestion: `accepted` as suggested (the same status), or
   * `changed` (another status). Verdicts written without one are in neither.
   */
  suggestions: { accepted: number; changed: number };
};

/** How many counted verdicts kept the suggested verdict and how many differ from it. */
export function countSuggestions(
  rows: readonly AggregateRow[],
  approvedOnly: boolean,
): { accepted: number; changed: number } {
  let accepted = 0;
  let changed = 0;
  for (const row of rows) {
    const status = effectiveStatus(row, approvedOnly);
    if (status === "not_assessed" || !row.suggestedStatus) continue;
    if (status === row.suggestedStatus) accepted++;
    else changed++;
  }
  return { accepted, changed };
}

function emptyCounts(): StatusCounts {
  return Object.fromEntries(ASSESSMENT_STATUSES.map((s) => [s, 0])) as StatusCounts;
}

function isStatus(value: string): value is AssessmentStatus {
  return (ASSESSMENT_STATUSES as readonly string[]).includes(value);
}

/**
 * The status a pledge counts with: its own, or not_assessed when approvedOnly and the assessment
 * is not approved (and for unknown statuses).
 */
export function effectiveStatus(
  row: Pick<AggregateRow, "status" | "reviewState">,
  approvedOnly: boolean,
): AssessmentStatus {
  if (!isStatus(row.status)) return "not_assessed";
  if (approvedOnly && row.reviewState !== "approved") return "not_assessed";
  return row.status;
}

/** (fulfilled + ½ × partial) ÷ (assessed − not_verifiable), or null when nothing verifiable was assessed. */
export function fulfilmentRate(counts: StatusCounts): number | null {
  const assessed = ASSESSMENT_STATUSES.reduce(
    (n, s) => (s === "not_assessed" ? n : n + counts[s]),
    0,
  );
  const base = assessed - counts.not_verifiable;
  return base > 0 ? (counts.fulfilled + 0.5 * counts.partial) / base : null;
}

/**
 * The share of a set's pledges that must be assessed before its fulfilment rate is headlined (on
 * audit reports, share pages, the audit overview, region pages). Below it the pages say how many
 * are assessed and that they are too few for a rate; the partial rate stays in the detail tables.
 */
export const RATE_MIN_ASSESSED_SHARE = 0.5;

/** Whether a tally's fulfilment rate may be headlined: a rate exists and at least RATE_MIN_ASSESSED_SHARE of its pledges are assessed. */
export function rateIsHeadline(t: Pick<Tally, "pledges" | "assessed" | "fulfilmentRate">): boolean {
  return (
    t.fulfilmentRate !== null && t.pledges > 0 && t.assessed >= RATE_MIN_ASSESSED_SHARE * t.pledges
  );
}

/** The tally of counted statuses: `entries` are (status, reviewState, how many) triples. */
export function tallyCounts(
  entries: { status: string; reviewState: string; n?: number }[],
  approvedOnly = false,
): Tally {
  const counts = emptyCounts();
  let pledges = 0;
  let approved = 0;
  let provisional = 0;
  for (const e of entries) {
    const n = e.n ?? 1;
    const status = effectiveStatus(e, approvedOnly);
    pledges += n;
    counts[status] += n;
    if (e.reviewState === "approved") approved += n;
    else if (status !== "not_assessed") provisional += n;
  }
  const assessed = pledges - counts.not_assessed;
  const shares = Object.fromEntries(
    ASSESSMENT_STATUSES.map((s) => [s, pledges ? counts[s] / pledges : null]),
  ) as Tally["shares"];
  return {
    pledges,
    assessed,
    approved,
    provisional,
    counts,
    shares,
    rateBase: assessed - counts.not_verifiable,
    fulfilmentRate: fulfilmentRate(counts),
  };
}

/** Normalises a stored kind; anything unknown is a policy pledge (the parser's default). */
export function pledgeKind(kind: string): PledgeKind {
  return isPledgeKind(kind) ? kind : "policy";
}

/**
 * Totals, per group and per kind of a set of pledges. With `approvedOnly`, only approved verdicts
 * count (the rest count as not assessed); `approved` is always the number of approved assessments.
 */
export function aggregatePledges(
  rows: readonly AggregateRow[],
  options: { approvedOnly?: boolean } = {},
): AuditAggregate {
  const approvedOnly = options.approvedOnly ?? false;
  const groups = new Map<string, { label: string; order: number; rows: AggregateRow[] }>();
  const kinds = new Map<PledgeKind, AggregateRow[]>(PLEDGE_KINDS.map((k) => [k, []]));
  for (const row of rows) {
    kinds.get(pledgeKind(row.kind))!.push(row);
    if (!row.group) continue;
    const g = groups.get(row.group.key);
    if (g) g.rows.push(row);
    else groups.set(row.group.key, { label: row.group.label, order: row.group.order, rows: [row] });
  }
  const byGroup = [...groups.entries()]
    .map(([key, g]) => ({
      key,
      label: g.label,
      order: g.order,
      ...tallyCounts(g.rows, approvedOnly),
    }))
    .sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));
  const byKind = PLEDGE_KINDS.map((kind) => ({
    kind,
    ...tallyCounts(kinds.get(kind)!, approvedOnly),
  }));
  return {
    approvedOnly,
    total: tallyCounts(rows as AggregateRow[], approvedOnly),
    byGroup,
    byKind,
    suggestions: countSuggestions(rows, approvedOnly),
  };
}
