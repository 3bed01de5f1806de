/**
 * PURE: a region's multi-year record from its lineage links and headline outcomes.
 *
 * - A **line** is a pledge and the earlier pledges it repeats, link by link back to the first
 *   promise (a pledge and the earlier pledge it repeats; rejected links do not join): "first
 *   promised 2014 · repeated 2015, 2016 · assessed unfulfilled 2014, partial 2015". Its record counts its pledges' verdicts with the audit reports'
 *   rule (fulfilled + ½ partial over assessed − not verifiable).
 * - **Recurring pledges**: lines that span at least three plan years, worst record first.
 * - **Indicator series**: per headline indicator (and kind of figure: growth or level, unit), the
 *   target of each plan year, the figure its review reported, met or not, and how the next year's
 *   target moved.
 */
import type { AssessmentStatus } from "@/lib/assessments/schema";
import { fulfilmentRate, tallyCounts } from "@/lib/audit-reports/aggregate";

/** A pledge as a line shows it. */
export type LineNode = {
  pledgeId: string;
  reportId: string;
  year: number;
  text: string;
  title: string | null;
  status: AssessmentStatus;
  reviewState: string;
  tier: "trackable" | "direction";
};

/** A lineage link that joins: suggested by the matcher or confirmed by a person. */
export type LineLink = {
  pledgeId: string;
  predecessorId: string;
  state: "suggested" | "confirmed";
};

export type LineRecord = {
  /** Pledges with a verdict (any status but not_assessed). */
  assessed: number;
  counts: Record<AssessmentStatus, number>;
  /** (fulfilled + ½ partial) ÷ (assessed − not verifiable); null when nothing verifiable is assessed. */
  rate: number | null;
};

export type PledgeLine = {
  /** The line's pledges by plan year (and report), earliest first. */
  nodes: LineNode[];
  /** The distinct plan years, ascending. */
  years: number[];
  links: LineLink[];
  /** Every link of the line was confirmed by a person. */
  confirmed: boolean;
  record: LineRecord;
};

/** How many plan years a line must span to be listed as recurring. */
export const RECURRING_MIN_YEARS = 3;

function recordOf(nodes: LineNode[]): LineRecord {
  const t = tallyCounts(nodes.map((n) => ({ status: n.status, reviewState: n.reviewState })));
  return { assessed: t.assessed, counts: t.counts, rate: fulfilmentRate(t.counts) };
}

function byYear(a: LineNode, b: LineNode): number {
  return (
    a.year - b.year || a.reportId.localeCompare(b.reportId) || a.pledgeId.localeCompare(b.pledgeId)
  );
}

/** The usable links among `nodes`: both ends loaded, one predecessor per pledge (the first given), always an earlier year. */
function usableLinks(
  nodes: ReadonlyMap<string, LineNode>,
  links: readonly LineLink[],
): Map<string, LineLink> {
  const byPledge = new Map<string, LineLink>();
  for (const l of links) {
    const a = nodes.get(l.pledgeId);
    const b = nodes.get(l.predecessorId);
    if (!a || !b || byPledge.has(l.pledgeId) || b.year >= a.year) continue;
    byPledge.set(l.pledgeId, l);
  }
  return byPledge;
}

function makeLine(members: LineNode[], links: LineLink[]): PledgeLine {
  const sorted = [...members].sort(byYear);
  return {
    nodes: sorted,
    years: [...new Set(sorted.map((n) => n.year))].sort((a, b) => a - b),
    links,
    confirmed: links.every((l) => l.state === "confirmed"),
    record: recordOf(sorted),
  };
}

/**
 * The lines of a region: for every pledge that no later pledge repeats, the chain of earlier
 * pledges it repeats, back to the first promise (a pledge repeated by two later ones — a split —
 * starts two lines that share their beginning). Only chains of two pledges or more.
 */
export function buildLines(
  nodes: ReadonlyMap<string, LineNode>,
  links: readonly LineLink[],
): PledgeLine[] {
  const up = usableLinks(nodes, links);
  const hasSuccessor = new Set([...up.values()].map((l) => l.predecessorId));
  const lines: PledgeLine[] = [];
  for (const id of up.keys()) {
    if (hasSuccessor.has(id)) continue;
    const members: LineNode[] = [];
    const chain: LineLink[] = [];
    for (let at: string | undefined = id; at;) {
      members.push(nodes.get(at)!);
      const l = up.get(at);
      if (l) chain.push(l);
      at = l?.predecessorId;
    }
    lines.push(makeLine(members, chain));
  }
  return lines;
}

