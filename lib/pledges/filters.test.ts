import { describe, expect, it } from "vitest";
import {
  filtersToQuery,
  hasFilters,
  inTierView,
  matchPledge,
  parsePledgeFilters,
  sectionAndDescendants,
  type FilterablePledge,
} from "./filters";

const base: FilterablePledge = {
  text: "维修改造20部居民老旧電梯",
  searchText: "维修改造20部居民老旧电梯",
  topic: "提升城市品质",
  kind: "quantitative",
  status: "not_assessed",
  reviewState: "draft",
  assigneeId: null,
  evidenceCount: 0,
  sectionId: "sub1",
  tier: "trackable",
  excluded: false,
};
const ctx = { query: "", sectionIds: null, userId: "u1" };

describe("parsePledgeFilters", () => {
  it("reads allowed values and reports the others", () => {
    const { filters, invalid } = parsePledgeFilters({
      status: "fulfilled",
      review: "bogus",
      kind: "project",
      evidence: "yes",
      assignee: "me",
      q: " 电梯 ",
      section: "<script>",
    });
    expect(filters).toEqual({
      status: "fulfilled",
      kind: "project",
      evidence: "yes",
      assignee: "me",
      q: "电梯",
    });
    expect(invalid.sort()).toEqual(["review", "section"]);
  });
  it("treats 'all' and empty as no filter, takes the first of repeated params", () => {
    expect(
      parsePledgeFilters({ status: "all", kind: "", review: ["approved", "draft"] }).filters,
    ).toEqual({ review: "approved" });
  });
  it("refuses absurdly long queries", () => {
    expect(parsePledgeFilters({ q: "字".repeat(101) }).invalid).toEqual(["q"]);
  });
  it("round-trips through the query string", () => {
    const f = { q: "电梯", status: "fulfilled" as const, assignee: "none" };
    expect(
      parsePledgeFilters(Object.fromEntries(new URLSearchParams(filtersToQuery(f).slice(1))))
        .filters,
    ).toEqual(f);
    expect(filtersToQuery({})).toBe("");
  });
});

describe("tier views", () => {
  it("reads tier=direction|all and excluded=1; trackable is the default and not a parameter", () => {
    expect(parsePledgeFilters({ tier: "direction" }).filters).toEqual({ tier: "direction" });
    expect(parsePledgeFilters({ tier: "all", excluded: "1" }).filters).toEqual({
      tier: "all",
      excluded: "1",
    });
    expect(parsePledgeFilters({ tier: "trackable" }).filters).toEqual({});
    expect(parsePledgeFilters({ tier: "important", excluded: "yes" }).invalid.sort()).toEqual([
      "excluded",
      "tier",
    ]);
    expect(filtersToQuery({ tier: "direction", q: "电梯" })).toBe(
      "?tier=direction&q=%E7%94%B5%E6%A2%AF",
    );
    expect(hasFilters({ tier: "direction" })).toBe(false);
    expect(hasFilters({ tier: "direction", kind: "policy" })).toBe(true);
  });
  it("lists trackable items by default, direction or all on request, and items marked not a pledge only in their own view", () => {
    const direction = { ...base, tier: "direction" };
    const excluded = { ...base, excluded: true };
    expect(matchPledge(base, {}, ctx)).toBe(true);
    expect(matchPledge(direction, {}, ctx)).toBe(false);
    expect(matchPledge(direction, { tier: "direction" }, ctx)).toBe(true);
    expect(matchPledge(base, { tier: "direction" }, ctx)).toBe(false);
    expect(matchPledge(direction, { tier: "all" }, ctx)).toBe(true);
    expect(matchPledge(excluded, { tier: "all" }, ctx)).toBe(false);
    expect(matchPledge(excluded, { excluded: "1" }, ctx)).toBe(true);
    expect(matchPledge({ ...direction, excluded: true }, { excluded: "1" }, ctx)).toBe(true);
    expect(matchPledge(base, { excluded: "1" }, ctx)).toBe(false);
    expect(inTierView(direction, { tier: "all" })).toBe(true);
  });
});

describe("matchPledge", () => {
  it("finds traditional text with a simplified query (the query arrives simplified)", () => {
    expect(matchPledge(base, { q: "电梯" }, { ...ctx, query: "电梯" })).toBe(true);
    expect(matchPledge(base, { q: "公园" }, { ...ctx, query: "公园" })).toBe(false);
  });
  it("filters by kind, status, review state and evidence", () => {
    expect(matchPledge(base, { kind: "policy" }, ctx)).toBe(false);
    expect(matchPledge({ ...base, status: "fulfilled" }, { status: "fulfilled" }, ctx)).toBe(true);
    expect(matchPledge(base, { review: "submitted" }, ctx)).toBe(false);
    expect(matchPledge(base, { evidence: "no" }, ctx)).toBe(true);
    expect(matchPledge({ ...base, evidenceCount: 2 }, { evidence: "no" }, ctx)).toBe(false);
    expect(matchPledge({ ...base, evidenceCount: 2 }, { evidence: "yes" }, ctx)).toBe(true);
  });
  it("filters by assignee: me, unassigned, a given user", () => {
    expect(matchPledge({ ...base, assigneeId: "u1" }, { assignee: "me" }, ctx)).toBe(true);
    expect(matchPledge({ ...base, assigneeId: "u2" }, { assignee: "me" }, ctx)).toBe(false);
    expect(matchPledge(base, { assignee: "none" }, ctx)).toBe(true);
    expect(matchPledge({ ...base, assigneeId: "u2" }, { assignee: "u2" }, ctx)).toBe(true);
  });
  it("filters by a section and everything below it", () => {
    const ids = sectionAndDescendants("top", [
      { id: "top", parentId: null },
      { id: "sub1", parentId: "top" },
      { id: "topic1", parentId: "sub1" },
      { id: "other", parentId: null },
    ]);
    expect([...ids].sort()).toEqual(["sub1", "top", "topic1"]);
    expect(matchPledge(base, { section: "top" }, { ...ctx, sectionIds: ids })).toBe(true);
    expect(
      matchPledge({ ...base, sectionId: "other" }, { section: "top" }, { ...ctx, sectionIds: ids }),
    ).toBe(false);
  });
});
