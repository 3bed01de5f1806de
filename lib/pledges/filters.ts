/**
 * The pledge-list filters that live in the URL (?status=…&review=…), so a view can be bookmarked
 * and shared. Pure: parsing never throws (unknown values are reported, not applied) and matching
 * takes the search query already normalised to simplified characters by the caller.
 */
import {
  ASSESSMENT_STATUSES,
  PLEDGE_KINDS,
  REVIEW_STATES,
  type AssessmentStatus,
  type PledgeKind,
  type ReviewState,
} from "@/lib/vocabulary";

/** The tier views of the list: trackable is the default (no parameter), direction, or all. */
export const FILTER_TIERS = ["trackable", "direction", "all"] as const;
export type TierView = (typeof FILTER_TIERS)[number];

export type PledgeFilters = {
  q?: string;
  kind?: PledgeKind;
  status?: AssessmentStatus;
  review?: ReviewState;
  /** "me", "none" (unassigned) or a user id. */
  assignee?: string;
  evidence?: "yes" | "no";
  /** A section id of this report (the pledge is inside it, at any depth). */
  section?: string;
  /** Direction items, or all tiers; absent: trackable items only (the default view). */
  tier?: Exclude<TierView, "trackable">;
  /** "1": only the items marked "not a pledge" (of every tier); absent: they are hidden. */
  excluded?: "1";
};

export type FilterablePledge = {
  text: string;
  searchText: string;
  topic: string | null;
  kind: string;
  status: string;
  reviewState: string;
  assigneeId: string | null;
  evidenceCount: number;
  sectionId: string | null;
  tier: string;
  excluded: boolean;
};

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() ?? "";

/** Reads filters from URL search params; values that are not allowed are listed in `invalid` and ignored. */
export function parsePledgeFilters(params: Record<string, string | string[] | undefined>): {
  filters: PledgeFilters;
  invalid: string[];
} {
  const filters: PledgeFilters = {};
  const invalid: string[] = [];
  const pick = <T extends string>(key: keyof PledgeFilters, allowed: readonly T[]) => {
    const v = one(params[key]);
    if (!v || v === "all") return;
    if ((allowed as readonly string[]).includes(v)) (filters as Record<string, string>)[key] = v;
    else invalid.push(key);
  };
  pick("kind", PLEDGE_KINDS);
  pick("status", ASSESSMENT_STATUSES);
  pick("review", REVIEW_STATES);
  pick("evidence", ["yes", "no"] as const);
  const assignee = one(params.assignee);
  if (assignee && assignee !== "all") {
    if (assignee === "me" || assignee === "none" || ID.test(assignee)) filters.assignee = assignee;
    else invalid.push("assignee");
  }
  const section = one(params.section);
  if (section && section !== "all") {
    if (ID.test(section)) filters.section = section;
    else invalid.push("section");
  }
  const tier = one(params.tier);
  if (tier && tier !== "trackable") {
    if (tier === "direction" || tier === "all") filters.tier = tier;
    else invalid.push("tier");
  }
  const excluded = one(params.excluded);
  if (excluded) {
    if (excluded === "1") filters.excluded = "1";
    else invalid.push("excluded");
  }
  const q = one(params.q);
  if (q) {
    if (q.length <= 100) filters.q = q;
    else invalid.push("q");
  }
  return { filters, invalid };
}

/** Whether any filter is set beyond the tier view (the default view lists trackable items). */
export function hasFilters(f: PledgeFilters): boolean {
  return Object.entries(f).some(
    ([k, v]) => k !== "tier" && k !== "excluded" && v !== undefined && v !== "",
  );
}

/** The tier view a set of filters shows. */
export function tierView(f: PledgeFilters): TierView {
  return f.tier ?? "trackable";
}

/**
 * Whether a pledge is in the list's tier view: items marked "not a pledge" only in their own view
 * (excluded=1, every tier), the others by tier (trackable by default).
 */
export function inTierView(
  p: Pick<FilterablePledge, "tier" | "excluded">,
  f: PledgeFilters,
): boolean {
  if (f.excluded === "1") return p.excluded;
  if (p.excluded) return false;
  const view = tierView(f);
  return view === "all" || p.tier === view;
}

/**
 * Whether a pledge passes the filters. `query` is the search text in simplified characters (so 电梯
 * and 電梯 find each other: pledges carry searchText in simplified); `sectionIds` are the ids of the
 * filtered section and its descendants; `userId` resolves assignee=me. The tier view applies
 * first (inTierView).
 */
export function matchPledge(
  p: FilterablePledge,
  f: PledgeFilters,
  ctx: { query: string; sectionIds: ReadonlySet<string> | null; userId: string },
): boolean {
  if (!inTierView(p, f)) return false;
  if (f.kind && p.kind !== f.kind) return false;
  if (f.status && p.status !== f.status) return false;
  if (f.review && p.reviewState !== f.review) return false;
  if (f.evidence === "yes" && p.evidenceCount === 0) return false;
  if (f.evidence === "no" && p.evidenceCount > 0) return false;
  if (f.assignee === "me" && p.assigneeId !== ctx.userId) return false;
  if (f.assignee === "none" && p.assigneeId !== null) return false;
  if (f.assignee && f.assignee !== "me" && f.assignee !== "none" && p.assigneeId !== f.assignee)
    return false;
  if (ctx.sectionIds && (!p.sectionId || !ctx.sectionIds.has(p.sectionId))) return false;
  if (ctx.query) {
    const q = ctx.query.toLowerCase();
    if (
      !p.searchText.toLowerCase().includes(q) &&
      !p.text.toLowerCase().includes(q) &&
      !(p.topic ?? "").includes(ctx.query)
    )
      return false;
  }
  return true;
}

/** The ids of a section and all sections below it. */
export function sectionAndDescendants(
  rootId: string,
  sections: { id: string; parentId: string | null }[],
): Set<string> {
  const ids = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const s of sections) {
      if (s.parentId && ids.has(s.parentId) && !ids.has(s.id)) {
        ids.add(s.id);
        grew = true;
      }
    }
  }
  return ids;
}

/** The URL query string of a set of filters (empty values dropped), stable order. */
export function filtersToQuery(f: PledgeFilters): string {
  const params = new URLSearchParams();
  for (const key of [
    "tier",
    "excluded",
    "q",
    "kind",
    "status",
    "review",
    "assignee",
    "evidence",
    "section",
  ] as const) {
    const v = f[key];
    if (v) params.set(key, v);
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}
