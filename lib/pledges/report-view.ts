/**
 * What the report page shows of its pledges, computed in one place (the page and bench:large both
 * call it): which pledges the URL's filters leave in the list, the counts by tier and by kind, the
 * assessment progress, and the sections offered as a filter. Pure: it takes the report's sections
 * and pledges as read by lib/reports/data.ts and lib/pledges/data.ts.
 */
import { tallyProgress, type Progress } from "@/lib/assessments/progress";
import { toSimplified } from "@/lib/report/script";
import type { PledgeKind } from "@/lib/vocabulary";
import {
  matchPledge,
  sectionAndDescendants,
  type FilterablePledge,
  type PledgeFilters,
} from "./filters";

export type ReportViewSection = {
  id: string;
  parentId: string | null;
  kind: string;
  heading: string;
};

export type ReportPledgeView = {
  /** The ids the list shows, in text order (the default view: trackable items; "not a pledge" hidden). */
  visibleIds: string[];
  /** Filter names of the URL that named nothing of this report (`section` of another report). */
  invalid: string[];
  /** Every pledge by tier; "not a pledge" items as `excluded`. */
  tierCounts: { trackable: number; direction: number; excluded: number };
  /** The pledges counted (all but "not a pledge") by kind. */
  kindCounts: Record<PledgeKind, number>;
  /** Assessment progress of the pledges counted. */
  progress: Progress;
  /** The sections the section filter offers: subsections, target and list blocks, top-level plan sections. */
  filterSections: { id: string; heading: string }[];
};

/** The report page's view of `pledges` under `filters`, for the user `userId` (the "assigned to me" filter). */
export function reportPledgeView<P extends FilterablePledge & { id: string }>(input: {
  sections: readonly ReportViewSection[];
  pledges: readonly P[];
  filters: PledgeFilters;
  userId: string;
}): ReportPledgeView {
  const { sections, pledges, filters, userId } = input;
  const invalid: string[] = [];
  const sectionIds =
    filters.section && sections.some((s) => s.id === filters.section)
      ? sectionAndDescendants(filters.section, [...sections])
      : null;
  if (filters.section && !sectionIds) invalid.push("section");
  const query = filters.q ? toSimplified(filters.q) : "";
  const visibleIds = pledges
    .filter((p) => matchPledge(p, filters, { query, sectionIds, userId }))
    .map((p) => p.id);

  const tierCounts = { trackable: 0, direction: 0, excluded: 0 };
  const kindCounts = { quantitative: 0, project: 0, policy: 0 };
  const counted: P[] = [];
  for (const p of pledges) {
    tierCounts[p.excluded ? "excluded" : p.tier === "trackable" ? "trackable" : "direction"]++;
    if (p.excluded) continue;
    counted.push(p);
    if (p.kind in kindCounts) kindCounts[p.kind as keyof typeof kindCounts]++;
  }
  const filterSections = sections
    .filter(
      (s) =>
        s.kind === "subsection" ||
        s.kind === "targets" ||
        s.kind === "list" ||
        (s.parentId === null && s.kind === "plan"),
    )
    .map((s) => ({ id: s.id, heading: s.heading }));
  return {
    visibleIds,
    invalid,
    tierCounts,
    kindCounts,
    progress: tallyProgress(counted),
    filterSections,
  };
}
