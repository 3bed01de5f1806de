import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseReport } from "../report/parse-report";
import { findReviewRange } from "./suggest-for-pair";
import { headlineTargets, indicatorOutcomes } from "./indicator-outcomes";

const hailar = (year: number) =>
  readFileSync(path.join(__dirname, "../../seed/reports/hailar", `hailar_${year}.txt`), "utf8");

describe("indicatorOutcomes (Hailar plans against the next year's review)", () => {
  const outcomesOf = (year: number) => {
    const plan = parseReport(hailar(year));
    const review = hailar(year + 1);
    return indicatorOutcomes(
      plan.pledges.map((p) => ({ id: p.id, text: p.text, target: p.target })),
      review,
      findReviewRange(parseReport(review)),
    );
  };

  it("reads each headline target's figure from the review, for the same indicator and kind of figure", () => {
    const o2012 = outcomesOf(2012);
    const gdpGrowth = o2012.find((o) => o.indicator === "gdp" && o.growth)!;
    expect(gdpGrowth).toMatchObject({
      value: 21,
      unit: "%",
      reported: { value: 18.5 },
      verdict: "below",
    });
    expect(gdpGrowth.reported!.quote.text).toContain("全年地区生产总值完成235.2亿元");
    expect(hailar(2013).slice(gdpGrowth.reported!.quote.start, gdpGrowth.reported!.quote.end)).toBe(
      gdpGrowth.reported!.quote.text,
    );
    expect(o2012.find((o) => o.indicator === "gdp" && !o.growth)).toMatchObject({
      value: 240e8,
      unit: "元",
      reported: { value: 235.2e8 },
    });
    // the review gives no investment figure: none rather than another indicator's
    expect(o2012.find((o) => o.indicator === "fixed-investment" && o.growth)).toMatchObject({
      reported: null,
      verdict: null,
    });
    // a ceiling: unemployment 4% at most, 3.79% reported
    expect(outcomesOf(2014).find((o) => o.indicator === "unemployment")).toMatchObject({
      ceiling: true,
      reported: { value: 3.79 },
      verdict: "met",
    });
  });

  it("one target of two indicators gives one row each; a plan without a review gives targets without figures", () => {
    const income = headlineTargets({ id: "p", text: "城乡居民可支配收入增长18%" });
    expect(income.map((h) => h.headline.indicator).sort()).toEqual([
      "rural-income",
      "urban-income",
    ]);
    const alone = indicatorOutcomes(
      [{ id: "p", text: "地区生产总值增长8%，达到296亿元" }],
      null,
      null,
    );
    expect(alone.map((o) => [o.indicator, o.growth, o.reported])).toEqual([
      ["gdp", true, null],
      ["gdp", false, null],
    ]);
    expect(
      indicatorOutcomes([{ id: "q", text: "加快中俄蒙国际物流园区建设" }], hailar(2016), {
        start: 0,
        end: 100,
      }),
    ).toEqual([]);
  });
});