/**
 * The line through one pledge: the earlier pledges it repeats, back to the first promise, and every
 * later pledge that repeats it (or repeats one that does); null when no link joins it to another.
 */
export function lineThrough(
  nodes: ReadonlyMap<string, LineNode>,
  links: readonly LineLink[],
  pledgeId: string,
): PledgeLine | null {
  if (!nodes.has(pledgeId)) return null;
  const up = usableLinks(nodes, links);
  const down = new Map<string, LineLink[]>();
  for (const l of up.values()) down.set(l.predecessorId, [...(down.get(l.predecessorId) ?? []), l]);
  const members = new Map<string, LineNode>();
  const used: LineLink[] = [];
  for (let at: string | undefined = pledgeId; at && !members.has(at);) {
    members.set(at, nodes.get(at)!);
    const l = up.get(at);
    if (l) used.push(l);
    at = l?.predecessorId;
  }
  for (const queue = [pledgeId]; queue.length;) {
    for (const l of down.get(queue.shift()!) ?? []) {
      if (members.has(l.pledgeId)) continue;
      members.set(l.pledgeId, nodes.get(l.pledgeId)!);
      used.push(l);
      queue.push(l.pledgeId);
    }
  }
  return members.size > 1 ? makeLine([...members.values()], used) : null;
}

/** The line of `lines` that holds `pledgeId` (the first), or null. */
export function lineOf(lines: readonly PledgeLine[], pledgeId: string): PledgeLine | null {
  return lines.find((l) => l.nodes.some((n) => n.pledgeId === pledgeId)) ?? null;
}

/**
 * Lines spanning at least `minYears` plan years, worst record first: the lowest fulfilment rate
 * first (lines without a verifiable verdict last), then more unfulfilled verdicts, then the longer
 * span, then the most recent.
 */
export function recurringLines(
  lines: readonly PledgeLine[],
  minYears = RECURRING_MIN_YEARS,
): PledgeLine[] {
  return lines
    .filter((l) => l.years.length >= minYears)
    .sort(
      (a, b) =>
        (a.record.rate ?? 2) - (b.record.rate ?? 2) ||
        b.record.counts.unfulfilled - a.record.counts.unfulfilled ||
        b.years.length - a.years.length ||
        b.years[b.years.length - 1] - a.years[a.years.length - 1] ||
        a.nodes[0].pledgeId.localeCompare(b.nodes[0].pledgeId),
    );
}

/** The pledge that names a line: its latest, with its title when an analyst gave one. */
export function lineLabel(line: PledgeLine): string {
  const last = line.nodes[line.nodes.length - 1];
  return last.title ?? last.text;
}

/** One stored outcome: a plan's headline target and what its review reported (IndicatorOutcome). */
export type OutcomeRow = {
  reportId: string;
  year: number;
  pledgeId: string;
  indicator: string;
  growth: boolean;
  unit: string;
  targetValue: number;
  targetHigh: number | null;
  comparator: string;
  ceiling: boolean;
  targetText: string;
  reportedValue: number | null;
  reportedText: string | null;
  quote: string | null;
  verdict: string | null;
  /** The year of the report whose review was read. */
  sourceYear: number | null;
};

export type SeriesPoint = {
  year: number;
  reportId: string;
  pledgeId: string;
  target: {
    value: number;
    high: number | null;
    comparator: string;
    ceiling: boolean;
    text: string;
  };
  reported: { value: number; text: string; quote: string | null; year: number | null } | null;
  /** met, missed, or null: nothing comparable reported (or only a multi-year figure). */
  met: boolean | null;
  verdict: string | null;
  /** What the outcome column says: met, missed, a figure that is not the year's own (a multi-year average), no figure in the review, or no review yet. */
  outcome: "met" | "missed" | "not-annual" | "no-figure" | "no-review";
  /** How the next plan year's target compares with this one; null for the last year or a gap. */
  next: "raised" | "lowered" | "kept" | null;
};

