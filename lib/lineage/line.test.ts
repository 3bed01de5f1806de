import { describe, expect, it } from "vitest";
import {
  buildIndicatorSeries,
  buildLines,
  lineLabel,
  lineOf,
  lineThrough,
  outcomeMet,
  outcomeState,
  recurringLines,
  type LineNode,
  type OutcomeRow,
} from "./line";

const node = (
  pledgeId: string,
  year: number,
  status: LineNode["status"] = "not_assessed",
  title: string | null = null,
): LineNode => ({
  pledgeId,
  reportId: `r${year}`,
  year,
  text: `pledge ${pledgeId}`,
  title,
  status,
  reviewState: "approved",
  tier: "trackable",
});

describe("lines", () => {
  const nodes = new Map(
    [
      node("a14", 2014, "unfulfilled"),
      node("a15", 2015, "partial"),
      node("a16", 2016, "not_assessed", "红星美凯龙主力店"),
      node("b15", 2015, "fulfilled"),
      node("b16", 2016, "fulfilled"),
      node("c16", 2016),
    ].map((n) => [n.pledgeId, n]),
  );
  const lines = buildLines(nodes, [
    { pledgeId: "a15", predecessorId: "a14", state: "confirmed" },
    { pledgeId: "a16", predecessorId: "a15", state: "suggested" },
    { pledgeId: "b16", predecessorId: "b15", state: "confirmed" },
    { pledgeId: "c16", predecessorId: "gone", state: "suggested" },
  ]);

  it("follows each pledge back to its first promise, with years and record, ignoring links to pledges not loaded", () => {
    expect(lines).toHaveLength(2);
    const a = lineOf(lines, "a15")!;
    expect(a.nodes.map((n) => n.pledgeId)).toEqual(["a14", "a15", "a16"]);
    expect(a.years).toEqual([2014, 2015, 2016]);
    expect(a.confirmed).toBe(false);
    expect(a.record).toMatchObject({ assessed: 2, rate: 0.25 });
    expect(lineLabel(a)).toBe("红星美凯龙主力店");
    expect(lineOf(lines, "c16")).toBeNull();
    expect(lineOf(lines, "b16")!.confirmed).toBe(true);
  });

  it("a split starts two lines sharing their beginning; the line through a pledge holds what it repeats and what repeats it", () => {
    const split = new Map([...nodes, ["a16b", node("a16b", 2016, "fulfilled")]]);
    const links = [
      { pledgeId: "a15", predecessorId: "a14", state: "confirmed" as const },
      { pledgeId: "a16", predecessorId: "a15", state: "suggested" as const },
      { pledgeId: "a16b", predecessorId: "a15", state: "suggested" as const },
      // a link to a later year or a second predecessor is never followed
      { pledgeId: "a14", predecessorId: "b15", state: "suggested" as const },
      { pledgeId: "a16", predecessorId: "b15", state: "suggested" as const },
    ];
    const lines = buildLines(split, links);
    expect(lines.map((l) => l.nodes.map((n) => n.pledgeId))).toEqual([
      ["a14", "a15", "a16"],
      ["a14", "a15", "a16b"],
    ]);
    expect(lineThrough(split, links, "a15")!.nodes.map((n) => n.pledgeId)).toEqual([
      "a14",
      "a15",
      "a16",
      "a16b",
    ]);
    expect(lineThrough(split, links, "a16b")!.nodes.map((n) => n.pledgeId)).toEqual([
      "a14",
      "a15",
      "a16b",
    ]);
    expect(lineThrough(split, links, "c16")).toBeNull();
  });

  it("lists lines of three years or more, worst record first", () => {
    const more = buildLines(
      new Map([
        ...nodes,
        ...[
          node("d13", 2013, "fulfilled"),
          node("d14", 2014, "fulfilled"),
          node("d15", 2015, "fulfilled"),
        ].map((n) => [n.pledgeId, n] as const),
      ]),
      [
        { pledgeId: "a15", predecessorId: "a14", state: "confirmed" },
        { pledgeId: "a16", predecessorId: "a15", state: "suggested" },
        { pledgeId: "d14", predecessorId: "d13", state: "suggested" },
        { pledgeId: "d15", predecessorId: "d14", state: "suggested" },
        { pledgeId: "b16", predecessorId: "b15", state: "confirmed" },
      ],
    );
    expect(recurringLines(more).map((l) => l.nodes[0].pledgeId)).toEqual(["a14", "d13"]);
  });
});

describe("indicator series", () => {
  const row = (
    year: number,
    target: number,
    reported: number | null,
    verdict: string | null,
    extra: Partial<OutcomeRow> = {},
  ): OutcomeRow => ({
    reportId: `r${year}`,
    year,
    pledgeId: `p${year}`,
    indicator: "gdp",
    growth: true,
    unit: "%",
    targetValue: target,
    targetHigh: null,
    comparator: "=",
    ceiling: false,
    targetText: `增长${target}%`,
    reportedValue: reported,
    reportedText: reported === null ? null : `增长${reported}%`,
    quote: null,
    verdict,
    sourceYear: year + 1,
    ...extra,
  });

  it("gives each plan year its target, the reported figure, met or not, and how the next target moved", () => {
    const [gdp, ...rest] = buildIndicatorSeries([
      row(2012, 21, 18.5, "below"),
      row(2013, 20, 10.1, "below"),
      row(2014, 11, 9.1, "below"),
      row(2015, 8, 8.9, "met"),
      row(2014, 4, 3.79, "met", { indicator: "unemployment", ceiling: true, comparator: "<=" }),
      row(2015, 4, null, null, { indicator: "unemployment", ceiling: true, comparator: "<=" }),
      row(2013, 600, 607, "met", { indicator: "tourists", growth: false, unit: "人次" }),
    ]);
    expect(gdp.points.map((p) => [p.year, p.met, p.next])).toEqual([
      [2012, false, "lowered"],
      [2013, false, "lowered"],
      [2014, false, "lowered"],
      [2015, true, null],
    ]);
    expect(rest.map((s) => s.indicator)).toEqual(["unemployment"]);
    expect(rest[0].points[0].next).toBe("kept");
    expect(rest[0].points[1].reported).toBeNull();
    expect(gdp.points.map((p) => p.outcome)).toEqual(["missed", "missed", "missed", "met"]);
  });

  it("tells a multi-year figure, a review without a figure and a plan not yet reviewed apart", () => {
    const [gdp] = buildIndicatorSeries([
      row(2014, 14, 14.9, "unclear"), // 年均增长14.9%: a five-year average, not the year's
      row(2015, 11.5, null, null), // the review gives no figure
      row(2016, 9, null, null, { sourceYear: null }), // no review yet
    ]);
    expect(gdp.points.map((p) => [p.met, p.outcome])).toEqual([
      [null, "not-annual"],
      [null, "no-figure"],
      [null, "no-review"],
    ]);
    expect(outcomeState(false, true, true)).toBe("missed");
  });

  it("reads exceeded as met for a floor and as missed for a ceiling; multi-year figures say nothing", () => {
    expect(outcomeMet("exceeded", false)).toBe(true);
    expect(outcomeMet("exceeded", true)).toBe(false);
    expect(outcomeMet("unclear", false)).toBeNull();
    expect(outcomeMet(null, false)).toBeNull();
  });
});
