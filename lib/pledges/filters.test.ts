import { describe, expect, it } from "vitest";
import { filtersToQuery, matchPledge, parsePledgeFilters, sectionAndDescendants, type FilterablePledge } from "./filters";

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
};
const ctx = { query: "", sectionIds: null, userId: "u1" };

describe("parsePledgeFilters", () => {
  it("reads allowed values and reports the others", () => {
    const { filters, invalid } = parsePledgeFilters({ status: "fulfilled", review: "bogus", kind: "project", evidence: "yes", assignee: "me", q: " 电梯 ", section: "<script>" });
    expect(filters).toEqual({ status: "fulfilled", kind: "project", evidence: "yes", assignee: "me", q: "电梯" });
    expect(invalid.sort()).toEqual(["review", "section"]);
  });
  it("treats 'all' and empty as no filter, takes the first of repeated params", () => {
    expect(parsePledgeFilters({ status: "all", kind: "", review: ["approved", "draft"] }).filters).toEqual({ review: "approved" });
  });
  it("refuses absurdly long queries", () => {
    expect(parsePledgeFilters({ q: "字".repeat(101) }).invalid).toEqual(["q"]);
  });
  it("round-trips through the query string", () => {
    const f = { q: "电梯", status: "fulfilled" as const, assignee: "none" };
    expect(parsePledgeFilters(Object.fromEntries(new URLSearchParams(filtersToQuery(f).slice(1)))).filters).toEqual(f);
    expect(filtersToQuery({})).toBe("");
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
    expect(matchPledge({ ...base, sectionId: "other" }, { section: "top" }, { ...ctx, sectionIds: ids })).toBe(false);
  });
});