export type IndicatorSeries = {
  /** indicator:growth|level:unit */
  key: string;
  indicator: string;
  growth: boolean;
  unit: string;
  points: SeriesPoint[];
};

/** The headline indicators in the order a reader expects them; others follow by name. */
export const INDICATOR_ORDER = [
  "gdp",
  "public-budget",
  "fiscal-total",
  "fixed-investment",
  "retail",
  "urban-income",
  "rural-income",
  "cpi",
  "unemployment",
  "new-jobs",
  "energy-intensity",
] as const;

/** Whether a reported figure met its target: over a floor, under a ceiling; multi-year figures say nothing. */
export function outcomeMet(verdict: string | null, ceiling: boolean): boolean | null {
  if (verdict === "met") return true;
  if (verdict === "below") return false;
  if (verdict === "exceeded") return !ceiling; // above the expected range of a floor is no miss; over a ceiling is
  return null;
}

/**
 * What a plan year's outcome amounts to: met or missed; else whether a figure was read but is not
 * the year's own (a multi-year figure, which says nothing of the year), the review gave none, or
 * the plan has no review yet (the latest year) — so the table never shows a figure beside "no
 * comparable figure", nor "no figure" for a review not yet written.
 */
export function outcomeState(
  met: boolean | null,
  reported: boolean,
  reviewed: boolean,
): SeriesPoint["outcome"] {
  if (met !== null) return met ? "met" : "missed";
  if (reported) return "not-annual";
  return reviewed ? "no-figure" : "no-review";
}

/**
 * The indicator series of a region's outcomes: one point per plan year (the first target of that
 * year's plan for the key), only indicators targeted in at least `minYears` plan years, in
 * INDICATOR_ORDER (growth before level).
 */
export function buildIndicatorSeries(rows: readonly OutcomeRow[], minYears = 2): IndicatorSeries[] {
  const byKey = new Map<string, OutcomeRow[]>();
  for (const r of rows) {
    const key = `${r.indicator}:${r.growth ? "growth" : "level"}:${r.unit}`;
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    list.push(r);
  }
  const rank = (id: string) => {
    const i = (INDICATOR_ORDER as readonly string[]).indexOf(id);
    return i < 0 ? INDICATOR_ORDER.length : i;
  };
  const out: IndicatorSeries[] = [];
  for (const [key, list] of byKey) {
    const perYear = new Map<number, OutcomeRow>();
    for (const r of list) if (!perYear.has(r.year)) perYear.set(r.year, r);
    if (perYear.size < minYears) continue;
    const years = [...perYear.keys()].sort((a, b) => a - b);
    const points: SeriesPoint[] = years.map((year, i) => {
      const r = perYear.get(year)!;
      const nextRow = years[i + 1] === year + 1 ? perYear.get(year + 1)! : null;
      return {
        year,
        reportId: r.reportId,
        pledgeId: r.pledgeId,
        target: {
          value: r.targetValue,
          high: r.targetHigh,
          comparator: r.comparator,
          ceiling: r.ceiling,
          text: r.targetText,
        },
        reported:
          r.reportedValue !== null && r.reportedText !== null
            ? { value: r.reportedValue, text: r.reportedText, quote: r.quote, year: r.sourceYear }
            : null,
        met: outcomeMet(r.verdict, r.ceiling),
        verdict: r.verdict,
        outcome: outcomeState(
          outcomeMet(r.verdict, r.ceiling),
          r.reportedValue !== null,
          r.sourceYear !== null,
        ),
        next: !nextRow
          ? null
          : nextRow.targetValue > r.targetValue
            ? "raised"
            : nextRow.targetValue < r.targetValue
              ? "lowered"
              : "kept",
      };
    });
    const first = list[0];
    out.push({ key, indicator: first.indicator, growth: first.growth, unit: first.unit, points });
  }
  return out.sort(
    (a, b) =>
      rank(a.indicator) - rank(b.indicator) ||
      a.indicator.localeCompare(b.indicator) ||
      Number(b.growth) - Number(a.growth) ||
      a.unit.localeCompare(b.unit),
  );
}
