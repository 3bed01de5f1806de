import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { suggestForPair } from "./suggest-for-pair";
import { toSuggestJson } from "./suggest-for-pledges";

const dir = path.resolve(__dirname, "../../seed/reports/hailar");
const plan = readFileSync(path.join(dir, "hailar_2015.txt"), "utf8");
const review = readFileSync(path.join(dir, "hailar_2016.txt"), "utf8");

describe("suggestForPair on hailar_2015 → hailar_2016 (the largest pair)", () => {
  const json = toSuggestJson(suggestForPair(plan, review, { top: 2 }));

  it("anchors every pledge in the plan and every suggestion in the review's 工作回顾 section", () => {
    const reviewStart = review.indexOf("一、“十二五”时期和2015年工作回顾");
    const reviewEnd = review.indexOf("二、“十三五”");
    expect(json.pledges.length).toBeGreaterThan(100);
    for (const p of json.pledges) {
      expect(plan.slice(p.start, p.end)).toBe(p.text);
      expect(p.suggestions.length).toBeLessThanOrEqual(2);
      for (const s of p.suggestions) {
        expect(review.slice(s.start, s.end)).toBe(s.text);
        expect(s.start).toBeGreaterThanOrEqual(reviewStart);
        expect(s.end).toBeLessThanOrEqual(reviewEnd);
        for (const t of s.terms) expect(s.text).toContain(t);
      }
    }
  });

  it("finds the evidence of a named project and of a headline target", () => {
    const find = (needle: string) => json.pledges.find((p) => p.text.includes(needle))!;
    expect(find("黑羊站水厂").suggestions[0].text).toContain("黑羊站水厂改扩建工程开工建设");
    const tourism = find("旅游接待人数突破600万人次");
    expect(tourism.suggestions[0].text).toContain("607万人次");
    expect(tourism.suggestions[0].comparison?.verdict).toBe("met");
  });
});

describe("suggestForPair when the review report's sections are not recognised", () => {
  it("still suggests from the whole report: an unrecognised review heading", () => {
    const renamed = review.replace("一、“十二五”时期和2015年工作回顾", "一、五年来的主要成绩");
    const json = toSuggestJson(suggestForPair(plan, renamed, { top: 1 }));
    const gdp = json.pledges.find((p) => p.text.includes("地区生产总值"));
    expect(gdp?.suggestions[0]?.text).toContain("地区生产总值");
  });
  it("still suggests from a review report that has no plan of its own", () => {
    const cut = review.slice(0, review.indexOf("二、“十三五”"));
    const json = toSuggestJson(suggestForPair(plan, cut, { top: 1 }));
    expect(json.pledges.filter((p) => p.suggestions.length > 0).length).toBeGreaterThan(100);
    for (const p of json.pledges)
      for (const s of p.suggestions) expect(cut.slice(s.start, s.end)).toBe(s.text);
  });
});
