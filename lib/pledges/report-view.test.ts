import { describe, expect, it } from "vitest";
import type { FilterablePledge } from "./filters";
import { reportPledgeView, type ReportViewSection } from "./report-view";

const pledge = (
  id: string,
  over: Partial<FilterablePledge> = {},
): FilterablePledge & { id: string } => ({
  id,
  text: "新建公园12座",
  searchText: "新建公园12座",
  topic: null,
  kind: "quantitative",
  status: "not_assessed",
  reviewState: "draft",
  assigneeId: null,
  evidenceCount: 0,
  sectionId: "s2",
  tier: "trackable",
  excluded: false,
  ...over,
});

const sections: ReportViewSection[] = [
  { id: "plan", parentId: null, kind: "plan", heading: "2015年工作安排" },
  { id: "s1", parentId: "plan", kind: "subsection", heading: "（一）稳增长" },
  { id: "s2", parentId: "s1", kind: "list", heading: "1. 城市建设" },
  { id: "t", parentId: "s1", kind: "topic", heading: "主题" },
  { id: "review", parentId: null, kind: "review", heading: "2014年工作回顾" },
];

const pledges = [
  pledge("a", { status: "fulfilled", reviewState: "approved" }),
  pledge("b", { kind: "project", status: "partial", reviewState: "submitted", sectionId: "s1" }),
  pledge("c", { kind: "policy", tier: "direction", text: "深化改革", searchText: "深化改革" }),
  pledge("d", { excluded: true, status: "fulfilled" }),
  pledge("e", {
    kind: "project",
    assigneeId: "u1",
    text: "開工建設地鐵",
    searchText: "开工建设地铁",
  }),
];

describe("reportPledgeView", () => {
  it("counts every pledge by tier and the counted ones (not 'not a pledge') by kind and progress", () => {
    const v = reportPledgeView({ sections, pledges, filters: {}, userId: "u1" });
    expect(v.tierCounts).toEqual({ trackable: 3, direction: 1, excluded: 1 });
    expect(v.kindCounts).toEqual({ quantitative: 1, project: 2, policy: 1 });
    expect(v.progress).toEqual({ total: 4, assessed: 2, submitted: 1, approved: 1 });
    expect(v.invalid).toEqual([]);
  });

  it("shows the trackable items by default, and applies the URL's filters", () => {
    expect(reportPledgeView({ sections, pledges, filters: {}, userId: "u1" }).visibleIds).toEqual([
      "a",
      "b",
      "e",
    ]);
    expect(
      reportPledgeView({ sections, pledges, filters: { tier: "all" }, userId: "u1" }).visibleIds,
    ).toEqual(["a", "b", "c", "e"]);
    expect(
      reportPledgeView({ sections, pledges, filters: { assignee: "me" }, userId: "u1" }).visibleIds,
    ).toEqual(["e"]);
    // The query is compared in simplified characters, whatever the script it is typed in.
    expect(
      reportPledgeView({ sections, pledges, filters: { q: "地鐵" }, userId: "u1" }).visibleIds,
    ).toEqual(["e"]);
  });

  it("filters by a section with everything inside it, and reports a section of another report as invalid", () => {
    expect(
      reportPledgeView({ sections, pledges, filters: { section: "s2" }, userId: "u1" }).visibleIds,
    ).toEqual(["a", "e"]);
    expect(
      reportPledgeView({ sections, pledges, filters: { section: "s1" }, userId: "u1" }).visibleIds,
    ).toEqual(["a", "b", "e"]);
    const other = reportPledgeView({
      sections,
      pledges,
      filters: { section: "elsewhere" },
      userId: "u1",
    });
    expect(other.invalid).toEqual(["section"]);
    expect(other.visibleIds).toEqual(["a", "b", "e"]);
  });

  it("offers subsections, lists, target blocks and top-level plan sections as filters, not topics or the review", () => {
    expect(
      reportPledgeView({ sections, pledges, filters: {}, userId: "u1" }).filterSections.map(
        (s) => s.id,
      ),
    ).toEqual(["plan", "s1", "s2"]);
  });
});
