/**
 * PURE: the automatic half of the pairing rule. A report's plan for year N is reviewed by its
 * region's report of year N+1 — the earliest imported one when there are several, never an
 * archived one, never itself. A pairing set or cleared by hand (manual) is a person's decision and
 * is never recomputed. lib/pairing/mutations.ts applies this whenever a report arrives, changes
 * region or year, is archived, restored or deleted, or its region is merged.
 */

/** What a pairing event (report.pair_auto, report.pair_manual) records before and after (lib/audit/events.ts). */
export type PairingEventPayload = {
  reviewReportId: string | null;
  manual?: boolean;
  reason?: string;
};

/** What the rule needs of a report of the region. */
export type PairingCandidate = {
  id: string;
  year: number | null;
  createdAt: Date;
  archived: boolean;
};

/** The report that automatically reviews `report`'s plan among `regionReports` (its region's), or null. */
export function automaticReviewOf(
  report: { id: string; year: number | null },
  regionReports: readonly PairingCandidate[],
): string | null {
  if (report.year === null) return null;
  const next = regionReports
    .filter((r) => r.id !== report.id && !r.archived && r.year === report.year! + 1)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  return next[0]?.id ?? null;
}

/** Where a candidate stands in the picker: the region's next year, the region's other years, another region. */
export type PairingCandidateGroup = "next-year" | "same-region" | "other-region";

/**
 * The order a reviewer's picker offers reports in: the same region's report of the next year first
 * (what automatic pairing would choose, marked `suggested`), then the region's other later years,
 * then its earlier years, then every other region by name and year.
 */
export function rankPairingCandidates<
  T extends { id: string; regionId: string; regionName: string; year: number | null },
>(
  report: { id: string; regionId: string; year: number | null },
  candidates: readonly T[],
): (T & { group: PairingCandidateGroup })[] {
  const group = (c: T): PairingCandidateGroup =>
    c.regionId !== report.regionId
      ? "other-region"
      : report.year !== null && c.year === report.year + 1
        ? "next-year"
        : "same-region";
  const order = { "next-year": 0, "same-region": 1, "other-region": 2 } as const;
  // Within the region: later years first (nearest first), then earlier ones, then unknown years.
  const distance = (c: T) =>
    c.year === null || report.year === null
      ? 10_000
      : c.year > report.year
        ? c.year - report.year
        : 1_000 + report.year - c.year;
  return candidates
    .filter((c) => c.id !== report.id)
    .map((c) => ({ ...c, group: group(c) }))
    .sort(
      (a, b) =>
        order[a.group] - order[b.group] ||
        (a.group === "other-region"
          ? a.regionName.localeCompare(b.regionName, "zh") || (a.year ?? 0) - (b.year ?? 0)
          : distance(a) - distance(b)) ||
        a.id.localeCompare(b.id),
    );
}
